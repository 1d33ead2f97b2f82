"""Shared fixtures: real databases, real Redis, and real gateway servers on loopback.

- `pg_url`: a fresh, uniquely named PostgreSQL database (dropped afterwards).
- `store_url`: parametrized over SQLite and PostgreSQL, for tests that must pass on both.
- `redis_url`: the local Redis, with `redis_prefix` unique per test.
- `gateway_server`: a factory; `gateway_server(config)` starts `create_app(config)` under
  uvicorn in a thread on a free port and returns a `RunningGateway` (base_url, keys, app).
"""

from __future__ import annotations

import asyncio
import os
import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from gatehouse.config import GatehouseConfig, default_config

PG_HOST = os.environ.get("GATEHOUSE_TEST_PG", "postgresql://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("GATEHOUSE_TEST_REDIS", "redis://127.0.0.1:6379/0")
ADMIN_KEY = "ghadm-test-admin-key-0123456789abcdef"
DEMO_KEY = "sk-gh-test-demo-key-0123456789abcdef"


def _pg_exec(sql: str) -> None:
    import asyncpg

    async def go() -> None:
        conn = await asyncpg.connect(PG_HOST + "/postgres")
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(go())


def make_pg_database() -> tuple[str, Callable[[], None]]:
    name = f"gh_test_{secrets.token_hex(6)}"
    _pg_exec(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        _pg_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return PG_HOST.replace("postgresql://", "postgresql+asyncpg://") + "/" + name, drop


@pytest.fixture
def pg_url() -> Iterator[str]:
    url, drop = make_pg_database()
    try:
        yield url
    finally:
        drop()


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path}/gatehouse.db"
        return
    url, drop = make_pg_database()
    try:
        yield url
    finally:
        drop()


@pytest.fixture
def redis_url() -> str:
    return REDIS_URL


@pytest.fixture
def redis_prefix() -> str:
    return f"ghtest:{secrets.token_hex(4)}:"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class RunningGateway:
    base_url: str  # http://127.0.0.1:PORT
    admin_key: str
    demo_key: str
    app: Any
    server: Any
    thread: threading.Thread

    @property
    def v1(self) -> str:
        return self.base_url + "/v1"

    @property
    def gateway(self) -> Any:
        return self.app.state.gateway

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


def start_gateway(config: GatehouseConfig) -> RunningGateway:
    import uvicorn

    from gatehouse.app import create_app

    app = create_app(config)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="on", access_log=False, timeout_graceful_shutdown=5))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the gateway did not start")
        time.sleep(0.02)
    return RunningGateway(f"http://127.0.0.1:{port}", ADMIN_KEY, DEMO_KEY, app, server, thread)


@pytest.fixture
def gateway_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., RunningGateway]]:
    """Factory: gateway_server(config=None, store_url=None) -> RunningGateway. The bootstrap keys
    (ADMIN_KEY, DEMO_KEY) are set in the environment for this test only."""
    monkeypatch.setenv("GATEHOUSE_ADMIN_KEY", ADMIN_KEY)
    monkeypatch.setenv("GATEHOUSE_DEMO_KEY", DEMO_KEY)
    started: list[RunningGateway] = []

    def factory(config: GatehouseConfig | None = None, store_url: str | None = None) -> RunningGateway:
        cfg = config if config is not None else default_config()
        if store_url is not None:
            cfg.store.url = store_url
        elif cfg.store.url == default_config().store.url:
            cfg.store.url = f"sqlite+aiosqlite:///{tmp_path}/gw{len(started)}.db"
        gw = start_gateway(cfg)
        started.append(gw)
        return gw

    yield factory
    for gw in started:
        gw.stop()


@pytest.fixture
def sim_config() -> GatehouseConfig:
    """The embedded defaults with a fast flush so that tests see log rows quickly."""
    cfg = default_config()
    cfg.logging.flush_interval_s = 0.05
    cfg.routing.backoff_base_s = 0.0
    return cfg
