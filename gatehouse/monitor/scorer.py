"""Signals -> a risk score in [0, 1], a verdict, and readable evidence.

The model is a small logistic one over two blended factors, *harvest intent* (asking for
more and richer output than an application needs: length pressure, reasoning, logprobs,
sampling sweeps, preference pairs, synthetic tools, follow-ups drawing long replies) and
*coverage* (topic and task breadth, templates sweeping content, churning personas), plus shape
terms (single-shot use, flat 24/7 rate, change points, replies stitched past the key's own cap)
and one accruing term, *sustained harvest* (a CUSUM of long, fresh generations from short
prompts, or drawn by short follow-ups, above an allowance), which bounds how long any sustained
harvester can stay under the review threshold. An honest pipeline rarely lights both factors at
once; a distiller has to, because breadth of rich outputs is what it is buying.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from gatehouse.monitor.signals import Signal, compute
from gatehouse.monitor.state import PooledView, State

__all__ = ["Score", "Thresholds", "score_state", "score_signals", "score_bare", "verdict_of", "VERDICTS", "combine",
           "logit", "lowered", "matured_logit", "signal_values", "BARE_CONTRAST"]

VERDICTS = ("allow", "watch", "review", "block")
# log-odds per unit of harvest intent that a tenant's requests without its system prompt show beyond
# its whole traffic (`score_bare`)
BARE_CONTRAST = 2.0

_INTENT = {"max_tokens_pressure": 0.55, "output_ratio": 0.3, "reasoning_elicitation": 0.55, "sampling_sweep": 0.7,
           "preference_pairs": 0.8, "tool_synthesis": 0.8, "follow_up_harvest": 0.55}
_COVER = {"topic_breadth": 0.65, "task_breadth": 0.45, "template_sweep": 0.4, "system_prompt_churn": 0.5}


@dataclass(frozen=True)
class Thresholds:
    watch: float = 0.35
    review: float = 0.65
    block: float = 0.9
    min_requests: int = 20


@dataclass(frozen=True)
class Score:
    score: float
    intent: float
    coverage: float
    signals: tuple[Signal, ...]
    logit: float = 0.0  # the model's log-odds, after the tenant's baseline (before volume confidence)

    def evidence(self, limit: int = 5) -> list[str]:
        """The strongest signals, each named with its value."""
        ranked = sorted((s for s in self.signals if s.value >= 0.2), key=lambda s: -s.value)
        return [s.evidence() for s in ranked[:limit]]


def signal_values(*scores: Score | None) -> dict[str, float]:
    """Each signal's highest value over the given scores (those that are None left out)."""
    out: dict[str, float] = {}
    for score in scores:
        for s in score.signals if score is not None else ():
            if s.value > out.get(s.name, 0.0):
                out[s.name] = s.value
    return out


def _noisy_or(sig: dict[str, float], weights: dict[str, float]) -> float:
    p = 1.0
    for name, w in weights.items():
        p *= 1.0 - w * sig.get(name, 0.0)
    return 1.0 - p


def combine(sig: dict[str, float], n: int, baseline: float = 0.0) -> tuple[float, float, float, float]:
    """(score, intent, coverage, log-odds) from signal values; `baseline` is a cleared tenant's
    offset in log-odds."""
    intent = _noisy_or(sig, _INTENT)
    cover = _noisy_or(sig, _COVER)
    z = (-6.0 + 4.0 * intent + 3.0 * cover + 4.0 * intent * cover + 1.0 * sig.get("single_shot", 0.0)
         + 0.8 * sig.get("rate_shape", 0.0) + 3.0 * sig.get("change_point", 0.0)
         # a key that mostly assembles replies past its own cap reaches review on that alone: its
         # continuations name no new task or topic, so coverage cannot add the rest
         + 4.0 * sig.get("stitching", 0.0)
         # accrued evidence: weighs more when the generations also cover broad ground, and as it
         # keeps accruing however narrow they are, so no harvester stays under review for ever
         + 3.0 * sig.get("sustained_harvest", 0.0) * min(1.0, 0.4 + cover + 0.6 * sig.get("harvest_overrun", 0.0)))
    z -= baseline
    conf = n / (n + 40.0)
    return conf / (1.0 + math.exp(-z)), intent, cover, z


def score_state(s: State | PooledView, baseline: float = 0.0) -> Score:
    return score_signals(compute(s), s.n, baseline)


def score_signals(signals: list[Signal] | tuple[Signal, ...], n: int, baseline: float = 0.0) -> Score:
    """The score of computed signals over `n` requests (`combine`)."""
    value, intent, cover, z = combine({x.name: x.value for x in signals}, n, baseline)
    return Score(round(value, 4), intent, cover, tuple(signals), z)


def score_bare(bare: State | PooledView, whole_intent: float | None, baseline: float = 0.0) -> Score:
    """The score of a bare workload (requests without the system prompt its tenant sends beside them),
    raised by `BARE_CONTRAST` log-odds per unit of harvest intent it shows beyond `whole_intent`, the
    whole traffic's: an app's own calls without its system prompt (titles, summaries) ask for no more
    than the app does, a harvest hidden beside it for far more, and the app's share of the whole keeps
    the whole's intent down."""
    s = score_state(bare, baseline)
    lift = BARE_CONTRAST * (s.intent - whole_intent) if whole_intent is not None else 0.0
    return score_signals(s.signals, bare.n, baseline - lift) if lift > 0.0 else s


def logit(p: float) -> float:
    p = min(max(p, 1e-9), 1.0 - 1e-9)
    return math.log(p / (1.0 - p))


def lowered(score: float, offset: float) -> float:
    """A score with `offset` log-odds taken off (a cleared tenant's baseline applied to a score
    computed without it, such as its campaign's)."""
    return 1.0 / (1.0 + math.exp(offset - logit(score)))


def verdict_of(score: float, n: int, th: Thresholds) -> str:
    if n < th.min_requests and score < th.block:
        return "watch" if score >= th.watch else "allow"
    if score >= th.block:
        return "block"
    if score >= th.review:
        return "review"
    if score >= th.watch:
        return "watch"
    return "allow"


def matured_logit(s: Score) -> float:
    """The log-odds this traffic reaches once its running total has matured: `sustained_harvest`
    and `harvest_overrun` accrue for as long as the same behaviour goes on, so an analyst who
    accepts the behaviour accepts its total too (else a young tenant cleared early is flagged
    again as it accrues). The score's own log-odds plus what maturing adds, so whatever else
    moved them (a baseline, a bare workload's raise) stays in."""
    sig = {x.name: x.value for x in s.signals}
    if sig.get("sustained_harvest", 0.0) == 0.0 or sig.get("harvest_overrun", 0.0) == 1.0:
        return s.logit
    now = combine(sig, 1)[3]
    sig["sustained_harvest"] = sig["harvest_overrun"] = 1.0
    return s.logit + combine(sig, 1)[3] - now
