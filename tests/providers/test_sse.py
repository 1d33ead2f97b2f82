"""SSE parsing (split chunks, CRLF, comments, event names, multi-line data) and framing."""

from __future__ import annotations

import orjson

from gatehouse.providers.base import SSEEvent
from gatehouse.providers.sse import SSE_DONE, SSEParser, iter_sse, sse_frame


def feed_all(raw: bytes, step: int) -> list[SSEEvent]:
    p = SSEParser()
    out: list[SSEEvent] = []
    for i in range(0, len(raw), step):
        out.extend(p.feed(raw[i:i + step]))
    return out + p.close()


def test_split_anywhere_gives_the_same_events() -> None:
    raw = (b": keep-alive comment\n\nevent: message_start\ndata: {\"a\": 1}\n\n"
           b"data: line one\r\ndata: line two\r\n\r\nevent: ping\ndata:{}\n\ndata: [DONE]\n\n")
    expected = [SSEEvent('{"a": 1}', "message_start"), SSEEvent("line one\nline two"), SSEEvent("{}", "ping"),
                SSEEvent("[DONE]")]
    for step in (1, 2, 3, 7, 64, len(raw)):
        assert feed_all(raw, step) == expected


def test_event_name_does_not_leak_to_next_event_and_tail_is_flushed() -> None:
    p = SSEParser()
    assert p.feed(b"event: error\ndata: x\n\ndata: y\n\ndata: tail") == [SSEEvent("x", "error"), SSEEvent("y")]
    assert p.close() == [SSEEvent("tail")]
    assert SSEParser().close() == []


def test_utf8_split_across_chunks() -> None:
    raw = "data: {\"t\": \"café ☕\"}\n\n".encode()
    assert feed_all(raw, 1) == [SSEEvent('{"t": "café ☕"}')]


async def test_iter_sse() -> None:
    async def chunks():
        yield b"data: 1\n"
        yield b"\ndata: 2"

    assert [e.data async for e in iter_sse(chunks())] == ["1", "2"]


def test_sse_frame() -> None:
    assert sse_frame({"a": 1}) == b'data: {"a":1}\n\n'
    framed = sse_frame({"type": "ping"}, event="ping")
    assert framed == b'event: ping\ndata: {"type":"ping"}\n\n'
    assert feed_all(framed + SSE_DONE, 5) == [SSEEvent(orjson.dumps({"type": "ping"}).decode(), "ping"), SSEEvent("[DONE]")]
