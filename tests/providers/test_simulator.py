"""The built-in simulator: deterministic, varied prose; honest usage; tools; stream framing."""

from __future__ import annotations

import orjson
import pytest

from gatehouse.errors import UpstreamStatusError, UpstreamTimeout
from gatehouse.providers.base import Deployment, Endpoint, ProviderCredentials, Timeouts
from gatehouse.providers.client import ProviderClient
from gatehouse.providers.simulator import (
    SIM_FINGERPRINT,
    SimulatorAdapter,
    SimulatorEngine,
    SimulatorOptions,
    SimulatorTransport,
    count_tokens,
)

DEP = Deployment("gpt-4o@sim/local#0", "gpt-4o", "simulator", "gpt-4o", "local")
T = Timeouts()


def client(**options) -> ProviderClient:
    return ProviderClient("simulator", SimulatorAdapter(ProviderCredentials()),
                          SimulatorTransport(SimulatorOptions.from_dict(options)))


def chat(text: str, **extra) -> dict:
    return {"model": "gpt-4o", "messages": [{"role": "user", "content": text}], **extra}


def test_prose_is_deterministic_varied_and_on_topic() -> None:
    eng = SimulatorEngine(SimulatorOptions())
    a, _ = eng.prose("glaciers and fjords of Norway", 1, 200)
    assert a == eng.prose("glaciers and fjords of Norway", 1, 200)[0]
    assert a != eng.prose("glaciers and fjords of Norway", 2, 200)[0]
    assert any(w in a.lower() for w in ("glaciers", "fjords", "norway"))
    sentences = [s for s in a.split(".") if s.strip()]
    assert len(set(sentences)) == len(sentences)  # not repeated filler
    cut, finish = eng.prose("glaciers", 1, 5)
    assert finish == "length" and count_tokens(cut) == 5


async def test_complete_usage_and_fingerprint() -> None:
    c = client()
    out, usage = await c.complete(Endpoint.CHAT, chat("Tell me about owls", max_tokens=12), DEP, T)
    assert out["system_fingerprint"] == SIM_FINGERPRINT and out["model"] == "gpt-4o"
    text = out["choices"][0]["message"]["content"]
    assert usage is not None and usage.completion_tokens == count_tokens(text) <= 12


async def test_stream_matches_non_stream_and_reports_usage() -> None:
    c = client()
    out, usage = await c.complete(Endpoint.CHAT, chat("Explain tides", seed=4), DEP, T)
    s = await c.open_stream(Endpoint.CHAT, chat("Explain tides", seed=4, stream=True), DEP, T)
    chunks = [x async for x in s]
    text = "".join(x["choices"][0]["delta"].get("content") or "" for x in chunks if x["choices"])
    assert text == out["choices"][0]["message"]["content"]
    assert s.usage is not None and usage is not None and s.usage.completion_tokens == usage.completion_tokens


async def test_tool_call_when_required() -> None:
    tools = [{"type": "function", "function": {"name": "lookup", "parameters": {
        "type": "object", "properties": {"n": {"type": "integer"}, "q": {"type": "string"}}}}}]
    out, _ = await client().complete(Endpoint.CHAT, chat("find it", tools=tools, tool_choice="required"), DEP, T)
    call = out["choices"][0]["message"]["tool_calls"][0]
    assert out["choices"][0]["finish_reason"] == "tool_calls"
    assert set(orjson.loads(call["function"]["arguments"])) == {"n", "q"}


async def test_errors_and_latency() -> None:
    with pytest.raises(UpstreamStatusError):
        await client(error_rate=1.0).complete(Endpoint.CHAT, chat("x"), DEP, T)
    with pytest.raises(UpstreamTimeout):
        await client(latency_ms=500).complete(Endpoint.CHAT, chat("x"), DEP, Timeouts(first_byte_s=0.05))


async def test_embeddings_and_legacy_completions() -> None:
    c = client(embedding_dims=8)
    out, usage = await c.complete(Endpoint.EMBEDDINGS, {"model": "e", "input": "hello world"}, DEP, T)
    vec = out["data"][0]["embedding"]
    assert len(vec) == 8 and abs(sum(v * v for v in vec) - 1) < 1e-9 and usage is not None
    out, _ = await c.complete(Endpoint.COMPLETIONS, {"model": "m", "prompt": "Once upon", "max_tokens": 6}, DEP, T)
    assert out["object"] == "text_completion" and out["choices"][0]["text"]
