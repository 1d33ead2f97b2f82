"""The Azure OpenAI translator: deployment URLs, api-version, api-key, and round trips
against the Azure wire-format fake (content-filter annotations, Azure error bodies)."""

from __future__ import annotations

import orjson
import pytest

from gatehouse.errors import UpstreamStatusError, UpstreamTimeout
from gatehouse.providers.azure_openai import DEFAULT_API_VERSION, AzureOpenAIAdapter
from gatehouse.providers.base import Deployment, Endpoint, ProviderCredentials, SSEEvent, Timeouts
from gatehouse.providers.client import ProviderClient
from gatehouse.providers.registry import PROVIDER_KINDS
from gatehouse.providers.transport import HttpTransport
from tests.fakes import AzureFake
from tests.fakes.fixtures import azure_fake  # noqa: F401  (fixture)

DEP = Deployment("gpt-4o@azure/sweden-central#0", "gpt-4o", "azure", "gpt4o-prod", "sweden-central")
FAST = Timeouts(connect_s=2, first_byte_s=2, idle_s=0.5, total_s=5)
CHAT = {"model": "gpt-4o", "messages": [{"role": "user", "content": "Summarize the rules of chess"}]}


def adapter(base_url: str = "https://contoso.openai.azure.com", key: str | None = "az-key",
            api_version: str | None = None) -> AzureOpenAIAdapter:
    return AzureOpenAIAdapter(ProviderCredentials(api_key=key, base_url=base_url, api_version=api_version))


def test_registered_kind_builds_this_adapter() -> None:
    made = PROVIDER_KINDS["azure_openai"].adapter(ProviderCredentials(base_url="https://x"))
    assert isinstance(made, AzureOpenAIAdapter)


def test_deployment_urls_and_headers() -> None:
    req = adapter(api_version="2024-06-01").request_body(Endpoint.CHAT, dict(CHAT, stream=True), DEP, True)
    assert req.url == "https://contoso.openai.azure.com/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-06-01"
    assert req.headers["api-key"] == "az-key" and "authorization" not in req.headers
    assert orjson.loads(req.body)["stream_options"] == {"include_usage": True}
    default = adapter("https://contoso.openai.azure.com/openai/").request_body(Endpoint.EMBEDDINGS, {"model": "e", "input": "x"}, DEP, False)
    assert default.url == f"https://contoso.openai.azure.com/openai/deployments/gpt4o-prod/embeddings?api-version={DEFAULT_API_VERSION}"
    odd = Deployment("d", "gpt-4o", "azure", "my deployment/1", "r")
    assert "/deployments/my%20deployment%2F1/" in adapter().url(Endpoint.CHAT, odd)
    v1 = adapter(api_version="v1").request_body(Endpoint.CHAT, CHAT, DEP, False)
    assert v1.url == "https://contoso.openai.azure.com/openai/v1/chat/completions"
    assert orjson.loads(v1.body)["model"] == "gpt4o-prod"


def test_stream_decoder_drops_prompt_filter_chunk() -> None:
    dec = adapter().stream_decoder(Endpoint.CHAT, DEP)
    assert dec.feed(SSEEvent('{"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[]}')) == []
    out = dec.feed(SSEEvent('{"id":"c","choices":[{"index":0,"delta":{"content":"Hi"}}],"model":"gpt-4o-2024-08-06"}'))
    assert out[0]["model"] == "gpt-4o"
    usage = dec.feed(SSEEvent('{"id":"c","choices":[],"usage":{"prompt_tokens":2,"completion_tokens":1,"total_tokens":3}}'))
    assert usage and dec.usage is not None and dec.usage.total_tokens == 3


def test_azure_error_bodies() -> None:
    a = adapter()
    cf = a.response_error(400, b'{"error":{"message":"The response was filtered","type":null,"param":"prompt","code":"content_filter","status":400}}')
    assert (cf.status_code, cf.code, cf.param) == (400, "content_filter", "prompt")
    auth = a.response_error(401, b'{"error":{"code":"401","message":"Access denied due to invalid subscription key"}}')
    assert auth.status_code == 502 and "subscription" not in auth.message


def client_for(fake: AzureFake, key: str | None = None) -> ProviderClient:
    return ProviderClient("azure", adapter(fake.base_url, key or fake.api_key), HttpTransport())


async def test_round_trip_non_stream_and_stream(azure_fake: AzureFake) -> None:
    client = client_for(azure_fake)
    try:
        out, usage = await client.complete(Endpoint.CHAT, dict(CHAT, seed=1), DEP, FAST)
        stream = await client.open_stream(Endpoint.CHAT, dict(CHAT, seed=1, stream=True), DEP, FAST)
        chunks = [c async for c in stream]
    finally:
        await client.aclose()
    assert out["model"] == "gpt-4o" and out["prompt_filter_results"]
    assert out["choices"][0]["content_filter_results"]["hate"]["filtered"] is False
    assert usage is not None and usage.completion_tokens > 0
    assert all(c["choices"] or c.get("usage") for c in chunks)
    text = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks if c["choices"])
    assert text == out["choices"][0]["message"]["content"]
    sent = azure_fake.requests[-1]
    assert sent.path == "/openai/deployments/gpt4o-prod/chat/completions"
    assert sent.query == {"api-version": DEFAULT_API_VERSION} and sent.headers["api-key"] == azure_fake.api_key


async def test_unknown_deployment_wrong_key_and_behaviours(azure_fake: AzureFake) -> None:
    client = client_for(azure_fake)
    wrong = client_for(azure_fake, key="nope")
    try:
        with pytest.raises(UpstreamStatusError) as e:
            await client.complete(Endpoint.CHAT, CHAT, Deployment("d", "gpt-4o", "azure", "missing", "r"), FAST)
        assert e.value.status_code == 400 and e.value.code == "DeploymentNotFound"
        with pytest.raises(UpstreamStatusError) as e:
            await wrong.complete(Endpoint.CHAT, CHAT, DEP, FAST)
        assert e.value.status_code == 502
        with pytest.raises(UpstreamStatusError) as e:
            await client.complete(Endpoint.CHAT, CHAT, Deployment("d", "gpt-4o", "azure", "mini~error-429", "r"), FAST)
        assert e.value.status_code == 429
        with pytest.raises(UpstreamStatusError) as e:
            await client.complete(Endpoint.CHAT, CHAT, Deployment("d", "gpt-4o", "azure", "mini~error-400", "r"), FAST)
        assert e.value.code == "content_filter"
        with pytest.raises(UpstreamTimeout):
            await client.complete(Endpoint.CHAT, CHAT, Deployment("d", "gpt-4o", "azure", "mini~slow-5", "r"), FAST)
    finally:
        await client.aclose()
        await wrong.aclose()
