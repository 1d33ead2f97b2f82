"""Cross-tenant linking: group tenants that act as one coordinated operation.

Each tenant contributes *content* tokens (the instruction openings and system prompts it and the
template endings it uses most) and *infrastructure* tokens (/24 networks, billing contact, user
agent together with the parameter signature; `campaigns.tokens_of`). Tenants sharing a (content,
infrastructure) pair fall in one bucket (a shared /24 together with the same user agent and
parameters is a bucket too). Attributes differ in strength: a /24 that is mostly the group's own, or
a billing contact, is specific; a user agent with parameters is what every customer of a popular SDK
shares, so a bucket joined only by it must also show synchronized timing (`sync_lift`) to count, or
content that is rare in the whole population (a template opening that many throwaway accounts share
and almost no one else uses, on this network or on the few shared networks the campaign spreads
over, where its users are a group of their own, down to a handful of accounts per network for a
small campaign, or on this client at any parameters; throwaway accounts are tiny, or spent after
one sitting, as a relay of accounts used one after another is), or a template that is the
bucket's own on its client, nearly every member harvesting, established accounts too
(`_OWN_HARVEST`: one operator's program, whose accounts need keep no common hours). Content weighs
by that rarity too: a bucket whose content most of its users share elsewhere (everyday wording,
cover chat) only attaches accounts nothing more specific placed, and never merges two campaigns. A
bucket that counts but pools past watch and short of distilling (a campaign's accounts whose few
requests were mostly cover; or a handful of throwaway accounts, too few to score, on one of a small
campaign's ranges) attaches its unplaced accounts to the campaign that already holds a third of it:
those that show harvest intent of their own, or, when the bucket counts through its rare content,
any that the content speaks for (of a handful, only its throwaway accounts); a rare one whose
content the group holds on other networks too, and that no campaign holds, makes a crowd of such
accounts (at least `RARE_MIN`, none of them vouched for by an organization's own bucket) a group of
its own (`grouping._attach_leaning`). A bucket is suspicious
when the pooled traffic of its members scores high with the same scorer as a single tenant: 5,000
tiny accounts pooled look like the one distiller they are, while the many honest users of one
open-source app pooled still look honest. An operation that blends its harvest into an app's cover
traffic in every account hides it in the pooled traffic as in each account's: a bucket of shared
infrastructure whose pooled traffic counts for nothing (under `_LEAN`) is suspicious also when its
members' requests without the app's system prompt (`Monitor.bare`) pool high against all their
traffic (`grouping.pooled_bare`); such a bucket places only the members whose bare workloads it
pooled, and these count as harvesting in it whatever their whole traffic shows (`by_bare`). A
tenant joins a campaign when it sits in at least two suspicious buckets (one whose network or
billing contact is the group's alone counts as two, so a pair of accounts can link; one billing
contact or billing domain is one customer, and places all its accounts, those whose own traffic
shows no harvest intent too); campaigns are the connected components (union-find) of those tenants.
Last, an account nothing else placed joins the campaign whose *own client* it uses: a user agent
with its exact parameter signature that is carried mostly by that campaign's members
(residential-proxy accounts share no network, and an account whose few requests were all cover chat
shares no template, but both still send with the operation's client), provided its own traffic
agrees (timing for tiny accounts, harvest intent and shared content for larger ones); see
`grouping._own_client`. So does one on a /24 that is a campaign's own (nine tenths of its accounts,
thirty or more, are placed in it, and no established customer of its own uses it): an account whose
few requests were cover chat with a popular SDK shares nothing else with its operation
(`grouping._own_network`). Accounts billed at one organization's mail domain under different
addresses are one bucket too, which like a user agent needs synchronized timing (webmail domains
never count). An account that sends most of its requests with another user agent hides its client,
which no ordinary application does (nor, in its few requests, does a newcomer trying one client: an
account under `TINY` requests that changed its agent at all counts): that is infrastructure its kind
shares (`ROTATES_AGENT`), so such accounts writing the same content are a bucket without timing. It
places only the accounts that nothing else placed, wording included, with the campaign that already
holds a third of it or as a group of their own (`grouping._place_rotating`): two operations may hide
their clients alike and write the same everyday phrases, so it never merges campaigns, counts toward
no other bucket and ties no one (an established customer's users may also come through many SDK
versions). An account that takes a new network per request (`ROTATES_ADDRESS`, a residential
proxy's rotation, at any age) is placed the same way, except through everyday wording (`_COMMON`: a
bring-your-own-key app's users reach it from their many networks and chat as everyone does). Both are kinds of
account, not places, so a bucket of them needs `_ROTATING_MIN` members, not a share of all
rotating accounts. Last, wording alone: every account that uses a content token is one bucket, for
campaigns whose accounts share no network, client or billing (residential proxies, a client per
account, prompts composed per request from one phrase pool). Such a bucket counts when its members crowd into
the same hours far more than independent users would (`density`, which counts members per hour and
so still sees a campaign's sessions when outsiders fill the rest of the week), no established
customer writes the wording as everyone does (`_everyday`), and the members that keep the group's
hours and show harvest intent themselves pool as distilling; it places only those members, and never
merges two campaigns, whichever evidence placed them (`grouping._place_by_wording`); groups that
only wording placed join when they write from the same phrases in the same proportions (one
campaign's teams working different shifts, `grouping._join_wording_groups`), and an account a
bucket met before its campaign had grown into the hours it keeps joins that campaign once every
other placement is done (`grouping._place_stragglers`). A campaign that
composes its asks from many phrases spreads its accounts over as many buckets, each maybe too thin
to pool as distilling alone: such buckets that share accounts are judged together
(`_judge_jointly`). A campaign whose throwaway accounts trickle in at any hour crowds into no
sessions; wording that at least `RARE_MIN` accounts write and no established account does (bar
accounts that shared infrastructure already ties to a campaign) is a throwaway crowd's all the same,
and its tiny accounts with harvest intent are placed when they pool as distilling
(`_throwaway_crowd`), unless half or more of its accounts that came back sent the same request
again at the same settings (`_reasks`: newcomers trying one popular example, where a harvest sweeps
its slots); hours say nothing about such accounts, so they group with the crowds they share
accounts with, never with a campaign other evidence placed. Wording that counts by its
sessions and is a throwaway crowd's too (`trickle`: two arms of one operation, or two operations,
writing one phrase pool, one in sessions and one at any hour) also pools and places its tiny
accounts with harvest intent that keep none of its hours and came back after one sitting (a
newcomer trying the phrases asks in one visit), last and on a crowd's terms
(`grouping._place_trickle`). Wording never overrules an organization's own traffic: accounts
whose bucket on a /24 that is mostly theirs (or one billing contact) pooled enough traffic and
scored honest are left out of it (`_JUDGED`: a class of students
on its campus network, writing one assignment's wording in lab sessions and asking for long essays,
pools as a class; its essay writers pooled with another class's would not). A campaign scores its
pooled traffic plus what the split itself says: an honest customer does not spread its work over
many accounts that share a template, a network or a client, so each doubling of the linked accounts
adds log-odds to the pooled score, up to a cap (`campaign_score`). Those log-odds do not count for a
member that does not send like the rest (another client, or a settled address among rotating ones;
`fingerprint`): wording may have linked an outsider. Every pass runs in sorted order, so the same
traffic gives the same campaigns in any process."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping

from gatehouse.monitor.campaigns import (
    INTENT_MIN,
    RARE_MIN,
    ROTATES_ADDRESS,
    ROTATING,
    TINY,
    WORDING_ONLY,
    Bucket,
    Campaign,
    Token,
    billing_domain,
    split_client,
    tokens_of,
)
from gatehouse.monitor.grouping import Findings, Pooled, Shape, UnionFind, components, pooled_bare
from gatehouse.monitor.scorer import score_state
from gatehouse.monitor.state import F, State, merge_view
from gatehouse.monitor.synchrony import DENSE_MIN, DENSE_SPAN, SYNC_MIN, density, keeps_hours, sync_lift

__all__ = ["Linker", "link"]

_COHERENCE = 0.12
# A rotating client or network is a kind of account, not a place: every such account in the
# population shares it, so this many of them writing one content are coherent however many others
# rotate (`ROTATING`).
_ROTATING_MIN = 10
_IP_COHERENCE = 0.5  # a /24 mostly this group's is specific (cloud NAT ranges are shared)
# a user agent with parameters, or a billing domain, is shared by many unrelated customers: a bucket
# joined only by one needs synchronized timing (`SYNC_MIN`) or rare content
_WEAK = frozenset("ud")
# Accounts billed at one organization's mail domain (distinct addresses, one domain) are one
# customer's: all of a domain's accounts form one bucket, which needs synchronized timing like any
# weak link, and the pooled score decides whether that organization is distilling. Webmail
# domains say nothing about who is behind an account.
_ORG = ("n", "")
# Content rare in the whole population stands in for timing: an instruction opening, template
# ending or system prompt that at least `RARE_MIN` accounts share and that almost nobody outside
# this bucket uses (at least `_RARE_SHARE` of all its users are here). A campaign's own template
# qualifies however loosely its sessions overlap; an opening every chat user writes ("can you help
# me ...") is spread over many clients and parameter sets and does not. The path is for throwaway
# accounts: at least half the members must be tiny (established customers link only by timing).
_RARE_SHARE = 0.8
_RARE_TINY = 0.5
# A member counts towards that half when it is tiny or spent: used for one sitting of a few hours
# and not since for a day, with no history of its own (a relay of accounts used one after another,
# each for a stint). Every new account looks like one sitting at first: the day of silence tells.
_STINT_HOURS = 6.0
_STINT_IDLE_HOURS = 24.0
_STINT_MAX = 50
# A few throwaway accounts on one shared range (at least `_FEW_MIN`, under `RARE_MIN`) hold rare
# content too when its writers are a crowd (`_FEW_SPREAD`), at least `_RARE_SHARE` of them in such
# groups on their ranges, and this range holds a `_FEW_NETS`th of those: a small campaign spread over
# a few shared cloud or carrier ranges writes each of its templates in a handful of accounts per
# range, where an everyday opening (even one a large campaign writes too) sits on many more. Such a
# bucket pools too few requests to score (volume confidence), so it leans even when it pools under
# `_LEAN`, and it places only its throwaway members: an established customer on the range may write
# the template too.
_FEW_MIN = 5
_FEW_SPREAD = 20
_FEW_NETS = 6
# A client's parameter signature that is mostly this content's writers (at least `_IP_COHERENCE`
# of its accounts) holds rare content too when the content's writers are at least `_RARE_SHARE`
# on that client at any parameters: a campaign that jitters its temperature per account spreads
# its writers over several signatures of one client, each a share of them. Not for members that hold
# most of a /24 (`_on_own_network`): a class on its campus network is judged as its organization.
# Rare content need not be a large share of its network: a campaign that writes from many templates
# spreads its accounts over as many buckets on each cloud range it shares, each a small share of it
# (rarity across the population, not the network, is what tells it from everyday wording).
_RARE_COHERENCE = 0.05
# A template of the group's own on its client stands in for timing too, for established accounts
# as well: content that almost nobody else writes (at least `_RARE_SHARE` of its writers send with
# the bucket's user agent, at any parameters), in a crowd of `RARE_MIN` accounts or more, at least
# `_OWN_HARVEST` of whom show harvest intent of their own. Others may send with that client at the
# same parameters (a phone farm's common Android client): the template is what is the group's. An
# app's own client and system prompt are its users', who mostly use it for what the app does (a
# browser extension's summaries), and a campaign posing as them is a share of them, so that
# bucket fails the harvest share. A program asking what only these accounts ask, every one of them
# harvesting, is one operator's (a labeling vendor's "workers" in eight time zones keep no common
# hours). An honest organization's accounts on an internal tool are one customer, and the pooled
# score judges them as one.
_OWN_HARVEST = 0.9
# A bucket that counts (specific, rare or synchronized) and pools past watch but short of distilling
# (a campaign's accounts whose few requests were mostly its cover) leans towards a campaign: it
# attaches its unplaced accounts to the campaign that already holds at least a third of its members
# and two thirds of its placed ones, those with harvest intent of their own (any tiny one when the
# bucket counts through rare content: a template a crowd of throwaway accounts holds alone).
_LEAN = 0.35
# Content that most of its users share outside a bucket (everyday openings, a campaign's cover
# chat split over many parameter sets) is weak evidence of *which* campaign an account is in: such
# a bucket attaches accounts that nothing more specific links, but never merges two campaigns.
_COMMON = 0.5
# wording is shared by crowds: such a bucket is pooled again once its membership moved by a tenth
_WORDING_STEP = 0.1
# A crowd whose accounts mostly send the same request again at the same settings is newcomers
# trying one popular example and pressing regenerate; a harvest sweeps its template's slots (or
# varies its settings). Counted over the members with two requests or more, at least this share
# re-asking in at least this share of their requests.
_REASK = 0.5
# Wording never overrules an organization's own traffic: accounts on a /24 that is mostly theirs (or
# billed to one contact) whose bucket with the same wording pooled at least this many requests and
# scored honest are that organization's, judged as one (a class of students on one campus network
# writing one assignment), and the wording path leaves them out.
_JUDGED = 200
# ... except a crowd of `RARE_MIN` accounts or more on one /24 whose pooled traffic both asks for
# harvest and covers broad ground (the two factors of `scorer.combine`): a class writes one
# assignment, narrow however much it asks; a campaign's own range of cover-heavy accounts harvests
# across topics. Read with a sketch that sees a group's whole vocabulary (`state.KMV_K`), one course's
# classes pool at coverage 0.45-0.59 and campaigns' own ranges at 0.655 and above.
_VOUCH_INTENT = 0.4
_VOUCH_COVER = 0.62


class Linker:
    """Incremental linking: only tenants seen since the last pass have their tokens rebuilt,
    and only buckets whose membership or members changed are pooled and scored again."""

    def __init__(self, min_score: float = 0.6, max_bucket: int = 50000, wording: bool = True) -> None:
        self.min_score = min_score
        self.now = 0.0  # the latest request seen (`_spent`)
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
        # wording-only buckets that count by their hours and are a throwaway crowd's too (`_trickling`)
        self.trickle: set[Bucket] = set()
        self.joint: set[Bucket] = set()  # weak buckets that pooled as distilling together
        self._joint_scored: dict[tuple[Bucket, ...], tuple[int, bool]] = {}
        self.vouched: set[str] = set()  # their members, whom wording-only buckets leave out
        self.leaning: set[Bucket] = set()  # buckets that count but pool short of distilling, past watch (`_LEAN`)
        self.rare: set[Bucket] = set()  # buckets that count through rare content (see `components`)
        # rare buckets on a network whose content the group also holds on others (see `grouping._attach_leaning`)
        self.spread: set[Bucket] = set()
        self._intent: dict[str, tuple[int, float]] = {}
        # each tenant's requests without the system prompt it sends beside them (`Monitor.bare`), as of
        # the last `update`
        self.bare: Mapping[str, State] = {}
        # buckets that count only through their members' pooled bare workloads (`pooled_bare`)
        self.by_bare: set[Bucket] = set()
        self.scored: dict[Bucket, tuple[int, int]] = {}
        self.infra_of: dict[str, set[tuple[str, object]]] = {}
        self.infra_count: dict[tuple[str, object], int] = defaultdict(int)
        self.carriers: dict[tuple[str, object], set[str]] = defaultdict(set)  # client signature -> tenants
        self.content_of: dict[str, set[tuple[str, object]]] = {}
        self.content_users: dict[tuple[str, object], set[str]] = defaultdict(set)
        # `_spread` of each content (and least group) this pass (memberships are fixed)
        self._spread_of: dict[tuple[Token, int], int] = {}
        self._on_client_of: dict[tuple[Token, str], int] = {}  # `_on_client`, likewise
        self._pooled: dict[str, Pooled] = {}  # by campaign root
        self._shapes: dict[str, Shape] = {}  # by campaign root

    def intent(self, tid: str, s: State) -> float:
        cached = self._intent.get(tid)
        if cached is None or cached[0] != s.n:
            cached = self._intent[tid] = (s.n, score_state(s).intent)
        return cached[1]

    def harvests(self, tid: str, s: State) -> bool:
        """Whether the tenant's own traffic shows harvest intent."""
        return self.intent(tid, s) >= INTENT_MIN

    def fits(self, tid: str, s: State) -> bool:
        return s.n < TINY or self.harvests(tid, s)

    def _harvests_in_hours(self, tid: str, s: State, dense: int) -> bool:
        """A wording-only bucket places an account (of any size) only when it keeps the group's
        hours and its own requests show harvest intent: an account whose few requests were short
        chat in everyday wording is anyone's."""
        return keeps_hours(s, dense) and self.harvests(tid, s)

    def _wording_members(self, bk: Bucket, tenants: dict[str, State]) -> list[str]:
        """The members a wording-only bucket places: those that harvest in the group's hours, or for a
        throwaway crowd its tiny accounts that show harvest intent (their hours say nothing)."""
        if bk in self.crowd:
            return [m for m in self._group(bk) if tenants[m].n < TINY and self.harvests(m, tenants[m])]
        return [m for m in self._group(bk) if self._harvests_in_hours(m, tenants[m], self.dense[bk])]

    def _trickling(self, bk: Bucket, tenants: dict[str, State]) -> list[str]:
        """The tiny accounts with harvest intent that keep none of the hours of a wording-only bucket
        that counts by them and is a throwaway crowd's too (`trickle`), and that came back after one
        sitting (`_one_sitting`): an arm of the operation that trickles in at any hour, writing the
        phrases its sessions write. A newcomer trying the phrases asks in one visit. They pool with
        the bucket and are placed last (`grouping._place_trickle`)."""
        dense = self.dense[bk]
        return [m for m in self._group(bk) if tenants[m].n < TINY and not _one_sitting(tenants[m])
                and not keeps_hours(tenants[m], dense) and self.harvests(m, tenants[m])]

    def _throwaway_crowd(self, bk: Bucket, group: list[str], tenants: dict[str, State]) -> bool:
        """Whether a wording-only bucket is a crowd of throwaway accounts: at least `RARE_MIN` that no
        organization vouches for, every writer of the wording tiny or already tied to a campaign (in a
        suspicious bucket of shared infrastructure; honest wording, however popular with newcomers,
        is written by established customers too), over a day at least (before that no honest
        writer has had the time to become established), and not re-asking (`_reasks`, `_REASK`)."""
        if len(group) < RARE_MIN:
            return False
        if any(tenants[m].n >= TINY and not self._tied(m) for m in self._members(bk)):
            return False
        states = [tenants[m] for m in group]
        if max(st.last_ts for st in states) - min(st.first_ts for st in states) < DENSE_SPAN * 3600:
            return False
        again = [st for st in states if st.n >= 2]
        return not again or sum(1 for st in again if _reasks(st)) < _REASK * len(again)

    def _tied(self, tid: str) -> bool:
        """Whether a suspicious bucket of shared infrastructure holds the tenant (not wording alone,
        nor a rotating user agent, which an established customer's many users may also show)."""
        return any(b[1] != WORDING_ONLY and b[1] not in ROTATING and b in self.suspicious
                   for b in self.member_of.get(tid, ()))

    def _group(self, bk: Bucket) -> list[str]:
        """A wording-only bucket's members that no organization's own bucket vouches for."""
        return [m for m in self._members(bk) if m not in self.vouched]

    def _members(self, bk: Bucket) -> list[str]:
        members = self._sorted.get(bk)
        if members is None:
            members = self._sorted[bk] = sorted(self.buckets[bk])
        return members

    def _common(self, bk: Bucket) -> bool:
        """Whether most of the bucket's content's users write it outside the bucket (`_COMMON`)."""
        return len(self.buckets[bk]) < _COMMON * len(self.content_users.get(bk[0], ()))

    def _placed(self, bk: Bucket, tenants: dict[str, State]) -> list[str]:
        """The members a bucket of shared infrastructure places: all, but only the throwaway ones of a
        few accounts' rare content (an established customer on the range may write it too), and only
        those with a bare workload of a bucket that counts through those (`by_bare`)."""
        members = self._members(bk)
        if bk in self.by_bare:
            members = [m for m in members if m in self.bare]
        if not self._few(bk):
            return members
        return [m for m in members if self._throwaway(tenants[m])]

    def _few(self, bk: Bucket) -> bool:
        """Whether the bucket counts through the rare content of a few accounts (under `RARE_MIN`) on
        one of a small campaign's shared ranges."""
        return bk in self.rare and len(self.buckets[bk]) < RARE_MIN

    def _rare(self, bk: Bucket, states: list[State]) -> bool:
        """Whether the bucket's content is specific to it: shared by many mostly tiny accounts
        and used by almost no one else (weighed by population rarity, not by timing); on a shared
        /24, down to a few accounts of a small campaign's (`_FEW_MIN`)."""
        members = len(states)
        if bk[0][0] in "un" or members < (_FEW_MIN if bk[1][0] == "i" else RARE_MIN):
            return False
        if sum(1 for st in states if self._throwaway(st)) < _RARE_TINY * members:
            return False
        users = len(self.content_users.get(bk[0], ())) or members
        if members < RARE_MIN:
            spread = self._spread(bk[0], _FEW_MIN)
            return spread >= _FEW_SPREAD and spread >= _RARE_SHARE * users and members * _FEW_NETS >= spread
        if members >= _RARE_SHARE * users:
            return True
        if (bk[1][0] == "u" and members >= _IP_COHERENCE * self.infra_count.get(bk[1], members)
                and not self._on_own_network(self._members(bk))):
            return self._on_client(bk[0], split_client(bk[1])[0]) >= _RARE_SHARE * users
        return bk[1][0] == "i" and self._spread(bk[0]) >= _RARE_SHARE * users

    def _own_template(self, bk: Bucket, tenants: dict[str, State]) -> bool:
        """Whether the bucket is a client's writers of content that is theirs alone, nearly every
        one of them harvesting (`_OWN_HARVEST`)."""
        members = self._members(bk)
        if bk[1][0] != "u" or bk[0][0] in "un" or len(members) < RARE_MIN:
            return False
        writers = len(self.content_users.get(bk[0], ()))
        return (self._on_client(bk[0], split_client(bk[1])[0]) >= _RARE_SHARE * writers
                and sum(1 for m in members if self.harvests(m, tenants[m])) >= _OWN_HARVEST * len(members))

    def _throwaway(self, st: State) -> bool:
        """Tiny (`TINY`) or spent (`_spent`): an account with no history of its own."""
        return st.n < TINY or self._spent(st)

    def _spent(self, st: State) -> bool:
        """Used for one sitting (`_one_sitting`) and not since for a day, as of the latest request seen."""
        return (st.n < _STINT_MAX and _one_sitting(st)
                and self.now - st.last_ts >= _STINT_IDLE_HOURS * 3600.0)

    def _on_own_network(self, members: list[str]) -> bool:
        """Whether the members hold most of some /24 (an organization's own network, such as a class on
        its campus, which is judged as that organization)."""
        on = Counter(i for m in members for i in self.infra_of.get(m, ()) if i[0] == "i")
        return any(k >= _IP_COHERENCE * self.infra_count.get(i, k) for i, k in on.items())

    def _on_client(self, content: Token, client: str) -> int:
        """How many of the content's writers send with `client` (a user agent) at any parameters."""
        key = (content, client)
        cached = self._on_client_of.get(key)
        if cached is None:
            cached = self._on_client_of[key] = sum(
                1 for u in self.content_users.get(content, ())
                if any(i[0] == "u" and split_client(i)[0] == client for i in self.infra_of.get(u, ())))
        return cached

    def _spread(self, content: Token, least: int = RARE_MIN) -> int:
        key = (content, least)
        cached = self._spread_of.get(key)
        if cached is None:
            cached = self._spread_of[key] = self._count_spread(content, least)
        return cached

    def _count_spread(self, content: Token, least: int) -> int:
        """How many of the content's users sit on a network where its users are a group of their own
        (at least `least` of them and `_RARE_COHERENCE` of the network): a campaign spread over a few
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
                    ok = grouped[i] = here >= least and here >= _RARE_COHERENCE * self.infra_count.get(i, 1)
                if ok:
                    count += 1
                    break
        return count

    def _everyday(self, bk: Bucket, tenants: dict[str, State], dense: int) -> bool:
        """Whether established customers use the wording as everyone does: an account with a
        history of its own (`TINY` requests or more), outside the group's hours and without harvest
        intent of its own, writes it too."""
        return any(tenants[m].n >= TINY and not keeps_hours(tenants[m], dense) and not self.fits(m, tenants[m])
                   for m in self._members(bk))

    def update(self, tenants: dict[str, State], dirty: set[str],
               bare: Mapping[str, State] | None = None) -> list[Campaign]:
        if bare is not None:
            self.bare = bare
        touched: set[Bucket] = set()
        # sorted passes: the result must not depend on set order (string hashing differs per process)
        for tid in sorted(dirty):
            s = tenants[tid]
            self.now = max(self.now, s.last_ts)
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
                new |= {(c, WORDING_ONLY) for c in content}
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
        self._on_client_of.clear()
        # wording-only buckets last: they leave out accounts their organization's buckets judged
        wording = {bk for bk in touched if bk[1] == WORDING_ONLY}
        verdicts = [bk for bk in sorted(touched) if bk[1] != WORDING_ONLY and self._judge(bk, tenants)]
        if verdicts or not touched.isdisjoint(self.cleared):
            self.vouched = {m for bk in sorted(self.cleared) for m in self.buckets[bk]}
            # an organization's accounts newly judged honest, or no longer: their wording is judged again
            for bk in verdicts:
                for m in self.buckets.get(bk, ()):
                    again = {b for b in self.member_of[m] if b[1] == WORDING_ONLY}
                    for b in again - wording:
                        self.scored.pop(b, None)
                    wording |= again
        for bk in sorted(wording):
            self._judge(bk, tenants)
        if wording:
            self._judge_jointly(tenants)
        common = {bk for bk in self.suspicious if bk[0][0] != "u" and self._common(bk)}
        # a wording-only bucket places only the members that keep the group's hours (or a crowd's throwaways)
        placed = [(bk, self._wording_members(bk, tenants) if bk[1] == WORDING_ONLY else self._placed(bk, tenants))
                  for bk in sorted(self.suspicious)]
        # ... and a trickle's tiny accounts outside its hours are placed last, on a crowd's terms
        trickle = [(bk, self._trickling(bk, tenants)) for bk in sorted(self.trickle) if bk in self.suspicious]
        lean = [(bk, self._placed(bk, tenants)) for bk in sorted(self.leaning)]
        index = (self.infra_of, self.infra_count, self.content_of, self.content_users, self.carriers)
        found = Findings(placed, common=common, joint=self.joint, crowd=self.crowd, trickle=trickle, lean=lean,
                         rare=self.rare, spread=self.spread, vouched=self.vouched, index=index,
                         fits=self.fits, harvests=self.harvests, bare=self.bare, by_bare=self.by_bare)
        return components(tenants, found, self._pooled, self._shapes)

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
            self.trickle.discard(bk)
            self.leaning.discard(bk)
            self.rare.discard(bk)
            self.spread.discard(bk)
            self.by_bare.discard(bk)
            if not members:
                self.buckets.pop(bk, None)
            return was
        # coherence: most tenants on this network / agent / contact share the content too;
        # a cloud NAT range shared by unrelated customers does not qualify
        # (a /24 shared by unrelated customers qualifies only by synchronized timing or rare content)
        share = len(members) / max(1, self.infra_count.get(bk[1], len(members)))
        coherent = share >= _COHERENCE or bk[1] in ROTATING and len(members) >= _ROTATING_MIN
        timed = bk[1][0] in _WEAK or (bk[1][0] == "i" and share < _IP_COHERENCE)
        last = self.scored.get(bk)
        if bk[1] == WORDING_ONLY:
            if last is not None and abs(len(members) - last[0]) < _WORDING_STEP * last[0]:
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
        if bk[1] == WORDING_ONLY:
            # the group is the members no organization vouches for that keep its hours (a throwaway
            # crowd's: its tiny accounts with harvest intent), and they must pool as distilling: an
            # honest crowd in one time zone is dense too, but pools as itself
            group = self._group(bk)
            states: list[State] = []
            lift, dense = density([tenants[m] for m in group]) if len(group) >= RARE_MIN else (0.0, 0)
            self.dense[bk] = dense
            ok = lift >= DENSE_MIN and not self._everyday(bk, tenants, dense)
            self.crowd.discard(bk)
            self.trickle.discard(bk)
            if self._throwaway_crowd(bk, group, tenants):
                if ok:
                    self.trickle.add(bk)
                else:
                    self.crowd.add(bk)
                    ok = True
            if ok:
                harvesting = self._wording_members(bk, tenants)
                if bk in self.trickle:
                    harvesting += self._trickling(bk, tenants)
                states = [tenants[m] for m in harvesting]
                self.weak[bk] = harvesting
                ok = len(states) >= RARE_MIN
            else:
                self.weak.pop(bk, None)
        else:
            states = [tenants[m] for m in self._members(bk)]
            rare = timed and share >= _RARE_COHERENCE and self._rare(bk, states)
            ok = (coherent or rare) and (not timed or rare or self._own_template(bk, tenants)
                                         or sync_lift(states) >= SYNC_MIN)
        pooled = score_state(merge_view(states)) if ok else None
        score = pooled.score if pooled is not None else 0.0
        # an operation that blends its harvest into an app's cover in every account shows it in
        # their requests without the app's system prompt (`pooled_bare`); only where the pooled
        # traffic counts for nothing (under `_LEAN`), so what it places stays its own
        bare = None
        if pooled is not None and bk[1] != WORDING_ONLY and score < _LEAN:
            bare = pooled_bare(self._members(bk), self.bare, pooled.intent)
        if bare is not None and bare.score > score:
            score = bare.score
            self.by_bare.add(bk)
        else:
            self.by_bare.discard(bk)
        suspicious = ok and score >= self.min_score
        if rare:
            self.rare.add(bk)
        else:
            self.rare.discard(bk)
        if rare and bk[1][0] == "i" and self._spread(bk[0]) > len(states):
            self.spread.add(bk)
        else:
            self.spread.discard(bk)
        # a rotating network leans only through wording of its own, as it places (`grouping.components`)
        everyday = bk[1] == ROTATES_ADDRESS and self._common(bk)
        if ok and bk[1] != WORDING_ONLY and not suspicious and not everyday and (score >= _LEAN or self._few(bk)):
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
        broad = (bk[1][0] == "i" and len(states) >= RARE_MIN and pooled is not None
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
        more than one of the phrases) they are judged like one bucket: at least `RARE_MIN` accounts
        that crowd into the same hours and pool as distilling. Each bucket still places only its own
        members that keep its hours. Throwaway crowds (`_throwaway_crowd`) form pools of their own, judged
        without timing, as each of them is."""
        uf = UnionFind()
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
            if len(accounts) < RARE_MIN:
                continue
            key = tuple(part)
            last = self._joint_scored.get(key)
            if last is not None and abs(len(accounts) - last[0]) < _WORDING_STEP * last[0]:
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


def _reasks(st: State) -> bool:
    """Whether an account sends the same request again at the same settings in at least `_REASK`
    of its requests (`F.REPEAT` counts a repeat at any temperature, `F.TSWEEP` one at another)."""
    return st.mean[F.REPEAT] - st.mean[F.TSWEEP] >= _REASK


def _one_sitting(st: State) -> bool:
    """Whether all of an account's requests fall within one sitting (`_STINT_HOURS`)."""
    return st.last_ts - st.first_ts <= _STINT_HOURS * 3600.0


def link(tenants: dict[str, State], min_score: float = 0.6, wording: bool = True) -> list[Campaign]:
    """One full linking pass over every tenant (see `Linker` for the incremental one)."""
    return Linker(min_score, wording=wording).update(tenants, set(tenants))
