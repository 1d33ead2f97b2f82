"""The in-process limiter: exact counts, concurrency slots and spend caps."""

from __future__ import annotations

from gatehouse.limits.base import Refusal, Scope
from gatehouse.limits.memory import MemoryLimiter
from gatehouse.limits.settings import LimitSpec


def admitted(res: object) -> bool:
    return not isinstance(res, Refusal)


async def test_rpm_concurrency_tokens_and_spend() -> None:
    lim = MemoryLimiter()
    key = [Scope("key:k", LimitSpec(rpm=3))]
    assert [admitted(await lim.acquire(f"r{i}", key, 0)) for i in range(5)] == [True, True, True, False, False]
    refusal = await lim.acquire("r9", key, 0)
    assert isinstance(refusal, Refusal) and refusal.kind == "requests" and 0 < refusal.retry_after_s <= 60

    conc = [Scope("tenant:t", LimitSpec(concurrency=2))]
    assert await lim.acquire("a", conc, 0) is None and await lim.acquire("b", conc, 0) is None
    assert (await lim.acquire("c", conc, 0)).kind == "concurrency"  # type: ignore[union-attr]
    await lim.release("a", conc, 0, 0)
    assert await lim.acquire("c", conc, 0) is None

    tpm = [Scope("key:t", LimitSpec(tpm=100))]
    assert admitted(await lim.acquire("x", tpm, 60))
    assert (await lim.acquire("y", tpm, 60)).kind == "tokens"  # type: ignore[union-attr]
    await lim.release("x", tpm, -30, 0)  # used 30 of the 60 reserved
    assert admitted(await lim.acquire("y", tpm, 60))

    spend = [Scope("tenant:s", LimitSpec(daily_spend_micros=1_000_000))]
    assert await lim.acquire("s1", spend, 0) is None
    await lim.release("s1", spend, 0, 1_000_000)
    refusal = await lim.acquire("s2", spend, 0)
    assert isinstance(refusal, Refusal) and refusal.kind == "daily_spend" and refusal.retry_after_s <= 86400


async def test_month_floor_from_the_ledger_totals() -> None:
    """A tenant's monthly cap also reads the metering totals (other processes' spend)."""
    lim = MemoryLimiter()
    totals = {"tenant:t": 0}
    lim.month_floor = totals.__getitem__
    scope = [Scope("tenant:t", LimitSpec(monthly_spend_micros=500))]
    assert admitted(await lim.acquire("a", scope, 0))
    totals["tenant:t"] = 500
    refusal = await lim.acquire("b", scope, 0)
    assert isinstance(refusal, Refusal) and refusal.kind == "monthly_spend"
