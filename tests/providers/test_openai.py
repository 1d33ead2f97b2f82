"""The OpenAI translator: recorded bodies, then round trips through ProviderClient against
the OpenAI wire-format fake (non-stream, stream, tool calls, errors, timeouts)."""

from __future__ import annotations

import orjson
import pytest

from gatehouse.errors import UpstreamError, UpstreamStatusError, UpstreamTimeout
from gatehouse.providers.base import Deployment, Endpoint, ProviderCredentials, SSEEvent, Timeouts
from gatehouse.providers.client import ProviderClient
from gatehouse.providers.openai import OpenAIAdapter, OpenAIStreamDecoder
from gatehouse.providers.transport import HttpTransport
from tests.fakes import OpenAIFake
from tests.fakes.fixtures import openai_fake  # noqa: F401  (fixture)

DEP = Deployment("gpt-4o@openai/us-east#0", "gpt-4o", "openai", "gpt-4o-2024-08-06", "us-east")
FAST = Timeouts(connect_s=2, first_byte_s=2, idle_s=0.5, total_s=5)
CHAT = {"model": "gpt-4o", "messages": [{"role": "user", "content": "Describe the harbour at dawn"}]}


def adapter(base_url: str = "https://api.openai.com/v1", key: str | None = "sk-test") -> OpenAIAdapter:
    return OpenAIAdapter(ProviderCredentials(api_key=key, base_url=base_url))


def test_request_urls_headers_and_model() -> None:
    a = adapter()
    req = a.request_body(Endpoint.CHAT, dict(CHAT, stream=True), DEP, True)
    assert req.url == "https://api.openai.com/v1/chat/completions"
    assert req.headers["authorization"] == "Bearer sk-test"
    body = orjson.loads(req.body)
    assert body["model"] == "gpt-4o-2024-08-06"
    assert body["stream_options"] == {"include_usage": True}
    assert a.request_body(Endpoint.EMBEDDINGS, {"model": "e", "input": "x"}, DEP, False).url.endswith("/v1/embeddings")
    assert a.request_body(Endpoint.COMPLETIONS, {"model": "e", "prompt": "x"}, DEP, False).url.endswith("/v1/completions")
    assert "authorization" not in adapter(key=None).request_body(Endpoint.CHAT, CHAT, DEP, False).headers


RECORDED = b"""{"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion","created":1741570283,
"model":"gpt-4o-2024-08-06","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
{"id":"call_abc","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}],
"refusal":null},"logprobs":null,"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":1117,"completion_tokens":46,
"total_tokens":1163,"prompt_tokens_details":{"cached_tokens":1024,"audio_tokens":0}},"system_fingerprint":"fp_fc9f1d7035"}"""


def test_response_body_keeps_tool_calls_and_reads_usage() -> None:
    out, usage = adapter().response_body(Endpoint.CHAT, RECORDED, DEP)
    assert out["model"] == "gpt-4o"
    assert out["choices"][0]["message"]["tool_calls"][0]["function"]["name"] == "get_weather"
    assert usage is not None and (usage.prompt_tokens, usage.completion_tokens, usage.cached_tokens) == (1117, 46, 1024)
    with pytest.raises(UpstreamError):
        adapter().response_body(Endpoint.CHAT, b"<html>", DEP)


def test_stream_decoder() -> None:
    dec = OpenAIStreamDecoder("gpt-4o")
    out = dec.feed(SSEEvent('{"id":"c","object":"chat.completion.chunk","model":"gpt-4o-2024","choices":[{"index":0,"delta":{"content":"Hi"}}]}'))
    assert out[0]["model"] == "gpt-4o" and out[0]["choices"][0]["delta"]["content"] == "Hi"
    dec.feed(SSEEvent('{"id":"c","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}'))
    assert dec.usage is not None and dec.usage.total_tokens == 4
    assert dec.feed(SSEEvent("[DONE]")) == [] and dec.done
    with pytest.raises(UpstreamError):
        OpenAIStreamDecoder("m").feed(SSEEvent("{bad"))
    with pytest.raises(UpstreamError):
        OpenAIStreamDecoder("m").feed(SSEEvent('{"error":{"message":"boom"}}'))


def test_error_bodies_pass_client_errors_and_hide_credentials() -> None:
    a = adapter()
    e = a.response_error(400, b'{"error":{"message":"Invalid value for temperature","type":"invalid_request_error","param":"temperature","code":"invalid_value"}}')
    assert (e.status_code, e.param, e.code, e.message) == (400, "temperature", "invalid_value", "Invalid value for temperature")
    e = a.response_error(401, b'{"error":{"message":"Incorrect API key provided: sk-test","type":"invalid_request_error"}}')
    assert e.status_code == 502 and "sk-test" not in e.message
    assert a.response_error(429, b"{}").status_code == 429
    assert a.response_error(503, b"not json").retryable


def client_for(fake: OpenAIFake, key: str | None = None) -> ProviderClient:
    return ProviderClient("openai", adapter(fake.v1, key or fake.api_key), HttpTransport())


async def test_round_trip_non_stream_and_stream(openai_fake: OpenAIFake) -> None:
    client = client_for(openai_fake)
    try:
        out, usage = await client.complete(Endpoint.CHAT, dict(CHAT, seed=7), DEP, FAST)
        stream = await client.open_stream(Endpoint.CHAT, dict(CHAT, seed=7, stream=True), DEP, FAST)
        chunks = [c async for c in stream]
        await stream.aclose()
    finally:
        await client.aclose()
    assert out["model"] == "gpt-4o" and usage is not None and usage.completion_tokens > 0
    text = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks if c["choices"])
    assert text == out["choices"][0]["message"]["content"]
    assert stream.usage is not None and stream.usage.completion_tokens == usage.completion_tokens
    sent = openai_fake.requests[-1]
    assert sent.headers["authorization"] == f"Bearer {openai_fake.api_key}"
    assert sent.body["model"] == "gpt-4o-2024-08-06" and sent.body["stream_options"] == {"include_usage": True}


async def test_round_trip_tool_calls_stream(openai_fake: OpenAIFake) -> None:
    client = client_for(openai_fake)
    tools = [{"type": "function", "function": {"name": "get_weather", "parameters": {
        "type": "object", "properties": {"city": {"type": "string"}}}}}]
    try:
        stream = await client.open_stream(Endpoint.CHAT, dict(CHAT, tools=tools, tool_choice="required", stream=True),
                                          DEP, FAST)
        chunks = [c async for c in stream]
    finally:
        await client.aclose()
    calls = [tc for c in chunks if c["choices"] for tc in c["choices"][0]["delta"].get("tool_calls") or ()]
    assert calls[0]["function"]["name"] == "get_weather"
    assert "city" in orjson.loads("".join(tc["function"].get("arguments") or "" for tc in calls))


async def test_embeddings_round_trip(openai_fake: OpenAIFake) -> None:
    client = client_for(openai_fake)
    try:
        out, usage = await client.complete(Endpoint.EMBEDDINGS, {"model": "e", "input": ["a b", "c"]}, DEP, FAST)
    finally:
        await client.aclose()
    assert len(out["data"]) == 2 and usage is not None and usage.prompt_tokens == 3


@pytest.mark.parametrize(("behaviour", "exc", "status"), [
    ("error-500", UpstreamStatusError, 502), ("error-429", UpstreamStatusError, 429),
    ("error-400", UpstreamStatusError, 400), ("slow-5", UpstreamTimeout, 504), ("malformed", UpstreamError, 502),
    ("drop", UpstreamError, 502), ("stall-3", UpstreamTimeout, 504),
])
async def test_round_trip_failures(openai_fake: OpenAIFake, behaviour: str, exc: type, status: int) -> None:
    client = client_for(openai_fake)
    dep = Deployment("d", "gpt-4o", "openai", f"gpt-x~{behaviour}", "r")
    try:
        with pytest.raises(exc) as e:
            await client.complete(Endpoint.CHAT, CHAT, dep, FAST)
    finally:
        await client.aclose()
    assert e.value.status_code == status and "127.0.0.1" not in e.value.message


async def test_wrong_key_and_dead_upstream(openai_fake: OpenAIFake) -> None:
    client = client_for(openai_fake, key="sk-wrong")
    dead = ProviderClient("openai", adapter("http://127.0.0.1:9/v1"), HttpTransport())
    try:
        with pytest.raises(UpstreamStatusError) as e:
            await client.complete(Endpoint.CHAT, CHAT, DEP, FAST)
        assert e.value.status_code == 502 and "sk-wrong" not in e.value.message
        with pytest.raises(UpstreamError) as e2:
            await dead.complete(Endpoint.CHAT, CHAT, DEP, FAST)
        assert "127.0.0.1" not in e2.value.message
    finally:
        await client.aclose()
        await dead.aclose()


@pytest.mark.parametrize(("behaviour", "exc"), [
    ("stall-3", UpstreamTimeout), ("drop", UpstreamError), ("malformed", UpstreamError), ("stream-error", UpstreamError),
])
async def test_stream_failures_mid_stream(openai_fake: OpenAIFake, behaviour: str, exc: type) -> None:
    client = client_for(openai_fake)
    dep = Deployment("d", "gpt-4o", "openai", f"gpt-x~{behaviour}", "r")
    got: list[dict] = []
    try:
        stream = await client.open_stream(Endpoint.CHAT, dict(CHAT, stream=True), dep, FAST)
        with pytest.raises(exc):
            async for c in stream:
                got.append(c)
        await stream.aclose()
    finally:
        await client.aclose()
    assert got
