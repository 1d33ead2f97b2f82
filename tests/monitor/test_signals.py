"""Each signal fires on its pattern and stays quiet on the matching honest pattern."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from typing import Any

import pytest

from gatehouse.monitor.engine import Monitor
from gatehouse.monitor.scorer import Thresholds, score_state
from gatehouse.monitor.features import FOLLOW_UP_WORDS, Features, from_body
from gatehouse.monitor.signals import FOLLOW_UP_ALLOWANCE, FRESH_TOOLS_MIN, STITCH_ALLOWANCE, compute, fresh_tool_sets
from gatehouse.monitor.state import F, State, merge_view
from tests.monitor.helpers import T0, chat, run, signals_of, vocab, words

Req = tuple[float, dict[str, Any], int, int]
N = 300


def _times(flat: bool, n: int = N) -> list[float]:
    rng = random.Random(1)
    if flat:  # around the clock for three days
        return [T0 + i * (3 * 86400 / n) for i in range(n)]
    out = []
    for i in range(n):  # office hours only, three days
        out.append(T0 + (i % 3) * 86400 + 9 * 3600 + rng.random() * 8 * 3600)
    return sorted(out)


def _narrow(rng: random.Random) -> list[str]:
    return vocab(rng, 40)


def _broad(rng: random.Random) -> list[str]:
    return vocab(rng, 4000)


def pattern(name: str, bad: bool) -> list[Req]:
    rng = random.Random(7)
    narrow, broad = _narrow(rng), _broad(rng)
    times = _times(flat=name == "rate_shape" and bad)
    reqs: list[Req] = []
    for i, ts in enumerate(times):
        body: dict[str, Any]
        pt, ct = 40, 60
        if name == "rate_shape":
            body = chat(f"Translate: {words(rng, narrow, 8)}")
        elif name in ("output_ratio", "max_tokens_pressure"):
            body = chat(f"Explain {words(rng, narrow, 4)}", max_tokens=4096 if bad else 300)
            ct = 1500 if bad else 50
        elif name == "topic_breadth":
            body = chat(f"Tell me about {words(rng, broad if bad else narrow, 10)}")
        elif name == "task_breadth":
            opener = words(rng, broad, 3) if bad else "Please summarise this"
            body = chat(f"{opener} {words(rng, narrow, 6)}")
        elif name == "system_prompt_churn":
            body = chat(f"Question {words(rng, narrow, 5)}", system=f"You are {words(rng, broad, 3)}." if bad else "You are ACME's bot.")
        elif name == "template_sweep":
            body = chat(f"Write a detailed essay on {words(rng, broad if bad else narrow, 6)}")
        elif name == "single_shot":
            body = chat(f"help with {words(rng, narrow, 5)}", history=0 if bad else 2)
        elif name == "reasoning_elicitation":  # reasoning traces come back long
            body = chat(f"{words(rng, narrow, 5)}" + (" Think step by step and show your reasoning." if bad else ""))
            ct = 800
        elif name == "sampling_sweep":  # the honest match: a classifier reading one label's top logprobs
            body = chat(f"answer {words(rng, narrow, 5)}", logprobs=True, top_logprobs=10, max_tokens=300 if bad else 1)
            ct = 60 if bad else 1
        elif name == "preference_pairs":
            body = chat(f"Response A: {words(rng, narrow, 5)} Response B: {words(rng, narrow, 5)}. Which response is better?"
                        if bad else f"Compare prices of {words(rng, narrow, 3)}")
        elif name == "tool_synthesis":
            names = [words(rng, broad, 1) for _ in range(2)] if bad else ["get_order", "refund"]
            tools = [{"type": "function", "function": {"name": n, "parameters": {}}} for n in names]
            body = chat(f"do {words(rng, narrow, 4)}", tools=tools)
        elif name == "follow_up_harvest":  # the honest match: a coding assistant's "now add tests", one in five long
            body = chat(rng.choice(["Go deeper on the second point.", "Another example, a harder one."]) if bad
                        else f"now fix {words(rng, narrow, 2)}", history=2, max_tokens=2000)
            ct = 900 if bad or i % 5 == 0 else 120
        elif name == "stitching":  # the honest match: a chat app's thread whose replies meet its cap one time in five
            first = i % 4 == 0
            body = chat(f"Write a long guide to {words(rng, narrow, 3)}" if first else "continue" if bad else "tell me more",
                        history=0 if first else 2, max_tokens=512 if bad else 2048)
            ct = 512 if bad else 2048 if i % 5 == 0 else 1200
        else:
            raise AssertionError(name)
        reqs.append((ts, body, pt, ct))
    return reqs


SIGNAL_CASES = [
    "rate_shape", "output_ratio", "max_tokens_pressure", "topic_breadth", "task_breadth", "system_prompt_churn",
    "template_sweep", "single_shot", "reasoning_elicitation", "sampling_sweep", "preference_pairs", "tool_synthesis",
    "follow_up_harvest", "stitching",
]


@pytest.mark.parametrize("name", SIGNAL_CASES)
def test_signal_fires_on_pattern_and_not_on_honest(name: str) -> None:
    bad = signals_of(run(pattern(name, True)).keys["key_t"])
    good = signals_of(run(pattern(name, False)).keys["key_t"])
    assert bad[name] >= 0.6, (name, bad[name])
    assert good[name] <= 0.3, (name, good[name])


def _honest_then(bad_after: int | None, total: int = 1500) -> list[Req]:
    rng = random.Random(3)
    narrow, broad = vocab(rng, 40), vocab(rng, 4000)
    reqs: list[Req] = []
    for i in range(total):
        ts = T0 + i * 120.0
        if bad_after is not None and i >= bad_after:
            reqs.append((ts, chat(f"Write a detailed essay on {words(rng, broad, 6)}. Think step by step.", max_tokens=4096), 30, 1500))
        else:
            reqs.append((ts, chat(f"where is my {words(rng, narrow, 3)}", history=1, max_tokens=300), 60, 80))
    return reqs


def test_change_point_fires_on_turncoat_key_only() -> None:
    turned = run(_honest_then(900)).keys["key_t"]
    steady = run(_honest_then(None)).keys["key_t"]
    assert signals_of(turned)["change_point"] >= 0.5
    assert signals_of(steady)["change_point"] <= 0.1
    assert score_state(turned).score >= 0.65 > score_state(steady).score


def test_change_point_keeps_accruing_while_the_key_harvests() -> None:
    """Long after the turn the slow baseline has caught up and the fast/slow gap has faded; the
    sustained rise over the baseline still counts (it fades only once the new level is old)."""
    from gatehouse.monitor.signals import compute

    turned = run(_honest_then(400, total=4000)).keys["key_t"]
    assert turned.intent_peak_gap < 0.16  # alone, the gap would read change_point < 0.3
    assert signals_of(turned)["change_point"] == 1.0
    assert "sustained rise" in next(s for s in compute(turned) if s.name == "change_point").detail
    assert signals_of(run(_honest_then(None, total=4000)).keys["key_t"])["change_point"] <= 0.1


@pytest.mark.parametrize(("hit", "follow", "expected"), [
    (0.9, STITCH_ALLOWANCE, 0.0), (STITCH_ALLOWANCE, 0.9, 0.0), (0.9, STITCH_ALLOWANCE + 0.03, 0.1),
    (STITCH_ALLOWANCE + 0.3, 0.9, 1.0)])
def test_stitching_counts_the_lesser_share_past_its_allowance(hit: float, follow: float, expected: float) -> None:
    """Replies stopped by the cap and short follow-ups must both be common: either alone is an app's."""
    s = State()
    s.n = 200
    s.mean[F.LENGTH], s.mean[F.FOLLOWUP] = hit, follow
    assert next(x.value for x in compute(s) if x.name == "stitching") == pytest.approx(expected)


def _cleanups_then(turn: int | None, total: int = 1500) -> list[Req]:
    """A transcription firm's key cleaning up long transcripts (a reply as long as its input, under a
    4,096 cap) that from `turn` on writes documents in parts: a short ask, then "continue" follow-ups
    past a 512 cap."""
    rng = random.Random(5)
    narrow, broad = vocab(rng, 40), vocab(rng, 4000)
    reqs: list[Req] = []
    for i in range(total):
        ts = T0 + i * 120.0
        if turn is None or i < turn:
            reqs.append((ts, chat(f"Clean up this transcript: {words(rng, narrow, 60)}", system="You are Acme's scribe.",
                                  max_tokens=4096), 1500, 1700))
        elif i % 4 == 0:
            reqs.append((ts, chat(f"Write a complete handbook on {words(rng, broad, 3)}", max_tokens=512), 20, 512))
        else:
            reqs.append((ts, chat("continue", history=2, max_tokens=512), 900, 512))
    return reqs


def test_change_point_sees_a_turn_from_transformation_to_generation() -> None:
    """Clean-ups as long as their input fill the same length terms as generations (long replies,
    a big cap, the cap met): length pressure counts toward the change point only as far as the
    reply is fresh, longer than what the request brought, so the turn shows."""
    turned = run(_cleanups_then(900)).keys["key_t"]
    steady = run(_cleanups_then(None)).keys["key_t"]
    assert steady.intent_slow < 0.05
    assert signals_of(turned)["change_point"] >= 0.5
    assert signals_of(steady)["change_point"] <= 0.1
    assert score_state(turned).score >= 0.65 > score_state(steady).score


_AGENT_TOOLS = [{"type": "function", "function": {"name": n, "parameters": {}}} for n in ("lookup_order", "open_ticket")]


def _agent_then(turn: int | None, total: int = 3000) -> list[Req]:
    """An operations agent's key that from `turn` on sends, for one request in two, a harvest
    question of its own (single-shot, broad, a third asking for reasoning, replies of 300-600
    tokens) and keeps its agent traffic beside it."""
    rng = random.Random(4)
    narrow, broad = vocab(rng, 40), vocab(rng, 4000)
    reqs: list[Req] = []
    for i in range(total):
        ts = T0 + i * 100.0
        if turn is not None and i >= turn and rng.random() < 0.5:
            why = " Walk me through your reasoning one step at a time." if rng.random() < 0.33 else ""
            reqs.append((ts, chat(f"Explain in depth {words(rng, broad, 5)}.{why}", max_tokens=600), 30,
                         min(600, rng.randint(300, 700))))
        else:
            reqs.append((ts, chat(f"Check the status of {words(rng, narrow, 3)}", system="You are an operations agent.",
                                  tools=_AGENT_TOOLS, history=1, max_tokens=512), 200, 60))
    return reqs


def test_a_turn_kept_beside_honest_traffic_is_flagged_by_its_marked_and_sustained_rise() -> None:
    """Half the turned key's requests stay honest, so its rise is marked but not steep and its
    sustained excess grows slowly: the stronger of the two alone flags the key 620 requests after
    the turn, the two together after 380."""
    turn = 1200
    mon = Monitor()
    flagged_after = None
    for i, req in enumerate(_agent_then(turn)):
        run([req], monitor=mon)
        key = mon.keys["key_t"]
        if i >= turn and key.n % 20 == 0 and score_state(key).score >= Thresholds().review:
            flagged_after = i + 1 - turn
            break
    assert flagged_after is not None and flagged_after <= 500, flagged_after
    steady = run(_agent_then(None)).keys["key_t"]
    assert signals_of(steady)["change_point"] <= 0.1 and score_state(steady).score < Thresholds().watch


def _tutor_then(turn: int | None, cap_after: int, total: int = 2500) -> list[Req]:
    """A tutoring key whose long replies already look like harvest; from `turn` on four requests in
    five are single-shot worked problems on the same narrow syllabus, asking for `cap_after` tokens."""
    rng = random.Random(5)
    syllabus = vocab(rng, 60)
    reqs: list[Req] = []
    for i in range(total):
        ts = T0 + i * 90.0
        if turn is not None and i >= turn and i % 5:
            reqs.append((ts, chat(f"Work through this problem: {words(rng, syllabus, 4)} {rng.randint(2, 99)}",
                                  max_tokens=cap_after), 40, 1200))
        else:
            reqs.append((ts, chat(f"help me with {words(rng, syllabus, 4)}", system="You are a tutor.",
                                  history=i % 2, max_tokens=1000), 60, 550))
    return reqs


@pytest.mark.parametrize("cap_after", [1000, 3000])
def test_change_point_sees_a_turn_that_raises_its_cap(cap_after: int) -> None:
    """Raising the cap keeps the new long replies off it: asking for 1,500 tokens or more counts as
    harvest intent for the change point, as hitting the old cap does."""
    turned = run(_tutor_then(1000, cap_after)).keys["key_t"]
    assert signals_of(turned)["change_point"] >= 0.5
    assert score_state(turned).score >= 0.65
    mixed_from_the_start = run(_tutor_then(0, cap_after)).keys["key_t"]
    assert signals_of(mixed_from_the_start)["change_point"] <= 0.1


def test_a_key_that_only_raises_its_cap_stays_under_watch() -> None:
    rng = random.Random(5)
    products = vocab(rng, 60)
    reqs: list[Req] = [(T0 + i * 90.0, chat(f"where is my {words(rng, products, 3)}", system="You are support.",
                                            history=1, max_tokens=2000 if i >= 1000 else 300), 120, 80)
                       for i in range(2500)]
    key = run(reqs).keys["key_t"]
    assert signals_of(key)["change_point"] == 1.0
    assert score_state(key).score < Thresholds().watch


def _conversations(first_pool: list[str], rng: random.Random) -> list[Req]:
    reqs: list[Req] = []
    for i in range(N):
        body = chat("Go deeper: expand every point and add more detail.")
        body["messages"] = [{"role": "user", "content": f"Teach me about {words(rng, first_pool, 8)}"},
                            {"role": "assistant", "content": "Here is an overview."}, body["messages"][-1]]
        reqs.append((T0 + i * 600.0, body, 60, 900))
    return reqs


def test_a_conversation_counts_the_topic_of_its_first_question() -> None:
    """Harvesting through follow-ups: the last message names no topic, the first one sweeps
    broad content; an honest conversation about one product stays narrow."""
    rng = random.Random(4)
    broad = signals_of(run(_conversations(vocab(rng, 4000), rng)).keys["key_t"])["topic_breadth"]
    narrow = signals_of(run(_conversations(vocab(rng, 40), rng)).keys["key_t"])["topic_breadth"]
    assert broad >= 0.6 and narrow <= 0.2


def _tiny_accounts(coordinated: bool, n: int = 30) -> Monitor:
    rng = random.Random(5)
    broad = vocab(rng, 3000)
    mon = Monitor()
    for a in range(n):
        reqs: list[Req] = []
        for j in range(4):
            ts = T0 + a * 60 + j * 7
            if coordinated:
                body = chat(f"Write a detailed explanation of {words(rng, broad, 5)}. Think step by step.", max_tokens=4096, temperature=0.8)
                reqs.append((ts, body, 20, 1400))
            else:
                body = chat(f"{words(rng, broad, 2)} question about {words(rng, broad, 4)}", history=a % 2, temperature=0.7)
                reqs.append((ts, body, 40, 120))
        ip = "203.0.113.9" if coordinated else f"198.{a}.7.1"
        run(reqs, tenant=f"org_{a:03d}", key=f"key_{a:03d}", ip=ip, ua="python-requests/2.31" if coordinated else f"app/{a}", monitor=mon)
    mon.finish()
    return mon


def test_campaign_links_coordinated_tiny_accounts() -> None:
    mon = _tiny_accounts(True)
    assert len(mon.campaigns) == 1
    c = mon.campaigns[0]
    assert len(c.tenants) == 30 and c.score >= 0.7
    assert any(e.startswith("shared_infrastructure") for e in c.evidence)
    # members inherit the campaign's score although each made only 4 requests
    assert all(mon.tenant_score(t)[0] >= 0.7 for t in c.tenants)


def test_campaign_ignores_unrelated_tiny_accounts() -> None:
    mon = _tiny_accounts(False)
    assert mon.campaigns == []


def test_evidence_names_signal_and_value() -> None:
    mon = run(pattern("sampling_sweep", True))
    ev = mon.assess("org_t").evidence
    assert any(e.startswith("sampling_sweep=") for e in ev)
    assert mon.assess("org_t").samples


def test_breadth_is_judged_by_the_vocabulary_a_sample_implies() -> None:
    """A young tenant meets new words in most requests whatever its domain: a narrow one
    repeats a small vocabulary, a broad harvest keeps meeting new words, and only the
    vocabulary size the distinct/total ratio implies tells them apart."""
    from gatehouse.monitor.signals import implied_vocabulary

    assert implied_vocabulary(200, 200) == 4000.0  # no repeats yet: as broad as the cap allows
    assert 180 < implied_vocabulary(164, 397) < 200  # saturating: little beyond what was seen
    assert implied_vocabulary(50, 100) == 0.0  # too few words to say
    rng = random.Random(3)
    narrow, broad = vocab(rng, 150), vocab(rng, 3000)
    values = {}
    for name, pool in (("narrow", narrow), ("broad", broad)):
        reqs = [(T0 + i * 600.0, chat(f"what about {words(rng, pool, 8)}"), 20, 200) for i in range(60)]
        values[name] = signals_of(run(reqs).keys["key_t"])["topic_breadth"]
    assert values["narrow"] < 0.2 < 0.8 < values["broad"]


def test_reasoning_asked_but_answered_briefly_harvests_little() -> None:
    """A benchmark's chain-of-thought prompts answered in a few lines are not a reasoning-trace
    harvest: the signal is damped by the share of long replies."""
    rng = random.Random(8)
    narrow = _narrow(rng)
    times = _times(flat=False)
    brief = [(ts, chat(f"{words(rng, narrow, 5)} Think step by step and show your reasoning."), 40, 60) for ts in times]
    long = [(ts, chat(f"{words(rng, narrow, 5)} Think step by step and show your reasoning."), 40, 800) for ts in times]
    assert signals_of(run(brief).keys["key_t"])["reasoning_elicitation"] <= 0.35
    assert signals_of(run(long).keys["key_t"])["reasoning_elicitation"] >= 0.9


def test_a_reply_cut_at_its_cap_presses_on_max_tokens_by_its_length() -> None:
    """A classifier or a benchmark's multiple choice reads one token's logprobs with max_tokens=1:
    cut by design, so a cut counts in proportion to the reply's length, whole from 100 tokens."""
    times = _times(flat=False)

    def cut_at(tokens: int) -> State:
        reqs = [(ts, chat("Answer with A, B, C or D.", logprobs=True, top_logprobs=20, max_tokens=tokens), 40, tokens)
                for ts in times]
        return run(reqs).keys["key_t"]

    assert [round(cut_at(t).mean[F.LENGTH], 6) for t in (1, 50, 99, 100, 1000)] == [0.01, 0.5, 0.99, 1.0, 1.0]
    probe = cut_at(1)
    assert signals_of(probe)["max_tokens_pressure"] < 0.01
    (pressure,) = (x for x in compute(probe) if x.name == "max_tokens_pressure")
    assert pressure.detail.endswith("1% hit the limit (weighed by length, whole from 100 tokens)")
    # a harvester's long replies cut short press in full, beside their length
    assert signals_of(cut_at(1000))["max_tokens_pressure"] == 1.0


def _proxy_accounts(fresh_tools: bool, n: int = 60) -> Monitor:
    """Accounts of a few requests each behind one app's system prompt and one billing contact:
    most requests are the app's short asks, the rest agent tasks with tools. `fresh_tools`: each
    task invents a tool set (synthetic tool-use traces); else the app's own two tools."""
    rng = random.Random(11)
    narrow, broad = vocab(rng, 60), vocab(rng, 4000)
    app = "You are Quill, the assistant inside the Quill notes app. Keep replies short."
    mon = Monitor()
    for a in range(n):
        reqs: list[Req] = []
        for j in range(3):
            ts = T0 + (j * 24 + (a % 6)) * 3600.0 + rng.uniform(0, 3000)
            if j == a % 3:  # one request in three is a task with tools
                names = [words(rng, broad, 1) for _ in range(3)] if fresh_tools else ["find_note", "save_note"]
                tools = [{"type": "function", "function": {"name": x, "parameters": {}}} for x in names]
                reqs.append((ts, chat(f"Update the {words(rng, broad, 8)} record and explain each step", system=app,
                                      tools=tools, history=2, max_tokens=2500), 300, 900))
            else:
                reqs.append((ts, chat(f"summarise my note about {words(rng, narrow, 3)}", system=app, max_tokens=400), 40, 70))
        run(reqs, tenant=f"org_{a:03d}", key=f"key_{a:03d}", ip=f"198.51.{a}.7", ua="quill-app/2.1",
            bill="accounts@quill-ops.example", monitor=mon)
    mon.finish()
    return mon


def test_small_accounts_and_pools_count_their_fresh_tool_sets() -> None:
    """A key's running share of never-seen tool sets waits for its warm-up, which accounts of a
    few requests never reach; they, and a pool of them, count distinct tool sets beyond the first
    over their requests with tools."""
    synthetic, app = _proxy_accounts(True), _proxy_accounts(False)
    assert all(signals_of(s)["tool_synthesis"] == 0.0 for s in app.tenants.values())
    pooled = {x.name: x for x in score_state(merge_view(list(synthetic.tenants.values()))).signals}
    assert pooled["tool_synthesis"].value == 1.0
    assert "60 distinct tool sets over 60 requests with tools" in pooled["tool_synthesis"].detail
    # counts read as counts, in the compiled build too (where a float-typed tuple would print "12.0")
    assert re.fullmatch(r"[1-9]\d* distinct instruction openings", pooled["task_breadth"].detail)
    assert re.fullmatch(r"vocabulary ~\d+ words over [1-9]\d*, implying ~\d+ \(0% new lately\)",
                        pooled["topic_breadth"].detail)
    assert all("{" not in x.detail and x.evidence().startswith(f"{x.name}=") for x in pooled.values())
    assert {x.name: x.value for x in compute(merge_view(list(app.tenants.values())))}["tool_synthesis"] == 0.0
    assert [len(c.tenants) for c in synthetic.campaigns] == [60]
    assert synthetic.campaigns[0].score >= 0.7
    assert app.campaigns == []


def test_fresh_tool_sets_count_from_three_requests_with_tools() -> None:
    assert fresh_tool_sets(3, FRESH_TOOLS_MIN) == 1.0
    assert fresh_tool_sets(2, FRESH_TOOLS_MIN - 1) == 0.0
    assert fresh_tool_sets(1, 500) == 0.0  # an agent app's one tool set
    assert fresh_tool_sets(11, 101) == 0.1
    states = list(_proxy_accounts(True).tenants.values())  # one request with tools each
    assert {x.name: x.value for x in compute(merge_view(states[:FRESH_TOOLS_MIN]))}["tool_synthesis"] == 1.0
    assert {x.name: x.value for x in compute(merge_view(states[:FRESH_TOOLS_MIN - 1]))}["tool_synthesis"] == 0.0


def test_a_young_key_counts_its_fresh_tool_sets_before_its_warm_up() -> None:
    rng = random.Random(5)
    broad = vocab(rng, 500)
    for fresh in (True, False):
        reqs: list[Req] = []
        for i in range(10):
            names = [words(rng, broad, 1) for _ in range(2)] if fresh else ["find_note", "save_note"]
            tools = [{"type": "function", "function": {"name": x, "parameters": {}}} for x in names]
            reqs.append((T0 + i * 600, chat(f"do {words(rng, broad, 4)}", tools=tools if i % 2 else None), 40, 80))
        value = signals_of(run(reqs).tenants["org_t"])["tool_synthesis"]
        assert value == (1.0 if fresh else 0.0), (fresh, value)


def _features(body: dict[str, Any]) -> Features:
    return from_body(ts=T0, tenant="t", key="k", rid="r", body=body, prompt_tokens=30, completion_tokens=900)


def test_a_follow_up_is_a_short_turn_continuing_a_conversation() -> None:
    edge = " ".join(["more"] * FOLLOW_UP_WORDS)
    assert _features(chat(edge, history=1)).follow_up
    assert not _features(chat(edge + " please", history=1)).follow_up
    assert not _features(chat(edge)).follow_up  # the first turn of a conversation asks; it does not follow up


def test_follow_ups_drawing_long_replies_count_above_their_allowance() -> None:
    values = []
    for share in (FOLLOW_UP_ALLOWANCE, 0.6):
        reqs = [(T0 + i * 60, chat("Go deeper.", history=1), 30, 900 if i < share * 100 else 100) for i in range(100)]
        values.append(signals_of(run(reqs).keys["key_t"])["follow_up_harvest"])
    assert values[0] == 0.0 and values[1] == 1.0


def test_harvesting_by_follow_up_accrues_apart_from_single_shot_generations() -> None:
    """Long replies drawn by short follow-ups accrue like long generations from short prompts, in
    a total of their own: a tutor that mixes a third of each stays under the allowance in both."""
    def key(follow_ups: float, single: float) -> Any:
        reqs = []
        for i in range(1200):
            r = (i * 37 % 100) / 100
            if r < follow_ups:
                reqs.append((T0 + i * 60, chat("Go deeper.", history=1), 30, 900))
            elif r < follow_ups + single:
                reqs.append((T0 + i * 60, chat("Explain the water cycle"), 30, 900))
            else:
                reqs.append((T0 + i * 60, chat("ok thanks, next question about the water cycle please", history=1), 60, 80))
        return run(reqs).keys["key_t"]
    harvester, tutor = key(0.85, 0.0), key(0.35, 0.35)
    assert harvester.follow_cusum > 350 and signals_of(harvester)["sustained_harvest"] == 1.0
    assert "drawn by short follow-ups" in {s.name: s for s in compute(harvester)}["sustained_harvest"].detail
    assert tutor.follow_cusum < 5 and tutor.harvest_cusum < 5 and signals_of(tutor)["sustained_harvest"] == 0.0
