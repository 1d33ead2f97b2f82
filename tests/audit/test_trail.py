"""The audit trail: a concurrent chain that never forks, and tampering caught by verify."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from gatehouse.audit import trail
from gatehouse.store.db import Store


async def _fill(store: Store, n: int) -> None:
    async def one(i: int) -> None:
        async with store.engine.begin() as conn:
            await trail.record(conn, actor=f"tester{i % 3}", action="thing.do", target=f"thing:{i}",
                               before={"n": i}, after={"n": i + 1, "note": "naïve 名字"}, reason="because")

    await asyncio.gather(*(one(i) for i in range(n)))


async def test_concurrent_writers_keep_one_chain(store_url: str) -> None:
    store = Store(store_url)
    await store.migrate()
    try:
        await _fill(store, 40)
        async with store.engine.connect() as conn:
            result = await trail.verify(conn)
            seqs = [e["seq"] async for e in trail.entries(conn)]
        assert result.ok, result
        assert result.entries == 40
        assert seqs == list(range(1, 41))
    finally:
        await store.aclose()


async def test_batches_and_single_entries_keep_one_chain(store_url: str) -> None:
    """`record_many` takes the head once for a whole batch; batches and single writers running
    at once still make one chain with no gap, each batch's entries in order."""
    store = Store(store_url)
    await store.migrate()

    async def batch(b: int) -> None:
        async with store.engine.begin() as conn:
            await trail.record_many(conn, [trail.Entry("tester", "tenant.suspend", f"tenant:b{b}-{i}", {"status": "verified"},
                                                       {"status": "suspended"}, "campaign") for i in range(25)])

    try:
        await asyncio.gather(_fill(store, 20), *(batch(b) for b in range(4)))
        async with store.engine.begin() as conn:
            await trail.record_many(conn, [])
        async with store.engine.connect() as conn:
            result = await trail.verify(conn)
            got = [(e["seq"], e["target"]) async for e in trail.entries(conn)]
        assert result.ok and result.entries == 120, result
        assert [seq for seq, _ in got] == list(range(1, 121))
        for b in range(4):
            assert [t for _, t in got if t.startswith(f"tenant:b{b}-")] == [f"tenant:b{b}-{i}" for i in range(25)]
    finally:
        await store.aclose()


async def test_rolled_back_transaction_leaves_no_entry(store_url: str) -> None:
    store = Store(store_url)
    await store.migrate()
    try:
        await _fill(store, 2)
        with pytest.raises(RuntimeError):
            async with store.engine.begin() as conn:
                await trail.record(conn, actor="x", action="y", target="z")
                raise RuntimeError("abort")
        await _fill(store, 1)
        async with store.engine.connect() as conn:
            assert (await trail.verify(conn)).to_dict()["entries"] == 3
    finally:
        await store.aclose()


@pytest.mark.parametrize("tamper, first_bad", [
    ("UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 4", 4),
    ("UPDATE audit_log SET after = '{\"n\": 99}' WHERE seq = 2", 2),
    ("DELETE FROM audit_log WHERE seq = 5", 5),
    ("DELETE FROM audit_log WHERE seq = 8", 8),
    ("UPDATE audit_log SET seq = 1000 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 6; "
     "UPDATE audit_log SET seq = 6 WHERE seq = 1000", 3),
])
async def test_verify_names_the_first_bad_entry(tmp_path: Path, tamper: str, first_bad: int) -> None:
    store = Store(f"sqlite+aiosqlite:///{tmp_path}/a.db")
    await store.migrate()
    try:
        for i in range(8):
            async with store.engine.begin() as conn:
                await trail.record(conn, actor="a", action="x", target=f"t{i}", after={"n": i})
        async with store.engine.begin() as conn:
            for stmt in tamper.split(";"):
                await conn.execute(text(stmt))
        async with store.engine.connect() as conn:
            result = await trail.verify(conn)
        assert not result.ok
        assert result.first_bad == first_bad, result
    finally:
        await store.aclose()


def test_cli_verify_catches_a_row_edited_in_postgres(pg_url: str, tmp_path: Path) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text(f"store: {{url: '{pg_url}'}}\n")

    async def setup() -> None:
        store = Store(pg_url)
        await store.migrate()
        await _fill(store, 5)
        await store.aclose()

    asyncio.run(setup())

    def verify() -> tuple[int, dict[str, object]]:
        p = subprocess.run([sys.executable, "-m", "gatehouse", "audit", "verify", "--config", str(cfg), "--json"],
                           capture_output=True, text=True, timeout=60)
        return p.returncode, json.loads(p.stdout)

    rc, out = verify()
    assert rc == 0 and out["ok"] is True and out["entries"] == 5

    async def edit() -> None:
        store = Store(pg_url)
        async with store.engine.begin() as conn:
            await conn.execute(text("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3"))
        await store.aclose()

    asyncio.run(edit())
    rc, out = verify()
    assert rc == 1 and out["ok"] is False and out["first_bad"] == 3

    exported = tmp_path / "audit.jsonl"
    p = subprocess.run([sys.executable, "-m", "gatehouse", "audit", "export", "--config", str(cfg), "-o",
                        str(exported)], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    lines = [json.loads(x) for x in exported.read_text().splitlines()]
    assert [x["seq"] for x in lines] == [1, 2, 3, 4, 5] and all(len(x["hash"]) == 64 for x in lines)


def test_cli_list_limit_is_checked_at_its_edges(tmp_path: Path) -> None:
    """`gatehouse audit list --limit N` prints the newest N entries; 0 is refused (it printed the
    whole trail, as a slice [-0:] does)."""
    from click.testing import CliRunner

    from gatehouse.cli.main import cli

    url = f"sqlite+aiosqlite:///{tmp_path}/a.db"
    cfg = tmp_path / "gatehouse.yaml"
    cfg.write_text(f"store:\n  url: {url}\n")

    async def fill() -> None:
        store = Store(url)
        await store.migrate()
        try:
            await _fill(store, 3)
        finally:
            await store.aclose()

    asyncio.run(fill())
    r = CliRunner().invoke(cli, ["audit", "list", "--limit", "1", "--json", "--config", str(cfg)])
    assert r.exit_code == 0, r.output
    assert [e["seq"] for e in json.loads(r.output)] == [3]
    r = CliRunner().invoke(cli, ["audit", "list", "--limit", "0", "--config", str(cfg)])
    assert r.exit_code == 2 and "--limit" in r.output
