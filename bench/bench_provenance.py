"""Benchmark: fingerprint registry scan throughput and accuracy.

    .venv/bin/python bench/bench_provenance.py --served 200000 --docs 20000 [--db URL]

Fills a fresh registry with `--served` simulator responses (varied prompts, 100 tenants),
then scans `--docs` documents: edited copies of served responses (each of the edit kinds
in turn) and human-written text, and prints timings, the share traced to the right
tenant, false matches on human text, and a linear extrapolation to 1M served / 100k docs.
Without --db it creates (and drops) a PostgreSQL database on 127.0.0.1, or uses SQLite.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import secrets
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gatehouse.provenance import index  # noqa: E402
from gatehouse.provenance.fingerprint import Fingerprinter  # noqa: E402
from gatehouse.provenance.scan import ScanStats, scan_texts  # noqa: E402
from gatehouse.store.db import Store  # noqa: E402
from tests.provenance import textgen  # noqa: E402

__all__: list[str] = []


async def _pg_database() -> tuple[str, str] | None:
    try:
        import asyncpg

        conn = await asyncpg.connect("postgresql://postgres@127.0.0.1:5432/postgres", timeout=3)
    except Exception:
        return None
    name = f"gh_bench_{secrets.token_hex(4)}"
    await conn.execute(f'CREATE DATABASE "{name}"')
    await conn.close()
    return f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}", name


async def _drop(name: str) -> None:
    import asyncpg

    conn = await asyncpg.connect("postgresql://postgres@127.0.0.1:5432/postgres")
    await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await conn.close()


async def main(args: argparse.Namespace) -> None:
    drop: str | None = None
    url = args.db
    if url is None:
        got = await _pg_database()
        if got is None:
            url = "sqlite+aiosqlite:////tmp/gh_bench_provenance.db"
            Path("/tmp/gh_bench_provenance.db").unlink(missing_ok=True)
        else:
            url, drop = got
    store = Store(url)
    try:
        await store.migrate()
        t0 = time.perf_counter()
        served = textgen.served(args.served, 100, seed=args.seed)
        t1 = time.perf_counter()
        fp = Fingerprinter()
        base = datetime(2026, 1, 1, tzinfo=timezone.utc)
        rows = []
        for i, (tenant, text) in enumerate(served):
            row = index.fingerprint_row(fp, text, request_id=f"req_{i}", tenant_id=tenant, key_id=f"key_{tenant}",
                                        model="gpt-4o", served_at=base + timedelta(seconds=i))
            if row is not None:
                rows.append(row)
        t2 = time.perf_counter()
        for j in range(0, len(rows), 5000):
            await index.insert(store, rows[j : j + 5000])
        t3 = time.perf_counter()
        size = sum(len(r["hashes"]) for r in rows)
        print(f"registry: {len(rows):,} responses, {size / len(rows):.0f} B/fingerprint ({store.dialect}); "
              f"generate {t1 - t0:.1f}s, fingerprint {t2 - t1:.1f}s ({len(rows) / (t2 - t1):,.0f}/s), "
              f"insert {t3 - t2:.1f}s ({len(rows) / (t3 - t2):,.0f}/s)")
        del rows
        rng = random.Random(args.seed + 1)
        human = textgen.human_texts(2000)
        kinds = sorted(textgen.EDITS)
        n_human = min(len(human), args.docs // 10)
        texts, truth = [], []
        for k in range(args.docs - n_human):
            i = rng.randrange(len(served))
            texts.append(textgen.edit(kinds[k % len(kinds)], served[i][1], rng, human))
            truth.append(served[i][0])
        texts += human[:n_human]
        truth += [None] * n_human
        stats = ScanStats()
        t4 = time.perf_counter()
        report = await scan_texts(store, texts, stats=stats)
        t5 = time.perf_counter()
        best = {d["index"]: d["matches"][0]["tenant"] for d in report["documents"]}
        edited = [i for i, t in enumerate(truth) if t is not None]
        right = sum(1 for i in edited if best.get(i) == truth[i])
        false_h = sum(1 for i, t in enumerate(truth) if t is None and i in best)
        total = t5 - t4
        print(f"scan: {len(texts):,} docs vs {stats.responses:,} served in {total:.1f}s "
              f"(fingerprint {stats.fingerprint_s:.1f}s, load {stats.load_s:.1f}s, match {stats.match_s:.1f}s)")
        print(f"accuracy: {right / len(edited):.2%} of {len(edited):,} edited documents traced to the right tenant; "
              f"{false_h} of {n_human} human documents matched")
        per_doc = stats.fingerprint_s / len(texts)
        per_resp = (stats.load_s + stats.match_s) / stats.responses
        est = 100_000 * per_doc + 1_000_000 * per_resp
        print(f"extrapolated: 100,000 docs vs 1,000,000 served ≈ {est:.0f}s "
              f"({100_000 * per_doc:.0f}s fingerprinting + {1_000_000 * per_resp:.0f}s load+match, linear)")
    finally:
        await store.aclose()
        if drop:
            await _drop(drop)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--served", type=int, default=200_000)
    ap.add_argument("--docs", type=int, default=20_000)
    ap.add_argument("--db", default=None)
    ap.add_argument("--seed", type=int, default=11)
    asyncio.run(main(ap.parse_args()))
