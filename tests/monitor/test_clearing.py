"""Clearing a false alarm teaches a baseline sized to the level the analyst saw: the tenant
stays cleared while its traffic stays as it was, and is flagged again once it moves well past."""

from __future__ import annotations

import random
from typing import Any

from gatehouse.monitor.alerts import BASELINE_STEP
from gatehouse.monitor.campaigns import Campaign
from gatehouse.monitor.engine import CLEARED_AT, Monitor
from gatehouse.monitor.scorer import Thresholds, verdict_of
from tests.monitor.helpers import T0, chat, run, vocab, words

TH = Thresholds()


def _essays(rng: random.Random, pool: list[str], start: int, count: int, harvest: bool = False) -> list[tuple[float, dict[str, Any], int, int]]:
    """A content farm's office-hours essays; `harvest` adds step-by-step reasoning and top logprobs."""
    reqs = []
    for i in range(start, start + count):
        day, slot = divmod(i, 100)
        ts = T0 + day * 86400 + 9 * 3600 + slot * 288
        body = chat(f"Write a detailed article about {words(rng, pool, 6)}", max_tokens=4096)
        if harvest:
            body = chat(f"Write a detailed article about {words(rng, pool, 6)}. Think step by step and show your reasoning.",
                        max_tokens=4096, logprobs=True, top_logprobs=10)
        reqs.append((ts, body, 30, 1500))
    return reqs


def _verdict(mon: Monitor, tenant: str = "org_t") -> tuple[float, str]:
    mon.finish()
    score, n = mon.tenant_score(tenant)
    return score, verdict_of(score, n, TH)


def test_clearing_holds_at_the_level_seen_and_not_past_it() -> None:
    rng = random.Random(3)
    pool = vocab(rng, 3000)
    mon = run(_essays(rng, pool, 0, 600))
    score, verdict = _verdict(mon)
    assert verdict == "block"
    offset = mon.clear_offset("org_t")
    # the flat step taught before would have left this honest customer blocked after its first clear
    mon.baselines["org_t"] = BASELINE_STEP
    assert _verdict(mon)[1] in ("review", "block")
    mon.baselines["org_t"] = offset
    score, verdict = _verdict(mon)
    assert score <= CLEARED_AT and verdict in ("allow", "watch")
    # more of the same stays cleared
    run(_essays(rng, pool, 600, 400), monitor=mon)
    assert _verdict(mon)[1] in ("allow", "watch")
    # reasoning traces with their top logprobs are more than the analyst accepted
    run(_essays(rng, pool, 1000, 400, harvest=True), monitor=mon)
    assert _verdict(mon)[1] in ("review", "block")


def test_a_cleared_tenant_is_held_to_its_baseline_in_its_campaign_too() -> None:
    rng = random.Random(4)
    mon = run([(T0 + i * 60.0, chat(f"where is my order {words(rng, vocab(rng, 30), 3)}"), 40, 60) for i in range(60)])
    mon.finish()
    mon.campaign_of["org_t"] = Campaign(id="camp_x", tenants=["org_t", "org_u"], score=0.96, evidence=[], requests=9000)
    assert mon.tenant_score("org_t")[0] == 0.96
    mon.baselines["org_t"] = mon.clear_offset("org_t")
    assert abs(mon.tenant_score("org_t")[0] - CLEARED_AT) < 1e-6
    assert mon.clear_offset("org_t") == 0.0  # nothing more to learn at this level


def test_a_young_tenant_cleared_early_stays_cleared_as_its_total_accrues() -> None:
    """Cleared after 300 essays, while its running total of long generations is still accruing:
    the analyst accepted the behaviour, so the total it reaches by going on is accepted too."""
    rng = random.Random(3)
    pool = vocab(rng, 3000)
    mon = run(_essays(rng, pool, 0, 300))
    assert _verdict(mon)[1] == "review"
    assert 0.0 < next(s.value for s in mon.tenant_scores["org_t"].signals if s.name == "sustained_harvest") < 1.0
    mon.baselines["org_t"] = mon.clear_offset("org_t")
    run(_essays(rng, pool, 300, 900), monitor=mon)
    score, verdict = _verdict(mon)
    assert verdict in ("allow", "watch") and score <= CLEARED_AT + 0.05


def test_a_narrow_tenant_cleared_while_its_total_runs_on_stays_cleared() -> None:
    """Cleared with its running total full but still running on (`harvest_overrun` under 1), a
    narrow content farm stays cleared as the overrun accrues: the analyst accepted that too."""
    rng = random.Random(5)
    pool = vocab(rng, 60)
    mon = run(_essays(rng, pool, 0, 1000))
    signals = {s.name: s.value for s in mon.tenant_scores["org_t"].signals}
    assert signals["sustained_harvest"] == 1.0 and 0.0 < signals["harvest_overrun"] < 1.0
    mon.baselines["org_t"] = mon.clear_offset("org_t")
    run(_essays(rng, pool, 1000, 1500), monitor=mon)
    assert next(s.value for s in mon.tenant_scores["org_t"].signals if s.name == "harvest_overrun") == 1.0
    score, verdict = _verdict(mon)
    assert verdict in ("allow", "watch") and score <= CLEARED_AT + 0.05
