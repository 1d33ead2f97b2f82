"""The ledger on SQLite and PostgreSQL: append-only, corrections, rollup, reports, invoices."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

import pytest
from sqlalchemy import func, select, update

from gatehouse.config import GatehouseConfig
from gatehouse.metering.contracts import ContractBook
from gatehouse.metering.invoice import build_invoice, render
from gatehouse.metering.ledger import post_correction, rebuild_rollups, spend_micros, write_entries
from gatehouse.metering.reports import parse_period, revenue
from gatehouse.metering.tables import ledger_daily, ledger_entries
from gatehouse.store.db import Store


def entry(i: int, ts: datetime, tenant: str = "t1", territory: str = "US", amount: int = 1_000_000,
          model: str = "gpt-4o", project: str | None = "p1") -> dict[str, Any]:
    return {
        "id": f"req_{i}", "kind": "usage", "request_id": f"req_{i}", "corrects": None, "ts": ts, "recorded_at": ts,
        "tenant_id": tenant, "project_id": project, "key_id": "k", "jurisdiction": territory, "endpoint": "/v1/chat/completions",
        "model": model, "deployment_id": "d", "provider": "sim", "region": "us-east", "price_tier": None, "status": 200,
        "cancelled": False, "estimated": False, "input_tokens": 100, "cached_tokens": 0, "output_tokens": 50,
        "input_price": 1, "cached_price": 1, "output_price": 1, "price_source": "list", "discount_ppm": 0,
        "list_micros": amount, "amount_micros": amount, "currency": "USD", "actor": None, "reason": None,
    }


def at(y: int, m: int, d: int = 5) -> datetime:
    return datetime(y, m, d, 10, tzinfo=timezone.utc)


@pytest.fixture
async def store(store_url: str) -> Any:
    s = Store(store_url)
    await s.migrate()
    yield s
    await s.aclose()


async def test_append_only_and_corrections(store: Store) -> None:
    async with store.engine.begin() as conn:
        await write_entries(conn, [entry(1, at(2026, 3)), entry(2, at(2026, 3), amount=2_500_000)])
    with pytest.raises(Exception):
        async with store.engine.begin() as conn:
            await conn.execute(update(ledger_entries).values(amount_micros=0))
    with pytest.raises(Exception):
        async with store.engine.begin() as conn:
            await conn.execute(ledger_entries.delete())
    fix = await post_correction(store, entry_id="req_2", reason="goodwill credit", actor="test",
                                amount_micros=-500_000, at=at(2026, 3, 20))
    void = await post_correction(store, entry_id="req_1", reason="duplicate", actor="test", void=True, at=at(2026, 3, 21))
    assert fix["kind"] == "correction" and fix["corrects"] == "req_2"
    assert void["amount_micros"] == -1_000_000 and void["input_tokens"] == -100
    async with store.engine.connect() as conn:
        total = (await conn.execute(select(func.sum(ledger_entries.c.amount_micros)))).scalar_one()
        orig = (await conn.execute(select(ledger_entries.c.amount_micros).where(ledger_entries.c.id == "req_2"))).scalar_one()
        assert (int(total), orig) == (2_000_000, 2_500_000)  # originals untouched
        assert await spend_micros(conn, "t1", date(2026, 3, 1), date(2026, 4, 1)) == 2_000_000
        inv = await build_invoice(conn, "t1", date(2026, 3, 1), ContractBook([]))
    assert inv.total_micros == 2_000_000 and inv.lines[0].requests == 2
    assert "2.000000" in render(inv, "csv") and "<table>" in render(inv, "html")


async def test_rollup_equals_entries_and_rebuild(store: Store) -> None:
    rows = [entry(i, at(2026, 1 + i % 3, 1 + i % 27), tenant=f"t{i % 4}", territory=["US", "SG", "DE"][i % 3],
                  amount=1_000 + i) for i in range(300)]
    async with store.engine.begin() as conn:
        await write_entries(conn, rows[:150])
    async with store.engine.begin() as conn:
        await write_entries(conn, rows[150:])

    async def rollup() -> list[Any]:
        async with store.engine.connect() as conn:
            return sorted(tuple(r) for r in (await conn.execute(select(ledger_daily))).all())

    before = await rollup()
    assert sum(r[-1] for r in before) == sum(r["amount_micros"] for r in rows)
    assert await rebuild_rollups(store) == len(before)
    assert await rollup() == before


async def test_revenue_growth_share_and_intervals(store: Store) -> None:
    rows = []
    i = 0
    for month, sg, us in ((6, 1, 2), (7, 3, 2), (8, 3, 2)):
        for territory, n in (("SG", sg), ("US", us)):
            for _ in range(n):
                i += 1
                rows.append(entry(i, at(2026 if month < 13 else 2027, month), territory=territory))
    async with store.engine.begin() as conn:
        await write_entries(conn, rows)
    async with store.engine.connect() as conn:
        out = await revenue(conn, by="territory", period=parse_period("2026-07..2026-08"), interval="month")
        by = {(r["period"], r["territory"]): r for r in out}
        assert by[("2026-07", "SG")]["growth"] == "3.00x"  # tripled against June (outside the period)
        assert by[("2026-07", "US")]["growth"] == "1.00x"
        assert by[("2026-07", "SG")]["share"] == "0.6000"
        assert by[("2026-07", "SG")]["revenue"] == "3.000000" and by[("2026-07", "SG")]["requests"] == 3
        assert {r["period"] for r in out} == {"2026-07", "2026-08"}
        q = await revenue(conn, by="territory", period=parse_period("2026-07..2026-09"), interval="quarter")
        assert {(r["period"], r["territory"], r["revenue"]) for r in q} == {("2026-Q3", "SG", "6.000000"),
                                                                             ("2026-Q3", "US", "4.000000")}
        t = await revenue(conn, by="tenant", period=parse_period("2026-06..2026-08"), interval="year")
        assert t == [] or t[0]["revenue_micros"] == len(rows) * 1_000_000


async def test_invoice_commitment_tiers_and_minimum(store: Store) -> None:
    async with store.engine.begin() as conn:
        await write_entries(conn, [entry(1, at(2026, 3), tenant="big", amount=1_000_005),
                                   entry(2, at(2026, 3), tenant="small", amount=100_000, project=None)])
    cfg = GatehouseConfig.model_validate({"contracts": [
        {"tenant": "big", "commitment": {"tiers": [{"from": "1.00", "discount_pct": "3"}]}},
        {"tenant": "small", "commitment": {"monthly_minimum": "0.50"}}]})
    book = ContractBook.from_section(cfg.section("contracts"))
    async with store.engine.connect() as conn:
        big = await build_invoice(conn, "big", date(2026, 3, 1), book)
        small = await build_invoice(conn, "small", date(2026, 3, 1), book)
    assert big.subtotal_micros == 1_000_005 and big.adjustments[0][1] == -30_000 and big.total_micros == 970_005
    assert small.total_micros == 500_000 and small.adjustments[0][1] == 400_000
    d = small.to_dict()
    assert d["lines"][0]["project"] is None and d["total"] == "0.500000"
