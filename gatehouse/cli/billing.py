"""`gatehouse billing`: invoices, the ledger, corrections and spend."""

from __future__ import annotations

from pathlib import Path

import click

from gatehouse.cli.common import (async_command, config_option, dumps, emit, fail, json_option, limit_option, load,
                                  open_store, table)

__all__ = ["billing"]


@click.group()
def billing() -> None:
    """Invoices and ledger."""


@billing.command("invoice")
@click.option("--tenant", required=True, help="Tenant id.")
@click.option("--month", required=True, help="YYYY-MM (UTC).")
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "html"]), default=None,
              help="Document format (default: a table; json with --json).")
@click.option("--currency", default=None, help="Only entries in this currency (needed if the month mixes them).")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), default=None, help="Write to a file.")
@config_option
@json_option
@async_command
async def invoice_cmd(tenant: str, month: str, fmt: str | None, currency: str | None, out: str | None,
                      config_path: str | None, as_json: bool) -> None:
    """A tenant's monthly invoice, from the ledger."""
    from gatehouse.metering.invoice import parse_month, render
    from gatehouse.metering.service import invoice

    cfg = load(config_path)
    async with open_store(cfg) as store:
        inv = await invoice(store, cfg, tenant, parse_month(month), currency)
    if fmt is None and as_json:
        fmt = "json"
    if fmt is None:
        d = inv.to_dict()
        table(d["lines"], ["model", "project", "requests", "input_tokens", "output_tokens", "amount"],
              title=f"Invoice {tenant} {d['month']} ({d['currency']})")
        for a in d["adjustments"]:
            click.echo(f"{a['description']}: {a['amount']}")
        click.echo(f"total: {d['total']} {d['currency']}")
        return
    text = render(inv, fmt)
    if out is not None:
        Path(out).write_text(text, encoding="utf-8")
        click.echo(dumps({"written": out, "total": inv.to_dict()["total"]}) if as_json else f"wrote {out}")
    else:
        click.echo(text, nl=False)


@billing.command("ledger")
@click.option("--tenant", default=None)
@click.option("--month", default=None, help="YYYY-MM (UTC).")
@limit_option(100)
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True, help="Rows to skip.")
@config_option
@json_option
@async_command
async def ledger_cmd(tenant: str | None, month: str | None, limit: int, offset: int, config_path: str | None,
                     as_json: bool) -> None:
    """List ledger entries (oldest first)."""
    from gatehouse.metering.invoice import parse_month
    from gatehouse.metering.service import ledger_page

    cfg = load(config_path)
    async with open_store(cfg) as store:
        rows = await ledger_page(store, tenant, parse_month(month) if month else None, limit, offset)
    emit(rows, as_json, lambda rs: table(rs, ["id", "kind", "ts", "tenant_id", "model", "provider", "input_tokens",
                                               "output_tokens", "estimated", "amount", "currency"]))


@billing.command("correct")
@click.argument("entry_id")
@click.option("--amount", default=None, help="Signed delta, e.g. -1.25 (credit) or 0.50 (charge).")
@click.option("--void", is_flag=True, help="Reverse the entry in full.")
@click.option("--reason", required=True)
@click.option("--actor", default="cli", show_default=True)
@config_option
@json_option
@async_command
async def correct_cmd(entry_id: str, amount: str | None, void: bool, reason: str, actor: str,
                      config_path: str | None, as_json: bool) -> None:
    """Post a correction: a new ledger entry; the original is never changed."""
    from gatehouse.metering.ledger import post_correction
    from gatehouse.metering.money import signed_micros
    from gatehouse.metering.service import entry_view

    if (amount is None) == (not void):
        fail("give --amount or --void")
    try:
        micros = signed_micros(amount) if amount is not None else None
    except ValueError as exc:
        fail(str(exc))
        return
    cfg = load(config_path)
    async with open_store(cfg) as store:
        entry = await post_correction(store, entry_id=entry_id, reason=reason, actor=actor, amount_micros=micros,
                                      void=void)
    view = entry_view(entry)
    emit(view, as_json, lambda v: click.echo(f"posted {v['id']} correcting {v['corrects']}: {v['amount']} {v['currency']}"))


@billing.command("spend")
@click.option("--tenant", required=True)
@click.option("--month", default=None, help="YYYY-MM (default: this month, UTC).")
@config_option
@json_option
@async_command
async def spend_cmd(tenant: str, month: str | None, config_path: str | None, as_json: bool) -> None:
    """A tenant's net spend in a month, from the ledger's running totals."""
    from datetime import datetime, timezone

    from gatehouse.metering.invoice import month_range, parse_month
    from gatehouse.metering.ledger import spend_micros
    from gatehouse.metering.money import format_micros

    m = parse_month(month) if month else parse_month(datetime.now(timezone.utc).strftime("%Y-%m"))
    start, end = month_range(m)
    cfg = load(config_path)
    async with open_store(cfg) as store:
        async with store.engine.connect() as conn:
            micros = await spend_micros(conn, tenant, start.date(), end.date())
    data = {"tenant": tenant, "month": m.strftime("%Y-%m"), "spend": format_micros(micros)}
    emit(data, as_json, lambda d: click.echo(f"{d['tenant']} {d['month']}: {d['spend']}"))


@billing.command("rebuild-rollups")
@config_option
@json_option
@async_command
async def rebuild_cmd(config_path: str | None, as_json: bool) -> None:
    """Recompute the daily rollup from the ledger (after a bulk load or restore)."""
    from gatehouse.metering.ledger import rebuild_rollups

    cfg = load(config_path)
    async with open_store(cfg) as store:
        n = await rebuild_rollups(store)
    emit({"rollup_rows": n}, as_json, lambda d: click.echo(f"rebuilt {d['rollup_rows']} rollup rows"))
