"""The Anthropic translator: pure translation of recorded bodies, then round trips through
ProviderClient against the wire-format fake (and the fake checked by the official SDK)."""

from __future__ import annotations

import orjson
import pytest

from gatehouse.errors import InvalidRequest, UpstreamError, UpstreamStatusError, UpstreamTimeout
from gatehouse.providers.anthropic import AnthropicAdapter, AnthropicStreamDecoder
from gatehouse.providers.base import Deployment, Endpoint, ProviderCredentials, SSEEvent, Timeouts
from gatehouse.providers.client import ProviderClient
from gatehouse.providers.sse import SSEParser
from gatehouse.providers.transport import HttpTransport
from tests.fakes import AnthropicFake
from tests.fakes.fixtures import anthropic_fake  # noqa: F401  (fixture)

DEP = Deployment(id="claude@anthropic/us-east#0", public_model="claude-sonnet", provider="anthropic",
                 upstream_model="claude-sonnet-4-5", region="us-east")
FAST = Timeouts(connect_s=2, first_byte_s=2, idle_s=0.5, total_s=5)


def adapter(base_url: str = "https://api.anthropic.com", key: str | None = "sk-ant-test-key", **options) -> AnthropicAdapter:
    return AnthropicAdapter(ProviderCredentials(api_key=key, base_url=base_url, options=options))


def translate(body: dict, stream: bool = False, dep: Deployment = DEP) -> dict:
    req = adapter().request_body(Endpoint.CHAT, body, dep, stream)
    return orjson.loads(req.body)


# -- request translation --------------------------------------------------------------------

def test_request_url_headers_and_basics() -> None:
    req = adapter().request_body(Endpoint.CHAT, {"model": "claude-sonnet", "messages": [{"role": "user", "content": "hi"}]},
                                 DEP, False)
    assert req.url == "https://api.anthropic.com/v1/messages"
    assert req.headers["x-api-key"] == "sk-ant-test-key"
    assert req.headers["anthropic-version"] == "2023-06-01"
    assert "authorization" not in req.headers
    assert orjson.loads(req.body) == {"model": "claude-sonnet-4-5", "max_tokens": 4096,
                                      "messages": [{"role": "user", "content": [{"type": "text", "text": "hi"}]}]}
    assert adapter("https://proxy.example/v1").url() == "https://proxy.example/v1/messages"


def test_system_sampling_stop_user_and_max_tokens() -> None:
    out = translate({
        "model": "m", "temperature": 1.7, "top_p": 0.9, "stop": "END", "user": "u-42", "max_completion_tokens": 77,
        "max_tokens": 5, "seed": 3,
        "messages": [{"role": "system", "content": "Be brief."},
                     {"role": "developer", "content": [{"type": "text", "text": "Use metric units."}]},
                     {"role": "user", "content": "hello"}],
    }, stream=True)
    assert out["system"] == "Be brief.\n\nUse metric units."
    assert out["temperature"] == 1.0 and out["top_p"] == 0.9
    assert out["stop_sequences"] == ["END"]
    assert out["max_tokens"] == 77  # max_completion_tokens wins
    assert out["metadata"] == {"user_id": "u-42"}
    assert out["stream"] is True
    assert "seed" not in out and "stop" not in out
    assert translate({"model": "m", "max_tokens": 9, "stop": ["a", "b"],
                      "messages": [{"role": "user", "content": "x"}]})["stop_sequences"] == ["a", "b"]
    assert orjson.loads(adapter(default_max_tokens=1024).request_body(
        Endpoint.CHAT, {"model": "m", "messages": [{"role": "user", "content": "x"}]}, DEP, False).body)["max_tokens"] == 1024


def test_content_parts_and_images() -> None:
    out = translate({"model": "m", "messages": [{"role": "user", "content": [
        {"type": "text", "text": "What is in these?"},
        {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}},
        {"type": "image_url", "image_url": {"url": "https://example.com/cat.jpg", "detail": "low"}},
    ]}]})
    assert out["messages"][0]["content"] == [
        {"type": "text", "text": "What is in these?"},
        {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}},
        {"type": "image", "source": {"type": "url", "url": "https://example.com/cat.jpg"}},
    ]
    with pytest.raises(InvalidRequest) as e:
        translate({"model": "m", "messages": [{"role": "user", "content": [{"type": "input_audio", "input_audio": {}}]}]})
    assert e.value.param == "messages[0].content[0].type"


def test_tools_tool_choice_and_tool_round_trip_messages() -> None:
    tools = [{"type": "function", "function": {"name": "get_weather", "description": "Weather now",
                                               "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}},
             {"type": "function", "function": {"name": "noop"}}]
    msgs = [
        {"role": "user", "content": "Weather in Oslo and Lima?"},
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": '{"city": "Oslo"}'}},
            {"id": "call_2", "type": "function", "function": {"name": "get_weather", "arguments": '{"city": "Lima"}'}}]},
        {"role": "tool", "tool_call_id": "call_1", "content": "3C"},
        {"role": "tool", "tool_call_id": "call_2", "content": [{"type": "text", "text": "19C"}]},
        {"role": "user", "content": "Thanks"},
    ]
    out = translate({"model": "m", "messages": msgs, "tools": tools, "tool_choice": "required",
                     "parallel_tool_calls": False})
    assert out["tools"] == [
        {"name": "get_weather", "description": "Weather now",
         "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}}},
        {"name": "noop", "input_schema": {"type": "object", "properties": {}}},
    ]
    assert out["tool_choice"] == {"type": "any", "disable_parallel_tool_use": True}
    assert [m["role"] for m in out["messages"]] == ["user", "assistant", "user"]
    assert out["messages"][1]["content"] == [
        {"type": "tool_use", "id": "call_1", "name": "get_weather", "input": {"city": "Oslo"}},
        {"type": "tool_use", "id": "call_2", "name": "get_weather", "input": {"city": "Lima"}}]
    # both tool results and the next user text merge into one user turn
    assert out["messages"][2]["content"] == [
        {"type": "tool_result", "tool_use_id": "call_1", "content": "3C"},
        {"type": "tool_result", "tool_use_id": "call_2", "content": [{"type": "text", "text": "19C"}]},
        {"type": "text", "text": "Thanks"}]
    named = translate({"model": "m", "messages": msgs[:1], "tools": tools,
                       "tool_choice": {"type": "function", "function": {"name": "noop"}}})
    assert named["tool_choice"] == {"type": "tool", "name": "noop"}
    assert translate({"model": "m", "messages": msgs[:1], "tools": tools, "tool_choice": "none"})["tool_choice"] == {"type": "none"}
    assert "tool_choice" not in translate({"model": "m", "messages": msgs[:1], "tool_choice": "auto"})


def test_unsupported_requests_are_400_naming_the_parameter() -> None:
    with pytest.raises(InvalidRequest) as e:
        translate({"model": "m", "n": 2, "messages": [{"role": "user", "content": "x"}]})
    assert e.value.param == "n"
    with pytest.raises(InvalidRequest) as e:
        translate({"model": "m", "messages": [{"role": "system", "content": "only a system prompt"}]})
    assert e.value.param == "messages"
    with pytest.raises(InvalidRequest) as e:
        translate({"model": "m", "messages": [{"role": "assistant", "tool_calls": [
            {"id": "c", "type": "function", "function": {"name": "f", "arguments": "not json"}}]}]})
    assert e.value.param == "messages[0].tool_calls[0].function.arguments"
    with pytest.raises(InvalidRequest):
        adapter().request_body(Endpoint.EMBEDDINGS, {"model": "m", "input": "x"}, DEP, False)


# -- response translation (recorded bodies) ----------------------------------------------

RECORDED_TOOL_USE = b"""{"id":"msg_01Aq9w938a90dw8q","type":"message","role":"assistant","model":"claude-sonnet-4-5",
"content":[{"type":"text","text":"I'll check the weather."},{"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9",
"name":"get_weather","input":{"location":"San Francisco, CA","unit":"celsius"}}],"stop_reason":"tool_use",
"stop_sequence":null,"usage":{"input_tokens":472,"output_tokens":89,"cache_creation_input_tokens":10,
"cache_read_input_tokens":100}}"""


def test_response_with_tool_use_and_cached_usage() -> None:
    out, usage = adapter().response_body(Endpoint.CHAT, RECORDED_TOOL_USE, DEP)
    assert out["object"] == "chat.completion" and out["model"] == "claude-sonnet"
    choice = out["choices"][0]
    assert choice["finish_reason"] == "tool_calls"
    assert choice["message"]["content"] == "I'll check the weather."
    call = choice["message"]["tool_calls"][0]
    assert call["id"] == "toolu_01A09q90qw90lq917835lq9" and call["type"] == "function"
    assert call["function"]["name"] == "get_weather"
    assert orjson.loads(call["function"]["arguments"]) == {"location": "San Francisco, CA", "unit": "celsius"}
    assert usage is not None
    assert (usage.prompt_tokens, usage.completion_tokens, usage.cached_tokens) == (582, 89, 100)
    assert out["usage"] == {"prompt_tokens": 582, "completion_tokens": 89, "total_tokens": 671,
                            "prompt_tokens_details": {"cached_tokens": 100}}


@pytest.mark.parametrize(("stop_reason", "finish"), [
    ("end_turn", "stop"), ("stop_sequence", "stop"), ("max_tokens", "length"), ("tool_use", "tool_calls"),
    ("refusal", "content_filter"), ("something_new", "stop"),
])
def test_stop_reason_mapping(stop_reason: str, finish: str) -> None:
    raw = orjson.dumps({"id": "msg_1", "type": "message", "role": "assistant", "model": "x",
                        "content": [{"type": "text", "text": "hi"}], "stop_reason": stop_reason,
                        "stop_sequence": None, "usage": {"input_tokens": 1, "output_tokens": 1}})
    out, _ = adapter().response_body(Endpoint.CHAT, raw, DEP)
    assert out["choices"][0]["finish_reason"] == finish
    assert "tool_calls" not in out["choices"][0]["message"]


def test_malformed_response_is_upstream_error() -> None:
    for raw in (b"{not json", b"[]", b'{"type": "error"}'):
        with pytest.raises(UpstreamError):
            adapter().response_body(Endpoint.CHAT, raw, DEP)


# -- stream translation (a recorded stream) -----------------------------------------------

RECORDED_STREAM = b"""event: message_start
data: {"type":"message_start","message":{"id":"msg_014p7gG3wDgGV9EUtLvnow3U","type":"message","role":"assistant","model":"claude-sonnet-4-5","stop_sequence":null,"usage":{"input_tokens":472,"output_tokens":2,"cache_read_input_tokens":40},"content":[],"stop_reason":null}}

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

event: ping
data: {"type": "ping"}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Okay, let"}}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"'s check."}}

event: content_block_stop
data: {"type":"content_block_stop","index":0}

event: content_block_start
data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather","input":{}}}

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"location\\":"}}

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":" \\"Paris\\"}"}}

event: content_block_stop
data: {"type":"content_block_stop","index":1}

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}}

event: message_stop
data: {"type":"message_stop"}

"""


def decode(raw: bytes, split: int = 7) -> tuple[list[dict], AnthropicStreamDecoder]:
    dec = AnthropicStreamDecoder("claude-sonnet")
    parser = SSEParser()
    chunks: list[dict] = []
    for i in range(0, len(raw), split):  # split at awkward places, as TCP does
        for ev in parser.feed(raw[i:i + split]):
            chunks.extend(dec.feed(ev))
    for ev in parser.close():
        chunks.extend(dec.feed(ev))
    return chunks, dec


def test_stream_events_to_openai_chunks() -> None:
    chunks, dec = decode(RECORDED_STREAM)
    assert dec.done
    assert all(c["object"] == "chat.completion.chunk" and c["model"] == "claude-sonnet" for c in chunks)
    assert all(c["id"] == "msg_014p7gG3wDgGV9EUtLvnow3U" for c in chunks)
    assert chunks[0]["choices"][0]["delta"] == {"role": "assistant", "content": ""}
    text = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks if c["choices"])
    assert text == "Okay, let's check."
    calls = [tc for c in chunks if c["choices"] for tc in c["choices"][0]["delta"].get("tool_calls") or ()]
    assert calls[0] == {"index": 0, "id": "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "type": "function",
                        "function": {"name": "get_weather", "arguments": ""}}
    assert all(tc["index"] == 0 for tc in calls)
    assert orjson.loads("".join(tc["function"]["arguments"] for tc in calls)) == {"location": "Paris"}
    finish = [c["choices"][0]["finish_reason"] for c in chunks if c["choices"] and c["choices"][0]["finish_reason"]]
    assert finish == ["tool_calls"]
    assert chunks[-1]["choices"] == []
    assert chunks[-1]["usage"] == {"prompt_tokens": 512, "completion_tokens": 89, "total_tokens": 601,
                                   "prompt_tokens_details": {"cached_tokens": 40}}
    assert dec.usage is not None and dec.usage.completion_tokens == 89


def test_stream_error_event_and_malformed_event() -> None:
    dec = AnthropicStreamDecoder("c")
    dec.feed(SSEEvent('{"type":"message_start","message":{"id":"m","usage":{"input_tokens":3,"output_tokens":1}}}', "message_start"))
    with pytest.raises(UpstreamStatusError) as e:
        dec.feed(SSEEvent('{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}', "error"))
    assert e.value.upstream_status == 529 and e.value.retryable
    assert "Overloaded" not in e.value.message or "overloaded" in e.value.message
    with pytest.raises(UpstreamError):
        dec.feed(SSEEvent("{nope", "content_block_delta"))
    assert dec.feed(SSEEvent('{"type":"ping"}', "ping")) == []
    assert dec.feed(SSEEvent('{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"hm"}}')) == []


# -- error bodies -----------------------------------------------------------------------

def test_error_bodies() -> None:
    a = adapter()
    bad = a.response_error(400, b'{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: too big"}}')
    assert bad.status_code == 400 and bad.message == "max_tokens: too big" and not bad.retryable
    assert bad.code == "invalid_request_error"
    over = a.response_error(529, b'{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}')
    assert over.retryable and over.status_code == 502 and over.upstream_status == 529
    auth = a.response_error(401, b'{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key sk-ant-..."}}')
    assert "sk-ant" not in auth.message and auth.status_code == 502
    limited = a.response_error(429, b'{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}')
    assert limited.status_code == 429 and limited.retryable
    assert a.response_error(500, b"<html>oops</html>").status_code == 502


# -- round trips through ProviderClient against the fake ----------------------------------

def client_for(fake: AnthropicFake, key: str | None = None) -> ProviderClient:
    return ProviderClient("anthropic", adapter(fake.base_url, key or fake.api_key), HttpTransport())


async def test_round_trip_non_stream(anthropic_fake: AnthropicFake) -> None:
    client = client_for(anthropic_fake)
    try:
        body = {"model": "claude-sonnet", "max_tokens": 30, "stop": ["zzz"],
                "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Tell me about tides"}]}
        out, usage = await client.complete(Endpoint.CHAT, body, DEP, FAST)
    finally:
        await client.aclose()
    assert out["choices"][0]["message"]["content"]
    assert out["choices"][0]["finish_reason"] in ("stop", "length")
    assert usage is not None and 0 < usage.completion_tokens <= 30 and usage.prompt_tokens > 0
    sent = anthropic_fake.requests[-1]
    assert sent.path == "/v1/messages" and sent.headers["x-api-key"] == anthropic_fake.api_key
    assert sent.headers["anthropic-version"] == "2023-06-01"
    assert sent.body["system"] == "Be brief." and sent.body["max_tokens"] == 30


async def test_round_trip_stream_with_tools(anthropic_fake: AnthropicFake) -> None:
    client = client_for(anthropic_fake)
    tools = [{"type": "function", "function": {"name": "get_weather", "parameters": {
        "type": "object", "properties": {"city": {"type": "string"}, "days": {"type": "integer"}}}}}]
    body = {"model": "claude-sonnet", "messages": [{"role": "user", "content": "What is the weather in Oslo?"}],
            "tools": tools, "tool_choice": "required", "stream": True}
    try:
        stream = await client.open_stream(Endpoint.CHAT, body, DEP, FAST)
        chunks = [c async for c in stream]
        await stream.aclose()
    finally:
        await client.aclose()
    calls = [tc for c in chunks if c["choices"] for tc in c["choices"][0]["delta"].get("tool_calls") or ()]
    assert calls[0]["function"]["name"] == "get_weather" and calls[0]["id"].startswith("toolu_")
    args = orjson.loads("".join(tc["function"]["arguments"] for tc in calls))
    assert set(args) == {"city", "days"}
    assert [c["choices"][0]["finish_reason"] for c in chunks if c["choices"] and c["choices"][0]["finish_reason"]] == ["tool_calls"]
    assert stream.usage is not None and stream.usage.completion_tokens > 0


async def test_round_trip_tool_results_are_accepted(anthropic_fake: AnthropicFake) -> None:
    client = client_for(anthropic_fake)
    body = {"model": "claude-sonnet", "messages": [
        {"role": "user", "content": "Weather in Oslo?"},
        {"role": "assistant", "content": "", "tool_calls": [
            {"id": "toolu_1", "type": "function", "function": {"name": "get_weather", "arguments": '{"city":"Oslo"}'}}]},
        {"role": "tool", "tool_call_id": "toolu_1", "content": "3C and snowing"}],
        "tools": [{"type": "function", "function": {"name": "get_weather"}}]}
    try:
        out, _ = await client.complete(Endpoint.CHAT, body, DEP, FAST)
    finally:
        await client.aclose()
    assert out["choices"][0]["finish_reason"] == "stop" and out["choices"][0]["message"]["content"]


@pytest.mark.parametrize(("behaviour", "exc", "status"), [
    ("error-529", UpstreamStatusError, 502), ("error-429", UpstreamStatusError, 429),
    ("error-400", UpstreamStatusError, 400), ("slow-5", UpstreamTimeout, 504),
    ("malformed", UpstreamError, 502), ("drop", UpstreamError, 502), ("stall-3", UpstreamTimeout, 504),
])
async def test_round_trip_failures(anthropic_fake: AnthropicFake, behaviour: str, exc: type, status: int) -> None:
    client = client_for(anthropic_fake)
    dep = Deployment("d", "claude-sonnet", "anthropic", f"claude-x~{behaviour}", "r")
    try:
        with pytest.raises(exc) as e:
            await client.complete(Endpoint.CHAT, {"model": "c", "messages": [{"role": "user", "content": "hi"}]}, dep, FAST)
    finally:
        await client.aclose()
    assert e.value.status_code == status
    assert anthropic_fake.base_url not in e.value.message and "127.0.0.1" not in e.value.message


async def test_wrong_key_is_502_without_leaking(anthropic_fake: AnthropicFake) -> None:
    client = client_for(anthropic_fake, key="sk-ant-wrong")
    try:
        with pytest.raises(UpstreamStatusError) as e:
            await client.complete(Endpoint.CHAT, {"model": "c", "messages": [{"role": "user", "content": "hi"}]}, DEP, FAST)
    finally:
        await client.aclose()
    assert e.value.status_code == 502 and "sk-ant" not in e.value.message


@pytest.mark.parametrize(("behaviour", "exc"), [
    ("stall-3", UpstreamTimeout), ("drop", UpstreamError), ("malformed", UpstreamError),
    ("stream-error", UpstreamStatusError),
])
async def test_stream_failures_mid_stream(anthropic_fake: AnthropicFake, behaviour: str, exc: type) -> None:
    client = client_for(anthropic_fake)
    dep = Deployment("d", "claude-sonnet", "anthropic", f"claude-x~{behaviour}", "r")
    got: list[dict] = []
    try:
        stream = await client.open_stream(Endpoint.CHAT, {"model": "c", "stream": True,
                                                          "messages": [{"role": "user", "content": "hi"}]}, dep, FAST)
        with pytest.raises(exc):
            async for c in stream:
                got.append(c)
        await stream.aclose()
    finally:
        await client.aclose()
    assert got and got[0]["choices"][0]["delta"]["role"] == "assistant"  # bytes had started to flow


async def test_slow_first_byte_stream_times_out(anthropic_fake: AnthropicFake) -> None:
    client = client_for(anthropic_fake)
    dep = Deployment("d", "claude-sonnet", "anthropic", "claude-x~slow-5", "r")
    try:
        with pytest.raises(UpstreamTimeout):
            await client.open_stream(Endpoint.CHAT, {"model": "c", "stream": True,
                                                     "messages": [{"role": "user", "content": "hi"}]}, dep,
                                     Timeouts(connect_s=1, first_byte_s=0.3, idle_s=0.3, total_s=5))
    finally:
        await client.aclose()


# -- the fake itself speaks the real wire format: the official SDK parses it ---------------

async def test_fake_is_understood_by_the_official_anthropic_sdk(anthropic_fake: AnthropicFake) -> None:
    anthropic = pytest.importorskip("anthropic")
    sdk = anthropic.AsyncAnthropic(api_key=anthropic_fake.api_key, base_url=anthropic_fake.base_url, max_retries=0)
    try:
        msg = await sdk.messages.create(model="claude-x", max_tokens=20,
                                        messages=[{"role": "user", "content": "Describe rivers"}])
        assert msg.content[0].text and msg.usage.output_tokens > 0
        async with sdk.messages.stream(model="claude-x", max_tokens=20,
                                       messages=[{"role": "user", "content": "Describe rivers"}]) as s:
            text = "".join([t async for t in s.text_stream])
            final = await s.get_final_message()
        assert text == msg.content[0].text and final.stop_reason == msg.stop_reason
        with pytest.raises(anthropic.APIStatusError) as e:
            await sdk.messages.create(model="claude-x~error-529", max_tokens=5,
                                      messages=[{"role": "user", "content": "x"}])
        assert e.value.status_code == 529
    finally:
        await sdk.close()
