"""What every wire-format fake shares: a loopback aiohttp server, recorded requests and
behaviours chosen per request.

A behaviour is picked by the `x-fake-behaviour` request header or, so that it can be set
from a gateway config, by a `~` suffix on the model name (`gpt-4o~error-503`):

    normal          the provider's normal answer
    error-N         status N with the provider's own error body (e.g. error-529)
    slow-S          wait S seconds before sending the status line (first byte)
    stall-S         send the head and part of the body (or a few stream events), then go silent for S s
    malformed       200 with a body (or a stream event) that is not valid JSON
    drop            close the connection abruptly (mid-body or mid-stream)
    stream-error    (streams) a provider error event after the first events
"""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

__all__ = ["Behaviour", "Recorded", "FakeServer", "behaviour_of", "split_model"]

HEADER = "x-fake-behaviour"


@dataclass(frozen=True, slots=True)
class Behaviour:
    kind: str = "normal"
    status: int = 200
    seconds: float = 0.0


@dataclass(slots=True)
class Recorded:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Any


def split_model(model: str) -> tuple[str, str | None]:
    name, sep, spec = model.partition("~")
    return name, (spec if sep else None)


def behaviour_of(header: str | None, model: str | None) -> Behaviour:
    spec = header or (split_model(model)[1] if model else None) or "normal"
    kind, _, arg = spec.partition("-")
    if kind == "error":
        return Behaviour("error", status=int(arg or 500))
    if kind == "stream" and arg == "error":
        return Behaviour("stream-error")
    if kind in ("slow", "stall"):
        return Behaviour(kind, seconds=float(arg or 30))
    if kind in ("normal", "malformed", "drop"):
        return Behaviour(kind)
    raise ValueError(f"unknown fake behaviour {spec!r}")


class FakeServer(ABC):
    """One fake provider on 127.0.0.1 and a random port, in the current event loop."""

    def __init__(self, api_key: str = "test-key") -> None:
        self.api_key = api_key
        self.requests: list[Recorded] = []
        self.port = 0
        self._runner: web.AppRunner | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @abstractmethod
    def routes(self) -> list[web.RouteDef]: ...

    @abstractmethod
    def error_response(self, status: int, message: str) -> web.Response: ...

    async def start(self) -> FakeServer:
        app = web.Application()
        app.add_routes(self.routes())
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server  # aiohttp offers no public accessor for the bound port
        assert server is not None
        self.port = int(server.sockets[0].getsockname()[1])  # type: ignore[attr-defined]
        return self

    async def aclose(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeServer:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def record(self, request: web.Request) -> Any:
        raw = await request.read()
        try:
            body = await request.json() if raw else None
        except ValueError:
            body = raw
        self.requests.append(Recorded(request.method, request.path, dict(request.query),
                                      {k.lower(): v for k, v in request.headers.items()}, body))
        return body

    # -- behaviours shared by every fake ------------------------------------
    async def before_head(self, b: Behaviour) -> web.StreamResponse | None:
        """Apply slow / error / drop-before-answer; a response to return, or None to go on."""
        if b.kind == "slow":
            await asyncio.sleep(b.seconds)
        if b.kind == "error":
            return self.error_response(b.status, _ERROR_MESSAGES.get(b.status, "simulated failure"))
        return None

    async def send_json(self, request: web.Request, b: Behaviour, payload: bytes) -> web.StreamResponse:
        """A JSON body, honouring malformed / stall / drop."""
        if b.kind == "malformed":
            return web.Response(body=b'{"id": "oops", "choices": [', content_type="application/json")
        if b.kind not in ("stall", "drop"):
            return web.Response(body=payload, content_type="application/json")
        resp = web.StreamResponse(headers={"content-type": "application/json",
                                           "content-length": str(len(payload))})
        await resp.prepare(request)
        await resp.write(payload[: len(payload) // 2])
        if b.kind == "drop":
            _kill(request)
            return resp
        await asyncio.sleep(b.seconds)
        await resp.write(payload[len(payload) // 2 :])
        return resp

    async def send_stream(self, request: web.Request, b: Behaviour, frames: list[bytes],
                          error_frame: bytes, pace: Callable[[], Awaitable[None]] | None = None
                          ) -> web.StreamResponse:
        """SSE frames, honouring malformed / stall / drop / stream-error after the first frames."""
        resp = web.StreamResponse(headers={"content-type": "text/event-stream", "cache-control": "no-cache"})
        await resp.prepare(request)
        cut = min(2, len(frames))
        for i, frame in enumerate(frames):
            if i == cut and b.kind != "normal":
                await asyncio.sleep(0.05)  # let the first frames reach the client on their own
                if b.kind == "malformed":
                    await resp.write(b"data: {not json\n\n")
                    return resp
                if b.kind == "stream-error":
                    await resp.write(error_frame)
                    return resp
                if b.kind == "drop":
                    _kill(request)
                    return resp
                if b.kind == "stall":
                    await asyncio.sleep(b.seconds)
            await resp.write(frame)
            if pace is not None:
                await pace()
        return resp


def _kill(request: web.Request) -> None:
    transport = request.transport
    if transport is not None:
        transport.abort()


_ERROR_MESSAGES = {
    400: "Invalid request: the parameter 'messages' is malformed.",
    401: "Incorrect API key provided.",
    404: "The model does not exist.",
    429: "Rate limit reached for requests.",
    500: "The server had an error while processing your request.",
    503: "The engine is currently overloaded, please try again later.",
    529: "Overloaded",
}
