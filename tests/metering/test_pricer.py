"""Price selection, effective dates, contracts, and which records are billed."""

from __future__ import annotations

from datetime import datetime, timezone

from gatehouse.config import GatehouseConfig
from gatehouse.metering.pricer import billable, from_config
from gatehouse.pipeline import RequestRecord
from gatehouse.providers.base import Deployment, Usage

D = datetime(2026, 3, 15, tzinfo=timezone.utc)
US = Deployment("gpt-4o@sim/us-east#0", "gpt-4o", "sim", "gpt-4o", "us-east", price_tier="standard")
SG = Deployment("gpt-4o@sim/singapore#1", "gpt-4o", "sim", "gpt-4o", "singapore", price_tier="standard")


def cfg() -> GatehouseConfig:
    return GatehouseConfig.model_validate({
        "prices": {"currency": "USD", "entries": [
            {"model": "gpt-4o", "input": "2.00", "output": "8.00", "effective_from": "2026-01-01"},
            {"model": "gpt-4o", "input": "3.00", "output": "9.00", "effective_from": "2026-03-15T12:00:00+00:00"},
            {"model": "gpt-4o", "region": "us-east", "input": "4.00", "output": "10.00", "effective_from": "2026-01-01"},
        ]},
        "contracts": [
            {"tenant": "t1", "discount_pct": "10", "effective_from": "2026-03-01"},
            {"tenant": "t2", "prices": [{"model": "gpt-4o", "input": "1.00", "output": "1.00"}], "discount_pct": "50"},
        ],
    })


def rec(ts: datetime, dep: Deployment | None = SG, tenant: str = "t0", status: int = 200, **kw: object) -> RequestRecord:
    return RequestRecord(id="r", ts=ts, endpoint="/v1/chat/completions", tenant_id=tenant, status=status,
                         deployment=dep, usage=Usage(1_000_000, 1_000_000, 0), **kw)  # type: ignore[arg-type]


def test_price_change_applies_from_its_date_not_before() -> None:
    p = from_config(cfg())
    assert p.quote(rec(datetime(2026, 3, 15, 11, 59, 59, tzinfo=timezone.utc))).amount_micros == 10_000_000
    assert p.quote(rec(datetime(2026, 3, 15, 12, tzinfo=timezone.utc))).amount_micros == 12_000_000
    assert p.quote(rec(datetime(2025, 12, 31, tzinfo=timezone.utc))).priced is False  # before any price


def test_deployment_specific_price_wins() -> None:
    assert from_config(cfg()).quote(rec(D, US)).amount_micros == 14_000_000


def test_contract_discount_and_custom_prices() -> None:
    p = from_config(cfg())
    q = p.quote(rec(D, tenant="t1"))
    assert (q.list_micros, q.amount_micros, q.discount_ppm) == (10_000_000, 9_000_000, 100_000)
    assert p.quote(rec(datetime(2026, 2, 1, tzinfo=timezone.utc), tenant="t1")).discount_ppm == 0  # before contract
    q = p.quote(rec(D, tenant="t2"))  # custom price is net: the discount does not stack
    assert q.amount_micros == 2_000_000 and q.price is not None and q.price.source == "contract"


def test_billing_rules() -> None:
    p = from_config(cfg())
    failed = rec(D, dep=None, status=502)
    assert not billable(failed) and p.quote(failed) is None
    upstream_4xx = rec(D, status=400)
    assert not billable(upstream_4xx)
    cancelled = rec(D, status=499, cancelled=True)
    cancelled.usage = Usage(10, 20, 0, estimated=True)
    assert billable(cancelled)
    p(cancelled)
    assert cancelled.cost_micros is not None and cancelled.cost_micros > 0 and cancelled.currency == "USD"


def test_operator_example_prices_deepseek_well_below() -> None:
    from gatehouse.config import load_config

    p = from_config(load_config("examples/operator.yaml"))
    dep = Deployment("deepseek-chat@x#0", "deepseek-chat", "x", "deepseek-chat", "us-east", price_tier="economy")
    cheap = p.quote(rec(D, dep)).amount_micros
    for model in ("gpt-4o", "gpt-4o-mini", "claude-sonnet"):
        other = Deployment(f"{model}@x#0", model, "x", model, "us-east", price_tier="standard")
        assert cheap * 2 <= p.quote(rec(D, other)).amount_micros
    assert p.contracts.active("tnt_demo", D) is not None and p.contracts.active("tnt_demo", D).discount_ppm > 0
