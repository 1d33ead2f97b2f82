"""A Transport whose answers come from a function: the ready fake for tests."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import orjson

from gatehouse.providers.base import Timeouts, Transport, UpstreamRequest, UpstreamResponse

__all__ = ["MockResponse", "MockTransport"]


@dataclass
class MockResponse(UpstreamResponse):
    status: int = 200
    body: bytes | dict[str, Any] = b""
    chunks: list[bytes] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    closed: bool = False

    def _bytes(self) -> bytes:
        return orjson.dumps(self.body) if isinstance(self.body, dict) else self.body

    async def read(self) -> bytes:
        return b"".join(self.chunks) if self.chunks is not None else self._bytes()

    async def iter_chunks(self) -> AsyncIterator[bytes]:
        for c in self.chunks if self.chunks is not None else [self._bytes()]:
            yield c

    async def aclose(self) -> None:
        self.closed = True


Handler = Callable[[UpstreamRequest], "MockResponse | Awaitable[MockResponse]"]


class MockTransport(Transport):
    """`MockTransport(handler)`: handler(request) returns (or awaits) a MockResponse, or raises."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.requests: list[UpstreamRequest] = []

    async def send(self, request: UpstreamRequest, timeouts: Timeouts) -> UpstreamResponse:
        self.requests.append(request)
        out = self.handler(request)
        if inspect.isawaitable(out):
            out = await out
        return out
