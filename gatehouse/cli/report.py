"""`gatehouse report`: revenue by territory, tenant, model, provider or region."""

from __future__ import annotations

import csv
import io

import click

from gatehouse.cli.common import async_command, config_option, dumps, json_option, load, open_store, table

__all__ = ["report"]

_COLUMNS = ["period", "{by}", "currency", "revenue", "share", "growth", "requests", "tokens"]


@click.group()
def report() -> None:
    """Revenue and usage reports."""


@report.command("revenue")
@click.option("--by", "by", type=click.Choice(["territory", "tenant", "model", "provider", "region"]),
              default="territory", show_default=True)
@click.option("--period", required=True, help="YYYY-MM..YYYY-MM (inclusive) or one YYYY-MM.")
@click.option("--interval", type=click.Choice(["month", "quarter", "year"]), default="month", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@config_option
@json_option
@async_command
async def revenue_cmd(by: str, period: str, interval: str, fmt: str, config_path: str | None, as_json: bool) -> None:
    """Revenue, tokens, requests, share of total and growth against the previous period."""
    from gatehouse.metering.reports import parse_period, revenue

    p = parse_period(period)
    cfg = load(config_path)
    async with open_store(cfg) as store:
        async with store.engine.connect() as conn:
            rows = await revenue(conn, by=by, period=p, interval=interval)
    if as_json or fmt == "json":
        click.echo(dumps({"by": by, "period": period, "interval": interval, "rows": rows}))
        return
    cols = [c.format(by=by) for c in _COLUMNS]
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=[*cols, "input_tokens", "cached_tokens", "output_tokens"],
                           extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
        click.echo(buf.getvalue(), nl=False)
        return
    table(rows, cols, title=f"Revenue by {by}, {period} ({interval})")
