"""Cross-tenant linking: group tenants that act as one coordinated operation.

Each tenant contributes *content* tokens (the instruction openings and system prompts it
and the template endings it uses most) and *infrastructure* tokens (/24 networks, billing contact, user
agent together with the parameter signature). Tenants sharing a (content, infrastructure) pair fall in
one bucket (a shared /24 together with the same user agent and parameters is a bucket too).
Attributes differ in strength: a /24 that is mostly the group's own, or a billing contact, is
specific; a user agent with parameters is what every customer of a popular SDK shares, so a
bucket joined only by it must also show synchronized timing (`sync_lift`) to count, or content
that is rare in the whole population (a template opening that many throwaway accounts share and
almost no one else uses, on this network or on the few shared networks the campaign spreads over,
where its users are a group of their own). Content weighs by that rarity too: a bucket whose
content most of its users share elsewhere (everyday wording, cover chat) only attaches accounts
nothing more specific placed, and never merges two campaigns. A bucket that counts but pools
past watch and short of distilling (a campaign's accounts whose few requests were mostly cover)
attaches its unplaced accounts to the campaign that already holds a third of it: those that
show harvest intent of their own, or, when the bucket counts through its rare content, any that
the content speaks for; a rare one whose content the group holds on other networks too, and that
no campaign holds, makes a crowd of such accounts (at least `_RARE_MIN`, none of them vouched for
by an organization's own bucket) a group of its own (`_attach_leaning`).
A bucket is suspicious when the pooled traffic of its members scores high with the same
scorer as a single tenant: 5,000 tiny accounts pooled look like the one distiller they are,
while the many honest users of one open-source app pooled still look honest. A tenant
joins a campaign when it sits in at least two suspicious buckets (one whose network or billing
contact is the group's alone counts as two, so a pair of accounts can link); campaigns are the
connected components (union-find) of those tenants. Last, an account nothing else placed joins
the campaign whose *own client* it uses: a user agent with its exact parameter signature that
is carried mostly by that campaign's members (residential-proxy accounts share no network, and
an account whose few requests were all cover chat shares no template, but both still send with
the operation's client), provided its own traffic agrees (timing for tiny accounts, harvest
intent and shared content for larger ones); see `_own_client`. So does one on a /24 that is a
campaign's own (nine tenths of its accounts, thirty or more, are placed in it, and no established
customer of its own uses it): an account whose few requests were cover chat with a popular SDK
shares nothing else with its operation (`_own_network`).
Accounts billed at one organization's mail domain under different addresses are one bucket
too, which like a user agent needs synchronized timing (webmail domains never count).
An account that sends most of its requests with another user agent hides its client, which no
ordinary application does: that is infrastructure its kind shares (`_ROTATES_AGENT`), so such
accounts writing the same content are a bucket without timing. It places only the accounts that
nothing else placed, wording included, with the campaign that already holds a third of it or as
a group of their own (`_place_rotating`): two operations may hide their clients alike and write
the same everyday phrases, so it never merges campaigns, counts toward no other bucket and ties
no one (an established customer's users may also come through many SDK versions).
Last, wording alone: every account that uses a content token is one bucket, for campaigns whose
accounts share no network, client or billing (residential proxies, a client per account, prompts
composed per request from one phrase pool). Such a bucket counts when its members crowd into the
same hours far more than independent users would (`density`, which counts members per hour and so
still sees a campaign's sessions when outsiders fill the rest of the week), no established
customer writes the wording as everyone does (`_everyday`), and the members that keep the group's
hours and show harvest intent themselves pool as distilling; it places only those members, and
never merges two campaigns, whichever evidence placed them (`_place_by_wording`); groups that
only wording placed join when they write from the same phrases in the same proportions (one
campaign's teams working different shifts, `_join_wording_groups`). A campaign that composes its
asks from many phrases spreads its accounts over as many buckets, each maybe too thin to pool as
distilling alone: such buckets that share accounts are judged together (`_judge_jointly`).
A campaign whose throwaway accounts trickle in at any hour crowds into no sessions; wording that
at least `_RARE_MIN` accounts write and no established account does (bar accounts that shared
infrastructure already ties to a campaign) is a throwaway crowd's all the same, and its tiny
accounts with harvest intent are placed when they pool as distilling (`_throwaway_crowd`); hours
say nothing about such accounts, so they group with the crowds they share accounts with, never
with a campaign other evidence placed.
Wording never overrules an organization's own traffic: accounts whose bucket on a /24 that is
mostly theirs (or one billing contact) pooled enough traffic and scored honest are left out of it
(`_JUDGED`: a class of students on its campus network, writing one assignment's wording in lab
sessions and asking for long essays, pools as a class; its essay writers pooled with another
class's would not).
A campaign scores its pooled traffic plus what the split itself says: an honest customer does
not spread its work over many accounts that share a template, a network or a client, so each
doubling of the linked accounts adds log-odds to the pooled score, up to a cap (`campaign_score`).
Those log-odds do not count for a member that does not send like the rest (another client, or a
settled address among rotating ones; `fingerprint`): wording may have linked an outsider.
Every pass runs in sorted order, so the same traffic gives the same campaigns in any process.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from gatehouse.monitor.fingerprint import atypical_members
from gatehouse.monitor.scorer import lowered, score_state
from gatehouse.monitor.state import State, merge_view

__all__ = ["KIND", "Campaign", "Linker", "campaign_score", "link", "tokens_of"]

KIND = {"o": "instruction opening", "c": "template ending", "s": "system prompt", "i": "/24 network", "u": "user agent and parameters",
         "b": "billing contact", "d": "billing domain", "n": "billing domain",
         "a": "the same wording in the same hours",
         "w": "wording only throwaway accounts write", "r": "a new user agent per request"}
# infrastructure of an account that changes its user agent on most requests (`tokens_of`)
_ROTATES_AGENT: tuple[str, object] = ("r", "")


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
    if ua and s.n >= 2 and 2 * ua[0][1] <= s.n:
        infra.append(_ROTATES_AGENT)
    if s.bill:
        infra.append(("b", s.bill))
    return content, infra


_COHERENCE = 0.12
_IP_COHERENCE = 0.5  # a /24 mostly this group's is specific (cloud NAT ranges are shared)
_TINY = 8
# A bucket joined only by a user agent with its parameters (a popular SDK at its defaults is
# shared by many unrelated customers) needs corroboration: its members must be active in the
# same hours far more than independent accounts would be (see `sync_lift`).
SYNC_MIN = 1.8
_WEAK = frozenset("ud")
# Wording alone: every account that uses a content token is one bucket too (a campaign whose accounts
# share no network, client or billing still writes from one prompt pool); see `density`.
_ANY: tuple[str, object] = ("a", "")
# Accounts billed at one organization's mail domain (distinct addresses, one domain) are one
# customer's: all of a domain's accounts form one bucket, which needs synchronized timing like any
# weak link, and the pooled score decides whether that organization is distilling. Webmail
# domains say nothing about who is behind an account.
_ORG = ("n", "")
PUBLIC_MAIL = frozenset({
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "ymail.com",
    "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de", "gmx.net", "web.de",
    "mail.com", "zoho.com", "yandex.ru", "yandex.com", "mail.ru", "qq.com", "163.com", "126.com", "sina.com",
    "naver.com", "daum.net", "rediffmail.com", "fastmail.com", "tutanota.com", "hey.com",
})
# ... or its shared content must be rare in the whole population: an instruction opening, template
# ending or system prompt that at least `_RARE_MIN` accounts share and that almost nobody outside
# this bucket uses (at least `_RARE_SHARE` of all its users are here). A campaign's own template
# qualifies however loosely its sessions overlap; an opening every chat user writes ("can you help
# me ...") is spread over many clients and parameter sets and does not. The path is for throwaway
# accounts: at least half the members must be tiny (established customers link only by timing).
_RARE_MIN = 30
_RARE_SHARE = 0.8
_RARE_TINY = 0.5
# Rare content need not be a large share of its network: a campaign that writes from many templates
# spreads its accounts over as many buckets on each cloud range it shares, each a small share of it
# (rarity across the population, not the network, is what tells it from everyday wording).
_RARE_COHERENCE = 0.05
# A bucket that counts (specific, rare or synchronized) and pools past watch but short of distilling
# (a campaign's accounts whose few requests were mostly its cover) leans towards a campaign: it
# attaches its unplaced accounts to the campaign that already holds at least a third of its members
# and two thirds of its placed ones, those with harvest intent of their own (any tiny one when the
# bucket counts through rare content: a template a crowd of throwaway accounts holds alone).
_LEAN = 0.35
_LEAN_PLACED = 1 / 3
_LEAN_ONE = 2 / 3
_LEAN_MIN = 3  # placed accounts at least: in a bucket of three, one placed account is chance
# Content that most of its users share outside a bucket (everyday openings, a campaign's cover
# chat split over many parameter sets) is weak evidence of *which* campaign an account is in: such
# a bucket attaches accounts that nothing more specific links, but never merges two campaigns.
_COMMON = 0.5
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
# A campaign's own network: a /24 at least this share of whose accounts (`_RARE_MIN` or more) one
# campaign holds (see `_own_network`).
_NET_SHARE = 0.9


def sync_lift(states: list[State]) -> float:
    """How much more the members' active hours of the week coincide than chance.

    For each member, the share of its active hours in which some *other* member is also
    active, against the share expected if it were independent of them (the others' union
    over the hours spanned). 1.0 is independence; a campaign working in shared sessions
    scores 2-4; honest diurnal users of one time zone stay near 1.3.
    """
    if len(states) < 2:
        return 0.0
    ge1 = ge2 = 0  # hours in which at least one, and at least two, members are active
    for st in states:
        m = st.week_mask
        ge2 |= ge1 & m
        ge1 |= m
    first = min(st.first_ts for st in states)
    last = max(st.last_ts for st in states)
    slots = max(1, min(168, int((last - first) // 3600) + 1))
    u1 = ge1.bit_count()
    inside = expected = 0.0
    for st in states:
        a = st.week_mask
        na = a.bit_count()
        inside += (a & ge2).bit_count()
        others = u1 - (a & ~ge2).bit_count()
        expected += na * min(1.0, others / slots)
    return inside / expected if expected > 0 else 0.0


# A wording-only bucket needs its members to crowd into the same hours (`density`) ...
DENSE_MIN = 1.3
# ... and an account it places must keep the group's hours: most of its active hours are ones in
# which the group is denser than on average (an independent user of the same wording is not)
_DENSE_INSIDE = 0.75
# ... over a day at least: within the first hours of a group every hour it was active in is dense
_DENSE_SPAN = 24
# ... not counting members active in most of the hours the group spans (established accounts that
# write the same wording all week would fill every hour and hide the sessions of the rest)
_EVER_PRESENT = 0.5
# two groups only wording placed are one campaign when their accounts use the same phrases in the same
# proportions (cosine of accounts per phrase; distinct campaigns' pools barely overlap)
_SAME_POOL = 0.5
# ... and the accounts a bucket judged only with its phrase pool leaves unplaced group together only
# when they are at least this share of it
_LOOSE_SHARE = 0.25
# wording is shared by crowds: such a bucket is pooled again once its membership moved by a tenth
_ANY_STEP = 0.1
# Wording never overrules an organization's own traffic: accounts on a /24 that is mostly theirs (or
# billed to one contact) whose bucket with the same wording pooled at least this many requests and
# scored honest are that organization's, judged as one (a class of students on one campus network
# writing one assignment), and the wording path leaves them out.
_JUDGED = 200
# ... except a crowd of `_RARE_MIN` accounts or more on one /24 whose pooled traffic both asks for
# harvest and covers broad ground (the two factors of `scorer.combine`): a class writes one
# assignment, narrow however much it asks; a campaign's own range of cover-heavy accounts harvests
# across topics
_VOUCH_INTENT = 0.4
_VOUCH_COVER = 0.55


def _hours(mask: int) -> list[int]:
    out: list[int] = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def density(states: list[State]) -> tuple[float, int]:
    """(lift, dense hours): how much more the members' active hours coincide than chance,
    counting members per hour, and the hours of the week in which more members are active than
    on average (not counting the member judged).

    Each member's active hours are weighed by how many *other* members are active in them,
    against the count expected if it were independent of them (the others' active hours spread
    over the hours spanned). Unlike `sync_lift` it does not saturate when a few outsiders fill
    the remaining hours of a large group: a campaign working in sessions stays near 2, a crowd
    of independent users at 1. A group that spans less than a day says nothing yet: (0.0, 0).
    Members active in more than half the hours the group spans are left out (`_EVER_PRESENT`):
    they crowd every hour alike.
    """
    if len(states) < 2:
        return 0.0, 0
    first = min(st.first_ts for st in states)
    last = max(st.last_ts for st in states)
    slots = max(1, min(168, int((last - first) // 3600) + 1))
    if slots < _DENSE_SPAN:
        return 0.0, 0
    count = [0] * 168
    per: list[list[int]] = []
    for st in states:
        hs = _hours(st.week_mask)
        if len(hs) > _EVER_PRESENT * slots:
            continue  # present at every hour, it crowds every hour alike: its timing says nothing
        per.append(hs)
        for h in hs:
            count[h] += 1
    if len(per) < 2:
        return 0.0, 0
    total = sum(count)
    inside = expected = 0.0
    for hs in per:
        inside += sum(count[h] for h in hs) - len(hs)
        expected += len(hs) * (total - len(hs)) / slots
    # more *other* members than on average: a member's own hours do not count for it
    mean = total / slots
    dense = sum(1 << h for h in range(168) if count[h] - 1 > mean)
    return (inside / expected if expected > 0 else 0.0), dense


def keeps_hours(st: State, dense: int) -> bool:
    hours = st.week_mask.bit_count()
    return hours > 0 and (st.week_mask & dense).bit_count() >= _DENSE_INSIDE * hours


_INTENT = 0.35
# log-odds added to a campaign's pooled score per doubling of its accounts, and at most (reached at
# about 300 accounts): a pair of accounts adds little, a crowd of throwaway accounts a lot
_SPLIT = 0.3
_SPLIT_MAX = 2.5


def campaign_score(pooled: float, accounts: int) -> tuple[float, float]:
    """(score, log-odds added): a campaign's pooled score raised by what splitting its traffic over
    `accounts` linked accounts says (`_SPLIT` per doubling, up to `_SPLIT_MAX`)."""
    added = min(_SPLIT_MAX, _SPLIT * math.log2(max(1, accounts)))
    return lowered(pooled, -added), added


def _fits(s: State) -> bool:
    """A member's own traffic must not contradict the group: tiny accounts cannot say, larger
    ones must show some harvest intent themselves (an honest chat app sharing a generic
    opening with a campaign's cover traffic does not)."""
    return s.n < _TINY or score_state(s).intent >= _INTENT


class _UF:
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


Token = tuple[str, object]
Bucket = tuple[Token, Token]
# a campaign's pooled judgment, kept until it changes materially: (members, requests, score, split's log-odds, evidence)
Pooled = tuple[int, int, float, float, list[str]]
# its members off its fingerprint, kept while its members and their requests stay as they were: (members, requests, atypical)
Shape = tuple[int, int, dict[str, str]]


class Linker:
    """Incremental linking: only tenants seen since the last pass have their tokens rebuilt,
    and only buckets whose membership or members changed are pooled and scored again."""

    def __init__(self, min_score: float = 0.6, max_bucket: int = 50000, wording: bool = True) -> None:
        self.min_score = min_score
        self.wording = wording  # wording-only buckets (see `density`)
        self.max_bucket = max_bucket
        self.member_of: dict[str, set[Bucket]] = {}
        self.buckets: dict[Bucket, set[str]] = defaultdict(set)
        self._sorted: dict[Bucket, list[str]] = {}  # each bucket's members in order, until it changes
        self.suspicious: dict[Bucket, bool] = {}
        self.dense: dict[Bucket, int] = {}  # wording-only buckets: the hours the group keeps
        self.cleared: set[Bucket] = set()  # an organization's own buckets judged honest (see `_JUDGED`)
        # wording-only buckets dense enough (or a throwaway crowd) but too small or too thin to pool as
        # distilling alone: the members they would place (see `_judge_jointly`)
        self.weak: dict[Bucket, list[str]] = {}
        self.crowd: set[Bucket] = set()  # wording-only buckets that count as a throwaway crowd (`_throwaway_crowd`)
        self.joint: set[Bucket] = set()  # weak buckets that pooled as distilling together
        self._joint_scored: dict[tuple[Bucket, ...], tuple[int, bool]] = {}
        self.vouched: set[str] = set()  # their members, whom wording-only buckets leave out
        self.leaning: set[Bucket] = set()  # buckets that count but pool short of distilling, past watch (`_LEAN`)
        self.rare: set[Bucket] = set()  # buckets that count through rare content (see `_components`)
        # rare buckets on a network whose content the group also holds on others (see `_attach_leaning`)
        self.spread: set[Bucket] = set()
        self._intent: dict[str, tuple[int, float]] = {}
        self.scored: dict[Bucket, tuple[int, int]] = {}
        self.infra_of: dict[str, set[tuple[str, object]]] = {}
        self.infra_count: dict[tuple[str, object], int] = defaultdict(int)
        self.carriers: dict[tuple[str, object], set[str]] = defaultdict(set)  # client signature -> tenants
        self.content_of: dict[str, set[tuple[str, object]]] = {}
        self.content_users: dict[tuple[str, object], set[str]] = defaultdict(set)
        self._spread_of: dict[Token, int] = {}  # `_spread` of each content this pass (memberships are fixed)
        self._pooled: dict[str, Pooled] = {}  # by campaign root
        self._shapes: dict[str, Shape] = {}  # by campaign root

    def intent(self, tid: str, s: State) -> float:
        cached = self._intent.get(tid)
        if cached is None or cached[0] != s.n:
            cached = self._intent[tid] = (s.n, score_state(s).intent)
        return cached[1]

    def harvests(self, tid: str, s: State) -> bool:
        """Whether the tenant's own traffic shows harvest intent."""
        return self.intent(tid, s) >= _INTENT

    def fits(self, tid: str, s: State) -> bool:
        return s.n < _TINY or self.harvests(tid, s)

    def _harvests_in_hours(self, tid: str, s: State, dense: int) -> bool:
        """A wording-only bucket places an account (of any size) only when it keeps the group's
        hours and its own requests show harvest intent: an account whose few requests were short
        chat in everyday wording is anyone's."""
        return keeps_hours(s, dense) and self.harvests(tid, s)

    def _wording_members(self, bk: Bucket, tenants: dict[str, State]) -> list[str]:
        """The members a wording-only bucket places: those that harvest in the group's hours, or for a
        throwaway crowd its tiny accounts that show harvest intent (their hours say nothing)."""
        if bk in self.crowd:
            return [m for m in self._group(bk) if tenants[m].n < _TINY and self.harvests(m, tenants[m])]
        return [m for m in self._group(bk) if self._harvests_in_hours(m, tenants[m], self.dense[bk])]

    def _throwaway_crowd(self, bk: Bucket, group: list[str], tenants: dict[str, State]) -> bool:
        """Whether a wording-only bucket is a crowd of throwaway accounts: at least `_RARE_MIN` that no
        organization vouches for, every writer of the wording tiny or already tied to a campaign (in a
        suspicious bucket of shared infrastructure; honest wording, however popular with newcomers,
        is written by established customers too), and over a day at least (before that no honest
        writer has had the time to become established)."""
        if len(group) < _RARE_MIN:
            return False
        if any(tenants[m].n >= _TINY and not self._tied(m) for m in self._members(bk)):
            return False
        states = [tenants[m] for m in group]
        return max(st.last_ts for st in states) - min(st.first_ts for st in states) >= _DENSE_SPAN * 3600

    def _tied(self, tid: str) -> bool:
        """Whether a suspicious bucket of shared infrastructure holds the tenant (not wording alone,
        nor a rotating user agent, which an established customer's many users may also show)."""
        return any(b[1] != _ANY and b[1] != _ROTATES_AGENT and b in self.suspicious for b in self.member_of.get(tid, ()))

    def _group(self, bk: Bucket) -> list[str]:
        """A wording-only bucket's members that no organization's own bucket vouches for."""
        return [m for m in self._members(bk) if m not in self.vouched]

    def _members(self, bk: Bucket) -> list[str]:
        members = self._sorted.get(bk)
        if members is None:
            members = self._sorted[bk] = sorted(self.buckets[bk])
        return members

    def _rare(self, bk: Bucket, states: list[State]) -> bool:
        """Whether the bucket's content is specific to it: shared by many mostly tiny accounts
        and used by almost no one else (weighed by population rarity, not by timing)."""
        members = len(states)
        if bk[0][0] in "un" or members < _RARE_MIN:
            return False
        if sum(1 for st in states if st.n < _TINY) < _RARE_TINY * members:
            return False
        users = len(self.content_users.get(bk[0], ())) or members
        if members >= _RARE_SHARE * users:
            return True
        return bk[1][0] == "i" and self._spread(bk[0]) >= _RARE_SHARE * users

    def _spread(self, content: Token) -> int:
        cached = self._spread_of.get(content)
        if cached is None:
            cached = self._spread_of[content] = self._count_spread(content)
        return cached

    def _count_spread(self, content: Token) -> int:
        """How many of the content's users sit on a network where its users are a group of their own
        (at least `_RARE_MIN` of them and `_RARE_COHERENCE` of the network): a campaign spread over a few
        shared cloud ranges holds its template almost alone on each, while everyday wording is spread
        thin over every network."""
        grouped: dict[Token, bool] = {}
        count = 0
        for u in self.content_users.get(content, ()):
            for i in self.infra_of.get(u, ()):
                if i[0] != "i":
                    continue
                ok = grouped.get(i)
                if ok is None:
                    here = len(self.buckets.get((content, i), ()))
                    ok = grouped[i] = here >= _RARE_MIN and here >= _RARE_COHERENCE * self.infra_count.get(i, 1)
                if ok:
                    count += 1
                    break
        return count

    def _everyday(self, bk: Bucket, tenants: dict[str, State], dense: int) -> bool:
        """Whether established customers use the wording as everyone does: an account with a
        history of its own (`_TINY` requests or more), outside the group's hours and without harvest
        intent of its own, writes it too."""
        return any(tenants[m].n >= _TINY and not keeps_hours(tenants[m], dense) and not self.fits(m, tenants[m])
                   for m in self._members(bk))

    def update(self, tenants: dict[str, State], dirty: set[str]) -> list[Campaign]:
        touched: set[Bucket] = set()
        # sorted passes: the result must not depend on set order (string hashing differs per process)
        for tid in sorted(dirty):
            s = tenants[tid]
            content, infra = tokens_of(s)
            content_set, infra_set = set(content), set(infra)
            if self.content_of.get(tid) == content_set and self.infra_of.get(tid) == infra_set:
                touched |= self.member_of[tid]  # same buckets; their pooled traffic grew
                continue
            new = {(c, i) for c in content for i in infra}
            # shared network and client without shared content: accounts of a campaign whose
            # few requests were all cover traffic (the /24 must be mostly this group's)
            new |= {(u, i) for u in infra if u[0] == "u" for i in infra if i[0] == "i"}
            if self.wording:
                new |= {(c, _ANY) for c in content}
            domain = billing_domain(s.bill)
            if domain:
                new.add((_ORG, ("d", domain)))
            old_infra = self.infra_of.get(tid, set())
            for i in old_infra - infra_set:
                self.infra_count[i] -= 1
                if i[0] == "u":
                    self.carriers[i].discard(tid)
            for i in infra_set - old_infra:
                self.infra_count[i] += 1
                if i[0] == "u":
                    self.carriers[i].add(tid)
            self.infra_of[tid] = infra_set
            old_content = self.content_of.get(tid, set())
            for c in old_content - content_set:
                self.content_users[c].discard(tid)
            for c in content_set - old_content:
                self.content_users[c].add(tid)
            self.content_of[tid] = content_set
            old = self.member_of.get(tid, set())
            for bk in old - new:
                self.buckets[bk].discard(tid)
                self._sorted.pop(bk, None)
            for bk in new - old:
                self.buckets[bk].add(tid)
                self._sorted.pop(bk, None)
            self.member_of[tid] = new
            touched |= new | old
        self._spread_of.clear()
        # wording-only buckets last: they leave out accounts their organization's buckets judged
        wording = {bk for bk in touched if bk[1] == _ANY}
        verdicts = [bk for bk in sorted(touched) if bk[1] != _ANY and self._judge(bk, tenants)]
        if verdicts or not touched.isdisjoint(self.cleared):
            self.vouched = {m for bk in sorted(self.cleared) for m in self.buckets[bk]}
            # an organization's accounts newly judged honest, or no longer: their wording is judged again
            for bk in verdicts:
                for m in self.buckets.get(bk, ()):
                    again = {b for b in self.member_of[m] if b[1] == _ANY}
                    for b in again - wording:
                        self.scored.pop(b, None)
                    wording |= again
        for bk in sorted(wording):
            self._judge(bk, tenants)
        if wording:
            self._judge_jointly(tenants)
        common = {bk for bk in self.suspicious
                  if bk[0][0] != "u" and len(self.buckets[bk]) < _COMMON * len(self.content_users.get(bk[0], ()))}
        # a wording-only bucket places only the members that keep the group's hours (or a crowd's throwaways)
        placed = [(bk, self._members(bk) if bk[1] != _ANY else self._wording_members(bk, tenants))
                  for bk in sorted(self.suspicious)]
        lean = [(bk, self._members(bk)) for bk in sorted(self.leaning)]
        index = (self.infra_of, self.infra_count, self.content_of, self.content_users, self.carriers)
        found = Findings(placed, common=common, joint=self.joint, crowd=self.crowd, lean=lean, rare=self.rare,
                         spread=self.spread, vouched=self.vouched,
                         index=index,
                         fits=self.fits, harvests=self.harvests)
        return _components(tenants, found, self._pooled, self._shapes)

    def _judge(self, bk: Bucket, tenants: dict[str, State]) -> bool:
        """Pool one touched bucket again when something material changed, and mark it suspicious
        or not; True when an organization's bucket was newly judged honest or no longer is."""
        members = self.buckets.get(bk)
        was = bk in self.cleared
        if not members or len(members) < 2 or len(members) > self.max_bucket:
            self.suspicious.pop(bk, None)
            self.scored.pop(bk, None)
            self.dense.pop(bk, None)
            self.cleared.discard(bk)
            self.weak.pop(bk, None)
            self.crowd.discard(bk)
            self.leaning.discard(bk)
            self.rare.discard(bk)
            self.spread.discard(bk)
            if not members:
                self.buckets.pop(bk, None)
            return was
        # coherence: most tenants on this network / agent / contact share the content too;
        # a cloud NAT range shared by unrelated customers does not qualify
        # (a /24 shared by unrelated customers qualifies only by synchronized timing or rare content)
        share = len(members) / max(1, self.infra_count.get(bk[1], len(members)))
        coherent = share >= _COHERENCE
        timed = bk[1][0] in _WEAK or (bk[1][0] == "i" and share < _IP_COHERENCE)
        last = self.scored.get(bk)
        if bk[1] == _ANY:
            if last is not None and abs(len(members) - last[0]) < _ANY_STEP * last[0]:
                return False
            volume = 0
        else:
            volume = sum(tenants[m].n for m in members)
            if last is not None and last[0] == len(members) and volume < 1.25 * last[1]:
                return False  # nothing material changed since this bucket was last pooled
        self.scored[bk] = (len(members), volume)
        # members in sorted order: the pooled means and timing are float sums, and a different order
        # of the same members can round across a threshold (set order differs per process); the
        # cheaper tests first: a bucket that fails them needs no pooled score
        rare = False
        if bk[1] == _ANY:
            # the group is the members no organization vouches for that keep its hours (a throwaway
            # crowd's: its tiny accounts with harvest intent), and they must pool as distilling: an
            # honest crowd in one time zone is dense too, but pools as itself
            group = self._group(bk)
            states: list[State] = []
            lift, dense = density([tenants[m] for m in group]) if len(group) >= _RARE_MIN else (0.0, 0)
            self.dense[bk] = dense
            ok = lift >= DENSE_MIN and not self._everyday(bk, tenants, dense)
            self.crowd.discard(bk)
            if not ok and self._throwaway_crowd(bk, group, tenants):
                self.crowd.add(bk)
                ok = True
            if ok:
                harvesting = self._wording_members(bk, tenants)
                states = [tenants[m] for m in harvesting]
                self.weak[bk] = harvesting
                ok = len(states) >= _RARE_MIN
            else:
                self.weak.pop(bk, None)
        else:
            states = [tenants[m] for m in self._members(bk)]
            rare = timed and share >= _RARE_COHERENCE and self._rare(bk, states)
            ok = (coherent or rare) and (not timed or rare or sync_lift(states) >= SYNC_MIN)
        pooled = score_state(merge_view(states)) if ok else None
        score = pooled.score if pooled is not None else 0.0
        suspicious = ok and score >= self.min_score
        if rare:
            self.rare.add(bk)
        else:
            self.rare.discard(bk)
        if rare and bk[1][0] == "i" and self._spread(bk[0]) > len(states):
            self.spread.add(bk)
        else:
            self.spread.discard(bk)
        if ok and bk[1] != _ANY and not suspicious and score >= _LEAN:
            self.leaning.add(bk)
        else:
            self.leaning.discard(bk)
        if suspicious:
            self.suspicious[bk] = True
            self.weak.pop(bk, None)
        else:
            self.suspicious.pop(bk, None)
        if not self.wording or bk[1][0] not in "ib" or bk[0][0] not in "ocs":
            return False
        # a crowd on one /24 whose pooled traffic harvests across broad ground is no organization
        broad = (bk[1][0] == "i" and len(states) >= _RARE_MIN and pooled is not None
                 and pooled.intent >= _VOUCH_INTENT and pooled.coverage >= _VOUCH_COVER)
        judged = ok and not timed and volume >= _JUDGED and not suspicious and not broad
        if judged:
            self.cleared.add(bk)
        else:
            self.cleared.discard(bk)
        return judged != was

    def _judge_jointly(self, tenants: dict[str, State]) -> None:
        """Weak wording buckets that share harvesting members are one phrase pool: a campaign that
        composes its prompts from many phrases spreads its accounts over as many buckets, each too
        small or too thin to pool as distilling alone. Together (connected by accounts that used
        more than one of the phrases) they are judged like one bucket: at least `_RARE_MIN` accounts
        that crowd into the same hours and pool as distilling. Each bucket still places only its own
        members that keep its hours. Throwaway crowds (`_throwaway_crowd`) form pools of their own, judged
        without timing, as each of them is."""
        uf = _UF()
        first: dict[tuple[bool, str], str] = {}
        for bk in sorted(self.weak):
            name = repr(bk)
            uf.find(name)
            crowd = bk in self.crowd
            for m in self.weak[bk]:
                other = first.setdefault((crowd, m), name)
                if other != name:
                    uf.union(other, name)
        parts: dict[str, list[Bucket]] = defaultdict(list)
        for bk in sorted(self.weak):
            parts[uf.find(repr(bk))].append(bk)
        joint: set[Bucket] = set()
        scored: dict[tuple[Bucket, ...], tuple[int, bool]] = {}
        for part in parts.values():
            if len(part) < 2:
                continue
            accounts = sorted({m for bk in part for m in self.weak[bk]})
            if len(accounts) < _RARE_MIN:
                continue
            key = tuple(part)
            last = self._joint_scored.get(key)
            if last is not None and abs(len(accounts) - last[0]) < _ANY_STEP * last[0]:
                verdict = last
            else:
                states = [tenants[m] for m in accounts]
                timed = part[0] not in self.crowd
                verdict = (len(accounts), (not timed or density(states)[0] >= DENSE_MIN)
                           and score_state(merge_view(states)).score >= self.min_score)
            scored[key] = verdict
            if verdict[1]:
                joint.update(part)
        self._joint_scored = scored
        for bk in self.joint - joint:
            if bk in self.weak:  # not suspicious on its own
                self.suspicious.pop(bk, None)
        for bk in joint:
            self.suspicious[bk] = True
        self.joint = joint


def link(tenants: dict[str, State], min_score: float = 0.6, wording: bool = True) -> list[Campaign]:
    """One full linking pass over every tenant (see `Linker` for the incremental one)."""
    return Linker(min_score, wording=wording).update(tenants, set(tenants))

# (infra tokens of each tenant, tenants per infra token, content tokens of each tenant, the tenants
# using each content token, tenants carrying each client signature)
Index = tuple[dict[str, set[Token]], dict[Token, int], dict[str, set[Token]], dict[Token, set[str]],
              dict[Token, set[str]]]


@dataclass(frozen=True)
class Findings:
    """What one linking pass found, for `_components` to group: the buckets that pooled as
    distilling, each with the members it places; which of those hold only common content
    (`_COMMON`) or pooled as distilling only with their phrase pool (`joint`), or count as a throwaway
    crowd without timing (`crowd`); the leaning buckets (`_LEAN`), each with its members; the
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
    harvests: Callable[[str, State], bool] = field(default=lambda _t, st: score_state(st).intent >= _INTENT)
    rare: AbstractSet[Bucket] = frozenset()
    crowd: AbstractSet[Bucket] = frozenset()
    spread: AbstractSet[Bucket] = frozenset()
    vouched: AbstractSet[str] = frozenset()


def _components(tenants: dict[str, State], found: Findings, cache: dict[str, Pooled] | None = None,
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
        counter = said if bk[1] == _ANY else hits
        for m in members:
            if m not in ok:
                ok[m] = fits(m, tenants[m])
            # a rotating agent places accounts on its own terms (`_place_rotating`), never helps elsewhere
            if ok[m] and bk[1] != _ROTATES_AGENT:
                counter[m] += weight
    uf = _UF()
    # what each bucket's members share, noted at one member: all of them end in that member's campaign
    shared: list[tuple[str, tuple[str, ...]]] = []
    weak: list[tuple[Bucket, list[str]]] = []
    rotating: list[tuple[Bucket, list[str]]] = []
    wording: list[tuple[Bucket, list[str]]] = []
    for bk, members in suspicious:
        count = hits if bk[1] != _ANY else {m: hits[m] + said[m] for m in members}
        if bk[1] == _ROTATES_AGENT:
            rotating.append((bk, [m for m in members if ok[m]]))
            continue
        if bk in found.rare:
            # content the group holds alone speaks for every account that holds it, also one whose own
            # requests show no harvest intent (a proxy campaign's account that carried only its app's
            # cover traffic, under its own system prompt); elsewhere an account's traffic must agree
            qualified = members
        else:
            qualified = [m for m in members if count[m] >= 2 or count[m] == 1 and tenants[m].n < _TINY]
        if bk in found.common:
            weak.append((bk, qualified))
            continue
        if bk[1] == _ANY:
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
    if wording:
        _place_by_wording(tenants, uf, wording, shared, found.joint, found.crowd)
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
            score, added = campaign_score(sc.score, len(members))
            kinds = sorted(kinds_of[root])
            overlap = pooled.week_mask.bit_count()
            lift = sync_lift(states)
            evidence = [f"shared_infrastructure: {len(members)} tenants share {', '.join(kinds)}",
                        f"split_accounts={added / _SPLIT_MAX:.2f}: pooled traffic scores {sc.score:.2f}, "
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


def _attach_leaning(tenants: dict[str, State], uf: _UF, bk: Bucket, members: list[str],
                    joins: Callable[[str, State], bool], shared: list[tuple[str, tuple[str, ...]]],
                    spread: bool = False, vouched: AbstractSet[str] = frozenset()) -> None:
    """A leaning bucket (one that counts, pooling past watch but short of distilling: a campaign's
    accounts whose few requests were mostly cover) attaches the unplaced accounts that `joins`
    accepts to the campaign that already holds a third of it and two thirds of its placed accounts
    (`_LEAN_PLACED`, `_LEAN_ONE`); it never merges campaigns. When the bucket is `spread` (its rare
    content's writers are a group of their own on other networks too), a crowd of such accounts
    (`_RARE_MIN`) that no campaign holds and that are not `vouched` for by an organization's own
    bucket is a group of its own: one operation spread over a few networks, even when their few
    requests were mostly cover. Two campuses' classes writing one assignment are each vouched for
    by their campus's bucket (`_JUDGED`)."""
    loose = [m for m in members if m not in uf.parent]
    if not loose:
        return  # nothing to attach (no need to find the roots)
    anchor = _holder(uf, members)
    if anchor is None and not spread:
        return
    joining = [m for m in loose if joins(m, tenants[m])]
    if anchor is None:
        joining = [m for m in joining if m not in vouched]
        if len(joining) < _RARE_MIN:
            return
        anchor = joining[0]
    for m in joining:
        uf.union(anchor, m)
    if joining:
        shared.append((anchor, (KIND[bk[0][0]], KIND[bk[1][0]])))


def _holder(uf: _UF, members: list[str]) -> str | None:
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


def _place_rotating(uf: _UF, bk: Bucket, members: list[str], shared: list[tuple[str, tuple[str, ...]]]) -> None:
    """A suspicious bucket of accounts that change their user agent on most requests places its
    unplaced accounts: with the campaign that already holds a third of it and two thirds of its
    placed accounts (`_LEAN_PLACED`, `_LEAN_ONE`), or else as a group of their own. It never merges
    campaigns: two operations may hide their clients alike and write the same everyday phrases."""
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


def _place_by_wording(tenants: dict[str, State], uf: _UF, wording: list[tuple[Bucket, list[str]]],
                      shared: list[tuple[str, tuple[str, ...]]], joint: AbstractSet[Bucket] = frozenset(),
                      crowd: AbstractSet[Bucket] = frozenset()) -> None:
    """Wording-only buckets place accounts nothing more specific linked; they never merge two
    campaigns, whether other evidence or an earlier wording bucket placed them. An account joins
    the campaign of the bucket's placed members whose hours it keeps (campaigns sharing a prompt
    pool keep different sessions), else it groups with the bucket's other unplaced accounts (for a
    bucket judged only with its phrase pool, `joint`, when those are not a few strays). Throwaway
    crowds (`crowd`) come last, as timing is the stronger evidence. Their accounts keep no hours, so
    hours cannot say which campaign one is in: it joins the group an earlier crowd made that holds
    most of the bucket (the accounts that wrote both wordings tie the two crowds together), else it
    groups with the bucket's other unplaced accounts; never a campaign that other evidence placed."""
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


def _join_wording_groups(tenants: dict[str, State], uf: _UF, wording: list[tuple[Bucket, list[str]]],
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


def _exclusive(infra: Token, members: int, infra_count: dict[Token, int]) -> bool:
    """Whether an infrastructure token is specific to the bucket: a billing contact, a billing
    domain (its bucket holds every account billed there), or a /24 that no account outside the
    bucket uses."""
    return infra[0] in "bd" or infra[0] == "i" and infra_count.get(infra, members) <= members


def _split(tok: Token) -> tuple[str, str]:
    """(user agent, parameters) of a client-signature token (`tokens_of` writes "agent|t=...")."""
    ua, _, params = str(tok[1]).rpartition("|t=")
    return ua, "t=" + params


def _owner(users: list[str], uf: _UF, tenants: dict[str, State], fits: Callable[[str, State], bool],
           share: float, least: int = 1) -> str | None:
    """The campaign (its root) that holds `share` of the users of a client or network, and at least
    `least` of them, when some user is unplaced and no established account outside that campaign
    (`_TINY` requests or more) without harvest intent of its own is among them; else None."""
    parent = uf.parent
    if len(users) < least or all(u in parent for u in users):
        return None
    held = Counter(uf.find(u) for u in users if u in parent)
    if not held:
        return None
    r, k = min(held.items(), key=lambda kv: (-kv[1], kv[0]))
    if k < least or k < share * len(users):
        return None
    if any((u not in parent or uf.find(u) != r) and tenants[u].n >= _TINY and not fits(u, tenants[u])
           for u in users if u in tenants):
        return None  # an established customer of its own uses it
    return r


def _own_network(tenants: dict[str, State], uf: _UF, index: Index,
                 fits: Callable[[str, State], bool]) -> list[tuple[str, str]]:
    """Accounts nothing else placed on a campaign's *own* network, with that campaign: a /24 that at
    least `_RARE_MIN` accounts use, `_NET_SHARE` of them placed in one campaign, and no established
    account outside it (`_TINY` requests or more) without harvest intent of its own. A campaign's
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
        r = _owner(on, uf, tenants, fits, _NET_SHARE) if len(on) >= _RARE_MIN else None
        if r is None:
            continue
        for t in on:
            if t not in parent and t not in taken and t in tenants and fits(t, tenants[t]):
                taken.add(t)
                out.append((t, r))
    return out


def _own_client(tenants: dict[str, State], uf: _UF, index: Index,
                fits: Callable[[str, State], bool]) -> list[tuple[str, str]]:
    """Accounts nothing else placed that use a campaign's *own* client configuration.

    A user agent with its exact parameter signature (temperature, max_tokens, logprobs, n) is
    the campaign's own when at least `_OWN_MIN` of its members and at least `_OWN_SHARE` of all
    its carriers are placed in that campaign, and no established account outside it (one with
    `_TINY` requests or more, so with a history of its own) uses it without showing harvest
    intent itself. A popular SDK at the parameters ordinary chat uses is carried by
    established honest customers too and stops qualifying once they are established; a
    residential-proxy campaign's accounts share no network, and one whose few requests were
    all cover chat shares no template, but both still send with the operation's client.

    Early in a week no honest user of a popular SDK's chat parameters has `_TINY` requests yet,
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
              if c not in parent and c in tenants and tenants[c].n >= _TINY}
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
    cover = {r: masks[r].bit_count() / max(1, min(168, int((hi - lo) // 3600) + 1)) for r, (lo, hi) in spans.items()}
    informative = {r for r, f in cover.items() if f <= _OWN_HOURS}

    def inside(st: State, r: str) -> bool:
        hours = st.week_mask.bit_count()
        return hours > 0 and 2 * (st.week_mask & masks[r]).bit_count() >= hours

    # a public client at public parameters: a user agent that independent established customers
    # send with (at any parameters), at parameters that independent established customers use
    # (with any agent); its tiny users are everyone's, and timing must single out the campaign's
    public: set[str] = set()
    for tok in sorted(carriers, key=repr):
        if any(c not in parent and tenants[c].n >= _TINY and not fits(c, tenants[c])
               for c in sorted(carriers[tok]) if c in tenants):
            ua, params = _split(tok)
            public |= {ua, "|" + params}
    out: list[tuple[str, str]] = []
    taken: set[str] = set()
    for tok in sorted(owner, key=repr):
        r = owner[tok]
        unplaced = [tid for tid in sorted(carriers.get(tok, ())) if tid not in parent and tid in tenants]
        tiny = [tenants[tid] for tid in unplaced if tenants[tid].n < _TINY]
        ua, params = _split(tok)
        pub = ua in public and "|" + params in public
        strays = sum(1 for st in tiny if not inside(st, r))
        f = min(cover.get(r, 1.0), 0.99)
        if strays * f / (1.0 - f) > _OWN_STRAY:
            continue  # independent users of this client: it is public, not the campaign's own
        for tid in unplaced:
            if tid in taken:
                continue
            st = tenants[tid]
            if st.n < _TINY:
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

