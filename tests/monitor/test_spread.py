"""A small campaign spread over a few shared cloud ranges: each template it writes sits on every
range in a handful of throwaway accounts, too few to pool enough traffic to score. Its main
template is linked on each range by its crowd; a rarer one, written by a few accounts per range
(some of them already linked), attaches the rest of its writers to the campaign."""

from __future__ import annotations

import random
from typing import Any

from gatehouse.monitor.engine import Monitor
from gatehouse.monitor.linker import Linker
from gatehouse.monitor.state import State
from tests.monitor.helpers import T0, chat, run, vocab, words

HOUR = 3600.0
NETS = ["34.82.11", "52.14.201", "104.196.7", "159.22.53"]
CLIENT = "OpenAI/Python 1.75.0"


def _cloud_week(rare_writers: int = 3, customer: bool = False) -> Monitor:
    """On each of four cloud /24s: 60 honest customers chatting all week with the campaign's SDK
    (at other parameters); 30 campaign accounts writing its main template; 4 writing both
    templates; and `rare_writers` writing only its rarer one. Campaign accounts send three requests
    each, spread over the week. With `customer`, an established customer on the first range asks
    for long FAQs in the rarer template's words every day too, with a client of its own."""
    rng = random.Random(5)
    pool = vocab(rng, 3000)
    mon = Monitor()

    def deep_dive() -> dict[str, Any]:
        return chat(f"Write a rigorous deep-dive into {words(rng, pool, 2)}, including the reasoning behind each "
                    "step", temperature=0.8, max_tokens=6000)

    def faq() -> dict[str, Any]:
        return chat(f"Draft the definitive FAQ on {words(rng, pool, 2)}, with at least ten questions and full "
                    "answers", temperature=0.8, max_tokens=6000)

    n = 0
    for net in NETS:
        for kind, count in (("main", 30), ("both", 4), ("rare", rare_writers)):
            for _ in range(count):
                times = sorted(T0 + rng.uniform(0, 160) * HOUR for _ in range(3))
                bodies = ([deep_dive() for _ in times] if kind == "main" else
                          [deep_dive(), faq(), faq()] if kind == "both" else [faq() for _ in times])
                run([(t, b, 40, 1800) for t, b in zip(times, bodies)], tenant=f"org_c{n:03d}{kind[0]}",
                    key=f"key_c{n:03d}", ip=f"{net}.{rng.randrange(256)}", ua=CLIENT, monitor=mon)
                n += 1
        for h in range(60):
            times = sorted(T0 + (d * 24 + 8 + rng.uniform(0, 12)) * HOUR for d in range(7) for _ in range(2))
            asks = [(t, chat(f"quick question about {words(rng, pool, 3)}", temperature=0.7, max_tokens=800), 30, 120)
                    for t in times]
            run(asks, tenant=f"org_h{net}-{h:02d}", key=f"key_h{net}-{h:02d}", ip=f"{net}.{h}", ua=CLIENT, monitor=mon)
    if customer:
        times = sorted(T0 + (d * 24 + 9 + rng.uniform(0, 8)) * HOUR for d in range(7) for _ in range(6))
        run([(t, faq(), 40, 1800) for t in times], tenant="org_writer", key="key_writer", ip=f"{NETS[0]}.250",
            ua="DocsWriter/2.1", monitor=mon)
    mon.finish()
    return mon


def _campaign_of(mon: Monitor, suffix: str) -> set[str]:
    """The linked accounts of one kind ("m", "b" or "r")."""
    return {t for c in mon.campaigns if c.score >= 0.7
            for t in c.tenants if t.startswith("org_c") and t.endswith(suffix)}


def test_the_few_writers_of_a_rare_template_join_the_campaign_their_ranges_hold() -> None:
    mon = _cloud_week()
    campaigns = [c for c in mon.campaigns if any(t.startswith("org_c") for t in c.tenants)]
    assert len(campaigns) == 1
    assert not any(t.startswith("org_h") for t in campaigns[0].tenants)
    assert len(_campaign_of(mon, "m")) == 120
    assert len(_campaign_of(mon, "b")) == 16
    assert len(_campaign_of(mon, "r")) == 12  # the three per range that write only the rarer template


def test_an_established_customer_writing_the_rare_template_is_not_placed_by_it() -> None:
    mon = _cloud_week(customer=True)
    assert len(_campaign_of(mon, "r")) == 12
    assert "org_writer" not in {t for c in mon.campaigns for t in c.tenants}


def test_a_rare_template_on_too_few_accounts_per_range_attaches_no_one() -> None:
    mon = _cloud_week(rare_writers=0)  # 4 per range: the rare template is no group on any range
    assert len(_campaign_of(mon, "b")) == 16
    assert len(_campaign_of(mon, "m")) == 120


def _linker_with(members: int, established: int = 0, outside: int = 0, ranges: int = 4,
                 net_size: int = 80) -> tuple[Linker, list[State], tuple[tuple[str, object], tuple[str, object]]]:
    """A content written by `members` accounts on each of `ranges` /24s of `net_size` accounts
    (the first `established` on the first range with a history of their own), and by `outside`
    accounts elsewhere."""
    linker = Linker()
    content = ("o", 42)
    states: list[State] = []
    for r in range(ranges):
        net = ("i", f"10.0.{r}")
        linker.infra_count[net] = net_size
        for m in range(members):
            tid = f"org_{r}_{m}"
            linker.infra_of[tid] = {net}
            linker.content_of[tid] = {content}
            linker.content_users[content].add(tid)
            linker.buckets[(content, net)].add(tid)
            st = State()
            st.n = 20 if r == 0 and m < established else 3
            st.first_ts = st.last_ts = T0
            if r == 0:
                states.append(st)
    for o in range(outside):
        tid = f"org_out{o}"
        linker.infra_of[tid] = {("i", f"10.9.{o}")}
        linker.content_users[content].add(tid)
    return linker, states, (content, ("i", "10.0.0"))


def test_a_few_throwaway_writers_on_a_shared_range_hold_rare_content_at_its_edges() -> None:
    def rare(**kw: int) -> bool:
        linker, states, bk = _linker_with(**kw)
        return linker._rare(bk, states)

    assert rare(members=5)  # 20 writers, all in groups of 5 (6% of each range)
    assert not rare(members=4)  # too few on the range (and 16 writers in all)
    assert not rare(members=6, ranges=3)  # 18 writers in all: too few for a crowd
    assert rare(members=5, established=2)  # three of five throwaway
    assert not rare(members=5, established=3)  # most have a history of their own
    assert not rare(members=5, outside=6)  # 20 of 26 writers grouped: under 80%
    assert rare(members=5, outside=5)  # 20 of 25: 80%
    assert not rare(members=5, ranges=7)  # a range holds under a sixth of the 35 grouped writers
    assert rare(members=5, ranges=6)  # 5 of 30: a sixth
    assert not rare(members=5, net_size=101)  # under 5% of the range
    assert rare(members=5, net_size=100)
