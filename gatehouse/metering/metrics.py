"""Prometheus metrics from finished records, in a registry of the gateway's own.

Labels: model (public), deployment, territory (tenant jurisdiction), provider, status.
Limiter rejections are the records answered 429; upstream errors are records that failed
with an upstream error code, labelled by the serving provider, or, when every attempt failed,
by the provider of the last deployment the router tried (`record.attempted`).
"""

from __future__ import annotations

from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from gatehouse.metering.pricer import Quote
from gatehouse.pipeline import RequestRecord
from gatehouse.overflow import Overflow

__all__ = ["Metrics", "CONTENT_TYPE"]

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)


def provider_of(deployment_id: str) -> str:
    """The provider named in a catalogue deployment id (`model@provider/region#i`)."""
    _, at, rest = deployment_id.rpartition("@")
    return rest.split("/", 1)[0] if at and rest else "unknown"


def _provider(rec: RequestRecord) -> str:
    if rec.deployment is not None:
        return rec.deployment.provider
    return provider_of(rec.attempted[-1]) if rec.attempted else "unknown"


class _Queues(Collector):
    """Items waiting in, and dropped by, every live off-path queue (request log, ledger, monitor,
    provenance, ...; see `gatehouse.overflow`)."""

    def collect(self) -> Any:
        items = GaugeMetricFamily("gatehouse_queue_items", "Items waiting in an off-path queue.", labels=["queue"])
        dropped = CounterMetricFamily("gatehouse_queue_dropped", "Items dropped because an off-path queue was full.",
                                      labels=["queue"])
        totals: dict[str, tuple[int, int]] = {}
        for q in list(Overflow.live):
            p, d = totals.get(q.queue, (0, 0))
            totals[q.queue] = (p + q.depth(), d + q.dropped)
        for name, (p, d) in sorted(totals.items()):
            items.add_metric([name], p)
            dropped.add_metric([name], d)
        yield items
        yield dropped


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        r.register(_Queues())
        self.requests = Counter("gatehouse_requests", "Requests finished.",
                                ["model", "deployment", "territory", "status"], registry=r)
        self.tokens = Counter("gatehouse_tokens", "Tokens billed.",
                              ["model", "deployment", "territory", "kind"], registry=r)
        self.cost = Counter("gatehouse_cost_micros", "Net cost billed, in micro-units of the currency.",
                            ["model", "deployment", "territory", "currency"], registry=r)
        self.estimated = Counter("gatehouse_estimated_usage", "Requests billed on locally counted tokens.",
                                 ["model"], registry=r)
        self.latency = Histogram("gatehouse_request_latency_seconds", "Time to the last byte.",
                                 ["model", "endpoint", "stream"], buckets=_LATENCY_BUCKETS, registry=r)
        self.ttft = Histogram("gatehouse_time_to_first_token_seconds", "Time to the first streamed chunk.",
                              ["model"], buckets=_LATENCY_BUCKETS, registry=r)
        self.rejections = Counter("gatehouse_limiter_rejections", "Requests refused with 429.",
                                  ["territory", "code"], registry=r)
        self.upstream_errors = Counter("gatehouse_upstream_errors", "Requests failed by an upstream provider.",
                                       ["provider", "code"], registry=r)
        self.retries = Counter("gatehouse_retried_attempts", "Failed attempts before a request was served.",
                               ["model"], registry=r)
        self._cache: dict[tuple[Any, ...], tuple[Any, ...]] = {}

    def _series(self, key: tuple[Any, ...], make: Any) -> Any:
        """Labelled children looked up once per label set (`labels()` takes a lock each call)."""
        series = self._cache.get(key)
        if series is None:
            if len(self._cache) > 50_000:
                self._cache.clear()
            series = self._cache[key] = make()
        return series

    def observe(self, rec: RequestRecord, quote: Quote | None) -> None:
        model = rec.model or "-"
        dep = rec.deployment.id if rec.deployment else "-"
        territory = rec.jurisdiction or "-"
        requests, latency = self._series(
            ("r", model, dep, territory, rec.status, rec.endpoint, rec.stream),
            lambda: (self.requests.labels(model, dep, territory, str(rec.status)),
                     self.latency.labels(model, rec.endpoint, str(rec.stream).lower())))
        requests.inc()
        if rec.latency_ms is not None:
            latency.observe(rec.latency_ms / 1000)
        if rec.ttft_ms is not None:
            self.ttft.labels(model).observe(rec.ttft_ms / 1000)
        upstream = (rec.error_code or "").startswith("upstream")
        if rec.status == 429 and not upstream:
            self.rejections.labels(territory, rec.error_code or "rate_limited").inc()
        if upstream:
            self.upstream_errors.labels(_provider(rec), rec.error_code or "-").inc()
        if rec.deployment is not None and rec.attempts > 1:
            self.retries.labels(model).inc(rec.attempts - 1)
        if quote is not None:
            tok_in, tok_cached, tok_out, cost = self._series(
                ("m", model, dep, territory, quote.currency),
                lambda: (self.tokens.labels(model, dep, territory, "input"),
                         self.tokens.labels(model, dep, territory, "cached"),
                         self.tokens.labels(model, dep, territory, "output"),
                         self.cost.labels(model, dep, territory, quote.currency)))
            tok_in.inc(quote.input_tokens - quote.cached_tokens)
            tok_cached.inc(quote.cached_tokens)
            tok_out.inc(quote.output_tokens)
            cost.inc(quote.amount_micros)
            if rec.usage is not None and rec.usage.estimated:
                self.estimated.labels(model).inc()

    def render(self) -> bytes:
        return generate_latest(self.registry)
