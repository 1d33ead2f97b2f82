"""I/O around one provider: send, check the status, decode the body or the stream."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

from gatehouse.errors import UpstreamError, UpstreamTimeout
from gatehouse.providers.base import Adapter, Deployment, Endpoint, StreamDecoder, Timeouts, Transport, UpstreamResponse, Usage
from gatehouse.providers.sse import SSEParser

__all__ = ["ProviderClient", "ProviderStream"]


class ProviderStream:
    """An open upstream stream of OpenAI chunk objects.

    `first()` reads until the first chunk arrives, so that a failure before any byte
    reaches the client can still be retried elsewhere.
    """

    def __init__(self, resp: UpstreamResponse, decoder: StreamDecoder, timeouts: Timeouts) -> None:
        self._resp = resp
        self._decoder = decoder
        self._parser = SSEParser()
        self._chunks = resp.iter_chunks()
        self._pending: list[dict[str, Any]] = []
        self._eof = False
        self._error: BaseException | None = None

    @property
    def usage(self) -> Usage | None:
        return self._decoder.usage

    async def _fill(self) -> bool:
        while not self._pending:
            if self._error is not None:
                err, self._error = self._error, None
                raise err
            if self._eof:
                return False
            try:
                raw = await anext(self._chunks)
            except StopAsyncIteration:
                self._eof = True
                events = self._parser.close()
            else:
                events = self._parser.feed(raw)
            for ev in events:
                try:
                    self._pending.extend(self._decoder.feed(ev))
                except UpstreamError as exc:
                    if not self._pending:
                        raise
                    self._error = exc  # deliver what came before it first
                    break
            if self._decoder.done:
                self._eof = True
        return True

    async def first(self) -> None:
        if not await self._fill():
            raise UpstreamError("the upstream provider closed the stream without sending anything")

    def __aiter__(self) -> AsyncIterator[dict[str, Any]]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[dict[str, Any]]:
        async for batch in self.batches():
            for chunk in batch:
                yield chunk

    async def batches(self) -> AsyncIterator[list[dict[str, Any]]]:
        """The chunks that arrived together, so that they can leave together (one write)."""
        while await self._fill():
            pending, self._pending = self._pending, []
            yield pending

    async def aclose(self) -> None:
        await self._resp.aclose()


class ProviderClient:
    def __init__(self, name: str, adapter: Adapter, transport: Transport) -> None:
        self.name = name
        self.adapter = adapter
        self.transport = transport

    def supports(self, endpoint: Endpoint) -> bool:
        return endpoint in self.adapter.supports

    async def _send(self, endpoint: Endpoint, body: dict[str, Any], dep: Deployment, timeouts: Timeouts, stream: bool) -> UpstreamResponse:
        req = self.adapter.request_body(endpoint, body, dep, stream)
        resp = await self.transport.send(req, timeouts)
        if resp.status >= 400:
            try:
                raw = await resp.read()
            finally:
                await resp.aclose()
            err = self.adapter.response_error(resp.status, raw)
            retry_after = resp.headers.get("retry-after")
            if retry_after and retry_after.strip().isdigit() and err.status_code == 429:
                err.headers["retry-after"] = retry_after.strip()  # the provider's own wait, passed on
            raise err
        return resp

    async def complete(
        self, endpoint: Endpoint, body: dict[str, Any], dep: Deployment, timeouts: Timeouts
    ) -> tuple[dict[str, Any], Usage | None]:
        try:
            if self.transport.enforces_total:
                resp = await self._send(endpoint, body, dep, timeouts, False)
                raw = await resp.read()
            else:
                async with asyncio.timeout(timeouts.total_s):
                    resp = await self._send(endpoint, body, dep, timeouts, False)
                    raw = await resp.read()
        except TimeoutError as exc:
            if isinstance(exc, UpstreamTimeout):
                raise
            raise UpstreamTimeout("the upstream provider did not finish in time") from None
        return self.adapter.response_body(endpoint, raw, dep)

    async def open_stream(
        self, endpoint: Endpoint, body: dict[str, Any], dep: Deployment, timeouts: Timeouts
    ) -> ProviderStream:
        resp = await self._send(endpoint, body, dep, timeouts, True)
        stream = ProviderStream(resp, self.adapter.stream_decoder(endpoint, dep), timeouts)
        try:
            async with asyncio.timeout(timeouts.first_byte_s):
                await stream.first()
        except TimeoutError as exc:
            await stream.aclose()
            if isinstance(exc, UpstreamTimeout):
                raise
            raise UpstreamTimeout("the upstream provider sent no first token in time") from None
        except BaseException:
            await stream.aclose()
            raise
        return stream

    async def aclose(self) -> None:
        await self.transport.aclose()
