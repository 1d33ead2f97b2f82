"""/metrics and the admin billing/report routes on a real gateway, driven by the openai SDK."""

from __future__ import annotations

from datetime import datetime, timezone

import httpx
import openai

from gatehouse.config import GatehouseConfig, default_config

from .conftest import wait_ledger


def test_metrics_and_admin_routes(gateway_server, tmp_path) -> None:
    raw = default_config().model_dump()
    raw["logging"]["flush_interval_s"] = 0.05
    raw["store"]["url"] = f"sqlite+aiosqlite:///{tmp_path}/r.db"
    raw["prices"] = {"entries": [{"model": "gpt-4o", "input": "2.50", "output": "10.00"}]}
    gw = gateway_server(GatehouseConfig.model_validate(raw))
    client = openai.OpenAI(base_url=gw.v1, api_key=gw.demo_key, max_retries=0)
    for i in range(3):
        client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": f"hello {i}"}])
    rows = wait_ledger(raw["store"]["url"], 3)
    assert len(rows) == 3

    with httpx.Client(base_url=gw.base_url, timeout=10) as http:
        m = http.get("/metrics").text
        assert 'gatehouse_requests_total{deployment="gpt-4o@simulator/local#0",model="gpt-4o",status="200",territory="US"} 3.0' in m
        assert "gatehouse_request_latency_seconds_bucket" in m and "gatehouse_cost_micros_total" in m
        assert http.get("/admin/v1/reports/revenue", params={"period": "2026-01"}).status_code == 401
        admin = {"authorization": f"Bearer {gw.admin_key}"}
        month = datetime.now(timezone.utc).strftime("%Y-%m")
        inv = http.get(f"/admin/v1/billing/invoices/tnt_demo/{month}", headers=admin).json()
        assert int(inv["total"].replace(".", "")) == sum(r["amount_micros"] for r in rows)
        html = http.get(f"/admin/v1/billing/invoices/tnt_demo/{month}", params={"format": "html"}, headers=admin)
        assert html.headers["content-type"].startswith("text/html") and inv["total"] in html.text
        rep = http.get("/admin/v1/reports/revenue", params={"by": "territory", "period": month}, headers=admin).json()
        assert rep["rows"][0]["territory"] == "US" and rep["rows"][0]["revenue"] == inv["total"]
        r = http.post("/admin/v1/billing/corrections", headers=admin,
                      json={"entry": rows[0]["id"], "amount": "-0.000100", "reason": "test credit"})
        assert r.status_code == 201, r.text
        inv2 = http.get(f"/admin/v1/billing/invoices/tnt_demo/{month}", headers=admin).json()
        assert int(inv2["total"].replace(".", "")) == int(inv["total"].replace(".", "")) - 100
        led = http.get("/admin/v1/billing/ledger", params={"tenant": "tnt_demo"}, headers=admin).json()
        assert len(led["data"]) == 4
