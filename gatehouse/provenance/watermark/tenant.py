"""Which tenant the current call serves, for the `local` provider's watermark key.

The provider seam carries no tenant (adapters translate bodies only), so the guard
below records the caller's tenant in a context variable during `check()`; the router
call that follows runs in the same task and the `local` transport reads it there.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from gatehouse.pipeline import CallContext

__all__ = ["CURRENT_TENANT", "TenantContextGuard", "build"]

CURRENT_TENANT: ContextVar[str | None] = ContextVar("gatehouse_watermark_tenant", default=None)


class TenantContextGuard:
    """A Guard that refuses nothing: it only names the tenant for the watermark."""

    async def check(self, ctx: CallContext) -> None:
        CURRENT_TENANT.set(ctx.principal.tenant_id)

    def finish(self, ctx: CallContext) -> None:
        return None


def build(gateway: Any) -> TenantContextGuard | None:
    """GUARD_FACTORIES entry: `gatehouse.provenance.watermark.tenant:build` (only with a `local` provider)."""
    providers = getattr(gateway.config, "providers", {}) or {}
    if not any(getattr(p, "kind", None) == "local" for p in providers.values()):
        return None
    return TenantContextGuard()
