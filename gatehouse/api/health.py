"""Liveness and readiness."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from gatehouse.api.responses import json_response

__all__ = ["routes"]


async def healthz(request: Request) -> Response:
    return json_response({"status": "ok"})


async def readyz(request: Request) -> Response:
    gw = request.app.state.gateway
    store_ok = await gw.store.ping()
    ok = store_ok and gw.ready
    return json_response({"status": "ready" if ok else "not_ready", "store": store_ok, "config_loaded": gw.ready,
                          "config": gw.config.source or "embedded defaults"}, 200 if ok else 503)


routes = [Route("/healthz", healthz, methods=["GET"]), Route("/readyz", readyz, methods=["GET"])]
