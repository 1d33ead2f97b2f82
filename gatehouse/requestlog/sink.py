"""Writes every finished request to `request_log` through the batched writer."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from gatehouse.pipeline import RequestRecord
from gatehouse.requestlog.retention import purge_expired_bodies
from gatehouse.store.batch import BatchWriter
from gatehouse.store.tables import request_log

if TYPE_CHECKING:
    from gatehouse.gateway import Gateway

__all__ = ["RequestLogSink", "build", "record_params"]

log = logging.getLogger("gatehouse.requestlog")

_BODY_FIELDS = frozenset({"messages", "prompt", "input"})


def record_params(body: dict[str, Any] | None) -> dict[str, Any] | None:
    """The request's parameters without its content (always kept: small, no prompt text)."""
    if body is None:
        return None
    return {k: v for k, v in body.items() if k not in _BODY_FIELDS}


class RequestLogSink:
    def __init__(self, writer: BatchWriter, store_bodies: bool, retention: timedelta,
                 purge_interval_s: float = 3600.0) -> None:
        self.writer = writer
        self.store_bodies = store_bodies
        self.retention = retention
        self.purge_interval_s = purge_interval_s
        self._stop = asyncio.Event()
        self._purger: asyncio.Task[None] | None = None

    def submit(self, r: RequestRecord) -> None:
        u = r.usage
        dep = r.deployment
        row: dict[str, Any] = {
            "id": r.id, "ts": r.ts, "tenant_id": r.tenant_id, "key_id": r.key_id, "project_id": r.project_id,
            "jurisdiction": r.jurisdiction, "endpoint": r.endpoint, "model": r.model,
            "deployment_id": dep.id if dep else None, "provider": dep.provider if dep else None,
            "region": dep.region if dep else None, "status": r.status, "error_code": r.error_code,
            "stream": r.stream, "attempts": r.attempts,
            "prompt_tokens": u.prompt_tokens if u else 0, "completion_tokens": u.completion_tokens if u else 0,
            "cached_tokens": u.cached_tokens if u else 0, "usage_estimated": u.estimated if u else False,
            "latency_ms": r.latency_ms, "ttft_ms": r.ttft_ms, "client_ip": r.client_ip,
            "user_agent": r.user_agent[:400] if r.user_agent else None, "finish_reason": r.finish_reason,
            "request_params": record_params(r.request_body), "request_body": None, "response_text": None,
            "bodies_expire_at": None,
        }
        if self.store_bodies:
            row["request_body"] = r.request_body
            row["response_text"] = r.response_text
            row["bodies_expire_at"] = r.ts + self.retention
        self.writer.put(row)

    async def start(self) -> None:
        await self.writer.start()
        self._purger = asyncio.create_task(self._purge_loop(), name="request-log-retention")

    async def _purge_loop(self) -> None:
        """Erase prompt and response bodies past their retention (even if storing was since
        turned off: rows written earlier still carry their expiry)."""
        while not self._stop.is_set():
            try:
                n = await purge_expired_bodies(self.writer.store)
                if n:
                    log.info("retention: erased the bodies of %d logged requests", n)
            except Exception:
                log.exception("request log retention pass failed")
            try:
                await asyncio.wait_for(self._stop.wait(), self.purge_interval_s)
            except TimeoutError:
                pass

    async def aclose(self) -> None:
        self._stop.set()
        if self._purger is not None:
            await asyncio.wait([self._purger], timeout=2)
            self._purger.cancel()
            await asyncio.gather(self._purger, return_exceptions=True)
        await self.writer.aclose()


def build(gateway: Gateway) -> RequestLogSink:
    lc = gateway.config.logging
    writer = BatchWriter(gateway.store, request_log, batch_size=lc.batch_size, interval_s=lc.flush_interval_s,
                         queue_max=lc.queue_max)
    return RequestLogSink(writer, lc.store_bodies, timedelta(days=lc.retention_days))
