"""The limiter seam: one request's admission against its key's and tenant's limits.

`acquire` is all-or-nothing across every scope and limit (nothing is counted when any limit
refuses); `release` ends the request: frees its concurrency slot, corrects the reserved
tokens to the real count and adds its cost to the spend counters.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from datetime import datetime, timedelta, timezone
from typing import Protocol

from gatehouse.limits.settings import LimitSpec

__all__ = ["Scope", "Refusal", "Limiter", "WINDOW_S", "spend_periods"]

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
    async def acquire(self, request_id: str, scopes: list[Scope], tokens: int) -> Refusal | None:
        """Admit (None) or refuse, counting nothing when refusing."""

    async def release(self, request_id: str, scopes: list[Scope], token_delta: int, cost_micros: int) -> None:
        """End an admitted request."""

    async def aclose(self) -> None: ...
