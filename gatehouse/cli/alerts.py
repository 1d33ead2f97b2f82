"""`gatehouse alerts list|campaigns|show|clear|confirm`: work the trust-and-safety alert queue."""

from __future__ import annotations

from typing import Any

import click

from gatehouse.cli.common import config_option, emit, json_option, limit_option, load, run, table

__all__ = ["alerts"]

_COLUMNS = ["id", "tenant_id", "key_id", "score", "verdict", "action", "status", "campaign_id", "created_at"]
_CAMPAIGN_COLUMNS = ["campaign_id", "alerts", "members", "score", "top_alert", "top_tenant"]


@click.group("alerts")
def alerts() -> None:
    """Work the trust-and-safety alert queue raised by the distillation monitor."""


@alerts.command("list")
@config_option
@json_option
@click.option("--status", type=click.Choice(["open", "cleared", "confirmed", "all"]), default="open", show_default=True)
@limit_option(100, maximum=1000)
@click.option("--campaign", default=None, help="Only the alerts of this campaign's current members.")
def list_cmd(config_path: str | None, as_json: bool, status: str, limit: int, campaign: str | None) -> None:
    """Alerts, riskiest first (a campaign's members each have their own: `alerts campaigns` lists
    one row per campaign, and `confirm --scope campaign` or `clear --scope campaign` work them as one)."""
    from gatehouse.monitor import alerts as svc
    from gatehouse.tenancy.cli_support import reading

    async def go() -> list[dict[str, Any]]:
        async with reading(load(config_path)) as conn:
            return await svc.list_alerts(conn, status=None if status == "all" else status, limit=limit,
                                         campaign=campaign)

    rows = run(go())
    emit(rows, as_json, lambda rs: table([{**r, "campaign_id": (r.get("campaign") or {}).get("id", "")} for r in rs],
                                         _COLUMNS))


@alerts.command("campaigns")
@config_option
@json_option
@click.option("--status", type=click.Choice(["open", "cleared", "confirmed", "all"]), default="open", show_default=True)
@limit_option(100, maximum=1000)
def campaigns_cmd(config_path: str | None, as_json: bool, status: str, limit: int) -> None:
    """The queue by campaign: one row per campaign whose members have alerts, riskiest first, with
    its highest-scoring alert. Work a campaign from that alert:

        gatehouse alerts show TOP_ALERT
        gatehouse alerts confirm TOP_ALERT --scope campaign    (or clear ... --scope campaign)
    """
    from gatehouse.monitor import alerts as svc
    from gatehouse.tenancy.cli_support import reading

    async def go() -> list[dict[str, Any]]:
        async with reading(load(config_path)) as conn:
            return await svc.campaign_queue(conn, status=None if status == "all" else status, limit=limit)

    emit(run(go()), as_json, lambda rs: table(rs, _CAMPAIGN_COLUMNS))


@alerts.command("show")
@click.argument("alert_id")
@config_option
@json_option
def show_cmd(alert_id: str, config_path: str | None, as_json: bool) -> None:
    """One alert with its evidence and sample request ids."""
    from gatehouse.monitor import alerts as svc
    from gatehouse.tenancy.cli_support import reading

    async def go() -> dict[str, Any]:
        async with reading(load(config_path)) as conn:
            return await svc.get_alert(conn, alert_id)

    emit(run(go()), as_json, _human)


@alerts.command("clear")
@click.argument("alert_id")
@click.option("--note", default=None, help="Why this is a false alarm (kept in the audit trail).")
@click.option("--scope", type=click.Choice(["tenant", "campaign"]), default="tenant", show_default=True,
              help="Clear this alert, or every open alert of the tenant's campaign (the link was the false alarm).")
@config_option
@json_option
def clear_cmd(alert_id: str, note: str | None, scope: str, config_path: str | None, as_json: bool) -> None:
    """A false alarm: close it, lift enforcement, and teach the tenant's baseline (sized to the
    level the alert saw: the tenant is flagged again only if its traffic moves well past it)."""
    from gatehouse.monitor import alerts as svc
    from gatehouse.tenancy.cli_support import cli_actor, transaction

    async def go() -> dict[str, Any]:
        async with transaction(load(config_path)) as conn:
            return await svc.clear_alert(conn, alert_id, actor=cli_actor(), note=note, scope=scope)

    emit(run(go()), as_json, _human)


@alerts.command("confirm")
@click.argument("alert_id")
@click.option("--scope", type=click.Choice(["key", "tenant", "campaign"]), default="key", show_default=True,
              help="Suspend the flagged key, the whole tenant, or every tenant of its campaign (closing their alerts).")
@click.option("--note", default=None)
@config_option
@json_option
def confirm_cmd(alert_id: str, scope: str, note: str | None, config_path: str | None, as_json: bool) -> None:
    """Misuse confirmed: close the alert and suspend the key, the tenant, or its whole campaign."""
    from gatehouse.monitor import alerts as svc
    from gatehouse.tenancy.cli_support import cli_actor, transaction

    async def go() -> dict[str, Any]:
        async with transaction(load(config_path)) as conn:
            return await svc.confirm_alert(conn, alert_id, actor=cli_actor(), note=note, scope=scope)

    emit(run(go()), as_json, _human)


def _human(a: dict[str, Any]) -> None:
    click.echo(f"{a['id']}  tenant {a['tenant_id']}  key {a['key_id'] or '-'}  score {a['score']:.2f}  "
               f"{a['verdict']} -> {a['action']}  [{a['status']}]")
    for e in a.get("evidence") or []:
        click.echo(f"  - {e}")
    if a.get("samples"):
        click.echo(f"  samples: {', '.join(a['samples'])}")
    if a.get("campaign"):
        c = a["campaign"]
        click.echo(f"  campaign {c.get('id')}: {c.get('size')} tenants, score {c.get('score')}")
    if a.get("clear_offset") is not None and a["status"] == "open":
        click.echo(f"  clearing teaches the tenant's baseline {a['clear_offset']:.2f} log-odds (its level now, "
                   "matured, scores 0.3)")
    if a.get("resolution") or a.get("resolved_by"):
        click.echo(f"  resolved by {a.get('resolved_by')}: {a.get('resolution') or ''}")
    if a.get("campaign_resolution"):
        r = a["campaign_resolution"]
        done = f", {r['suspended']} suspended" if "suspended" in r else ""
        click.echo(f"  campaign {r['campaign']}: {r['tenants']} tenants{done}, {r['alerts']} alerts closed")
        for skipped in r.get("skipped", []):
            click.echo(f"    not suspended: {skipped}")
