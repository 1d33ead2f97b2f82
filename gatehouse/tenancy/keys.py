"""API keys and admin keys: creation (secret shown once), rotation with grace, revocation,
suspension. Same transaction rules as `gatehouse.tenancy.service` (audit + `keys` signal).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from gatehouse.audit import trail
from gatehouse.errors import InvalidRequest, NotFound, PermissionDenied
from gatehouse.store.signals import bump
from gatehouse.store.tables import admin_keys, projects
from gatehouse.tenancy.secrets import hash_secret, new_id, new_secret, visible_prefix
from gatehouse.tenancy.service import get_tenant, refuse_entity_type
from gatehouse.tenancy.settings import TenancySettings
from gatehouse.tenancy.tables import api_keys

__all__ = [
    "ADMIN_ROLES", "create_key", "get_key", "list_keys", "rotate_key", "revoke_key", "suspend_key",
    "reinstate_key", "set_key_limits", "create_admin_key", "list_admin_keys", "revoke_admin_key", "key_dict",
]

ADMIN_ROLES = ("admin", "reviewer", "billing", "auditor")


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _aware(v: Any) -> Any:
    return v.replace(tzinfo=timezone.utc) if isinstance(v, datetime) and v.tzinfo is None else v


def key_dict(row: Any) -> dict[str, Any]:
    """A key's metadata; never its hash or secret."""
    m = row._mapping
    out = {k: _aware(m[k]) for k in ("id", "tenant_id", "project_id", "name", "prefix", "scopes", "expires_at",
                                     "revoked_at", "grace_until", "rotated_to", "suspended_at", "limits",
                                     "created_at")}
    now = _now()
    if out["revoked_at"] is not None and (out["grace_until"] is None or out["grace_until"] <= now):
        out["status"] = "revoked"
    elif out["revoked_at"] is not None:
        out["status"] = "rotating"
    elif out["suspended_at"] is not None:
        out["status"] = "suspended"
    elif out["expires_at"] is not None and out["expires_at"] <= now:
        out["status"] = "expired"
    else:
        out["status"] = "active"
    return out


async def get_key(conn: AsyncConnection, key_id: str) -> dict[str, Any]:
    row = (await conn.execute(select(api_keys).where(api_keys.c.id == key_id))).first()
    if row is None:
        raise NotFound(f"No API key with id '{key_id}'. List keys with `gatehouse keys list`.", code="key_not_found")
    return key_dict(row)


async def list_keys(conn: AsyncConnection, *, tenant_id: str | None = None) -> list[dict[str, Any]]:
    q = select(api_keys).order_by(api_keys.c.created_at, api_keys.c.id)
    if tenant_id:
        q = q.where(api_keys.c.tenant_id == tenant_id)
    return [key_dict(r) for r in (await conn.execute(q)).all()]


async def _insert_key(conn: AsyncConnection, *, tenant_id: str, project_id: str | None, name: str | None,
                      scopes: list[str], expires_at: datetime | None, limits: dict[str, Any] | None
                      ) -> tuple[dict[str, Any], str]:
    secret = new_secret("api")
    kid = new_id("key")
    await conn.execute(api_keys.insert().values(
        id=kid, tenant_id=tenant_id, project_id=project_id, name=name, prefix=visible_prefix(secret),
        hash=hash_secret(secret), scopes=scopes, expires_at=expires_at, limits=limits, created_at=_now()))
    return await get_key(conn, kid), secret


async def create_key(conn: AsyncConnection, settings: TenancySettings, *, actor: str, tenant_id: str,
                     project_id: str | None = None, name: str | None = None, scopes: list[str] | None = None,
                     expires_at: datetime | None = None, limits: dict[str, Any] | None = None
                     ) -> tuple[dict[str, Any], str]:
    """A new key for a verified tenant: returns (metadata, secret); the secret is never stored."""
    from gatehouse.limits.settings import LimitSpec

    tenant = await get_tenant(conn, tenant_id)
    refuse_entity_type(tenant["entity_type"], settings)
    if tenant["status"] != "verified":
        raise PermissionDenied(f"Tenant '{tenant_id}' is {tenant['status']}; only verified tenants may hold keys "
                               f"(vet it first: `gatehouse tenants vet {tenant_id} --approve`).",
                               code="tenant_not_verified")
    if project_id is not None:
        p = (await conn.execute(select(projects.c.tenant_id).where(projects.c.id == project_id))).first()
        if p is None or p.tenant_id != tenant_id:
            raise InvalidRequest(f"Project '{project_id}' does not belong to tenant '{tenant_id}'.", param="project")
    if expires_at is not None and expires_at <= _now():
        raise InvalidRequest("The expiry must be in the future.", param="expires_at")
    clean = LimitSpec.parse(limits, where="limits").to_dict() if limits else None
    meta, secret = await _insert_key(conn, tenant_id=tenant_id, project_id=project_id, name=name,
                                     scopes=sorted(set(scopes or [])), expires_at=expires_at, limits=clean)
    await trail.record(conn, actor=actor, action="key.create", target=f"key:{meta['id']}", after=meta)
    await bump(conn, "keys")
    return meta, secret


async def rotate_key(conn: AsyncConnection, key_id: str, *, actor: str, grace_s: int,
                     reason: str | None = None) -> tuple[dict[str, Any], str]:
    """A replacement key with the same tenant, project, scopes and limits; the old one keeps working
    for `grace_s` seconds."""
    old = await get_key(conn, key_id)
    if old["status"] in ("revoked", "rotating"):
        raise InvalidRequest(f"Key '{key_id}' is {old['status']}; rotate its successor instead.",
                             code="invalid_transition")
    tenant = await get_tenant(conn, old["tenant_id"])
    if tenant["status"] != "verified":
        raise PermissionDenied(f"Tenant '{tenant['id']}' is {tenant['status']}; its keys cannot be rotated.",
                               code="tenant_not_verified")
    meta, secret = await _insert_key(conn, tenant_id=old["tenant_id"], project_id=old["project_id"], name=old["name"],
                                     scopes=list(old["scopes"] or []), expires_at=old["expires_at"],
                                     limits=old["limits"])
    now = _now()
    await conn.execute(update(api_keys).where(api_keys.c.id == key_id).values(
        revoked_at=now, grace_until=now + timedelta(seconds=grace_s), rotated_to=meta["id"]))
    await trail.record(conn, actor=actor, action="key.rotate", target=f"key:{key_id}",
                       before={"status": old["status"]}, after={"rotated_to": meta["id"], "grace_s": grace_s},
                       reason=reason)
    await bump(conn, "keys")
    return meta, secret


async def _set(conn: AsyncConnection, key_id: str, values: dict[str, Any], *, actor: str, action: str,
               reason: str | None) -> dict[str, Any]:
    before = await get_key(conn, key_id)
    await conn.execute(update(api_keys).where(api_keys.c.id == key_id).values(**values))
    after = await get_key(conn, key_id)
    await trail.record(conn, actor=actor, action=action, target=f"key:{key_id}",
                       before={"status": before["status"]}, after={"status": after["status"]}, reason=reason)
    await bump(conn, "keys")
    return after


async def revoke_key(conn: AsyncConnection, key_id: str, *, actor: str, reason: str | None = None) -> dict[str, Any]:
    """Immediate and final (any rotation grace ends too); every gateway refuses it within a second."""
    return await _set(conn, key_id, {"revoked_at": _now(), "grace_until": None}, actor=actor, action="key.revoke",
                      reason=reason)


async def suspend_key(conn: AsyncConnection, key_id: str, *, actor: str, reason: str) -> dict[str, Any]:
    """Temporarily refuse a key (403 api_key_suspended) until `reinstate_key`."""
    return await _set(conn, key_id, {"suspended_at": _now()}, actor=actor, action="key.suspend", reason=reason)


async def reinstate_key(conn: AsyncConnection, key_id: str, *, actor: str, reason: str | None = None) -> dict[str, Any]:
    return await _set(conn, key_id, {"suspended_at": None}, actor=actor, action="key.reinstate", reason=reason)


async def set_key_limits(conn: AsyncConnection, key_id: str, limits: dict[str, Any] | None, *, actor: str,
                         reason: str | None = None) -> dict[str, Any]:
    from gatehouse.limits.settings import LimitSpec

    clean = LimitSpec.parse(limits, where="limits").to_dict() if limits else None
    return await _set(conn, key_id, {"limits": clean}, actor=actor, action="key.limits", reason=reason)


# -- admin keys ---------------------------------------------------------------------------
async def create_admin_key(conn: AsyncConnection, *, actor: str, name: str, role: str) -> tuple[dict[str, Any], str]:
    if role not in ADMIN_ROLES:
        raise InvalidRequest(f"Role '{role}' is unknown (one of: {', '.join(ADMIN_ROLES)}).", param="role")
    secret = new_secret("admin")
    kid = new_id("adm")
    now = _now()
    await conn.execute(admin_keys.insert().values(id=kid, name=name, role=role, prefix=visible_prefix(secret),
                                                  hash=hash_secret(secret), created_at=now))
    meta = {"id": kid, "name": name, "role": role, "prefix": visible_prefix(secret), "created_at": now,
            "revoked_at": None}
    await trail.record(conn, actor=actor, action="admin_key.create", target=f"admin_key:{kid}", after=meta)
    return meta, secret


async def list_admin_keys(conn: AsyncConnection) -> list[dict[str, Any]]:
    rows = (await conn.execute(select(admin_keys).order_by(admin_keys.c.created_at))).all()
    return [{"id": r.id, "name": r.name, "role": r.role, "prefix": r.prefix, "created_at": _aware(r.created_at),
             "revoked_at": _aware(r.revoked_at)} for r in rows]


async def revoke_admin_key(conn: AsyncConnection, key_id: str, *, actor: str, reason: str | None = None) -> None:
    res = await conn.execute(update(admin_keys).where(admin_keys.c.id == key_id, admin_keys.c.revoked_at.is_(None))
                             .values(revoked_at=_now()))
    if res.rowcount == 0:
        raise NotFound(f"No active admin key with id '{key_id}'.", code="admin_key_not_found")
    await trail.record(conn, actor=actor, action="admin_key.revoke", target=f"admin_key:{key_id}", reason=reason)
