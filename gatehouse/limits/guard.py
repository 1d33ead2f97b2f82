"""The limits guard: requests/tokens per minute, concurrency and spend caps per key and tenant.

Limits come from the config defaults (`limits.defaults.key` / `.tenant`) overridden by the
key's and tenant's own limits in the database (reloaded on the `keys`/`tenants` signals).
A caller with no limits anywhere costs one dictionary lookup. Refusals are 429 with
Retry-After and OpenAI-style x-ratelimit-* headers; admitted requests under a per-minute limit
carry x-ratelimit-{limit,remaining,reset}-{requests,tokens} on their answer too (through
`ctx.state[RESPONSE_HEADERS]`).

Spend caps count each request's cost when it ends. At start (and when a scope first gets a
spend cap) the counters are seeded from the ledger's running totals of the current UTC day and
month, so that a cap survives a restart; with the in-process backend a tenant's monthly cap
also reads the metering feature's month-to-date totals (refreshed from the ledger, so other
processes' spend counts there too).
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from gatehouse.errors import RateLimited
from gatehouse.limits.base import Headroom, Limiter, Refusal, Scope
from gatehouse.limits.memory import MemoryLimiter
from gatehouse.limits.settings import LimitSpec, LimitsSettings, limits_settings
from gatehouse.pipeline import RESPONSE_HEADERS, CallContext
from gatehouse.tenancy.tables import api_keys, tenants

if TYPE_CHECKING:
    from gatehouse.gateway import Gateway

__all__ = ["make_limiter", "LimitsGuard", "build", "rate_headers", "headroom_headers"]

log = logging.getLogger("gatehouse.limits")
_STATE = "limits"
_KIND_TEXT = {"requests": "requests per minute", "tokens": "tokens per minute", "concurrency": "concurrent requests",
              "daily_spend": "daily spend", "monthly_spend": "monthly spend"}


def _duration(seconds: float) -> str:
    s = max(seconds, 0.0)
    if s < 60:
        return f"{s:.3g}s"
    m, sec = divmod(int(s + 0.999), 60)
    if m < 60:
        return f"{m}m{sec}s"
    h, m = divmod(m, 60)
    return f"{h}h{m}m{sec}s"


def rate_headers(r: Refusal) -> dict[str, str]:
    kind = {"requests": "requests", "tokens": "tokens"}.get(r.kind, r.kind.replace("_", "-"))
    return {f"x-ratelimit-limit-{kind}": str(r.limit), f"x-ratelimit-remaining-{kind}": str(r.remaining),
            f"x-ratelimit-reset-{kind}": _duration(r.retry_after_s), "x-ratelimit-scope": r.scope.split(":", 1)[0]}


def headroom_headers(h: Headroom) -> dict[str, str]:
    """The x-ratelimit-* headers OpenAI sends on every answer, for the kinds that are limited."""
    out: dict[str, str] = {}
    if h.requests_limit >= 0:
        out["x-ratelimit-limit-requests"] = str(h.requests_limit)
        out["x-ratelimit-remaining-requests"] = str(h.requests_remaining)
        out["x-ratelimit-reset-requests"] = _duration(h.requests_reset_s)
    if h.tokens_limit >= 0:
        out["x-ratelimit-limit-tokens"] = str(h.tokens_limit)
        out["x-ratelimit-remaining-tokens"] = str(h.tokens_remaining)
        out["x-ratelimit-reset-tokens"] = _duration(h.tokens_reset_s)
    return out


def _has_spend(spec: LimitSpec | None) -> bool:
    return spec is not None and (spec.daily_spend_micros is not None or spec.monthly_spend_micros is not None)


class LimitsGuard:
    def __init__(self, gateway: Gateway, settings: LimitsSettings, limiter: Limiter) -> None:
        self.gateway = gateway
        self.settings = settings
        self.limiter = limiter
        self._key_defaults = settings.key_defaults()
        self._tenant_defaults = settings.tenant_defaults()
        self._keys: dict[str, LimitSpec] = {}
        self._tenants: dict[str, LimitSpec] = {}
        self._scopes: dict[tuple[str, str], list[Scope]] = {}
        self._known: set[str] = set()
        self._pending: set[asyncio.Task[None]] = set()
        self._seeded: set[str] = set()  # scope names whose spend counters came from the ledger
        self._seeded_all: set[str] = set()  # "key" / "tenant": every one seeded (a default cap)

    async def start(self) -> None:
        await self.reload()
        if isinstance(self.limiter, MemoryLimiter):
            totals = next((getattr(s, "totals", None) for s in self.gateway.sinks
                           if hasattr(getattr(s, "totals", None), "month_to_date")), None)
            if totals is not None:
                def floor(name: str, mtd: Any = totals.month_to_date) -> int:
                    return int(mtd(name[7:])) if name.startswith("tenant:") else 0

                self.limiter.month_floor = floor

    async def reload(self) -> None:
        async with self.gateway.store.engine.connect() as conn:
            krows = (await conn.execute(select(api_keys.c.id, api_keys.c.limits))).all()
            trows = (await conn.execute(select(tenants.c.id, tenants.c.limits).where(tenants.c.limits.is_not(None))
                                        )).all()
        self._keys = {r.id: LimitSpec.parse(r.limits) for r in krows if r.limits}
        self._tenants = {r.id: LimitSpec.parse(r.limits) for r in trows if r.limits}
        self._known = {r.id for r in krows}
        self._scopes = {}
        try:
            await self._seed_spend()
        except Exception:
            log.exception("seeding spend caps from the ledger failed; they count from zero")

    async def _seed_spend(self) -> None:
        """Spend counters from the ledger for scopes with a spend cap not seeded yet."""
        try:
            from gatehouse.metering.ledger import spend_today_and_month
        except ImportError:  # no metering feature: no ledger to seed from
            return
        now = time.time()
        today = datetime.fromtimestamp(now, timezone.utc).date()
        plan: list[tuple[str, str, set[str] | None]] = []
        for by, defaults, specs in (("key", self._key_defaults, self._keys),
                                    ("tenant", self._tenant_defaults, self._tenants)):
            if by in self._seeded_all:
                continue
            if _has_spend(defaults):
                plan.append((by, f"{by}:", None))
                continue
            ids = {i for i, sp in specs.items() if _has_spend(sp) and f"{by}:{i}" not in self._seeded}
            if ids:
                plan.append((by, f"{by}:", ids))
        if not plan:
            return
        async with self.gateway.store.engine.connect() as conn:
            found = [(by, prefix, only, await spend_today_and_month(conn, by, today, only))
                     for by, prefix, only in plan]
        for by, prefix, only, spend in found:
            for i, (day, month) in spend.items():
                if day or month:
                    await self.limiter.seed_spend(prefix + i, day, month, now)
            if only is None:
                self._seeded_all.add(by)
            else:
                self._seeded.update(prefix + i for i in only)

    async def _learn(self, key_id: str, tenant_id: str) -> None:
        """A key created since the last reload (the keyring found it in the database): load its
        and its tenant's limits now, so that its very first requests are counted."""
        async with self.gateway.store.engine.connect() as conn:
            k = (await conn.execute(select(api_keys.c.limits).where(api_keys.c.id == key_id))).first()
            t = (await conn.execute(select(tenants.c.limits).where(tenants.c.id == tenant_id))).first()
        if k is not None and k.limits:
            self._keys[key_id] = LimitSpec.parse(k.limits)
        if t is not None and t.limits:
            self._tenants[tenant_id] = LimitSpec.parse(t.limits)
        self._known.add(key_id)
        self._scopes.pop((key_id, tenant_id), None)

    def scopes(self, key_id: str, tenant_id: str) -> list[Scope]:
        """The limit scopes of a caller, resolved once per reload (this runs on every request)."""
        cached = self._scopes.get((key_id, tenant_id))
        if cached is None:
            if len(self._scopes) > 100_000:
                self._scopes.clear()
            cached = self._scopes[(key_id, tenant_id)] = self._resolve(key_id, tenant_id)
        return cached

    def _resolve(self, key_id: str, tenant_id: str) -> list[Scope]:
        out: list[Scope] = []
        k = self._keys.get(key_id)
        ks = k.over(self._key_defaults) if k is not None else self._key_defaults
        if not ks.empty:
            out.append(Scope(f"key:{key_id}", ks))
        t = self._tenants.get(tenant_id)
        ts = t.over(self._tenant_defaults) if t is not None else self._tenant_defaults
        if not ts.empty:
            out.append(Scope(f"tenant:{tenant_id}", ts))
        return out

    def _estimate(self, ctx: CallContext) -> int:
        from gatehouse.api.proxy import prompt_text

        prompt = self.gateway.count_tokens(prompt_text(ctx.endpoint, ctx.body), ctx.model.family)
        asked = ctx.body.get("max_completion_tokens") or ctx.body.get("max_tokens")
        reserve = self.settings.completion_reserve
        completion = min(int(asked), reserve) if isinstance(asked, int) else reserve
        return prompt + completion

    async def check(self, ctx: CallContext) -> None:
        p = ctx.principal
        if p.key_id not in self._known:
            await self._learn(p.key_id, p.tenant_id)
        scopes = self.scopes(p.key_id, p.tenant_id)
        if not scopes:
            return
        tokens = self._estimate(ctx) if any(s.spec.tpm is not None for s in scopes) else 0
        refusal = await self.limiter.acquire(ctx.record.id, scopes, tokens)
        if refusal is not None and type(refusal) is Headroom:
            ctx.state[RESPONSE_HEADERS] = headroom_headers(refusal)
        elif refusal is not None:
            assert isinstance(refusal, Refusal)
            who = "this API key" if refusal.scope.startswith("key:") else "your organization"
            limit = refusal.limit / 1_000_000 if refusal.kind.endswith("spend") else refusal.limit
            raise RateLimited(
                f"Rate limit reached for {who}: {_KIND_TEXT.get(refusal.kind, refusal.kind)} limit {limit:g}. "
                f"Retry after {_duration(refusal.retry_after_s)}.",
                retry_after=refusal.retry_after_s, headers=rate_headers(refusal),
                code="budget_exceeded" if refusal.kind.endswith("spend") else "rate_limit_exceeded")
        ctx.state[_STATE] = (scopes, tokens)

    def finish(self, ctx: CallContext) -> None:
        held = ctx.state.pop(_STATE, None)
        if held is None:
            return
        scopes, reserved = held
        usage = ctx.record.usage
        actual = usage.total_tokens if usage is not None else 0
        cost = ctx.record.cost_micros or 0
        task = asyncio.get_running_loop().create_task(
            self._release(ctx.record.id, scopes, actual - reserved if reserved or actual else 0, cost))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _release(self, request_id: str, scopes: list[Scope], delta: int, cost: int) -> None:
        try:
            await self.limiter.release(request_id, scopes, delta, cost)
        except Exception:
            log.exception("releasing limits for %s failed", request_id)

    async def aclose(self) -> None:
        if self._pending:
            await asyncio.gather(*self._pending, return_exceptions=True)
        await self.limiter.aclose()


def make_limiter(gateway: Gateway, settings: LimitsSettings | None = None) -> Limiter:
    """The configured limiter: Redis (exact across processes) or in-process. Other features
    that hold callers to a rate (the monitor's throttle) use one of these too."""
    settings = settings or limits_settings(gateway.config)
    if settings.backend == "redis" or (settings.backend == "auto" and gateway.config.redis_url):
        return _LazyRedis(gateway, settings)
    return MemoryLimiter()


def build(gateway: Gateway) -> LimitsGuard:
    settings = limits_settings(gateway.config)
    guard = LimitsGuard(gateway, settings, make_limiter(gateway, settings))
    gateway.on_signal("keys", guard.reload)
    gateway.on_signal("tenants", guard.reload)
    return guard


class _LazyRedis:
    """Binds to `gateway.redis` on first use (the client is created after the guards are built)."""

    def __init__(self, gateway: Gateway, settings: LimitsSettings) -> None:
        self.gateway = gateway
        self.settings = settings
        self._inner: Any = None

    def _get(self) -> Any:
        if self._inner is None:
            from gatehouse.limits.redis_backend import RedisLimiter

            if self.gateway.redis is None:
                raise RuntimeError("limits.backend is redis but no redis_url is configured")
            self._inner = RedisLimiter(self.gateway.redis, self.settings.key_prefix,
                                       self.settings.concurrency_lease_s)
        return self._inner

    async def acquire(self, request_id: str, scopes: list[Scope], tokens: int) -> Refusal | Headroom | None:
        result: Refusal | Headroom | None = await self._get().acquire(request_id, scopes, tokens)
        return result

    async def seed_spend(self, name: str, day_micros: int, month_micros: int, now: float) -> None:
        await self._get().seed_spend(name, day_micros, month_micros, now)

    async def release(self, request_id: str, scopes: list[Scope], token_delta: int, cost_micros: int) -> None:
        await self._get().release(request_id, scopes, token_delta, cost_micros)

    async def aclose(self) -> None:
        return None
