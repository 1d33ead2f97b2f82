"""Routing with retries, backoff with jitter, fallback models and circuit breakers."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from gatehouse.config import RoutingConfig
from gatehouse.errors import GatehouseError, UpstreamError, UpstreamUnavailable
from gatehouse.providers.base import Deployment, Endpoint, Timeouts, Usage
from gatehouse.providers.client import ProviderClient, ProviderStream
from gatehouse.routing.balancer import Balancer
from gatehouse.routing.catalogue import Catalogue

__all__ = ["Attempt", "Served", "ServedStream", "Router", "CandidateFilter"]

# (public model, its deployments) -> the deployments this caller may use
CandidateFilter = Callable[[str, tuple[Deployment, ...]], list[Deployment]]


@dataclass(slots=True)
class Attempt:
    deployment_id: str
    error: str | None = None
    status: int | None = None


@dataclass(slots=True)
class Served:
    body: dict[str, Any]
    usage: Usage | None
    deployment: Deployment
    attempts: list[Attempt] = field(default_factory=list)


@dataclass(slots=True)
class ServedStream:
    stream: ProviderStream
    deployment: Deployment
    attempts: list[Attempt] = field(default_factory=list)


class Router:
    def __init__(self, catalogue: Catalogue, clients: dict[str, ProviderClient], cfg: RoutingConfig) -> None:
        self.catalogue = catalogue
        self.clients = clients
        self.cfg = cfg
        t = cfg.timeouts
        self.timeouts = Timeouts(t.connect_s, t.first_byte_s, t.idle_s, t.total_s)
        self.balancer = Balancer(cfg.breaker.failures, cfg.breaker.cooldown_s)
        self._rng = random.Random()

    def _chain(self, model: str, allow: CandidateFilter | None) -> list[list[Deployment]]:
        """Deployments of the model, then of each fallback in turn (policy applied to all)."""
        chain: list[list[Deployment]] = []
        seen: set[str] = set()
        name: str | None = model
        while name is not None and name not in seen:
            seen.add(name)
            m = self.catalogue.models.get(name)
            if m is None:
                break
            deps = list(m.deployments) if allow is None else allow(name, m.deployments)
            if deps:
                chain.append(deps)
            name = m.fallback
        return chain

    async def _backoff(self, attempt: int) -> None:
        base = self.cfg.backoff_base_s
        if base <= 0:
            return
        delay = min(self.cfg.backoff_max_s, base * (2 ** attempt))
        await asyncio.sleep(self._rng.uniform(0, delay))  # full jitter

    async def _run(self, endpoint: Endpoint, body: dict[str, Any], model: str, allow: CandidateFilter | None,
                   stream: bool) -> Served | ServedStream:
        attempts: list[Attempt] = []
        last: GatehouseError | None = None
        budget = self.cfg.retries + 1
        chain = self._chain(model, allow)
        for gi, group in enumerate(chain):
            last_group = gi == len(chain) - 1
            tried: set[str] = set()
            unsupported: set[str] = set()
            while budget > 0:
                dep = self.balancer.pick(group, tried)
                if dep is None and last_group and len(tried) > len(unsupported) and last is not None:
                    # Every deployment failed once and no fallback is left: go round again
                    # (backoff applies), budget permitting.
                    tried = set(unsupported)
                    dep = self.balancer.pick(group, tried)
                if dep is None:
                    break
                client = self.clients[dep.provider]
                if not client.supports(endpoint):
                    tried.add(dep.id)
                    unsupported.add(dep.id)
                    continue
                if attempts:
                    await self._backoff(len(attempts) - 1)
                budget -= 1
                tried.add(dep.id)
                self.balancer.started(dep)
                try:
                    if stream:
                        s = await client.open_stream(endpoint, body, dep, self.timeouts)
                        self.balancer.succeeded(dep)
                        attempts.append(Attempt(dep.id, status=200))
                        return ServedStream(s, dep, attempts)
                    out, usage = await client.complete(endpoint, body, dep, self.timeouts)
                    self.balancer.succeeded(dep)
                    attempts.append(Attempt(dep.id, status=200))
                    return Served(out, usage, dep, attempts)
                except UpstreamError as exc:
                    attempts.append(Attempt(dep.id, error=type(exc).__name__, status=exc.status_code))
                    exc.attempts = attempts  # becomes the record's `attempted` when all fail
                    last = exc
                    if not exc.retryable:
                        raise
                    self.balancer.failed(dep)
                finally:
                    self.balancer.finished(dep)
        if last is not None:
            raise last
        raise UpstreamUnavailable(f"no deployment of '{model}' is available right now; try again shortly",
                                  headers={"retry-after": "1"})

    async def complete(self, endpoint: Endpoint, body: dict[str, Any], model: str,
                       allow: CandidateFilter | None = None) -> Served:
        out = await self._run(endpoint, body, model, allow, stream=False)
        assert isinstance(out, Served)
        return out

    async def stream(self, endpoint: Endpoint, body: dict[str, Any], model: str,
                     allow: CandidateFilter | None = None) -> ServedStream:
        out = await self._run(endpoint, body, model, allow, stream=True)
        assert isinstance(out, ServedStream)
        return out

    async def aclose(self) -> None:
        await asyncio.gather(*(c.aclose() for c in self.clients.values()), return_exceptions=True)
