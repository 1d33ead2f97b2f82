"""Ledger at scale: 10 million entries in PostgreSQL, then the monthly revenue-by-territory report.

Creates a scratch database (gh_bench_<random>), migrates it, generates the entries inside
PostgreSQL (INSERT ... SELECT over generate_series, 1M rows a statement: no per-row Python or
network cost, which is what makes 10M rows take a minute rather than many), builds the daily
rollup once (`rebuild_rollups`, what `gatehouse billing rebuild-rollups` runs after a bulk
load; live traffic keeps it in step per batch), then times:

- the monthly revenue-by-territory report (`report revenue --by territory --period M`),
  which reads only `ledger_daily` (the target: under 2 s);
- the same report for a whole year by month, and by tenant;
- for comparison, the same month aggregated straight from the 10M-row ledger.

The scratch database is dropped at the end, whatever happens.

    .venv/bin/python bench/bench_ledger.py                 # 10M rows
    .venv/bin/python bench/bench_ledger.py --rows 1000000  # quicker
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import statistics
import time
from datetime import datetime, timezone

import asyncpg

from gatehouse.metering.ledger import rebuild_rollups
from gatehouse.metering.reports import parse_period, revenue
from gatehouse.store.db import Store

PG = os.environ.get("GATEHOUSE_BENCH_PG", "postgresql://postgres@127.0.0.1:5432")
START = datetime(2025, 7, 1, tzinfo=timezone.utc)
SPAN_S = 365 * 86400
TERRITORIES = "ARRAY['US','SG','DE','FR','GB','JP','IN','BR','AU','CA','KR','SE']"
MODELS = "ARRAY['gpt-4o','gpt-4o-mini','claude-sonnet','deepseek-chat']"
REGIONS = "ARRAY['us-east','singapore','sweden-central']"

# One statement per chunk; $1 = first row number, $2 = last, $3 = total rows.
INSERT = f"""
INSERT INTO ledger_entries (id, kind, request_id, ts, recorded_at, tenant_id, project_id, key_id, jurisdiction,
    endpoint, model, deployment_id, provider, region, price_tier, status, cancelled, estimated, input_tokens,
    cached_tokens, output_tokens, input_price, cached_price, output_price, price_source, discount_ppm,
    list_micros, amount_micros, currency)
SELECT 'req_' || g, 'usage', 'req_' || g, t, t, 'tnt_' || (h % 200), 'prj_' || (h % 7), 'key_' || (h % 400),
    ({TERRITORIES})[1 + (h % 200) % 12], '/v1/chat/completions', m, m || '@sim/' || r, 'sim-' || r, r, 'standard',
    200, false, (h % 50 = 0), i, 0, o, 2500000, 1250000, 10000000, 'list', 0,
    (i * 2500000 + o * 10000000 + 500000) / 1000000, (i * 2500000 + o * 10000000 + 500000) / 1000000, 'USD'
FROM (
    SELECT g, h, TIMESTAMPTZ '{START.isoformat()}' + make_interval(secs => (g::float8 * {SPAN_S} / $3)) AS t,
           ({MODELS})[1 + (h >> 8) % 4] AS m, ({REGIONS})[1 + (h >> 12) % 3] AS r,
           100 + (h >> 3) % 2000 AS i, 20 + (h >> 5) % 600 AS o
    FROM (SELECT g, (g * 2654435761) % 4294967296 AS h FROM generate_series($1::bigint, $2::bigint) AS g) s
) x
"""


async def admin(sql: str) -> None:
    conn = await asyncpg.connect(PG + "/postgres")
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def timed(label: str, coro_fn, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        out = await coro_fn()
        times.append(time.perf_counter() - t)
    best, med = min(times), statistics.median(times)
    print(f"  {label:<52} median {med * 1000:8.1f} ms   best {best * 1000:8.1f} ms   ({out})")
    return med


async def main(rows: int, chunk: int) -> None:
    name = f"gh_bench_{secrets.token_hex(4)}"
    await admin(f'CREATE DATABASE "{name}"')
    url = PG.replace("postgresql://", "postgresql+asyncpg://") + "/" + name
    store = Store(url)
    try:
        await store.migrate()
        raw = await asyncpg.connect(f"{PG}/{name}")
        try:
            print(f"database {name}: generating {rows:,} ledger entries")
            t0 = time.perf_counter()
            # Secondary indexes are built once after the load (much faster than row by row).
            await raw.execute("DROP INDEX ix_ledger_entries_ts; DROP INDEX ix_ledger_entries_tenant_ts; "
                              "DROP INDEX ix_ledger_entries_request_id")
            for first in range(1, rows + 1, chunk):
                await raw.execute(INSERT, first, min(rows, first + chunk - 1), rows)
                done = min(rows, first + chunk - 1)
                print(f"  {done:>12,} rows  {time.perf_counter() - t0:6.1f} s", flush=True)
            t_load = time.perf_counter() - t0
            t1 = time.perf_counter()
            await raw.execute("CREATE INDEX ix_ledger_entries_ts ON ledger_entries (ts); "
                              "CREATE INDEX ix_ledger_entries_tenant_ts ON ledger_entries (tenant_id, ts); "
                              "CREATE INDEX ix_ledger_entries_request_id ON ledger_entries (request_id)")
            t_index = time.perf_counter() - t1
            t2 = time.perf_counter()
            n_rollup = await rebuild_rollups(store)
            t_rollup = time.perf_counter() - t2
            await raw.execute("VACUUM ANALYZE ledger_entries")
            await raw.execute("VACUUM ANALYZE ledger_daily")
            size = await raw.fetchval("SELECT pg_size_pretty(pg_total_relation_size('ledger_entries'))")
            print(f"load {t_load:.1f} s ({rows / t_load:,.0f} rows/s), indexes {t_index:.1f} s, "
                  f"rollup {t_rollup:.1f} s -> {n_rollup:,} rollup rows; ledger {size}")

            async def report(period: str, by: str = "territory", interval: str = "month") -> str:
                async with store.engine.connect() as conn:
                    out = await revenue(conn, by=by, period=parse_period(period), interval=interval)
                return f"{len(out)} rows"

            async def raw_month() -> str:
                rs = await raw.fetch("SELECT jurisdiction, sum(amount_micros), sum(input_tokens + output_tokens), count(*) "
                                     "FROM ledger_entries WHERE ts >= '2026-05-01' AND ts < '2026-07-01' "
                                     "GROUP BY jurisdiction")
                return f"{len(rs)} rows"

            print("reports (median of 5):")
            target = await timed("revenue by territory, 2026-06 (monthly report)", lambda: report("2026-06"))
            await timed("revenue by territory, 2025-07..2026-06 by month", lambda: report("2025-07..2026-06"))
            await timed("revenue by territory, 2025-07..2026-06 by quarter",
                        lambda: report("2025-07..2026-06", interval="quarter"))
            await timed("revenue by tenant, 2026-06", lambda: report("2026-06", by="tenant"))
            await timed("raw ledger scan, 2 months by territory (no rollup)", raw_month, repeat=3)
            print(f"RESULT monthly revenue-by-territory report: {target * 1000:.1f} ms "
                  f"({'PASS' if target < 2 else 'FAIL'} < 2 s) over {rows:,} ledger entries")
        finally:
            await raw.close()
    finally:
        await store.aclose()
        await admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        print(f"dropped {name}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--chunk", type=int, default=1_000_000)
    args = ap.parse_args()
    asyncio.run(main(args.rows, args.chunk))
