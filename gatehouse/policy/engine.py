"""Evaluating the policy: the first matching rule decides which models a caller is offered
and which deployments (hosting regions) may serve each of them.

Rules are compiled once (groups expanded into sets); decisions for one
(tenant, jurisdiction, entity type) are computed for the whole catalogue at once and
cached by the guard, so the per-request cost is a dictionary lookup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gatehouse.policy.model import PolicyDoc, Rule
from gatehouse.providers.base import Deployment
from gatehouse.routing.catalogue import Catalogue, CatalogueModel

__all__ = ["Decision", "Policy", "NOT_OFFERED", "ENTITY_DENIED"]

NOT_OFFERED = "model_not_available_in_jurisdiction"
ENTITY_DENIED = "entity_type_not_allowed"


@dataclass(frozen=True, slots=True)
class Decision:
    model: str
    allowed: bool
    rule: str | None
    code: str | None
    reason: str
    deployments: tuple[Deployment, ...] = ()
    deployment_ids: frozenset[str] = field(default_factory=frozenset)

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model, "allowed": self.allowed, "rule": self.rule, "code": self.code,
                "reason": self.reason,
                "deployments": [{"id": d.id, "provider": d.provider, "region": d.region} for d in self.deployments]}


def _any(v: list[str] | str) -> frozenset[str] | None:
    return None if v == "*" else frozenset(v)


@dataclass(frozen=True, slots=True)
class _Rule:
    rule: Rule
    tenants: frozenset[str] | None
    jurisdictions: frozenset[str] | None
    entity_types: frozenset[str] | None
    models: frozenset[str] | None
    families: frozenset[str] | None
    providers: frozenset[str] | None
    regions: frozenset[str] | None
    hosted_in: frozenset[str] | None
    hosted_outside: frozenset[str] | None

    def matches(self, tenant_id: str | None, jurisdiction: str, entity_type: str) -> bool:
        return ((self.tenants is None or tenant_id in self.tenants)
                and (self.jurisdictions is None or jurisdiction in self.jurisdictions)
                and (self.entity_types is None or entity_type in self.entity_types))


class Policy:
    def __init__(self, doc: PolicyDoc, catalogue: Catalogue, digest: str = "") -> None:
        self.doc = doc
        self.catalogue = catalogue
        self.digest = digest
        self.version = doc.version

        def expand(codes: list[str] | None) -> frozenset[str] | None:
            if codes is None:
                return None
            out: set[str] = set()
            for c in codes:
                out |= set(doc.groups.get(c, [c]))
            return frozenset(x.upper() for x in out)

        self._rules = [
            _Rule(r, frozenset(r.tenants) if r.tenants is not None else None, expand(r.jurisdictions),
                  frozenset(r.entity_types) if r.entity_types is not None else None, _any(r.models),
                  _any(r.families), _any(r.providers), _any(r.regions), expand(r.hosted_in),
                  expand(r.hosted_outside))
            for r in doc.rules
        ]

    def rule_for(self, tenant_id: str | None, jurisdiction: str, entity_type: str) -> Rule | None:
        c = self._match(tenant_id, jurisdiction, entity_type)
        return c.rule if c is not None else None

    def _match(self, tenant_id: str | None, jurisdiction: str, entity_type: str) -> _Rule | None:
        j = (jurisdiction or "").upper()
        return next((c for c in self._rules if c.matches(tenant_id, j, entity_type)), None)

    def _deployment_ok(self, c: _Rule, d: Deployment) -> bool:
        r = c.rule
        if c.providers is not None and d.provider not in c.providers:
            return False
        if d.provider in r.deny_providers:
            return False
        if c.regions is not None and d.region not in c.regions:
            return False
        if d.region in r.exclude_regions:
            return False
        country = self.doc.regions.get(d.region)
        if c.hosted_in is not None and (country is None or country.upper() not in c.hosted_in):
            return False
        if c.hosted_outside is not None and (country is None or country.upper() in c.hosted_outside):
            return False
        return True

    def _decide(self, c: _Rule | None, jurisdiction: str, m: CatalogueModel) -> Decision:
        name = m.name
        if c is None:
            if self.doc.default == "allow":
                return Decision(name, True, None, None, "no rule names this jurisdiction; the default allows",
                                m.deployments, frozenset(d.id for d in m.deployments))
            return Decision(name, False, "default", NOT_OFFERED,
                            f"The model '{name}' is not available in your jurisdiction: Gatehouse does not serve "
                            f"tenants in '{jurisdiction}' (no policy rule names it; the default is deny).")
        r = c.rule
        if r.deny:
            entity = r.entity_types is not None and r.jurisdictions is None and r.tenants is None
            msg = r.deny if isinstance(r.deny, str) else f"refused by policy rule '{r.name}'"
            return Decision(name, False, r.name, ENTITY_DENIED if entity else NOT_OFFERED, msg)
        not_offered = (f"The model '{name}' is not available in your jurisdiction ({jurisdiction}) "
                       f"under policy rule '{r.name}'.")
        if ((c.models is not None and name not in c.models) or name in r.deny_models
                or (c.families is not None and m.family not in c.families)
                or (m.family is not None and m.family in r.deny_families)):
            return Decision(name, False, r.name, NOT_OFFERED, not_offered)
        deps = tuple(d for d in m.deployments if self._deployment_ok(c, d))
        if not deps:
            return Decision(name, False, r.name, NOT_OFFERED,
                            f"The model '{name}' is not available in your jurisdiction ({jurisdiction}): policy rule "
                            f"'{r.name}' allows none of the regions or providers that host it.")
        regions = ", ".join(sorted({d.region for d in deps}))
        return Decision(name, True, r.name, None, f"offered under rule '{r.name}', served from {regions}", deps,
                        frozenset(d.id for d in deps))

    def decide(self, tenant_id: str | None, jurisdiction: str, entity_type: str, model: str) -> Decision:
        m = self.catalogue.get(model)
        return self._decide(self._match(tenant_id, jurisdiction, entity_type), jurisdiction, m)

    def decisions(self, tenant_id: str | None, jurisdiction: str, entity_type: str) -> dict[str, Decision]:
        c = self._match(tenant_id, jurisdiction, entity_type)
        return {name: self._decide(c, jurisdiction, m) for name, m in self.catalogue.models.items()}
