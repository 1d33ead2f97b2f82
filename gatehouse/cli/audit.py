"""`gatehouse audit`: verify the hash chain and export it for an external auditor."""

from __future__ import annotations

import sys
from typing import Any

import click
import orjson

from gatehouse.audit import trail
from gatehouse.cli.common import async_command, config_option, emit, json_option, limit_option, load, table
from gatehouse.tenancy.cli_support import reading

__all__ = ["audit"]


@click.group()
def audit() -> None:
    """Verify and export the tamper-evident audit trail."""


@audit.command("verify")
@config_option
@json_option
@async_command
async def verify(config_path: str | None, as_json: bool) -> None:
    """Check every entry's hash and link; exit 1 and name the first bad entry if any was tampered with."""
    cfg = load(config_path)
    async with reading(cfg) as conn:
        result = await trail.verify(conn)
    emit(result.to_dict(), as_json, lambda d: click.echo(
        f"audit trail OK: {d['entries']} entries, head {d['head_hash']}" if d["ok"]
        else f"audit trail BROKEN at entry {d['first_bad']}: {d['problem']}"))
    if not result.ok:
        sys.exit(1)


@audit.command("export")
@config_option
@json_option
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="File to write (JSON Lines); '-' for standard output.")
@click.option("--since", "since_seq", type=int, default=0, help="Only entries after this sequence number.")
@async_command
async def export(config_path: str | None, as_json: bool, output: str, since_seq: int) -> None:
    """Write the trail as JSON Lines (one entry per line, with seq, prev_hash and hash).

    \b
    An external auditor keeps the last line's hash: `audit verify` on a later export shows
    that nothing before it was changed. With --output FILE and --json, a summary document
    (entries written, last sequence number and hash) is printed.
    """
    cfg = load(config_path)
    out: Any = sys.stdout.buffer if output == "-" else open(output, "wb")  # noqa: SIM115
    n = 0
    last: dict[str, Any] | None = None
    try:
        async with reading(cfg) as conn:
            async for e in trail.entries(conn, since_seq=since_seq):
                out.write(orjson.dumps(e) + b"\n")
                n += 1
                last = e
    finally:
        if output != "-":
            out.close()
    if output != "-":
        summary = {"entries": n, "output": output, "last_seq": last.get("seq") if last else None,
                   "last_hash": last.get("hash") if last else None}
        emit(summary, as_json, lambda d: click.echo(f"wrote {d['entries']} audit entries to {d['output']}", err=True))


@audit.command("list")
@config_option
@json_option
@click.option("--target", default=None, help="e.g. tenant:tnt_x or key:key_x")
@click.option("--action", default=None, help="e.g. tenant.suspend")
@limit_option(50)
@async_command
async def list_(config_path: str | None, as_json: bool, target: str | None, action: str | None, limit: int) -> None:
    """The newest entries (optionally for one target or action)."""
    cfg = load(config_path)
    rows: list[dict[str, Any]] = []
    async with reading(cfg) as conn:
        async for e in trail.entries(conn, target=target, action=action):
            rows.append(e)
    rows = rows[-limit:]
    emit(rows, as_json, lambda r: table(r, ["seq", "ts", "actor", "action", "target", "reason"]))
