"""Upstream errors in /metrics carry the provider even when every attempt failed; a config
reload (SIGHUP) makes the pricer use the new prices and contracts from then on."""

from __future__ import annotations

import asyncio
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import httpx
import openai
import pytest

from gatehouse.config import GatehouseConfig, default_config

from .conftest import wait_ledger


def _config(url: str, kind: str, prices: dict[str, Any], contracts: list[dict[str, Any]] | None = None
            ) -> GatehouseConfig:
    raw = default_config().model_dump()
    raw["store"]["url"] = url
    raw["logging"]["flush_interval_s"] = 0.05
    raw["providers"] = {
        "flaky-a": {"kind": kind, "options": {"fail_on": ["[fail]"]}},
        "flaky-b": {"kind": kind, "options": {"fail_on": ["[fail]"]}},
    }
    raw["models"] = {
        "gpt-4o": {"family": "openai", "deployments": [
            {"provider": "flaky-a", "region": "us-east", "priority": 0},
            {"provider": "flaky-b", "region": "us-east", "priority": 1}]},
    }
    raw["routing"].update(retries=1, backoff_base_s=0, breaker={"failures": 1000, "cooldown_s": 1})
    raw["prices"] = prices
    if contracts is not None:
        raw["contracts"] = contracts
    return GatehouseConfig.model_validate(raw)


PRICES = {"currency": "USD", "entries": [{"model": "gpt-4o", "input": "2.50", "output": "10.00",
                                          "effective_from": "2025-01-01"}]}


def test_upstream_errors_labelled_by_the_last_attempted_provider(gateway_server, tmp_path, flaky_kind) -> None:
    gw = gateway_server(_config(f"sqlite+aiosqlite:///{tmp_path}/u.db", flaky_kind, PRICES))
    client = openai.OpenAI(base_url=gw.v1, api_key=gw.demo_key, max_retries=0)
    for _ in range(2):
        with pytest.raises(openai.APIStatusError) as err:
            client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "[fail] now"}])
        assert err.value.status_code >= 500
    client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "fine"}])
    metrics = httpx.get(gw.base_url + "/metrics", timeout=10).text
    errors = [ln for ln in metrics.splitlines() if ln.startswith("gatehouse_upstream_errors_total{")]
    assert errors, metrics
    assert not any('provider="unknown"' in ln for ln in errors), errors
    # Two attempts per request (retries=1): the first on flaky-a, the last on flaky-b.
    assert any('provider="flaky-b"' in ln and ln.endswith(" 2.0") for ln in errors), errors


def test_attempted_on_the_record(gateway_server, tmp_path, flaky_kind) -> None:
    gw = gateway_server(_config(f"sqlite+aiosqlite:///{tmp_path}/a.db", flaky_kind, PRICES))
    seen: list[Any] = []

    class Tap:
        def submit(self, record: Any) -> None:
            seen.append(record)

    gw.gateway.sinks.append(Tap())
    client = openai.OpenAI(base_url=gw.v1, api_key=gw.demo_key, max_retries=0)
    with pytest.raises(openai.APIStatusError):
        client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "[fail]"}])
    client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "ok"}])
    failed, served = seen
    assert failed.deployment is None and failed.attempts == 2
    assert failed.attempted == ["gpt-4o@flaky-a/us-east#0", "gpt-4o@flaky-b/us-east#1"]
    assert served.attempted == ["gpt-4o@flaky-a/us-east#0"] and served.deployment.provider == "flaky-a"


def _reload(gw: Any, cfg: GatehouseConfig) -> None:
    loop = next(t.get_loop() for t in gw.gateway._tasks)  # the server's loop (its signal watcher)
    asyncio.run_coroutine_threadsafe(gw.gateway.reload(cfg), loop).result(timeout=10)


def test_reload_picks_up_prices_and_contracts(gateway_server, tmp_path, flaky_kind) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/p.db"
    gw = gateway_server(_config(url, flaky_kind, PRICES))
    client = openai.OpenAI(base_url=gw.v1, api_key=gw.demo_key, max_retries=0)
    client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "before"}])
    wait_ledger(url, 1)

    new_prices = {"currency": "USD", "entries": [
        *PRICES["entries"], {"model": "gpt-4o", "input": "5.00", "output": "20.00", "effective_from": "2025-06-01"}]}
    contracts = [{"tenant": "tnt_demo", "effective_from": "2025-01-01", "discount_pct": "10"}]
    _reload(gw, _config(url, flaky_kind, new_prices, contracts))
    client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "after"}])
    rows = sorted(wait_ledger(url, 2), key=lambda r: r["ts"])
    assert len(rows) == 2
    before, after = rows
    assert (before["input_price"], before["output_price"], before["discount_ppm"]) == (2_500_000, 10_000_000, 0)
    assert (after["input_price"], after["output_price"], after["discount_ppm"]) == (5_000_000, 20_000_000, 100_000)
    exact = (Decimal(after["input_tokens"]) * Decimal("5.00") + after["output_tokens"] * Decimal("20.00"))
    assert after["list_micros"] == int(exact.quantize(Decimal(1), ROUND_HALF_UP))
    assert after["amount_micros"] == int((exact * Decimal("0.9")).quantize(Decimal(1), ROUND_HALF_UP))

    # An invalid book on a later reload is refused: the current prices stay.
    bad = _config(url, flaky_kind, {"currency": "USD", "entries": [{"model": "gpt-4o", "input": "-1"}]})
    _reload(gw, bad)
    client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "still"}])
    last = sorted(wait_ledger(url, 3), key=lambda r: r["ts"])[-1]
    assert last["input_price"] == 5_000_000
