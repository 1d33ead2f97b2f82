"""Tenants: creation, the vetting lifecycle and its transitions, limits and projects.

Every function runs inside the caller's transaction (`async with store.engine.begin() as
conn`), writes an audit entry and bumps the `tenants` signal, so every gateway process
sees the change within a second. After the commit, call `gatehouse.tenancy.notify.publish`
to wake gateways at once when Redis is configured.

Lifecycle: applied -> under_review -> verified -> suspended <-> verified; terminated is final.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from gatehouse.audit import trail
from gatehouse.errors import InvalidRequest, NotFound, PermissionDenied
from gatehouse.store.inlist import among, in_lists
from gatehouse.store.signals import bump
from gatehouse.store.tables import projects
from gatehouse.tenancy.secrets import new_id
from gatehouse.tenancy.settings import ENTITY_TYPES, TenancySettings
from gatehouse.tenancy.tables import tenant_events, tenants

__all__ = [
    "TRANSITIONS", "create_tenant", "get_tenant", "list_tenants", "transition", "suspend_tenant", "suspend_tenants",
    "reinstate_tenant", "terminate_tenant", "set_tenant_limits", "add_project", "tenant_history",
    "tenant_dict", "refuse_entity_type", "record_event",
]

TRANSITIONS: dict[str, frozenset[str]] = {
    "applied": frozenset({"under_review", "terminated"}),
    "under_review": frozenset({"verified", "applied", "terminated"}),
    "verified": frozenset({"suspended", "terminated"}),
    "suspended": frozenset({"verified", "terminated"}),
    "terminated": frozenset(),
}
_PUBLIC = ("id", "name", "registration_number", "jurisdiction", "entity_type", "status", "status_reason",
           "founded_on", "aliases", "contacts", "billing", "terms_version", "terms_accepted_at", "terms_clauses",
           "limits", "created_at", "updated_at")


def _now() -> datetime:
    return datetime.now(timezone.utc)


def tenant_dict(row: Any) -> dict[str, Any]:
    m = row._mapping
    out = {k: m[k] for k in _PUBLIC if k in m}
    for k in ("created_at", "updated_at", "terms_accepted_at"):
        v = out.get(k)
        if isinstance(v, datetime) and v.tzinfo is None:
            out[k] = v.replace(tzinfo=timezone.utc)
    return out


def refuse_entity_type(entity_type: str, settings: TenancySettings) -> None:
    if entity_type == "individual" and "individual" not in settings.allowed_entity_types:
        raise PermissionDenied("Individuals cannot become tenants: Gatehouse serves established organizations only "
                               f"(allowed entity types: {', '.join(settings.allowed_entity_types)}).",
                               code="entity_type_not_allowed")
    if entity_type not in settings.allowed_entity_types:
        raise PermissionDenied(f"Entity type '{entity_type}' is not served (allowed: "
                               f"{', '.join(settings.allowed_entity_types)}).", code="entity_type_not_allowed")


async def record_event(conn: AsyncConnection, tenant_id: str, *, actor: str, kind: str, from_status: str | None,
                 to_status: str | None, reason: str | None, checks: list[dict[str, Any]] | None = None) -> None:
    await conn.execute(tenant_events.insert().values(
        tenant_id=tenant_id, ts=_now(), actor=actor, kind=kind, from_status=from_status, to_status=to_status,
        reason=reason, checks=checks))


async def create_tenant(conn: AsyncConnection, settings: TenancySettings, *, actor: str, name: str, jurisdiction: str,
                        entity_type: str, registration_number: str | None = None, founded_on: date | None = None,
                        aliases: list[str] | None = None, contacts: list[dict[str, Any]] | None = None,
                        billing: dict[str, Any] | None = None, terms_version: str | None = None,
                        terms_clauses: list[str] | None = None, tenant_id: str | None = None) -> dict[str, Any]:
    """Record an application (status `applied`). Refuses entity types the operator does not serve."""
    name = name.strip()
    if not name:
        raise InvalidRequest("A tenant needs its legal name.", param="name")
    j = jurisdiction.strip().upper()
    if len(j) != 2 or not j.isalpha():
        raise InvalidRequest(f"Jurisdiction '{jurisdiction}' is not an ISO 3166-1 alpha-2 code (e.g. US, CN, DE).",
                             param="jurisdiction")
    if entity_type not in ENTITY_TYPES:
        raise InvalidRequest(f"Entity type '{entity_type}' is unknown (one of: {', '.join(ENTITY_TYPES)}).",
                             param="type")
    refuse_entity_type(entity_type, settings)
    now = _now()
    new_tenant_id = tenant_id or new_id("tnt")
    values: dict[str, Any] = {
        "id": new_tenant_id, "name": name, "registration_number": registration_number or None,
        "jurisdiction": j, "entity_type": entity_type, "status": "applied", "founded_on": founded_on,
        "aliases": aliases or [], "contacts": contacts or [], "billing": billing or {},
        "terms_version": terms_version, "terms_accepted_at": now if terms_version else None,
        "terms_clauses": terms_clauses if terms_version else None, "created_at": now, "updated_at": now,
    }
    if tenant_id and (await conn.execute(select(tenants.c.id).where(tenants.c.id == tenant_id))).first():
        raise InvalidRequest(f"Tenant '{tenant_id}' already exists.", param="id", code="already_exists")
    await conn.execute(tenants.insert().values(**values))
    await record_event(conn, new_tenant_id, actor=actor, kind="transition", from_status=None, to_status="applied",
                 reason="application recorded")
    out = await get_tenant(conn, new_tenant_id)
    await trail.record(conn, actor=actor, action="tenant.create", target=f"tenant:{new_tenant_id}", after=out)
    await bump(conn, "tenants")
    return out


async def get_tenant(conn: AsyncConnection, tenant_id: str, *, with_projects: bool = False) -> dict[str, Any]:
    row = (await conn.execute(select(tenants).where(tenants.c.id == tenant_id))).first()
    if row is None:
        raise NotFound(f"No tenant with id '{tenant_id}'. List tenants with `gatehouse tenants list`.",
                       code="tenant_not_found")
    out = tenant_dict(row)
    if with_projects:
        rows = (await conn.execute(select(projects).where(projects.c.tenant_id == tenant_id)
                                   .order_by(projects.c.created_at))).all()
        out["projects"] = [{"id": p.id, "name": p.name, "created_at": p.created_at} for p in rows]
    return out


async def list_tenants(conn: AsyncConnection, *, status: str | None = None,
                       jurisdiction: str | None = None) -> list[dict[str, Any]]:
    q = select(tenants).order_by(tenants.c.created_at, tenants.c.id)
    if status:
        q = q.where(tenants.c.status == status)
    if jurisdiction:
        q = q.where(tenants.c.jurisdiction == jurisdiction.upper())
    return [tenant_dict(r) for r in (await conn.execute(q)).all()]


async def tenant_history(conn: AsyncConnection, tenant_id: str) -> list[dict[str, Any]]:
    rows = (await conn.execute(select(tenant_events).where(tenant_events.c.tenant_id == tenant_id)
                               .order_by(tenant_events.c.id))).all()
    return [{"ts": r.ts, "actor": r.actor, "kind": r.kind, "from": r.from_status, "to": r.to_status,
             "reason": r.reason, "checks": r.checks} for r in rows]


async def transition(conn: AsyncConnection, tenant_id: str, to: str, *, actor: str, reason: str | None,
                     action: str | None = None, checks: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Move a tenant to `to`, recording who, when and why; refuses transitions the lifecycle forbids."""
    before = await get_tenant(conn, tenant_id)
    current = before["status"]
    if to not in TRANSITIONS.get(current, frozenset()):
        raise InvalidRequest(_refusal(tenant_id, current, to), code="invalid_transition")
    if to in ("suspended", "terminated") and not (reason or "").strip():
        raise InvalidRequest(f"Give a --reason for making tenant '{tenant_id}' {to}.", param="reason")
    await conn.execute(update(tenants).where(tenants.c.id == tenant_id).values(
        status=to, status_reason=reason, updated_at=_now()))
    await record_event(conn, tenant_id, actor=actor, kind="transition", from_status=current, to_status=to, reason=reason,
                 checks=checks)
    after = await get_tenant(conn, tenant_id)
    await trail.record(conn, actor=actor, action=action or f"tenant.{to}", target=f"tenant:{tenant_id}",
                       before={"status": current}, after={"status": to}, reason=reason)
    await bump(conn, "tenants")
    return after


def _refusal(tenant_id: str, current: str, to: str) -> str:
    allowed = ", ".join(sorted(TRANSITIONS.get(current, ()))) or "none (terminated is final)"
    return f"Tenant '{tenant_id}' is {current}; it cannot become {to} (allowed next: {allowed})."


async def suspend_tenant(conn: AsyncConnection, tenant_id: str, *, actor: str, reason: str) -> dict[str, Any]:
    """Stop a verified tenant's traffic on every gateway process within a second."""
    return await transition(conn, tenant_id, "suspended", actor=actor, reason=reason, action="tenant.suspend")


async def suspend_tenants(conn: AsyncConnection, tenant_ids: list[str], *, actor: str,
                          reason: str) -> tuple[list[str], list[str]]:
    """Suspend many tenants at once (a campaign confirmed as one), writing for each what
    `suspend_tenant` writes (status, lifecycle event, audit entry) in a few statements per 500.
    Returns (suspended, skipped as "tenant: why"): tenants that are not verified, or not here."""
    if not (reason or "").strip():
        raise InvalidRequest("Give a --reason for suspending tenants.", param="reason")
    status: dict[str, str] = {}
    for part in in_lists(tenant_ids):
        rows = await conn.execute(select(tenants.c.id, tenants.c.status).where(among(tenants.c.id, part)))
        status.update({r.id: r.status for r in rows})
    todo: list[str] = []
    skipped: list[str] = []
    for t in dict.fromkeys(tenant_ids):
        current = status.get(t)
        if current is None:
            skipped.append(f"{t}: No tenant with id '{t}'.")
        elif "suspended" not in TRANSITIONS.get(current, frozenset()):
            skipped.append(f"{t}: {_refusal(t, current, 'suspended')}")
        else:
            todo.append(t)
    now = _now()
    for part in in_lists(todo):
        await conn.execute(update(tenants).where(among(tenants.c.id, part)).values(
            status="suspended", status_reason=reason, updated_at=now))
    if todo:
        await conn.execute(tenant_events.insert(), [
            {"tenant_id": t, "ts": now, "actor": actor, "kind": "transition", "from_status": status[t],
             "to_status": "suspended", "reason": reason, "checks": None} for t in todo])
        await trail.record_many(conn, [trail.Entry(actor, "tenant.suspend", f"tenant:{t}", {"status": status[t]},
                                                   {"status": "suspended"}, reason) for t in todo])
        await bump(conn, "tenants")
    return todo, skipped


async def reinstate_tenant(conn: AsyncConnection, tenant_id: str, *, actor: str, reason: str | None) -> dict[str, Any]:
    """Back from suspended to verified."""
    t = await get_tenant(conn, tenant_id)
    if t["status"] != "suspended":
        raise InvalidRequest(f"Tenant '{tenant_id}' is {t['status']}, not suspended; nothing to reinstate.",
                             code="invalid_transition")
    return await transition(conn, tenant_id, "verified", actor=actor, reason=reason, action="tenant.reinstate")


async def terminate_tenant(conn: AsyncConnection, tenant_id: str, *, actor: str, reason: str) -> dict[str, Any]:
    """Final: the tenant's keys stop working and it cannot come back."""
    return await transition(conn, tenant_id, "terminated", actor=actor, reason=reason, action="tenant.terminate")


async def set_tenant_limits(conn: AsyncConnection, tenant_id: str, limits: dict[str, Any] | None, *,
                            actor: str, reason: str | None = None) -> dict[str, Any]:
    from gatehouse.limits.settings import LimitSpec

    before = await get_tenant(conn, tenant_id)
    clean = LimitSpec.parse(limits, where="limits").to_dict() if limits else None
    await conn.execute(update(tenants).where(tenants.c.id == tenant_id).values(limits=clean, updated_at=_now()))
    await trail.record(conn, actor=actor, action="tenant.limits", target=f"tenant:{tenant_id}",
                       before={"limits": before.get("limits")}, after={"limits": clean}, reason=reason)
    await bump(conn, "tenants")
    return await get_tenant(conn, tenant_id)


async def add_project(conn: AsyncConnection, tenant_id: str, name: str, *, actor: str) -> dict[str, Any]:
    await get_tenant(conn, tenant_id)
    pid = new_id("prj")
    now = _now()
    await conn.execute(projects.insert().values(id=pid, tenant_id=tenant_id, name=name, created_at=now))
    out = {"id": pid, "tenant_id": tenant_id, "name": name, "created_at": now}
    await trail.record(conn, actor=actor, action="project.create", target=f"tenant:{tenant_id}", after=out)
    return out
