"""The analyst queue over the admin API on real gateways: list, show, clear (the baseline it
teaches applies at once in the gateway's monitor, and on a replica with its next change poll)
and confirm (the key is refused after)."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import openai
import pytest

from gatehouse.monitor import alerts as svc
from gatehouse.store.db import Store
from tests.tenancy.helpers import operator_config, run_async, verified_tenant

MSG = [{"role": "user", "content": "hello there"}]


def _seed(url: str, tenant: str, key: str, clear_offset: float | None) -> str:
    async def go() -> str:
        store = Store(url)
        try:
            async with store.engine.begin() as conn:
                return await svc.upsert_alert(conn, tenant=tenant, key=key, verdict="block", action="review", score=0.97,
                                              evidence=["sustained_harvest=1.00: long fresh generations"],
                                              samples=["req_1"], campaign=None, clear_offset=clear_offset)
        finally:
            await store.aclose()

    return str(run_async(go()))


def test_alerts_are_worked_over_the_admin_api(gateway_server, tmp_path: Path) -> None:
    cfg, _ = operator_config(tmp_path)
    tenant, key_id, key = run_async(verified_tenant(cfg, name="Farm Content Ltd"))
    gw = gateway_server(cfg)
    replica = gateway_server(cfg)  # a second gateway on the same database
    admin = httpx.Client(base_url=gw.base_url, headers={"Authorization": f"Bearer {gw.admin_key}"}, timeout=10)
    alert_id = _seed(cfg.store.url, tenant, key_id, 3.25)

    listed = admin.get("/admin/v1/alerts").json()["data"]
    assert [(a["id"], a["clear_offset"]) for a in listed] == [(alert_id, 3.25)]
    assert admin.get("/admin/v1/alerts", params={"campaign": "camp_none"}).json()["data"] == []
    assert admin.get("/admin/v1/alerts/campaigns").json() == {"object": "list", "data": []}  # in no campaign
    assert admin.get("/admin/v1/alerts/campaigns", params={"limit": "x"}).status_code == 400
    shown = admin.get(f"/admin/v1/alerts/{alert_id}").json()
    assert shown["evidence"] == ["sustained_harvest=1.00: long fresh generations"] and shown["samples"] == ["req_1"]
    as_customer = httpx.post(f"{gw.base_url}/admin/v1/alerts/{alert_id}/clear", headers={"Authorization": f"Bearer {key}"})
    assert as_customer.status_code in (401, 403) and "error" in as_customer.json()

    cleared = admin.post(f"/admin/v1/alerts/{alert_id}/clear", json={"note": "licensed content farm"}).json()
    assert cleared["status"] == "cleared" and cleared["resolution"] == "licensed content farm"
    assert gw.gateway.monitor_sink.monitor.baselines[tenant] == pytest.approx(3.25)  # taught at once
    t0 = time.monotonic()  # ... and on the other replica with its next change poll
    while replica.gateway.monitor_sink.monitor.baselines.get(tenant) != pytest.approx(3.25):
        assert time.monotonic() - t0 < 1.0, "the replica did not learn the baseline"
        time.sleep(0.02)
    again = admin.post(f"/admin/v1/alerts/{alert_id}/clear", json={})
    assert again.status_code == 400 and "already cleared" in again.json()["error"]["message"]

    client = openai.OpenAI(base_url=gw.v1, api_key=key, max_retries=0)
    assert client.chat.completions.create(model="gpt-4o-mini", messages=MSG, max_tokens=5).choices
    second = _seed(cfg.store.url, tenant, key_id, None)
    confirmed = admin.post(f"/admin/v1/alerts/{second}/confirm", json={"scope": "key", "note": "harvest"}).json()
    assert confirmed["status"] == "confirmed"
    t0 = time.monotonic()  # the suspension reaches the gateway with its next change poll
    while True:
        try:
            client.chat.completions.create(model="gpt-4o-mini", messages=MSG, max_tokens=5)
        except openai.PermissionDeniedError as exc:
            assert "suspended" in exc.message
            break
        assert time.monotonic() - t0 < 1.0, "the confirmed key still works"
        time.sleep(0.02)
    assert admin.get("/admin/v1/alerts/alr_missing").status_code == 404
