"""Campaigns and what linking reads of each account.

A `Campaign` is a group of tenants judged to act as one coordinated operation, with the score its
pooled traffic earns plus what splitting that traffic over many accounts says (`campaign_score`).
Linking reads each account's state as *content* tokens (instruction openings, template endings,
system prompt) and *infrastructure* tokens (/24 networks, user agent with parameters, billing
contact, a user agent or network changed per request), `tokens_of`; `linker` groups accounts by
the tokens they share, `grouping` turns what it found into campaigns, and `synchrony` says whether
accounts act in the same hours.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from gatehouse.monitor.scorer import lowered
from gatehouse.monitor.state import State

__all__ = ["KIND", "Campaign", "campaign_score", "keep_ids", "tokens_of", "split_client", "billing_domain", "Token",
           "Bucket", "TINY", "RARE_MIN", "INTENT_MIN", "SPLIT_MAX", "WORDING_ONLY", "ROTATES_AGENT", "ROTATES_ADDRESS",
           "ROTATING", "PUBLIC_MAIL"]

Token = tuple[str, object]
Bucket = tuple[Token, Token]

KIND = {"o": "instruction opening", "c": "template ending", "s": "system prompt", "i": "/24 network", "u": "user agent and parameters",
         "b": "billing contact", "d": "billing domain", "n": "billing domain",
         "a": "the same wording in the same hours",
         "w": "wording only throwaway accounts write", "r": "a new user agent per request",
         "p": "a new network per request"}
# infrastructure of an account that changes its user agent on most requests, or at all in the few
# requests of a throwaway account (under `TINY`; `tokens_of`)
ROTATES_AGENT: tuple[str, object] = ("r", "")
# infrastructure of an account that takes a new network per request: at least `_ROTATION_NETWORKS`
# /24s, none of them carrying half of its requests. That is a residential proxy's rotation; a
# person's home, office and phone are three networks (`tokens_of`). An established customer whose
# many users reach it from theirs carries it too, at any age: the linker places no one through
# everyday wording on it, and of accounts of `TINY` requests or more only those whose own traffic
# shows harvest intent.
ROTATES_ADDRESS: tuple[str, object] = ("p", "")
_ROTATION_NETWORKS = 4  # all that `State.top_ip` holds
# accounts hiding their client or their network: a bucket of their own kind (`linker`, `_place_rotating`)
ROTATING = frozenset({ROTATES_AGENT, ROTATES_ADDRESS})
# Wording alone: every account that uses a content token is one bucket too (a campaign whose accounts
# share no network, client or billing still writes from one prompt pool); see `density`.
WORDING_ONLY: tuple[str, object] = ("a", "")
# accounts with fewer requests are too small to judge on their own traffic (throwaway accounts)
TINY = 8
# a crowd: wording or a network shared by at least this many accounts (see `linker`)
RARE_MIN = 30
# harvest intent (`scorer.combine`) at which an account's own traffic agrees with a campaign's
INTENT_MIN = 0.35


@dataclass
class Campaign:
    id: str
    tenants: list[str]
    score: float
    evidence: list[str]
    requests: int
    split: float = 0.0  # the log-odds `score` adds to the pooled traffic's for the split (`campaign_score`)
    atypical: dict[str, str] = field(default_factory=dict)  # members off its fingerprint, and why (`fingerprint`)

    def score_of(self, tenant: str) -> float:
        """What the campaign says of one member: a member off its fingerprint scores the pooled
        traffic alone, without the split's log-odds."""
        return lowered(self.score, self.split) if tenant in self.atypical else self.score


def keep_ids(found: list[Campaign], earlier_id: Callable[[str], str | None]) -> list[Campaign]:
    """`found`, each campaign renamed to the id of the earlier campaign that held most of its members
    (`earlier_id` of a tenant, None for none), the largest overlaps first and each id given once, in
    the order `grouping.components` sorts them. A campaign is named after its least member, which
    changes whenever an account with a smaller name joins; an analyst's queue and the stored rosters
    follow one operation from pass to pass. A campaign that inherits no id keeps its own, with a
    suffix where a kept id is the same."""
    overlaps: list[tuple[int, int, str]] = []
    for i, c in enumerate(found):
        held = Counter(cid for t in c.tenants if (cid := earlier_id(t)) is not None)
        overlaps += [(-k, i, cid) for cid, k in held.items()]
    overlaps.sort()
    kept: dict[int, str] = {}
    taken: set[str] = set()
    for _, i, cid in overlaps:
        if i not in kept and cid not in taken:
            kept[i] = cid
            taken.add(cid)
    for i, c in enumerate(found):
        if i in kept:
            c.id = kept[i]
            continue
        own, k = c.id, 2
        while c.id in taken:
            c.id, k = f"{own}.{k}", k + 1
        taken.add(c.id)
    found.sort(key=lambda c: (-len(c.tenants), c.id))
    return found


# webmail domains say nothing about who is behind an account
PUBLIC_MAIL = frozenset({
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "ymail.com",
    "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de", "gmx.net", "web.de",
    "mail.com", "zoho.com", "yandex.ru", "yandex.com", "mail.ru", "qq.com", "163.com", "126.com", "sina.com",
    "naver.com", "daum.net", "rediffmail.com", "fastmail.com", "tutanota.com", "hey.com",
})


def billing_domain(bill: str) -> str:
    """The organization's mail domain of a billing contact ("" for none or a webmail domain)."""
    _, at, domain = bill.rpartition("@")
    return domain if at and domain and domain not in PUBLIC_MAIL else ""


def tokens_of(s: State) -> tuple[list[tuple[str, object]], list[tuple[str, object]]]:
    """(content tokens, infrastructure tokens) of one tenant's state."""
    floor = 1 if s.n <= 40 else max(2, int(0.05 * s.n))
    content: list[tuple[str, object]] = [("o", o) for o, c in s.top_openings.top(6) if c >= floor]
    content += [("c", o) for o, c in s.top_closings.top(4) if c >= floor]
    content += [("s", h) for h, c in s.top_sys.top(1) if c >= 0.3 * s.n]
    infra: list[tuple[str, object]] = [("i", ip) for ip, c in s.top_ip.top(2) if c >= 0.2 * s.n]
    ua = s.top_ua.top(1)
    params = [p for p, c in s.top_param.top(2) if c >= 0.3 * s.n]
    infra += [("u", f"{ua[0][0] if ua else ''}|{p}") for p in params]
    if ua and s.n >= 2 and (2 * ua[0][1] <= s.n or s.n < TINY and ua[0][1] < s.n):
        infra.append(ROTATES_AGENT)
    nets = s.top_ip.counts
    if len(nets) >= _ROTATION_NETWORKS and 2 * max(nets.values()) <= s.n:
        infra.append(ROTATES_ADDRESS)
    if s.bill:
        infra.append(("b", s.bill))
    return content, infra


def split_client(tok: Token) -> tuple[str, str]:
    """(user agent, parameters) of a client-signature token (`tokens_of` writes "agent|t=...")."""
    ua, _, params = str(tok[1]).rpartition("|t=")
    return ua, "t=" + params


# log-odds added to a campaign's pooled score per doubling of its accounts, and at most (reached at
# about 300 accounts): a pair of accounts adds little, a crowd of throwaway accounts a lot
_SPLIT = 0.3
SPLIT_MAX = 2.5


def campaign_score(pooled: float, accounts: int) -> tuple[float, float]:
    """(score, log-odds added): a campaign's pooled score raised by what splitting its traffic over
    `accounts` linked accounts says (`_SPLIT` per doubling, up to `SPLIT_MAX`)."""
    added = min(SPLIT_MAX, _SPLIT * math.log2(max(1, accounts)))
    return lowered(pooled, -added), added
