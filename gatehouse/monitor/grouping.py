"""Campaigns from what one linking pass found (`Findings`): the accounts that suspicious buckets
place are joined with union-find, then weaker evidence places the accounts nothing specific did
(common content, wording alone, rotating user agents, leaning buckets, a campaign's own client
or network, and last the accounts wording met too early, `_place_stragglers`), and each group of
two or more is scored as one campaign (`components`): its pooled traffic, or its members' pooled
requests without their app's system prompt where those score higher (`pooled_bare`), raised by
what the split says (`campaigns.campaign_score`). See `linker` for how buckets are found and
judged.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from gatehouse.monitor.campaigns import (
    INTENT_MIN,
    KIND,
    RARE_MIN,
    ROTATES_ADDRESS,
    ROTATING,
    SPLIT_MAX,
    TINY,
    WORDING_ONLY,
    Bucket,
    Campaign,
    Token,
    campaign_score,
    split_client,
)
from gatehouse.monitor.fingerprint import atypical_members
from gatehouse.monitor.scorer import Score, score_bare, score_state
from gatehouse.monitor.state import State, merge_view
from gatehouse.monitor.synchrony import density, hours_between, keeps_hours, sync_lift

__all__ = ["UnionFind", "Findings", "Index", "Pooled", "Shape", "components"]

# A leaning bucket or one of rotating user agents (see `linker`) places its unplaced accounts with the
# campaign that already holds at least a third of its members and two thirds of its placed ones
_LEAN_PLACED = 1 / 3
_LEAN_ONE = 2 / 3
_LEAN_MIN = 3  # placed accounts at least: in a bucket of three, one placed account is chance
# A campaign's own client: a user agent with its parameter signature carried mostly by one
# campaign (see `_own_client`).
_OWN_MIN = 2
_OWN_SHARE = 0.5  # of all the signature's carriers
_OWN_HOURS = 0.6
# ... and whose unplaced throwaway accounts keep the campaign's hours: a campaign's own accounts
# only send in its sessions, while tiny users of a public client (trials, one-off scripts on a
# popular SDK at its defaults) send at any hour. Each such account seen outside the campaign's
# hours stands for f/(1-f) more inside them (f: the share of the span the campaign is active),
# which timing cannot tell from its accounts; the signature is public once the expected number of
# independent accounts it would attach exceeds this.
_OWN_STRAY = 0.5
# On a public client at public parameters (see `_own_client`) a tiny account joins by timing only
# when all its active hours are the campaign's and an independent account would land there by
# chance (f ** hours) at most this often ...
_OWN_CHANCE = 0.02
# ... a larger one by content only when almost all users of that content are the campaign's
# (a campaign's cover chat, written like everyone's chat, has many users outside it).
_OWN_OUTSIDE = 0.1
# A campaign's own network: a /24 at least this share of whose accounts (`RARE_MIN` or more) one
# campaign holds (see `_own_network`).
_NET_SHARE = 0.9
# two groups only wording placed are one campaign when their accounts use the same phrases in the same
# proportions (cosine of accounts per phrase; distinct campaigns' pools barely overlap)
_SAME_POOL = 0.5
# ... and the accounts a bucket judged only with its phrase pool leaves unplaced group together only
# when they are at least this share of it
_LOOSE_SHARE = 0.25

# a campaign's pooled judgment, kept until it changes materially: (members, requests, score, split's log-odds, evidence)
Pooled = tuple[int, int, float, float, list[str]]
# its members off its fingerprint, kept while its members and their requests stay as they were: (members, requests, atypical)
Shape = tuple[int, int, dict[str, str]]
# (infra tokens of each tenant, tenants per infra token, content tokens of each tenant, the tenants
# using each content token, tenants carrying each client signature)
Index = tuple[dict[str, set[Token]], dict[Token, int], dict[str, set[Token]], dict[Token, set[str]],
              dict[Token, set[str]]]


class UnionFind:
    """Disjoint sets of account names; a set's root is its least name."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        p = self.parent.setdefault(x, x)
        while p != self.parent[p]:
            self.parent[p] = self.parent[self.parent[p]]
            p = self.parent[p]
        self.parent[x] = p
        return p

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _fits(s: State) -> bool:
    """A member's own traffic must not contradict the group: tiny accounts cannot say, larger
    ones must show some harvest intent themselves (an honest chat app sharing a generic
    opening with a campaign's cover traffic does not)."""
    return s.n < TINY or score_state(s).intent >= INTENT_MIN


@dataclass(frozen=True)
class Findings:
    """What one linking pass found, for `components` to group: the buckets that pooled as
    distilling, each with the members it places; which of those hold only common content
    (`linker._COMMON`) or pooled as distilling only with their phrase pool (`joint`), or count as a
    throwaway crowd without timing (`crowd`); the tiny accounts outside the hours of wording that
    counts by its hours and is a throwaway crowd's too (`trickle`, each bucket with them:
    `linker._trickling`); the leaning buckets (`linker._LEAN`), each with its members; the
    buckets that count through rare content (`rare`: a suspicious one places all its members, a
    leaning one attaches any that `fits`), and those of them whose content the group holds on other
    networks too (`spread`: a leaning one groups a crowd of its accounts that no campaign holds); the
    population index (exclusive networks, `_own_client`, `_own_network`); and who may join: `fits`
    (an account's own traffic does not contradict a group) and `harvests` (it shows harvest intent
    of its own)."""

    suspicious: list[tuple[Bucket, list[str]]]
    common: AbstractSet[Bucket] = frozenset()
    joint: AbstractSet[Bucket] = frozenset()
    lean: list[tuple[Bucket, list[str]]] = field(default_factory=list)
    index: Index | None = None
    fits: Callable[[str, State], bool] = field(default=lambda _t, st: _fits(st))
    harvests: Callable[[str, State], bool] = field(default=lambda _t, st: score_state(st).intent >= INTENT_MIN)
    rare: AbstractSet[Bucket] = frozenset()
    crowd: AbstractSet[Bucket] = frozenset()
    trickle: list[tuple[Bucket, list[str]]] = field(default_factory=list)
    spread: AbstractSet[Bucket] = frozenset()
    vouched: AbstractSet[str] = frozenset()
    bare: Mapping[str, State] = field(default_factory=dict)
    by_bare: AbstractSet[Bucket] = frozenset()


def pooled_bare(members: Sequence[str], bare: Mapping[str, State], whole_intent: float) -> Score | None:
    """The members' requests without their app's system prompt (`Monitor.bare`), pooled and scored
    against the intent of all their traffic (`scorer.score_bare`), when all their traffic shows no
    harvest intent (under `INTENT_MIN`) and at least two members have such requests: an operation
    that blends its harvest into an app's cover traffic in every account hides it in each account's
    whole and in the group's alike, while a group whose pooled traffic harvests is judged by that,
    and one member's harvest alone is that member's own score, not the group's."""
    if whole_intent >= INTENT_MIN:
        return None
    states = [b for m in members if (b := bare.get(m)) is not None]
    if len(states) < 2:
        return None
    return score_bare(merge_view(states), whole_intent)


def components(tenants: dict[str, State], found: Findings, cache: dict[str, Pooled] | None = None,
               shapes: dict[str, Shape] | None = None) -> list[Campaign]:
    """Campaigns from what a pass found; `cache` keeps each campaign's pooled score until it
    changes materially, `shapes` its members off its fingerprint until it changes at all."""
    # in a fixed order (buckets sorted, each one's members sorted: the caller's lists are):
    # which campaign a straggler attaches to must not depend on set order
    suspicious = sorted(found.suspicious, key=lambda x: x[0])
    fits, index = found.fits, found.index
    hits: dict[str, int] = defaultdict(int)
    # wording-only hits qualify an account for wording buckets only: shared phrases must not make it
    # count in a bucket that would otherwise not hold it (two campaigns sharing a network range)
    said: dict[str, int] = defaultdict(int)
    ok: dict[str, bool] = {}
    for bk, members in suspicious:
        # infrastructure that is the group's alone (a /24 no one else uses, one billing contact)
        # together with shared content is two facts, not one: a pair of accounts can link on it
        weight = 2 if index is not None and _exclusive(bk[1], len(members), index[1]) else 1
        counter = said if bk[1] == WORDING_ONLY else hits
        for m in members:
            if m not in ok:
                ok[m] = fits(m, tenants[m])
            # a rotation (of agents or networks) places accounts on its own terms (`_place_rotating`), never
            # helps elsewhere; a bucket that counts through its members' pooled bare workloads
            # (`pooled_bare`) speaks for the harvest intent of those it places, which their whole hides
            if (ok[m] or bk in found.by_bare) and bk[1] not in ROTATING:
                counter[m] += weight
    uf = UnionFind()
    # what each bucket's members share, noted at one member: all of them end in that member's campaign
    shared: list[tuple[str, tuple[str, ...]]] = []
    weak: list[tuple[Bucket, list[str]]] = []
    rotating: list[tuple[Bucket, list[str]]] = []
    wording: list[tuple[Bucket, list[str]]] = []
    for bk, members in suspicious:
        count = hits if bk[1] != WORDING_ONLY else {m: hits[m] + said[m] for m in members}
        if bk[1] in ROTATING:
            # everyday wording: an app's users write it from their many networks too
            if bk[1] != ROTATES_ADDRESS or bk not in found.common:
                rotating.append((bk, [m for m in members if ok[m]]))
            continue
        if bk in found.rare or _one_customer(bk[1]):
            # content the group holds alone speaks for every account that holds it, also one whose own
            # requests show no harvest intent (a proxy campaign's account that carried only its app's
            # cover traffic, under its own system prompt), and so does one billing contact or one
            # organization's billing domain: every account billed there is that customer's, its cover
            # included; elsewhere an account's traffic must agree
            qualified = members
        else:
            qualified = [m for m in members if count[m] >= 2 or count[m] == 1 and tenants[m].n < TINY]
        if bk in found.common:
            weak.append((bk, qualified))
            continue
        if bk[1] == WORDING_ONLY:
            wording.append((bk, qualified))
            continue
        for m in qualified[1:]:
            uf.union(qualified[0], m)
        if qualified:
            shared.append((qualified[0], (KIND[bk[0][0]], KIND[bk[1][0]])))
    # common content: attach the accounts nothing specific placed to the campaign most of the
    # bucket's placed members are in (or group them together when none are placed)
    for (c, i), qualified in weak:
        roots = {m: uf.find(m) for m in qualified if m in uf.parent}
        loose = [m for m in qualified if m not in roots]
        if roots:
            anchor = min(Counter(roots.values()).items(), key=lambda kv: (-kv[1], kv[0]))[0]
        elif len(loose) >= 2:
            anchor = loose[0]
        else:
            continue
        for m in loose:
            uf.union(anchor, m)
        shared.append((anchor, (KIND[c[0]], KIND[i[0]])))
    crowds: set[str] = set()
    if wording:
        crowds = _place_by_wording(tenants, uf, wording, shared, found.joint, found.crowd)
    for bk, qualified in rotating:
        _place_rotating(uf, bk, qualified, shared)
    for bk, members in found.lean:
        _attach_leaning(tenants, uf, bk, members, fits if bk in found.rare else found.harvests, shared,
                        spread=bk in found.spread, vouched=found.vouched)
    if index is not None:
        for m, root in _own_client(tenants, uf, index, fits):
            uf.union(root, m)
            shared.append((m, ("the campaign's own client and parameters",)))
        for m, root in _own_network(tenants, uf, index, fits):
            uf.union(root, m)
            shared.append((m, ("the campaign's own network",)))
    if wording:
        _place_stragglers(tenants, uf, wording, shared, found.crowd)
    if found.trickle:
        _place_trickle(uf, found.trickle, shared, crowds)
    groups: dict[str, list[str]] = defaultdict(list)
    for t in uf.parent:
        groups[uf.find(t)].append(t)
    kinds_of: dict[str, set[str]] = defaultdict(set)
    for m, kind in shared:
        if m in uf.parent:  # a lone account in a bucket is in no campaign
            kinds_of[uf.find(m)].update(kind)
    out: list[Campaign] = []
    for root, members in groups.items():
        if len(members) < 2:
            continue
        members.sort()
        states = [tenants[m] for m in members]
        volume = sum(st.n for st in states)
        hit = cache.get(root) if cache is not None else None
        if hit is not None and hit[0] == len(members) and volume < 1.25 * hit[1]:
            _, _, score, added, evidence = hit
        else:
            pooled = merge_view(states)
            sc = score_state(pooled)
            what = "pooled traffic"
            bare = pooled_bare(members, found.bare, sc.intent)
            if bare is not None and bare.score > sc.score:
                what = (f"pooled requests without their app's system prompt (harvest intent {bare.intent:.2f}, "
                        f"against {sc.intent:.2f} over all their requests)")
                sc = bare
            score, added = campaign_score(sc.score, len(members))
            kinds = sorted(kinds_of[root])
            overlap = pooled.week_mask.bit_count()
            lift = sync_lift(states)
            evidence = [f"shared_infrastructure: {len(members)} tenants share {', '.join(kinds)}",
                        f"split_accounts={added / SPLIT_MAX:.2f}: {what} scores {sc.score:.2f}, "
                        f"+{added:.1f} log-odds for one operation's traffic split over {len(members)} accounts",
                        f"synchronized_timing={min(1.0, lift / 4):.2f}: active within the same {overlap} hours of the "
                        f"week, {lift:.1f}x the overlap of independent accounts",
                        *sc.evidence(4)]
            if cache is not None:
                cache[root] = (len(members), volume, score, added, evidence)
        shape = shapes.get(root) if shapes is not None else None
        if shape is not None and shape[0] == len(members) and shape[1] == volume:
            atypical = shape[2]
        else:
            atypical = atypical_members(list(zip(members, states)))
            if shapes is not None:
                shapes[root] = (len(members), volume, atypical)
        out.append(Campaign(id=f"camp_{root[-10:]}", tenants=members, score=score, evidence=evidence, requests=volume,
                            split=added, atypical=atypical))
    out.sort(key=lambda c: (-len(c.tenants), c.id))
    return out


def _attach_leaning(tenants: dict[str, State], uf: UnionFind, bk: Bucket, members: list[str],
                    joins: Callable[[str, State], bool], shared: list[tuple[str, tuple[str, ...]]],
                    spread: bool = False, vouched: AbstractSet[str] = frozenset()) -> None:
    """A leaning bucket (one that counts, pooling past watch but short of distilling: a campaign's
    accounts whose few requests were mostly cover) attaches the unplaced accounts that `joins`
    accepts to the campaign that already holds a third of it and two thirds of its placed accounts
    (`_LEAN_PLACED`, `_LEAN_ONE`); it never merges campaigns. When the bucket is `spread` (its rare
    content's writers are a group of their own on other networks too), a crowd of such accounts
    (`RARE_MIN`) that no campaign holds and that are not `vouched` for by an organization's own
    bucket is a group of its own: one operation spread over a few networks, even when their few
    requests were mostly cover. Two campuses' classes writing one assignment are each vouched for
    by their campus's bucket (`linker._JUDGED`)."""
    loose = [m for m in members if m not in uf.parent]
    if not loose:
        return  # nothing to attach (no need to find the roots)
    anchor = _holder(uf, members)
    if anchor is None and not spread:
        return
    joining = [m for m in loose if joins(m, tenants[m])]
    if anchor is None:
        joining = [m for m in joining if m not in vouched]
        if len(joining) < RARE_MIN:
            return
        anchor = joining[0]
    for m in joining:
        uf.union(anchor, m)
    if joining:
        shared.append((anchor, (KIND[bk[0][0]], KIND[bk[1][0]])))


def _holder(uf: UnionFind, members: list[str]) -> str | None:
    """The campaign (its root) that already holds a third of a bucket's members, at least
    `_LEAN_MIN` of them, and two thirds of its placed ones (`_LEAN_PLACED`, `_LEAN_ONE`); None
    when no campaign does."""
    roots = Counter(uf.find(m) for m in members if m in uf.parent)
    if not roots:
        return None
    root, k = min(roots.items(), key=lambda kv: (-kv[1], kv[0]))
    if k < max(_LEAN_MIN, _LEAN_PLACED * len(members)) or k < _LEAN_ONE * sum(roots.values()):
        return None
    return root


def _place_rotating(uf: UnionFind, bk: Bucket, members: list[str], shared: list[tuple[str, tuple[str, ...]]]) -> None:
    """A suspicious bucket of accounts that change their user agent on most requests, or take a new
    network per request (`ROTATING`), places its unplaced accounts: with the campaign that already
    holds a third of it and two thirds of its placed accounts (`_LEAN_PLACED`, `_LEAN_ONE`), or else
    as a group of their own. It never merges campaigns: two operations may hide their clients alike
    and write the same everyday phrases. A rotating network places no one through everyday wording
    (`components`): an app whose users reach it from their many networks writes it too."""
    loose = [m for m in members if m not in uf.parent]
    if not loose:
        return
    anchor = _holder(uf, members)
    if anchor is None:
        if len(loose) < 2:
            return
        anchor = loose[0]
    for m in loose:
        uf.union(anchor, m)
    shared.append((anchor, (KIND[bk[0][0]], KIND[bk[1][0]])))


def _place_by_wording(tenants: dict[str, State], uf: UnionFind, wording: list[tuple[Bucket, list[str]]],
                      shared: list[tuple[str, tuple[str, ...]]], joint: AbstractSet[Bucket] = frozenset(),
                      crowd: AbstractSet[Bucket] = frozenset()) -> set[str]:
    """Wording-only buckets place accounts nothing more specific linked; they never merge two
    campaigns, whether other evidence or an earlier wording bucket placed them. An account joins
    the campaign of the bucket's placed members whose hours it keeps (campaigns sharing a prompt
    pool keep different sessions), else it groups with the bucket's other unplaced accounts (for a
    bucket judged only with its phrase pool, `joint`, when those are not a few strays). Throwaway
    crowds (`crowd`) come last, as timing is the stronger evidence. Their accounts keep no hours, so
    hours cannot say which campaign one is in: it joins the group an earlier crowd made that holds
    most of the bucket (the accounts that wrote both wordings tie the two crowds together), else it
    groups with the bucket's other unplaced accounts; never a campaign that other evidence placed.
    Returns the groups the crowds made (each named by a member; `_place_trickle`)."""
    # each placed account's campaign, named by a member that stays in it (union-find roots move)
    home_of = {m: uf.find(m) for m in uf.parent}
    members_of: dict[str, list[str]] = defaultdict(list)
    for m in sorted(home_of):
        members_of[home_of[m]].append(m)
    dense: dict[str, int] = {}

    def hours_of(home: str) -> int:
        mask = dense.get(home)
        if mask is None:
            mask = dense[home] = density([tenants[m] for m in members_of[home]])[1]
        return mask

    created: list[str] = []  # groups of accounts only wording placed
    crowds: set[str] = set()  # ... by a throwaway crowd
    for bk, qualified in sorted(wording, key=lambda x: x[0] in crowd):
        c = bk[0]
        how = (KIND[c[0]], KIND["w" if bk in crowd else "a"])
        ranked = sorted(Counter(home_of[m] for m in qualified if m in home_of).items(), key=lambda kv: (-kv[1], kv[0]))
        loose: list[str] = []
        for m in qualified:
            if m in home_of:
                continue
            if bk in crowd:
                home = next((h for h, _ in ranked if h in crowds), None)
            else:
                home = next((h for h, _ in ranked if keeps_hours(tenants[m], hours_of(h))), None)
            if home is None:
                loose.append(m)
                continue
            uf.union(home, m)
            home_of[m] = home
            members_of[home].append(m)
            shared.append((m, how))
        # a bucket that pooled as distilling only with its phrase pool speaks for its campaigns: where
        # nearly all its accounts are already theirs, the few that keep none of their hours are
        # outsiders, not a campaign of their own
        if len(loose) >= 2 and (bk not in joint or len(loose) >= _LOOSE_SHARE * len(qualified)):
            for m in loose:
                uf.union(loose[0], m)
                home_of[m] = loose[0]
            members_of[loose[0]] = loose
            created.append(loose[0])
            if bk in crowd:
                crowds.add(loose[0])
            shared.append((loose[0], how))
    if created:
        _join_wording_groups(tenants, uf, wording, home_of, members_of, created, hours_of, crowds)
    return crowds


def _place_trickle(uf: UnionFind, trickle: list[tuple[Bucket, list[str]]], shared: list[tuple[str, tuple[str, ...]]],
                   crowds: set[str]) -> None:
    """Tiny accounts with harvest intent that write a session campaign's wording but keep none of its
    hours (`linker._trickling`) are placed last, once every other placement is done, as a throwaway
    crowd's are: each bucket's still unplaced ones join the group that a crowd (`crowds`) or an earlier
    bucket here made and that holds the most of the bucket, else group together. Like a crowd's, they
    never join a campaign other evidence placed: hours tell them from the sessions' accounts, and
    infrastructure placed the accounts of theirs that it could before."""
    made = set(crowds)
    for bk, members in trickle:
        loose = [m for m in members if m not in uf.parent]
        if not loose:
            continue
        roots = {uf.find(x) for x in made}
        ranked = Counter(r for r in (uf.find(m) for m in members if m in uf.parent) if r in roots)
        if ranked:
            home = min(ranked.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        elif len(loose) >= 2:
            home = loose[0]
            made.add(home)
        else:
            continue
        for m in loose:
            uf.union(home, m)
        shared.append((home, (KIND[bk[0][0]], KIND["w"])))


def _place_stragglers(tenants: dict[str, State], uf: UnionFind, wording: list[tuple[Bucket, list[str]]],
                      shared: list[tuple[str, tuple[str, ...]]], crowd: AbstractSet[Bucket]) -> None:
    """Wording buckets are met one at a time, and an account met before its campaign had grown into
    the hours it keeps was left out: once every other placement is done, each such bucket's accounts
    still unplaced join the campaign, as the pass left it, that holds the most of the bucket's placed
    ones and whose hours they keep (throwaway crowds keep no hours and place on their own terms). It
    comes last, as the weakest evidence, and like every wording placement never merges campaigns."""
    # each placed account's campaign, named by its root as the pass left it (union-find roots move),
    # built once some bucket has an account left out (most passes have none)
    home_of: dict[str, str] = {}
    members_of: dict[str, list[str]] = defaultdict(list)
    hours: dict[str, int] = {}
    for bk, qualified in wording:
        if bk in crowd:
            continue
        loose = [m for m in qualified if m not in uf.parent]
        if not loose:
            continue
        if not home_of:
            home_of = {m: uf.find(m) for m in uf.parent}
            for m, home in home_of.items():
                members_of[home].append(m)
        ranked = sorted(Counter(home_of[m] for m in qualified if m in home_of).items(), key=lambda kv: (-kv[1], kv[0]))
        for m in loose:
            for home, _ in ranked:
                mask = hours.get(home)
                if mask is None:
                    mask = hours[home] = density([tenants[x] for x in members_of[home]])[1]
                if keeps_hours(tenants[m], mask):
                    uf.union(home, m)
                    home_of[m] = home
                    shared.append((m, (KIND[bk[0][0]], KIND["a"])))
                    break


def _join_wording_groups(tenants: dict[str, State], uf: UnionFind, wording: list[tuple[Bucket, list[str]]],
                         home_of: dict[str, str], members_of: dict[str, list[str]], created: list[str],
                         hours_of: Callable[[str], int], crowds: AbstractSet[str] = frozenset()) -> None:
    """A campaign that writes from a pool of phrases is met bucket by bucket, and a bucket seen
    before any of its accounts was placed groups them on their own. A group that only wording
    made joins (smaller groups first, the largest candidate first) a campaign it shares wording
    with when most of its members keep that campaign's hours, or another group only wording made
    when the two use the same phrases in the same proportions (`_SAME_POOL`): one campaign's
    teams work different shifts from one pool. Two campaigns other evidence placed stay apart. A
    group a throwaway crowd made (`crowds`) keeps no hours, so it joins only by its phrases."""
    pool: dict[str, Counter[int]] = defaultdict(Counter)  # group -> accounts per phrase
    near: dict[str, set[str]] = defaultdict(set)
    made = set(created)
    for i, (_, qualified) in enumerate(wording):
        homes = Counter(home_of[m] for m in qualified if m in home_of)
        for g, k in homes.items():
            pool[g][i] += k
            if g in made:
                near[g].update(h for h in homes if h != g)
    into: dict[str, str] = {}

    def final(h: str) -> str:
        while h in into:
            h = into[h]
        return h

    for g in sorted(created, key=lambda x: (len(members_of[x]), x)):
        group = members_of[g]
        for h in sorted({final(h) for h in near[g]} - {g}, key=lambda x: (-len(members_of[x]), x)):
            keeping = 0 if g in crowds else sum(1 for m in group if keeps_hours(tenants[m], hours_of(h)))
            if h in made and _cosine(pool[g], pool[h]) >= _SAME_POOL or 2 * keeping >= len(group):
                uf.union(h, g)
                into[g] = h
                members_of[h].extend(group)
                pool[h].update(pool[g])
                break


def _cosine(a: Counter[int], b: Counter[int]) -> float:
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    norm = math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def _one_customer(infra: Token) -> bool:
    """Whether an infrastructure token is a billing contact or an organization's billing domain:
    every account that carries it is one customer's."""
    return infra[0] in "bd"


def _exclusive(infra: Token, members: int, infra_count: dict[Token, int]) -> bool:
    """Whether an infrastructure token is specific to the bucket: one customer's billing
    (`_one_customer`; a domain's bucket holds every account billed there), or a /24 that no account
    outside the bucket uses."""
    return _one_customer(infra) or infra[0] == "i" and infra_count.get(infra, members) <= members


def _owner(users: list[str], uf: UnionFind, tenants: dict[str, State], fits: Callable[[str, State], bool],
           share: float, least: int = 1) -> str | None:
    """The campaign (its root) that holds `share` of the users of a client or network, and at least
    `least` of them, when some user is unplaced and no established account outside that campaign
    (`TINY` requests or more) without harvest intent of its own is among them; else None."""
    parent = uf.parent
    if len(users) < least or all(u in parent for u in users):
        return None
    held = Counter(uf.find(u) for u in users if u in parent)
    if not held:
        return None
    r, k = min(held.items(), key=lambda kv: (-kv[1], kv[0]))
    if k < least or k < share * len(users):
        return None
    if any((u not in parent or uf.find(u) != r) and tenants[u].n >= TINY and not fits(u, tenants[u])
           for u in users if u in tenants):
        return None  # an established customer of its own uses it
    return r


def _own_network(tenants: dict[str, State], uf: UnionFind, index: Index,
                 fits: Callable[[str, State], bool]) -> list[tuple[str, str]]:
    """Accounts nothing else placed on a campaign's *own* network, with that campaign: a /24 that at
    least `RARE_MIN` accounts use, `_NET_SHARE` of them placed in one campaign, and no established
    account outside it (`TINY` requests or more) without harvest intent of its own. A campaign's
    accounts whose few requests were all cover chat in everyday wording, sent with a popular SDK,
    share no template and no client with it, but they share its network. A shared cloud or carrier
    range where a campaign crowds has honest customers with a history of their own on it, and then
    attaches no one. An account joins when its own traffic agrees (`fits`: too small to say, or it
    shows harvest intent)."""
    infra_of = index[0]
    parent = uf.parent
    if not parent:
        return []
    users: dict[Token, list[str]] = defaultdict(list)
    for tid in sorted(infra_of):
        for i in infra_of[tid]:
            if i[0] == "i":
                users[i].append(tid)
    out: list[tuple[str, str]] = []
    taken: set[str] = set()
    for net in sorted(users, key=repr):
        on = users[net]
        r = _owner(on, uf, tenants, fits, _NET_SHARE) if len(on) >= RARE_MIN else None
        if r is None:
            continue
        for t in on:
            if t not in parent and t not in taken and t in tenants and fits(t, tenants[t]):
                taken.add(t)
                out.append((t, r))
    return out


def _own_client(tenants: dict[str, State], uf: UnionFind, index: Index,
                fits: Callable[[str, State], bool]) -> list[tuple[str, str]]:
    """Accounts nothing else placed that use a campaign's *own* client configuration.

    A user agent with its exact parameter signature (temperature, max_tokens, logprobs, n) is
    the campaign's own when at least `_OWN_MIN` of its members and at least `_OWN_SHARE` of all
    its carriers are placed in that campaign, and no established account outside it (one with
    `TINY` requests or more, so with a history of its own) uses it without showing harvest
    intent itself. A popular SDK at the parameters ordinary chat uses is carried by
    established honest customers too and stops qualifying once they are established; a
    residential-proxy campaign's accounts share no network, and one whose few requests were
    all cover chat shares no template, but both still send with the operation's client.

    Early in a week no honest user of a popular SDK's chat parameters has `TINY` requests yet,
    so the veto above cannot fire, and a large campaign rotating popular SDKs would own such a
    signature (holdout3's replay briefly attached tiny honest trial accounts to one). So the
    tiny unplaced carriers are a second test: the campaign's own throwaway accounts all send
    inside its session hours, independent users of a public client at any hour; each one seen
    outside stands for f/(1-f) unseen ones inside, and when that expected number exceeds
    `_OWN_STRAY` the client is public and attaches no one.

    An unplaced carrier joins when its own traffic agrees: a tiny account (too small to
    score) must be active mostly in hours when the campaign is, and those hours must be at most
    `_OWN_HOURS` of the hours the campaign spans (f), so timing says something. When the
    signature is a public client at public parameters (its user agent, and its parameters, are
    each used by some established account outside every campaign with no harvest intent), a
    tiny account must be active only in the campaign's hours and an independent account would
    land there by chance (f ** hours) at most `_OWN_CHANCE` of the time: timing must be strong
    evidence, not a coin toss. A larger account must show harvest intent itself and share at
    least two content tokens that are specific to the campaign (at most `_OWN_OUTSIDE` of their
    users are outside it).
    """
    _, _, content_of, content_users, carriers = index
    parent = uf.parent
    if not parent:
        return []
    owner: dict[Token, str] = {}
    # only signatures that some unplaced account carries can attach anyone
    for tok in sorted(carriers, key=repr):
        r = _owner(sorted(carriers[tok]), uf, tenants, fits, _OWN_SHARE, _OWN_MIN)
        if r is not None:
            owner[tok] = r
    if not owner:
        return []
    owners = set(owner.values())
    # content use per campaign is needed only to judge established candidates
    wanted = {owner[tok] for tok in owner for c in carriers[tok]
              if c not in parent and c in tenants and tenants[c].n >= TINY}
    masks: dict[str, int] = defaultdict(int)
    spans: dict[str, tuple[float, float]] = {}
    used: dict[str, Counter[Token]] = defaultdict(Counter)
    for m in sorted(parent):
        r = uf.find(m)
        if r not in owners:
            continue
        st = tenants[m]
        masks[r] |= st.week_mask
        lo, hi = spans.get(r, (st.first_ts, st.last_ts))
        spans[r] = (min(lo, st.first_ts), max(hi, st.last_ts))
        if r in wanted:
            used[r].update(content_of.get(m, ()))
    # share of the hours the campaign spans in which it is active (chance that an independent
    # account's hour falls inside them)
    cover = {r: masks[r].bit_count() / hours_between(lo, hi) for r, (lo, hi) in spans.items()}
    informative = {r for r, f in cover.items() if f <= _OWN_HOURS}

    def inside(st: State, r: str) -> bool:
        hours = st.week_mask.bit_count()
        return hours > 0 and 2 * (st.week_mask & masks[r]).bit_count() >= hours

    # a public client at public parameters: a user agent that independent established customers
    # send with (at any parameters), at parameters that independent established customers use
    # (with any agent); its tiny users are everyone's, and timing must single out the campaign's
    public: set[str] = set()
    for tok in sorted(carriers, key=repr):
        if any(c not in parent and tenants[c].n >= TINY and not fits(c, tenants[c])
               for c in sorted(carriers[tok]) if c in tenants):
            ua, params = split_client(tok)
            public |= {ua, "|" + params}
    out: list[tuple[str, str]] = []
    taken: set[str] = set()
    for tok in sorted(owner, key=repr):
        r = owner[tok]
        unplaced = [tid for tid in sorted(carriers.get(tok, ())) if tid not in parent and tid in tenants]
        tiny = [tenants[tid] for tid in unplaced if tenants[tid].n < TINY]
        ua, params = split_client(tok)
        pub = ua in public and "|" + params in public
        strays = sum(1 for st in tiny if not inside(st, r))
        f = min(cover.get(r, 1.0), 0.99)
        if strays * f / (1.0 - f) > _OWN_STRAY:
            continue  # independent users of this client: it is public, not the campaign's own
        for tid in unplaced:
            if tid in taken:
                continue
            st = tenants[tid]
            if st.n < TINY:
                hours = st.week_mask.bit_count()
                if pub:
                    ok = (r in informative and hours > 0 and st.week_mask & ~masks[r] == 0
                          and cover[r] ** hours <= _OWN_CHANCE)
                else:
                    ok = r in informative and inside(st, r)
            else:
                reach = {c: len(content_users.get(c, ())) for c in content_of.get(tid, ())}
                specific = [c for c, k in reach.items() if k - used[r][c] <= _OWN_OUTSIDE * k]
                ok = len(specific) >= 2 and fits(tid, st)
            if ok:
                taken.add(tid)
                out.append((tid, r))
    return out
