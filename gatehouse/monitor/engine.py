"""`Monitor`: the one feature/scoring core behind both the live sink and `gatehouse detect`.

`observe(features)` updates the key's and tenant's state (and rescores them every few
requests); `tick(now)` runs the cross-tenant pass (campaigns) and records first flags. A
flag may use only what was observed up to that moment, so a replay in time order gives
each tenant's `first_flag_ts` and `requests_before_flag`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from gatehouse.monitor.campaigns import Campaign, keep_ids
from gatehouse.monitor.features import Features
from gatehouse.monitor.kin import HoursTie, Kin, hours_kin_of, hours_kin_score, kin_of, kin_score
from gatehouse.monitor.linker import Linker
from gatehouse.monitor.scorer import (Score, Thresholds, logit, lowered, matured_logit, score_bare, score_state,
                                     verdict_of)
from gatehouse.monitor.state import State

__all__ = ["Monitor", "Settings", "Assessment", "Flag", "CLEARED_AT", "HELD_UNDER_BLOCK"]

CLEARED_AT = 0.3  # what a cleared false alarm's level scores under the baseline it teaches (under watch)
HELD_UNDER_BLOCK = 0.01  # a member off its campaign's fingerprint scores at most this far under block


@dataclass(frozen=True)
class Settings:
    thresholds: Thresholds = field(default_factory=Thresholds)
    rescore_every: int = 20
    campaign_min_score: float = 0.7
    tick_seconds: float = 3600.0
    link_by_wording: bool = True  # see `campaigns.density`


@dataclass(frozen=True)
class Flag:
    ts: float
    requests_before: int
    score: float


@dataclass(frozen=True)
class Assessment:
    """The current judgment of one tenant."""

    tenant: str
    score: float
    verdict: str
    evidence: list[str]
    keys: list[tuple[str, float]]
    samples: list[str]
    campaign: str | None


class Monitor:
    """In-memory state for every key and tenant seen; not thread-safe (one owner task)."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.keys: dict[str, State] = {}
        self.tenants: dict[str, State] = {}
        self.keys_of: dict[str, list[str]] = {}
        self.key_scores: dict[str, Score] = {}
        self.tenant_scores: dict[str, Score] = {}
        # a tenant's requests without a system prompt once it has sent one, scored on their own like
        # a key (`observe`)
        self.bare: dict[str, State] = {}
        self.bare_scores: dict[str, Score] = {}
        self.baselines: dict[str, float] = {}
        self.campaigns: list[Campaign] = []
        self.campaign_of: dict[str, Campaign] = {}
        self.restored_ids: dict[str, str] = {}  # each member's campaign id in a restored checkpoint, till a pass
        self.first_flag: dict[str, Flag] = {}
        self.count_after: dict[str, tuple[float, int]] = {}  # evaluation: requests since a time
        self.flag_after: dict[str, int] = {}  # evaluation: that count when the tenant was flagged
        self.last_tick = 0.0
        self.now = 0.0
        self.linker = self.new_linker()
        self.dirty: set[str] = set()
        self._kin: dict[str, Kin] | None = None  # since the last cross-tenant pass, once asked (`kin`)
        self._hours_kin: dict[str, HoursTie] | None = None  # likewise (`hours_kin`)

    def new_linker(self) -> Linker:
        """An empty linker with this monitor's settings."""
        return Linker(self.settings.campaign_min_score, wording=self.settings.link_by_wording)

    def observe(self, f: Features) -> None:
        ks = self.keys.get(f.key)
        ts_ = self.tenants.get(f.tenant)
        if ks is None:
            ks = self.keys[f.key] = State()
            keys = self.keys_of.setdefault(f.tenant, [])
            keys.append(f.key)
            if ts_ is None:  # a one-key tenant shares its key's state until a second key appears
                ts_ = self.tenants[f.tenant] = ks
            elif len(keys) == 2:
                ts_ = self.tenants[f.tenant] = copy.deepcopy(ts_)
        assert ts_ is not None
        ks.observe(f)
        if ts_ is not ks:
            ts_.observe(f)
        self.dirty.add(f.tenant)
        self.now = max(self.now, f.ts)
        watch = self.count_after.get(f.tenant)
        if watch is not None and f.ts >= watch[0]:
            self.count_after[f.tenant] = (watch[0], watch[1] + 1)
        if self._due(ks.n):
            self.key_scores[f.key] = score_state(ks, self.baselines.get(f.tenant, 0.0))
            self._check(f.tenant, f.ts)
        if self._due(ts_.n):
            # a one-key tenant's state is its key's, scored just above
            self.tenant_scores[f.tenant] = self.key_scores[f.key] if ts_ is ks else score_state(
                ts_, self.baselines.get(f.tenant, 0.0))
            self._check(f.tenant, f.ts)
        if not f.sys_hash and f.completion_tokens and ts_.systems:
            # an app sends its system prompt with every request: requests without one beside it are
            # a second workload, and a harvest blended into the app's traffic would be averaged away
            # (those that generated nothing, such as its embeddings, harvest nothing)
            bare = self.bare.get(f.tenant)
            if bare is None:
                bare = self.bare[f.tenant] = State()
            bare.observe(f)
            if self._due(bare.n):
                self.bare_scores[f.tenant] = self._score_bare(f.tenant)
                self._check(f.tenant, f.ts)
        if self.last_tick == 0.0:
            self.last_tick = f.ts
        elif f.ts - self.last_tick >= self.settings.tick_seconds:
            self.tick(f.ts)

    def _score_bare(self, tenant: str) -> Score:
        """The bare workload's score (`observe`), raised against the tenant's whole traffic
        (`scorer.score_bare`)."""
        whole = self.tenant_scores.get(tenant)
        return score_bare(self.bare[tenant], whole.intent if whole is not None else None,
                          self.baselines.get(tenant, 0.0))

    def _due(self, n: int) -> bool:
        """Whether a state that has just seen its n-th request is rescored now: every
        `rescore_every` requests, and at `min_requests`, the first moment a verdict can flag."""
        return n % self.settings.rescore_every == 0 or n == self.settings.thresholds.min_requests

    def tick(self, now: float | None = None) -> None:
        """Cross-tenant pass: relink campaigns, then check every campaign member's flag."""
        now = self.now if now is None else now
        self.last_tick = now
        self.campaigns = keep_ids(self.linker.update(self.tenants, self.dirty, self.bare), self._earlier_id)
        self.dirty = set()
        self.campaign_of = {t: c for c in self.campaigns for t in c.tenants}
        self.restored_ids = {}
        self._kin = None
        self._hours_kin = None
        for c in self.campaigns:
            for t in c.tenants:
                self._check(t, self.tenants[t].last_ts)

    def _earlier_id(self, tenant: str) -> str | None:
        """The id of the campaign that held the tenant after the last pass (`campaigns.keep_ids`)."""
        c = self.campaign_of.get(tenant)
        return c.id if c is not None else self.restored_ids.get(tenant)

    def finish(self, tenants: set[str] | None = None, relink: bool = True) -> None:
        """Score now: the given tenants (default all) and their keys, then campaigns. With
        `relink` the campaigns are rebuilt from scratch, so the result depends only on the
        traffic observed, not on when earlier ticks ran; without it the pass is incremental."""
        targets = set(self.tenants) if tenants is None else tenants & set(self.tenants)
        for tid in targets:
            b = self.baselines.get(tid, 0.0)
            state, keys = self.tenants[tid], self.keys_of.get(tid, [])
            for k in keys:
                self.key_scores[k] = score_state(self.keys[k], b)
            one_key = len(keys) == 1 and self.keys[keys[0]] is state  # a one-key tenant's state is its key's
            self.tenant_scores[tid] = self.key_scores[keys[0]] if one_key else score_state(state, b)
            if tid in self.bare:
                self.bare_scores[tid] = self._score_bare(tid)
        if relink:
            self.linker = self.new_linker()
            self.dirty = set(self.tenants)
        self.tick(self.now)
        for tid in targets:
            self._check(tid, self.tenants[tid].last_ts)

    def kin(self) -> dict[str, Kin]:
        """The accounts outside every listed campaign that write one's wording (`kin`), as of the
        last cross-tenant pass."""
        if self._kin is None:
            self._kin = kin_of(self.campaigns, self.settings.campaign_min_score, self.tenants, self.linker)
        return self._kin

    def hours_kin(self) -> dict[str, HoursTie]:
        """The young accounts outside every listed campaign that keep one's hours (`hours_kin_of`),
        as of the last cross-tenant pass."""
        if self._hours_kin is None:
            self._hours_kin = hours_kin_of(self.campaigns, self.settings.campaign_min_score, self.tenants)
        return self._hours_kin

    def campaign_level(self, c: Campaign, tenant: str) -> float:
        """What a campaign says of one member (`Campaign.score_of`), held under the block threshold
        for a member off its fingerprint: wording linked it and it does not send like the operation,
        so an analyst decides, not the block."""
        level = c.score_of(tenant)
        if tenant in c.atypical:
            level = min(level, self.settings.thresholds.block - HELD_UNDER_BLOCK)
        return level

    def _link_levels(self, tenant: str, kin: bool = True) -> list[tuple[float, int]]:
        """(score, requests behind it) of each link that scores the tenant beyond its own traffic,
        before its baseline: its campaign (`campaign_level`), then the campaign whose wording it
        writes (`kin`) and the campaign whose hours it keeps (`hours_kin`); both left out when `kin`
        is False."""
        links: list[tuple[float, int]] = []
        c = self.campaign_of.get(tenant)
        if c is not None:
            links.append((self.campaign_level(c, tenant), c.requests))
        tie = self.kin().get(tenant) if kin else None
        if tie is not None:
            level = kin_score(tie.share, tie.intent, tie.writes, self.settings.thresholds)
            links.append((level, tie.campaign.requests))
        hours = self.hours_kin().get(tenant) if kin else None
        if hours is not None:
            links.append((hours_kin_score(hours.chance, self.settings.thresholds), hours.campaign.requests))
        return links

    def own_sources(self, tenant: str) -> list[tuple[Score, State]]:
        """(score, state) of each part of the tenant's own traffic that has a score: the whole, each
        key, and the requests without a system prompt beside ones with it (`bare`), in that order."""
        out = [(s, self.tenants[tenant])] if (s := self.tenant_scores.get(tenant)) is not None else []
        out += [(s, self.keys[k]) for k in self.keys_of.get(tenant, []) if (s := self.key_scores.get(k)) is not None]
        if (s := self.bare_scores.get(tenant)) is not None:
            out.append((s, self.bare[tenant]))
        return out

    def own_scores(self, tenant: str) -> list[tuple[Score, int]]:
        """(score, requests behind it) of the tenant's own traffic (`own_sources`)."""
        return [(s, state.n) for s, state in self.own_sources(tenant)]

    def tenant_score(self, tenant: str, kin: bool = True) -> tuple[float, int]:
        """(score, requests behind it) as max over the tenant's own traffic (`own_scores`) and its
        links (`_link_levels`)."""
        best, n = 0.0, 0
        for own, behind in self.own_scores(tenant):
            if own.score > best:
                best, n = own.score, behind
        b = self.baselines.get(tenant, 0.0)
        for level, behind in self._link_levels(tenant, kin):
            # a cleared tenant's links are held to its baseline too, or clearing it would not hold
            level = lowered(level, b) if b else level
            if level > best:
                best, n = level, behind
        return best, n

    def clear_offset(self, tenant: str) -> float:
        """How many more log-odds of baseline would bring everything that scores this tenant now
        (its own traffic, its keys, its links) down to `CLEARED_AT` once its volume is large and
        its running total has matured (`matured_logit`): what clearing its alert teaches. A
        cleared tenant is flagged again only when its traffic moves well past the level an
        analyst has accepted."""
        b = self.baselines.get(tenant, 0.0)
        levels = [matured_logit(s) for s, _ in self.own_scores(tenant)]
        levels += [logit(level) - b for level, _ in self._link_levels(tenant)]
        return max(0.0, max(levels, default=0.0) - logit(CLEARED_AT))

    def _check(self, tenant: str, ts: float) -> None:
        if tenant in self.first_flag:
            return
        # kin stays short of review by construction, so it never flags (and is not worth computing here)
        score, n = self.tenant_score(tenant, kin=False)
        if verdict_of(score, n, self.settings.thresholds) in ("review", "block"):
            self.first_flag[tenant] = Flag(ts=ts, requests_before=self.tenants[tenant].n - 1, score=score)
            if tenant in self.count_after:
                self.flag_after[tenant] = self.count_after[tenant][1]

    def assess(self, tenant: str) -> Assessment:
        score, n = self.tenant_score(tenant)
        evidence: list[str] = []
        c = self.campaign_of.get(tenant)
        if c is not None:
            evidence.append(f"campaign={self.campaign_level(c, tenant):.2f}: linked with {len(c.tenants) - 1} other tenants "
                            f"({c.id})")
            off_print = c.atypical.get(tenant)
            if off_print is not None:
                evidence.append(f"off_fingerprint: {off_print}, so the split over {len(c.tenants)} accounts "
                                f"does not count for it (campaign {c.score:.2f}) and it is held under block")
        tie = self.kin().get(tenant)
        if tie is not None:
            evidence.append(f"campaign_wording={tie.share:.2f}: writes the {tie.kind} that {tie.share:.0%} of its "
                            f"{tie.writers} writers write as members of campaigns (most of them {tie.campaign.id}'s), "
                            f"without being linked to one; its own harvest intent {tie.intent:.2f}, and "
                            f"{tie.writes:.0%} of its requests write it")
        hours = self.hours_kin().get(tenant)
        if hours is not None:
            kept = "its one active hour is" if hours.hours == 1 else f"all {hours.hours} of its active hours are"
            evidence.append(f"campaign_hours={1.0 - hours.chance:.2f}: {kept} {hours.campaign.id}'s session hours (an "
                            f"independent account's would be by chance {hours.chance:.0%} of the time), without being "
                            "linked to it")
        keyed = [(k, self.key_scores[k].score if k in self.key_scores else 0.0) for k in self.keys_of.get(tenant, [])]
        keyed.sort(key=lambda kv: -kv[1])
        samples: list[str] = []
        # the evidence of the strongest part of its own traffic (the first of equals)
        strongest = max(self.own_sources(tenant), key=lambda source: source[0].score, default=None)
        if strongest is not None:
            src, state = strongest
            if state is self.bare.get(tenant):
                whole = self.tenant_scores.get(tenant)
                against = f", against {whole.intent:.2f} over all its requests" if whole is not None else ""
                evidence.append(f"bare_workload={src.score:.2f}: {state.n} of its {self.tenants[tenant].n} requests "
                                "carry no system prompt beside requests that do, scored on their own (harvest intent "
                                f"{src.intent:.2f}{against})")
                samples.extend(rid for rid, _ in state.samples)
            evidence.extend(src.evidence())
        for k, _ in keyed[:3]:
            samples.extend(rid for rid, _ in self.keys[k].samples)
        return Assessment(tenant=tenant, score=round(score, 4), verdict=verdict_of(score, n, self.settings.thresholds),
                          evidence=evidence, keys=keyed, samples=samples[:5], campaign=c.id if c else None)
