"""`gatehouse tenants`: create, vet, suspend, reinstate, terminate and inspect tenants."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from gatehouse.cli.common import async_command, config_option, emit, json_option, load, table
from gatehouse.errors import InvalidRequest
from gatehouse.tenancy import service
from gatehouse.tenancy.cli_support import cli_actor, reading, transaction
from gatehouse.tenancy.settings import ENTITY_TYPES, tenancy_settings
from gatehouse.tenancy.vetting import vet_tenant

__all__ = ["tenants"]

_COLUMNS = ["id", "name", "jurisdiction", "entity_type", "status", "registration_number", "created_at"]


def _show(t: dict[str, Any]) -> None:
    for k, v in t.items():
        if k in ("checks", "projects", "history"):
            continue
        click.echo(f"{k:20} {v if v not in (None, [], {}) else '-'}")
    for c in t.get("checks") or ():
        click.echo(f"  [{c['result']:7}] {c['check']:12} {c['detail']}")
    for p in t.get("projects") or ():
        click.echo(f"  project {p['id']}  {p['name']}")
    for h in t.get("history") or ():
        click.echo(f"  {h['ts']:%Y-%m-%d %H:%M:%S}  {h['from'] or '-'} -> {h['to'] or '-'}  by {h['actor']}: "
                   f"{h['reason'] or ''}")


@click.group()
def tenants() -> None:
    """Create, vet, suspend and inspect tenants (organizations)."""


@tenants.command("create")
@config_option
@json_option
@click.option("--name", required=True, help="Legal name.")
@click.option("--jurisdiction", required=True, help="ISO 3166-1 alpha-2 country code, e.g. CN, US, DE.")
@click.option("--type", "entity_type", required=True, type=click.Choice(ENTITY_TYPES), help="Entity type.")
@click.option("--registration", default=None, help="Company registration number.")
@click.option("--founded", default=None, help="Founding date, YYYY-MM-DD.")
@click.option("--alias", "aliases", multiple=True, help="Other names (repeatable); all are screened.")
@click.option("--contact", "contacts", multiple=True, help="Contact e-mail (repeatable).")
@click.option("--billing-email", default=None)
@click.option("--terms-version", default=None,
              help="Terms version the applicant accepted (default: the current one, with its required clauses).")
@click.option("--clause", "clauses", multiple=True, help="Accepted clause (repeatable; default: the required ones).")
@click.option("--no-terms", is_flag=True, help="The applicant has not accepted the usage terms yet.")
@click.option("--id", "tenant_id", default=None, help="Choose the tenant id (default: generated).")
@async_command
async def create(config_path: str | None, as_json: bool, name: str, jurisdiction: str, entity_type: str,
                 registration: str | None, founded: str | None, aliases: tuple[str, ...], contacts: tuple[str, ...],
                 billing_email: str | None, terms_version: str | None, clauses: tuple[str, ...], no_terms: bool,
                 tenant_id: str | None) -> None:
    """Record a tenant's application (status `applied`). Individuals are refused."""
    cfg = load(config_path)
    settings = tenancy_settings(cfg)
    try:
        founded_on = date.fromisoformat(founded) if founded else None
    except ValueError:
        raise InvalidRequest(f"--founded: {founded!r} is not a date like 2015-03-01", param="founded") from None
    version = None if no_terms else (terms_version or settings.vetting.terms_version)
    accepted = list(clauses) if clauses else list(settings.vetting.required_clauses)
    async with transaction(cfg) as conn:
        out = await service.create_tenant(
            conn, settings, actor=cli_actor(), name=name, jurisdiction=jurisdiction, entity_type=entity_type,
            registration_number=registration, founded_on=founded_on, aliases=list(aliases),
            contacts=[{"email": c} for c in contacts], billing={"email": billing_email} if billing_email else {},
            terms_version=version, terms_clauses=accepted if version else None, tenant_id=tenant_id)
    emit(out, as_json, _show)


@tenants.command("list")
@config_option
@json_option
@click.option("--status", default=None, help="Only tenants in this status.")
@click.option("--jurisdiction", default=None)
@async_command
async def list_(config_path: str | None, as_json: bool, status: str | None, jurisdiction: str | None) -> None:
    """List tenants."""
    cfg = load(config_path)
    async with reading(cfg) as conn:
        rows = await service.list_tenants(conn, status=status, jurisdiction=jurisdiction)
    emit(rows, as_json, lambda r: table(r, _COLUMNS))


@tenants.command("show")
@click.argument("tenant_id")
@config_option
@json_option
@async_command
async def show(tenant_id: str, config_path: str | None, as_json: bool) -> None:
    """One tenant with its projects and status history."""
    cfg = load(config_path)
    async with reading(cfg) as conn:
        out = await service.get_tenant(conn, tenant_id, with_projects=True)
        out["history"] = await service.tenant_history(conn, tenant_id)
    emit(out, as_json, _show)


@tenants.command("vet")
@click.argument("tenant_id")
@config_option
@json_option
@click.option("--approve", is_flag=True, help="Verify the tenant if every check passes.")
@click.option("--reject", is_flag=True, help="Reject the application (terminates the tenant).")
@click.option("--reason", default=None, help="Why (recorded with the decision).")
@async_command
async def vet(tenant_id: str, config_path: str | None, as_json: bool, approve: bool, reject: bool,
              reason: str | None) -> None:
    """Run the vetting checks and record the decision."""
    cfg = load(config_path)
    settings = tenancy_settings(cfg)
    async with transaction(cfg) as conn:
        out = await vet_tenant(conn, settings, tenant_id, actor=cli_actor(), approve=approve, reject=reject,
                               reason=reason)
    emit(out, as_json, _show)


def _transition_command(name: str, doc: str, fn: Any, reason_required: bool) -> None:
    @tenants.command(name, help=doc)
    @click.argument("tenant_id")
    @config_option
    @json_option
    @click.option("--reason", required=reason_required, default=None, help="Why (recorded in the audit trail).")
    @async_command
    async def cmd(tenant_id: str, config_path: str | None, as_json: bool, reason: str | None) -> None:
        cfg = load(config_path)
        async with transaction(cfg) as conn:
            out = await fn(conn, tenant_id, actor=cli_actor(), reason=reason)
        emit(out, as_json, _show)


_transition_command("suspend", "Suspend a tenant: its traffic stops within a second on every gateway.",
                    service.suspend_tenant, True)
_transition_command("reinstate", "Reinstate a suspended tenant.", service.reinstate_tenant, False)
_transition_command("terminate", "Terminate a tenant (final).", service.terminate_tenant, True)


@tenants.command("limits")
@click.argument("tenant_id")
@config_option
@json_option
@click.option("--rpm", type=int, default=None)
@click.option("--tpm", type=int, default=None)
@click.option("--concurrency", type=int, default=None)
@click.option("--daily-spend", default=None, help="Daily spend cap in currency units, e.g. 50 or 12.50.")
@click.option("--monthly-spend", default=None)
@click.option("--clear", is_flag=True, help="Remove the tenant's own limits (the defaults apply).")
@async_command
async def limits(tenant_id: str, config_path: str | None, as_json: bool, rpm: int | None, tpm: int | None,
                 concurrency: int | None, daily_spend: str | None, monthly_spend: str | None, clear: bool) -> None:
    """Set a tenant's limits (fields not given keep their current value)."""
    cfg = load(config_path)
    async with transaction(cfg) as conn:
        current = (await service.get_tenant(conn, tenant_id)).get("limits") or {}
        given = {"rpm": rpm, "tpm": tpm, "concurrency": concurrency, "daily_spend": daily_spend,
                 "monthly_spend": monthly_spend}
        merged = None if clear else {**current, **{k: v for k, v in given.items() if v is not None}}
        if merged is not None:
            for k in ("daily_spend", "monthly_spend"):
                if k in merged:
                    merged.pop(f"{k}_micros", None)
        out = await service.set_tenant_limits(conn, tenant_id, merged, actor=cli_actor())
    emit(out, as_json, _show)


@tenants.command("add-project")
@click.argument("tenant_id")
@click.option("--name", required=True)
@config_option
@json_option
@async_command
async def add_project(tenant_id: str, name: str, config_path: str | None, as_json: bool) -> None:
    """Add a project to a tenant (keys may be bound to a project)."""
    cfg = load(config_path)
    async with transaction(cfg) as conn:
        out = await service.add_project(conn, tenant_id, name, actor=cli_actor())
    emit(out, as_json, lambda d: click.echo(f"project {d['id']} ({d['name']}) in {d['tenant_id']}"))
