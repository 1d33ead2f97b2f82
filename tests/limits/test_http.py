"""Limits over HTTP on a real gateway (in-process backend), driven by the openai SDK:
x-ratelimit-* headers on successful JSON and streaming answers, the edge of the request limit,
and spend caps that survive a restart because they are seeded from the ledger."""

from __future__ import annotations

from pathlib import Path

import openai
import pytest

from gatehouse.store.db import Store
from gatehouse.tenancy import service
from tests.tenancy.helpers import operator_config, run_async, verified_tenant

MSG = [{"role": "user", "content": "hello there"}]


def test_ratelimit_headers_on_success_and_the_rpm_edge(gateway_server, tmp_path: Path) -> None:
    cfg, _ = operator_config(tmp_path)
    _, _, key = run_async(verified_tenant(cfg, name="Header Co Ltd", limits={"rpm": 3, "tpm": 100_000}))
    gw = gateway_server(cfg)
    client = openai.OpenAI(base_url=gw.v1, api_key=key, max_retries=0)

    raw = client.chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=MSG, max_tokens=20)
    h = raw.headers
    assert h["x-ratelimit-limit-requests"] == "3" and h["x-ratelimit-remaining-requests"] == "2"
    assert h["x-ratelimit-limit-tokens"] == "100000"
    reserved = 100_000 - int(h["x-ratelimit-remaining-tokens"])
    assert 20 < reserved < 100, reserved  # the prompt estimate plus max_tokens
    assert h["x-ratelimit-reset-requests"].endswith("s") and h["x-ratelimit-reset-tokens"].endswith("s")
    assert raw.parse().choices[0].message.content

    with client.chat.completions.with_streaming_response.create(model="gpt-4o-mini", messages=MSG, stream=True,
                                                                 max_tokens=20) as resp:
        assert resp.headers["x-ratelimit-remaining-requests"] == "1"
        assert resp.headers["x-ratelimit-limit-tokens"] == "100000"
        assert any(line.startswith("data: ") for line in resp.iter_lines())
    raw3 = client.chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=MSG)
    assert raw3.headers["x-ratelimit-remaining-requests"] == "0"  # the 3rd request: exactly at the limit

    with pytest.raises(openai.RateLimitError) as err:
        client.chat.completions.create(model="gpt-4o-mini", messages=MSG)
    r = err.value.response
    assert r.headers["x-ratelimit-limit-requests"] == "3" and r.headers["x-ratelimit-remaining-requests"] == "0"
    assert int(r.headers["retry-after"]) >= 1


async def _tenant_limits(url: str, tenant_id: str, limits: dict[str, str]) -> None:
    store = Store(url)
    try:
        async with store.engine.begin() as conn:
            await service.set_tenant_limits(conn, tenant_id, limits, actor="test")
    finally:
        await store.aclose()


def test_spend_caps_survive_a_restart(gateway_server, tmp_path: Path, store_url: str) -> None:
    cfg, _ = operator_config(tmp_path, store_url=store_url)
    # A daily cap on a key, and a monthly cap on a tenant: one micro-unit each, so one request spends it.
    _, _, key = run_async(verified_tenant(cfg, name="Daily Cap Ltd", limits={"daily_spend": "0.000001"}))
    tenant2, _, key2 = run_async(verified_tenant(cfg, name="Monthly Cap Ltd"))
    run_async(_tenant_limits(store_url, tenant2, {"monthly_spend": "0.000001"}))
    _, _, free_key = run_async(verified_tenant(cfg, name="No Cap Ltd"))

    gw = gateway_server(cfg)
    for k in (key, key2):
        client = openai.OpenAI(base_url=gw.v1, api_key=k, max_retries=0)
        client.chat.completions.create(model="gpt-4o-mini", messages=MSG)  # admitted: nothing spent yet
    gw.stop()  # flushes the ledger

    gw2 = gateway_server(cfg)  # a fresh process state on the same database
    for k, code in ((key, "budget_exceeded"), (key2, "budget_exceeded")):
        client = openai.OpenAI(base_url=gw2.v1, api_key=k, max_retries=0)
        with pytest.raises(openai.RateLimitError) as err:
            client.chat.completions.create(model="gpt-4o-mini", messages=MSG)
        assert err.value.code == code
        assert "spend" in err.value.message
    free = openai.OpenAI(base_url=gw2.v1, api_key=free_key, max_retries=0)
    free.chat.completions.create(model="gpt-4o-mini", messages=MSG)
