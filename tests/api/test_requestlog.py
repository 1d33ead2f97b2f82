"""Every request is logged off the response path, on SQLite and PostgreSQL; exports follow the trace spec."""

from __future__ import annotations

import asyncio
import time

import httpx
import openai
from sqlalchemy import select

from gatehouse.store.db import Store
from gatehouse.store.tables import request_log
from gatehouse.traffic.trace import TraceReader


def rows(url: str) -> list:
    async def go():
        store = Store(url)
        try:
            async with store.engine.connect() as conn:
                return (await conn.execute(select(request_log).order_by(request_log.c.ts))).all()
        finally:
            await store.aclose()

    return asyncio.run(go())


def wait_rows(url: str, n: int, timeout: float = 10) -> list:
    deadline = time.monotonic() + timeout
    while True:
        got = rows(url)
        if len(got) >= n or time.monotonic() > deadline:
            return got
        time.sleep(0.05)


def test_requests_are_logged(gateway_server, sim_config, store_url) -> None:
    gw = gateway_server(sim_config, store_url=store_url)
    client = openai.OpenAI(base_url=gw.v1, api_key=gw.demo_key, max_retries=0)
    client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Describe lighthouses"}],
                                   extra_headers={"user-agent": "tester/1.0"})
    list(client.chat.completions.create(model="gpt-4o-mini", stream=True, messages=[{"role": "user", "content": "x y z"}]))
    httpx.post(gw.v1 + "/chat/completions", json={"model": "nope", "messages": [{"role": "user", "content": "x"}]},
               headers={"authorization": f"Bearer {gw.demo_key}"})
    got = wait_rows(store_url, 3)
    assert len(got) == 3
    ok, streamed, missing = got
    assert ok.tenant_id == "tnt_demo" and ok.key_id == "key_demo" and ok.status == 200
    assert ok.model == "gpt-4o" and ok.deployment_id.startswith("gpt-4o@simulator")
    assert ok.prompt_tokens > 0 and ok.completion_tokens > 0 and ok.latency_ms > 0
    assert ok.client_ip == "127.0.0.1" and ok.user_agent == "tester/1.0"
    assert ok.request_body is None and ok.response_text is None  # bodies off by default
    assert ok.request_params == {"model": "gpt-4o"}
    assert streamed.stream and streamed.status == 200 and streamed.completion_tokens > 0 and streamed.ttft_ms is not None
    assert missing.status == 404 and missing.error_code == "model_not_found"


def test_bodies_stored_when_configured_and_exported(gateway_server, sim_config, tmp_path) -> None:
    sim_config.logging.store_bodies = True
    gw = gateway_server(sim_config)
    client = openai.OpenAI(base_url=gw.v1, api_key=gw.demo_key, max_retries=0)
    r = client.chat.completions.create(model="gpt-4o", temperature=0.2, messages=[{"role": "user", "content": "Tell me about owls"}])
    url = sim_config.store.url
    got = wait_rows(url, 1)
    assert got[0].request_body["messages"][0]["content"] == "Tell me about owls"
    assert got[0].response_text == r.choices[0].message.content
    assert got[0].bodies_expire_at is not None

    from click.testing import CliRunner

    from gatehouse.cli.main import cli

    cfg_file = tmp_path / "c.yaml"
    cfg_file.write_text(f"store: {{url: '{url}'}}\n")
    out = tmp_path / "trace.jsonl.gz"
    res = CliRunner().invoke(cli, ["traffic", "export", "--config", str(cfg_file), "--out", str(out), "--json"])
    assert res.exit_code == 0, res.output
    recs = list(TraceReader(out))
    assert len(recs) == 1
    rec = recs[0]
    assert rec["tenant"] == "tnt_demo" and rec["key"] == "key_demo" and rec["endpoint"] == "/v1/chat/completions"
    assert rec["request"]["temperature"] == 0.2 and rec["response"]["text"] == r.choices[0].message.content
    assert rec["ts"].endswith("Z") and rec["status"] == 200
    res = CliRunner().invoke(cli, ["traffic", "export", "--config", str(cfg_file), "--out", str(out), "--since", "2999-01-01", "--json"])
    assert '"records": 0' in res.output


def test_retention_purges_bodies(gateway_server, sim_config) -> None:
    from datetime import datetime, timedelta, timezone

    from gatehouse.requestlog.retention import purge_expired_bodies

    sim_config.logging.store_bodies = True
    gw = gateway_server(sim_config)
    openai.OpenAI(base_url=gw.v1, api_key=gw.demo_key, max_retries=0).chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}])
    url = sim_config.store.url
    wait_rows(url, 1)

    async def purge(now):
        store = Store(url)
        try:
            return await purge_expired_bodies(store, now)
        finally:
            await store.aclose()

    assert asyncio.run(purge(datetime.now(timezone.utc))) == 0
    assert asyncio.run(purge(datetime.now(timezone.utc) + timedelta(days=31))) == 1
    assert rows(url)[0].response_text is None
