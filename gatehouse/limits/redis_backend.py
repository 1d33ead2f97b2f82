"""The Redis limiter: exact across any number of gateway processes.

One Lua script checks every limit of every scope and, only if all pass, counts the request
(atomic on the Redis server, using the server's clock). Requests per minute use a sliding
log (sorted set), tokens per minute per-second buckets over the last 60 s, concurrency a
sorted set of leases (a crashed process's slots expire), spend plain counters per UTC day
and month. Keys share a hash tag per scope, so Redis Cluster works too.
"""

from __future__ import annotations

from typing import Any

from gatehouse.limits.base import Headroom, Refusal, Scope, spend_periods
from gatehouse.limits.settings import LimitSpec

__all__ = ["RedisLimiter"]

_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local reqid = ARGV[1]
local tokens = tonumber(ARGV[2])
local n = tonumber(ARGV[3])
local window = 60000
local rl, rr, rs, tl, tr, ts = -1, 0, 0, -1, 0, 0
for i = 0, n - 1 do
  local a = 4 + i * 6
  local k = i * 5
  local rpm, tpm, conc = tonumber(ARGV[a]), tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2])
  local dcap, mcap = tonumber(ARGV[a + 4]), tonumber(ARGV[a + 5])
  if rpm >= 0 then
    redis.call('ZREMRANGEBYSCORE', KEYS[k + 1], '-inf', now - window)
    local c = redis.call('ZCARD', KEYS[k + 1])
    local oldest = redis.call('ZRANGE', KEYS[k + 1], 0, 0, 'WITHSCORES')
    local wait = window
    if oldest[2] then wait = tonumber(oldest[2]) + window - now end
    if c >= rpm then
      return {i + 1, 'requests', rpm, 0, wait}
    end
    if rl < 0 or rpm - c - 1 < rr then rl, rr, rs = rpm, rpm - c - 1, wait end
  end
  if tpm >= 0 then
    local h = redis.call('HGETALL', KEYS[k + 2])
    local sum, oldest = 0, nil
    for j = 1, #h, 2 do
      local b = tonumber(h[j])
      if b * 1000 + 1000 <= now - window then
        redis.call('HDEL', KEYS[k + 2], h[j])
      else
        sum = sum + tonumber(h[j + 1])
        if oldest == nil or b < oldest then oldest = b end
      end
    end
    local wait = window
    if oldest ~= nil then wait = oldest * 1000 + 1000 + window - now end
    if sum + tokens > tpm then
      local left = tpm - sum
      if left < 0 then left = 0 end
      return {i + 1, 'tokens', tpm, left, wait}
    end
    local left = tpm - sum - tokens
    if left < 0 then left = 0 end
    if tl < 0 or left < tr then tl, tr, ts = tpm, left, wait end
  end
  if conc >= 0 then
    redis.call('ZREMRANGEBYSCORE', KEYS[k + 3], '-inf', now)
    if redis.call('ZCARD', KEYS[k + 3]) >= conc then
      return {i + 1, 'concurrency', conc, 0, 1000}
    end
  end
  if dcap >= 0 and tonumber(redis.call('GET', KEYS[k + 4]) or '0') >= dcap then
    return {i + 1, 'daily_spend', dcap, 0, -1}
  end
  if mcap >= 0 and tonumber(redis.call('GET', KEYS[k + 5]) or '0') >= mcap then
    return {i + 1, 'monthly_spend', mcap, 0, -2}
  end
end
for i = 0, n - 1 do
  local a = 4 + i * 6
  local k = i * 5
  local rpm, tpm, conc, lease = tonumber(ARGV[a]), tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3])
  if rpm >= 0 then
    redis.call('ZADD', KEYS[k + 1], now, reqid)
    redis.call('PEXPIRE', KEYS[k + 1], window + 1000)
  end
  if tpm >= 0 and tokens > 0 then
    redis.call('HINCRBY', KEYS[k + 2], math.floor(now / 1000), tokens)
    redis.call('PEXPIRE', KEYS[k + 2], window + 2000)
  end
  if conc >= 0 then
    redis.call('ZADD', KEYS[k + 3], now + lease, reqid)
    redis.call('PEXPIRE', KEYS[k + 3], lease + 1000)
  end
end
if rl < 0 and tl < 0 then return {0} end
return {0, rl, rr, rs, tl, tr, ts}
"""

_SEED = """
redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', 2 * 86400)
redis.call('SET', KEYS[2], ARGV[2], 'NX', 'EX', 32 * 86400)
return 0
"""

_RELEASE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local reqid = ARGV[1]
local delta, cost, n = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
for i = 0, n - 1 do
  local a = 5 + i * 3
  local k = i * 5
  if ARGV[a + 1] == '1' then redis.call('ZREM', KEYS[k + 3], reqid) end
  if ARGV[a] == '1' and delta ~= 0 then
    redis.call('HINCRBY', KEYS[k + 2], math.floor(now / 1000), delta)
    redis.call('PEXPIRE', KEYS[k + 2], 62000)
  end
  if ARGV[a + 2] == '1' and cost > 0 then
    redis.call('INCRBY', KEYS[k + 4], cost)
    redis.call('EXPIRE', KEYS[k + 4], 2 * 86400)
    redis.call('INCRBY', KEYS[k + 5], cost)
    redis.call('EXPIRE', KEYS[k + 5], 32 * 86400)
  end
end
return 0
"""


_NO_LIMITS = LimitSpec()


def _n(v: int | None) -> int:
    return -1 if v is None else v


class RedisLimiter:
    def __init__(self, redis: Any, prefix: str, lease_s: float) -> None:
        self.redis = redis
        self.prefix = prefix
        self.lease_ms = int(lease_s * 1000)
        self._acquire = redis.register_script(_ACQUIRE)
        self._release = redis.register_script(_RELEASE)
        self._seed = redis.register_script(_SEED)

    def _keys(self, scopes: list[Scope], now: float) -> list[str]:
        day, month, _, _ = spend_periods(now)
        keys: list[str] = []
        for sc in scopes:
            base = f"{self.prefix}{{{sc.name}}}"
            keys += [f"{base}:rpm", f"{base}:tpm", f"{base}:conc", f"{base}:spend:d:{day}", f"{base}:spend:m:{month}"]
        return keys

    async def acquire(self, request_id: str, scopes: list[Scope], tokens: int) -> Refusal | Headroom | None:
        import time

        now = time.time()
        args: list[Any] = [request_id, tokens, len(scopes)]
        for sc in scopes:
            s = sc.spec
            args += [_n(s.rpm), _n(s.tpm), _n(s.concurrency), self.lease_ms, _n(s.daily_spend_micros),
                     _n(s.monthly_spend_micros)]
        res = await self._acquire(keys=self._keys(scopes, now), args=args)
        if int(res[0]) == 0:
            if len(res) == 1:
                return None
            return Headroom(int(res[1]), int(res[2]), max(int(res[3]), 0) / 1000, int(res[4]), int(res[5]),
                            max(int(res[6]), 0) / 1000)
        scope = scopes[int(res[0]) - 1].name
        kind = res[1].decode() if isinstance(res[1], bytes) else str(res[1])
        wait_ms = int(res[4])
        if wait_ms < 0:
            _, _, to_day, to_month = spend_periods(now)
            wait = to_day if wait_ms == -1 else to_month
        else:
            wait = max(wait_ms, 1) / 1000
        return Refusal(scope, kind, int(res[2]), int(res[3]), wait)

    async def release(self, request_id: str, scopes: list[Scope], token_delta: int, cost_micros: int) -> None:
        import time

        args: list[Any] = [request_id, token_delta, cost_micros, len(scopes)]
        for sc in scopes:
            s = sc.spec
            spend = s.daily_spend_micros is not None or s.monthly_spend_micros is not None
            args += ["1" if s.tpm is not None else "0", "1" if s.concurrency is not None else "0",
                     "1" if spend else "0"]
        await self._release(keys=self._keys(scopes, time.time()), args=args)

    async def seed_spend(self, name: str, day_micros: int, month_micros: int, now: float) -> None:
        """Counters that already exist are this deployment's own, at least as current as the
        ledger; only missing ones (a Redis that lost its data) are set from the ledger."""
        keys = self._keys([Scope(name, _NO_LIMITS)], now)[3:5]
        await self._seed(keys=keys, args=[day_micros, month_micros])

    async def aclose(self) -> None:
        return None
