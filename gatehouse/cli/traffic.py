"""`gatehouse traffic`: export the request log as a traffic trace (and simulate traces)."""

from __future__ import annotations

import importlib
from datetime import datetime, timezone

import click

from gatehouse.cli.common import config_option, emit, fail, json_option, load, open_store, run

__all__ = ["traffic"]


def _when(value: str | None, name: str) -> datetime | None:
    if value is None:
        return None
    try:
        from gatehouse.traffic.trace import parse_ts

        if len(value) == 10:
            return datetime.fromisoformat(value).replace(tzinfo=timezone.utc)
        return parse_ts(value)
    except ValueError:
        fail(f"--{name}: expected a date (2026-11-01) or RFC 3339 time (2026-11-01T10:00:00Z), got {value!r}", 2)
        raise


@click.group()
def traffic() -> None:
    """Export and simulate traffic traces (JSON Lines, see the traffic trace spec)."""


@traffic.command("export")
@config_option
@click.option("--since", help="Only requests at or after this time (date or RFC 3339).")
@click.option("--until", help="Only requests before this time (date or RFC 3339).")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="Output file; a .gz name is compressed.")
@json_option
def export(config_path: str | None, since: str | None, until: str | None, out: str, as_json: bool) -> None:
    """Write the request log (all of it by default) as a traffic trace.

    \b
    Example:
      gatehouse traffic export --config examples/operator.yaml --since 2026-11-01 --out nov.jsonl.gz
    """
    from gatehouse.traffic.export import export_trace

    cfg = load(config_path)
    start, end = _when(since, "since"), _when(until, "until")

    def progress(n: int) -> None:
        click.echo(f"\r{n:,} records…", nl=False, err=True)

    async def go() -> int:
        async with open_store(cfg) as store:
            return await export_trace(store, out, start, end, progress=None if as_json else progress)

    n = run(go())
    emit({"records": n, "out": out}, as_json, lambda d: click.echo(f"\rwrote {d['records']:,} records to {d['out']}", err=False))


def _attach_simulate() -> None:
    try:
        mod = importlib.import_module("gatehouse.cli.traffic_simulate")
    except ModuleNotFoundError:
        return
    traffic.add_command(mod.simulate, "simulate")


_attach_simulate()
