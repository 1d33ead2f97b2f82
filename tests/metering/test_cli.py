"""`gatehouse billing` and `gatehouse report` against a store with known entries."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime, timezone
from pathlib import Path

import yaml
from click.testing import CliRunner

from gatehouse.cli.main import cli
from gatehouse.metering.ledger import write_entries
from gatehouse.store.db import Store

from .test_ledger import entry


def setup(tmp_path: Path) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path}/cli.db"

    async def go() -> None:
        s = Store(url)
        await s.migrate()
        async with s.engine.begin() as conn:
            await write_entries(conn, [entry(1, datetime(2026, 5, 3, tzinfo=timezone.utc), territory="SG"),
                                       entry(2, datetime(2026, 6, 3, tzinfo=timezone.utc), territory="SG", amount=3_000_000),
                                       entry(3, datetime(2026, 6, 4, tzinfo=timezone.utc), territory="US")])
        await s.aclose()

    asyncio.run(go())
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump({"store": {"url": url}, "bootstrap": {"demo_tenant": False}}))
    return str(path)


def run(*args: str) -> str:
    out = CliRunner().invoke(cli, list(args))
    assert out.exit_code == 0, out.output
    return out.output


def test_report_and_billing_commands(tmp_path: Path) -> None:
    cfg = setup(tmp_path)
    doc = json.loads(run("report", "revenue", "--by", "territory", "--period", "2026-06", "--config", cfg, "--json"))
    sg = next(r for r in doc["rows"] if r["territory"] == "SG")
    assert (sg["revenue"], sg["growth"], sg["share"]) == ("3.000000", "3.00x", "0.7500")
    csv_out = run("report", "revenue", "--period", "2026-05..2026-06", "--format", "csv", "--config", cfg)
    assert csv_out.splitlines()[0].startswith("period,territory,currency,revenue")
    assert "SG" in run("report", "revenue", "--period", "2026-06", "--config", cfg)
    inv = json.loads(run("billing", "invoice", "--tenant", "t1", "--month", "2026-06", "--json", "--config", cfg))
    assert inv["total"] == "4.000000" and inv["lines"][0]["requests"] == 2
    out = tmp_path / "inv.html"
    run("billing", "invoice", "--tenant", "t1", "--month", "2026-06", "--format", "html", "--out", str(out), "--config", cfg)
    assert "4.000000" in out.read_text()
    cor = json.loads(run("billing", "correct", "req_2", "--amount", "-1.5", "--reason", "credit", "--json", "--config", cfg))
    assert cor["amount"] == "-1.500000"
    spend = json.loads(run("billing", "spend", "--tenant", "t1", "--month", "2026-06", "--json", "--config", cfg))
    # the correction is posted now (its own period), not in June
    assert spend["spend"] == "4.000000"
    assert len(json.loads(run("billing", "ledger", "--tenant", "t1", "--json", "--config", cfg))) == 4
    # --limit and --offset at their edges: one row, none skipped; 0 rows or a negative skip is refused
    assert len(json.loads(run("billing", "ledger", "--tenant", "t1", "--limit", "1", "--offset", "0", "--json",
                              "--config", cfg))) == 1
    for flag, value in (("--limit", "0"), ("--offset", "-1")):
        refused = CliRunner().invoke(cli, ["billing", "ledger", flag, value, "--config", cfg])
        assert refused.exit_code == 2 and flag in refused.output
    bad = CliRunner().invoke(cli, ["report", "revenue", "--period", "2026-13", "--config", cfg])
    assert bad.exit_code != 0
