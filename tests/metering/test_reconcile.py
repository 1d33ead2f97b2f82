"""A generated month of real traffic through a real gateway: the invoice equals the ledger
equals an independent recomputation, to the micro-unit, on SQLite and PostgreSQL.

The month has retries (first deployment fails), fallbacks (every gpt-4o deployment fails),
failed requests, streams with and without provider usage, client-cancelled streams, a price
change on the 16th and a contract with a discount and a custom price from the 10th.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import openai
import pytest
import yaml
from click.testing import CliRunner

from gatehouse.cli.main import cli
from gatehouse.config import GatehouseConfig

from .conftest import wait_ledger

T0 = datetime(2026, 3, 1, tzinfo=timezone.utc)
PRICE_CHANGE = datetime(2026, 3, 16, tzinfo=timezone.utc)
CONTRACT_FROM = datetime(2026, 3, 10, tzinfo=timezone.utc)
TENANT = "tnt_demo"

# The test's own price table (Decimal per million tokens): (model, region or None, from) -> (in, cached, out)
LIST = {
    ("gpt-4o", None, T0): ("2.50", "1.25", "10.00"),
    ("gpt-4o", None, PRICE_CHANGE): ("3.00", "1.50", "12.00"),
    ("gpt-4o", "us-east", T0): ("2.75", "1.375", "11.00"),
    ("gpt-4o-mini", None, T0): ("0.15", "0.075", "0.60"),
    ("deepseek-chat", None, T0): ("0.27", "0.07", "1.10"),
    ("open-mini", None, T0): ("0.10", "0.10", "0.40"),
    ("claude-sonnet", None, T0): ("3.00", "0.30", "15.00"),
}
DISCOUNT = Decimal("12.5")
CUSTOM = {"deepseek-chat": ("0.20", "0.05", "0.80")}


def config(store_url: str, kind: str) -> dict[str, Any]:
    return {
        "store": {"url": store_url},
        "logging": {"flush_interval_s": 0.05},
        "providers": {
            "sim-a": {"kind": kind, "options": {"fail_on": ["[fail-a]", "[fail-all]"]}},
            "sim-b": {"kind": kind, "options": {"fail_on": ["[fail-all]"]}},
            "sim-c": {"kind": kind, "options": {"fail_on": ["[fail-c]"]}},
            "sim-quiet": {"kind": kind, "options": {"strip_usage": True}},
            "sim-slow": {"kind": kind, "options": {"tokens_per_s": 60, "min_tokens": 120, "default_max_tokens": 200}},
        },
        "models": {
            "gpt-4o": {"family": "openai", "fallback": "gpt-4o-mini", "deployments": [
                {"provider": "sim-a", "region": "singapore", "priority": 0, "price_tier": "standard"},
                {"provider": "sim-b", "region": "us-east", "priority": 1, "price_tier": "standard"}]},
            "gpt-4o-mini": {"family": "openai", "deployments": [{"provider": "sim-c", "region": "sweden-central"}]},
            "deepseek-chat": {"family": "deepseek", "deployments": [
                {"provider": "sim-c", "region": "us-east", "price_tier": "economy"}]},
            "open-mini": {"family": "openai", "deployments": [{"provider": "sim-quiet", "region": "sweden-central"}]},
            "claude-sonnet": {"family": "anthropic", "deployments": [{"provider": "sim-slow", "region": "us-east"}]},
        },
        "routing": {"retries": 2, "backoff_base_s": 0, "breaker": {"failures": 1000, "cooldown_s": 1}},
        "prices": {"currency": "USD", "entries": [
            {"model": m, "region": r, "effective_from": f.isoformat(), "input": p[0], "cached_input": p[1], "output": p[2]}
            if r else {"model": m, "effective_from": f.isoformat(), "input": p[0], "cached_input": p[1], "output": p[2]}
            for (m, r, f), p in LIST.items()]},
        "contracts": [{"tenant": TENANT, "effective_from": CONTRACT_FROM.isoformat(), "discount_pct": str(DISCOUNT),
                       "prices": [{"model": "deepseek-chat", "input": CUSTOM["deepseek-chat"][0],
                                   "cached_input": CUSTOM["deepseek-chat"][1], "output": CUSTOM["deepseek-chat"][2]}]}],
    }


def expected_cost(model: str, region: str, ts: datetime, inp: int, cached: int, out: int) -> Decimal:
    """Independent of gatehouse.metering: Decimal arithmetic, one half-up rounding."""
    discount = Decimal(0)
    if ts >= CONTRACT_FROM and model in CUSTOM:
        p = CUSTOM[model]
    else:
        cands = [(r is not None, f, v) for (m, r, f), v in LIST.items() if m == model and f <= ts and r in (None, region)]
        p = max(cands)[2]
        discount = DISCOUNT if ts >= CONTRACT_FROM else Decimal(0)
    exact = (Decimal(inp - cached) * Decimal(p[0]) + Decimal(cached) * Decimal(p[1]) + Decimal(out) * Decimal(p[2]))
    exact = exact / Decimal(1_000_000) * (1 - discount / 100)
    return exact.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


KINDS = ["plain", "retry", "fallback", "mini", "deepseek", "failed", "stream_usage", "stream_estimated"]


def test_month_reconciles(store_url: str, flaky_kind: str, clock: Any, gateway_server: Any, tmp_path: Path) -> None:
    raw = config(store_url, flaky_kind)
    gw = gateway_server(GatehouseConfig.model_validate(raw), store_url=store_url)
    client = openai.OpenAI(base_url=gw.v1, api_key=gw.demo_key, max_retries=0)
    rng = random.Random(7)
    expected: dict[str, dict[str, Any]] = {}  # request id -> what the test knows
    failed: list[str] = []
    plan = [KINDS[i % len(KINDS)] for i in range(48)] + ["cancel"] * 3
    rng.shuffle(plan)
    for i, kind in enumerate(plan):
        ts = T0 + timedelta(days=i * 30 / len(plan), minutes=rng.randrange(600))
        clock.set(ts)
        words = f"request {i} about {rng.choice(['harbours', 'glaciers', 'railways', 'orchards'])}"
        marker = {"retry": " [fail-a]", "fallback": " [fail-all]", "failed": " [fail-c]"}.get(kind, "")
        model = {"mini": "gpt-4o-mini", "deepseek": "deepseek-chat", "failed": "deepseek-chat",
                 "stream_usage": "gpt-4o-mini", "stream_estimated": "open-mini", "cancel": "claude-sonnet"}.get(kind, "gpt-4o")
        messages = [{"role": "user", "content": words + marker}]
        served = {"plain": ("gpt-4o", "singapore"), "retry": ("gpt-4o", "us-east"),
                  "fallback": ("gpt-4o-mini", "sweden-central"), "mini": ("gpt-4o-mini", "sweden-central"),
                  "deepseek": ("deepseek-chat", "us-east"), "stream_usage": ("gpt-4o-mini", "sweden-central"),
                  "stream_estimated": ("open-mini", "sweden-central"), "cancel": ("claude-sonnet", "us-east"),
                  "failed": (None, None)}[kind]
        info: dict[str, Any] = {"kind": kind, "ts": ts, "model": served[0], "region": served[1]}
        if kind == "failed":
            with pytest.raises(openai.APIStatusError) as err:
                client.chat.completions.create(model=model, messages=messages, max_tokens=30)
            failed.append(err.value.response.headers.get("x-request-id", ""))
            continue
        if kind in ("stream_usage", "stream_estimated", "cancel"):
            opts = {"stream_options": {"include_usage": True}} if kind == "stream_usage" else {}
            raw_resp = client.chat.completions.with_raw_response.create(
                model=model, messages=messages, max_tokens=None if kind == "cancel" else 40, stream=True, **opts)
            rid = raw_resp.headers["x-request-id"]
            stream = raw_resp.parse()
            text, usage = "", None
            for n, chunk in enumerate(stream):
                if chunk.usage:
                    usage = chunk.usage
                for ch in chunk.choices:
                    text += ch.delta.content or ""
                if kind == "cancel" and n >= 3:
                    break
            stream.close()
            info["usage"] = (usage.prompt_tokens, 0, usage.completion_tokens) if usage else None
            info["text"] = text
        else:
            raw_resp = client.chat.completions.with_raw_response.create(model=model, messages=messages, max_tokens=30)
            rid = raw_resp.headers["x-request-id"]
            r = raw_resp.parse()
            assert r.usage is not None
            info["usage"] = (r.usage.prompt_tokens, 0, r.usage.completion_tokens)
        expected[rid] = info

    rows = wait_ledger(store_url, len(expected))
    by_id = {r["id"]: r for r in rows}
    assert set(by_id) == set(expected), "one ledger entry per served request, none for failed ones"
    assert not set(failed) & set(by_id)
    total = Decimal(0)
    for rid, info in expected.items():
        e = by_id[rid]
        assert (e["model"], e["region"]) == (info["model"], info["region"]), info["kind"]
        assert e["tenant_id"] == TENANT and e["jurisdiction"] == "US"
        if info["kind"] == "cancel":
            assert e["cancelled"] and e["status"] == 499 and e["estimated"]
            assert e["output_tokens"] > 0
            tokens = (e["input_tokens"], e["cached_tokens"], e["output_tokens"])
        elif info["kind"] == "stream_estimated":
            assert e["estimated"] and not e["cancelled"] and e["status"] == 200
            import bpe_openai

            assert e["output_tokens"] == len(bpe_openai.get_encoding("o200k_base").encode(info["text"]))
            tokens = (e["input_tokens"], e["cached_tokens"], e["output_tokens"])
        else:
            assert not e["estimated"] and not e["cancelled"]
            tokens = info["usage"]
            assert (e["input_tokens"], e["cached_tokens"], e["output_tokens"]) == tokens
        cost = expected_cost(info["model"], info["region"], info["ts"], *tokens)
        assert Decimal(e["amount_micros"]) / 1_000_000 == cost, (info, e)
        total += cost
    ledger_sum = sum(r["amount_micros"] for r in rows)
    assert Decimal(ledger_sum) / 1_000_000 == total
    kinds = {i["kind"] for i in expected.values()}
    assert {"retry", "fallback", "cancel", "stream_estimated"} <= kinds

    path = tmp_path / "cfg.yaml"
    path.write_text(yaml.safe_dump(raw))
    out = CliRunner().invoke(cli, ["billing", "invoice", "--tenant", TENANT, "--month", "2026-03", "--format", "json",
                                   "--config", str(path)])
    assert out.exit_code == 0, out.output
    import json

    inv = json.loads(out.output)
    assert inv["tenant"] == TENANT and inv["month"] == "2026-03" and inv["currency"] == "USD"
    assert Decimal(inv["total"]) == total == Decimal(ledger_sum) / 1_000_000
    assert sum(Decimal(ln["amount"]) for ln in inv["lines"]) == total
    assert sum(ln["requests"] for ln in inv["lines"]) == len(expected)
    assert {ln["model"] for ln in inv["lines"]} == {"gpt-4o", "gpt-4o-mini", "deepseek-chat", "claude-sonnet", "open-mini"}
