"""Per-key and per-tenant compact state: decayed means, histograms and small sketches.

Memory per state is bounded: a 32-kbit word filter (4 KiB), a bottom-k sketch of content words
(one ascending list of up to 256 hashes, about 9 KiB when full), capped sets of openings / system
prompts / tool sets, a few top-k counters and a 168-bit hour-of-week mask. No text is ever kept.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import deque
from dataclasses import dataclass, field
from typing import Final

from gatehouse.monitor.features import Features

__all__ = ["F", "FEATURES", "State", "TopK", "merge_view", "PooledView"]

FEATURES = (
    "single_shot", "length_hit", "big_out", "out_ratio", "reasoning", "logprob_heavy", "n_multi",
    "temp_sweep", "preference", "tools", "toolset_new", "json_mode", "novelty", "opening_new",
    "sys_new", "big_max", "repeat", "follow_up_long",
)


class F:
    """Indices into `State.mean` (one per name in FEATURES)."""

    SINGLE: Final = 0
    LENGTH: Final = 1
    BIG_OUT: Final = 2
    RATIO: Final = 3
    REASON: Final = 4
    LOGPROB: Final = 5
    NMULTI: Final = 6
    TSWEEP: Final = 7
    PREF: Final = 8
    TOOLS: Final = 9
    TOOLNEW: Final = 10
    JSON: Final = 11
    NOVEL: Final = 12
    OPENNEW: Final = 13
    SYSNEW: Final = 14
    BIGMAX: Final = 15
    REPEAT: Final = 16
    FOLLOWUP: Final = 17


HALF_LIFE = 150.0  # requests
_ALPHA = 1.0 - 2.0 ** (-1.0 / HALF_LIFE)
_SLOW_ALPHA = 1.0 - 2.0 ** (-1.0 / 3000.0)
_BLOOM_BITS = 1 << 15
_CAP = 4096
# the distinct-word sketch keeps this many smallest hashes: its estimate errs by about 1/sqrt(k - 2),
# 6% at 256, and topic breadth reads its logarithm. At 64 (13%) a group's pooled vocabulary was read a
# third short often enough to keep a campaign's pooled score under the bucket threshold.
KMV_K = 256
WARMUP = 24  # requests before novelty counts
# sustained harvest: a CUSUM of per-request "long fresh generation from a short prompt"
# (x in [0, 1]) against an allowance no ordinary product reaches on average. It never decays,
# so a harvester that holds any rate above the allowance crosses review after a bounded
# number of requests, however the rest of its signals sit.
HARVEST_ALLOWANCE = 0.5
HARVEST_FULL_TOKENS = 400.0
# a reply this many times longer than its prompt is fresh generation (the running total counts it;
# the change point's length terms count in full from here, nothing at a reply as long as its input)
FRESH_RATIO = 3.0
# a reply is a generation to imitate in proportion to its length, whole from this many completion
# tokens: a classifier's one-word label with its top 5 alternatives is a soft label, and a one-token
# probe cut at its cap (a classifier, a benchmark's multiple choice) is cut by design, not a
# generation that wanted more room. Top logprobs and hitting the cap count by this weight.
GENERATION_FULL_TOKENS = 100.0
# a sustained rise in harvest intent over the key's own baseline (Page's CUSUM of the excess over
# the slow mean, less this allowance): a key that turns keeps accruing evidence for as long as it
# harvests, where the peak gap between fast and slow means fades as the slow mean catches up.
SHIFT_ALLOWANCE = 0.1


class TopK:
    """Space-saving heavy hitters with a small capacity."""

    __slots__ = ("cap", "counts")

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.counts: dict[object, int] = {}

    def add(self, item: object, w: int = 1) -> None:
        c = self.counts
        if item in c:
            c[item] += w
        elif len(c) < self.cap:
            c[item] = w
        else:
            # the first of the least counted, in insertion order, as `min(c, key=c.get)` would
            # name it, without a call per entry
            least = min(c.values())
            for low, count in c.items():
                if count == least:
                    break
            c[item] = c.pop(low) + w

    def __deepcopy__(self, memo: dict[int, object]) -> TopK:
        twin = TopK(self.cap)
        twin.counts = dict(self.counts)  # keys are hashes and strings: immutable
        return twin

    def top(self, k: int) -> list[tuple[object, int]]:
        return sorted(self.counts.items(), key=lambda kv: -kv[1])[:k]


def _capped_add(s: set[int], v: int) -> bool:
    """Add v; True if it was new. The set is cleared when it reaches the cap."""
    if v in s:
        return False
    if len(s) >= _CAP:
        s.clear()
    s.add(v)
    return True


@dataclass
class State:
    """Everything the monitor remembers about one key (or one tenant)."""

    n: int = 0
    first_ts: float = 0.0
    last_ts: float = 0.0
    mean: list[float] = field(default_factory=lambda: [0.0] * len(FEATURES))
    intent_fast: float = 0.0
    intent_slow: float = 0.0
    intent_peak_gap: float = 0.0
    intent_shift: float = 0.0
    hours: list[int] = field(default_factory=lambda: [0] * 24)
    week_mask: int = 0
    words_total: int = 0
    bloom: bytearray = field(default_factory=lambda: bytearray(_BLOOM_BITS // 8))
    kmv: list[int] = field(default_factory=list)  # the KMV_K smallest word hashes, ascending
    openings: set[int] = field(default_factory=set)
    systems: set[int] = field(default_factory=set)
    toolsets: set[int] = field(default_factory=set)
    prompts: dict[int, float] = field(default_factory=dict)
    top_openings: TopK = field(default_factory=lambda: TopK(12))
    top_closings: TopK = field(default_factory=lambda: TopK(8))
    harvest_cusum: float = 0.0
    follow_cusum: float = 0.0  # the same, of long replies drawn by short follow-ups
    top_ip: TopK = field(default_factory=lambda: TopK(4))
    host: str = ""  # the one address every request came from; "" once a second one shows
    hosts: int = 0  # distinct addresses seen, counted to 2
    top_ua: TopK = field(default_factory=lambda: TopK(3))
    top_sys: TopK = field(default_factory=lambda: TopK(3))
    top_param: TopK = field(default_factory=lambda: TopK(3))
    bill: str = ""
    samples: deque[tuple[str, str]] = field(default_factory=lambda: deque(maxlen=5))

    def observe(self, f: Features) -> None:
        self.n += 1
        n = self.n
        if n == 1:
            self.first_ts = f.ts
        if f.ts > self.last_ts:
            self.last_ts = f.ts
        hour = int(f.ts // 3600)
        self.hours[hour % 24] += 1
        self.week_mask |= 1 << (hour % 168)
        words = f.words
        # novelty against this state's own vocabulary
        bloom = self.bloom
        new = 0
        for h in words:
            i = h & (_BLOOM_BITS - 1)
            byte, bit = i >> 3, 1 << (i & 7)
            if not bloom[byte] & bit:
                bloom[byte] |= bit
                new += 1
        self.words_total += len(words)
        self._kmv(words)
        opening_new = _capped_add(self.openings, f.opening) if f.opening else False
        sys_new = _capped_add(self.systems, f.sys_hash) if f.sys_hash else False
        tool_new = _capped_add(self.toolsets, f.toolset) if f.toolset else False
        tsweep = repeat = False
        if f.prompt_hash:
            prev = self.prompts.get(f.prompt_hash)
            if prev is not None:
                repeat = True
                tsweep = prev != f.temperature
            elif len(self.prompts) >= 2048:
                self.prompts.clear()
            self.prompts[f.prompt_hash] = f.temperature
        completion = f.completion_tokens
        ratio = completion / max(1, f.prompt_tokens)
        generated = min(1.0, completion / GENERATION_FULL_TOKENS)
        x = (
            1.0 if f.single_shot else 0.0,
            generated if f.length_hit else 0.0,
            1.0 if completion >= 350 else 0.0,
            min(1.0, max(0.0, (math.log2(ratio + 1e-9) + 1.0) / 5.0)),
            1.0 if f.reasoning else 0.0,
            generated if f.top_logprobs >= 5 else 0.0,
            1.0 if f.n > 1 else 0.0,
            1.0 if tsweep else 0.0,
            1.0 if f.preference else 0.0,
            1.0 if f.toolset else 0.0,
            1.0 if tool_new else 0.0,
            1.0 if f.json_mode else 0.0,
            new / len(words) if words else 0.0,
            1.0 if opening_new else 0.0,
            1.0 if sys_new else 0.0,
            1.0 if f.max_tokens >= 1500 else 0.0,
            1.0 if repeat else 0.0,
            1.0 if f.follow_up and completion >= 350 else 0.0,
        )
        a = max(_ALPHA, 1.0 / n)
        self.mean = m = [mi + a * (xi - mi) for mi, xi in zip(self.mean, x)]
        if n <= WARMUP:  # novelty means nothing until a vocabulary exists
            m[F.NOVEL] = 0.0 if n < WARMUP else x[F.NOVEL]
            m[F.OPENNEW] = 0.0 if n < WARMUP else x[F.OPENNEW]
            m[F.SYSNEW] = 0.0 if n < WARMUP else x[F.SYSNEW]
            m[F.TOOLNEW] = 0.0 if n < WARMUP else x[F.TOOLNEW]
        # asking for a big cap counts beside hitting one: a key that raises its cap when it turns
        # would otherwise hide its new long replies from the change point
        # length pressure is harvest only as far as the reply is fresh: a clean-up or a translation
        # as long as its input asks for nothing a generation does, and a key turning from one to the
        # other would otherwise read the same
        fresh = 1.0 if f.follow_up else min(1.0, max(0.0, (ratio - 1.0) / (FRESH_RATIO - 1.0)))
        intent = ((x[1] + x[2] + x[15]) * fresh + x[4] + x[5] + x[7] + x[8] + x[10]) / 3.0
        self.intent_fast += max(1.0 / 50.0, 1.0 / n) * (intent - self.intent_fast)
        self.intent_slow += max(_SLOW_ALPHA, 1.0 / n) * (intent - self.intent_slow)
        if n > 300:
            self.intent_peak_gap = max(self.intent_peak_gap * 0.999, self.intent_fast - self.intent_slow)
            self.intent_shift = max(0.0, self.intent_shift + intent - self.intent_slow - SHIFT_ALLOWANCE)
        if f.opening:
            self.top_openings.add(f.opening)
        if f.closing:
            self.top_closings.add(f.closing)
        # a long generation is one long reply: the n short samples a test-data team asks for are not
        reply = completion / f.n if f.n > 1 else completion
        gen = 0.0
        if f.single_shot and reply >= FRESH_RATIO * f.prompt_tokens:
            gen = min(1.0, reply / HARVEST_FULL_TOKENS)
        self.harvest_cusum = max(0.0, self.harvest_cusum + gen - HARVEST_ALLOWANCE)
        # harvesting by follow-up accrues on its own: summed with the single-shot kind, the routers,
        # tutoring and writing apps that mix both would reach the allowance
        follow = min(1.0, reply / HARVEST_FULL_TOKENS) if x[F.FOLLOWUP] else 0.0
        self.follow_cusum = max(0.0, self.follow_cusum + follow - HARVEST_ALLOWANCE)
        if f.ip24:
            self.top_ip.add(f.ip24)
            if self.hosts == 0:
                self.host, self.hosts = f.ip, 1
            elif self.hosts == 1 and f.ip != self.host:
                self.host, self.hosts = "", 2
        if f.ua:
            self.top_ua.add(f.ua)
        if f.sys_hash:
            self.top_sys.add(f.sys_hash)
        if f.bill:
            self.bill = f.bill
        self.top_param.add(f.params)
        if intent > 0.0 or x[0] and x[12] > 0.6 and n > WARMUP:
            self.samples.append((f.rid, "harvest-like"))

    def _kmv(self, words: list[int]) -> None:
        kmv = self.kmv
        if len(kmv) >= KMV_K:
            # once full, only hashes below the current k-th smallest can enter
            top = kmv[-1]
            words = [h for h in words if h < top]
        for h in words:
            i = bisect_left(kmv, h)
            if i < len(kmv) and kmv[i] == h:
                continue
            if len(kmv) == KMV_K:
                if i == KMV_K:  # above the k-th smallest
                    continue
                kmv.pop()  # the largest leaves for it
            kmv.insert(i, h)

    def distinct_words(self) -> float:
        return kmv_estimate(self.kmv)

    @property
    def span_hours(self) -> float:
        return (self.last_ts - self.first_ts) / 3600.0


def kmv_estimate(smallest: list[int]) -> float:
    """Distinct values from the ascending KMV_K smallest hashes (fewer: all there were, counted)."""
    if len(smallest) < KMV_K:
        return float(len(smallest))
    return (KMV_K - 1) / (smallest[KMV_K - 1] / 2**32 + 1e-12)


def union_smallest(sketches: list[list[int]]) -> list[int]:
    """The KMV_K smallest distinct values of several ascending sketches: the sketch of their union."""
    # a full sketch holds KMV_K distinct values up to its last, so the union's k-th is no larger
    # than the smallest last of the full ones: only values up to it can be among the k smallest
    bound = min((sk[-1] for sk in sketches if len(sk) >= KMV_K), default=None)
    pool: set[int] = set()
    for sk in sketches:
        pool.update(sk if bound is None else sk[:bisect_right(sk, bound)])
    return sorted(pool)[:KMV_K]


@dataclass
class PooledView:
    """Several states seen as one (a campaign, or a bucket of accounts sharing a link)."""

    n: int
    mean: list[float]
    words_total: int
    distinct_words: float
    distinct_openings: int
    hours: list[int]
    week_mask: int
    first_ts: float
    last_ts: float
    # requests that carried tools, and the distinct tool sets among them (see `signals.fresh_tool_sets`)
    tool_requests: float = 0.0
    distinct_toolsets: int = 0


def merge_view(states: list[State]) -> PooledView:
    n = sum(s.n for s in states) or 1
    # every account counts the same: one heavy member must not speak for a whole group
    k = len(states) or 1
    mean = [sum(col) / k for col in zip(*(s.mean for s in states))]
    kmv = union_smallest([s.kmv for s in states])
    openings: set[object] = set()
    toolsets: set[int] = set()
    hours = [sum(col) for col in zip(*(s.hours for s in states))]
    mask = 0
    tool_requests = 0.0
    for s in states:
        openings.update(s.top_openings.counts)
        mask |= s.week_mask
        if s.toolsets:
            toolsets.update(s.toolsets)
            tool_requests += s.n * s.mean[F.TOOLS]
    return PooledView(
        n=n, mean=mean, words_total=sum(s.words_total for s in states), distinct_words=kmv_estimate(kmv),
        distinct_openings=len(openings), hours=hours, week_mask=mask,
        first_ts=min(s.first_ts for s in states), last_ts=max(s.last_ts for s in states),
        tool_requests=tool_requests, distinct_toolsets=len(toolsets),
    )
