"""Admin API routes (/admin/v1) for tenants, keys, policy and the audit trail, and the
OpenAPI document at /admin/v1/openapi.json, generated from the same table as the routes.

Every CLI command has an equivalent here; both call the same service functions.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import orjson
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from gatehouse.api.admin.auth import READERS, AdminPrincipal, require
from gatehouse.api.admin.openapi import openapi_document
from gatehouse.api.responses import json_response
from gatehouse.audit import trail
from gatehouse.errors import InvalidRequest
from gatehouse.store.signals import bump
from gatehouse.tenancy import keys as keysvc
from gatehouse.tenancy import service as tenantsvc
from gatehouse.tenancy.cli_support import parse_when
from gatehouse.tenancy.notify import publish
from gatehouse.tenancy.settings import tenancy_settings
from gatehouse.tenancy.vetting import vet_tenant

if TYPE_CHECKING:
    from gatehouse.gateway import Gateway

__all__ = ["build", "ENDPOINTS", "Endpoint"]

Handler = Callable[[Request, AdminPrincipal, dict[str, Any]], Awaitable[Any]]


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    roles: tuple[str, ...]
    summary: str
    handler: Handler
    writes: bool = False
    body: tuple[str, ...] = ()  # documented body fields


def _gw(request: Request) -> Gateway:
    gw: Gateway = request.app.state.gateway
    return gw


async def _write(request: Request, fn: Callable[[Any], Awaitable[Any]]) -> Any:
    gw = _gw(request)
    async with gw.store.engine.begin() as conn:
        out = await fn(conn)
    await publish(redis=gw.redis)
    return out


async def _read(request: Request, fn: Callable[[Any], Awaitable[Any]]) -> Any:
    async with _gw(request).store.engine.connect() as conn:
        return await fn(conn)


def _str(body: dict[str, Any], name: str, required: bool = False) -> str | None:
    v = body.get(name)
    if v is None or v == "":
        if required:
            raise InvalidRequest(f"'{name}' is required.", param=name)
        return None
    if not isinstance(v, str):
        raise InvalidRequest(f"'{name}' must be a string.", param=name)
    return v


# -- tenants ------------------------------------------------------------------------------
async def tenants_create(request: Request, who: AdminPrincipal, body: dict[str, Any]) -> Any:
    settings = tenancy_settings(_gw(request).config)
    founded = _str(body, "founded")
    try:
        founded_on = date.fromisoformat(founded) if founded else None
    except ValueError:
        raise InvalidRequest(f"'founded' {founded!r} is not a date like 2015-03-01.", param="founded") from None
    terms = body.get("terms_version", settings.vetting.terms_version)
    clauses = body.get("terms_clauses", settings.vetting.required_clauses)
    return await _write(request, lambda c: tenantsvc.create_tenant(
        c, settings, actor=who.actor, name=_str(body, "name", True) or "",
        jurisdiction=_str(body, "jurisdiction", True) or "", entity_type=_str(body, "type", True) or "",
        registration_number=_str(body, "registration"), founded_on=founded_on, aliases=list(body.get("aliases") or []),
        contacts=list(body.get("contacts") or []), billing=dict(body.get("billing") or {}),
        terms_version=terms or None, terms_clauses=list(clauses or []) if terms else None))


async def tenants_list(request: Request, who: AdminPrincipal, body: dict[str, Any]) -> Any:
    q = request.query_params
    return {"data": await _read(request, lambda c: tenantsvc.list_tenants(c, status=q.get("status"),
                                                                         jurisdiction=q.get("jurisdiction")))}


async def tenants_show(request: Request, who: AdminPrincipal, body: dict[str, Any]) -> Any:
    tid = request.path_params["tenant_id"]

    async def go(c: Any) -> Any:
        out = await tenantsvc.get_tenant(c, tid, with_projects=True)
        out["history"] = await tenantsvc.tenant_history(c, tid)
        return out

    return await _read(request, go)


async def tenants_vet(request: Request, who: AdminPrincipal, body: dict[str, Any]) -> Any:
    settings = tenancy_settings(_gw(request).config)
    tid = request.path_params["tenant_id"]
    return await _write(request, lambda c: vet_tenant(c, settings, tid, actor=who.actor,
                                                      approve=bool(body.get("approve")),
                                                      reject=bool(body.get("reject")), reason=_str(body, "reason")))


def _tenant_action(fn: Callable[..., Awaitable[Any]]) -> Handler:
    async def handler(request: Request, who: AdminPrincipal, body: dict[str, Any]) -> Any:
        tid = request.path_params["tenant_id"]
        return await _write(request, lambda c: fn(c, tid, actor=who.actor, reason=_str(body, "reason")))

    return handler


async def tenants_limits(request: Request, who: AdminPrincipal, body: dict[str, Any]) -> Any:
    tid = request.path_params["tenant_id"]
    return await _write(request, lambda c: tenantsvc.set_tenant_limits(c, tid, body.get("limits"), actor=who.actor,
                                                                       reason=_str(body, "reason")))


async def tenants_project(request: Request, who: AdminPrincipal, body: dict[str, Any]) -> Any:
    tid = request.path_params["tenant_id"]
    return await _write(request, lambda c: tenantsvc.add_project(c, tid, _str(body, "name", True) or "",
                                                                 actor=who.actor))


# -- keys -----------------------------------------------------------------------------------
async def keys_create(request: Request, who: AdminPrincipal, body: dict[str, Any]) -> Any:
    settings = tenancy_settings(_gw(request).config)

    async def go(c: Any) -> Any:
        meta, secret = await keysvc.create_key(
            c, settings, actor=who.actor, tenant_id=_str(body, "tenant_id", True) or "",
            project_id=_str(body, "project_id"), name=_str(body, "name"), scopes=list(body.get("scopes") or []),
            expires_at=parse_when(_str(body, "expires"), "expires"), limits=body.get("limits"))
        return {**meta, "key": secret}

    return await _write(request, go)


async def keys_list(request: Request, who: AdminPrincipal, body: dict[str, Any]) -> Any:
    tid = request.query_params.get("tenant_id")
    return {"data": await _read(request, lambda c: keysvc.list_keys(c, tenant_id=tid))}


async def keys_rotate(request: Request, who: AdminPrincipal, body: dict[str, Any]) -> Any:
    settings = tenancy_settings(_gw(request).config)
    kid = request.path_params["key_id"]
    grace = body.get("grace_s", settings.rotation_grace_s)
    if not isinstance(grace, int) or grace < 0:
        raise InvalidRequest("'grace_s' must be a whole number of seconds >= 0.", param="grace_s")

    async def go(c: Any) -> Any:
        meta, secret = await keysvc.rotate_key(c, kid, actor=who.actor, grace_s=grace, reason=_str(body, "reason"))
        return {**meta, "key": secret, "replaces": kid, "grace_s": grace}

    return await _write(request, go)


def _key_action(fn: Callable[..., Awaitable[Any]]) -> Handler:
    async def handler(request: Request, who: AdminPrincipal, body: dict[str, Any]) -> Any:
        kid = request.path_params["key_id"]
        return await _write(request, lambda c: fn(c, kid, actor=who.actor, reason=_str(body, "reason")))

    return handler


async def keys_limits(request: Request, who: AdminPrincipal, body: dict[str, Any]) -> Any:
    kid = request.path_params["key_id"]
    return await _write(request, lambda c: keysvc.set_key_limits(c, kid, body.get("limits"), actor=who.actor))


async def admin_keys_create(request: Request, who: AdminPrincipal, body: dict[str, Any]) -> Any:
    async def go(c: Any) -> Any:
        meta, secret = await keysvc.create_admin_key(c, actor=who.actor, name=_str(body, "name", True) or "",
                                                     role=_str(body, "role", True) or "")
        return {**meta, "key": secret}

    return await _write(request, go)


async def admin_keys_list(request: Request, who: AdminPrincipal, body: dict[str, Any]) -> Any:
    return {"data": await _read(request, keysvc.list_admin_keys)}


async def admin_keys_revoke(request: Request, who: AdminPrincipal, body: dict[str, Any]) -> Any:
    kid = request.path_params["key_id"]
    await _write(request, lambda c: keysvc.revoke_admin_key(c, kid, actor=who.actor, reason=_str(body, "reason")))
    return {"id": kid, "revoked": True}


# -- policy ---------------------------------------------------------------------------------
async def policy_check(request: Request, who: AdminPrincipal, body: dict[str, Any]) -> Any:
    from gatehouse.policy.model import PolicyError, parse_policy_text
    from gatehouse.policy.source import model_index

    text = _str(body, "policy", True) or ""
    try:
        doc, warnings = parse_policy_text(text, models=model_index(_gw(request).catalogue))
    except PolicyError as exc:
        return {"ok": False, "errors": [p.to_dict() for p in exc.problems if p.severity == "error"],
                "warnings": [p.to_dict() for p in exc.problems if p.severity != "error"]}
    return {"ok": True, "version": doc.version, "rules": len(doc.rules), "warnings": [w.to_dict() for w in warnings]}


async def policy_explain(request: Request, who: AdminPrincipal, body: dict[str, Any]) -> Any:
    from gatehouse.cli.policy import explain_decision

    q = request.query_params
    model = q.get("model")
    if not model:
        raise InvalidRequest("Give ?model=NAME and ?tenant=ID (or ?jurisdiction=XX).", param="model")
    tenant = None
    jurisdiction, entity = (q.get("jurisdiction") or "").upper(), q.get("entity_type") or "enterprise"
    if q.get("tenant"):
        tenant = await _read(request, lambda c: tenantsvc.get_tenant(c, q["tenant"]))
        jurisdiction, entity = tenant["jurisdiction"], tenant["entity_type"]
    elif not jurisdiction:
        raise InvalidRequest("Give ?tenant=ID or ?jurisdiction=XX.", param="tenant")
    return explain_decision(_gw(request).config, tenant, jurisdiction, entity, model)


async def policy_show(request: Request, who: AdminPrincipal, body: dict[str, Any]) -> Any:
    from gatehouse.policy.guard import PolicyGuard

    guard = next((g for g in _gw(request).guards if isinstance(g, PolicyGuard)), None)
    pol = guard.policy if guard is not None else None
    return {"policy": pol.doc.model_dump(exclude_defaults=True) if pol else None,
            "version": pol.version if pol else None, "digest": pol.digest if pol else None}


async def policy_reload(request: Request, who: AdminPrincipal, body: dict[str, Any]) -> Any:
    from gatehouse.policy.model import PolicyError
    from gatehouse.policy.source import load_policy

    gw = _gw(request)
    try:
        pol = load_policy(gw.config, gw.catalogue)
    except PolicyError as exc:
        raise InvalidRequest(f"The policy is invalid; the gateways keep the current one: {exc}",
                             code="invalid_policy") from exc
    info = {"version": pol.version if pol else None, "digest": pol.digest if pol else None,
            "rules": len(pol.doc.rules) if pol else 0}

    async def go(c: Any) -> None:
        await trail.record(c, actor=who.actor, action="policy.reload", target="policy", after=info,
                           reason=_str(body, "reason"))
        await bump(c, "policy")

    await _write(request, go)
    return {"reloaded": True, **info}


# -- audit ----------------------------------------------------------------------------------
async def audit_verify(request: Request, who: AdminPrincipal, body: dict[str, Any]) -> Any:
    return (await _read(request, trail.verify)).to_dict()


async def audit_export(request: Request, who: AdminPrincipal, body: dict[str, Any]) -> Any:
    since = request.query_params.get("since", "0")
    store = _gw(request).store

    async def lines() -> Any:
        async with store.engine.connect() as conn:
            async for e in trail.entries(conn, since_seq=int(since) if since.isdigit() else 0):
                yield orjson.dumps(e) + b"\n"

    return StreamingResponse(lines(), media_type="application/x-ndjson")


_W = ("admin",)
_R = ("reviewer",)
ENDPOINTS: list[Endpoint] = [
    Endpoint("POST", "/tenants", _W, "Create a tenant (application)", tenants_create, True,
             ("name", "jurisdiction", "type", "registration", "founded", "aliases", "contacts", "billing",
              "terms_version", "terms_clauses")),
    Endpoint("GET", "/tenants", READERS, "List tenants (?status=&jurisdiction=)", tenants_list),
    Endpoint("GET", "/tenants/{tenant_id}", READERS, "Show a tenant with projects and history", tenants_show),
    Endpoint("POST", "/tenants/{tenant_id}/vet", _R, "Run vetting checks and decide", tenants_vet, True,
             ("approve", "reject", "reason")),
    Endpoint("POST", "/tenants/{tenant_id}/suspend", _R, "Suspend a tenant", _tenant_action(tenantsvc.suspend_tenant),
             True, ("reason",)),
    Endpoint("POST", "/tenants/{tenant_id}/reinstate", _R, "Reinstate a suspended tenant",
             _tenant_action(tenantsvc.reinstate_tenant), True, ("reason",)),
    Endpoint("POST", "/tenants/{tenant_id}/terminate", _R, "Terminate a tenant (final)",
             _tenant_action(tenantsvc.terminate_tenant), True, ("reason",)),
    Endpoint("PUT", "/tenants/{tenant_id}/limits", _W, "Set a tenant's limits", tenants_limits, True,
             ("limits", "reason")),
    Endpoint("POST", "/tenants/{tenant_id}/projects", _W, "Add a project", tenants_project, True, ("name",)),
    Endpoint("POST", "/keys", _W, "Create an API key (secret returned once)", keys_create, True,
             ("tenant_id", "project_id", "name", "scopes", "expires", "limits")),
    Endpoint("GET", "/keys", ("reviewer", "auditor"), "List API keys (?tenant_id=)", keys_list),
    Endpoint("POST", "/keys/{key_id}/rotate", _W, "Rotate a key (old one valid for grace_s)", keys_rotate, True,
             ("grace_s", "reason")),
    Endpoint("POST", "/keys/{key_id}/revoke", _R, "Revoke a key", _key_action(keysvc.revoke_key), True, ("reason",)),
    Endpoint("POST", "/keys/{key_id}/suspend", _R, "Suspend a key", _key_action(keysvc.suspend_key), True,
             ("reason",)),
    Endpoint("POST", "/keys/{key_id}/reinstate", _R, "Reinstate a key", _key_action(keysvc.reinstate_key), True,
             ("reason",)),
    Endpoint("PUT", "/keys/{key_id}/limits", _W, "Set a key's limits", keys_limits, True, ("limits",)),
    Endpoint("POST", "/admin-keys", _W, "Create an admin key with a role", admin_keys_create, True, ("name", "role")),
    Endpoint("GET", "/admin-keys", _W, "List admin keys", admin_keys_list),
    Endpoint("POST", "/admin-keys/{key_id}/revoke", _W, "Revoke an admin key", admin_keys_revoke, True, ("reason",)),
    Endpoint("POST", "/policy/check", ("reviewer", "auditor"), "Validate a policy (YAML text in 'policy')",
             policy_check, False, ("policy",)),
    Endpoint("GET", "/policy/explain", ("reviewer", "auditor", "billing"),
             "Explain a decision (?tenant=|?jurisdiction=, ?model=)", policy_explain),
    Endpoint("GET", "/policy", ("reviewer", "auditor"), "The policy this process runs", policy_show),
    Endpoint("POST", "/policy/reload", _W, "Validate and reload the policy on every gateway", policy_reload, True,
             ("reason",)),
    Endpoint("GET", "/audit/verify", ("auditor",), "Verify the audit trail's hash chain", audit_verify),
    Endpoint("GET", "/audit/export", ("auditor",), "Export the audit trail (JSON Lines)", audit_export),
]


def _route(ep: Endpoint) -> Route:
    async def endpoint(request: Request) -> Response:
        who = await require(request, *ep.roles)
        body: dict[str, Any] = {}
        if ep.method in ("POST", "PUT"):
            raw = await request.body()
            if raw.strip():
                parsed = orjson.loads(raw) if raw else {}
                if not isinstance(parsed, dict):
                    raise InvalidRequest("The request body must be a JSON object.", code="invalid_body")
                body = parsed
        out = await ep.handler(request, who, body)
        if isinstance(out, Response):
            return out
        return json_response(out, 201 if ep.method == "POST" and ep.path in ("/tenants", "/keys", "/admin-keys")
                             else 200)

    return Route("/admin/v1" + ep.path, endpoint, methods=[ep.method])


def build(gateway: Gateway) -> list[Route]:
    async def openapi(request: Request) -> Response:
        return json_response(openapi_document(ENDPOINTS, gateway))

    return [Route("/admin/v1/openapi.json", openapi, methods=["GET"]), *(_route(ep) for ep in ENDPOINTS)]
