"""The request pipeline's seams: what a governed call carries, the guards that may stop
it before it reaches a provider, and the sinks that consume its record afterwards.

Guards run on the hot path and must be cheap (in-memory state, no I/O where avoidable).
Sinks run on the hot path too but must only enqueue: anything slow (database writes,
scoring, fingerprinting) happens in the sink's own background task.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from gatehouse.providers.base import Deployment, Endpoint, Usage
from gatehouse.routing.catalogue import CatalogueModel
from gatehouse.routing.router import CandidateFilter
from gatehouse.tenancy.principal import Principal

__all__ = ["CallContext", "RequestRecord", "Guard", "RecordSink", "RESPONSE_HEADERS"]

# `CallContext.state` key: a dict of headers a guard wants on the successful answer (e.g. the
# limits guard's x-ratelimit-*); the proxy adds them to JSON and streaming responses alike.
RESPONSE_HEADERS = "response_headers"


@dataclass(slots=True)
class RequestRecord:
    """Everything known about one request once it has finished (or failed)."""

    id: str
    ts: datetime
    endpoint: str
    status: int = 200
    tenant_id: str | None = None
    key_id: str | None = None
    project_id: str | None = None
    jurisdiction: str | None = None
    model: str | None = None
    deployment: Deployment | None = None
    usage: Usage | None = None
    stream: bool = False
    attempts: int = 1
    # Deployment ids the router tried, in order (the last one served, or failed last).
    attempted: list[str] = field(default_factory=list)
    error_code: str | None = None
    latency_ms: float | None = None
    ttft_ms: float | None = None
    client_ip: str | None = None
    user_agent: str | None = None
    finish_reason: str | None = None
    # The request body as sent and the text served. Kept in memory for sinks (monitoring,
    # provenance); written to the store only when `logging.store_bodies` is on.
    request_body: dict[str, Any] | None = None
    response_text: str | None = None
    cancelled: bool = False
    # Set by the metering feature's pricer before guards finish and sinks see the record.
    cost_micros: int | None = None
    currency: str | None = None
    price_quote: Any = None  # the pricer's full quote, so that the ledger does not price twice

    @property
    def served(self) -> bool:
        return self.status < 400 and self.deployment is not None


@dataclass(slots=True)
class CallContext:
    """One governed call as it passes the guards."""

    principal: Principal
    endpoint: Endpoint
    body: dict[str, Any]
    model: CatalogueModel
    record: RequestRecord
    allow: CandidateFilter | None = None
    state: dict[str, Any] = field(default_factory=dict)


class Guard(Protocol):
    """A governance step before routing (policy, limits, enforcement)."""

    async def check(self, ctx: CallContext) -> None:
        """Raise a GatehouseError to refuse; may narrow `ctx.allow`."""

    def finish(self, ctx: CallContext) -> None:
        """Called exactly once after the call ends, admitted or not, with the final record."""


class RecordSink(Protocol):
    """Consumes finished request records off the response path."""

    def submit(self, record: RequestRecord) -> None:
        """Enqueue; never block, never raise."""

    async def start(self) -> None: ...

    async def aclose(self) -> None:
        """Flush everything queued, then stop."""
