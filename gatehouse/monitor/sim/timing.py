"""Arrival times for simulated tenants over one week (seconds since the epoch, sorted)."""

from __future__ import annotations

import math
import random

__all__ = ["WEEK_START", "WEEK", "diurnal", "flat", "nightly", "bursts", "sessions", "visit", "poisson"]

WEEK_START = 1795392000.0  # 2026-11-23T00:00:00Z, a Monday
DAY = 86400.0
WEEK = 7 * DAY


def poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 50:
        return max(0, int(rng.gauss(lam, math.sqrt(lam)) + 0.5))
    k, p, L = 0, 1.0, math.exp(-lam)
    while True:
        p *= rng.random()
        if p <= L:
            return k
        k += 1


def diurnal(rng: random.Random, per_day: float, tz: float = 0.0, peak: float = 13.0, width: float = 3.0,
            weekend: float = 0.25, start: float = 0.0, end: float = WEEK) -> list[float]:
    out: list[float] = []
    for day in range(7):
        factor = weekend if day >= 5 else 1.0
        for _ in range(poisson(rng, per_day * factor)):
            h = rng.gauss(peak, width) - tz
            out.append(WEEK_START + day * DAY + (h % 24.0) * 3600.0)
    return sorted(t for t in out if WEEK_START + start <= t < WEEK_START + end)


def flat(rng: random.Random, per_day: float, start: float = 0.0, end: float = WEEK) -> list[float]:
    n = poisson(rng, per_day * (end - start) / DAY)
    return sorted(WEEK_START + rng.uniform(start, end) for _ in range(n))


def nightly(rng: random.Random, per_night: float, begin: float = 1.0, hours: float = 3.0) -> list[float]:
    out: list[float] = []
    for day in range(7):
        for _ in range(poisson(rng, per_night)):
            out.append(WEEK_START + day * DAY + (begin + rng.random() * hours) * 3600.0)
    return sorted(out)


def bursts(rng: random.Random, total: int, n_bursts: int, hours: float) -> list[float]:
    starts = [rng.uniform(0, WEEK - hours * 3600.0) for _ in range(n_bursts)]
    return sorted(WEEK_START + rng.choice(starts) + rng.random() * hours * 3600.0 for _ in range(total))


def sessions(rng: random.Random, windows: list[tuple[float, float]], count: int) -> list[float]:
    """`count` times inside a few of the shared windows (a campaign's coordinated sessions)."""
    mine = rng.sample(windows, min(len(windows), rng.randint(1, 3)))
    return sorted(WEEK_START + (lambda w: rng.uniform(w[0], w[1]))(rng.choice(mine)) for _ in range(count))


def visit(rng: random.Random, hours: float, most: int) -> list[float]:
    """One to `most` requests within `hours` of a random start: a trial account's short visit."""
    start = rng.uniform(0, WEEK - hours * 3600.0)
    return sorted(WEEK_START + start + rng.uniform(0, hours * 3600.0) for _ in range(rng.randint(1, most)))
