"""A relay campaign: accounts used one after another, each for one sitting, on carrier networks
that honest users share, with a client whose temperature the operation varies per account. Its
hours never crowd together, so its rare template on its own client links it once the accounts
are spent (a sitting of a few hours, then a day of silence); accounts that come back are linked
without that rarity, by the template that is the operation's own on its client, every account
harvesting (`linker._OWN_HARVEST`), as they are by their rotation over the carriers' networks
(`campaigns.ROTATES_ADDRESS`)."""

from __future__ import annotations

import random
from typing import Any

from gatehouse.monitor.engine import Monitor
from gatehouse.monitor.linker import Linker
from gatehouse.monitor.state import State
from tests.monitor.helpers import T0, chat, run, vocab, words

HOUR = 3600.0
CLIENT = "okhttp/4.12.0"
NETS = ["100.72.18", "106.212.77", "110.226.15", "174.205.12"]


def _task(rng: random.Random, pool: list[str], temperature: float) -> dict[str, Any]:
    tools = [{"type": "function", "function": {"name": f"{w}_{rng.randrange(10**6)}", "parameters": {"type": "object"}}}
             for w in rng.sample(pool, 3)]
    return chat(f"Investigate why {words(rng, pool, 2)} failed for job {rng.randrange(10**5)} and fix it. "
                "Narrate your plan and each action you take.", tools=tools, max_tokens=2048, temperature=temperature)


def _relay_week(accounts: int = 60, second_sitting: bool = False) -> Monitor:
    """`accounts` accounts, each used for a two-hour sitting of 15 tool-use tasks, one after another
    over the week (with `second_sitting`, each comes back two days later for another), at two of
    three temperatures each, on four carrier /24s where 320 honest users chat daily from an app."""
    rng = random.Random(21)
    pool = vocab(rng, 3000)
    mon = Monitor()
    for a in range(accounts):
        start = a * 2.6
        temps = rng.sample([0.6, 0.8, 1.0], 2)
        sittings = [start, start + 48.0] if second_sitting else [start]
        times = sorted(T0 + (s + rng.uniform(0, 2)) * HOUR for s in sittings for _ in range(15))
        reqs = [(t, _task(rng, pool, temps[i % 2]), 400, 1800) for i, t in enumerate(times)]
        run(reqs, tenant=f"org_r{a:02d}", key=f"key_r{a:02d}", ip=[f"{rng.choice(NETS)}.{rng.randrange(256)}" for _ in reqs],
            ua=CLIENT, monitor=mon)
    for h in range(320):
        times = sorted(T0 + (d * 24 + 8 + rng.uniform(0, 14)) * HOUR for d in range(7) for _ in range(3))
        reqs = [(t, chat(f"so what do you think about {words(rng, pool, 3)}", temperature=0.7), 30, 150) for t in times]
        run(reqs, tenant=f"org_h{h:03d}", key=f"key_h{h:03d}", ip=f"{NETS[h % 4]}.{h % 250}", ua="ShopApp/5.2 (Android)",
            monitor=mon)
    mon.finish()
    return mon


def test_a_relay_of_spent_accounts_on_its_own_client_is_linked() -> None:
    mon = _relay_week()
    (relay,) = [c for c in mon.campaigns if any(t.startswith("org_r") for t in c.tenants)]
    assert set(relay.tenants) == {f"org_r{a:02d}" for a in range(60)}
    assert relay.score >= 0.9


def test_accounts_that_come_back_are_not_spent_and_their_template_is_not_rare() -> None:
    mon = _relay_week(second_sitting=True)
    assert not mon.linker.rare
    # established accounts writing the operation's own template on its client, every one of them
    # harvesting: that links them without their template's rarity (so would their rotation over
    # four carrier networks, `test_rotating_address`), and no carrier's /24 is theirs
    (relay,) = mon.campaigns
    assert set(relay.tenants) == {f"org_r{a:02d}" for a in range(60)}
    assert "user agent and parameters" in relay.evidence[0] and "/24 network" not in relay.evidence[0]


def test_a_spent_account_is_one_sitting_of_six_hours_then_a_day_of_silence() -> None:
    linker = Linker()
    linker.now = T0 + 100 * HOUR

    def spent(n: int, hours: float, idle: float) -> bool:
        st = State()
        st.n, st.last_ts = n, linker.now - idle * HOUR
        st.first_ts = st.last_ts - hours * HOUR
        return linker._spent(st)

    assert spent(49, 6.0, 24.0)
    assert not spent(50, 6.0, 24.0)  # a history of its own
    assert not spent(49, 6.01, 24.0)  # more than one sitting
    assert not spent(49, 6.0, 23.99)  # it may come back yet


def test_members_holding_half_of_a_network_are_on_their_own_network() -> None:
    linker = Linker()
    net = ("i", "198.51.100")
    members = [f"org_m{i}" for i in range(10)]
    for m in members:
        linker.infra_of[m] = {net, ("u", CLIENT + "|t=0.6")}
    linker.infra_count[net] = 20
    assert linker._on_own_network(members)  # 10 of its 20 accounts: an organization's, judged as one
    linker.infra_count[net] = 21
    assert not linker._on_own_network(members)
