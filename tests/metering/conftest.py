"""Metering fixtures: a deterministic flaky provider, a controllable request clock, ledger reads."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import orjson
import pytest
from sqlalchemy import select

from gatehouse.metering.tables import ledger_entries
from gatehouse.providers.base import Timeouts, Transport, UpstreamRequest, UpstreamResponse
from gatehouse.providers.registry import PROVIDER_KINDS, ProviderKind
from gatehouse.providers.simulator import SimulatorAdapter, SimulatorOptions, SimulatorTransport
from gatehouse.store.db import Store


class FlakyTransport(Transport):
    """The simulator, but any request whose body contains `fail_on` gets a 500."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.sim = SimulatorTransport(SimulatorOptions.from_dict(options))
        self.fail_on = [m.encode() for m in options.get("fail_on", [])]
        self.strip_usage = bool(options.get("strip_usage"))

    async def send(self, request: UpstreamRequest, timeouts: Timeouts) -> UpstreamResponse:
        if any(m in request.body for m in self.fail_on):
            from gatehouse.providers.mock import MockResponse

            body = orjson.dumps({"error": {"message": "flaky", "type": "server_error"}})
            return MockResponse(500, body)
        resp = await self.sim.send(request, timeouts)
        if self.strip_usage and request.stream:
            frames = [c async for c in resp.iter_chunks() if b'"choices":[]' not in c]
            from gatehouse.providers.mock import MockResponse

            return MockResponse(200, chunks=frames, headers={"content-type": "text/event-stream"})
        return resp


@pytest.fixture
def flaky_kind() -> Iterator[str]:
    PROVIDER_KINDS["flaky"] = ProviderKind(SimulatorAdapter, lambda cfg: FlakyTransport(cfg.options),
                                           needs_base_url=False)
    try:
        yield "flaky"
    finally:
        PROVIDER_KINDS.pop("flaky", None)


class Clock:
    """The request clock the proxy reads (`datetime.now` in gatehouse.api.proxy)."""

    def __init__(self) -> None:
        self.now: datetime | None = None

    def set(self, when: datetime) -> None:
        self.now = when


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    c = Clock()

    class FakeDatetime(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> datetime:  # type: ignore[override]
            return c.now if c.now is not None else datetime.now(tz or timezone.utc)

    monkeypatch.setattr("gatehouse.api.proxy.datetime", FakeDatetime)
    return c


def read_ledger(url: str) -> list[dict[str, Any]]:
    async def go() -> list[dict[str, Any]]:
        store = Store(url)
        try:
            async with store.engine.connect() as conn:
                rows = (await conn.execute(select(ledger_entries))).mappings().all()
            return [dict(r) for r in rows]
        finally:
            await store.aclose()

    return asyncio.run(go())


def wait_ledger(url: str, count: int, timeout: float = 15.0) -> list[dict[str, Any]]:
    deadline = time.monotonic() + timeout
    rows = read_ledger(url)
    while len(rows) < count and time.monotonic() < deadline:
        time.sleep(0.1)
        rows = read_ledger(url)
    return rows
