"""Detection: for each text, a p-value under every tenant key, corrected for testing them all.

Under a key that did not mark the text, each scored token is green with probability
`gamma`, independently (repeated context/token pairs are scored once), so the green
count G of T tokens is Binomial(T, gamma). The score is the z statistic
`(G - gamma T) / sqrt(T gamma (1 - gamma))`; the p-value is the exact binomial upper tail
(the normal approximation is too optimistic that far out). With K keys the family-wise
error is bounded by Holm's step-down correction (at the smallest p-value it is
Bonferroni, `K * p`): a text is attributed to the tenant whose key gives the smallest
p-value when its adjusted p-value is at most `alpha` (default 1e-4), so at most one
human-written text in 10,000 is attributed to anyone, however many keys exist.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from gatehouse.provenance.watermark.scheme import WatermarkParams, green_flags, scored_pairs

__all__ = ["Detection", "Detector", "binomial_tail"]


def binomial_tail(t: int, gamma: float) -> npt.NDArray[np.float64]:
    """P(X >= g) for g = 0..t, X ~ Binomial(t, gamma), computed in log space."""
    g = np.arange(t + 1)
    lg = np.array([math.lgamma(i + 1) for i in range(t + 1)])
    logpmf = lg[t] - lg - lg[::-1] + g * math.log(gamma) + (t - g) * math.log1p(-gamma)
    rev = np.logaddexp.accumulate(logpmf[::-1])[::-1]
    return np.minimum(1.0, np.exp(rev))


@dataclass(frozen=True, slots=True)
class Detection:
    tokens: int  # scored tokens
    p_values: dict[str, float]  # per tenant, uncorrected
    z_scores: dict[str, float]
    adjusted: dict[str, float]  # Holm-adjusted, family-wise over every key
    tenant: str | None  # attributed tenant, when significant
    p_value: float | None  # adjusted p-value of the attributed (or best) tenant


class Detector:
    """Scores token sequences under many tenant keys at once."""

    def __init__(self, keys: dict[str, int], params: WatermarkParams | None = None, *, alpha: float = 1e-4) -> None:
        if not keys:
            raise ValueError("watermark detection needs at least one tenant key")
        self.tenants = list(keys)
        self.keys = np.array([keys[t] for t in self.tenants], dtype=np.uint64)
        self.params = params or WatermarkParams()
        self.alpha = alpha

    def detect(self, tokens: list[int]) -> Detection:
        p = self.params
        ctx, toks = scored_pairs(tokens, p)
        t = len(toks)
        k = len(self.tenants)
        if t == 0:
            ones = {n: 1.0 for n in self.tenants}
            return Detection(0, ones, {n: 0.0 for n in self.tenants}, dict(ones), None, None)
        greens = green_flags(self.keys, ctx, toks, p).sum(axis=1)
        tail = binomial_tail(t, p.gamma)
        pv = tail[greens]
        z = (greens - p.gamma * t) / math.sqrt(t * p.gamma * (1 - p.gamma))
        order = np.argsort(pv, kind="stable")
        holm = np.minimum(1.0, np.maximum.accumulate(pv[order] * (k - np.arange(k))))
        adjusted = np.empty(k)
        adjusted[order] = holm
        best = int(order[0])
        tenant = self.tenants[best] if adjusted[best] <= self.alpha else None
        return Detection(
            tokens=t,
            p_values={n: float(v) for n, v in zip(self.tenants, pv)},
            z_scores={n: round(float(v), 3) for n, v in zip(self.tenants, z)},
            adjusted={n: float(v) for n, v in zip(self.tenants, adjusted)},
            tenant=tenant,
            p_value=float(adjusted[best]),
        )
