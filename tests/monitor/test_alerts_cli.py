"""`gatehouse alerts list|show|clear` against a real (SQLite) store."""

from __future__ import annotations

import asyncio
from pathlib import Path

import orjson
from click.testing import CliRunner

from gatehouse.cli.alerts import alerts


def _seed(url: str, tenant: str = "org_x") -> str:
    from gatehouse.monitor import alerts as svc
    from gatehouse.store.db import Store

    async def go() -> str:
        store = Store(url)
        await store.migrate()
        try:
            async with store.engine.begin() as conn:
                return await svc.upsert_alert(conn, tenant=tenant, key="key_x", verdict="review", action="review",
                                              score=0.81, evidence=["reasoning_elicitation=0.90: 45% ask for steps"],
                                              samples=["req_1", "req_2"], campaign=None, clear_offset=2.5)
        finally:
            await store.aclose()

    return asyncio.run(go())


def test_alerts_list_show_clear(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/gh.db"
    cfg = tmp_path / "gatehouse.yaml"
    cfg.write_text(f"store:\n  url: {url}\n")
    alert_id = _seed(url)
    r = CliRunner().invoke(alerts, ["list", "--config", str(cfg), "--json"])
    assert r.exit_code == 0, r.output
    rows = orjson.loads(r.output)
    assert [a["id"] for a in rows] == [alert_id]
    r = CliRunner().invoke(alerts, ["list", "--config", str(cfg)])
    assert r.exit_code == 0 and "CAMPAIGN" in r.output
    r = CliRunner().invoke(alerts, ["show", alert_id, "--config", str(cfg)])
    assert r.exit_code == 0 and "reasoning_elicitation=0.90" in r.output and "req_1" in r.output
    assert "clearing teaches the tenant's baseline 2.50 log-odds" in r.output
    r = CliRunner().invoke(alerts, ["clear", alert_id, "--note", "eval team", "--config", str(cfg), "--json"])
    assert r.exit_code == 0, r.output
    assert orjson.loads(r.output)["status"] == "cleared"
    r = CliRunner().invoke(alerts, ["clear", alert_id, "--config", str(cfg)])
    assert r.exit_code == 1 and "already cleared" in r.output
    r = CliRunner().invoke(alerts, ["show", "alr_missing", "--config", str(cfg)])
    assert r.exit_code == 1
    lone = _seed(url)
    r = CliRunner().invoke(alerts, ["confirm", lone, "--scope", "campaign", "--config", str(cfg)])
    assert r.exit_code == 1 and "in no campaign" in r.output
    assert "campaign" in CliRunner().invoke(alerts, ["clear", "--help"]).output


def test_alerts_campaigns_lists_one_row_per_campaign(tmp_path: Path) -> None:
    from gatehouse.monitor import alerts as svc
    from gatehouse.store.db import Store

    url = f"sqlite+aiosqlite:///{tmp_path}/gh.db"
    cfg = tmp_path / "gatehouse.yaml"
    cfg.write_text(f"store:\n  url: {url}\n")
    first = _seed(url)

    async def link() -> None:
        store = Store(url)
        try:
            async with store.engine.begin() as conn:
                await svc.save_campaign_members(conn, {"org_x": ("camp_9", 0.9), "org_y": ("camp_9", 0.9)}, [])
        finally:
            await store.aclose()

    asyncio.run(link())
    r = CliRunner().invoke(alerts, ["campaigns", "--config", str(cfg), "--json"])
    assert r.exit_code == 0, r.output
    assert [(c["campaign_id"], c["alerts"], c["members"], c["top_alert"]) for c in orjson.loads(r.output)] == [
        ("camp_9", 1, 2, first)]
    r = CliRunner().invoke(alerts, ["campaigns", "--config", str(cfg)])
    assert r.exit_code == 0 and "TOP ALERT" in r.output and first in r.output
    assert "--scope campaign" in CliRunner().invoke(alerts, ["campaigns", "--help"]).output


def test_confirm_suspends_the_key_and_is_audited(tmp_path: Path) -> None:
    from datetime import datetime, timezone

    from sqlalchemy import select

    from gatehouse.audit.tables import audit_log
    from gatehouse.monitor import alerts as svc
    from gatehouse.store.db import Store
    from gatehouse.store.tables import api_keys

    url = f"sqlite+aiosqlite:///{tmp_path}/gh.db"
    alert_id = _seed(url)

    async def go() -> None:
        store = Store(url)
        await store.migrate()
        try:
            async with store.engine.begin() as conn:
                await conn.execute(api_keys.insert().values(
                    id="key_x", tenant_id="org_x", prefix="sk-x", hash="h" * 64, scopes=[],
                    created_at=datetime.now(timezone.utc)))
                out = await svc.confirm_alert(conn, alert_id, actor="admin:t", note="confirmed harvest", scope="key")
            assert out["status"] == "confirmed"
            async with store.engine.connect() as conn:
                key = (await conn.execute(select(api_keys.c.suspended_at).where(api_keys.c.id == "key_x"))).first()
                actions = [r.action for r in await conn.execute(select(audit_log.c.action))]
            assert key is not None and key.suspended_at is not None
            assert "key.suspend" in actions and "monitor.alert.confirm" in actions
        finally:
            await store.aclose()

    asyncio.run(go())


def test_limit_is_checked_at_its_edges(tmp_path: Path) -> None:
    """`--limit` is 1 to 1,000 rows (the admin API's range): 0 would print nothing and 1,001 more
    than the API gives, so both are usage errors (exit 2) that name the option."""
    url = f"sqlite+aiosqlite:///{tmp_path}/gh.db"
    cfg = tmp_path / "gatehouse.yaml"
    cfg.write_text(f"store:\n  url: {url}\n")
    _seed(url)
    _seed(url, tenant="org_y")
    for command in ("list", "campaigns"):
        for limit in ("1", "1000"):
            r = CliRunner().invoke(alerts, [command, "--limit", limit, "--config", str(cfg), "--json"])
            assert r.exit_code == 0, r.output
        for limit in ("0", "1001"):
            r = CliRunner().invoke(alerts, [command, "--limit", limit, "--config", str(cfg)])
            assert r.exit_code == 2 and "--limit" in r.output
    r = CliRunner().invoke(alerts, ["list", "--limit", "1", "--config", str(cfg), "--json"])
    assert len(orjson.loads(r.output)) == 1
