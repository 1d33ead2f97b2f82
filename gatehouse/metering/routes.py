"""HTTP: Prometheus `/metrics`, and the admin API's billing and report routes.

    GET  /metrics                                 Prometheus text (this process's counters)
    GET  /admin/v1/billing/invoices/{tenant}/{month}?format=json|csv|html[&currency=USD]
    GET  /admin/v1/billing/ledger?tenant=&month=&limit=&offset=
    POST /admin/v1/billing/corrections            {"entry", "amount" | "void", "reason"}
    GET  /admin/v1/billing/spend/{tenant}?month=
    GET  /admin/v1/reports/revenue?by=&period=&interval=

Admin routes need an admin key (`Authorization: Bearer ghadm-...`). They use the governance
helper `gatehouse.api.admin.auth.require_admin(request)` when it exists, and otherwise check
the key against `admin_keys` here.
"""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import select
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from gatehouse.api.responses import json_response, read_json_body
from gatehouse.errors import AuthenticationFailed, GatehouseError, InvalidRequest, PermissionDenied
from gatehouse.metering.invoice import parse_month, render
from gatehouse.metering.metrics import CONTENT_TYPE, Metrics

if TYPE_CHECKING:
    from gatehouse.gateway import Gateway

__all__ = ["build"]

Handler = Callable[[Request], Awaitable[Response]]


def _gateway(request: Request) -> Gateway:
    return request.app.state.gateway  # type: ignore[no-any-return]


async def _require_admin(request: Request) -> str:
    """The admin key's id, or raise. Prefers governance's helper when it is installed."""
    try:
        helper = getattr(importlib.import_module("gatehouse.api.admin.auth"), "require_admin", None)
    except ModuleNotFoundError:
        helper = None
    if helper is not None:
        actor = await helper(request)
        return str(getattr(actor, "id", actor))
    from gatehouse.store.tables import admin_keys
    from gatehouse.tenancy.secrets import hash_secret

    auth = request.headers.get("authorization", "")
    if not auth.lower().startswith("bearer "):
        raise AuthenticationFailed("An admin key is required: 'Authorization: Bearer ADMIN_KEY'.", code="missing_api_key")
    async with _gateway(request).store.engine.connect() as conn:
        row = (await conn.execute(select(admin_keys.c.id, admin_keys.c.revoked_at)
                                  .where(admin_keys.c.hash == hash_secret(auth[7:].strip())))).first()
    if row is None:
        raise AuthenticationFailed("Incorrect admin key.", code="invalid_api_key")
    if row.revoked_at is not None:
        raise PermissionDenied("This admin key is revoked.", code="admin_key_revoked")
    return str(row.id)


def _admin(handler: Callable[[Request, str], Awaitable[Response]]) -> Handler:
    async def endpoint(request: Request) -> Response:
        try:
            actor = await _require_admin(request)
            return await handler(request, actor)
        except GatehouseError as exc:
            return json_response(exc.to_dict(), exc.status_code, exc.headers or None)

    return endpoint


async def metrics(request: Request) -> Response:
    gw = _gateway(request)
    found = [m for m in (getattr(s, "metrics", None) for s in gw.sinks) if isinstance(m, Metrics)]
    body = found[0].render() if found else b""
    return Response(body, media_type=CONTENT_TYPE)


async def invoice(request: Request, actor: str) -> Response:
    from gatehouse.metering.service import invoice as make

    gw = _gateway(request)
    fmt = request.query_params.get("format", "json")
    inv = await make(gw.store, gw.config, request.path_params["tenant"], parse_month(request.path_params["month"]),
                     request.query_params.get("currency"))
    if fmt == "json":
        return json_response(inv.to_dict())
    media = {"csv": "text/csv; charset=utf-8", "html": "text/html; charset=utf-8"}.get(fmt)
    if media is None:
        raise InvalidRequest("format is json, csv or html", param="format")
    return Response(render(inv, fmt), media_type=media)


def _int(request: Request, name: str, default: int) -> int:
    try:
        return int(request.query_params.get(name, default))
    except ValueError:
        raise InvalidRequest(f"{name} must be an integer", param=name) from None


async def ledger(request: Request, actor: str) -> Response:
    from gatehouse.metering.service import ledger_page

    q = request.query_params
    month = parse_month(q["month"]) if q.get("month") else None
    rows = await ledger_page(_gateway(request).store, q.get("tenant"), month, min(_int(request, "limit", 100), 1000),
                             _int(request, "offset", 0))
    return _json(rows)


def _json(rows: list[dict[str, Any]]) -> Response:
    return Response(orjson.dumps({"object": "list", "data": rows}, default=str), media_type="application/json")


async def correction(request: Request, actor: str) -> Response:
    from gatehouse.metering.ledger import post_correction
    from gatehouse.metering.money import signed_micros
    from gatehouse.metering.service import entry_view

    body = await read_json_body(request, 64 * 1024)
    if not isinstance(body, dict) or not isinstance(body.get("entry"), str):
        raise InvalidRequest("send {\"entry\": ID, \"amount\": \"-1.25\" | \"void\": true, \"reason\": ...}")
    try:
        amount = signed_micros(str(body["amount"])) if body.get("amount") is not None else None
    except ValueError as exc:
        raise InvalidRequest(str(exc), param="amount") from None
    entry = await post_correction(_gateway(request).store, entry_id=body["entry"], reason=str(body.get("reason") or ""),
                                  actor=f"admin:{actor}", amount_micros=amount, void=bool(body.get("void")))
    return Response(orjson.dumps(entry_view(entry), default=str), status_code=201, media_type="application/json")


async def spend(request: Request, actor: str) -> Response:
    from gatehouse.metering.invoice import month_range
    from gatehouse.metering.ledger import spend_micros
    from gatehouse.metering.money import format_micros

    month = parse_month(request.query_params.get("month") or datetime.now(timezone.utc).strftime("%Y-%m"))
    start, end = month_range(month)
    tenant = request.path_params["tenant"]
    async with _gateway(request).store.engine.connect() as conn:
        micros = await spend_micros(conn, tenant, start.date(), end.date())
    return json_response({"tenant": tenant, "month": month.strftime("%Y-%m"), "spend": format_micros(micros)})


async def revenue(request: Request, actor: str) -> Response:
    from gatehouse.metering.reports import parse_period
    from gatehouse.metering.reports import revenue as run

    q = request.query_params
    if not q.get("period"):
        raise InvalidRequest("period is required, e.g. 2025-07..2026-06", param="period")
    by, interval = q.get("by", "territory"), q.get("interval", "month")
    async with _gateway(request).store.engine.connect() as conn:
        rows = await run(conn, by=by, period=parse_period(q["period"]), interval=interval)
    return json_response({"by": by, "period": q["period"], "interval": interval, "rows": rows})


def build(gateway: Gateway) -> list[Route]:
    return [
        Route("/metrics", metrics, methods=["GET"]),
        Route("/admin/v1/billing/invoices/{tenant}/{month}", _admin(invoice), methods=["GET"]),
        Route("/admin/v1/billing/ledger", _admin(ledger), methods=["GET"]),
        Route("/admin/v1/billing/corrections", _admin(correction), methods=["POST"]),
        Route("/admin/v1/billing/spend/{tenant}", _admin(spend), methods=["GET"]),
        Route("/admin/v1/reports/revenue", _admin(revenue), methods=["GET"]),
    ]
