"""The response of a provider that runs in this process (simulator, local model)."""

from __future__ import annotations

from collections.abc import AsyncIterator

from gatehouse.providers.base import UpstreamResponse

__all__ = ["InProcessResponse"]


class InProcessResponse(UpstreamResponse):
    """A whole JSON body, or an async iterator of SSE bytes."""

    def __init__(self, status: int, body: bytes | None, chunks: AsyncIterator[bytes] | None) -> None:
        self.status = status
        self.headers = {"content-type": "text/event-stream" if chunks is not None else "application/json"}
        self._body = body
        self._chunks = chunks

    async def read(self) -> bytes:
        if self._body is not None:
            return self._body
        assert self._chunks is not None
        return b"".join([c async for c in self._chunks])

    async def iter_chunks(self) -> AsyncIterator[bytes]:
        if self._chunks is None:
            yield self._body or b""
            return
        async for c in self._chunks:
            yield c

    async def aclose(self) -> None:
        aclose = getattr(self._chunks, "aclose", None)
        if aclose is not None:
            await aclose()
