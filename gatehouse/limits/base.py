"""The limiter seam: one request's admission against its key's and tenant's limits.

`acquire` is all-or-nothing across every scope and limit (nothing is counted when any limit
refuses); an admitted request gets back the `Headroom` left under the per-minute limits (for
the x-ratelimit-* headers of a successful answer), or None when it has none; `release` ends the request: frees its concurrency slot, corrects the reserved
tokens to the real count and adds its cost to the spend counters.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from datetime import datetime, timedelta, timezone
from typing import Protocol

from gatehouse.limits.settings import LimitSpec

__all__ = ["Scope", "Refusal", "Headroom", "Limiter", "WINDOW_S", "spend_periods"]

WINDOW_S = 60.0


@dataclass(frozen=True, slots=True)
class Scope:
    name: str  # "key:<id>" or "tenant:<id>"
    spec: LimitSpec


@dataclass(frozen=True, slots=True)
class Refusal:
    scope: str
    kind: str  # requests | tokens | concurrency | daily_spend | monthly_spend
    limit: int
    remaining: int
    retry_after_s: float


@dataclass(frozen=True, slots=True)
class Headroom:
    """What an admitted request leaves under the per-minute limits, counting itself: the
    tightest scope per kind. A limit of -1 means that kind is not limited. A reset is the time
    until the oldest counted request (or token batch) leaves the sliding window."""

    requests_limit: int = -1
    requests_remaining: int = 0
    requests_reset_s: float = 0.0
    tokens_limit: int = -1
    tokens_remaining: int = 0
    tokens_reset_s: float = 0.0


@lru_cache(maxsize=4)
def _day_bounds(day_index: int) -> tuple[str, str, float, float]:
    day0 = datetime.fromtimestamp(day_index * 86400, timezone.utc)
    next_month = (day0.replace(day=1) + timedelta(days=32)).replace(day=1)
    return (day0.strftime("%Y%m%d"), day0.strftime("%Y%m"), (day0 + timedelta(days=1)).timestamp(),
            next_month.timestamp())


def spend_periods(now: float) -> tuple[str, str, float, float]:
    """(day tag, month tag, seconds to next UTC day, seconds to next UTC month)."""
    day, month, next_day, next_month = _day_bounds(int(now // 86400))
    return day, month, next_day - now, next_month - now


class Limiter(Protocol):
    async def acquire(self, request_id: str, scopes: list[Scope], tokens: int) -> Refusal | Headroom | None:
        """Admit (Headroom, or None when no per-minute limit applies) or refuse (Refusal),
        counting nothing when refusing."""

    async def release(self, request_id: str, scopes: list[Scope], token_delta: int, cost_micros: int) -> None:
        """End an admitted request."""

    async def seed_spend(self, name: str, day_micros: int, month_micros: int, now: float) -> None:
        """Raise a scope's spend counters for the current UTC day and month to at least these
        amounts (from the ledger, at start): spend caps survive a restart."""

    async def aclose(self) -> None: ...
