"""End to end: the official openai SDK (sync and async, streaming and not, tools) against the
running gateway, through each adapter (openai, azure_openai, anthropic) to its wire-format fake."""

from __future__ import annotations

import json

import openai
import pytest

from gatehouse.config import DeploymentConfig, GatehouseConfig, ModelConfig, ProviderConfig, default_config
from tests.fakes import Fakes
from tests.fakes.fixtures import fakes_in_thread  # noqa: F401  (fixture)

PROVIDER_MODELS = ["oa-gpt", "az-gpt", "claude"]
TOOLS = [{"type": "function", "function": {
    "name": "get_weather", "description": "Current weather for a city",
    "parameters": {"type": "object", "properties": {"city": {"type": "string"}, "days": {"type": "integer"}},
                   "required": ["city"]}}}]


def _model(provider: str, upstream: str, **extra: object) -> ModelConfig:
    return ModelConfig(deployments=[DeploymentConfig(provider=provider, model=upstream, region="us-east")], **extra)


def adapters_config(fakes: Fakes) -> GatehouseConfig:
    cfg = default_config()
    cfg.logging.flush_interval_s = 0.05
    cfg.routing.backoff_base_s = 0.0
    cfg.routing.retries = 1
    cfg.routing.timeouts.first_byte_s = 1.0
    cfg.routing.timeouts.idle_s = 0.5
    cfg.providers.update({
        "openai-fake": ProviderConfig(kind="openai", base_url=fakes.openai.v1, api_key_env="E2E_OPENAI_KEY"),
        "azure-fake": ProviderConfig(kind="azure_openai", base_url=fakes.azure.base_url, api_key_env="E2E_AZURE_KEY",
                                     api_version="2024-10-21"),
        "anthropic-fake": ProviderConfig(kind="anthropic", base_url=fakes.anthropic.base_url,
                                         api_key_env="E2E_ANTHROPIC_KEY"),
    })
    cfg.models.update({
        "oa-gpt": _model("openai-fake", "gpt-4o-2024-08-06", family="openai"),
        "az-gpt": _model("azure-fake", "gpt4o-prod", family="openai"),
        "az-embed": _model("azure-fake", "mini", family="openai", kind="embedding"),
        "claude": _model("anthropic-fake", "claude-sonnet-4-5", family="anthropic"),
        "claude-overloaded": _model("anthropic-fake", "claude-sonnet-4-5~error-529", family="anthropic"),
        "claude-busy": _model("anthropic-fake", "claude-sonnet-4-5~error-529", family="anthropic", fallback="claude"),
        "claude-slow": _model("anthropic-fake", "claude-sonnet-4-5~slow-5", family="anthropic"),
        "claude-stall": _model("anthropic-fake", "claude-sonnet-4-5~stall-5", family="anthropic"),
        "az-throttled": _model("azure-fake", "gpt4o-prod~error-429", family="openai"),
        "oa-drop": _model("openai-fake", "gpt-4o~drop", family="openai"),
    })
    return cfg


@pytest.fixture
def gw(gateway_server, fakes_in_thread: Fakes, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("E2E_OPENAI_KEY", fakes_in_thread.openai.api_key)
    monkeypatch.setenv("E2E_AZURE_KEY", fakes_in_thread.azure.api_key)
    monkeypatch.setenv("E2E_ANTHROPIC_KEY", fakes_in_thread.anthropic.api_key)
    return gateway_server(adapters_config(fakes_in_thread))


@pytest.fixture
def sdk(gw) -> openai.OpenAI:
    return openai.OpenAI(base_url=gw.v1, api_key=gw.demo_key, max_retries=0)


@pytest.mark.parametrize("model", PROVIDER_MODELS)
def test_sync_chat(sdk: openai.OpenAI, fakes_in_thread: Fakes, model: str) -> None:
    r = sdk.chat.completions.create(model=model, max_tokens=40, temperature=0.5, messages=[
        {"role": "system", "content": "Be brief."}, {"role": "user", "content": "Describe the harbour at dawn"}])
    assert r.model == model
    assert r.choices[0].message.content and r.choices[0].finish_reason in ("stop", "length")
    assert r.usage is not None and 0 < r.usage.completion_tokens <= 40 and r.usage.prompt_tokens > 0
    if model == "claude":
        sent = fakes_in_thread.anthropic.requests[-1]
        assert sent.body["system"] == "Be brief." and sent.body["max_tokens"] == 40
        assert sent.headers["x-api-key"] == fakes_in_thread.anthropic.api_key


@pytest.mark.parametrize("model", PROVIDER_MODELS)
def test_sync_stream_with_usage(sdk: openai.OpenAI, model: str) -> None:
    full = sdk.chat.completions.create(model=model, seed=3, messages=[{"role": "user", "content": "Tell me about glaciers"}])
    stream = sdk.chat.completions.create(model=model, seed=3, stream=True, stream_options={"include_usage": True},
                                         messages=[{"role": "user", "content": [{"type": "text", "text": "Tell me about glaciers"}]}])
    text, usage, finish = "", None, None
    for chunk in stream:
        assert chunk.model == model
        if chunk.usage:
            usage = chunk.usage
        for ch in chunk.choices:
            text += ch.delta.content or ""
            finish = ch.finish_reason or finish
    assert text == full.choices[0].message.content and finish == "stop"
    assert usage is not None and full.usage is not None and usage.completion_tokens == full.usage.completion_tokens


@pytest.mark.parametrize("model", PROVIDER_MODELS)
def test_stream_without_include_usage_has_no_usage(sdk: openai.OpenAI, model: str) -> None:
    chunks = list(sdk.chat.completions.create(model=model, stream=True, max_tokens=10,
                                              messages=[{"role": "user", "content": "hello there"}]))
    assert chunks and all(c.usage is None for c in chunks)


@pytest.mark.parametrize("model", PROVIDER_MODELS)
async def test_async_chat_and_stream(gw, model: str) -> None:
    client = openai.AsyncOpenAI(base_url=gw.v1, api_key=gw.demo_key, max_retries=0)
    try:
        r = await client.chat.completions.create(model=model, messages=[{"role": "user", "content": "Explain tides"}])
        stream = await client.chat.completions.create(model=model, stream=True,
                                                      messages=[{"role": "user", "content": "Explain tides"}])
        text = "".join([c.choices[0].delta.content or "" async for c in stream if c.choices])
    finally:
        await client.close()
    assert r.choices[0].message.content == text


@pytest.mark.parametrize("model", PROVIDER_MODELS)
def test_tool_call_round_trip(sdk: openai.OpenAI, model: str) -> None:
    messages: list = [{"role": "user", "content": "What is the weather in Oslo?"}]
    r = sdk.chat.completions.create(model=model, messages=messages, tools=TOOLS, tool_choice="required")
    msg = r.choices[0].message
    assert r.choices[0].finish_reason == "tool_calls" and msg.tool_calls
    call = msg.tool_calls[0]
    assert call.function.name == "get_weather" and "city" in json.loads(call.function.arguments)
    messages.append(msg.model_dump(exclude_none=True))
    messages.append({"role": "tool", "tool_call_id": call.id, "content": "3C and snowing"})
    final = sdk.chat.completions.create(model=model, messages=messages, tools=TOOLS)
    assert final.choices[0].finish_reason == "stop" and final.choices[0].message.content


@pytest.mark.parametrize("model", PROVIDER_MODELS)
def test_tool_call_stream(sdk: openai.OpenAI, model: str) -> None:
    stream = sdk.chat.completions.create(model=model, stream=True, tools=TOOLS,
                                         tool_choice={"type": "function", "function": {"name": "get_weather"}},
                                         messages=[{"role": "user", "content": "Weather in Lima for three days"}])
    name, args, finish = "", "", None
    for chunk in stream:
        for ch in chunk.choices:
            for tc in ch.delta.tool_calls or ():
                assert tc.index == 0
                name += tc.function.name or "" if tc.function else ""
                args += tc.function.arguments or "" if tc.function else ""
            finish = ch.finish_reason or finish
    assert name == "get_weather" and finish == "tool_calls"
    assert {"city", "days"} <= set(json.loads(args))


def test_azure_embeddings(sdk: openai.OpenAI, fakes_in_thread: Fakes) -> None:
    r = sdk.embeddings.create(model="az-embed", input=["red sky", "at night"])
    assert len(r.data) == 2 and r.usage.prompt_tokens > 0
    assert fakes_in_thread.azure.requests[-1].path == "/openai/deployments/mini/embeddings"


def test_anthropic_overloaded_is_502_without_leaks(sdk: openai.OpenAI, fakes_in_thread: Fakes) -> None:
    with pytest.raises(openai.APIStatusError) as e:
        sdk.chat.completions.create(model="claude-overloaded", messages=[{"role": "user", "content": "hi"}])
    assert e.value.status_code == 502
    assert fakes_in_thread.anthropic.requests[-1].body["model"].endswith("~error-529")
    text = e.value.response.text
    assert "127.0.0.1" not in text and fakes_in_thread.anthropic.api_key not in text


def test_anthropic_overloaded_falls_back(sdk: openai.OpenAI) -> None:
    r = sdk.chat.completions.create(model="claude-busy", messages=[{"role": "user", "content": "hi there"}])
    assert r.choices[0].message.content


def test_anthropic_bad_request_is_400_with_the_parameter(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as e:
        sdk.chat.completions.create(model="claude", n=2, messages=[{"role": "user", "content": "hi"}])
    assert e.value.body["param"] == "n"  # type: ignore[index]


def test_azure_429_passes_as_429(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.RateLimitError):
        sdk.chat.completions.create(model="az-throttled", messages=[{"role": "user", "content": "hi"}])


def test_slow_upstream_is_504(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.APIStatusError) as e:
        sdk.chat.completions.create(model="claude-slow", messages=[{"role": "user", "content": "hi"}])
    assert e.value.status_code == 504


def test_dropped_connection_is_502(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.APIStatusError) as e:
        sdk.chat.completions.create(model="oa-drop", messages=[{"role": "user", "content": "hi"}])
    assert e.value.status_code == 502


def test_stall_mid_stream_ends_with_an_error_event(sdk: openai.OpenAI) -> None:
    stream = sdk.chat.completions.create(model="claude-stall", stream=True, messages=[{"role": "user", "content": "hi"}])
    got = []
    with pytest.raises(openai.APIError):
        for chunk in stream:
            got.append(chunk)
    assert got and got[0].choices[0].delta.role == "assistant"
