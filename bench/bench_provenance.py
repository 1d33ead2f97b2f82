"""Benchmark: fingerprint registry scan throughput and accuracy.

    .venv/bin/python bench/bench_provenance.py --served 200000 --docs 20000 [--db URL]
    .venv/bin/python bench/bench_provenance.py --served 1000000 --docs 100000 --filler 9000000 --workers 2

Fills a fresh registry with `--served` simulator responses (varied prompts, 100 tenants),
and, with `--filler N`, N more simulator responses first (other seeds, built by `--workers`
processes) so that the registry is bigger than what is scanned against; builds the index
(`index.compact`, segments of `--segment` responses) and prints insert and indexing rates
and storage per response (every provenance table with its indexes). Then it scans `--docs`
documents: edited copies of served responses (each of the edit kinds in turn) and
human-written text, and prints scan timings, the share traced to the right tenant and false
matches on human text. Without --db it creates (and drops, unless --keep) a PostgreSQL
database on 127.0.0.1, or uses SQLite. `--db URL --skip-fill` scans a registry kept
(`--keep`) from an earlier run with the same --served/--seed (adding `--filler` more first).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import random
import secrets
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gatehouse.provenance import index  # noqa: E402
from gatehouse.provenance.config import ScanConfig  # noqa: E402
from gatehouse.provenance.fingerprint import Fingerprinter  # noqa: E402
from gatehouse.provenance.scan import ScanStats, scan_texts  # noqa: E402
from gatehouse.store.db import Store  # noqa: E402
from tests.provenance import textgen  # noqa: E402

__all__: list[str] = []


async def _pg_database() -> tuple[str, str] | None:
    try:
        import asyncpg  # type: ignore[import-untyped]

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
        await fill(store, served, args, t0, t1)
        await scan(store, served, args)
    finally:
        await store.aclose()
        if drop and not args.keep:
            await _drop(drop)
        elif drop:
            print(f"kept {url}")


_BASE = datetime(2026, 1, 1, tzinfo=timezone.utc)


def _rows(served: list[tuple[str, str]], first: int, prefix: str) -> list[dict[str, Any]]:
    fp = Fingerprinter()
    rows = []
    for i, (tenant, text) in enumerate(served, start=first):
        row = index.fingerprint_row(fp, text, request_id=f"{prefix}{i}", tenant_id=tenant, key_id=f"key_{tenant}",
                                    model="gpt-4o", served_at=_BASE + timedelta(seconds=i))
        if row is not None:
            rows.append(row)
    return rows


def _filler_chunk(job: tuple[int, int, int]) -> list[dict[str, Any]]:
    """Fingerprint rows of `n` filler responses (seed `seed`), numbered from `first`."""
    seed, first, n = job
    return _rows(textgen.served(n, 100, seed=seed), first, "fill_")


async def _insert(store: Store, rows: list[dict[str, Any]]) -> None:
    for j in range(0, len(rows), 5000):
        await index.insert(store, rows[j : j + 5000])


async def fill(store: Store, served: list[tuple[str, str]], args: argparse.Namespace, t0: float, t1: float) -> None:
    n_fill = 0
    if args.filler:
        tf = time.perf_counter()
        step = 20_000
        jobs = [(10_000 + k, -args.filler + a, min(step, args.filler - a))
                for k, a in enumerate(range(0, args.filler, step))]
        with multiprocessing.get_context("fork").Pool(args.workers) as pool:
            for rows in pool.imap(_filler_chunk, jobs):
                await _insert(store, rows)
                n_fill += len(rows)
                if n_fill % 500_000 < len(rows):
                    el = time.perf_counter() - tf
                    print(f"  filler: {n_fill:,} of {args.filler:,} in {el:.0f}s", flush=True)
        print(f"filler: {n_fill:,} responses generated, fingerprinted and inserted in {time.perf_counter() - tf:.0f}s "
              f"({args.workers} workers)")
    if not args.skip_fill:
        rows = _rows(served, 0, "req_")
        t2 = time.perf_counter()
        await _insert(store, rows)
        t3 = time.perf_counter()
        n_post = sum(r["n_hashes"] for r in rows)
        print(f"registry: {len(rows):,} scanned-against responses, {n_post / len(rows):.0f} hashes each "
              f"({store.dialect}); generate {t1 - t0:.1f}s, fingerprint {t2 - t1:.1f}s ({len(rows) / (t2 - t1):,.0f}/s), "
              f"insert {t3 - t2:.1f}s ({len(rows) / (t3 - t2):,.0f}/s)")
        del rows
    total = await index.count(store)
    t4 = time.perf_counter()
    segs = await index.compact(store, segment_responses=args.segment, settle_s=0)
    t5 = time.perf_counter()
    st = await index.stats(store)
    rate = f" ({sum(x.responses for x in segs) / (t5 - t4):,.0f} responses/s)" if segs else ""
    print(f"index: {len(segs)} segments built in {t5 - t4:.1f}s{rate}, "
          f"{st.postings:,} postings, {st.tail:,} responses in the tail")
    if store.dialect == "postgresql":
        t_v = time.perf_counter()
        async with store.engine.connect() as conn:  # what autovacuum does for an insert-only table
            c = await conn.execution_options(isolation_level="AUTOCOMMIT")
            sizes = {}
            for tbl in ("provenance_fingerprints", "provenance_segments", "provenance_blocks"):
                await c.exec_driver_sql(f"VACUUM ANALYZE {tbl}")
                got: Any = (await c.exec_driver_sql(
                    f"SELECT pg_table_size('{tbl}'), pg_indexes_size('{tbl}')")).one()
                sizes[tbl] = (int(got[0]), int(got[1]))
        tot = sum(a + b for a, b in sizes.values())
        print("storage: " + ", ".join(f"{k} {a / 2**20:,.0f} MiB + indexes {b / 2**20:,.0f} MiB"
                                      for k, (a, b) in sizes.items())
              + f"; {tot / total:,.0f} B/response, {tot / 2**30:,.2f} GiB for {total:,} "
              f"(vacuum {time.perf_counter() - t_v:.1f}s)")


async def scan(store: Store, served: list[tuple[str, str]], args: argparse.Namespace) -> None:
    rng = random.Random(args.seed + 1)
    human = textgen.human_texts(2000)
    kinds = sorted(textgen.EDITS)
    n_human = min(len(human), args.docs // 10)
    texts: list[str] = []
    truth: list[str | None] = []
    for k in range(args.docs - n_human):
        i = rng.randrange(len(served))
        texts.append(textgen.edit(kinds[k % len(kinds)], served[i][1], rng, human))
        truth.append(served[i][0])
    texts += human[:n_human]
    truth += [None] * n_human
    stats = ScanStats()
    t4 = time.perf_counter()
    cfg = ScanConfig(max_postings=args.max_postings) if args.max_postings else ScanConfig()
    report = await scan_texts(store, texts, stats=stats, cfg=cfg)
    t5 = time.perf_counter()
    best = {d["index"]: d["matches"][0]["tenant"] for d in report["documents"]}
    edited = [i for i, t in enumerate(truth) if t is not None]
    right = sum(1 for i in edited if best.get(i) == truth[i])
    false_h = sum(1 for i, t in enumerate(truth) if t is None and i in best)
    total = t5 - t4
    print(f"scan: {len(texts):,} docs vs {stats.responses:,} served in {total:.1f}s "
          f"(fingerprint {stats.fingerprint_s:.1f}s, lookup {stats.load_s:.1f}s, match {stats.match_s:.1f}s: "
          f"join {stats.join_s:.1f}s, candidates {stats.candidates_s:.1f}s, refine {stats.refine_s:.1f}s); "
          f"{stats.hashes:,} distinct hashes, {stats.stop_hashes:,} stop hashes, {stats.postings:,} postings, "
          f"{stats.candidates:,} candidate pairs ({stats.kept:,} kept), {stats.refined:,} responses refined with "
          f"{stats.extra_hashes:,} more hashes")
    print(f"accuracy: {right / len(edited):.2%} of {len(edited):,} edited documents traced to the right tenant; "
          f"{false_h} of {n_human} human documents matched")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--served", type=int, default=200_000)
    ap.add_argument("--docs", type=int, default=20_000)
    ap.add_argument("--db", default=None)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--filler", type=int, default=0, help="more responses in the registry, not scanned against")
    ap.add_argument("--workers", type=int, default=1, help="processes generating the filler")
    ap.add_argument("--segment", type=int, default=100_000, help="provenance.segment_responses")
    ap.add_argument("--keep", action="store_true", help="keep the database the benchmark created")
    ap.add_argument("--max-postings", type=int, default=None, help="provenance.scan.max_postings (stop-hash cap)")
    ap.add_argument("--skip-fill", action="store_true", help="the --served responses are already in --db")
    asyncio.run(main(ap.parse_args()))
