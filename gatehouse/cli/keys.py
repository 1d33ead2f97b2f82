"""`gatehouse keys`: API keys (create, list, rotate, revoke, suspend) and admin keys."""

from __future__ import annotations

from typing import Any

import click

from gatehouse.cli.common import async_command, config_option, emit, json_option, load, table
from gatehouse.tenancy import keys as svc
from gatehouse.tenancy.cli_support import cli_actor, parse_when, reading, transaction
from gatehouse.tenancy.settings import tenancy_settings

__all__ = ["keys"]

_COLUMNS = ["id", "tenant_id", "project_id", "name", "prefix", "status", "scopes", "expires_at", "created_at"]


def _created(d: dict[str, Any]) -> None:
    click.echo(f"API key {d['id']} for tenant {d['tenant_id']} (shown once, store it now):")
    click.echo(f"  {d['key']}")


def _show(d: dict[str, Any]) -> None:
    for k, v in d.items():
        click.echo(f"{k:14} {v if v not in (None, [], {}) else '-'}")


def _limits(rpm: int | None, tpm: int | None, concurrency: int | None, daily: str | None,
            monthly: str | None) -> dict[str, Any] | None:
    given = {"rpm": rpm, "tpm": tpm, "concurrency": concurrency, "daily_spend": daily, "monthly_spend": monthly}
    out = {k: v for k, v in given.items() if v is not None}
    return out or None


def _limit_options(f: Any) -> Any:
    for opt in (click.option("--rpm", type=int, default=None, help="Requests per minute."),
                click.option("--tpm", type=int, default=None, help="Tokens per minute."),
                click.option("--concurrency", type=int, default=None, help="Concurrent requests."),
                click.option("--daily-spend", default=None, help="Daily spend cap (currency units)."),
                click.option("--monthly-spend", default=None, help="Monthly spend cap (currency units).")):
        f = opt(f)
    return f


@click.group()
def keys() -> None:
    """Create, list, rotate and revoke API keys (and admin keys)."""


@keys.command("create")
@config_option
@json_option
@click.option("--tenant", "tenant_id", required=True, help="The (verified) tenant that owns the key.")
@click.option("--project", "project_id", default=None, help="Bind the key to one of the tenant's projects.")
@click.option("--name", default=None)
@click.option("--scope", "scopes", multiple=True, help="Allowed model (repeatable; default: every model).")
@click.option("--expires", default=None, help="Expiry: a date/time or a duration like 90d.")
@_limit_options
@async_command
async def create(config_path: str | None, as_json: bool, tenant_id: str, project_id: str | None, name: str | None,
                 scopes: tuple[str, ...], expires: str | None, rpm: int | None, tpm: int | None,
                 concurrency: int | None, daily_spend: str | None, monthly_spend: str | None) -> None:
    """Create an API key; the secret is printed once and stored only as a hash."""
    cfg = load(config_path)
    settings = tenancy_settings(cfg)
    async with transaction(cfg) as conn:
        meta, secret = await svc.create_key(
            conn, settings, actor=cli_actor(), tenant_id=tenant_id, project_id=project_id, name=name,
            scopes=list(scopes), expires_at=parse_when(expires, "expires"),
            limits=_limits(rpm, tpm, concurrency, daily_spend, monthly_spend))
    emit({**meta, "key": secret}, as_json, _created)


@keys.command("list")
@config_option
@json_option
@click.option("--tenant", "tenant_id", default=None)
@async_command
async def list_(config_path: str | None, as_json: bool, tenant_id: str | None) -> None:
    """List keys (metadata and visible prefix only)."""
    cfg = load(config_path)
    async with reading(cfg) as conn:
        rows = await svc.list_keys(conn, tenant_id=tenant_id)
    emit(rows, as_json, lambda r: table(r, _COLUMNS))


@keys.command("rotate")
@click.argument("key_id")
@config_option
@json_option
@click.option("--grace", default=None, help="How long the old key keeps working, e.g. 24h (default from config).")
@click.option("--reason", default=None)
@async_command
async def rotate(key_id: str, config_path: str | None, as_json: bool, grace: str | None, reason: str | None) -> None:
    """Issue a replacement key; the old one stays valid for the grace period."""
    from datetime import datetime, timezone

    cfg = load(config_path)
    settings = tenancy_settings(cfg)
    until = parse_when(grace, "grace")
    grace_s = settings.rotation_grace_s if until is None else max(0, int((until - datetime.now(timezone.utc))
                                                                          .total_seconds() + 0.5))
    async with transaction(cfg) as conn:
        meta, secret = await svc.rotate_key(conn, key_id, actor=cli_actor(), grace_s=grace_s, reason=reason)
    emit({**meta, "key": secret, "replaces": key_id, "grace_s": grace_s}, as_json, _created)


def _key_action(name: str, doc: str, fn: Any, reason_required: bool) -> None:
    @keys.command(name, help=doc)
    @click.argument("key_id")
    @config_option
    @json_option
    @click.option("--reason", required=reason_required, default=None)
    @async_command
    async def cmd(key_id: str, config_path: str | None, as_json: bool, reason: str | None) -> None:
        cfg = load(config_path)
        async with transaction(cfg) as conn:
            out = await fn(conn, key_id, actor=cli_actor(), reason=reason)
        emit(out, as_json, _show)


_key_action("revoke", "Revoke a key: every gateway refuses it within a second.", svc.revoke_key, False)
_key_action("suspend", "Suspend a key until it is reinstated.", svc.suspend_key, True)
_key_action("reinstate", "Reinstate a suspended key.", svc.reinstate_key, False)


@keys.command("limits")
@click.argument("key_id")
@config_option
@json_option
@_limit_options
@click.option("--clear", is_flag=True, help="Remove the key's own limits.")
@async_command
async def limits(key_id: str, config_path: str | None, as_json: bool, rpm: int | None, tpm: int | None,
                 concurrency: int | None, daily_spend: str | None, monthly_spend: str | None, clear: bool) -> None:
    """Set a key's own limits."""
    cfg = load(config_path)
    async with transaction(cfg) as conn:
        out = await svc.set_key_limits(conn, key_id, None if clear else _limits(rpm, tpm, concurrency, daily_spend,
                                                                               monthly_spend), actor=cli_actor())
    emit(out, as_json, _show)


@keys.command("create-admin")
@config_option
@json_option
@click.option("--name", required=True)
@click.option("--role", required=True, type=click.Choice(svc.ADMIN_ROLES))
@async_command
async def create_admin(config_path: str | None, as_json: bool, name: str, role: str) -> None:
    """Create an admin-API key with a role (admin, reviewer, billing, auditor)."""
    cfg = load(config_path)
    async with transaction(cfg) as conn:
        meta, secret = await svc.create_admin_key(conn, actor=cli_actor(), name=name, role=role)
    emit({**meta, "key": secret}, as_json, lambda d: click.echo(f"admin key {d['id']} ({d['role']}), shown once:\n"
                                                                f"  {d['key']}"))


@keys.command("list-admin")
@config_option
@json_option
@async_command
async def list_admin(config_path: str | None, as_json: bool) -> None:
    """List admin keys."""
    cfg = load(config_path)
    async with reading(cfg) as conn:
        rows = await svc.list_admin_keys(conn)
    emit(rows, as_json, lambda r: table(r, ["id", "name", "role", "prefix", "created_at", "revoked_at"]))


@keys.command("revoke-admin")
@click.argument("key_id")
@config_option
@json_option
@click.option("--reason", default=None)
@async_command
async def revoke_admin(key_id: str, config_path: str | None, as_json: bool, reason: str | None) -> None:
    """Revoke an admin key."""
    cfg = load(config_path)
    async with transaction(cfg) as conn:
        await svc.revoke_admin_key(conn, key_id, actor=cli_actor(), reason=reason)
    emit({"id": key_id, "revoked": True}, as_json, lambda d: click.echo(f"revoked admin key {key_id}"))
