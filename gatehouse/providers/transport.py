"""The HTTP transport: aiohttp with connect, first-byte, idle and total timeouts."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp

from gatehouse.errors import UpstreamError, UpstreamTimeout
from gatehouse.providers.base import Timeouts, Transport, UpstreamRequest, UpstreamResponse

__all__ = ["HttpTransport"]


class _AiohttpResponse(UpstreamResponse):
    __slots__ = ("_resp", "_idle", "status", "headers")

    def __init__(self, resp: aiohttp.ClientResponse, idle_s: float) -> None:
        self._resp = resp
        self._idle = idle_s
        self.status = resp.status
        self.headers = {k.lower(): v for k, v in resp.headers.items()}

    async def read(self) -> bytes:
        # Bounded by the idle timeout here and by aiohttp's total timeout (set in send()).
        try:
            async with asyncio.timeout(self._idle):
                return await self._resp.read()
        except TimeoutError:
            raise UpstreamTimeout("the upstream provider stopped sending the response body") from None
        except aiohttp.ClientError as exc:
            raise UpstreamError("the upstream connection broke while reading the response") from exc
        finally:
            self._resp.release()

    async def iter_chunks(self) -> AsyncIterator[bytes]:
        content = self._resp.content
        try:
            while True:
                try:
                    async with asyncio.timeout(self._idle):
                        chunk = await content.readany()
                except TimeoutError:
                    raise UpstreamTimeout("the upstream stream was idle for too long") from None
                if not chunk:
                    return
                yield chunk
        except aiohttp.ClientError as exc:
            raise UpstreamError("the upstream connection broke mid-stream") from exc

    async def aclose(self) -> None:
        self._resp.close()


class HttpTransport(Transport):
    """One pooled aiohttp session per provider."""

    enforces_total = True

    def __init__(self, *, limit: int = 1000) -> None:
        self._limit = limit
        self._session: aiohttp.ClientSession | None = None
        self._timeouts: dict[tuple[float, float | None], aiohttp.ClientTimeout] = {}

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._limit, ttl_dns_cache=300),
                auto_decompress=True,
                skip_auto_headers=("User-Agent",),
            )
        return self._session

    async def send(self, request: UpstreamRequest, timeouts: Timeouts) -> UpstreamResponse:
        total = None if request.stream else timeouts.total_s
        timeout = self._timeouts.get((timeouts.connect_s, total))
        if timeout is None:
            timeout = self._timeouts[(timeouts.connect_s, total)] = aiohttp.ClientTimeout(
                total=total, sock_connect=timeouts.connect_s, connect=timeouts.connect_s)
        try:
            async with asyncio.timeout(timeouts.first_byte_s):
                resp = await self._client().request(
                    request.method, request.url, data=request.body, headers=request.headers,
                    timeout=timeout,
                )
        except TimeoutError:
            raise UpstreamTimeout("the upstream provider did not answer in time") from None
        except aiohttp.ClientConnectorError as exc:
            raise UpstreamError("could not connect to the upstream provider") from exc
        except aiohttp.ClientError as exc:
            raise UpstreamError("the upstream request failed") from exc
        return _AiohttpResponse(resp, timeouts.idle_s)

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
