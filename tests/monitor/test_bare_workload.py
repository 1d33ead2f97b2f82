"""A tenant's requests without a system prompt, beside requests that carry one, are scored on
their own: a harvest blended into an app's traffic is not averaged away by the app."""

from __future__ import annotations

import random
import zlib
from typing import Any

import orjson
import pytest

from gatehouse.monitor.checkpoint import dump, pack, restore
from gatehouse.monitor.engine import CLEARED_AT, Monitor
from gatehouse.monitor.scorer import BARE_CONTRAST, matured_logit, score_signals, score_state
from tests.monitor.helpers import T0, chat, run, vocab, words

Req = tuple[float, dict[str, Any], int, int]
APP = "You are Tally, the budgeting helper inside the Tally app. Keep answers short and friendly."


def _blend(n: int, harvest: float, seed: int = 1) -> list[Req]:
    """An app's short answers under its system prompt, and a `harvest` share of bare requests for
    long essays across many domains."""
    rng = random.Random(seed)
    app_words, broad = vocab(rng, 80), vocab(rng, 3000)
    reqs = []
    for i in range(n):
        ts = T0 + i * 120.0
        if rng.random() < harvest:
            body = chat(f"Write a thorough guide to {words(rng, broad, 3)} with worked examples.", max_tokens=4096)
            reqs.append((ts, body, 25, rng.randint(1200, 2400)))
        else:
            body = chat(f"make this sound nicer: {words(rng, app_words, 4)}", system=APP, temperature=0.7)
            reqs.append((ts, body, 40, rng.randint(40, 220)))
    return reqs


def _app_only(n: int) -> list[Req]:
    return [r for r in _blend(2 * n, 0.5, seed=2) if r[1]["messages"][0]["role"] == "system"][:n]


def test_a_harvest_blended_into_an_apps_traffic_is_flagged_by_its_bare_requests() -> None:
    mon = run(_blend(1500, 0.3))
    mon.finish()
    whole = max([mon.tenant_scores["org_t"].score, mon.key_scores["key_t"].score])
    bare = mon.bare_scores["org_t"]
    assert whole < 0.65 <= bare.score  # the app's share pulls the whole under review
    assert mon.tenant_score("org_t")[0] == bare.score
    flag = mon.first_flag.get("org_t")
    assert flag is not None and flag.requests_before < 1000
    a = mon.assess("org_t")
    assert a.evidence[0].startswith(f"bare_workload={bare.score:.2f}: {mon.bare['org_t'].n} of its 1500 requests")
    assert set(a.samples) & {rid for rid, _ in mon.bare["org_t"].samples}


def test_a_bare_workload_asking_for_more_than_the_whole_is_raised_by_the_difference() -> None:
    mon = run(_blend(600, 0.25))
    mon.finish()
    bare, whole, alone = mon.bare_scores["org_t"], mon.tenant_scores["org_t"], score_state(mon.bare["org_t"])
    assert bare.intent == alone.intent > whole.intent
    assert bare.logit == pytest.approx(alone.logit + BARE_CONTRAST * (bare.intent - whole.intent))
    assert bare.score > alone.score
    assert mon.assess("org_t").evidence[0].endswith(
        f"(harvest intent {bare.intent:.2f}, against {whole.intent:.2f} over all its requests)")


def test_clearing_a_raised_bare_workload_holds_it_under_watch() -> None:
    """What clearing teaches counts the bare workload's raise and its running total matured alike."""
    mon = run(_blend(1500, 0.3))
    mon.finish()
    sig = {s.name: s.value for s in mon.bare_scores["org_t"].signals}
    assert 0.0 < sig["sustained_harvest"] and sig["harvest_overrun"] < 1.0
    assert mon.tenant_score("org_t")[0] >= 0.65
    mon.baselines["org_t"] = mon.clear_offset("org_t")
    mon.finish()
    assert mon.tenant_score("org_t")[0] <= CLEARED_AT + 1e-3
    # the matured level keeps whatever raised or lowered the score's log-odds
    bare = mon.bare_scores["org_t"]
    plain = score_signals(bare.signals, bare_n := mon.bare["org_t"].n)
    raised = score_signals(bare.signals, bare_n, -1.5)
    assert matured_logit(raised) == pytest.approx(matured_logit(plain) + 1.5)


def test_an_apps_own_calls_without_its_system_prompt_are_not_raised() -> None:
    """An app writing long answers under its system prompt, and short titles for them without it:
    its bare workload asks for less than the whole, so it is scored as it is."""
    rng = random.Random(7)
    topics = vocab(rng, 400)
    reqs: list[Req] = []
    for i in range(600):
        ts = T0 + i * 90.0
        if i % 4 == 3:
            reqs.append((ts, chat(f"a five-word title for: {words(rng, topics, 12)}", max_tokens=20), 30, 8))
        else:
            reqs.append((ts, chat(f"explain {words(rng, topics, 3)} in depth", system=APP, max_tokens=2000), 40,
                         rng.randint(500, 900)))
    mon = run(reqs)
    mon.finish()
    bare, whole = mon.bare_scores["org_t"], mon.tenant_scores["org_t"]
    assert bare.intent < whole.intent
    assert (bare.score, bare.logit) == (score_state(mon.bare["org_t"]).score, score_state(mon.bare["org_t"]).logit)


def test_an_app_that_always_sends_its_system_prompt_and_a_bare_tenant_keep_no_bare_workload() -> None:
    app = run(_app_only(400))
    essays = [r for r in _blend(800, 0.5, seed=3) if r[1]["messages"][0]["role"] == "user"]
    harvester = run(essays, tenant="org_h", key="key_h")
    assert not app.bare and not harvester.bare


def test_an_apps_embeddings_are_no_bare_workload() -> None:
    rng = random.Random(4)
    docs = vocab(rng, 500)
    reqs = _app_only(200)
    # a RAG app embeds its documents (no messages, no system prompt, nothing generated) beside its chat
    reqs += [(T0 + i * 60.0 + 30.0, {"model": "e", "input": words(rng, docs, 40)}, 60, 0) for i in range(200)]
    reqs.sort(key=lambda r: r[0])
    mon = run(reqs)
    assert mon.tenants["org_t"].n == 400 and not mon.bare
    # one bare request that generated something starts the workload
    run([(T0 + 90000.0, chat("summarise our notes"), 20, 80)], monitor=mon)
    assert mon.bare["org_t"].n == 1


def test_bare_requests_count_only_after_the_first_system_prompt() -> None:
    reqs = _blend(300, 0.5, seed=4)
    first_app = next(i for i, r in enumerate(reqs) if r[1]["messages"][0]["role"] == "system")
    mon = run(reqs)
    bare_total = sum(1 for r in reqs if r[1]["messages"][0]["role"] == "user")
    assert mon.bare["org_t"].n == bare_total - first_app
    # scored from the threshold's minimum on, like a key
    assert "org_t" in mon.bare_scores


def test_a_bare_workload_survives_a_checkpoint() -> None:
    reqs = _blend(1200, 0.4, seed=5)
    whole = run(reqs)
    whole.finish()
    first = run(reqs[:600])
    resumed = Monitor()
    restore(resumed, dump(first))
    run(reqs[600:], monitor=resumed)
    resumed.finish()
    kept, went_on = resumed.bare["org_t"], whole.bare["org_t"]
    assert (kept.n, kept.mean, kept.harvest_cusum) == (went_on.n, went_on.mean, went_on.harvest_cusum)
    assert resumed.bare_scores["org_t"] == whole.bare_scores["org_t"]


def test_a_checkpoint_from_before_bare_workloads_restores_and_starts_them_afresh() -> None:
    reqs = _blend(1200, 0.3, seed=6)
    doc = orjson.loads(zlib.decompress(dump(run(reqs[:600]))))
    del doc["bare"]
    resumed = Monitor()
    restore(resumed, pack(orjson.dumps(doc)))
    assert not resumed.bare
    run(reqs[600:], monitor=resumed)
    assert resumed.bare["org_t"].n == sum(1 for r in reqs[600:] if r[1]["messages"][0]["role"] == "user")


def _operation(harvest: float, accounts: int = 6, n: int = 300) -> Monitor:
    """`accounts` accounts on a /24 of their own, each an app's cover traffic under its system prompt
    with a `harvest` share of bare requests for long essays (or, at 0, short bare titles)."""
    mon = Monitor()
    for a in range(accounts):
        reqs = []
        for ts, body, pt, ct in _blend(n, max(harvest, 0.2), seed=10 + a):
            if harvest == 0.0 and body["messages"][0]["role"] != "system":
                body, ct = chat(f"title for: {body['messages'][0]['content'][:40]}", max_tokens=16), 8
            reqs.append((ts + a * 7.0, body, pt, ct))
        run(reqs, tenant=f"org_{a}", key=f"key_org_{a}", ip=[f"10.9.9.{i % 7}" for i in range(len(reqs))],
            ua="tally-api/2.8", monitor=mon)
    mon.finish()
    return mon


def test_accounts_that_each_blend_a_harvest_into_an_apps_traffic_are_linked_by_their_pooled_bare_requests() -> None:
    """Each account's app traffic hides its harvest from its own whole and from the group's pooled whole;
    their requests without the app's system prompt, pooled, do not."""
    mon = _operation(0.2)
    tenants = [f"org_{a}" for a in range(6)]
    ids = {mon.campaign_of[t].id for t in tenants if t in mon.campaign_of}
    assert len(ids) == 1 and all(t in mon.campaign_of for t in tenants)
    campaign = mon.campaign_of["org_0"]
    whole = max(mon.tenant_scores[t].score for t in tenants)
    assert campaign.score > whole
    assert any("pooled requests without their app's system prompt" in e for e in campaign.evidence)
    assert mon.assess("org_0").score >= campaign.score - 0.01


def test_accounts_whose_bare_requests_are_the_apps_own_short_calls_are_not_linked_by_them() -> None:
    mon = _operation(0.0)
    assert not any(f"org_{a}" in mon.campaign_of for a in range(6))
