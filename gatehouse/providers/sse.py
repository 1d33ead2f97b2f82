"""Server-sent events: incremental parsing of upstream streams and framing of ours."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import orjson

from gatehouse.providers.base import SSEEvent

__all__ = ["SSEParser", "iter_sse", "sse_frame", "SSE_DONE"]

SSE_DONE = b"data: [DONE]\n\n"


class SSEParser:
    """Feeds bytes, yields complete events (handles CRLF and split chunks)."""

    __slots__ = ("_buf", "_data", "_event")

    def __init__(self) -> None:
        self._buf = b""
        self._data: list[str] = []
        self._event: str | None = None

    def feed(self, chunk: bytes) -> list[SSEEvent]:
        self._buf += chunk
        out: list[SSEEvent] = []
        while True:
            nl = self._buf.find(b"\n")
            if nl < 0:
                break
            line = self._buf[:nl]
            self._buf = self._buf[nl + 1 :]
            if line.endswith(b"\r"):
                line = line[:-1]
            if not line:
                if self._data:
                    out.append(SSEEvent(data="\n".join(self._data), event=self._event))
                self._data = []
                self._event = None
                continue
            if line.startswith(b":"):
                continue
            name, _, value = line.partition(b":")
            if value.startswith(b" "):
                value = value[1:]
            if name == b"data":
                self._data.append(value.decode("utf-8"))
            elif name == b"event":
                self._event = value.decode("utf-8")
        return out

    def close(self) -> list[SSEEvent]:
        tail = self.feed(b"\n\n") if self._buf or self._data else []
        return tail


async def iter_sse(chunks: AsyncIterator[bytes]) -> AsyncIterator[SSEEvent]:
    parser = SSEParser()
    async for chunk in chunks:
        for ev in parser.feed(chunk):
            yield ev
    for ev in parser.close():
        yield ev


def sse_frame(obj: Any, event: str | None = None) -> bytes:
    head = b"event: " + event.encode() + b"\n" if event else b""
    return head + b"data: " + orjson.dumps(obj) + b"\n\n"
