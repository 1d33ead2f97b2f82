"""The edge of every limit, on both backends (in-process and real Redis): exactly at the limit
is admitted, one over is refused; admitted requests report their headroom; spend counters
seeded from the ledger."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

import pytest

from gatehouse.limits.base import Headroom, Limiter, Refusal, Scope
from gatehouse.limits.memory import MemoryLimiter
from gatehouse.limits.settings import LimitSpec


@pytest.fixture(params=["memory", "redis"])
async def limiter(request: pytest.FixtureRequest, redis_url: str, redis_prefix: str) -> AsyncIterator[Limiter]:
    if request.param == "memory":
        yield MemoryLimiter()
        return
    import redis.asyncio as aioredis

    from gatehouse.limits.redis_backend import RedisLimiter

    client: Any = aioredis.from_url(redis_url)
    try:
        yield RedisLimiter(client, redis_prefix, lease_s=30)
    finally:
        keys = [k async for k in client.scan_iter(match=redis_prefix + "*")]
        if keys:
            await client.delete(*keys)
        await client.aclose()


def refused(res: object, kind: str) -> Refusal:
    assert isinstance(res, Refusal), res
    assert res.kind == kind, res
    return res


async def test_rpm_edge(limiter: Limiter) -> None:
    scope = [Scope("key:rpm", LimitSpec(rpm=5))]
    seen = []
    for i in range(5):
        h = await limiter.acquire(f"r{i}", scope, 0)
        assert isinstance(h, Headroom), h
        seen.append(h.requests_remaining)
        assert h.requests_limit == 5 and h.tokens_limit == -1 and 0 < h.requests_reset_s <= 60
    assert seen == [4, 3, 2, 1, 0]  # the 5th request, exactly at the limit, is admitted
    r = refused(await limiter.acquire("r5", scope, 0), "requests")
    assert r.limit == 5 and r.remaining == 0 and 0 < r.retry_after_s <= 60


async def test_tpm_edge(limiter: Limiter) -> None:
    scope = [Scope("key:tpm", LimitSpec(tpm=100))]
    refused(await limiter.acquire("big", scope, 101), "tokens")  # one over on an empty window
    h = await limiter.acquire("a", scope, 60)
    assert isinstance(h, Headroom) and h.tokens_limit == 100 and h.tokens_remaining == 40
    h = await limiter.acquire("b", scope, 40)  # exactly at the limit
    assert isinstance(h, Headroom) and h.tokens_remaining == 0
    r = refused(await limiter.acquire("c", scope, 1), "tokens")
    assert r.remaining == 0 and 0 < r.retry_after_s <= 61
    await limiter.release("a", scope, -1, 0)  # "a" used one token less than reserved
    assert isinstance(await limiter.acquire("c", scope, 1), Headroom)
    refused(await limiter.acquire("d", scope, 1), "tokens")


async def test_concurrency_edge(limiter: Limiter) -> None:
    scope = [Scope("tenant:conc", LimitSpec(concurrency=3))]
    for i in range(3):
        assert not isinstance(await limiter.acquire(f"c{i}", scope, 0), Refusal)
    refused(await limiter.acquire("c3", scope, 0), "concurrency")
    await limiter.release("c1", scope, 0, 0)
    assert not isinstance(await limiter.acquire("c3", scope, 0), Refusal)
    refused(await limiter.acquire("c4", scope, 0), "concurrency")


@pytest.mark.parametrize("kind", ["daily_spend", "monthly_spend"])
async def test_spend_edge(limiter: Limiter, kind: str) -> None:
    cap = 1_000_000
    scope = [Scope(f"tenant:{kind}", LimitSpec(**{f"{kind}_micros": cap}))]  # type: ignore[arg-type]
    assert not isinstance(await limiter.acquire("s1", scope, 0), Refusal)
    await limiter.release("s1", scope, 0, cap - 1)
    assert not isinstance(await limiter.acquire("s2", scope, 0), Refusal)  # one micro under the cap
    await limiter.release("s2", scope, 0, 1)  # now exactly at the cap
    r = refused(await limiter.acquire("s3", scope, 0), kind)
    assert r.limit == cap and r.retry_after_s <= (86400 if kind == "daily_spend" else 31 * 86400)


async def test_two_scopes_report_the_tightest(limiter: Limiter) -> None:
    scopes = [Scope("key:k2", LimitSpec(rpm=10, tpm=1000)), Scope("tenant:t2", LimitSpec(rpm=3))]
    h = await limiter.acquire("a", scopes, 100)
    assert isinstance(h, Headroom)
    assert (h.requests_limit, h.requests_remaining) == (3, 2)
    assert (h.tokens_limit, h.tokens_remaining) == (1000, 900)
    # A refusal by one scope counts nothing in the other.
    await limiter.acquire("b", scopes, 100)
    await limiter.acquire("c", scopes, 100)
    refused(await limiter.acquire("d", scopes, 100), "requests")
    h = await limiter.acquire("e", [scopes[0]], 0)
    assert isinstance(h, Headroom) and h.requests_remaining == 10 - 4 and h.tokens_remaining == 700


async def test_seed_spend(limiter: Limiter) -> None:
    cap = 500
    scope = [Scope("tenant:seeded", LimitSpec(daily_spend_micros=cap, monthly_spend_micros=10 * cap))]
    await limiter.seed_spend("tenant:seeded", cap, cap, time.time())
    refused(await limiter.acquire("a", scope, 0), "daily_spend")
    month = [Scope("tenant:seeded2", LimitSpec(monthly_spend_micros=cap))]
    await limiter.seed_spend("tenant:seeded2", 0, cap - 1, time.time())
    assert not isinstance(await limiter.acquire("b", month, 0), Refusal)
    await limiter.release("b", month, 0, 1)
    refused(await limiter.acquire("c", month, 0), "monthly_spend")
