"""The monitor's guard: applies enforcement decisions on the hot path from memory.

`block` refuses with 403 (`monitor_blocked`); `throttle` holds a key to the configured
requests per minute (429 with Retry-After), counted by the limits feature's limiter, so the
window is shared by every process when Redis is configured; `watch` and `review` pass (a review opens an
alert and, when configured, suspends the key through governance). Decisions come from the
live sink in this process and from `monitor_decisions` (reloaded on the `enforcement`
signal), so every gateway process converges within a second.
"""

from __future__ import annotations

from typing import Any

from gatehouse.errors import PermissionDenied, RateLimited
from gatehouse.limits.base import Limiter, Refusal, Scope
from gatehouse.limits.memory import MemoryLimiter
from gatehouse.limits.settings import LimitSpec
from gatehouse.monitor.policy import ACTIONS, MonitorConfig, load_monitor_config

__all__ = ["Decisions", "MonitorGuard", "build", "shared_decisions"]


class Decisions:
    """subject ("tenant:<id>" / "key:<id>") -> action."""

    def __init__(self) -> None:
        self.actions: dict[str, str] = {}

    def replace(self, actions: dict[str, str]) -> None:
        self.actions = dict(actions)

    def set(self, subject: str, action: str) -> None:
        if action == "allow":
            self.actions.pop(subject, None)
        else:
            self.actions[subject] = action

    def action_for(self, tenant: str, key: str) -> str:
        a = self.actions.get(f"key:{key}", "allow")
        b = self.actions.get(f"tenant:{tenant}", "allow")
        return a if ACTIONS.index(a) >= ACTIONS.index(b) else b

def shared_decisions(gateway: Any) -> Decisions:
    """The one `Decisions` of a gateway, shared by the guard and the live sink."""
    d = getattr(gateway, "monitor_decisions", None)
    if not isinstance(d, Decisions):
        d = Decisions()
        gateway.monitor_decisions = d
    return d


class MonitorGuard:
    def __init__(self, decisions: Decisions, cfg: MonitorConfig, store: Any = None,
                 limiter: Limiter | None = None) -> None:
        self.decisions = decisions
        self.cfg = cfg
        self.store = store
        self.limiter: Limiter = limiter or MemoryLimiter()
        self._throttle = LimitSpec(rpm=cfg.throttle.requests_per_minute)

    async def start(self) -> None:
        await self.reload()

    async def reload(self) -> None:
        if self.store is None:
            return
        from gatehouse.monitor.alerts import load_decisions

        async with self.store.engine.connect() as conn:
            self.decisions.replace(await load_decisions(conn))

    async def check(self, ctx: Any) -> None:
        p = ctx.principal
        action = self.decisions.action_for(p.tenant_id, p.key_id)
        if action == "block":
            raise PermissionDenied("This key is blocked pending a trust-and-safety review of its traffic.",
                                   code="monitor_blocked")
        if action == "throttle":
            # Requests-per-minute only: nothing to release when the request ends.
            verdict = await self.limiter.acquire(ctx.record.id, [Scope(f"monitor:key:{p.key_id}", self._throttle)], 0)
            if isinstance(verdict, Refusal):
                raise RateLimited("This key is throttled by trust-and-safety monitoring.",
                                  retry_after=verdict.retry_after_s, code="monitor_throttled")

    def finish(self, ctx: Any) -> None:
        return None


def build(gateway: Any) -> MonitorGuard | None:
    cfg = load_monitor_config(gateway.config.section("monitor"))
    if not cfg.enabled:
        return None
    from gatehouse.limits.guard import make_limiter

    guard = MonitorGuard(shared_decisions(gateway), cfg, gateway.store, make_limiter(gateway))
    on_signal = getattr(gateway, "on_signal", None)
    if on_signal is not None:
        on_signal("enforcement", guard.reload)
    return guard
