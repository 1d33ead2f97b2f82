"""API-key authentication for the public API (`/v1/...`).

Resolves `Authorization: Bearer <key>` (or `api-key:` as Azure clients send it) to a
Principal in `scope["gatehouse.principal"]`. Only verified tenants pass.
"""

from __future__ import annotations

import orjson

from gatehouse.errors import AuthenticationFailed, GatehouseError, PermissionDenied
from gatehouse.tenancy.keyring import Keyring
from gatehouse.tenancy.principal import Principal
from gatehouse.types import ASGIApp, Receive, Scope, Send

__all__ = ["ApiKeyAuth", "check_tenant", "PRINCIPAL"]

PRINCIPAL = "gatehouse.principal"

_STATUS_REFUSALS = {
    "suspended": ("Your organization's access is suspended. Contact your account manager.", "tenant_suspended"),
    "terminated": ("Your organization's access has been terminated.", "tenant_terminated"),
    "applied": ("Your organization has not been verified yet; access starts once vetting is complete.", "tenant_not_verified"),
    "under_review": ("Your organization is under review; access starts once vetting is complete.", "tenant_not_verified"),
}


def check_tenant(p: Principal) -> None:
    if p.tenant_status != "verified":
        msg, code = _STATUS_REFUSALS.get(p.tenant_status, ("Your organization may not use this service.", "tenant_not_allowed"))
        raise PermissionDenied(msg, code=code)


def _bearer(scope: Scope) -> str | None:
    for name, value in scope["headers"]:
        if name == b"authorization":
            v: str = value.decode("latin-1")
            if v[:7].lower() == "bearer ":
                return v[7:].strip()
            return None
        if name == b"api-key":
            key: str = value.decode("latin-1").strip()
            return key
    return None


class ApiKeyAuth:
    def __init__(self, app: ASGIApp, keyring: Keyring, prefix: str = "/v1/") -> None:
        self.app = app
        self.keyring = keyring
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        try:
            secret = _bearer(scope)
            if not secret:
                raise AuthenticationFailed(
                    "You didn't provide an API key. Send it as 'Authorization: Bearer YOUR_KEY'.", code="missing_api_key")
            principal = await self.keyring.authenticate(secret)
            check_tenant(principal)
        except GatehouseError as exc:
            await _send_error(send, exc)
            return
        scope[PRINCIPAL] = principal
        await self.app(scope, receive, send)


async def _send_error(send: Send, exc: GatehouseError) -> None:
    body = orjson.dumps(exc.to_dict())
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += [(k.encode(), v.encode()) for k, v in exc.headers.items()]
    await send({"type": "http.response.start", "status": exc.status_code, "headers": headers})
    await send({"type": "http.response.body", "body": body})
