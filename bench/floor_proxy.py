"""The floor: a bare forwarding proxy (aiohttp server + aiohttp client, no auth, no parsing).

Whatever Gatehouse adds on top of this is the price of governance; this is the price of
being an HTTP hop written in Python at all. Request bodies are forwarded as bytes; the
answer is relayed as bytes (streamed chunk by chunk when the upstream streams).

    python bench/floor_proxy.py --upstream http://127.0.0.1:9100 --port 9200
"""

from __future__ import annotations

import argparse
import os
import sys

import aiohttp
from aiohttp import web

__all__ = ["make_app"]

_HOP = frozenset({"host", "connection", "keep-alive", "transfer-encoding", "content-length", "upgrade",
                  "proxy-connection", "te", "trailer", "accept-encoding"})
_RESP_HOP = frozenset({"connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding"})


def make_app(upstream: str) -> web.Application:
    upstream = upstream.rstrip("/")
    state: dict[str, aiohttp.ClientSession] = {}

    async def on_startup(app: web.Application) -> None:
        state["s"] = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=1000, ttl_dns_cache=300),
            auto_decompress=False, skip_auto_headers=("User-Agent",),
            timeout=aiohttp.ClientTimeout(total=600),
        )

    async def on_cleanup(app: web.Application) -> None:
        await state["s"].close()

    async def forward(request: web.Request) -> web.StreamResponse:
        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k.lower() not in _HOP}
        async with state["s"].request(request.method, upstream + request.path_qs, data=body,
                                      headers=headers) as up:
            out_headers = {k: v for k, v in up.headers.items() if k.lower() not in _RESP_HOP}
            if up.headers.get("content-type", "").startswith("text/event-stream"):
                resp = web.StreamResponse(status=up.status, headers=out_headers)
                await resp.prepare(request)
                async for chunk in up.content.iter_any():
                    await resp.write(chunk)
                await resp.write_eof()
                return resp
            data = await up.read()
            return web.Response(status=up.status, body=data, headers=out_headers)

    app = web.Application(client_max_size=64 * 1024 * 1024)
    app.router.add_route("*", "/{tail:.*}", forward)
    app.on_startup.append(on_startup)
    app.on_cleanup.append(on_cleanup)
    return app


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Bare forwarding proxy (the benchmark's floor).")
    ap.add_argument("--upstream", required=True, help="upstream origin, e.g. http://127.0.0.1:9100")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=9200)
    ap.add_argument("--cpu", type=int, default=None, help="pin this process to one CPU core")
    args = ap.parse_args(argv)
    if args.cpu is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.cpu})
    try:
        import uvloop
    except ImportError:  # pragma: no cover
        loop = None
    else:
        import asyncio

        loop = uvloop.new_event_loop()
        asyncio.set_event_loop(loop)
    web.run_app(make_app(args.upstream), host=args.host, port=args.port, access_log=None, print=None,
                loop=loop)


if __name__ == "__main__":
    sys.exit(main())
