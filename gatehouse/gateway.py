"""The Gateway: every long-lived component of one process, built and closed in the lifespan.

Features plug in through the factory lists below ("module:function", each
`build(gateway) -> component | None`); a feature whose module is absent is skipped.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from gatehouse.config import GatehouseConfig
from gatehouse.pipeline import Guard, RecordSink, RequestRecord
from gatehouse.providers.client import ProviderClient
from gatehouse.providers.registry import build_provider
from gatehouse.routing.catalogue import Catalogue
from gatehouse.routing.router import Router
from gatehouse.store.db import Store
from gatehouse.store.signals import CHANNEL, versions
from gatehouse.tenancy.bootstrap import BootstrapResult, bootstrap
from gatehouse.tenancy.keyring import Keyring

__all__ = ["Gateway", "GUARD_FACTORIES", "SINK_FACTORIES", "ROUTE_FACTORIES", "load_factory"]

log = logging.getLogger("gatehouse")

# Order matters: guards run in this order on every call.
GUARD_FACTORIES: list[str] = [
    "gatehouse.policy.guard:build",
    "gatehouse.monitor.enforce:build",
    "gatehouse.limits.guard:build",
    "gatehouse.provenance.watermark.tenant:build",
]
SINK_FACTORIES: list[str] = [
    "gatehouse.requestlog.sink:build",
    "gatehouse.metering.sink:build",
    "gatehouse.monitor.live:build",
    "gatehouse.provenance.sink:build",
]
ROUTE_FACTORIES: list[str] = [
    "gatehouse.api.admin.routes:build",
    "gatehouse.monitor.routes:build",
    "gatehouse.metering.routes:build",
]

SIGNAL_POLL_S = 0.25


def load_factory(target: str) -> Callable[[Gateway], Any] | None:
    module, attr = target.split(":")
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name is not None and module.startswith(exc.name):
            return None
        raise
    factory: Callable[[Gateway], Any] | None = getattr(mod, attr, None)
    return factory


class Gateway:
    def __init__(self, config: GatehouseConfig) -> None:
        self.config = config
        self.store = Store(config.store.url, pool_size=config.store.pool_size)
        self.catalogue = Catalogue.from_config(config)
        self.router = _build_router(config, self.catalogue)
        self.keyring = Keyring(self.store)
        self.redis: Any = None
        self.guards: list[Guard] = []
        self.sinks: list[RecordSink] = []
        self.routes: list[Any] = []
        self.bootstrap_result = BootstrapResult()
        self.count_tokens: Callable[[str, str | None], int] = _default_counter()
        # Set by metering: prices a finished record (fills cost_micros/currency) before guards finish.
        self.pricer: Callable[[RequestRecord], None] | None = None
        # Set by the monitor feature: decisions shared by its guard and sink, and the sink itself.
        self.monitor_decisions: Any = None
        self.monitor_sink: Any = None
        self._signal_handlers: dict[str, list[Callable[[], Awaitable[None]]]] = {
            "keys": [self.keyring.load], "tenants": [self.keyring.load],
        }
        self._versions: dict[str, int] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self._wake = asyncio.Event()
        self._stopping = False
        self.ready = False
        from gatehouse.api.proxy import RequestIds

        self.request_ids = RequestIds()

    # -- feature wiring -------------------------------------------------
    def on_signal(self, name: str, handler: Callable[[], Awaitable[None]]) -> None:
        """Run `handler` whenever another process bumps the named signal."""
        self._signal_handlers.setdefault(name, []).append(handler)

    def visible_models(self, principal: Any) -> list[Any]:
        """Catalogue models this caller may use (guards with an `offers` method narrow it)."""
        filters = [g.offers for g in self.guards if hasattr(g, "offers")]
        return [m for m in self.catalogue.models.values()
                if (not principal.scopes or m.name in principal.scopes) and all(f(principal, m) for f in filters)]

    def build_routes(self) -> list[Any]:
        routes: list[Any] = []
        for target in ROUTE_FACTORIES:
            factory = load_factory(target)
            if factory is not None:
                routes.extend(factory(self) or [])
        return routes

    # -- lifecycle -------------------------------------------------------
    async def start(self) -> None:
        await self.store.migrate()
        self.bootstrap_result = await bootstrap(self.store, self.config)
        if self.config.redis_url:
            import redis.asyncio as aioredis

            self.redis = aioredis.from_url(self.config.redis_url, decode_responses=False)
            await self.redis.ping()
        counter = load_factory("gatehouse.metering.tokenizer:build")
        if counter is not None:
            self.count_tokens = counter(self)
        pricer = load_factory("gatehouse.metering.pricer:build")
        if pricer is not None:
            self.pricer = await pricer(self)
        for target in GUARD_FACTORIES:
            factory = load_factory(target)
            guard = factory(self) if factory is not None else None
            if guard is not None:
                self.guards.append(guard)
        for target in SINK_FACTORIES:
            factory = load_factory(target)
            sink = factory(self) if factory is not None else None
            if sink is not None:
                self.sinks.append(sink)
        for g in self.guards:
            start = getattr(g, "start", None)
            if start is not None:
                await start()
        for s in self.sinks:
            await s.start()
        await self.keyring.load()
        async with self.store.engine.connect() as conn:
            self._versions = await versions(conn)
        self._tasks.append(asyncio.create_task(self._watch_signals(), name="signals"))
        if self.redis is not None:
            self._tasks.append(asyncio.create_task(self._listen_redis(), name="signals-redis"))
        self.ready = True

    async def close(self) -> None:
        self.ready = False
        # Let the pollers finish the query in hand: a task cancelled mid-query leaves the
        # database driver's thread answering into a closed loop.
        self._stopping = True
        self._wake.set()
        watcher = [t for t in self._tasks if t.get_name() == "signals"]
        if watcher:
            await asyncio.wait(watcher, timeout=2)
        for t in self._tasks:
            t.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()
        for s in self.sinks:
            try:
                await s.aclose()
            except Exception:
                log.exception("closing sink %r failed", s)
        for g in self.guards:
            close = getattr(g, "aclose", None)
            if close is not None:
                await close()
        await self.router.aclose()
        if self.redis is not None:
            await self.redis.aclose()
        await self.store.aclose()

    def record(self, record: RequestRecord) -> None:
        for s in self.sinks:
            try:
                s.submit(record)
            except Exception:
                log.exception("sink %r refused a record", s)

    async def reload(self, config: GatehouseConfig) -> None:
        """Swap in a new catalogue and providers (SIGHUP) and the new feature sections, then run the
        "config" handlers (metering re-reads prices and contracts). Requests in flight finish on the
        old router; its connections are closed once they had time to."""
        catalogue = Catalogue.from_config(config)
        router = _build_router(config, catalogue)
        old = self.router
        self.config.models, self.config.providers, self.config.routing = config.models, config.providers, config.routing
        extra = self.config.model_extra  # feature sections (prices, contracts, ...): "config" handlers re-read them
        if extra is not None:
            extra.clear()
            extra.update(config.model_extra or {})
        self.catalogue, self.router = catalogue, router
        for handler in self._signal_handlers.get("config", ()):
            await handler()

        async def close_later() -> None:
            await asyncio.sleep(self.config.routing.timeouts.total_s)
            await old.aclose()

        self._tasks.append(asyncio.create_task(close_later(), name="close-old-router"))

    # -- change signals --------------------------------------------------
    async def poll_signals(self) -> None:
        async with self.store.engine.connect() as conn:
            current = await versions(conn)
        changed = [n for n, v in current.items() if self._versions.get(n) != v]
        self._versions = current
        done: set[Callable[[], Awaitable[None]]] = set()
        for name in changed:
            for handler in self._signal_handlers.get(name, ()):
                if handler not in done:
                    done.add(handler)
                    await handler()

    async def _watch_signals(self) -> None:
        while not self._stopping:
            try:
                await asyncio.wait_for(self._wake.wait(), SIGNAL_POLL_S)
            except TimeoutError:
                pass
            self._wake.clear()
            if self._stopping:
                return
            try:
                await self.poll_signals()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("polling change signals failed")
                await asyncio.sleep(1)

    async def _listen_redis(self) -> None:
        pubsub = self.redis.pubsub()
        await pubsub.subscribe(CHANNEL)
        try:
            async for msg in pubsub.listen():
                if msg.get("type") == "message":
                    self._wake.set()
        finally:
            await pubsub.aclose()


def _build_router(config: GatehouseConfig, catalogue: Catalogue) -> Router:
    clients = {}
    for name, pcfg in config.providers.items():
        adapter, transport = build_provider(name, pcfg)
        clients[name] = ProviderClient(name, adapter, transport)
    return Router(catalogue, clients, config.routing)


def _default_counter() -> Callable[[str, str | None], int]:
    from gatehouse.providers.simulator import count_tokens

    def count(text: str, family: str | None) -> int:
        return count_tokens(text)

    return count
