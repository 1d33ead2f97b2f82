"""Admin-key authentication and roles for the admin API (usable by every feature's routes).

    principal = await require(request, "admin", "billing")   # 401 / 403 otherwise

Roles: `admin` (everything), `reviewer` (vetting and trust-and-safety decisions), `billing`
(usage and invoices), `auditor` (read-only). `admin` passes every check.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from starlette.requests import Request

from gatehouse.errors import AuthenticationFailed, PermissionDenied
from gatehouse.store.tables import admin_keys
from gatehouse.tenancy.secrets import hash_secret, same_hash

__all__ = ["AdminPrincipal", "require", "ROLES", "READERS"]

ROLES = ("admin", "reviewer", "billing", "auditor")
READERS = ROLES
_STATE_KEY = "gatehouse.admin"


@dataclass(frozen=True, slots=True)
class AdminPrincipal:
    key_id: str
    name: str
    role: str

    @property
    def actor(self) -> str:
        return f"admin:{self.key_id}"


def _secret(request: Request) -> str | None:
    auth = request.headers.get("authorization")
    if auth and auth[:7].lower() == "bearer ":
        return auth[7:].strip()
    return request.headers.get("x-admin-key")


async def authenticate(request: Request) -> AdminPrincipal:
    cached = request.scope.get(_STATE_KEY)
    if isinstance(cached, AdminPrincipal):
        return cached
    secret = _secret(request)
    if not secret:
        raise AuthenticationFailed("Send an admin key as 'Authorization: Bearer ghadm-...'.", code="missing_admin_key")
    h = hash_secret(secret)
    store = request.app.state.gateway.store
    async with store.engine.connect() as conn:
        row = (await conn.execute(select(admin_keys.c.id, admin_keys.c.name, admin_keys.c.role, admin_keys.c.hash,
                                         admin_keys.c.revoked_at).where(admin_keys.c.hash == h))).first()
    if row is None or row.revoked_at is not None or not same_hash(row.hash, h):
        raise AuthenticationFailed("Incorrect or revoked admin key.", code="invalid_admin_key")
    p = AdminPrincipal(row.id, row.name, row.role)
    request.scope[_STATE_KEY] = p
    return p


async def require(request: Request, *roles: str) -> AdminPrincipal:
    """The calling admin, if their role is `admin` or one of `roles` (none given: any role)."""
    p = await authenticate(request)
    if p.role != "admin" and roles and p.role not in roles:
        allowed = ", ".join(sorted({"admin", *roles}))
        raise PermissionDenied(f"The '{p.role}' role may not do this (allowed: {allowed}).", code="role_not_allowed")
    return p
