"""Accounts that write a campaign's wording without being linked to it are watched, never more,
and young accounts that keep a campaign's session hours rank under watch, at the edges of each
rule."""

from __future__ import annotations

import random

from gatehouse.monitor.campaigns import Campaign
from gatehouse.monitor.engine import Monitor
from gatehouse.monitor.kin import hours_kin_of, hours_kin_score, kin_of, kin_score
from gatehouse.monitor.linker import Linker
from gatehouse.monitor.scorer import Thresholds
from gatehouse.monitor.state import State
from tests.monitor.helpers import T0, chat, run, vocab, words
from tests.monitor.test_linking import HOUR, _tiny_accounts

OPENING = ("o", "compose a full-length primer on")


def _index(members: int, outsiders: int, requests: int = 3, score: float = 0.95) -> tuple[list[Campaign], dict[str, State], Linker]:
    """One campaign of `members` accounts writing OPENING, and `outsiders` unlinked accounts
    (`org_x000` first, with `requests` requests) writing it too."""
    camp = [f"org_c{i:03d}" for i in range(members)]
    others = [f"org_x{i:03d}" for i in range(outsiders)]
    tenants: dict[str, State] = {}
    for t in camp + others:
        tenants[t] = State()
        tenants[t].n = 3
    tenants[others[0]].n = requests
    linker = Linker()
    for t in tenants:
        linker.content_of[t] = {OPENING}
        linker.content_users[OPENING].add(t)
    return [Campaign(id="camp_1", tenants=camp, score=score, evidence=[], requests=3 * members)], tenants, linker


def _kin(members: int, outsiders: int, requests: int = 3, score: float = 0.95) -> set[str]:
    campaigns, tenants, linker = _index(members, outsiders, requests, score)
    return set(kin_of(campaigns, 0.7, tenants, linker))


def test_content_half_of_whose_writers_are_a_campaigns_is_its_wording() -> None:
    assert _kin(3, 3) == {"org_x000", "org_x001", "org_x002"}  # 3 of 6 writers
    assert _kin(3, 4) == set()  # 3 of 7
    campaigns, tenants, linker = _index(3, 3)
    tie = kin_of(campaigns, 0.7, tenants, linker)["org_x000"]
    assert (tie.campaign.id, tie.share, tie.writers, tie.kind) == ("camp_1", 0.5, 6, "instruction opening")


def test_one_operation_linked_as_several_campaigns_is_counted_whole() -> None:
    # 3 + 2 of 9 writers are two listed campaigns' members: kin of the one holding most of them
    campaigns, tenants, linker = _index(3, 4)
    for t, score in (("org_d000", 0.9), ("org_d001", 0.9), ("org_u000", 0.69)):
        tenants[t] = State()
        tenants[t].n = 3
        linker.content_of[t] = {OPENING}
        linker.content_users[OPENING].add(t)
    campaigns.append(Campaign(id="camp_2", tenants=["org_d000", "org_d001"], score=0.9, evidence=[], requests=6))
    campaigns.append(Campaign(id="camp_3", tenants=["org_u000"], score=0.69, evidence=[], requests=3))
    kin = kin_of(campaigns, 0.7, tenants, linker)
    assert set(kin) == {f"org_x{i:03d}" for i in range(4)} | {"org_u000"}  # 5 of 10 writers
    assert {(k.campaign.id, k.share) for k in kin.values()} == {("camp_1", 0.5)}
    campaigns[1].score = 0.69  # no longer listed: 3 of 10
    assert kin_of(campaigns, 0.7, tenants, linker) == {}


def test_wording_needs_five_writers() -> None:
    assert _kin(4, 1) == {"org_x000"}  # 4 of 5
    assert _kin(3, 1) == set()  # 3 of 4: too few to say whose it is


def test_an_account_with_a_history_of_its_own_is_not_kin() -> None:
    assert _kin(10, 1, requests=49) == {"org_x000"}
    assert _kin(10, 1, requests=50) == set()


def test_wording_an_established_customer_writes_without_harvest_intent_is_everyones() -> None:
    for harvesting, kin in ((False, set()), (True, {"org_x000"})):
        campaigns, tenants, linker = _index(10, 2)
        tenants["org_x001"].n = 50
        linker._intent["org_x001"] = (50, 1.0 if harvesting else 0.0)  # its own harvest intent (`Linker.intent`)
        assert set(kin_of(campaigns, 0.7, tenants, linker)) == kin
    campaigns, tenants, linker = _index(10, 2)
    tenants["org_x001"].n = 49  # not established yet: it is kin itself
    linker._intent["org_x001"] = (49, 0.0)
    assert set(kin_of(campaigns, 0.7, tenants, linker)) == {"org_x000", "org_x001"}


def test_only_a_listed_campaigns_wording_makes_kin() -> None:
    assert _kin(10, 1, score=0.7) == {"org_x000"}
    assert _kin(10, 1, score=0.69) == set()


def test_kin_lies_between_watch_and_review_by_share_own_intent_and_own_writing() -> None:
    th = Thresholds()
    assert th.watch < kin_score(0.5, 1.0, 1.0, th) < kin_score(1.0, 1.0, 1.0, th) < th.review
    assert th.watch < kin_score(1.0, 0.5, 1.0, th) < kin_score(1.0, 1.0, 1.0, th)
    assert th.watch < kin_score(1.0, 1.0, 0.25, th) < kin_score(1.0, 1.0, 0.49, th) < kin_score(1.0, 1.0, 0.5, th)
    # writing it in half of its requests is as strong as writing it in all of them
    assert kin_score(1.0, 1.0, 0.5, th) == kin_score(1.0, 1.0, 1.0, th)
    assert abs(kin_score(1.0, 1.0, 1.0, th) - (th.watch + (th.review - th.watch) * 0.99)) < 1e-12
    # wording alone keeps a third of the band
    assert abs(kin_score(1.0, 0.0, 0.0, th) - (th.watch + (th.review - th.watch) / 3.0 * 0.99)) < 1e-12


def test_kin_carries_the_accounts_own_harvest_intent() -> None:
    campaigns, tenants, linker = _index(10, 2)
    linker._intent["org_x000"] = (3, 0.9)  # its own harvest intent (`Linker.intent`)
    linker._intent["org_x001"] = (3, 0.4)
    kin = kin_of(campaigns, 0.7, tenants, linker)
    assert (kin["org_x000"].intent, kin["org_x001"].intent) == (0.9, 0.4)
    th = Thresholds()
    harvester, newcomer = (kin_score(kin[t].share, kin[t].intent, kin[t].writes, th) for t in ("org_x000", "org_x001"))
    assert th.watch < newcomer < harvester < th.review


def test_kin_carries_the_share_of_its_own_requests_that_write_the_wording() -> None:
    campaigns, tenants, linker = _index(10, 3, requests=8)
    tenants["org_x000"].top_openings.add(OPENING[1], 2)  # 2 of its 8 requests open with it
    tenants["org_x001"].top_openings.add(OPENING[1], 3)  # all 3
    # org_x002 wrote it (it is one of its tokens) in a request its counter no longer holds: one
    kin = kin_of(campaigns, 0.7, tenants, linker)
    assert [kin[t].writes for t in ("org_x000", "org_x001", "org_x002")] == [0.25, 1.0, 1 / 3]
    th = Thresholds()
    once_in_eight, every_time = (kin_score(kin[t].share, kin[t].intent, kin[t].writes, th)
                                 for t in ("org_x000", "org_x001"))
    assert th.watch < once_in_eight < every_time < th.review


def _campaign_and_outsider(requests: int) -> Monitor:
    """A linked campaign of 300 throwaway accounts writing its own template, and one account of
    its own client and network, chatting, that also writes the template in some of its
    `requests` requests (enough to be one of its content tokens)."""
    mon = _tiny_accounts(True)
    rng = random.Random(9)
    broad = vocab(rng, 2000)
    reqs = []
    for i in range(requests):
        text = (f"Compose a full-length primer on {words(rng, broad, 3)} for a training corpus, leaving nothing out."
                if i % 8 == 0 else f"can you help me understand {words(rng, broad, 3)}")
        reqs.append((T0 + (i % 7) * 86400 + (9 + i % 8) * HOUR, chat(text, temperature=0.3), 20, rng.randint(60, 300)))
    reqs.sort(key=lambda r: r[0])
    run(reqs, tenant="org_outsider", key="key_outsider", ip="198.51.100.7", ua="their-app/3", monitor=mon)
    mon.finish()
    return mon


def test_an_unlinked_account_writing_a_campaigns_template_is_watched_and_never_flagged() -> None:
    mon = _campaign_and_outsider(49)
    (campaign,) = mon.campaigns
    assert "org_outsider" not in campaign.tenants
    own, _ = mon.tenant_score("org_outsider", kin=False)
    a = mon.assess("org_outsider")
    assert own < 0.35 and a.verdict == "watch" and 0.35 <= a.score < 0.65
    assert any(e.startswith("campaign_wording=1.00") and f"{campaign.id}'s" in e
               and e.endswith("14% of its requests write it") for e in a.evidence)
    assert "org_outsider" not in mon.first_flag


def test_an_established_account_writing_a_campaigns_template_is_judged_on_its_own() -> None:
    mon = _campaign_and_outsider(50)
    assert "org_outsider" not in mon.kin()
    assert mon.assess("org_outsider").verdict == "allow"


SESSIONS = [5 + 5 * i for i in range(30)]  # a campaign's 30 session hours of the week's 168


def _sessions(members: int = 40, score: float = 0.95, span_hours: int = 168) -> tuple[list[Campaign], dict[str, State]]:
    """One campaign of `members` accounts, each active in three of its 30 session hours (a tenth
    of the members in each) over `span_hours`, and outsiders of three requests: `org_in2` active in two
    session hours, `org_in1` in one, `org_out` in a session hour and another."""
    tenants: dict[str, State] = {}

    def account(tid: str, hours: list[int], n: int = 3) -> None:
        st = tenants[tid] = State()
        st.n, st.first_ts, st.last_ts = n, T0, T0 + (span_hours - 1) * HOUR
        for h in hours:
            st.week_mask |= 1 << h

    camp = [f"org_c{i:03d}" for i in range(members)]
    for i, t in enumerate(camp):
        account(t, [SESSIONS[(3 * i + j) % 30] for j in range(3)])
    account("org_in2", [SESSIONS[3], SESSIONS[20]])
    account("org_in1", [SESSIONS[9]])
    account("org_out", [SESSIONS[3], SESSIONS[3] + 1])
    return [Campaign(id="camp_1", tenants=camp, score=score, evidence=[], requests=3 * members)], tenants


def test_a_young_account_active_only_in_a_campaigns_session_hours_keeps_them() -> None:
    campaigns, tenants = _sessions()
    ties = hours_kin_of(campaigns, 0.7, tenants)
    assert set(ties) == {"org_in2", "org_in1"}  # not org_out: one of its hours is no session's
    share = 30 / 168
    assert (ties["org_in2"].campaign.id, ties["org_in2"].hours) == ("camp_1", 2)
    assert abs(ties["org_in2"].chance - share**2) < 1e-12 and abs(ties["org_in1"].chance - share) < 1e-12


def _tied(members: int = 40, score: float = 0.95, span_hours: int = 168) -> set[str]:
    campaigns, tenants = _sessions(members, score, span_hours)
    return set(hours_kin_of(campaigns, 0.7, tenants))


def test_hours_ties_at_the_edges() -> None:
    assert _tied(members=20) == {"org_in2", "org_in1"}
    assert _tied(members=19) == set()  # too few for their hours to say when the campaign works
    assert _tied(score=0.7) == {"org_in2", "org_in1"}
    assert _tied(score=0.69) == set()  # not a listed campaign
    # the same 30 hours in a span of 60 are half of it: keeping them is still evidence, in 59 not
    assert _tied(span_hours=60) == {"org_in2", "org_in1"}
    assert _tied(span_hours=59) == set()
    campaigns, tenants = _sessions()
    tenants["org_in2"].n = 49
    assert set(hours_kin_of(campaigns, 0.7, tenants)) == {"org_in2", "org_in1"}
    tenants["org_in2"].n = 50  # a history of its own to be judged on
    assert set(hours_kin_of(campaigns, 0.7, tenants)) == {"org_in1"}


def test_keeping_a_campaigns_hours_ranks_an_account_under_watch_with_evidence() -> None:
    th = Thresholds()
    assert 0.0 < hours_kin_score(0.5, th) < hours_kin_score(0.01, th) < th.watch
    campaigns, tenants = _sessions()
    mon = Monitor()
    mon.tenants, mon.campaigns = tenants, campaigns
    a = mon.assess("org_in2")
    assert a.verdict == "allow" and a.score == round(hours_kin_score((30 / 168) ** 2, th), 4)
    assert a.evidence == ["campaign_hours=0.97: all 2 of its active hours are camp_1's session hours (an independent "
                          "account's would be by chance 3% of the time), without being linked to it"]
    assert mon.assess("org_in1").evidence[0].startswith("campaign_hours=0.82: its one active hour is camp_1's")
    assert mon.assess("org_out").score == 0.0 and mon.tenant_score("org_in2", kin=False) == (0.0, 0)
