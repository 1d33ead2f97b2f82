"""The policy guard: refuses callers the operator does not serve and narrows routing to the
deployments the policy allows for the caller; `offers()` narrows `GET /v1/models`.

Per request: one dictionary lookup for the caller's (tenant, jurisdiction, entity type)
decisions (computed once for the whole catalogue, cached until the policy reloads).
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from gatehouse.errors import PermissionDenied
from gatehouse.pipeline import CallContext
from gatehouse.policy.engine import ENTITY_DENIED, Decision, Policy
from gatehouse.policy.model import PolicyError
from gatehouse.policy.source import load_policy
from gatehouse.providers.base import Deployment
from gatehouse.routing.catalogue import CatalogueModel
from gatehouse.routing.router import CandidateFilter
from gatehouse.tenancy.principal import Principal
from gatehouse.tenancy.settings import tenancy_settings

if TYPE_CHECKING:
    from gatehouse.gateway import Gateway

__all__ = ["PolicyGuard", "build"]

log = logging.getLogger("gatehouse.policy")

_CACHE_MAX = 50_000
_Entry = tuple[dict[str, Decision], CandidateFilter]


def _filter(decisions: dict[str, Decision]) -> CandidateFilter:
    def allow(model: str, deps: tuple[Deployment, ...]) -> list[Deployment]:
        d = decisions.get(model)
        if d is None or not d.allowed:
            return []
        ids = d.deployment_ids
        return [x for x in deps if x.id in ids]

    return allow


class PolicyGuard:
    def __init__(self, gateway: Gateway, policy: Policy | None, allowed_entity_types: frozenset[str]) -> None:
        self.gateway = gateway
        self.policy = policy
        self.allowed_entity_types = allowed_entity_types
        self._cache: dict[tuple[str, str, str], _Entry] = {}

    # -- hot path ---------------------------------------------------------
    def _entry(self, p: Principal) -> _Entry | None:
        if self.policy is None:
            return None
        key = (p.tenant_id, p.jurisdiction, p.entity_type)
        entry = self._cache.get(key)
        if entry is None:
            if len(self._cache) >= _CACHE_MAX:
                self._cache.clear()
            decisions = self.policy.decisions(p.tenant_id, p.jurisdiction, p.entity_type)
            entry = self._cache[key] = (decisions, _filter(decisions))
        return entry

    def _refuse_entity(self, p: Principal) -> None:
        if p.entity_type not in self.allowed_entity_types:
            what = "Individuals are" if p.entity_type == "individual" else f"Entity type '{p.entity_type}' is"
            raise PermissionDenied(f"{what} not served: Gatehouse serves established organizations only.",
                                   code=ENTITY_DENIED)

    async def check(self, ctx: CallContext) -> None:
        p = ctx.principal
        if p.entity_type not in self.allowed_entity_types:
            self._refuse_entity(p)
        entry = self._entry(p)
        if entry is None:
            return
        d = entry[0].get(ctx.model.name)
        if d is None or not d.allowed:
            raise PermissionDenied(d.reason if d else "This model is not offered to you.",
                                   param="model", code=d.code if d else "model_not_available_in_jurisdiction")
        ctx.allow = entry[1]

    def finish(self, ctx: CallContext) -> None:
        return None

    def offers(self, principal: Principal, model: CatalogueModel) -> bool:
        if principal.entity_type not in self.allowed_entity_types:
            return False
        entry = self._entry(principal)
        if entry is None:
            return True
        d = entry[0].get(model.name)
        return d is not None and d.allowed

    # -- reload -----------------------------------------------------------
    async def reload(self) -> None:
        """Re-read the policy source; an invalid policy is logged and the current one kept."""
        try:
            policy = await asyncio.to_thread(load_policy, self.gateway.config, self.gateway.catalogue)
        except PolicyError as exc:
            log.error("policy reload refused, keeping version %s: %s",
                      self.policy.version if self.policy else "none", exc)
            return
        self.policy = policy
        self._cache = {}
        log.info("policy version %s loaded", policy.version if policy else "none")


def build(gateway: Gateway) -> PolicyGuard:
    settings = tenancy_settings(gateway.config)
    try:
        policy = load_policy(gateway.config, gateway.catalogue)
    except PolicyError as exc:
        from gatehouse.config import ConfigError

        raise ConfigError(f"invalid policy: {exc}") from exc
    guard = PolicyGuard(gateway, policy, frozenset(settings.allowed_entity_types))
    gateway.on_signal("policy", guard.reload)
    return guard
