"""The request log, exported as a traffic trace (streamed from the database)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import datetime
from typing import Any

from sqlalchemy import select

from gatehouse.store.db import Store
from gatehouse.store.tables import request_log
from gatehouse.traffic.trace import TraceWriter, format_ts

__all__ = ["iter_trace_records", "export_trace", "row_to_trace"]


def row_to_trace(r: Any) -> dict[str, Any]:
    request: dict[str, Any] = dict(r.request_body or r.request_params or {})
    if r.model and "model" not in request:
        request["model"] = r.model
    rec: dict[str, Any] = {
        "ts": format_ts(r.ts), "tenant": r.tenant_id or "", "key": r.key_id or "", "endpoint": r.endpoint,
        "request": request, "status": r.status, "id": r.id,
    }
    if r.client_ip:
        rec["ip"] = r.client_ip
    if r.user_agent:
        rec["user_agent"] = r.user_agent
    if r.jurisdiction:
        rec["jurisdiction"] = r.jurisdiction
    if r.status < 400 or r.prompt_tokens or r.completion_tokens:
        resp: dict[str, Any] = {"finish_reason": r.finish_reason,
                                "usage": {"prompt_tokens": r.prompt_tokens, "completion_tokens": r.completion_tokens}}
        if r.response_text is not None:
            resp["text"] = r.response_text
        rec["response"] = resp
    if r.latency_ms is not None:
        rec["latency_ms"] = round(r.latency_ms, 3)
    if r.deployment_id:
        rec["deployment"] = r.deployment_id
    return rec


async def iter_trace_records(store: Store, since: datetime | None, until: datetime | None) -> AsyncIterator[dict[str, Any]]:
    q = select(request_log).order_by(request_log.c.ts, request_log.c.id)
    if since is not None:
        q = q.where(request_log.c.ts >= since)
    if until is not None:
        q = q.where(request_log.c.ts < until)
    async with store.engine.connect() as conn:
        result = await conn.stream(q.execution_options(yield_per=2000))
        async for row in result:
            yield row_to_trace(row)


async def export_trace(store: Store, out: str, since: datetime | None = None, until: datetime | None = None,
                       progress: Callable[[int], None] | None = None) -> int:
    with TraceWriter(out) as w:
        async for rec in iter_trace_records(store, since, until):
            w.write(rec)
            if progress is not None and w.count % 10_000 == 0:
                progress(w.count)
        return w.count
