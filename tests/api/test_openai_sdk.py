"""The official openai SDK against the running gateway on the simulator."""

from __future__ import annotations

import openai
import pytest

from gatehouse.providers.simulator import SIM_FINGERPRINT


@pytest.fixture
def gw(gateway_server, sim_config):
    return gateway_server(sim_config)


def test_chat_sync(gw) -> None:
    client = openai.OpenAI(base_url=gw.v1, api_key=gw.demo_key, max_retries=0)
    r = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Describe the harbour at dawn"}])
    assert r.choices[0].message.content
    assert r.choices[0].finish_reason == "stop"
    assert r.system_fingerprint == SIM_FINGERPRINT
    assert r.usage and r.usage.completion_tokens > 0 and r.usage.prompt_tokens > 0
    assert r.model == "gpt-4o"


def test_chat_deterministic_and_varied(gw) -> None:
    client = openai.OpenAI(base_url=gw.v1, api_key=gw.demo_key, max_retries=0)

    def ask(text: str, seed: int) -> str:
        r = client.chat.completions.create(model="gpt-4o", seed=seed, messages=[{"role": "user", "content": text}])
        return r.choices[0].message.content or ""

    a = ask("Summarize the history of railway signalling", 1)
    assert a == ask("Summarize the history of railway signalling", 1)
    assert a != ask("Summarize the history of railway signalling", 2)
    assert a != ask("Explain photosynthesis in desert plants", 1)


def test_chat_stream_with_usage(gw) -> None:
    client = openai.OpenAI(base_url=gw.v1, api_key=gw.demo_key, max_retries=0)
    stream = client.chat.completions.create(
        model="gpt-4o-mini", stream=True, stream_options={"include_usage": True}, max_tokens=20,
        messages=[{"role": "system", "content": "Be brief."}, {"role": "user", "content": [{"type": "text", "text": "Tell me about glaciers"}]}],
    )
    text, usage, finish = "", None, None
    for chunk in stream:
        if chunk.usage:
            usage = chunk.usage
        for ch in chunk.choices:
            text += ch.delta.content or ""
            finish = ch.finish_reason or finish
    assert text and finish == "length"
    assert usage is not None and usage.completion_tokens == 20


def test_stream_without_usage_hides_usage_chunk(gw) -> None:
    client = openai.OpenAI(base_url=gw.v1, api_key=gw.demo_key, max_retries=0)
    chunks = list(client.chat.completions.create(model="gpt-4o", stream=True, max_tokens=5,
                                                 messages=[{"role": "user", "content": "hi there friend"}]))
    assert all(c.usage is None for c in chunks)
    assert all(c.choices for c in chunks)


async def test_chat_async_and_stream(gw) -> None:
    client = openai.AsyncOpenAI(base_url=gw.v1, api_key=gw.demo_key, max_retries=0)
    r = await client.chat.completions.create(model="deepseek-chat", messages=[{"role": "user", "content": "Compare rivers and canals"}], n=3)
    assert len(r.choices) == 3
    assert len({c.message.content for c in r.choices}) == 3
    parts = []
    async for chunk in await client.chat.completions.create(model="deepseek-chat", stream=True,
                                                            messages=[{"role": "user", "content": "Compare rivers"}]):
        parts.extend(c.delta.content or "" for c in chunk.choices)
    assert "".join(parts)
    await client.close()


def test_tools_and_tool_calls(gw) -> None:
    client = openai.OpenAI(base_url=gw.v1, api_key=gw.demo_key, max_retries=0)
    tools = [{"type": "function", "function": {"name": "get_weather", "parameters": {
        "type": "object", "properties": {"city": {"type": "string"}, "days": {"type": "integer"}}}}}]
    r = client.chat.completions.create(model="gpt-4o", tools=tools, tool_choice="required",
                                       messages=[{"role": "user", "content": "Weather in Lisbon?"}])
    call = r.choices[0].message.tool_calls[0]
    assert r.choices[0].finish_reason == "tool_calls"
    assert call.function.name == "get_weather" and "city" in call.function.arguments
    stream = client.chat.completions.create(model="gpt-4o", tools=tools, tool_choice="required", stream=True,
                                            messages=[{"role": "user", "content": "Weather in Lisbon?"}])
    args = ""
    for chunk in stream:
        for ch in chunk.choices:
            for tc in ch.delta.tool_calls or []:
                args += tc.function.arguments or ""
    assert "city" in args


def test_logprobs_and_json_mode(gw) -> None:
    client = openai.OpenAI(base_url=gw.v1, api_key=gw.demo_key, max_retries=0)
    r = client.chat.completions.create(model="gpt-4o", logprobs=True, top_logprobs=2, max_tokens=5,
                                       messages=[{"role": "user", "content": "Name a colour"}])
    assert r.choices[0].logprobs and len(r.choices[0].logprobs.content[0].top_logprobs) == 2
    r = client.chat.completions.create(model="gpt-4o", response_format={"type": "json_object"},
                                       messages=[{"role": "user", "content": "Give JSON about owls"}])
    import json

    assert isinstance(json.loads(r.choices[0].message.content), dict)


def test_models_completions_embeddings(gw) -> None:
    client = openai.OpenAI(base_url=gw.v1, api_key=gw.demo_key, max_retries=0)
    ids = {m.id for m in client.models.list()}
    assert {"gpt-4o", "gpt-4o-mini", "claude-sonnet", "deepseek-chat"} <= ids
    assert client.models.retrieve("gpt-4o").id == "gpt-4o"
    c = client.completions.create(model="gpt-4o-mini", prompt="Once upon a time", max_tokens=10)
    assert c.choices[0].text and c.usage.completion_tokens == 10
    e = client.embeddings.create(model="text-embedding-3-small", input=["a", "b c"])
    assert len(e.data) == 2 and len(e.data[0].embedding) > 0


def test_health(gw) -> None:
    import httpx

    assert httpx.get(gw.base_url + "/healthz").json() == {"status": "ok"}
    r = httpx.get(gw.base_url + "/readyz")
    assert r.status_code == 200 and r.json()["store"] is True
