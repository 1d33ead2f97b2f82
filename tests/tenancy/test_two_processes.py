"""Revocation and suspension reach every gateway process within one second (two real
`gatehouse serve` processes on one PostgreSQL store, no Redis: the poll alone)."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from gatehouse.store.db import Store
from gatehouse.tenancy import keys as keysvc
from gatehouse.tenancy import service
from tests.conftest import ADMIN_KEY, DEMO_KEY, free_port
from tests.tenancy.helpers import ServeProcess, operator_config, run_async, verified_tenant


def _status(base: str, key: str) -> int:
    return httpx.get(f"{base}/v1/models", headers={"Authorization": f"Bearer {key}"}, timeout=5).status_code


def _wait_all(bases: list[str], key: str, status: int, t0: float, limit_s: float = 1.0) -> float:
    pending = set(bases)
    while pending and time.monotonic() - t0 < limit_s + 1:
        for b in list(pending):
            if _status(b, key) == status:
                pending.discard(b)
        time.sleep(0.02)
    assert not pending, f"{pending} still accept the key"
    return time.monotonic() - t0


async def _act(url: str, fn, *args, **kw) -> None:  # type: ignore[no-untyped-def]
    store = Store(url)
    try:
        async with store.engine.begin() as conn:
            await fn(conn, *args, **kw)
    finally:
        await store.aclose()


def test_revocation_and_suspension_reach_both_processes(tmp_path: Path, pg_url: str) -> None:
    cfg, path = operator_config(tmp_path, store_url=pg_url)
    _, key_id, key = run_async(verified_tenant(cfg, name="Revoke Me Ltd"))
    tenant2, _, key2 = run_async(verified_tenant(cfg, name="Suspend Me Ltd"))
    env = {"GATEHOUSE_ADMIN_KEY": ADMIN_KEY, "GATEHOUSE_DEMO_KEY": DEMO_KEY}
    procs = [ServeProcess(path, free_port(), env) for _ in range(2)]
    try:
        bases = [p.base for p in procs]
        assert all(_status(b, key) == 200 and _status(b, key2) == 200 for b in bases)

        run_async(_act(pg_url, keysvc.revoke_key, key_id, actor="test", reason="leaked"))
        elapsed = _wait_all(bases, key, 401, time.monotonic())
        assert elapsed < 1.0, elapsed

        run_async(_act(pg_url, service.suspend_tenant, tenant2, actor="test", reason="abuse"))
        elapsed = _wait_all(bases, key2, 403, time.monotonic())
        assert elapsed < 1.0, elapsed

        run_async(_act(pg_url, service.reinstate_tenant, tenant2, actor="test", reason="resolved"))
        _wait_all(bases, key2, 200, time.monotonic())
    finally:
        for p in procs:
            p.stop()
