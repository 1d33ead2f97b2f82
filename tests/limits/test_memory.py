"""The in-process limiter: exact counts, concurrency slots and spend caps."""

from __future__ import annotations

from gatehouse.limits.base import Scope
from gatehouse.limits.memory import MemoryLimiter
from gatehouse.limits.settings import LimitSpec


async def test_rpm_concurrency_tokens_and_spend() -> None:
    lim = MemoryLimiter()
    key = [Scope("key:k", LimitSpec(rpm=3))]
    assert [await lim.acquire(f"r{i}", key, 0) is None for i in range(5)] == [True, True, True, False, False]
    refusal = await lim.acquire("r9", key, 0)
    assert refusal is not None and refusal.kind == "requests" and 0 < refusal.retry_after_s <= 60

    conc = [Scope("tenant:t", LimitSpec(concurrency=2))]
    assert await lim.acquire("a", conc, 0) is None and await lim.acquire("b", conc, 0) is None
    assert (await lim.acquire("c", conc, 0)).kind == "concurrency"  # type: ignore[union-attr]
    await lim.release("a", conc, 0, 0)
    assert await lim.acquire("c", conc, 0) is None

    tpm = [Scope("key:t", LimitSpec(tpm=100))]
    assert await lim.acquire("x", tpm, 60) is None
    assert (await lim.acquire("y", tpm, 60)).kind == "tokens"  # type: ignore[union-attr]
    await lim.release("x", tpm, -30, 0)  # used 30 of the 60 reserved
    assert await lim.acquire("y", tpm, 60) is None

    spend = [Scope("tenant:s", LimitSpec(daily_spend_micros=1_000_000))]
    assert await lim.acquire("s1", spend, 0) is None
    await lim.release("s1", spend, 0, 1_000_000)
    refusal = await lim.acquire("s2", spend, 0)
    assert refusal is not None and refusal.kind == "daily_spend" and refusal.retry_after_s <= 86400
