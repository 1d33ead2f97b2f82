"""The in-process limiter: exact for one process (asyncio: no await between check and count)."""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field

from collections.abc import Callable

from gatehouse.limits.base import WINDOW_S, Headroom, Refusal, Scope, spend_periods

__all__ = ["MemoryLimiter"]


@dataclass(slots=True)
class _State:
    requests: deque[float] = field(default_factory=deque)
    tokens: deque[list[float]] = field(default_factory=deque)  # [ts, tokens]
    token_sum: float = 0
    inflight: set[str] = field(default_factory=set)
    spend: dict[str, int] = field(default_factory=dict)


class MemoryLimiter:
    def __init__(self) -> None:
        self._state: dict[str, _State] = {}
        # Optional: a scope's month-to-date spend as other sources know it (the ledger's running
        # totals, refreshed from the database, so other processes' spend counts too). A monthly
        # cap refuses when either this process's count or that total reaches it.
        self.month_floor: Callable[[str], int] | None = None

    def _get(self, name: str, now: float) -> _State:
        st = self._state.get(name)
        if st is None:
            st = self._state[name] = _State()
        cutoff = now - WINDOW_S
        while st.requests and st.requests[0] <= cutoff:
            st.requests.popleft()
        while st.tokens and st.tokens[0][0] <= cutoff:
            st.token_sum -= st.tokens.popleft()[1]
        return st

    def _refuse(self, sc: Scope, st: _State, tokens: int, now: float) -> Refusal | None:
        s = sc.spec
        if s.rpm is not None and len(st.requests) >= s.rpm:
            wait = (st.requests[0] + WINDOW_S - now) if st.requests else WINDOW_S
            return Refusal(sc.name, "requests", s.rpm, 0, max(wait, 0.001))
        if s.tpm is not None and st.token_sum + tokens > s.tpm:
            wait = (st.tokens[0][0] + WINDOW_S - now) if st.tokens else WINDOW_S
            return Refusal(sc.name, "tokens", s.tpm, max(0, int(s.tpm - st.token_sum)), max(wait, 0.001))
        if s.concurrency is not None and len(st.inflight) >= s.concurrency:
            return Refusal(sc.name, "concurrency", s.concurrency, 0, 1.0)
        if s.daily_spend_micros is not None or s.monthly_spend_micros is not None:
            day, month, to_day, to_month = spend_periods(now)
            if s.daily_spend_micros is not None and st.spend.get(day, 0) >= s.daily_spend_micros:
                return Refusal(sc.name, "daily_spend", s.daily_spend_micros, 0, to_day)
            if s.monthly_spend_micros is not None and max(
                    st.spend.get(month, 0), self.month_floor(sc.name) if self.month_floor else 0
            ) >= s.monthly_spend_micros:
                return Refusal(sc.name, "monthly_spend", s.monthly_spend_micros, 0, to_month)
        return None

    async def acquire(self, request_id: str, scopes: list[Scope], tokens: int) -> Refusal | Headroom | None:
        now = time.time()
        states = [self._get(sc.name, now) for sc in scopes]
        for sc, st in zip(scopes, states):
            refusal = self._refuse(sc, st, tokens, now)
            if refusal is not None:
                return refusal
        rl = tl = -1
        rr = tr = 0
        rs = ts = 0.0
        for sc, st in zip(scopes, states):
            s = sc.spec
            if s.rpm is not None:
                st.requests.append(now)
                left = s.rpm - len(st.requests)
                if rl < 0 or left < rr:
                    rl, rr, rs = s.rpm, left, st.requests[0] + WINDOW_S - now
            if s.tpm is not None:
                if tokens:
                    st.tokens.append([now, tokens])
                    st.token_sum += tokens
                left = max(0, int(s.tpm - st.token_sum))
                if tl < 0 or left < tr:
                    tl, tr, ts = s.tpm, left, (st.tokens[0][0] + WINDOW_S - now) if st.tokens else 0.0
            if s.concurrency is not None:
                st.inflight.add(request_id)
        if rl < 0 and tl < 0:
            return None
        return Headroom(rl, rr, rs, tl, tr, ts)

    async def seed_spend(self, name: str, day_micros: int, month_micros: int, now: float) -> None:
        day, month, _, _ = spend_periods(now)
        st = self._get(name, now)
        for tag, amount in ((day, day_micros), (month, month_micros)):
            if amount > st.spend.get(tag, 0):
                st.spend[tag] = amount

    async def release(self, request_id: str, scopes: list[Scope], token_delta: int, cost_micros: int) -> None:
        now = time.time()
        for sc in scopes:
            st = self._get(sc.name, now)
            st.inflight.discard(request_id)
            if sc.spec.tpm is not None and token_delta:
                st.tokens.append([now, token_delta])
                st.token_sum += token_delta
            if cost_micros and (sc.spec.daily_spend_micros is not None or sc.spec.monthly_spend_micros is not None):
                day, month, _, _ = spend_periods(now)
                for tag in (day, month):
                    st.spend[tag] = st.spend.get(tag, 0) + cost_micros
                for tag in [t for t in st.spend if t not in (day, month)]:
                    del st.spend[tag]

    async def aclose(self) -> None:
        self._state.clear()
