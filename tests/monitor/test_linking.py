"""Campaign linking needs evidence beyond what unrelated customers share, and sustained
harvesting accrues evidence until it is flagged."""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

import pytest

from gatehouse.monitor import campaigns, grouping, linker
from gatehouse.monitor.campaigns import tokens_of
from gatehouse.monitor.engine import HELD_UNDER_BLOCK, Monitor, Settings
from gatehouse.monitor.features import from_body
from gatehouse.monitor.scorer import combine, lowered, score_state, verdict_of
from gatehouse.monitor.state import F, State, merge_view
from gatehouse.monitor.synchrony import DENSE_MIN, SYNC_MIN, density, keeps_hours, sync_lift
from gatehouse.monitor.text import closing, opening
from tests.monitor.helpers import T0, chat, freeform_ask, run, signals_of, vocab, words

Req = tuple[float, dict[str, Any], int, int]
HOUR = 3600.0
SDK = "OpenAI/Python 1.52.0"


def _state(hours: list[float]) -> State:
    s = State()
    for i, h in enumerate(sorted(hours)):
        s.observe(from_body(ts=T0 + h * HOUR, tenant="t", key="k", rid=str(i), body=chat("hello there friend")))
    return s


def test_sync_lift_separates_shared_sessions_from_independent_users() -> None:
    rng = random.Random(2)
    sessions = [rng.uniform(0, 160) for _ in range(8)]
    campaign = [_state([rng.choice(sessions) + rng.uniform(0, 3) for _ in range(6)]) for _ in range(40)]
    # independent users of one product, each on its own time zone, active most days
    diurnal = []
    for _ in range(40):
        tz = rng.choice([-8, -5, 0, 1, 5.5, 8, 9])
        diurnal.append(_state([d * 24 + (rng.gauss(13, 3) - tz) % 24 for d in range(7) for _ in range(3)]))
    flat = [_state([rng.uniform(0, 167) for _ in range(60)]) for _ in range(10)]
    assert sync_lift(campaign) >= 2.0 > SYNC_MIN
    assert sync_lift(diurnal) < SYNC_MIN
    assert sync_lift(flat) < 1.3


def _small_accounts(synchronized: bool, n: int = 6) -> Monitor:
    """Small honest-looking accounts on one popular SDK with the same parameters, asking
    long-answer questions that open the same way (the shape of a hobbyist), each on its own
    network. Only `synchronized` puts them in the same few working sessions."""
    rng = random.Random(9)
    broad = vocab(rng, 3000)
    mon = Monitor()
    for a in range(n):
        reqs: list[Req] = []
        tz = a * 4.0
        for j in range(90):
            if synchronized:
                ts = T0 + (j % 3) * 40 * HOUR + rng.uniform(0, 2) * HOUR
            else:
                ts = T0 + (j % 7) * 24 * HOUR + ((13 + rng.gauss(0, 3) - tz) % 24) * HOUR
            body = chat(f"What is the relationship between {words(rng, broad, 4)}? Answer in depth.",
                        max_tokens=1024, temperature=0.7)
            reqs.append((ts, body, 15, rng.randint(300, 1000)))
        reqs.sort(key=lambda r: r[0])
        run(reqs, tenant=f"org_{a:03d}", key=f"key_{a:03d}", ip=f"198.51.{a}.7", ua=SDK, monitor=mon)
    mon.finish()
    return mon


def test_shared_sdk_params_and_opening_alone_do_not_link() -> None:
    mon = _small_accounts(False)
    assert mon.campaigns == []


def test_same_accounts_in_shared_sessions_are_linked() -> None:
    mon = _small_accounts(True)
    assert len(mon.campaigns) == 1 and len(mon.campaigns[0].tenants) == 6
    assert any(e.startswith("synchronized_timing=") for e in mon.campaigns[0].evidence)
    split = next(e for e in mon.campaigns[0].evidence if e.startswith("split_accounts="))
    assert "split over 6 accounts" in split  # the pooled score and what the split adds, for the analyst


def test_template_ending_survives_a_leading_slot() -> None:
    a = "Cover the enzyme and genome comprehensively, including pitfalls and examples."
    b = "Cover tariff in spectrum roaming comprehensively, including pitfalls and examples."
    assert opening(a) != opening(b)
    assert closing(a) == closing(b) != 0
    assert closing("too short") == 0


def _plain_harvest(n: int, max_tokens: int = 1024) -> list[Req]:
    rng = random.Random(4)
    domains = vocab(rng, 700)  # eight domains' worth: breadth alone does not decide
    reqs = []
    for i in range(n):
        body = chat(f"Please elaborate at length on {words(rng, domains, 3)}.", max_tokens=max_tokens, temperature=0.8)
        reqs.append((T0 + i * 40.0, body, 20, min(max_tokens, rng.randint(300, 1100))))
    return reqs


def _chatty_honest(n: int) -> list[Req]:
    rng = random.Random(6)
    domains = vocab(rng, 3000)
    reqs = []
    for i in range(n):
        body = chat(f"can you help me understand {words(rng, domains, 3)}", history=i % 2, temperature=0.8)
        reqs.append((T0 + (i % 7) * 86400 + 9 * HOUR + (i * 37 % 600) * 60.0, body, 20, rng.randint(60, 380)))
    reqs.sort(key=lambda r: r[0])
    return reqs


def test_sustained_harvest_accrues_and_bounds_time_to_flag() -> None:
    mon = run(_plain_harvest(1500))
    sig = signals_of(mon.keys["key_t"])
    assert sig["sustained_harvest"] >= 0.9
    assert score_state(mon.keys["key_t"]).score >= 0.65
    flag = mon.first_flag.get("org_t")
    assert flag is not None and flag.requests_before <= 1500


def _narrow_harvest(n: int) -> list[Req]:
    """Code with tests in a dozen languages over one small domain's worth of words: long replies,
    too narrow for the breadth that makes a running total weigh in full."""
    rng = random.Random(8)
    domain = vocab(rng, 60)
    langs = ["Kotlin", "Rust", "Go", "Python", "Java", "Swift", "Scala", "Ruby", "Elixir", "Haskell", "C#", "Dart"]
    reqs = []
    for i in range(n):
        ask = f"Implement a {words(rng, domain, 2)} in {rng.choice(langs)}. Include unit tests covering edge cases."
        body = chat(ask, max_tokens=8000, temperature=0.7)
        reqs.append((T0 + i * 300.0, body, 29, rng.randint(600, 2600)))
    return reqs


def test_a_narrow_sustained_harvest_is_flagged_once_its_total_runs_on() -> None:
    """Narrow output discounts the running total only until it has run on past full: a harvester
    of one domain's code reaches review within the bound (it never did while the discount held)."""
    mon = run(_narrow_harvest(1500))
    state = mon.keys["key_t"]
    sig = signals_of(state)
    assert state.harvest_cusum == pytest.approx(750.0) and sig["harvest_overrun"] == 1.0
    flag = mon.first_flag.get("org_t")
    assert flag is not None and 1000 < flag.requests_before <= 1500
    # with the overrun left out, the same traffic scores under review to the end
    held = {name: value for name, value in sig.items() if name != "harvest_overrun"}
    assert combine(held, state.n)[0] < 0.65 <= combine(sig, state.n)[0]


@pytest.mark.parametrize(("n", "accrues"), [(1, True), (2, True), (5, False)])
def test_a_long_generation_is_one_long_reply_not_n_short_samples(n: int, accrues: bool) -> None:
    """A test-data team's five JSON samples of 160 tokens are 800 tokens of completion but no long
    generation; two samples of 400 tokens are still two."""
    rng = random.Random(9)
    pool = vocab(rng, 40)
    reqs = [(T0 + i * 60.0, chat(f"Generate a fake customer record for {words(rng, pool, 2)}", n=n, temperature=1.1,
                                 max_tokens=400), 20, 800) for i in range(1000)]
    state = run(reqs).keys["key_t"]
    assert (state.harvest_cusum >= 350.0) is accrues


@pytest.mark.parametrize(("total", "sustained", "overrun"), [
    (100.0, 0.0, 0.0), (350.0, 1.0, 0.0), (550.0, 1.0, 0.5), (750.0, 1.0, 1.0), (2000.0, 1.0, 1.0)])
def test_harvest_overrun_runs_from_full_sustained_harvest(total: float, sustained: float, overrun: float) -> None:
    state = State()
    state.harvest_cusum = total
    sig = signals_of(state)
    assert sig["sustained_harvest"] == sustained and sig["harvest_overrun"] == overrun


def test_sustained_harvest_stays_quiet_on_chatty_honest_use() -> None:
    mon = run(_chatty_honest(3000))
    assert signals_of(mon.keys["key_t"])["sustained_harvest"] == 0.0


# a campaign's own phrasings: (opening, ending) pairs no one else writes
_TEMPLATES = [("Compose a full-length primer on", "for a training corpus, leaving nothing out."),
              ("Write an exhaustive field guide to", "and cover every corner case you know."),
              ("Draft a complete textbook chapter about", "with worked examples after each section."),
              ("Produce a detailed reference entry on", "as it would appear in a printed encyclopedia."),
              ("Prepare an in-depth tutorial covering", "step by step, assuming no prior knowledge."),
              ("Author a comprehensive overview of", "citing the main schools of thought on it."),
              ("Generate a thorough explainer on", "ending with a list of common misconceptions."),
              ("Create a long-form lesson about", "followed by ten review questions and answers.")]


def _throwaway_asks(rng: random.Random, broad: list[str], sessions: list[float], template: bool,
                    templates: int = 1) -> list[Req]:
    """A throwaway account's two long asks in loosely shared sessions: through a campaign's own
    phrasing (`template`, drawn from its first `templates` phrasings) or through an opening every
    chat user writes."""
    reqs: list[Req] = []
    for _ in range(2):
        ts = T0 + (rng.choice(sessions) + rng.uniform(0, 6)) * HOUR
        if template:
            start, end = _TEMPLATES[rng.randrange(templates)]
            text = f"{start} {words(rng, broad, 3)} {end}"
        else:
            text = f"can you help me understand {words(rng, broad, 3)}"
        reqs.append((ts, chat(text, max_tokens=2048, temperature=0.8), 20, rng.randint(1200, 2048)))
    return sorted(reqs, key=lambda r: r[0])


def _tiny_accounts(template: bool, n: int = 300, seed: int = 5) -> Monitor:
    """`n` throwaway accounts of two requests each, each on its own residential /24, one SDK at
    the same parameters, in loosely shared sessions that cover much of the week (too loose for
    timing to link them). With `template` they ask through a campaign's own phrasing that no
    one else uses; without it, through an opening every chat user writes."""
    rng = random.Random(seed)
    broad = vocab(rng, 3000)
    sessions = [rng.uniform(0, 160) for _ in range(40)]
    mon = Monitor()
    for a in range(n):
        reqs = _throwaway_asks(rng, broad, sessions, template)
        run(reqs, tenant=f"org_{a:03d}", key=f"key_{a:03d}", ip=f"{20 + a}.{a}.7.9", ua=SDK, monitor=mon)
    if not template:  # the same opening is everyday wording across the population
        for a in range(n):
            reqs = [(T0 + (d * 24 + 13 + rng.gauss(0, 2)) * HOUR,
                     chat(f"can you help me understand {words(rng, broad, 3)}", temperature=rng.choice([0.2, 1.0])),
                     20, rng.randint(60, 300)) for d in range(7) for _ in range(2)]
            reqs.sort(key=lambda r: r[0])
            run(reqs, tenant=f"org_h{a:03d}", key=f"key_h{a:03d}", ip=f"172.16.{a}.3", ua=f"app/{a % 5}", monitor=mon)
    mon.finish()
    return mon


def test_tiny_accounts_sharing_a_rare_template_are_linked_without_timing() -> None:
    mon = _tiny_accounts(True)
    states = [mon.tenants[f"org_{a:03d}"] for a in range(300)]
    assert sync_lift(states) < SYNC_MIN  # timing alone would not link them
    assert len(mon.campaigns) == 1 and len(mon.campaigns[0].tenants) == 300


def test_tiny_accounts_sharing_everyday_wording_are_not_linked() -> None:
    mon = _tiny_accounts(False)
    assert mon.campaigns == []


def _spread_over_cloud_ranges(template: bool, templates: int = 1, crowd: int = 1200) -> Monitor:
    """300 throwaway accounts of two requests each, sent from two of three cloud /24s that `crowd`
    honest accounts share (1,200: each network is only a third theirs), in sessions too loose for
    timing to link them. With `template` they ask through a campaign's own phrasing (one of
    `templates`), which no honest account writes; without it, through an opening that some honest
    accounts on those networks and 600 elsewhere write too. Wording-only links are off: the
    networks decide."""
    rng = random.Random(8)
    broad = vocab(rng, 3000)
    sessions = [rng.uniform(0, 160) for _ in range(40)]
    openings = ["can you help me understand", "what is", "explain", "tell me about", "summarize", "why does",
                "how do I", "compare", "give me tips on", "is it true that"]
    mon = Monitor(Settings(link_by_wording=False))
    for a in range(300):
        reqs = _throwaway_asks(rng, broad, sessions, template, templates)
        for i, req in enumerate(reqs):  # each request from one of the three networks
            run([req], tenant=f"org_{a:03d}", key=f"key_{a:03d}", ip=f"34.82.{10 + (a + i) % 3}.{a % 250}",
                ua=f"sdk/{a}", monitor=mon)
    for a in range(crowd + 600):
        opening = openings[a % 10] if a < crowd else openings[0]
        ip = f"34.82.{10 + a % 3}.{a % 250}" if a < crowd else f"172.{16 + a // 250}.{a % 250}.3"
        reqs = [(T0 + (d * 24 + 13 + rng.gauss(0, 2)) * HOUR,
                 chat(f"{opening} {words(rng, broad, 3)}", temperature=0.7), 20, rng.randint(60, 300))
                for d in range(7)]
        run(reqs, tenant=f"org_h{a:04d}", key=f"key_h{a:04d}", ip=ip, ua=f"app/{a % 5}", monitor=mon)
    mon.finish()
    return mon


def test_a_template_spread_over_a_few_shared_cloud_ranges_is_still_rare() -> None:
    """Each (template, network) bucket holds a third of the template's users, but on each network
    they are a group of their own: the template is the campaign's, and timing is not needed.
    Wording written on those networks and elsewhere too is not."""
    mon = _spread_over_cloud_ranges(True)
    assert sync_lift([mon.tenants[f"org_{a:03d}"] for a in range(300)]) < SYNC_MIN
    assert [len(c.tenants) for c in mon.campaigns] == [300]
    assert _spread_over_cloud_ranges(False).campaigns == []


def test_a_campaign_writing_from_many_templates_over_shared_cloud_ranges_is_rare() -> None:
    """Three phrasings spread the campaign's accounts over three buckets on each network, and a crowd
    of 2,700 honest accounts puts each under `_COHERENCE` of it: rare content counts from
    `_RARE_COHERENCE` of a network on."""
    mon = _spread_over_cloud_ranges(True, templates=3, crowd=2700)
    lk = mon.linker
    shares = [len(members) / lk.infra_count[bk[1]] for bk, members in lk.buckets.items()
              if bk[0][0] in "oc" and bk[1][0] == "i" and len(members) >= campaigns.RARE_MIN]
    assert shares and max(shares) < linker._COHERENCE and min(shares) >= linker._RARE_COHERENCE
    assert [len(c.tenants) for c in mon.campaigns] == [300]
    assert not any(t.startswith("org_h") for t in mon.campaigns[0].tenants)  # the crowd's own openings pool as theirs


def _campaign_with_cover_accounts(shared_networks: bool) -> Monitor:
    """A campaign on two /24s: 150 accounts harvest long essays from one template (and ask one cover
    question each), 150 more sent only three cover questions each; every account sends from both
    networks. With `shared_networks`, 800 honest accounts use the same two networks (so each is
    less than half the campaign's and its buckets count only through rare content); without, the
    networks are the campaign's own. Wording-only links are off."""
    rng = random.Random(3)
    broad = vocab(rng, 3000)
    mon = Monitor(Settings(link_by_wording=False))
    for a in range(300):
        harvests = a < 150
        sent: list[tuple[dict[str, Any], int]] = []
        if harvests:
            sent += [(chat(f"Write a detailed essay on {words(rng, broad, 3)}, then list the key facts as numbered points.",
                           max_tokens=2048, temperature=0.8), rng.randint(900, 1800)) for _ in range(2)]
        sent += [(chat(f"hey quick one: {words(rng, broad, 4)}?", temperature=0.7), rng.randint(30, 120))
                 for _ in range(1 if harvests else 3)]
        start = rng.uniform(0, 160)
        for i, (body, out) in enumerate(sent):
            run([(T0 + (start + i * 0.5) * HOUR, body, 20, out)], tenant=f"org_{a:03d}", key=f"key_{a:03d}",
                ip=f"203.0.{113 + (a + i) % 2}.{a % 250}", ua=f"sdk/{a}", monitor=mon)
    _daily_chatters(mon, rng, broad, 800 if shared_networks else 0, ["203.0.113", "203.0.114"])
    mon.finish()
    return mon


def _daily_chatters(mon: Monitor, rng: random.Random, broad: list[str], accounts: int, nets: list[str]) -> None:
    """`accounts` honest customers taking turns over the /24s `nets`, each asking one everyday
    question a day around 13:00 through one of five apps."""
    openings = ["what is", "explain", "tell me about", "summarize", "why does", "how do I", "compare", "give me tips on"]
    for a in range(accounts):
        reqs = [(T0 + (d * 24 + 13 + rng.gauss(0, 2)) * HOUR,
                 chat(f"{openings[a % 8]} {words(rng, broad, 3)}", temperature=0.7), 20, rng.randint(60, 300))
                for d in range(7)]
        run(reqs, tenant=f"org_h{a:03d}", key=f"key_h{a:03d}", ip=f"{nets[a % len(nets)]}.{a % 250}",
            ua=f"app/{a % 5}", monitor=mon)


def test_accounts_that_sent_only_cover_join_through_a_leaning_bucket_of_rare_content(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The cover question's buckets hold all 300 accounts and pool past watch but short of
    distilling; half their accounts are the harvesting campaign's. On shared networks they count
    through the cover question being the campaign's alone, which speaks for every account that
    asks it: they attach the rest. On the campaign's own networks they count through the network,
    which attaches only accounts that harvest themselves, and these do not."""
    mon = _campaign_with_cover_accounts(shared_networks=True)
    cover = [bk for bk in mon.linker.buckets if bk[0][0] in "ocs" and len(mon.linker.buckets[bk]) == 300]
    assert len(cover) == 2 and all(bk in mon.linker.leaning and bk in mon.linker.rare for bk in cover)
    assert all(bk not in mon.linker.suspicious for bk in cover)
    assert [len(c.tenants) for c in mon.campaigns] == [300]
    assert [len(c.tenants) for c in _campaign_with_cover_accounts(shared_networks=False).campaigns] == [150]
    monkeypatch.setattr(linker, "_LEAN", 2.0)
    assert [len(c.tenants) for c in _campaign_with_cover_accounts(shared_networks=True).campaigns] == [150]


def test_a_leaning_bucket_attaches_its_accounts_to_the_campaign_holding_a_third_of_it() -> None:
    from gatehouse.monitor.grouping import Findings, components

    a, b = [f"a{i}" for i in range(4)], [f"b{i}" for i in range(3)]
    x = [f"x{i}" for i in range(7)]
    tenants = {t: _state([float(i)]) for i, t in enumerate(a + b + x)}
    placed: list[tuple[campaigns.Bucket, list[str]]] = [((("o", 1), ("i", "198.51.100")), a),
                                                        ((("o", 2), ("i", "203.0.113")), b)]
    lean: campaigns.Bucket = (("c", 3), ("i", "34.82.11"))

    def linked(members: list[str], harvesting: tuple[str, ...] = tuple(x), rare: bool = False) -> list[int]:
        found = components(tenants, Findings(placed, lean=[(lean, members)], rare={lean} if rare else frozenset(),
                                             harvests=lambda t, _st: t in harvesting))
        return sorted(len(c.tenants) for c in found)

    assert grouping._LEAN_PLACED == 1 / 3 and grouping._LEAN_MIN == 3 and grouping._LEAN_ONE == 2 / 3
    assert linked(a[:3] + x[:6]) == [3, 10]  # a third of it placed, three accounts
    assert linked(a[:3] + x[:7]) == [3, 4]  # under a third
    assert linked(a[:2] + x[:2]) == [3, 4]  # half of it, but two accounts
    assert linked(a[:3] + b[:2] + x[:2]) == [3, 4]  # placed in two campaigns, neither holding two thirds
    assert linked(a[:4] + b[:2] + x[:2]) == [3, 6]  # the larger holds two thirds of those placed
    assert linked(x[:6]) == [3, 4]  # never a group of its own
    assert linked(x[:6], rare=True) == [3, 4]  # nor through rare content, short of a crowd
    # joining needs harvest intent of the account's own (x1 has none), unless the content is rare
    assert linked(a[:3] + x[:2], harvesting=("x0",)) == [3, 5]
    assert linked(a[:3] + x[:2], harvesting=("x0",), rare=True) == [3, 6]


def test_a_leaning_bucket_of_content_spread_over_networks_groups_a_crowd_that_no_campaign_holds() -> None:
    from gatehouse.monitor.grouping import Findings, components

    crowd = [f"x{i:02d}" for i in range(campaigns.RARE_MIN + 1)]
    placed = [f"a{i}" for i in range(3)]
    tenants = {t: _state([float(i)]) for i, t in enumerate(placed + crowd)}
    lean: campaigns.Bucket = (("c", 3), ("i", "34.82.11"))

    def linked(members: list[str], spread: bool = True, harvesting: tuple[str, ...] = tuple(crowd),
               vouched: tuple[str, ...] = ()) -> list[int]:
        found = components(tenants, Findings([((("o", 1), ("i", "198.51.100")), placed)], lean=[(lean, members)],
                                             rare={lean}, spread={lean} if spread else frozenset(),
                                             vouched=frozenset(vouched),
                                             fits=lambda t, _st: t in harvesting or t in placed))
        return sorted(len(c.tenants) for c in found)

    assert campaigns.RARE_MIN == 30
    assert linked(crowd[:30]) == [3, 30]
    assert linked(crowd[:29]) == [3]
    assert linked(crowd[:30], spread=False) == [3]  # rare on its one network: a class's, maybe
    assert linked(crowd[:31], harvesting=tuple(crowd[:29])) == [3]  # only the accounts that join count
    assert linked(crowd[:31], vouched=tuple(crowd[:1])) == [3, 30]  # an organization's own account stays out
    assert linked(crowd[:31], vouched=tuple(crowd[:2])) == [3]
    assert linked(placed[:1] + crowd[:30]) == [3, 30]  # one placed account of 31 is no holder


def _crowd_on_cloud_ranges(networks: int = 3) -> Monitor:
    """40 throwaway accounts on each of three shared cloud /24s (or the first `networks`), each asking
    one long essay from one template and one or two cover questions at any hour (no shared
    sessions), beside 60 honest accounts per network chatting daily. Wording-only links are off."""
    rng = random.Random(5)
    broad = vocab(rng, 3000)
    mon = Monitor(Settings(link_by_wording=False))
    nets = ["34.145.20", "20.119.33", "44.201.6"][:networks]
    for a in range(40 * networks):
        sent = [(chat(f"Write a detailed essay on {words(rng, broad, 3)}, then list the key facts as numbered points.",
                      max_tokens=4000, temperature=0.9), rng.randint(900, 1800))]
        sent += [(chat(f"hey quick one: {words(rng, broad, 4)}?", temperature=0.8), rng.randint(30, 120))
                 for _ in range(rng.randint(1, 2))]
        for body, out in sent:
            run([(T0 + rng.uniform(0, 167) * HOUR, body, 20, out)], tenant=f"org_{a:03d}", key=f"key_{a:03d}",
                ip=f"{nets[a % networks]}.{a % 250}", ua=f"sdk/{a}", monitor=mon)
    _daily_chatters(mon, rng, broad, 60 * networks, nets)
    mon.finish()
    return mon


def test_a_throwaway_crowd_on_shared_cloud_ranges_is_linked_though_its_requests_were_mostly_cover(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Each network's template buckets count only through the template being the crowd's alone on the
    three networks (each is mostly honest traffic) and pool past watch, short of distilling: no
    campaign holds them, so on the networks where they lean the crowd is a group of its own, flagged
    by its split. A network where its buckets pool under watch links no one, and so does a crowd on
    one network, where the wording might be a class's (whose campus network is judged as its own
    once it has pooled enough traffic)."""
    mon = _crowd_on_cloud_ranges()
    lk = mon.linker
    template = [bk for bk in lk.buckets if bk[1][0] == "i" and len(lk.buckets[bk]) == 40]
    assert template and all(bk in lk.spread and bk not in lk.suspicious for bk in template)
    leaning = {bk[1] for bk in template if bk in lk.leaning}
    assert len(leaning) == 2
    assert sorted(len(c.tenants) for c in mon.campaigns) == [40, 40]
    for c in mon.campaigns:
        assert all(t.startswith("org_0") or t.startswith("org_1") for t in c.tenants)
        assert len({frozenset(lk.infra_of[t] & leaning) for t in c.tenants}) == 1  # one network's crowd
        assert c.score >= mon.settings.campaign_min_score
        assert all(mon.assess(t).verdict in ("review", "block") for t in c.tenants)
    alone = _crowd_on_cloud_ranges(networks=1)
    template = [bk for bk in alone.linker.buckets if bk[1][0] == "i" and len(alone.linker.buckets[bk]) == 40]
    assert template and all(bk in alone.linker.rare and bk not in alone.linker.spread for bk in template)
    assert any(bk in alone.linker.leaning for bk in template) and alone.campaigns == []
    for module in (linker, grouping):  # the crowd on each network falls short of one
        monkeypatch.setattr(module, "RARE_MIN", 41)
    assert _crowd_on_cloud_ranges().campaigns == []


def test_accounts_on_a_campaigns_own_network_join_it() -> None:
    from gatehouse.monitor.grouping import Findings, Index, components

    net: campaigns.Token = ("i", "198.51.100")
    bucket: campaigns.Bucket = (("o", 1), net)

    def linked(placed: int, loose: int, established: tuple[str, ...] = (), harvesting: tuple[str, ...] = ()) -> list[int]:
        names = [f"a{i:02d}" for i in range(placed)] + [f"x{i:02d}" for i in range(loose)] + list(established)
        tenants = {t: _state([float(h) for h in range(10 if t in established else 2)]) for t in names}
        infra_of = {t: {net} for t in names}
        index: Index = (infra_of, {net: len(names)}, {t: set() for t in names}, {}, {})
        found = components(tenants, Findings([(bucket, names[:placed])], index=index,
                                             fits=lambda t, st: st.n < campaigns.TINY or t in harvesting))
        return sorted(len(c.tenants) for c in found)

    assert grouping._NET_SHARE == 0.9 and campaigns.RARE_MIN == 30
    assert linked(27, 3) == [30]  # nine tenths of its thirty accounts are the campaign's
    assert linked(26, 4) == [26]  # under nine tenths
    assert linked(27, 2) == [27]  # twenty-nine accounts: too few to call the network anyone's
    assert linked(36, 3, established=("e",)) == [36]  # an established customer of its own uses it
    assert linked(36, 3, established=("e",), harvesting=("e",)) == [40]  # unless it harvests too


def _cover_chat(rng: random.Random, pool: list[str]) -> dict[str, Any]:
    return chat(f"so what exactly is {words(rng, pool, 2)}", temperature=0.9)


def _primer(rng: random.Random, pool: list[str]) -> dict[str, Any]:
    return chat(f"Compose a full-length primer on {words(rng, pool, 6)} for a training corpus.",
                max_tokens=1600, temperature=0.8)


def _replied(times: list[float], bodies: list[dict[str, Any]]) -> list[Req]:
    """Each body at its time, with a long reply where it asked for a cap and a short one elsewhere."""
    return [(t, b, 20, 1500 if b.get("max_tokens") else 120) for t, b in zip(times, bodies)]


def _campaign_on_its_own_network(honest_on_it: bool = False) -> Monitor:
    """80 accounts on one /24 harvest primers from one template in four shared sessions (with one
    cover chat each); 5 more on that /24 sent only two chats each with a popular SDK at any hour, in
    other everyday wording; 10 honest customers elsewhere chat daily in both wordings. With
    `honest_on_it`, two established honest customers chat from that /24 too."""
    rng = random.Random(14)
    broad = vocab(rng, 3000)
    sessions = [10.0, 50.0, 90.0, 130.0]
    mon = Monitor()

    def cover() -> dict[str, Any]:
        return _cover_chat(rng, broad)

    def other() -> dict[str, Any]:
        return chat(f"hey quick one about {words(rng, broad, 2)}?", temperature=0.9)

    def send(name: str, times: list[float], bodies: list[dict[str, Any]], ip: str, ua: str) -> None:
        run(_replied(sorted(times), bodies), tenant=name, key=f"key_{name}", ip=ip, ua=ua, monitor=mon)

    for a in range(80):
        bodies = [_primer(rng, broad) for _ in range(3)] + [cover()]
        send(f"org_c{a:02d}", [T0 + (rng.choice(sessions) + rng.uniform(0, 2)) * HOUR for _ in bodies], bodies,
             f"198.51.100.{a}", f"harvester/{a}")
    for a in range(5):
        send(f"org_s{a:02d}", [T0 + rng.uniform(0, 167) * HOUR for _ in range(2)], [other(), other()],
             f"198.51.100.{200 + a}", SDK)
    for a in range(10):
        send(f"org_h{a:02d}", [T0 + (d * 24 + 13 + rng.gauss(0, 2)) * HOUR for d in range(7) for _ in range(3)],
             [cover() if i % 2 else other() for i in range(21)], f"100.{a}.0.9", SDK)
    for a in range(2 if honest_on_it else 0):
        send(f"org_x{a:02d}", [T0 + (d * 24 + 9 + rng.gauss(0, 2)) * HOUR for d in range(7) for _ in range(2)],
             [other() for _ in range(14)], f"198.51.100.{220 + a}", SDK)
    mon.finish()
    return mon


def test_accounts_that_sent_only_cover_chat_from_a_campaigns_own_network_join_it() -> None:
    mon = _campaign_on_its_own_network()
    assert len(mon.campaigns) == 1
    members = set(mon.campaigns[0].tenants)
    assert members == {f"org_c{a:02d}" for a in range(80)} | {f"org_s{a:02d}" for a in range(5)}
    assert any("own network" in e for e in mon.campaigns[0].evidence)
    shared = _campaign_on_its_own_network(honest_on_it=True)
    assert [set(c.tenants) for c in shared.campaigns] == [{f"org_c{a:02d}" for a in range(80)}]


def test_common_content_attaches_stragglers_but_never_merges_campaigns() -> None:
    from gatehouse.monitor.grouping import Findings, components

    tenants = {t: _state([float(i)]) for i, t in enumerate(["a1", "a2", "a3", "b1", "b2", "b3", "x1"])}
    a = (("o", 1), ("i", "198.51.100"))
    b = (("o", 2), ("i", "203.0.113"))
    cover = (("o", 3), ("u", f"{SDK}|t=0.9"))  # everyday wording both campaigns' cover traffic shares
    found = components(tenants, Findings([(a, ["a1", "a2", "a3"]), (b, ["b1", "b2", "b3"]),
                                          (cover, ["a1", "a2", "b1", "x1"])], common={cover}))
    assert sorted(sorted(c.tenants) for c in found) == [["a1", "a2", "a3", "x1"], ["b1", "b2", "b3"]]
    merged = components(tenants, Findings([(a, ["a1", "a2", "a3"]), (b, ["b1", "b2", "b3"]),
                                           (cover, ["a1", "a2", "b1", "x1"])]))
    assert len(merged) == 1


def _own_client_week(honest_on_it: bool = False) -> Monitor:
    """A residential-proxy campaign (every account on its own network) with a client of its own:
    60 core accounts send its template (one to three long harvests and one cover chat each) in four
    shared sessions; 5 stragglers sent only cover chat, in two of those sessions; 3 accounts with the
    same client are active only outside them. Beside them, honest users of a popular SDK
    chatting at the same cover parameters, some of them tiny and active in the sessions. With
    `honest_on_it`, two established honest customers also chat through the campaign's client at
    its cover parameters, so that signature is no longer the campaign's own."""
    rng = random.Random(12)
    broad = vocab(rng, 3000)
    sessions = [10.0, 50.0, 90.0, 130.0]
    mon = Monitor()

    def cover() -> dict[str, Any]:
        return _cover_chat(rng, broad)

    def harvest() -> dict[str, Any]:
        return _primer(rng, broad)

    def in_sessions(k: int) -> list[float]:
        return sorted(T0 + (rng.choice(sessions) + rng.uniform(0, 2)) * HOUR for _ in range(k))

    def send(name: str, times: list[float], bodies: list[dict[str, Any]], ua: str, i: int) -> None:
        run(_replied(times, bodies), tenant=name, key=f"key_{name}", ip=f"100.{i % 250}.{i // 250}.9", ua=ua,
            monitor=mon)

    for a in range(60):
        bodies = [harvest(), harvest(), harvest(), cover()] if a % 2 else [harvest(), cover()]
        send(f"org_c{a:02d}", in_sessions(len(bodies)), bodies, "harvester/2.0", a)
    for a in range(5):  # in two of the sessions (one hour inside them is no evidence of membership)
        first, second = rng.sample(sessions, 2)
        times = sorted(T0 + (s + rng.uniform(0, 2)) * HOUR for s in (first, second))
        send(f"org_s{a:02d}", times, [cover(), cover()], "harvester/2.0", 100 + a)
    for a in range(3):
        send(f"org_o{a:02d}", [T0 + (30.0 + a) * HOUR, T0 + (30.5 + a) * HOUR], [cover(), cover()], "harvester/2.0", 110 + a)
    for a in range(10):
        send(f"org_h{a:02d}", sorted(T0 + (d * 24 + 13 + rng.gauss(0, 2)) * HOUR for d in range(7) for _ in range(3)),
             [cover() for _ in range(21)], SDK, 120 + a)
    for a in range(5):
        send(f"org_t{a:02d}", in_sessions(2), [cover(), cover()], SDK, 140 + a)
    if honest_on_it:
        for a in range(2):
            send(f"org_x{a:02d}", sorted(T0 + (d * 24 + 9 + rng.gauss(0, 2)) * HOUR for d in range(7) for _ in range(2)),
                 [cover() for _ in range(14)], "harvester/2.0", 150 + a)
    mon.finish()
    return mon


def test_accounts_on_a_campaigns_own_client_join_it() -> None:
    mon = _own_client_week()
    assert len(mon.campaigns) == 1
    members = set(mon.campaigns[0].tenants)
    assert {f"org_c{a:02d}" for a in range(60)} <= members
    assert {f"org_s{a:02d}" for a in range(5)} <= members  # cover-only stragglers in its sessions
    assert not any(m.startswith(("org_o", "org_h", "org_t")) for m in members)  # wrong hours, popular SDK
    assert any("own client" in e for e in mon.campaigns[0].evidence)


def test_a_client_signature_established_honest_customers_use_is_not_a_campaigns_own() -> None:
    mon = _own_client_week(honest_on_it=True)
    assert len(mon.campaigns) == 1
    members = set(mon.campaigns[0].tenants)
    assert {f"org_c{a:02d}" for a in range(60)} <= members
    assert not any(m.startswith(("org_s", "org_o", "org_h", "org_t", "org_x")) for m in members)


def test_tiny_honest_accounts_on_a_popular_sdk_early_in_the_week_are_never_linked() -> None:
    """A campaign that sends through a popular SDK at its chat parameters (cover traffic) owns
    that signature by count early in the week, before any honest user of it has a history. Tiny
    honest trial accounts chatting through the same SDK at the same parameters, some of them by
    chance inside the campaign's sessions, must never be linked to it (nor flagged), at any
    hourly pass of the replay or at the end."""
    rng = random.Random(21)
    broad = vocab(rng, 3000)
    sessions = [6.0, 20.0, 30.0, 44.0]
    reqs: list[tuple[float, str, str, dict[str, Any], int]] = []  # (ts, tenant, ip, body, completion)

    def cover() -> dict[str, Any]:
        return _cover_chat(rng, broad)

    for a in range(60):
        n = 4 if a % 2 else 2
        for i in range(n):
            ts = T0 + (rng.choice(sessions) + rng.uniform(0, 2)) * HOUR
            body = cover() if i == n - 1 else _primer(rng, broad)
            reqs.append((ts, f"org_c{a:02d}", f"100.{a}.1.9", body, 1500 if body.get("max_tokens") else 120))
    honest = [f"org_t{a:02d}" for a in range(16)]
    for a, tid in enumerate(honest):  # one to three requests within an hour or two, a quarter in the sessions
        start = rng.choice(sessions) + rng.uniform(0, 1) if a % 4 == 0 else rng.uniform(0, 48)
        for _ in range(rng.randint(1, 3)):
            reqs.append((T0 + (start + rng.uniform(0, 1.5)) * HOUR, tid, f"172.20.{a}.5", cover(), 120))
    reqs.sort(key=lambda r: r[0])
    mon = Monitor()
    linked: set[str] = set()
    for i, (ts, tid, ip, body, out) in enumerate(reqs):
        mon.observe(from_body(ts=ts, tenant=tid, key=f"key_{tid}", rid=f"r{i}", body=body, ip=ip, ua=SDK,
                              prompt_tokens=20, completion_tokens=out, finish_reason="stop"))
        linked |= set(mon.campaign_of) & set(honest)
    mon.finish()
    linked |= set(mon.campaign_of) & set(honest)
    assert mon.campaigns and {f"org_c{a:02d}" for a in range(0, 60, 2)} <= set(mon.campaigns[0].tenants)
    assert not linked
    assert not set(mon.first_flag) & set(honest)


def _pair_on_one_network(second_honest: bool) -> Monitor:
    """Two accounts alone on one /24, with their own clients and parameters and unrelated hours
    (nothing but the network and a template opening in common). The first harvests long answers;
    the second harvests too, or (`second_honest`) is an honest support bot of the same office
    that happens to open some questions the same way."""
    rng = random.Random(31)
    broad = vocab(rng, 3000)
    mon = Monitor()

    def harvest(temperature: float, ending: str) -> dict[str, Any]:
        return chat(f"Compose a full-length primer on {words(rng, broad, 6)} {ending}",
                    max_tokens=3000, temperature=temperature)

    def support() -> dict[str, Any]:
        return chat(f"Compose a full-length primer on {words(rng, broad, 2)}? My order is late.",
                    max_tokens=300, temperature=0.2)

    clients = [(SDK, 0.7, 0.0, "for a training corpus."), ("python-httpx/0.27.0", 0.9, 9.0, "with worked examples, please.")]
    for a, (ua, temperature, tz, ending) in enumerate(clients):
        times = sorted(T0 + (d * 24 + (13 + rng.gauss(0, 2) - tz) % 24) * HOUR for d in range(7) for _ in range(20))
        honest = second_honest and a == 1
        reqs = [(t, support() if honest else harvest(temperature, ending), 25, rng.randint(60, 200) if honest else
                 rng.randint(1200, 2900)) for t in times]
        run(reqs, tenant=f"org_p{a}", key=f"key_p{a}", ip=f"203.0.113.{10 + a}", ua=ua, monitor=mon)
    mon.finish()
    return mon


def test_two_harvesters_alone_on_one_network_are_linked() -> None:
    mon = _pair_on_one_network(second_honest=False)
    assert [sorted(c.tenants) for c in mon.campaigns] == [["org_p0", "org_p1"]]


def test_an_honest_account_sharing_a_harvesters_network_is_not_linked() -> None:
    mon = _pair_on_one_network(second_honest=True)
    assert mon.campaigns == []


def _billed_accounts(domain: str, synchronized: bool, n: int = 8, cover: int = 0) -> Monitor:
    """Harvesting accounts that share nothing but their billing contacts' mail domain: each has
    its own address, network, client and wording. Only `synchronized` puts them in the same
    few working sessions. `cover` more accounts billed there send twelve short chat requests each
    in those sessions."""
    rng = random.Random(4)
    broad = vocab(rng, 3000)
    mon = Monitor()
    for a in range(n):
        verb = vocab(rng, 3)
        tz = a * 3.0
        reqs: list[Req] = []
        for j in range(40):
            if synchronized:
                ts = T0 + (j % 4) * 30 * HOUR + rng.uniform(0, 2) * HOUR
            else:
                ts = T0 + (j % 7) * 24 * HOUR + ((13 + rng.gauss(0, 3) - tz) % 24) * HOUR
            body = chat(f"{' '.join(verb)} {words(rng, broad, 6)} with full worked detail", max_tokens=4000,
                        temperature=0.3 + a / 20)
            reqs.append((ts, body, 20, rng.randint(900, 2000)))
        reqs.sort(key=lambda r: r[0])
        run(reqs, tenant=f"org_{a:03d}", key=f"key_{a:03d}", ip=f"203.{a}.{a}.9", ua=f"client-{a}/1.0",
            bill=f"ops{a}@{domain}", monitor=mon)
    for a in range(n, n + cover):
        chats = [(T0 + (j % 4) * 30 * HOUR + rng.uniform(0, 2) * HOUR,
                  chat(f"hi, any tips on {words(rng, broad, 2)} for a beginner?", max_tokens=300), 15,
                  rng.randint(40, 120)) for j in range(12)]
        run(sorted(chats, key=lambda r: r[0]), tenant=f"org_{a:03d}", key=f"key_{a:03d}", ip=f"198.{a}.{a}.9",
            ua=f"chat-{a}/2.0", bill=f"ops{a}@{domain}", monitor=mon)
    mon.finish()
    return mon


def test_one_organizations_billing_domain_links_its_accounts() -> None:
    mon = _billed_accounts("northwind-labs.example", synchronized=True)
    assert [len(c.tenants) for c in mon.campaigns] == [8]
    assert "billing domain" in mon.campaigns[0].evidence[0]


def test_one_organizations_billing_domain_places_its_accounts_that_sent_only_cover() -> None:
    """Three more accounts billed at the domain sent only short chat in the operation's sessions:
    their own traffic shows no harvest intent, which elsewhere keeps an account of eight requests
    or more out, but one organization's accounts are that customer's."""
    mon = _billed_accounts("northwind-labs.example", synchronized=True, cover=3)
    assert [sorted(c.tenants) for c in mon.campaigns] == [[f"org_{a:03d}" for a in range(11)]]
    assert all(mon.linker.intent(t, mon.tenants[t]) < campaigns.INTENT_MIN for t in ["org_008", "org_009", "org_010"])


def test_webmail_domain_or_independent_timing_does_not_link() -> None:
    assert _billed_accounts("gmail.com", synchronized=True).campaigns == []
    assert _billed_accounts("northwind-labs.example", synchronized=False).campaigns == []


def test_density_holds_where_a_few_outsiders_fill_the_week() -> None:
    """`sync_lift` saturates once a few members fill the hours a campaign leaves empty;
    `density` counts members per hour and still sees the sessions."""
    rng = random.Random(4)
    sessions = [rng.uniform(0, 160) for _ in range(8)]
    campaign = [_state([rng.choice(sessions) + rng.uniform(0, 2) for _ in range(3)]) for _ in range(200)]
    outsiders = [_state([rng.uniform(0, 167) for _ in range(3)]) for _ in range(60)]
    crowd = [_state([rng.uniform(0, 167) for _ in range(3)]) for _ in range(220)]
    assert sync_lift(campaign + outsiders) < SYNC_MIN
    lift, dense = density(campaign + outsiders)
    assert lift >= 2.0 > DENSE_MIN
    assert sum(keeps_hours(s, dense) for s in campaign) >= 0.95 * len(campaign)
    assert sum(keeps_hours(s, dense) for s in outsiders) <= 0.4 * len(outsiders)
    assert density(crowd)[0] < 1.15


def test_density_leaves_out_members_present_in_most_hours() -> None:
    """Established accounts that write the same wording all week crowd every hour alike; counted,
    they hide the sessions of the campaign beside them (60 accounts, 3 steady ones: lift 1.1)."""
    rng = random.Random(4)
    sessions = [rng.uniform(0, 160) for _ in range(8)]
    campaign = [_state([rng.choice(sessions) + rng.uniform(0, 2) for _ in range(3)]) for _ in range(60)]
    steady = [_state([h + 0.5 for h in range(168)]) for _ in range(3)]
    base = campaign + [_state([0.5, 167.5])]  # the week spanned
    lift, dense = density(base + steady)
    assert lift >= 2.0 and (lift, dense) == density(base)
    assert sum(keeps_hours(s, dense) for s in campaign) >= 0.95 * len(campaign)
    # present in more than half the hours the group spans: left out; in half of them: counted
    half = _state([h * 2 + 0.5 for h in range(84)])
    assert density(base + [_state([h * 2 + 0.5 for h in range(84)] + [1.5])]) == density(base)
    assert density(base + [half]) != density(base)


def _freeform(rng: random.Random, broad: list[str]) -> dict[str, Any]:
    return chat(freeform_ask(rng, broad), max_tokens=rng.choice([1500, 3000]), temperature=0.8)


def _ghost_week(everyday_users: bool = False, second_campaign: bool = False, wording: bool = True,
                proxies: bool = False) -> Monitor:
    """A campaign of 150 throwaway accounts that share nothing exact but a pool of phrases: each
    account on its own addresses with a client of its own, one to four long free-form asks, all in
    eight shared sessions. Beside it, 60 tiny honest accounts asking for long answers in the same
    phrases at their own hours, and 20 established users chatting (short answers) at their own
    hours. With `everyday_users`, those 20 ask in the campaign's phrases too, for short answers
    (the wording is everyone's). With `second_campaign`, 80 more accounts on one /24 of their own use the same
    phrases in sessions of their own, three to five requests each (enough for their /24 to pool as
    distilling: at two to four it pooled within a hair of 0.7, under or over by the sketch's luck).
    `wording=False` turns wording-only links off (`link_by_wording`). With `proxies`, each campaign
    account takes a new network per request."""
    rng = random.Random(31)
    broad = vocab(rng, 3000)
    sessions = [8.0, 27.0, 50.0, 71.0, 95.0, 118.0, 140.0, 160.0]
    mon = Monitor(Settings(link_by_wording=wording))

    def send(name: str, reqs: list[Req], ip: str | list[str], ua: str) -> None:
        run(sorted(reqs, key=lambda r: r[0]), tenant=name, key=f"key_{name}", ip=ip, ua=ua, monitor=mon)

    for a in range(150):
        reqs = [(T0 + (rng.choice(sessions) + rng.uniform(0, 2)) * HOUR, _freeform(rng, broad), 25, rng.randint(1200, 2900))
                for _ in range(rng.randint(1, 4))]
        ips: str | list[str] = (f"{30 + a}.{a % 200}.{rng.randint(0, 255)}.7" if not proxies else
                                [f"{30 + a}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.7" for _ in reqs])
        send(f"org_g{a:03d}", reqs, ips, f"client-{a}/1.{a % 7}")
    for a in range(60):
        start = rng.uniform(0, 160)
        reqs = [(T0 + (start + rng.uniform(0, 1)) * HOUR, _freeform(rng, broad), 25, rng.randint(1200, 2900))
                for _ in range(rng.randint(1, 3))]
        send(f"org_t{a:02d}", reqs, f"172.21.{a}.5", f"tool-{a}/2.0")
    for a in range(20):
        tz = rng.choice([-5.0, 1.0, 8.0])
        reqs = []
        for d in range(7):
            for _ in range(2):
                ask = (_freeform(rng, broad)["messages"][-1]["content"] if everyday_users
                       else f"what does {words(rng, broad, 2)} mean")
                reqs.append((T0 + (d * 24 + (13 + rng.gauss(0, 2) - tz) % 24) * HOUR, chat(ask, temperature=0.5), 25, 90))
        send(f"org_h{a:02d}", reqs, f"172.22.{a}.5", SDK)
    if second_campaign:
        own = [33.0, 80.0, 125.0]
        for a in range(80):
            reqs = [(T0 + (rng.choice(own) + rng.uniform(0, 2)) * HOUR, _freeform(rng, broad), 25, rng.randint(1200, 2900))
                    for _ in range(rng.randint(3, 5))]
            send(f"org_s{a:02d}", reqs, f"203.0.113.{a + 1}", "harvest-kit/0.3")
    mon.finish()
    return mon


def _linked(mon: Monitor, prefix: str) -> set[str]:
    return {t for t in mon.campaign_of if t.startswith(prefix)}


def test_accounts_sharing_only_wording_and_sessions_are_linked() -> None:
    mon = _ghost_week()
    ghosts = _linked(mon, "org_g")
    assert len(ghosts) >= 0.9 * 150
    assert len({mon.campaign_of[g].id for g in ghosts}) == 1
    assert any("the same wording in the same hours" in e for e in mon.campaign_of[min(ghosts)].evidence)
    assert not _linked(mon, "org_h")  # short chat at their own hours
    # honest users of the same phrases join only when all their hours fall in the sessions by chance
    sessions = mon.campaign_of[min(ghosts)]
    for t in _linked(mon, "org_t"):
        assert t in sessions.tenants
    assert len(_linked(mon, "org_t")) <= 0.2 * 60


def test_an_account_off_a_proxy_campaigns_fingerprint_scores_its_pooled_traffic_alone() -> None:
    mon = _ghost_week(proxies=True)
    ghosts = _linked(mon, "org_g")
    assert len(ghosts) >= 0.9 * 150
    camp = mon.campaign_of[min(ghosts)]
    assert camp.score >= 0.9 and camp.split > 1.0
    # honest accounts whose hours fell in the sessions by chance: those of three requests sent from
    # one address while the campaign's accounts rotate theirs (two through one exit are what a
    # rotating pool gives too, `fingerprint._STICKY`: those score the campaign's, as one request does)
    strays = _linked(mon, "org_t")
    settled = {t for t in strays if mon.tenants[t].n >= 3}
    assert settled and set(camp.atypical) == settled
    assert not any(g in camp.atypical for g in ghosts)
    pooled = lowered(camp.score, camp.split)
    held = mon.settings.thresholds.block - HELD_UNDER_BLOCK  # an analyst decides, not the block
    for t in settled:
        assert mon.tenant_score(t)[0] == pytest.approx(min(pooled, held))
        a = mon.assess(t)
        assert a.verdict == ("review" if pooled >= held else verdict_of(pooled, camp.requests, mon.settings.thresholds))
        assert any(e.startswith("off_fingerprint: sends from one network") for e in a.evidence)
    for t in ghosts | (strays - settled):
        assert mon.tenant_score(t)[0] == pytest.approx(camp.score)
        assert mon.assess(t).verdict == "block"
    # with settled addresses (the default week) there is no rotation to break
    assert not any(c.atypical for c in _ghost_week().campaigns)


def test_wording_everyone_uses_links_no_one() -> None:
    mon = _ghost_week(everyday_users=True)
    assert not mon.campaigns


def test_wording_never_merges_campaigns_that_keep_other_sessions() -> None:
    mon = _ghost_week(second_campaign=True)
    ghosts, second = _linked(mon, "org_g"), _linked(mon, "org_s")
    assert len(ghosts) >= 0.9 * 150 and len(second) == 80
    assert {mon.campaign_of[t].id for t in ghosts}.isdisjoint({mon.campaign_of[t].id for t in second})


def test_wording_only_links_are_on_by_default_and_can_be_turned_off() -> None:
    assert Settings().link_by_wording
    assert not _ghost_week(wording=False).campaigns


def _agents(*uas: str) -> State:
    s = State()
    for i, ua in enumerate(uas):
        s.observe(from_body(ts=T0 + i * 60.0, tenant="t", key="k", rid=str(i), body=chat("hello"), ua=ua))
    return s


def test_a_user_agent_changed_on_most_requests_or_at_all_by_a_tiny_account_is_shared_infrastructure() -> None:
    def rotates(*uas: str) -> bool:
        return campaigns.ROTATES_AGENT in tokens_of(_agents(*uas))[1]

    assert rotates("a/1", "b/1")
    assert rotates("a/1", "a/1", "b/1", "c/1")  # no agent on more than half of the requests
    assert not rotates("a/1")  # one request shows nothing
    assert not rotates("a/1", "a/1", "a/1")
    # a throwaway account (under `TINY` requests) that changed its agent at all, in its few requests
    assert rotates("a/1", "a/1", "b/1")
    assert rotates(*["a/1"] * 6, "b/1")
    # an account with a history of its own must send with another agent at least half of the time
    assert not rotates(*["a/1"] * 7, "b/1")
    assert rotates(*["a/1"] * 4, *["b/1"] * 4)


def _rotating_week(rotate: bool, established_rotators: int = 3, partly: bool = False) -> Monitor:
    """150 throwaway accounts of two to four long free-form asks each, at any hour of the week,
    each on its own /24. With `rotate` each request carries another SDK user agent (a client that
    hides its fingerprint), with `partly` only the last one; otherwise each account keeps a client
    of its own. Beside them, 100
    tiny honest accounts ask in the same phrases at their own hours, and `established_rotators`
    customers whose users chat in those phrases through several SDK versions all week."""
    rng = random.Random(41)
    broad = vocab(rng, 3000)
    mon = Monitor()
    for a in range(150):
        reqs = sorted((T0 + rng.uniform(0, 167) * HOUR, _freeform(rng, broad), 25, rng.randint(1200, 2900))
                      for _ in range(rng.randint(2, 4)))
        for i, r in enumerate(reqs):
            ua = (f"{rng.choice(['okhttp', 'axios', 'httpx', 'undici'])}/{rng.randint(1, 9)}.{rng.randint(0, 99)}"
                  if rotate and (not partly or i == len(reqs) - 1) else f"kit-{a}/1.0")
            run([r], tenant=f"org_r{a:03d}", key=f"key_r{a:03d}", ip=f"{40 + a}.{a}.9.7", ua=ua, monitor=mon)
    for a in range(100):
        start = rng.uniform(0, 160)
        reqs = sorted((T0 + (start + rng.uniform(0, 3)) * HOUR, _freeform(rng, broad), 25, rng.randint(1200, 2900))
                      for _ in range(rng.randint(1, 4)))
        run(reqs, tenant=f"org_t{a:03d}", key=f"key_t{a:03d}", ip=f"172.23.{a}.5", ua=f"tool-{a}/2.0", monitor=mon)
    for a in range(established_rotators):
        reqs = sorted((T0 + (d * 24 + 13 + rng.gauss(0, 2)) * HOUR,
                       chat(_freeform(rng, broad)["messages"][-1]["content"], temperature=0.5), 25, 200)
                      for d in range(7) for _ in range(3))
        for i, r in enumerate(reqs):
            run([r], tenant=f"org_u{a}", key=f"key_u{a}", ip=f"172.24.{a}.5", ua=f"OpenAI/Python 1.{i % 5}.0", monitor=mon)
    mon.finish()
    return mon


def test_tiny_accounts_changing_user_agent_every_request_are_linked_by_shared_wording() -> None:
    mon = _rotating_week(rotate=True)
    assert len(mon.campaigns) == 1
    assert set(mon.campaigns[0].tenants) == {f"org_r{a:03d}" for a in range(150)}
    assert any("a new user agent per request" in e for e in mon.campaigns[0].evidence)
    # established customers whose users change SDK versions sit in its buckets but are not tied to it:
    # they still veto the wording as a throwaway crowd's, so the tiny honest writers stay out
    assert not _linked(mon, "org_t") and not _linked(mon, "org_u")
    # the same accounts each keeping a client of their own share nothing exact and keep no common hours
    assert not _rotating_week(rotate=False).campaigns


def test_tiny_accounts_that_change_their_agent_once_are_linked_like_those_that_change_it_every_time() -> None:
    mon = _rotating_week(rotate=True, partly=True)
    assert len(mon.campaigns) == 1
    assert set(mon.campaigns[0].tenants) == {f"org_r{a:03d}" for a in range(150)}
    assert not _linked(mon, "org_t") and not _linked(mon, "org_u")


def test_a_rotating_agent_bucket_groups_its_loose_accounts_but_never_merges_campaigns() -> None:
    rotating = (("c", 1), campaigns.ROTATES_AGENT)

    def place(placed_a: int, placed_b: int, loose: int) -> grouping.UnionFind:
        uf = grouping.UnionFind()
        a = [f"a{i}" for i in range(placed_a)]
        b = [f"b{i}" for i in range(placed_b)]
        for group in (a, b):
            uf.find(group[0])  # placed, if only by itself
            for m in group[1:]:
                uf.union(group[0], m)
        grouping._place_rotating(uf, rotating, a + b + [f"x{i}" for i in range(loose)], [])
        return uf

    # a campaign with a third of the bucket and two thirds of its placed accounts takes the rest
    uf = place(placed_a=4, placed_b=2, loose=6)
    assert uf.find("x0") == uf.find("a0") != uf.find("b0")
    # short of a third: the loose accounts are a group of their own, joining neither campaign
    uf = place(placed_a=3, placed_b=1, loose=6)
    assert uf.find("x0") == uf.find("x5") and uf.find("x0") not in (uf.find("a0"), uf.find("b0"))
    # a campaign holding a third but not two thirds of the placed accounts does not take them either
    uf = place(placed_a=4, placed_b=3, loose=5)
    assert uf.find("x0") not in (uf.find("a0"), uf.find("b0"))
    assert uf.find("a0") != uf.find("b0")
    # a single loose account makes no group
    uf = place(placed_a=1, placed_b=1, loose=1)
    assert "x0" not in uf.parent


def test_a_rotating_agent_never_qualifies_an_account_in_another_bucket() -> None:
    """An established account counts in a shared network's bucket only with a second piece of
    evidence; sharing a rotating agent with throwaway accounts is not one."""
    tenants = {t: _state([1.0, 2.0]) for t in ["a1", "a2", "r1", "r2", "r3"]}
    tenants["p"] = _state([float(h) for h in range(10)])
    network = (("c", 1), ("i", "198.51.100"))
    rotating = (("c", 1), campaigns.ROTATES_AGENT)
    found = grouping.Findings([(network, ["a1", "a2", "p"]), (rotating, ["p", "r1", "r2", "r3"])],
                              fits=lambda _t, _s: True)
    members = {c.id: set(c.tenants) for c in grouping.components(tenants, found)}
    assert {"a1", "a2"} in members.values()
    assert {"p", "r1", "r2", "r3"} in members.values()


def _many_phrases(sessions: bool, established: bool = False) -> Monitor:
    """Throwaway accounts of one or two long asks each, every ask opened by one of eight phrases:
    each phrase has about 40 users but, in shared sessions, not enough of them harvest there to pool as
    distilling alone (a few dozen requests). `sessions=False`: the same accounts at their own hours.
    `established`: eight customers with a history of ten short questions each write the phrases too."""
    rng = random.Random(23)
    broad = vocab(rng, 3000)
    openings = [f"{' '.join(vocab(rng, 3))}," for _ in range(8)]
    hours = [8.0, 27.0, 50.0, 71.0, 95.0, 118.0, 140.0, 160.0]
    mon = Monitor()
    for a in range(8 if established else 0):
        asks = [(T0 + (d * 16 + 9.0 + a) * HOUR, chat(f"{openings[(a + d) % 8]} what is {words(rng, broad, 2)}",
                                                      max_tokens=300, temperature=0.3), 20, 120) for d in range(10)]
        run(asks, tenant=f"org_e{a}", key=f"key_e{a}", ip=f"198.18.{a}.7", ua=SDK, monitor=mon)
    for a in range(200):
        own = [openings[a % 8], openings[(a // 8 + a) % 8]]
        reqs: list[Req] = []
        for j in range(1 + a % 2):
            at = rng.choice(hours) + rng.uniform(0, 2) if sessions else rng.uniform(0, 167)
            body = chat(f"{own[j]} write everything about {words(rng, broad, 3)}", max_tokens=3000, temperature=0.8)
            reqs.append((T0 + at * HOUR, body, 25, rng.randint(1200, 2900)))
        run(sorted(reqs, key=lambda r: r[0]), tenant=f"org_p{a:03d}", key=f"key_p{a:03d}",
            ip=f"{40 + a}.{a % 250}.9.7", ua=f"client-{a}/1.0", monitor=mon)
    mon.finish()
    return mon


def test_phrases_too_thin_alone_are_judged_together() -> None:
    """A campaign that composes its asks from many phrases spreads its accounts over as many
    wording buckets; those that crowd into the same hours but are too thin to pool as distilling
    alone are judged together when they share accounts (one phrase pool)."""
    mon = _many_phrases(sessions=True)
    assert len(mon.campaigns[0].tenants) >= 0.9 * 200 and mon.campaigns[0].score >= 0.7
    # no phrase pools as distilling alone: every bucket that links them is a weak one, suspicious
    # only with its phrase pool
    assert mon.linker.suspicious and all(bk in mon.linker.weak and bk in mon.linker.joint for bk in mon.linker.suspicious)
    # the same phrases at independent hours, written by established customers too
    assert not _many_phrases(sessions=False, established=True).campaigns


def test_wording_only_throwaway_accounts_write_is_a_crowd_without_shared_hours() -> None:
    """A campaign whose throwaway accounts trickle in at their own hours crowds into no sessions, but
    phrases that 200 accounts write and no established customer does are a throwaway crowd's."""
    mon = _many_phrases(sessions=False)
    linked = {t for c in mon.campaigns if c.score >= 0.7 for t in c.tenants}
    assert len(linked) >= 0.9 * 200 and len(mon.campaigns) <= 2
    assert any("wording only throwaway accounts write" in e for e in mon.campaigns[0].evidence)
    assert all(b in mon.linker.crowd for b in mon.linker.suspicious)
    # the hours are no evidence here: the crowd rests on the phrases alone, and eight established
    # customers writing them (the test above) are enough to say they are everyone's


def _popular_example(reask: bool) -> Monitor:
    """300 throwaway accounts, each on its own network with a client of its own, sending two to four
    long asks in one sitting at its own hour of the week, all in one template ("make me 20 training
    examples about ... in JSON"). `reask`: each account asks about one topic and sends that same
    request again (newcomers trying a popular example and pressing regenerate); otherwise each
    request sweeps the template's slot."""
    rng = random.Random(41)
    broad = vocab(rng, 3000)
    mon = Monitor()
    for a in range(300):
        topic, start = words(rng, broad, 4), rng.uniform(0, 160)
        reqs: list[Req] = []
        for j in range(2 + a % 3):
            ask = topic if reask else words(rng, broad, 4)
            body = chat(f"make me 20 training examples about {ask} in JSON, question and answer fields",
                        max_tokens=3000, temperature=0.8)
            reqs.append((T0 + (start + 0.2 * j) * HOUR, body, 30, rng.randint(1500, 2900)))
        run(reqs, tenant=f"org_p{a:03d}", key=f"key_p{a:03d}", ip=f"{40 + a}.{a % 250}.9.7", ua=f"client-{a}/1.0",
            monitor=mon)
    mon.finish()
    return mon


def test_newcomers_re_asking_one_popular_example_are_no_throwaway_crowd() -> None:
    """Accounts sweeping a template's slot are a throwaway crowd's; the same accounts each sending one
    request of it again and again are newcomers trying a popular example (linked at 0.97 before
    `_reasks`)."""
    swept = _popular_example(reask=False)
    assert len({t for c in swept.campaigns if c.score >= 0.7 for t in c.tenants}) >= 0.9 * 300
    assert any("wording only throwaway accounts write" in e for e in swept.campaigns[0].evidence)
    reasked = _popular_example(reask=True)
    assert not reasked.campaigns and not reasked.linker.crowd


def _crowd(members: int = 30, largest: int = 1, span: float = 48.0, vouched: int = 0, tied: bool = False,
           again: int = 0, reasking: int = 0, reasked: float = 0.5) -> bool:
    """`Linker._throwaway_crowd` on one wording bucket: `members` accounts of one request each spread
    over `span` hours, the first with `largest` requests (`tied`: in a suspicious bucket of shared
    infrastructure too), the last `vouched` vouched for. The `again` accounts after the first send
    two requests, `reasking` of them the same request again in `reasked` of their requests."""
    lk = linker.Linker()
    bk = (("o", "write everything about"), campaigns.WORDING_ONLY)
    tenants: dict[str, State] = {}
    for i in range(members):
        at = span * i / (members - 1)
        sent = largest if i == 0 else 2 if i <= again else 1
        tenants[f"t{i:02d}"] = st = _state([at + 0.001 * j for j in range(sent)])
        # `_state` sends one body again and again: only the `reasking` accounts count as re-asking
        st.mean[F.REPEAT] = reasked if 0 < i <= reasking else 0.0
    lk.buckets[bk] = set(tenants)
    lk.vouched = set(sorted(tenants)[members - vouched:])
    if tied:
        network = (("o", "write everything about"), ("i", "203.0.113"))
        lk.member_of["t00"] = {bk, network}
        lk.suspicious[network] = True
    return lk._throwaway_crowd(bk, lk._group(bk), tenants)


def test_a_throwaway_crowd_at_its_edges() -> None:
    assert _crowd(30) and not _crowd(29)  # `RARE_MIN` accounts
    assert _crowd(31, vouched=1) and not _crowd(30, vouched=1)  # ... that no organization vouches for
    assert _crowd(largest=campaigns.TINY - 1) and not _crowd(largest=campaigns.TINY)  # every writer tiny ...
    assert _crowd(largest=campaigns.TINY, tied=True)  # ... or tied to a campaign by its infrastructure
    assert _crowd(span=24.01) and not _crowd(span=23.99)  # over a day at least
    # ... and not mostly re-asking: of the accounts that came back, fewer than half send the same
    # request again in half their requests or more
    assert _crowd(again=10, reasking=4) and not _crowd(again=10, reasking=5)
    assert _crowd(again=10, reasking=5, reasked=0.49) and not _crowd(again=10, reasking=5, reasked=0.5)
    assert _crowd(again=0, reasking=0)  # single requests say nothing of re-asking


_TOOLS = ["OpenAI/Python 1.66.3", "OpenAI/NodeJS 4.86.2", "python-requests/2.32.3", "httpx/0.28.1", "curl/8.11.1",
          "litellm/1.63.2"]


def _two_classes() -> Monitor:
    """Two university classes, each on its campus /24 (students bring their own tools): every
    student opens an account for one assignment and asks in its wording during the class's lab
    sessions. About half write the essay (long answers, max_tokens 1500) on the course's subject,
    the rest ask for a short plan. Each class pooled is a class; the essay writers of both pooled
    together look like a harvest of two subjects in shared sessions."""
    rng = random.Random(41)
    mon = Monitor(Settings(link_by_wording=True))
    for c, labs in enumerate([[9.0, 57.0, 105.0], [14.0, 62.0, 110.0]]):
        subject = vocab(rng, 900)
        for i in range(70):
            essay = rng.random() < 0.55
            tool, temperature = rng.choice(_TOOLS), rng.choice([0.2, 0.5, 0.7, 1.0])
            reqs: list[Req] = []
            for _ in range(rng.randint(2, 6)):
                ts = T0 + (rng.choice(labs) + rng.uniform(0, 2)) * HOUR
                if essay:
                    body = chat(f"Write an essay on {words(rng, subject, 6)}. Discuss {words(rng, subject, 6)} with "
                                "examples and end with a conclusion.", max_tokens=1500, temperature=temperature)
                    reqs.append((ts, body, 40, rng.randint(1200, 1500)))
                else:
                    body = chat(f"Write an essay plan for {words(rng, subject, 3)}: three bullet points only.",
                                max_tokens=300, temperature=temperature)
                    reqs.append((ts, body, 30, rng.randint(60, 140)))
            run(sorted(reqs, key=lambda r: r[0]), tenant=f"org_c{c}{i:02d}", key=f"key_c{c}{i:02d}",
                ip=f"198.51.{100 + c}.{i + 1}", ua=tool, monitor=mon)
    mon.finish()
    return mon


def test_a_class_on_its_campus_network_is_judged_as_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wording does not overrule an organization's own traffic: each class's bucket (the
    assignment's wording on its campus /24) pools as honest, so the wording path leaves its
    students out, though the essay writers of both classes would pool as distilling."""
    assert not _linked(_two_classes(), "org_c")
    monkeypatch.setattr(linker, "_JUDGED", 10**9)  # without the classes' own verdicts
    assert len(_linked(_two_classes(), "org_c")) >= 40


_COVER_CHAT = ["hi can you help me", "thanks that works", "what time is it in tokyo", "tell me a joke",
               "how are you today"]


def _campaign_ranges() -> Monitor:
    """A campaign's crowd on two /24s of its own, 70 accounts each (one tool and temperature per
    account, as the classes): two to six requests per account in shared sessions, two in five
    asking for a complete guide on a broad sweep of topics, the rest cover chat. Each /24's bucket
    pools at about 0.65 (short of distilling) with the intent and coverage of a broad harvest."""
    rng = random.Random(43)
    mon = Monitor(Settings(link_by_wording=True))
    topics = vocab(rng, 6000)
    sessions = [3.0, 27.0, 51.0, 75.0, 99.0]
    for c in range(2):
        for i in range(70):
            tool, temperature = rng.choice(_TOOLS), rng.choice([0.7, 0.9, 1.0])
            reqs: list[Req] = []
            for _ in range(rng.randint(2, 6)):
                ts = T0 + (rng.choice(sessions) + rng.uniform(0, 3)) * HOUR
                if rng.random() < 0.4:
                    body = chat(f"Write a complete guide to {words(rng, topics, 5)}, covering {words(rng, topics, 5)} "
                                "in depth with worked examples.", max_tokens=2000, temperature=temperature)
                    reqs.append((ts, body, 40, rng.randint(1200, 2000)))
                else:
                    reqs.append((ts, chat(rng.choice(_COVER_CHAT), temperature=temperature), 12, rng.randint(20, 60)))
            run(sorted(reqs, key=lambda r: r[0]), tenant=f"org_k{c}{i:02d}", key=f"key_k{c}{i:02d}",
                ip=f"203.0.{110 + c}.{i + 1}", ua=tool, monitor=mon)
    mon.finish()
    return mon


def test_a_crowd_harvesting_broadly_on_its_own_range_is_no_organization(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unlike a class, whose assignment is narrow however much it asks, a crowd whose /24 pools as
    broad harvest is not vouched for as an organization, so its wording links it."""
    mon = _campaign_ranges()
    assert len(_linked(mon, "org_k")) == 140
    assert not any(bk[1][0] == "i" for bk in mon.linker.cleared)
    monkeypatch.setattr(linker, "_VOUCH_COVER", 1.01)  # every organization's bucket vouches
    assert not _linked(_campaign_ranges(), "org_k")


def test_a_crowds_range_vouches_below_either_factor(monkeypatch: pytest.MonkeyPatch) -> None:
    """The crowd's bucket on its /24 vouches when its pooled intent or coverage is just below its
    bar, and not at both."""
    mon = _campaign_ranges()
    lk = mon.linker
    network = max((bk for bk in lk.buckets if bk[1][0] == "i"), key=lambda bk: len(lk.buckets[bk]))
    pooled = score_state(merge_view([mon.tenants[m] for m in sorted(lk.buckets[network])]))
    assert len(lk.buckets[network]) >= campaigns.RARE_MIN

    def vouches(intent: float, coverage: float) -> bool:
        monkeypatch.setattr(linker, "_VOUCH_INTENT", intent)
        monkeypatch.setattr(linker, "_VOUCH_COVER", coverage)
        lk.scored.pop(network, None)
        lk._judge(network, mon.tenants)
        return network in lk.cleared

    assert not vouches(pooled.intent, pooled.coverage)
    assert vouches(pooled.intent + 1e-9, pooled.coverage)
    assert vouches(pooled.intent, pooled.coverage + 1e-9)


def _wording(tag: int) -> tuple[tuple[str, object], tuple[str, object]]:
    return ("c", tag), campaigns.WORDING_ONLY


def test_wording_placement_never_chains_two_placed_campaigns() -> None:
    """An account that keeps the hours of two campaigns other evidence placed (their sessions
    overlap) joins the first bucket's campaign and stays there: a second bucket in which the other
    campaign ranks first does not pull it, and both campaigns with it, together."""
    tenants = {t: _state([10.0, 11.0, 34.0, 58.0]) for t in ["a1", "a2", "b1", "b2", "x"]}
    uf = grouping.UnionFind()
    uf.union("a1", "a2")
    uf.union("b1", "b2")
    shared: list[tuple[str, tuple[str, ...]]] = []
    grouping._place_by_wording(tenants, uf, [(_wording(1), ["a1", "a2", "b1", "x"]), (_wording(2), ["b1", "b2", "x"])],
                                shared)
    assert uf.find("x") == uf.find("a1") != uf.find("b1")


def test_groups_only_wording_placed_join_when_they_share_the_phrase_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    """One campaign's two teams work different shifts from one phrase pool. The first bucket holds
    only the second team (a phrase of its own), so each team starts a group of its own; the two use
    the same phrases in the same proportions and are joined. A group with other phrases and hours,
    sharing one phrase with a few of them, is not."""
    tenants = {f"a{i}": _state([10.0, 34.0, 58.0]) for i in range(10)}
    tenants |= {f"b{i}": _state([16.0, 40.0, 64.0]) for i in range(10)}
    tenants |= {f"z{i}": _state([22.0, 46.0, 70.0]) for i in range(10)}
    a, b, z = ([f"{p}{i}" for i in range(10)] for p in "abz")
    buckets = [(_wording(1), b), (_wording(2), a + b), (_wording(3), a + b), (_wording(9), z + b[:2])]

    def place() -> grouping.UnionFind:
        uf = grouping.UnionFind()
        grouping._place_by_wording(tenants, uf, buckets, [])
        return uf

    uf = place()
    assert uf.find("a0") == uf.find("b0")
    assert uf.find("z0") != uf.find("a0")
    monkeypatch.setattr(grouping, "_SAME_POOL", 2.0)  # without the phrase pool, timing keeps them apart
    uf = place()
    assert uf.find("a0") != uf.find("b0")


def test_a_few_strays_of_a_placed_campaign_do_not_make_a_group_of_their_own() -> None:
    """A bucket judged only with its phrase pool, whose accounts are nearly all one campaign's,
    leaves the few that keep none of its hours unplaced; from `_LOOSE_SHARE` of the bucket on,
    or in a bucket that pooled as distilling alone, they group together."""
    def place(placed: int, joint: bool = True) -> grouping.UnionFind:
        tenants = {f"p{i}": _state([10.0, 34.0, 58.0]) for i in range(placed)}
        tenants |= {f"s{i}": _state([20.0, 90.0]) for i in range(2)}
        uf = grouping.UnionFind()
        for i in range(1, placed):
            uf.union("p0", f"p{i}")
        grouping._place_by_wording(tenants, uf, [(_wording(1), sorted(tenants))], [], {_wording(1)} if joint else set())
        return uf

    assert 2 == grouping._LOOSE_SHARE * 8
    assert "s0" in place(6).parent and place(6).find("s0") == place(6).find("s1") != place(6).find("p0")
    assert "s0" not in place(7).parent
    assert place(7, joint=False).find("s0") == place(7, joint=False).find("s1")


def test_an_account_met_before_its_campaign_grew_into_its_hours_joins_it_after_the_pass() -> None:
    """Buckets are met one at a time. The first makes a group of four accounts that work in two
    hours; the second holds them and one more account that works in two other hours, so it keeps
    none of that group's hours and is left alone; the third ties the group to a campaign working in
    all four hours, which it joins. The account left alone keeps that campaign's hours, and joins it
    once every other placement is done (`_place_stragglers`)."""
    tenants = {f"c{i}": _state([10.0, 11.0, 12.0, 13.0, 34.0, 35.0, 36.0, 37.0]) for i in range(10)}
    tenants |= {f"g{i}": _state([12.0, 36.0]) for i in range(4)}
    tenants["s"] = _state([13.0, 37.0])
    campaign, group = [f"c{i}" for i in range(10)], [f"g{i}" for i in range(4)]
    uf = grouping.UnionFind()
    for c in campaign[1:]:
        uf.union("c0", c)
    buckets = [(_wording(0), group), (_wording(1), [*group, "s"]), (_wording(2), campaign + group)]
    grouping._place_by_wording(tenants, uf, buckets, [])
    assert uf.find("g0") == uf.find("c0") and "s" not in uf.parent
    grouping._place_stragglers(tenants, uf, buckets, [], set())
    assert uf.find("s") == uf.find("c0")
    # an account that keeps none of the campaign's hours stays out
    tenants["s"] = _state([20.0, 44.0])
    uf = grouping.UnionFind()
    for c in campaign[1:]:
        uf.union("c0", c)
    grouping._place_by_wording(tenants, uf, buckets, [])
    grouping._place_stragglers(tenants, uf, buckets, [], set())
    assert uf.find("g0") == uf.find("c0") and "s" not in uf.parent


def test_a_throwaway_crowd_joins_the_crowd_it_shares_accounts_with_never_a_placed_campaign() -> None:
    """A crowd's accounts keep no hours, so hours do not place them: an unplaced account of a crowd
    bucket joins the group an earlier crowd made that holds most of the bucket, never a campaign
    that other evidence placed, even one whose hours it keeps. Crowds come after buckets judged by
    timing, whatever their order."""
    tenants = {t: _state([10.0, 34.0, 58.0]) for t in ["p1", "p2", "x1", "x2", "y1", "y2", "t1"]}
    uf = grouping.UnionFind()
    uf.union("p1", "p2")
    first, second, timed = _wording(1), _wording(2), _wording(0)
    buckets = [(first, ["p1", "p2", "x1", "x2"]), (second, ["p1", "p2", "x1", "y1", "y2"]), (timed, ["p1", "t1"])]
    grouping._place_by_wording(tenants, uf, buckets, [], crowd={first, second})
    assert uf.find("t1") == uf.find("p1")  # the bucket judged by timing placed it first
    assert uf.find("x1") == uf.find("x2") == uf.find("y1") == uf.find("y2") != uf.find("p1")


def test_a_campaign_scores_its_pooled_traffic_raised_by_the_split_up_to_a_cap() -> None:
    """Each doubling of the linked accounts adds `_SPLIT` log-odds to the pooled score, up to
    `_SPLIT_MAX`: a pair barely moves, a crowd of throwaway accounts moves a lot, and a pool that
    scores nothing stays near nothing."""
    pair, added = campaigns.campaign_score(0.7, 2)
    assert added == pytest.approx(campaigns._SPLIT) and 0.7 < pair < 0.77
    scores = [campaigns.campaign_score(0.7, n)[0] for n in (1, 2, 16, 256, 2 ** 20)]
    assert scores[0] == pytest.approx(0.7) and scores == sorted(scores)
    assert campaigns.campaign_score(0.7, 2 ** 20)[1] == campaigns.SPLIT_MAX
    assert campaigns.campaign_score(0.7, 2 ** 20)[0] == pytest.approx(campaigns.campaign_score(0.7, 2 ** 9)[0])
    assert campaigns.campaign_score(0.01, 5000)[0] < 0.15


def _proxy_campaign(harvesting: int = 150, cover_only: int = 60) -> Monitor:
    """A proxy campaign's app: every account sends under the app's own system prompt, from a
    residential /24 of its own, with the app's client at its parameters (a 400-token cap on every
    call), at any hour. `harvesting` accounts each ask three long essays and one cover question;
    `cover_only` accounts carried only the app's cover traffic, ten short questions each (too many
    requests to be anyone's, and no harvest intent of their own). Beside them, 300 honest accounts
    of another app on the same client name write their own system prompt."""
    rng = random.Random(12)
    broad = vocab(rng, 3000)
    mon = Monitor(Settings(link_by_wording=False))
    system = "You are Nova, the writing assistant of Nova Docs. Be thorough and cite the key facts."
    for a in range(harvesting + cover_only):
        essays, questions = (3, 1) if a < harvesting else (0, 10)
        sent = [(chat(f"Write a complete essay on {words(rng, broad, 3)} covering every aspect.", system=system,
                      max_tokens=400, temperature=0.8), rng.randint(380, 400)) for _ in range(essays)]
        sent += [(chat(f"hey quick one: {words(rng, broad, 4)}?", system=system, max_tokens=400, temperature=0.8),
                  rng.randint(30, 120)) for _ in range(questions)]
        reqs = [(T0 + rng.uniform(0, 166) * HOUR, body, 20, out) for body, out in sent]
        run(sorted(reqs, key=lambda r: r[0]), tenant=f"org_{a:03d}", key=f"key_{a:03d}",
            ip=f"{30 + a % 150}.{a}.9.1", ua="nova-app/1.4", monitor=mon)
    for a in range(300):
        reqs = [(T0 + rng.uniform(0, 166) * HOUR,
                 chat(f"summarize {words(rng, broad, 3)}", system="You are Quill, a note taker.", temperature=0.3),
                 20, rng.randint(60, 300)) for _ in range(6)]
        run(sorted(reqs, key=lambda r: r[0]), tenant=f"org_h{a:03d}", key=f"key_h{a:03d}",
            ip=f"{100 + a % 100}.{a}.7.1", ua="nova-app/1.4", monitor=mon)
    mon.finish()
    return mon


def test_content_a_campaign_holds_alone_places_its_accounts_that_carried_only_cover() -> None:
    """The app's system prompt and client signature are the campaign's alone (rare content on a
    client anyone could use): every account that holds them is placed, also the cover-only accounts
    whose own traffic shows no harvest intent (elsewhere such an account is not placed)."""
    mon = _proxy_campaign()
    cover_only = [f"org_{a:03d}" for a in range(150, 210)]
    assert not any(mon.linker.fits(t, mon.tenants[t]) for t in cover_only)
    assert [sorted(c.tenants) for c in mon.campaigns] == [[f"org_{a:03d}" for a in range(210)]]


def _two_arms(established: bool = False) -> Monitor:
    """One operation's phrases written by two arms of throwaway accounts, every account on its own
    network and client: 120 accounts of one or two long asks in shared sessions, and 60 of two asks
    that trickle in at any hour of the week. The sessions make each phrase's bucket count by its
    hours, which places the first arm only. Beside them, 30 newcomers ask twice in the phrases in one
    visit at their own hours. `established`: a customer with a history of its own (ten long asks in
    the sessions, so neither everyday wording nor tied to a campaign) writes the phrases too."""
    rng = random.Random(29)
    broad = vocab(rng, 3000)
    openings = [f"{' '.join(vocab(rng, 3))}," for _ in range(2)]
    hours = [8.0, 50.0, 95.0, 140.0]
    mon = Monitor()

    def ask(a: int, j: int) -> dict[str, Any]:
        return chat(f"{openings[(a + j) % 2]} write everything about {words(rng, broad, 6)}", max_tokens=3000,
                    temperature=0.8)

    if established:
        asks = [(T0 + (hours[d % 4] + 0.1 * d) * HOUR, ask(d, 0), 25, 2000) for d in range(10)]
        run(asks, tenant="org_e", key="key_e", ip="198.18.0.7", ua=SDK, monitor=mon)
    for a in range(210):
        arm = "s" if a < 120 else "t" if a < 180 else "v"
        visit = rng.uniform(0, 166)
        reqs: list[Req] = []
        for j in range(1 + a % 2 if arm == "s" else 2):
            at = (rng.choice(hours) + rng.uniform(0, 2) if arm == "s" else rng.uniform(0, 167) if arm == "t"
                  else visit + rng.uniform(0, 1))
            reqs.append((T0 + at * HOUR, ask(a, j), 25, rng.randint(1200, 2900)))
        run(sorted(reqs, key=lambda r: r[0]), tenant=f"org_{arm}{a:03d}", key=f"key_{arm}{a:03d}",
            ip=f"{40 + a}.{a % 250}.9.7", ua=f"client-{a}/1.0", monitor=mon)
    mon.finish()
    return mon


def test_throwaway_accounts_off_a_session_campaigns_hours_are_placed_as_a_crowd_of_their_own() -> None:
    """Wording that counts by its sessions places the accounts that keep them; when every writer is
    a throwaway account (a throwaway crowd's wording too), the tiny accounts with harvest intent that
    keep none of its hours and came back after their first sitting are placed as well, last and as a
    group of their own: an arm of the operation that trickles in at any hour. Newcomers who asked in
    one visit at their own hours are not."""
    mon = _two_arms()
    sessions, trickle = _linked(mon, "org_s"), _linked(mon, "org_t")
    assert len(sessions) >= 0.9 * 120 and len(trickle) >= 0.8 * 60
    arm = Counter(mon.campaign_of[t].id for t in trickle).most_common(1)[0][0]
    assert not any(mon.campaign_of[t].id == arm for t in sessions)
    evidence = next(c for c in mon.campaigns if c.id == arm).evidence
    assert any("wording only throwaway accounts write" in e for e in evidence)
    assert mon.linker.trickle and not mon.linker.crowd
    # a newcomer joins only the sessions' campaign, when its visit falls in them by chance
    assert all(mon.campaign_of[v].id != arm for v in _linked(mon, "org_v")) and len(_linked(mon, "org_v")) <= 6


def test_an_established_writer_of_the_phrases_leaves_the_trickling_arm_unplaced() -> None:
    """A customer with a history of its own, tied to no campaign, writing the phrases: they are not
    a throwaway crowd's, so only the accounts that keep the sessions are placed."""
    mon = _two_arms(established=True)
    assert len(_linked(mon, "org_s")) >= 0.9 * 120
    assert not mon.linker.trickle
    assert len(_linked(mon, "org_t")) <= 0.2 * 60


def _vendor_week(app_users: bool, idle: int = 0, common_client: bool = False) -> Monitor:
    """40 "worker" accounts of a labeling vendor: a task-runner client no one else runs, each on its
    own home network and billed to its own webmail address, 20 to 30 requests in its own local day
    shift (eight time zones, so no common hours), writing gold reference answers from one template
    at a 2,048 cap. With `app_users`, the client is instead an app's, with its system prompt: 90
    honest users summarise pages through it (long pages in, short summaries out), and the 40
    accounts pose as a share of them, asking the app's prompt for long explanations. The first
    `idle` workers get short replies to the same asks (no harvest intent of their own). With
    `common_client`, the workers send with a phone client that 60 honest users also chat through at
    the same parameters (a phone farm's)."""
    rng = random.Random(33)
    broad = vocab(rng, 3000)
    mon = Monitor()
    ua = "okhttp/4.12.0" if common_client else "taskrunner/4.1"
    system = "You are Marginal, a reading assistant in the browser. Answer about the page or the selection."

    def gold() -> dict[str, Any]:
        ask = (f"Write the gold reference answer for this labeling task: {words(rng, broad, 6)}. "
               "Rate both candidate answers against it afterwards.")
        if app_users:
            return chat(f"Explain the selection in depth: {words(rng, broad, 6)}. Go step by step and leave nothing out.",
                        system=system, max_tokens=2048, temperature=0.3)
        return chat(ask, max_tokens=2048, temperature=0.3)

    for a in range(40):
        zone = (a % 8) * 3.0
        days = rng.sample(range(7), 4)
        times = sorted(T0 + (d * 24 + (9.0 + zone + rng.uniform(0, 8)) % 24) * HOUR
                       for d in days for _ in range(rng.randint(5, 7)))
        run([(t, gold(), 30, 60 if a < idle else 1500) for t in times], tenant=f"org_w{a:02d}", key=f"key_w{a:02d}",
            ip=f"{60 + a}.{a * 3}.17.{a + 2}", ua="marginal/3.4" if app_users else ua,
            bill=f"worker{a}@mailbox.example", monitor=mon)
    if common_client:
        for a in range(60):
            times = sorted(T0 + rng.uniform(0, 160) * HOUR for _ in range(rng.randint(8, 20)))
            run([(t, chat(f"so what do you think about {words(rng, broad, 3)}", max_tokens=2048, temperature=0.3), 30, 150)
                 for t in times], tenant=f"org_p{a:02d}", key=f"key_p{a:02d}", ip=f"130.{a}.44.{a + 2}", ua=ua,
                bill=f"phone{a}@mailbox.example", monitor=mon)
    if app_users:
        for a in range(90):
            times = sorted(T0 + rng.uniform(0, 160) * HOUR for _ in range(rng.randint(5, 20)))
            run([(t, chat(f"Summarise this page: {words(rng, broad, 120)}", system=system, max_tokens=2048,
                          temperature=0.3), 600, 150) for t in times],
                tenant=f"org_u{a:02d}", key=f"key_u{a:02d}", ip=f"120.{a}.33.{a + 2}", ua="marginal/3.4",
                bill=f"user{a}@mailbox.example", monitor=mon)
    mon.finish()
    return mon


def test_established_accounts_on_a_client_and_template_of_their_own_are_linked_without_common_hours() -> None:
    mon = _vendor_week(app_users=False)
    workers = _linked(mon, "org_w")
    assert len(workers) == 40
    assert len({mon.campaign_of[w].id for w in workers}) == 1


def test_a_template_of_a_groups_own_on_a_client_others_share_links_it_and_no_one_else() -> None:
    """The client at its parameters is 60 honest phone users' too: the workers' template, written on
    it by no one else, still links them, and no honest user."""
    mon = _vendor_week(app_users=False, common_client=True)
    workers = _linked(mon, "org_w")
    assert len(workers) == 40 and len({mon.campaign_of[w].id for w in workers}) == 1
    assert not _linked(mon, "org_p")


def test_an_apps_users_are_not_linked_with_accounts_posing_as_a_share_of_them() -> None:
    """The app's client and system prompt are its users' too: the bucket they share with the
    posing accounts is no one operator's program (most of its members do not harvest)."""
    mon = _vendor_week(app_users=True)
    assert not _linked(mon, "org_u")
    assert not set(mon.first_flag) & {f"org_u{a:02d}" for a in range(90)}


@pytest.mark.parametrize(("idle", "linked"), [(4, True), (5, False)])
def test_a_template_of_a_groups_own_counts_when_nine_in_ten_of_its_writers_harvest(idle: int, linked: bool) -> None:
    """At its edge (`_OWN_HARVEST`): of 40 workers, 36 harvesting is one operator's program (whose
    harvesting workers are linked; an idle one shows no intent of its own), 35 is not."""
    mon = _vendor_week(app_users=False, idle=idle)
    workers = {f"org_w{a:02d}" for a in range(idle, 40)}
    assert _linked(mon, "org_w") == (workers if linked else set())
