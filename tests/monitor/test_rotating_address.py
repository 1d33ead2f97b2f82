"""A campaign behind a residential proxy: each request of each account leaves from another
network, each account sends with a client of its own, at any hour of the week, in phrases that
honest newcomers write too. Taking a new network per request is infrastructure of its own kind
(`campaigns.ROTATES_ADDRESS`), as hiding the client is (`ROTATES_AGENT`): such accounts writing the
same content are a bucket without timing."""

from __future__ import annotations

import random
from typing import Any

from gatehouse.monitor import campaigns
from gatehouse.monitor.campaigns import tokens_of
from gatehouse.monitor.engine import Monitor
from gatehouse.monitor.features import from_body
from gatehouse.monitor.linker import Linker
from gatehouse.monitor.state import State
from tests.monitor.helpers import OPENINGS, T0, chat, freeform_ask, run, vocab, words

HOUR = 3600.0


def _ask(rng: random.Random, pool: list[str]) -> dict[str, Any]:
    return chat(freeform_ask(rng, pool), max_tokens=3000, temperature=0.8)


def _rotation(rng: random.Random, requests: int) -> list[str]:
    """An address on another /24 for each request."""
    return [f"{rng.randrange(11, 220)}.{rng.randrange(256)}.{rng.randrange(256)}.9" for _ in range(requests)]


def _networks(*nets: int) -> State:
    """An account of one request per entry, each from the /24 numbered by it."""
    s = State()
    for i, net in enumerate(nets):
        s.observe(from_body(ts=T0 + i * 60.0, tenant="t", key="k", rid=str(i), body=chat("hello"), ip=f"10.0.{net}.7"))
    return s


def rotates(*nets: int) -> bool:
    return campaigns.ROTATES_ADDRESS in tokens_of(_networks(*nets))[1]


def test_four_networks_none_carrying_half_of_an_accounts_requests_is_a_rotation() -> None:
    assert rotates(1, 2, 3, 4)
    assert rotates(1, 2, 3, 4, 5, 6, 7, 8, 9)  # the sketch holds four of them
    assert rotates(1, 1, 2, 3, 4, 5, 6, 7)  # no network carries more than half
    assert rotates(1, 1, 1, 1, 2, 3, 4, 5)  # half
    assert not rotates(1, 1, 1, 1, 1, 2, 3, 4, 5)  # over half: it has a network of its own
    # home, office and phone: three networks however many requests
    assert not rotates(1, 2, 3)
    assert not rotates(1, 2, 3, 1, 2, 3, 1, 2, 3)
    # at any age: a proxy operation's account of a few hundred requests rotates as its throwaways do
    assert rotates(*range(49))
    assert rotates(*range(300))


def _everyday(rng: random.Random, pool: list[str], tokens: int) -> dict[str, Any]:
    return chat(f"{rng.choice(OPENINGS[1:3])}, what do you make of {words(rng, pool, 3)} these days",
                max_tokens=tokens, temperature=0.7)


def _proxy_week(rotate: bool = True, app: bool = False, older: int = 0) -> Monitor:
    """150 accounts of four to seven long asks each at any hour, each account with a client of its
    own; with `rotate` each request leaves from another /24, else each account keeps one. Beside them,
    100 tiny honest accounts asking in the same phrases from a network each, and 30 honest people
    asking in them all week from their home, office and phone. With `app`, 200 people chat on their
    own networks opening with two of those phrases, and three accounts of a bring-your-own-key app
    ask for long answers the same way, 120 requests each, each request from one of its users'
    networks. `older` more of the operation's accounts send 60 to 90 asks each."""
    rng = random.Random(17)
    pool = vocab(rng, 3000)
    mon = Monitor()
    for a in range(200 if app else 0):
        reqs = [(T0 + (d * 48 + 10 + rng.uniform(0, 8)) * HOUR, _everyday(rng, pool, 300), 20, 150) for d in range(3)]
        run(reqs, tenant=f"org_e{a:03d}", key=f"key_e{a:03d}", ip=f"198.{18 + a % 2}.{a // 2}.5", ua="ChatApp/1.0",
            monitor=mon)
    for a in range(3 if app else 0):
        reqs = sorted((T0 + rng.uniform(0, 167) * HOUR, _everyday(rng, pool, 3000), 25, rng.randint(1200, 2900))
                      for _ in range(120))
        ips = _rotation(rng, len(reqs))
        run(reqs, tenant=f"org_b{a}", key=f"key_b{a}", ip=ips, ua="ByoKeyApp/2.4", monitor=mon)
    for a in range(150 + older):
        reqs = sorted((T0 + rng.uniform(0, 167) * HOUR, _ask(rng, pool), 25, rng.randint(1200, 2900))
                      for _ in range(rng.randint(4, 7) if a < 150 else rng.randint(60, 90)))
        proxied: str | list[str] = _rotation(rng, len(reqs)) if rotate else f"{40 + a % 100}.{a}.9.7"
        run(reqs, tenant=f"org_p{a:03d}", key=f"key_p{a:03d}", ip=proxied, ua=f"kit-{a}/1.0", monitor=mon)
    for a in range(100):
        start = rng.uniform(0, 160)
        reqs = sorted((T0 + (start + rng.uniform(0, 3)) * HOUR, _ask(rng, pool), 25, rng.randint(1200, 2900))
                      for _ in range(rng.randint(1, 4)))
        run(reqs, tenant=f"org_t{a:03d}", key=f"key_t{a:03d}", ip=f"172.23.{a}.5", ua=f"tool-{a}/2.0", monitor=mon)
    for a in range(30):
        reqs = sorted((T0 + (d * 24 + 9 + rng.uniform(0, 12)) * HOUR, _ask(rng, pool), 25, rng.randint(1200, 2900))
                      for d in range(7) for _ in range(2))
        homes = [f"172.{24 + k}.{a}.5" for k in range(3)]
        run(reqs, tenant=f"org_h{a:02d}", key=f"key_h{a:02d}", ip=[homes[i % 3] for i in range(len(reqs))],
            ua=f"app-{a}/3.1", monitor=mon)
    mon.finish()
    return mon


def test_accounts_taking_a_new_network_per_request_are_linked_by_the_content_they_share() -> None:
    mon = _proxy_week()
    assert len(mon.campaigns) == 1
    assert set(mon.campaigns[0].tenants) == {f"org_p{a:03d}" for a in range(150)}
    assert any("a new network per request" in e for e in mon.campaigns[0].evidence)
    # the same accounts each on a network of its own share nothing but everyday phrases
    assert not _proxy_week(rotate=False).campaigns


def test_the_operations_accounts_of_many_requests_are_linked_by_their_rotation_too() -> None:
    """Ten of the operation's accounts send 60 to 90 asks each, at any hour, each request from
    another network: too few for their own traffic to be sure of them, and hours tie them to no
    one. Their rotation does, as it does for the throwaway ones."""
    mon = _proxy_week(older=10)
    assert len(mon.campaigns) == 1
    assert set(mon.campaigns[0].tenants) == {f"org_p{a:03d}" for a in range(160)}


def test_a_rotating_network_links_no_one_by_everyday_wording() -> None:
    """An app's users reach it from many networks too: a bucket whose content most of its writers
    write elsewhere (`linker._COMMON`) places no one through a rotation."""
    mon = _proxy_week(app=True)
    assert len(mon.campaigns) == 1
    assert set(mon.campaigns[0].tenants) == {f"org_p{a:03d}" for a in range(150)}
    assert any(campaigns.ROTATES_ADDRESS in mon.linker.infra_of[f"org_b{a}"] for a in range(3))


def _bucket_week(writers: int) -> Linker:
    """`writers` rotating accounts (30 long asks each, enough to pool as distilling) write one opening
    of their own among 200 rotating accounts that write others: the bucket is under an eighth of the
    rotating population whatever its size."""
    rng = random.Random(5)
    pool = vocab(rng, 3000)
    mon = Monitor()
    for a in range(200 + writers):
        opening = "zq unusual opener" if a < writers else f"{rng.choice(OPENINGS)} {a % 40}"
        reqs = sorted((T0 + rng.uniform(0, 167) * HOUR,
                       chat(f"{opening}, {words(rng, pool, 6)}", max_tokens=3000, temperature=0.8), 25, 2500)
                      for _ in range(30 if a < writers else 8))
        ips = _rotation(rng, len(reqs))
        run(reqs, tenant=f"org_r{a:03d}", key=f"key_r{a:03d}", ip=ips, ua=f"kit-{a}/1.0", monitor=mon)
    mon.finish()
    return mon.linker


def test_ten_rotating_accounts_sharing_content_are_a_bucket_nine_are_not() -> None:
    def counts(writers: int) -> bool:
        linker = _bucket_week(writers)
        (bucket,) = [bk for bk in linker.buckets if bk[1] == campaigns.ROTATES_ADDRESS
                     and linker.buckets[bk] == {f"org_r{a:03d}" for a in range(writers)}]
        return bucket in linker.suspicious

    assert counts(10)
    assert not counts(9)


def _app_week(chatters: int) -> Linker:
    """Twelve young accounts of a bring-your-own-key app (twenty asks each, each from one of its
    users' networks), which pool past watch and short of distilling, opening with a phrase that
    `chatters` people chatting from their own networks also open with."""
    rng = random.Random(3)
    pool = vocab(rng, 3000)
    mon = Monitor()

    def ask(tokens: int) -> dict[str, Any]:
        return chat(f"right so basically, what do you make of {words(rng, pool, 3)}", max_tokens=tokens, temperature=0.7)

    for a in range(12):
        reqs = sorted((T0 + rng.uniform(0, 167) * HOUR, ask(2000), 25, 200) for _ in range(20))
        run(reqs, tenant=f"org_b{a:02d}", key=f"key_b{a:02d}", ip=_rotation(rng, len(reqs)), ua="ByoKeyApp/2.4",
            monitor=mon)
    for a in range(chatters):
        reqs = [(T0 + (d * 48 + 10 + rng.uniform(0, 8)) * HOUR, ask(300), 20, 150) for d in range(3)]
        run(reqs, tenant=f"org_e{a:02d}", key=f"key_e{a:02d}", ip=f"198.18.{a}.5", ua="ChatApp/1.0", monitor=mon)
    mon.finish()
    return mon.linker


def test_a_rotating_network_leans_only_through_wording_of_its_own() -> None:
    def leans(chatters: int) -> bool:
        linker = _app_week(chatters)
        (bucket,) = [bk for bk in linker.buckets if bk[1] == campaigns.ROTATES_ADDRESS and bk[0][0] == "o"]
        assert bucket not in linker.suspicious
        return bucket in linker.leaning

    assert leans(0)
    assert leans(12)  # the twelve are half of its writers
    assert not leans(13)  # most of its writers chat elsewhere (`linker._COMMON`)
