"""Accounts that write a campaign's wording but were not linked to it: put on watch, never more.

Linking places an account only on corroborated evidence (shared infrastructure, shared hours, a
throwaway crowd that pools as distilling). A campaign's tiny accounts that were spared all of it
(a residential address each, an SDK each, requests at any hour) still write the campaign's
phrases, and on their own few requests they look like any trial account. Content that at least
half of its writers (`_SHARE`, and at least `_WRITERS` of them) write as members of listed
campaigns is campaign wording: an account outside them that writes it too is *kin* of the one
that holds most of those writers (one operation is often linked as several groups that no rule
merged, each holding a part of its phrase pool's writers). Wording is all that ties it, and
honest newcomers draw on the same public prompt collections, so kin is only ever watched: its
score lies between the watch and review thresholds, by the share, a third of that band as the
account's own harvest intent rises and a third as more of its own requests write the content
(`kin_score`). A newcomer who took a phrase from a public collection asks for what its work needs
and writes the phrase once among requests of its own; a campaign's tiny accounts ask for long
reasoning or samples on every request, and write the campaign's phrases in most of their few
requests (the rest is its cover chat). The more requests an honest account sends, the likelier one
of them meets a popular phrase, so one such request among many says less than one of two. An
account with `_ESTABLISHED` requests or more has a history of its own to be judged on, and content
that such an account writes without harvest intent of its own is everyone's wording, not a
campaign's (a campaign's cover chat, the openings every chat user writes).

A campaign's tiny accounts that sent only its cover chat write nothing of its own, but they still
work in its sessions. A young account whose every active hour is one of a campaign's dense hours
(`synchrony.density`) keeps its hours (`hours_kin_of`); an independent account would do so by
chance with the dense hours' share of the campaign's span to the power of its active hours. That
is weaker evidence than wording (a third of the week can be a campaign's), so such an account is
not even watched: it only ranks above accounts with no tie at all (`hours_kin_score`, under the
watch threshold by that chance).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from gatehouse.monitor.campaigns import KIND, Campaign, Token
from gatehouse.monitor.linker import Linker
from gatehouse.monitor.scorer import Thresholds
from gatehouse.monitor.state import State
from gatehouse.monitor.synchrony import DENSE_MIN, density, span_hours

__all__ = ["HoursTie", "Kin", "hours_kin_of", "hours_kin_score", "kin_of", "kin_score"]

_SHARE = 0.5
_WRITERS = 5
_ESTABLISHED = 50
_BELOW_REVIEW = 0.99  # a share of 1 stays just short of review
_WRITES_FULL = 0.5  # an account writing the content in this share of its requests or more: its whole third
_CROWD = 20  # members a campaign needs before its dense hours say when it works
_SESSIONS_MAX = 0.5  # dense hours filling more of the campaign's span than this say nothing


@dataclass(frozen=True)
class Kin:
    campaign: Campaign
    share: float  # of the content's writers that are members of listed campaigns (most of them this one's)
    writers: int
    kind: str  # what the content is ("instruction opening", ...)
    intent: float  # the account's own harvest intent (`scorer.combine`), in [0, 1]
    writes: float  # the share of the account's own requests that write the content


@dataclass(frozen=True)
class HoursTie:
    campaign: Campaign
    hours: int  # the account's active hours of the week, every one a dense hour of the campaign's
    chance: float  # that an independent account's as many hours would all be dense ones


def hours_kin_score(chance: float, th: Thresholds) -> float:
    """Under the watch threshold by the chance of the tie."""
    return th.watch * (1.0 - chance)


def kin_score(share: float, intent: float, writes: float, th: Thresholds) -> float:
    """Between watch and review by the share of the content's writers in listed campaigns: a third
    of that band by the share alone, a third as the account's own harvest intent rises and a third
    as the share of its own requests that write the content does (whole from `_WRITES_FULL`); never
    review."""
    own = (1.0 + intent + min(1.0, writes / _WRITES_FULL)) / 3.0
    return th.watch + (th.review - th.watch) * share * own * _BELOW_REVIEW


def _writes(s: State, tok: Token) -> float:
    """The share of the account's requests that write a content token (`campaigns.tokens_of`); at
    least one, since it is one of the account's tokens."""
    kind, value = tok
    counter = s.top_openings if kind == "o" else s.top_closings if kind == "c" else s.top_sys
    return max(1, counter.counts.get(value, 0)) / max(1, s.n)


def kin_of(campaigns: Sequence[Campaign], min_score: float, tenants: Mapping[str, State], linker: Linker) -> dict[str, Kin]:
    """Each account outside every campaign scoring `min_score` or more that writes content at least
    half of whose writers are such campaigns' members (as `linker` indexed it), with its strongest
    such tie (the largest share) and the campaign that holds most of those writers."""
    content_of, content_users = linker.content_of, linker.content_users
    listed = {c.id: c for c in campaigns if c.score >= min_score}
    member: dict[str, Campaign] = {t: c for c in listed.values() for t in c.tenants}
    seen: set[tuple[str, object]] = set()
    best: dict[str, tuple[Campaign, float, int, Token]] = {}  # (campaign, share, writers, content) so far
    for tid in sorted(member):
        for tok in sorted(content_of.get(tid, ()), key=repr):
            if tok in seen:
                continue
            seen.add(tok)
            writers = content_users.get(tok, ())
            if len(writers) < _WRITERS:
                continue
            counts = Counter(member[u].id for u in writers if u in member)
            cid = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
            share = sum(counts.values()) / len(writers)
            if share < _SHARE:
                continue
            if any(u not in member and tenants[u].n >= _ESTABLISHED and not linker.harvests(u, tenants[u])
                   for u in writers):
                continue  # an established customer writes it as everyone does
            for u in sorted(writers):
                if u in member or tenants[u].n >= _ESTABLISHED:
                    continue
                held = best.get(u)
                if held is None or share > held[1]:
                    best[u] = (listed[cid], share, len(writers), tok)
    return {u: Kin(c, share, writers, KIND[tok[0]], linker.intent(u, tenants[u]), _writes(tenants[u], tok))
            for u, (c, share, writers, tok) in best.items()}


def hours_kin_of(campaigns: Sequence[Campaign], min_score: float, tenants: Mapping[str, State]) -> dict[str, HoursTie]:
    """Each account outside every campaign, with fewer than `_ESTABLISHED` requests, whose active
    hours of the week are all dense hours of a campaign scoring `min_score` or more that works in
    sessions (`_CROWD` members or more, `DENSE_MIN` density, dense hours at most `_SESSIONS_MAX` of
    its span), with the tie least likely by chance."""
    young: list[tuple[str, State]] | None = None  # listed once a campaign works in sessions
    best: dict[str, HoursTie] = {}
    for c in sorted(campaigns, key=lambda c: c.id):
        if c.score < min_score or len(c.tenants) < _CROWD:
            continue
        states = [tenants[t] for t in sorted(c.tenants)]
        lift, dense = density(states)
        if lift < DENSE_MIN or not dense:
            continue
        share = dense.bit_count() / span_hours(states)
        if share > _SESSIONS_MAX:
            continue
        if young is None:
            member = {t for other in campaigns for t in other.tenants}
            young = [(tid, st) for tid, st in tenants.items()
                     if tid not in member and 0 < st.n < _ESTABLISHED and st.week_mask]
        for tid, st in young:
            if st.week_mask & ~dense:
                continue
            hours = st.week_mask.bit_count()
            chance = share ** hours
            held = best.get(tid)
            if held is None or chance < held.chance:
                best[tid] = HoursTie(c, hours, chance)
    return best
