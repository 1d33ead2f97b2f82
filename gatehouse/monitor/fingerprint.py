"""A campaign's operational fingerprint, and the members that do not send like the rest.

An operation runs its accounts from one toolkit: most of them carry the same client (a user
agent or parameter signature of its own), and a proxy operation's accounts take a new network
per request. Wording can also link an outsider who writes the same phrases, such as an honest
trial account drawing on the same public prompt collection, but that account sends with its
own client from its own address. A dimension is a fingerprint only when at least `_HOLDS` of
the members that can show it agree on it, and only in a campaign of at least `_MIN_MEMBERS`
(a handful of accounts shows no shape). A member that keeps the rotation of a rotating
operation is its own whatever client it carries. A member that breaks a fingerprint stays
linked, but the split's log-odds (what many accounts sharing one operation's traffic say) do
not speak for it (`Campaign.score_of`), and the monitor holds it under block for an analyst. A
member of a single request shows one task's parameters and no addressing, too little to break a
fingerprint (`_SHOWS`): an operation's harvest and its cover chat differ in their parameters, so a
throwaway account that sent one harvest request carries none of the client its cover shows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from gatehouse.monitor.state import State

__all__ = ["ANOTHER_CLIENT", "SETTLED_ADDRESS", "addressing", "atypical_members"]

_MIN_MEMBERS = 30
_HOLDS = 0.8
_SHOWS = 2  # requests a member needs before it can break a fingerprint
# requests through one address before they show a settled network: a rotating pool, or a sticky
# session of one, gives two requests one exit as readily as a home does
_STICKY = 3
_CLIENT_SHARE = 0.05  # a user agent or parameter signature this share of the members carry is the operation's

ANOTHER_CLIENT = "sends with a client few of its accounts use"
SETTLED_ADDRESS = "sends from one network while its accounts take a new one per request"


def addressing(s: State) -> str | None:
    """"settled" (every request from one /24, or from two that each carry two or more, `_STICKY`
    or more through one of them: a home and a phone it returns to), "churn" (no /24 carries more
    than half of them), or None (a single request, or between the two). Fewer than `_STICKY`
    requests through one address say neither."""
    counts = s.top_ip.counts
    if s.n < 2 or not counts:
        return None
    top = max(counts.values())
    if top == s.n:
        return "settled" if s.hosts > 1 or s.n >= _STICKY else None
    if len(counts) == 2 and top >= _STICKY and min(counts.values()) >= 2 and sum(counts.values()) == s.n:
        return "settled"
    return "churn" if 2 * top <= s.n else None


def atypical_members(members: Sequence[tuple[str, State]]) -> dict[str, str]:
    """Each member that breaks one of the campaign's fingerprints, with the reason."""
    if len(members) < _MIN_MEMBERS:
        return {}
    uas: Counter[object] = Counter()
    params: Counter[object] = Counter()
    for _, s in members:
        uas.update(s.top_ua.counts.keys())
        params.update(s.top_param.counts.keys())
    need = max(2.0, _CLIENT_SHARE * len(members))
    own_uas = {ua for ua, k in uas.items() if k >= need}
    own_params = {p for p, k in params.items() if k >= need}
    on_client = {tid: not (own_uas.isdisjoint(s.top_ua.counts) and own_params.isdisjoint(s.top_param.counts))
                 for tid, s in members}
    client_holds = sum(on_client.values()) >= _HOLDS * len(members)
    how = {tid: addressing(s) for tid, s in members}
    shown = Counter(h for h in how.values() if h is not None)
    known = sum(shown.values())
    # only rotation is a fingerprint: accounts that each keep their own address are what anyone's look like
    rotates = known > 0 and shown["churn"] >= _HOLDS * known
    out: dict[str, str] = {}
    for tid, s in members:
        if s.n < _SHOWS:
            continue
        # a member that takes a new network per request like the rest is the operation's, whatever its client
        if client_holds and not on_client[tid] and not (rotates and how[tid] == "churn"):
            out[tid] = ANOTHER_CLIENT
        elif rotates and how[tid] == "settled":
            out[tid] = SETTLED_ADDRESS
    return out
