"""Working a campaign as one, on SQLite or PostgreSQL, each in one transaction: confirming it
suspends every member tenant (status, lifecycle event and audit entry each) and confirms their
open alerts; clearing another clears every open alert (baseline taught, enforcement lifted,
audited).

    .venv/bin/python bench/bench_campaign_queue.py [--accounts 24000] [--url URL]

The default URL is a fresh SQLite file; for PostgreSQL pass an empty database, for example
postgresql+asyncpg://postgres@127.0.0.1:5432/cbench. Each of the two campaigns has `--accounts`
members, half of them with an open alert. Prints the time `gatehouse alerts confirm ID --scope
campaign` and `gatehouse alerts clear ID --scope campaign` spend in the database.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gatehouse.monitor import alerts as svc  # noqa: E402
from gatehouse.store.db import Store  # noqa: E402
from gatehouse.store.tables import tenants  # noqa: E402

__all__ = ["main"]


async def _run(url: str, accounts: int) -> None:
    store = Store(url)
    await store.migrate()
    now = datetime.now(timezone.utc)
    try:
        first: dict[str, str] = {}
        for name in ("confirm", "clear"):
            ids = [f"org_{name}{i:06d}" for i in range(accounts)]
            async with store.engine.begin() as conn:
                for i in range(0, accounts, 500):
                    await conn.execute(tenants.insert(), [
                        {"id": t, "name": f"Member {t}", "jurisdiction": "SG", "entity_type": "company",
                         "status": "verified", "aliases": [], "contacts": [], "billing": {}, "created_at": now,
                         "updated_at": now} for t in ids[i:i + 500]])
                await svc.save_campaign_members(conn, {t: (f"camp_{name}", 0.95) for t in ids}, [])
                raised = await svc.upsert_alerts(conn, [svc.Draft(t, None, "block", "review", 0.95, [], [], None, 2.0)
                                                        for t in ids[: accounts // 2]])
                first[name] = raised[0]
        t0 = time.perf_counter()
        async with store.engine.begin() as conn:
            out = await svc.confirm_alert(conn, first["confirm"], actor="admin:bench", scope="campaign")
        t1 = time.perf_counter()
        async with store.engine.begin() as conn:
            cleared = await svc.clear_alert(conn, first["clear"], actor="admin:bench", scope="campaign")
        t2 = time.perf_counter()
        r, c = out["campaign_resolution"], cleared["campaign_resolution"]
        db = url.split(":")[0]
        print(f"{db}: confirm: {r['suspended']} of {r['tenants']} tenants suspended and {r['alerts']} alerts "
              f"confirmed in {t1 - t0:.1f} s")
        print(f"{db}: clear: {c['alerts']} alerts of {c['tenants']} tenants cleared in {t2 - t1:.1f} s")
    finally:
        await store.aclose()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--accounts", type=int, default=24000)
    ap.add_argument("--url", default=None, help="an empty database (default: a fresh SQLite file)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(_run(args.url or f"sqlite+aiosqlite:///{tmp}/bench.db", args.accounts))


if __name__ == "__main__":
    main()
