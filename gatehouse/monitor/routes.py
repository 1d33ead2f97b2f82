"""Admin API for the analyst queue (`/admin/v1/alerts...`), the same service functions as
`gatehouse alerts`.

    GET  /admin/v1/alerts?status=open&limit=100[&campaign=ID]  list (any admin role)
    GET  /admin/v1/alerts/campaigns?status=open&limit=100     the queue by campaign, one row each
    GET  /admin/v1/alerts/{id}                      show with evidence and sample request ids
    POST /admin/v1/alerts/{id}/clear   {"note", "scope": "tenant"|"campaign"}
                                                    false alarm: teaches the baseline (reviewer)
    POST /admin/v1/alerts/{id}/confirm {"note", "scope": "key"|"tenant"|"campaign"}  suspend (reviewer)
    POST /admin/v1/monitor/scan                     score now; returns the enforcement changes (reviewer)
"""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from gatehouse.api.admin.auth import require
from gatehouse.api.responses import json_response
from gatehouse.errors import InvalidRequest
from gatehouse.monitor import alerts as svc

__all__ = ["build"]


async def _body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw:
        return {}
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise InvalidRequest("The body is not valid JSON.") from exc
    if not isinstance(doc, dict):
        raise InvalidRequest("The body must be a JSON object.")
    return doc


def _jsonable(d: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in d.items()}


def _page(request: Request) -> tuple[str | None, int]:
    """(status or None for all, limit) from the query string."""
    status = request.query_params.get("status", "open")
    try:
        limit = max(1, min(1000, int(request.query_params.get("limit", "100"))))
    except ValueError as exc:
        raise InvalidRequest("limit must be an integer.", param="limit") from exc
    return (None if status == "all" else status), limit


async def list_alerts(request: Request) -> Response:
    await require(request)
    status, limit = _page(request)
    store = request.app.state.gateway.store
    async with store.engine.connect() as conn:
        rows = await svc.list_alerts(conn, status=status, limit=limit, campaign=request.query_params.get("campaign"))
    return json_response({"object": "list", "data": [_jsonable(r) for r in rows]})


async def list_campaigns(request: Request) -> Response:
    await require(request)
    status, limit = _page(request)
    store = request.app.state.gateway.store
    async with store.engine.connect() as conn:
        rows = await svc.campaign_queue(conn, status=status, limit=limit)
    return json_response({"object": "list", "data": [_jsonable(r) for r in rows]})


async def show_alert(request: Request) -> Response:
    await require(request)
    store = request.app.state.gateway.store
    async with store.engine.connect() as conn:
        row = await svc.get_alert(conn, request.path_params["alert_id"])
    return json_response(_jsonable(row))


async def clear_alert(request: Request) -> Response:
    p = await require(request, "reviewer")
    body = await _body(request)
    store = request.app.state.gateway.store
    async with store.engine.begin() as conn:
        row = await svc.clear_alert(conn, request.path_params["alert_id"], actor=p.actor, note=body.get("note"),
                                    scope=str(body.get("scope", "tenant")))
    sink = getattr(request.app.state.gateway, "monitor_sink", None)
    if sink is not None:  # the baseline applies at once in this process's monitor
        await sink.reload_baselines()
    return json_response(_jsonable(row))


async def confirm_alert(request: Request) -> Response:
    p = await require(request, "reviewer")
    body = await _body(request)
    store = request.app.state.gateway.store
    async with store.engine.begin() as conn:
        row = await svc.confirm_alert(conn, request.path_params["alert_id"], actor=p.actor, note=body.get("note"),
                                      scope=str(body.get("scope", "key")))
    return json_response(_jsonable(row))


async def scan(request: Request) -> Response:
    await require(request, "reviewer")
    sink = getattr(request.app.state.gateway, "monitor_sink", None)
    if sink is None:
        raise InvalidRequest("Monitoring is not enabled on this gateway.")
    await sink.drain()
    changes = await sink.score()
    return json_response({"changes": [{"subject": s, "action": a, "reason": r} for s, a, r in changes]})


def build(gateway: Any) -> list[Route]:
    return [
        Route("/admin/v1/alerts", list_alerts, methods=["GET"]),
        Route("/admin/v1/alerts/campaigns", list_campaigns, methods=["GET"]),  # before the {alert_id} route
        Route("/admin/v1/alerts/{alert_id}", show_alert, methods=["GET"]),
        Route("/admin/v1/alerts/{alert_id}/clear", clear_alert, methods=["POST"]),
        Route("/admin/v1/alerts/{alert_id}/confirm", confirm_alert, methods=["POST"]),
        Route("/admin/v1/monitor/scan", scan, methods=["POST"]),
    ]
