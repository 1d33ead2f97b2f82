"""Confirming or clearing a whole campaign from one of its alerts, on SQLite and PostgreSQL: the
live monitor stores each linked tenant's campaign, and the analyst acts on all of it at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from gatehouse.audit import trail
from gatehouse.audit.tables import audit_log
from gatehouse.errors import InvalidRequest
from gatehouse.monitor import alerts as svc
from gatehouse.monitor.tables import monitor_baselines
from gatehouse.store.db import Store
from gatehouse.tenancy.tables import tenant_events, tenants
from tests.tenancy.helpers import operator_config, verified_tenant


async def _alert(conn: AsyncConnection, tenant: str) -> str:
    return await svc.upsert_alert(conn, tenant=tenant, key=None, verdict="block", action="review", score=0.93,
                                  evidence=["campaign=0.93: linked"], samples=[], campaign=None, clear_offset=2.0)


async def test_a_campaign_is_confirmed_and_cleared_as_one(tmp_path: Path, store_url: str) -> None:
    cfg, _ = operator_config(tmp_path, store_url=store_url)
    a, b, c, d, e, f = [(await verified_tenant(cfg, name=f"Member {n} Ltd", registration=f"12-34567{n}"))[0]
                        for n in range(10, 16)]
    store = Store(store_url)
    try:
        async with store.engine.begin() as conn:
            await svc.save_campaign_members(conn, {t: ("camp_1", 0.93) for t in (a, b, c, "org_ghost")}, [])
            await svc.save_campaign_members(conn, {t: ("camp_2", 0.8) for t in (e, f)}, [])
            first, second, lone = await _alert(conn, a), await _alert(conn, b), await _alert(conn, d)
            e_alert, f_alert = await _alert(conn, e), await _alert(conn, f)

        async with store.engine.connect() as conn:
            assert {x["id"] for x in await svc.list_alerts(conn, campaign="camp_1")} == {first, second}
        async with store.engine.begin() as conn:
            out = await svc.confirm_alert(conn, first, actor="admin:t", note="one operation", scope="campaign")
        r = out["campaign_resolution"]
        assert out["status"] == "confirmed" and r["campaign"] == "camp_1" and r["tenants"] == 4
        assert r["suspended"] == 3 and r["alerts"] == 2 and r["skipped"][0].startswith("org_ghost")
        async with store.engine.connect() as conn:
            status = {row.id: row.status for row in await conn.execute(select(tenants.c.id, tenants.c.status))}
            assert [status[t] for t in (a, b, c, d)] == ["suspended", "suspended", "suspended", "verified"]
            assert (await svc.get_alert(conn, second))["status"] == "confirmed"
            assert (await svc.get_alert(conn, lone))["status"] == "open"
            actions = [row.action for row in await conn.execute(select(audit_log.c.action))]
            assert actions.count("tenant.suspend") == 3 and "monitor.campaign.confirm" in actions
            events = (await conn.execute(select(tenant_events.c.tenant_id, tenant_events.c.from_status).where(
                tenant_events.c.to_status == "suspended"))).all()
            assert sorted(events) == sorted((t, "verified") for t in (a, b, c))
            assert (await trail.verify(conn)).ok

        # a tenant in no campaign: a clear error, and nothing changes
        with pytest.raises(InvalidRequest, match="in no campaign"):
            async with store.engine.begin() as conn:
                await svc.clear_alert(conn, lone, actor="admin:t", scope="campaign")
        async with store.engine.begin() as conn:
            assert (await svc.get_alert(conn, lone))["status"] == "open"
            cleared = await svc.clear_alert(conn, e_alert, actor="admin:t", note="one customer's teams", scope="campaign")
        assert cleared["campaign_resolution"] == {"campaign": "camp_2", "tenants": 2, "alerts": 2}
        async with store.engine.connect() as conn:
            assert (await svc.get_alert(conn, f_alert))["status"] == "cleared"
            baselines = await svc.load_baselines(conn)
            assert baselines[e] == baselines[f] == pytest.approx(2.0)
        # flagged again and cleared again: each baseline grows by what its new alert recorded
        async with store.engine.begin() as conn:
            again = await _alert(conn, e)
            await _alert(conn, f)
            await svc.clear_alert(conn, again, actor="admin:t", scope="campaign")
            baselines = await svc.load_baselines(conn)
            assert baselines[e] == baselines[f] == pytest.approx(4.0)
            cleared_count = {r.tenant_id: r.cleared for r in await conn.execute(select(monitor_baselines))}
            assert cleared_count[e] == cleared_count[f] == 2

        # a tenant linked no more leaves its campaign's roster
        async with store.engine.begin() as conn:
            await svc.save_campaign_members(conn, {}, [a])
            assert await svc.campaign_members(conn, "camp_1") == sorted([b, c, "org_ghost"])
    finally:
        await store.aclose()


async def test_a_campaign_larger_than_one_statement_is_handled_whole(tmp_path: Path, store_url: str) -> None:
    """Rosters and open alerts go to the database in lists of 500 ids (SQLite caps the parameters
    of one statement): 1,001 members with 501 open alerts are confirmed as one."""
    store = Store(store_url)
    await store.migrate()
    try:
        members = [f"org_{i:05d}" for i in range(1001)]
        async with store.engine.begin() as conn:
            await svc.save_campaign_members(conn, {t: ("camp_big", 0.95) for t in members}, [])
            ids = [await _alert(conn, t) for t in members[:501]]
            assert len(await svc.list_alerts(conn, campaign="camp_big", limit=1000)) == 501
            out = await svc.confirm_alert(conn, ids[0], actor="admin:t", scope="campaign")
        assert out["campaign_resolution"]["tenants"] == 1001 and out["campaign_resolution"]["alerts"] == 501
        async with store.engine.connect() as conn:
            assert await svc.list_alerts(conn, campaign="camp_big", limit=1000) == []
            assert len(await svc.campaign_members(conn, "camp_big")) == 1001
        async with store.engine.begin() as conn:
            await svc.save_campaign_members(conn, {}, members[:600])
            assert await svc.campaign_members(conn, "camp_big") == members[600:]
    finally:
        await store.aclose()


async def test_the_queue_by_campaign_is_one_row_per_campaign(store_url: str) -> None:
    """Thousands of members' alerts are one row each campaign, riskiest first, naming the alert
    to work it from; alerts of tenants in no campaign, and resolved ones, are not in it."""
    store = Store(store_url)
    await store.migrate()
    try:
        async with store.engine.begin() as conn:
            await svc.save_campaign_members(conn, {f"org_a{i:04d}": ("camp_a", 0.9) for i in range(1200)}, [])
            await svc.save_campaign_members(conn, {f"org_b{i}": ("camp_b", 0.99) for i in range(3)}, [])
            for i in range(600):
                await svc.upsert_alert(conn, tenant=f"org_a{i:04d}", key=None, verdict="review", action="review",
                                       score=0.9 if i != 7 else 0.95, evidence=[], samples=[], campaign=None)
            top_b = await svc.upsert_alert(conn, tenant="org_b0", key=None, verdict="block", action="review",
                                           score=0.99, evidence=[], samples=[], campaign=None)
            await svc.upsert_alert(conn, tenant="org_b1", key=None, verdict="block", action="review", score=0.97,
                                   evidence=[], samples=[], campaign=None)
            await _alert(conn, "org_lone")
        async with store.engine.connect() as conn:
            rows = await svc.campaign_queue(conn)
        assert [(r["campaign_id"], r["alerts"], r["members"], r["top_tenant"]) for r in rows] == [
            ("camp_b", 2, 3, "org_b0"), ("camp_a", 600, 1200, "org_a0007")]
        assert rows[0]["top_alert"] == top_b and rows[0]["score"] == pytest.approx(0.99)
        async with store.engine.begin() as conn:
            await svc.confirm_alert(conn, top_b, actor="admin:t", scope="campaign")
            assert [r["campaign_id"] for r in await svc.campaign_queue(conn)] == ["camp_a"]
            assert [r["campaign_id"] for r in await svc.campaign_queue(conn, status="confirmed")] == ["camp_b"]
            assert len(await svc.campaign_queue(conn, status=None, limit=1)) == 1
    finally:
        await store.aclose()


async def test_alerts_of_one_pass_are_written_together(store_url: str) -> None:
    """`upsert_alerts` refreshes a tenant's open alert in place (same id, new evidence, key,
    campaign and clear offset) and opens one, audited, for a tenant without; closed alerts are
    not reopened."""
    store = Store(store_url)
    await store.migrate()
    try:
        async with store.engine.begin() as conn:
            first = await svc.upsert_alert(conn, tenant="org_1", key="key_1", verdict="review", action="review",
                                           score=0.8, evidence=["x=1"], samples=["r1"], campaign=None)
            closed = await _alert(conn, "org_3")
            await svc.clear_alert(conn, closed, actor="admin:t")
            ids = await svc.upsert_alerts(conn, [
                svc.Draft("org_1", "key_2", "block", "review", 0.95, ["y=2", "z"], ["r2"], {"id": "camp_1", "size": 3}, 1.5),
                svc.Draft("org_2", None, "review", "review", 0.7, [], [], None),
                svc.Draft("org_3", None, "review", "review", 0.75, ["w"], [], None)])
            assert ids[0] == first and len(set(ids)) == 3 and closed not in ids
            got = await svc.get_alert(conn, first)
            assert (got["key_id"], got["score"], got["evidence"], got["samples"], got["campaign"], got["clear_offset"]) == (
                "key_2", 0.95, ["y=2", "z"], ["r2"], {"id": "camp_1", "size": 3}, 1.5)
            opened = [r.target for r in await conn.execute(
                select(audit_log.c.target).where(audit_log.c.action == "monitor.alert.open").order_by(audit_log.c.seq))]
            assert opened == ["tenant:org_1", "tenant:org_3", "tenant:org_2", "tenant:org_3"]
            assert (await svc.get_alert(conn, closed))["status"] == "cleared"
    finally:
        await store.aclose()
