"""Named signals computed from a key's, tenant's or campaign's state.

Each signal is a suspicion value in [0, 1] plus the raw figure it came from, so evidence
can say what was measured ("max_tokens_pressure=0.81: 64% of replies >= 350 tokens").
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from gatehouse.monitor.state import GENERATION_FULL_TOKENS, HARVEST_ALLOWANCE, WARMUP, F, PooledView, State

__all__ = ["Signal", "compute", "SIGNALS", "vocab_breadth", "implied_vocabulary", "rate_flatness", "fresh_tool_sets"]

SIGNALS = (
    "rate_shape", "output_ratio", "max_tokens_pressure", "topic_breadth", "task_breadth", "system_prompt_churn",
    "template_sweep", "single_shot", "reasoning_elicitation", "sampling_sweep", "preference_pairs",
    "tool_synthesis", "follow_up_harvest", "stitching", "change_point", "sustained_harvest", "harvest_overrun",
)


@dataclass(frozen=True, slots=True)
class Signal:
    name: str
    value: float
    # what was measured, as a `str.format` template and its arguments: states are rescored far more
    # often than an analyst reads the evidence, so the text is written only when it is read
    template: str
    args: tuple[object, ...] = ()

    @property
    def detail(self) -> str:
        return self.template.format(*self.args)

    def evidence(self) -> str:
        return f"{self.name}={self.value:.2f}: {self.detail}"


# short follow-ups drawing long replies: coding assistants ("now add tests") reach a fifth of their
# requests, chat under a tenth; harvesting by follow-up ("go deeper", "another example") most of them
FOLLOW_UP_ALLOWANCE = 0.25
# the share of a key's traffic that may be continuations of replies its own cap stopped (`stitching`)
STITCH_ALLOWANCE = 0.4

# the share of fresh tool sets says something from this many requests with tools
FRESH_TOOLS_MIN = 3


# the running total at which sustained_harvest is full, and how much further it must run for the
# narrow-output discount to fade (see `scorer.combine`): at half a request's worth per request past
# the allowance, some 800 requests of nothing but long generations past full
SUSTAINED_FULL = 350.0
OVERRUN_FULL = 400.0


def _clip(x: float) -> float:
    return 0.0 if x < 0.0 else 1.0 if x > 1.0 else x


def vocab_breadth(distinct: float, total: int) -> float:
    """Heaps exponent log(D)/log(T) mapped to [0, 1]: narrow domains saturate, broad ones do not."""
    if total < 600 or distinct < 2:
        return 0.0
    beta = math.log(distinct) / math.log(total)
    return _clip((beta - 0.72) / 0.2)


def implied_vocabulary(distinct: float, total: int) -> float:
    """The vocabulary size V for which `total` uniform draws would show `distinct` different
    words, E[D] = V (1 - exp(-T / V)): a narrow product saturates (V close to D), a broad
    harvest keeps meeting new words (V well above D). Capped at 20x the distinct count, and 0
    below 150 words (too few to say)."""
    if total < 150 or distinct < 2:
        return 0.0
    d = min(distinct, float(total))
    cap = 20.0 * d
    if d >= total * (1.0 - 1e-9) or cap * (1.0 - math.exp(-total / cap)) <= d:
        return cap
    lo, hi = d, cap
    for _ in range(24):  # the bracket spans at most 20x: 2^-24 of it is plenty
        mid = 0.5 * (lo + hi)
        if mid * (1.0 - math.exp(-total / mid)) < d:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def fresh_tool_sets(distinct: int, with_tools: float) -> float:
    """The share of requests with tools that brought a tool set not seen before, beyond the first:
    an agent app keeps its one or few tool sets, synthetic tool-use traces invent one per task.
    0 below `FRESH_TOOLS_MIN` requests with tools."""
    if with_tools < FRESH_TOOLS_MIN or distinct < 2:
        return 0.0
    return min(1.0, (distinct - 1) / (with_tools - 1))


def rate_flatness(hours: list[int], week_mask: int, first_ts: float, last_ts: float) -> tuple[float, float, float]:
    """(flatness in [0,1], share of active hours in the span, hour-of-day entropy)."""
    span_h = (last_ts - first_ts) / 3600.0
    total = sum(hours)
    if span_h < 20 or total < 50:
        return 0.0, 0.0, 0.0
    slots = min(168, int(span_h) + 1)
    active = week_mask.bit_count() / slots
    ent = -sum((c / total) * math.log(c / total) for c in hours if c) / math.log(24)
    return _clip((active - 0.55) / 0.4) * _clip((ent - 0.85) / 0.13), active, ent


def compute(s: State | PooledView) -> list[Signal]:
    m = s.mean
    n = s.n
    out: list[Signal] = []
    flat, active, ent = rate_flatness(s.hours, s.week_mask, s.first_ts, s.last_ts)
    out.append(Signal("rate_shape", flat, "active in {:.0%} of hours, hour-of-day entropy {:.2f}", (active, ent)))
    out.append(Signal("output_ratio", _clip((m[F.RATIO] - 0.45) / 0.4), "output/input token score {:.2f}",
                      (m[F.RATIO],)))
    pressure = _clip(0.5 * m[F.BIGMAX] + 0.3 * m[F.LENGTH] + 0.7 * m[F.BIG_OUT])
    out.append(Signal("max_tokens_pressure", pressure,
                      "{:.0%} replies >= 350 tokens, {:.0%} ask >= 1500, {:.0%} hit the limit (weighed by length, "
                      "whole from {:.0f} tokens)", (m[F.BIG_OUT], m[F.BIGMAX], m[F.LENGTH], GENERATION_FULL_TOKENS)))
    if isinstance(s, State):
        dv, wt = s.distinct_words(), s.words_total
        novelty = m[F.NOVEL] if n > 24 else 0.0
    else:
        dv, wt = s.distinct_words, s.words_total
        novelty = 0.0
    vb = vocab_breadth(dv, wt)
    # absolute vocabulary: one product's domain stays in the hundreds of content words, a
    # harvest across domains reaches thousands. A young tenant has not seen its whole
    # vocabulary yet: the size its distinct/total ratio implies (`implied_vocabulary`) counts,
    # not the raw share of new words, which is high for every young tenant, narrow or broad.
    implied = implied_vocabulary(dv, wt)
    absolute = _clip((math.log10(max(dv, implied) + 1.0) - 2.55) / 0.6)
    breadth = max(vb, absolute)
    out.append(Signal("topic_breadth", breadth,
                      "vocabulary ~{:.0f} words over {}, implying ~{:.0f} ({:.0%} new lately)",
                      (dv, wt, implied, novelty)))
    if isinstance(s, State):
        task = _clip((m[F.OPENNEW] - 0.03) / 0.25) if n > 24 else 0.0
        task_detail = "{:.0%} of prompts open with an unseen instruction"
        task_args: tuple[object, ...] = (m[F.OPENNEW],)
    else:
        task = _clip((s.distinct_openings - 2) / 8.0) * _clip(n / 200)
        task_detail, task_args = "{} distinct instruction openings", (s.distinct_openings,)  # "395", not "395.0"
    out.append(Signal("task_breadth", task, task_detail, task_args))
    out.append(Signal("system_prompt_churn", _clip(m[F.SYSNEW] / 0.3), "{:.0%} unseen system prompts lately",
                      (m[F.SYSNEW],)))
    sweep = _clip((1.0 - m[F.OPENNEW]) * breadth * m[F.SINGLE]) if n > 24 else 0.0
    out.append(Signal("template_sweep", sweep, "stable instructions whose slots sweep broad content"))
    out.append(Signal("single_shot", _clip((m[F.SINGLE] - 0.5) / 0.45), "{:.0%} single-shot requests",
                      (m[F.SINGLE],)))
    # asking for reasoning harvests reasoning traces only when long replies come back: a
    # benchmark's chain-of-thought prompts answered in a few lines yield little
    yield_ = _clip(0.3 + m[F.BIG_OUT] / 0.5)
    out.append(Signal("reasoning_elicitation", _clip(m[F.REASON] / 0.5) * yield_,
                      "{:.0%} ask for step-by-step reasoning, {:.0%} of replies >= 350 tokens",
                      (m[F.REASON], m[F.BIG_OUT])))
    samp = _clip(max(m[F.LOGPROB] / 0.5, m[F.NMULTI] / 0.5, m[F.TSWEEP] / 0.2))
    out.append(Signal("sampling_sweep", samp,
                      "top_logprobs>=5 on {:.0%} of replies (weighed by length, whole from {:.0f} tokens), "
                      "n>1 in {:.0%}, temperature sweeps {:.0%}",
                      (m[F.LOGPROB], GENERATION_FULL_TOKENS, m[F.NMULTI], m[F.TSWEEP])))
    out.append(Signal("preference_pairs", _clip(m[F.PREF] / 0.3), "{:.0%} ask to compare or rank responses",
                      (m[F.PREF],)))
    if isinstance(s, State) and n > WARMUP:
        tools = _clip(m[F.TOOLNEW] / 0.3) * _clip(m[F.TOOLS] / 0.3)
        tool_detail = "{:.0%} carry tools, {:.0%} with a never-seen tool set"
        tool_args: tuple[object, ...] = (m[F.TOOLS], m[F.TOOLNEW])
    else:
        # a young key's running share of never-seen tool sets waits for its warm-up, which most
        # accounts of a campaign never reach, and a pool has none: both count their tool sets
        distinct, with_tools = (len(s.toolsets), round(n * m[F.TOOLS])) if isinstance(s, State) else (
            s.distinct_toolsets, s.tool_requests)
        tools = _clip(fresh_tool_sets(distinct, with_tools) / 0.3) * _clip(m[F.TOOLS] / 0.3)
        tool_detail = "{:.0%} carry tools, {} distinct tool sets over {:.0f} requests with tools"
        tool_args = (m[F.TOOLS], distinct, with_tools)
    out.append(Signal("tool_synthesis", tools, tool_detail, tool_args))
    out.append(Signal("follow_up_harvest", _clip((m[F.FOLLOWUP] - FOLLOW_UP_ALLOWANCE) / 0.35),
                      "{:.0%} of requests are short follow-ups drawing replies >= 350 tokens", (m[F.FOLLOWUP],)))
    # a reply stopped by the key's own cap, then a short "continue": a key whose traffic is mostly
    # that assembles long outputs past the cap it sets; an app's users meet its cap now and then
    stitched = min(m[F.LENGTH], m[F.FOLLOWUP])
    out.append(Signal("stitching", _clip((stitched - STITCH_ALLOWANCE) / 0.3),
                      "{:.0%} of replies stop at the cap (weighed by length) and {:.0%} of requests are short "
                      "follow-ups drawing long replies", (m[F.LENGTH], m[F.FOLLOWUP])))
    gap, shift = (s.intent_peak_gap, s.intent_shift) if isinstance(s, State) else (0.0, 0.0)
    # how far the intent rose and for how long it has stayed up are two views of one change: a rise
    # both marked and sustained says more than either
    risen, sustained = _clip((gap - 0.08) / 0.25), _clip((shift - 25.0) / 100.0)
    out.append(Signal("change_point", 1.0 - (1.0 - risen) * (1.0 - sustained),
                      "harvest intent rose by {:.2f} over the key's baseline, {:.0f} requests' worth of sustained rise",
                      (gap, shift)))
    acc, follow = (s.harvest_cusum, s.follow_cusum) if isinstance(s, State) else (0.0, 0.0)
    total = max(acc, follow)
    out.append(Signal("sustained_harvest", _clip((total - 100.0) / (SUSTAINED_FULL - 100.0)),
                      "long fresh generations from short prompts exceed the {:.0%} allowance by {:.0f} requests' worth"
                      + (", drawn by short follow-ups by {:.0f}" if follow else ""), (HARVEST_ALLOWANCE, acc, follow)))
    over = total - SUSTAINED_FULL
    out.append(Signal("harvest_overrun", _clip(over / OVERRUN_FULL),
                      "the running total has gone on {:.0f} requests' worth past full sustained_harvest",
                      (max(over, 0.0),)))
    return out
