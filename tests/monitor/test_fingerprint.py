"""A campaign's fingerprint: the client most of its accounts carry, and a proxy operation's
rotation; members that break one are told apart, at the edges of each rule."""

from __future__ import annotations

from gatehouse.monitor.campaigns import Campaign
from gatehouse.monitor.engine import Monitor
from gatehouse.monitor.features import from_body
from gatehouse.monitor.fingerprint import ANOTHER_CLIENT, SETTLED_ADDRESS, addressing, atypical_members
from gatehouse.monitor.state import State
from tests.monitor.helpers import T0, chat

OWN = "tally-api/2.8"


def _account(ua: str, ips: list[str], temperature: float = 0.7, max_tokens: int = 350) -> State:
    """One account's requests, one per address in `ips`."""
    s = State()
    for i, ip in enumerate(ips):
        body = chat(f"write about topic {i}", temperature=temperature, max_tokens=max_tokens)
        s.observe(from_body(ts=T0 + i * 60.0, tenant="t", key="k", rid=str(i), body=body, ip=ip, ua=ua))
    return s


def _own(i: int, requests: int = 3) -> State:
    return _account(OWN, [f"203.0.{i}.{j + 1}" for j in range(requests)])


def _other(i: int, requests: int = 3) -> State:
    """A client and parameters no one else carries."""
    return _account(f"app-{i}/1.0", [f"198.51.{i}.{j + 1}" for j in range(requests)],
                    temperature=0.1 + i / 100, max_tokens=1000 + i)


def _proxied(i: int, requests: int = 3) -> State:
    return _account(f"client-{i}/1.0", [f"{20 + i}.{j}.{i}.9" for j in range(requests)],
                    temperature=0.1 + i / 100, max_tokens=1000 + i)


def _members(states: list[State]) -> list[tuple[str, State]]:
    return [(f"org_{i:03d}", s) for i, s in enumerate(states)]


def test_addressing_of_one_account() -> None:
    assert addressing(_account(OWN, ["203.0.1.1"])) is None  # one request shows nothing
    assert addressing(_account(OWN, ["203.0.1.1", "203.0.1.2", "203.0.1.3"])) == "settled"  # one /24
    assert addressing(_account(OWN, ["1.1.1.1", "2.2.2.2"])) == "churn"
    assert addressing(_account(OWN, ["1.1.1.1", "1.1.1.2", "2.2.2.2", "3.3.3.3"])) == "churn"  # half on one
    assert addressing(_account(OWN, ["1.1.1.1", "1.1.1.2", "2.2.2.2"])) is None  # mostly one, not all
    # two networks it returns to (a home and a phone): two requests or more through each, `_STICKY`
    # or more through one
    assert addressing(_account(OWN, ["1.1.1.1"] * 3 + ["2.2.2.2"] * 2)) == "settled"
    assert addressing(_account(OWN, ["1.1.1.1", "2.2.2.2"] * 3)) == "settled"
    assert addressing(_account(OWN, ["1.1.1.1", "2.2.2.2"] * 2)) == "churn"  # two each: a sticky rotation's too
    assert addressing(_account(OWN, ["1.1.1.1"] * 3 + ["2.2.2.2"])) is None  # the second seen once
    assert addressing(_account(OWN, ["1.1.1.1"] * 3 + ["2.2.2.2", "3.3.3.3"])) is None  # three networks


def test_two_requests_through_one_address_show_no_settled_network() -> None:
    """A rotating pool, or a sticky session of one, gives two requests one exit address as readily
    as a home network does: two addresses of one /24 show a network, and so does a third request
    through the one address."""
    assert addressing(_account(OWN, ["203.0.1.7", "203.0.1.7"])) is None
    assert addressing(_account(OWN, ["203.0.1.7", "203.0.1.8"])) == "settled"
    assert addressing(_account(OWN, ["203.0.1.7"] * 3)) == "settled"


def test_members_off_the_campaigns_own_client_are_told_apart() -> None:
    members = _members([_own(i) for i in range(38)] + [_other(100), _other(101)])
    assert atypical_members(members) == {"org_038": ANOTHER_CLIENT, "org_039": ANOTHER_CLIENT}


def test_a_member_of_one_request_breaks_no_fingerprint() -> None:
    """One request shows the parameters of one task and no addressing: too little to say the
    account does not send like the operation."""
    members = _members([_own(i) for i in range(38)] + [_other(100, requests=1), _other(101, requests=2)])
    assert atypical_members(members) == {"org_039": ANOTHER_CLIENT}


def test_a_client_is_a_fingerprint_from_four_fifths_of_the_members() -> None:
    holds = _members([_own(i) for i in range(24)] + [_other(100 + i) for i in range(6)])
    assert set(atypical_members(holds)) == {f"org_{i:03d}" for i in range(24, 30)}
    short = _members([_own(i) for i in range(23)] + [_other(100 + i) for i in range(7)])
    assert atypical_members(short) == {}


def test_a_handful_of_accounts_has_no_fingerprint() -> None:
    assert atypical_members(_members([_own(i) for i in range(28)] + [_other(100)])) == {}
    assert atypical_members(_members([_own(i) for i in range(29)] + [_other(100)])) == {"org_029": ANOTHER_CLIENT}


def test_a_client_that_a_twentieth_of_the_members_carry_is_the_operations() -> None:
    # 60 members: a client carried by 3 (5%) is one of the operation's, by 2 it is not
    def week(outsiders: int) -> dict[str, str]:
        rest = [_account("second-kit/0.1", [f"192.0.{i}.1"] * 3, 0.2, 777) for i in range(outsiders)]
        return atypical_members(_members([_own(i) for i in range(60 - outsiders)] + rest))

    assert week(3) == {}
    assert set(week(2)) == {"org_058", "org_059"}


def test_a_settled_member_of_a_rotating_campaign_is_told_apart() -> None:
    # every account its own client: no client fingerprint, but each takes a new network per request
    members = _members([_proxied(i) for i in range(40)] + [_other(100), _other(101, requests=1)])
    assert atypical_members(members) == {"org_040": SETTLED_ADDRESS}  # one request says nothing


def test_a_member_seen_twice_through_one_exit_keeps_a_rotating_campaigns_fingerprint() -> None:
    def through_one_exit(i: int, requests: int) -> State:
        return _account(f"app-{i}/1.0", [f"198.51.{i}.9"] * requests, temperature=0.1 + i / 100,
                        max_tokens=1000 + i)

    members = _members([_proxied(i) for i in range(40)] + [through_one_exit(100, 2), through_one_exit(101, 3)])
    assert atypical_members(members) == {"org_041": SETTLED_ADDRESS}


def test_a_member_returning_to_two_networks_is_told_apart_from_a_rotating_campaign() -> None:
    """A phone on two carrier ranges, back and forth: not a proxy's new network per request."""
    def home_and_phone(i: int, requests: int) -> State:
        return _account(f"app-{i}/1.0", [f"100.64.{i}.9", f"172.56.{i}.9"] * (requests // 2) + [f"100.64.{i}.9"]
                        * (requests % 2), temperature=0.1 + i / 100, max_tokens=1000 + i)

    members = _members([_proxied(i) for i in range(40)] + [home_and_phone(100, 4), home_and_phone(101, 5)])
    assert atypical_members(members) == {"org_041": SETTLED_ADDRESS}  # two through each is a sticky rotation's too


def test_rotation_is_a_fingerprint_from_four_fifths_of_the_accounts_that_show_it() -> None:
    holds = _members([_proxied(i) for i in range(32)] + [_other(100 + i) for i in range(8)])
    assert set(atypical_members(holds)) == {f"org_{i:03d}" for i in range(32, 40)}
    short = _members([_proxied(i) for i in range(31)] + [_other(100 + i) for i in range(9)])
    assert atypical_members(short) == {}


def test_accounts_that_each_keep_their_own_address_have_no_rotation_to_break() -> None:
    members = _members([_other(i) for i in range(40)] + [_proxied(100)])
    assert atypical_members(members) == {}


def test_a_member_that_rotates_like_a_rotating_operation_is_its_own_whatever_its_client() -> None:
    def rotating_own(i: int) -> State:
        return _account(OWN, [f"{20 + i}.{j}.{i}.9" for j in range(3)])

    rotating = _members([rotating_own(i) for i in range(36)] + [_proxied(100), _proxied(101), _other(102), _other(103)])
    assert atypical_members(rotating) == {"org_038": ANOTHER_CLIENT, "org_039": ANOTHER_CLIENT}
    settled = _members([_own(i) for i in range(36)] + [_proxied(100), _proxied(101), _other(102), _other(103)])
    assert set(atypical_members(settled)) == {"org_036", "org_037", "org_038", "org_039"}


def test_a_member_off_the_fingerprint_is_held_under_block_for_an_analyst() -> None:
    mon = Monitor()
    camp = Campaign(id="camp_x", tenants=["org_a", "org_b"], score=0.99, evidence=[], requests=400, split=0.1,
                    atypical={"org_b": ANOTHER_CLIENT})
    mon.campaigns, mon.campaign_of = [camp], {"org_a": camp, "org_b": camp}
    assert camp.score_of("org_b") > mon.settings.thresholds.block  # the pooled traffic alone would block
    assert mon.assess("org_a").verdict == "block"
    held = mon.assess("org_b")
    assert held.verdict == "review" and held.score < mon.settings.thresholds.block
    assert any(e.startswith("off_fingerprint:") and e.endswith("held under block") for e in held.evidence)
    camp.split = 3.0  # the pooled traffic alone scores under block: nothing to hold
    assert mon.tenant_score("org_b")[0] == camp.score_of("org_b") < mon.settings.thresholds.block
