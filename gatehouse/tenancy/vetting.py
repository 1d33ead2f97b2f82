"""Vetting: the configured checks, each with a recorded result, and the decision.

`vet_tenant` moves an `applied` tenant to `under_review`, runs every configured check and
records the results. With `approve` and no failed check the tenant becomes `verified`; with
`approve` and a failure it goes back to `applied` (the failures say what to fix); with
`reject` it is `terminated`. Without either it stays `under_review` for a reviewer.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from gatehouse.audit import trail
from gatehouse.errors import InvalidRequest
from gatehouse.tenancy.registration import check_registration
from gatehouse.tenancy.screening import DeniedPartyList
from gatehouse.tenancy.service import get_tenant, record_event, transition
from gatehouse.tenancy.settings import TenancySettings

__all__ = ["run_checks", "vet_tenant", "load_denied_parties"]


def load_denied_parties(settings: TenancySettings) -> DeniedPartyList | None:
    path = settings.denied_parties_path()
    if path is None:
        return None
    try:
        return DeniedPartyList.from_csv(path)
    except ValueError as exc:
        raise InvalidRequest(str(exc), code="denied_parties_unreadable") from exc


def _result(check: str, ok: bool | None, detail: str, **extra: Any) -> dict[str, Any]:
    result = "skipped" if ok is None else ("pass" if ok else "fail")
    return {"check": check, "result": result, "detail": detail, **extra}


def _as_date(v: Any) -> date | None:
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    if isinstance(v, str) and v:
        return date.fromisoformat(v[:10])
    return None


def run_checks(tenant: dict[str, Any], settings: TenancySettings, denied: DeniedPartyList | None,
               today: date | None = None) -> list[dict[str, Any]]:
    v = settings.vetting
    today = today or datetime.now(timezone.utc).date()
    out: list[dict[str, Any]] = []
    for check in v.checks:
        if check == "entity_type":
            ok = tenant["entity_type"] in settings.allowed_entity_types
            out.append(_result(check, ok, f"entity type {tenant['entity_type']!r} is "
                                          f"{'allowed' if ok else 'not served'}"))
        elif check == "registration":
            problem = check_registration(tenant["jurisdiction"], tenant.get("registration_number"),
                                         v.registration_formats)
            out.append(_result(check, problem is None, problem or
                               f"{tenant['registration_number']} is well-formed for {tenant['jurisdiction']}"))
        elif check == "company_age":
            founded = _as_date(tenant.get("founded_on"))
            if founded is None:
                out.append(_result(check, False, "the founding date is unknown (give --founded YYYY-MM-DD)"))
            else:
                days = (today - founded).days
                out.append(_result(check, days >= v.min_company_age_days,
                                   f"founded {founded.isoformat()}, {days} days ago (minimum "
                                   f"{v.min_company_age_days})"))
        elif check == "screening":
            if denied is None:
                out.append(_result(check, None, "no denied-parties list is configured "
                                                "(tenants.vetting.denied_parties)"))
                continue
            names = [tenant["name"], *(tenant.get("aliases") or [])]
            matches = denied.screen(names, v.screening_threshold)
            detail = (f"no match among {len(denied.parties)} denied parties" if not matches else
                      f"matches denied party {matches[0].party.name!r} (score {matches[0].score:.2f})")
            out.append(_result(check, not matches, detail, matches=[m.to_dict() for m in matches]))
        elif check == "terms":
            accepted = tenant.get("terms_version")
            clauses = set(tenant.get("terms_clauses") or [])
            missing = [c for c in v.required_clauses if c not in clauses]
            if accepted != v.terms_version:
                detail = (f"terms version {v.terms_version} not accepted"
                          + (f" (accepted {accepted})" if accepted else ""))
                out.append(_result(check, False, detail))
            elif missing:
                out.append(_result(check, False, f"required clauses not accepted: {', '.join(missing)}"))
            else:
                at = tenant.get("terms_accepted_at")
                when = at.isoformat() if isinstance(at, datetime) else str(at)
                out.append(_result(check, True, f"terms {accepted} accepted at {when} incl. "
                                                f"{', '.join(sorted(clauses)) or 'no clauses'}"))
    return out


async def vet_tenant(conn: AsyncConnection, settings: TenancySettings, tenant_id: str, *, actor: str,
                     approve: bool = False, reject: bool = False, reason: str | None = None,
                     denied: DeniedPartyList | None = None) -> dict[str, Any]:
    """Run the checks and decide; returns the tenant with `checks` and `decision`."""
    if approve and reject:
        raise InvalidRequest("Choose one of --approve and --reject.", param="approve")
    tenant = await get_tenant(conn, tenant_id)
    if tenant["status"] not in ("applied", "under_review"):
        raise InvalidRequest(f"Tenant '{tenant_id}' is {tenant['status']}; only applied or under_review tenants "
                             "are vetted.", code="invalid_transition")
    if denied is None:
        denied = load_denied_parties(settings)
    if tenant["status"] == "applied":
        await transition(conn, tenant_id, "under_review", actor=actor, reason="vetting started",
                         action="tenant.review")
    checks = run_checks(tenant, settings, denied)
    failed = [c["check"] for c in checks if c["result"] == "fail"]
    to: str | None
    why: str | None
    if reject:
        decision, to = "rejected", "terminated"
        why = reason or "application rejected"
    elif approve and not failed:
        decision, to = "approved", "verified"
        why = reason or "all checks passed"
    elif approve:
        decision, to = "returned", "applied"
        why = f"checks failed: {', '.join(failed)}" + (f"; {reason}" if reason else "")
    else:
        decision, to = "pending", None
        why = reason
    await trail.record(conn, actor=actor, action="tenant.vet", target=f"tenant:{tenant_id}",
                       after={"decision": decision, "checks": checks}, reason=why)
    if to is not None:
        out = await transition(conn, tenant_id, to, actor=actor, reason=why, checks=checks,
                               action=f"tenant.vet.{decision}")
    else:
        await record_event(conn, tenant_id, actor=actor, kind="vetting", from_status="under_review",
                     to_status="under_review", reason=why, checks=checks)
        out = await get_tenant(conn, tenant_id)
    out["checks"] = checks
    out["decision"] = decision
    out["failed_checks"] = failed
    return out
