"""The registry in the store (SQLite and PostgreSQL), the live sink, and `provenance scan`."""

from __future__ import annotations

import asyncio
import random
from datetime import datetime, timedelta, timezone
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import orjson
import pytest
from click.testing import CliRunner

from gatehouse.cli.main import cli
from gatehouse.config import GatehouseConfig
from gatehouse.pipeline import RequestRecord
from gatehouse.providers.base import Deployment
from gatehouse.provenance import index, sink
from gatehouse.provenance.fingerprint import Fingerprinter
from gatehouse.provenance.index import LoadedIndex
from gatehouse.provenance.tables import provenance_fingerprints
from gatehouse.provenance.match import lookup_in_memory
from gatehouse.provenance.scan import ScanStats, scan_texts
from gatehouse.store import inlist
from gatehouse.store.db import Store
from tests.provenance import textgen

T0 = datetime(2025, 3, 1, tzinfo=timezone.utc)
DEP = Deployment("d1", "gpt-4o", "simulator", "gpt-4o", "local")


def _records(served: list[tuple[str, str]]) -> list[RequestRecord]:
    return [RequestRecord(id=f"req_{i:05d}", ts=T0 + timedelta(hours=i), endpoint="/v1/chat/completions",
                          tenant_id=t, key_id=f"key_{t}", model="gpt-4o", deployment=DEP, response_text=text)
            for i, (t, text) in enumerate(served)]


async def _fill(url: str, served: list[tuple[str, str]], segment: int | None = None) -> Store:
    """A registry of `served`; with `segment`, compacted into segments of that many ids."""
    store = Store(url)
    await store.migrate()
    gw = SimpleNamespace(config=GatehouseConfig.model_validate({"provenance": {"retention_days": 3650}}), store=store)
    s = sink.build(gw)
    assert s is not None
    await s.start()
    for r in _records(served):
        s.submit(r)
    s.submit(RequestRecord(id="failed", ts=T0, endpoint="/v1/chat/completions", status=500, tenant_id="x"))
    await s.aclose()
    if segment is not None:
        await index.compact(store, segment_responses=segment)
    return store


@pytest.mark.parametrize("segment", [None, 40], ids=["tail", "segments"])
def test_sink_scan_report_and_retention(store_url: str, segment: int | None) -> None:
    served = textgen.served(300, 6)
    human = textgen.human_texts(60)
    rng = random.Random(1)

    async def go() -> None:
        store = await _fill(store_url, served, segment)
        try:
            assert await index.count(store) == 300
            docs = [textgen.edit("replace30", served[7][1], rng, human), human[0],
                    textgen.edit("truncate", served[20][1], rng, human), served[21][1]]
            report = await scan_texts(store, docs, skipped_lines=2)
            assert set(report) == {"documents", "tenants", "skipped_lines"} and report["skipped_lines"] == 2
            by_index = {d["index"]: d["matches"] for d in report["documents"]}
            assert set(by_index) == {0, 2, 3}
            m = by_index[0][0]
            assert set(m) == {"tenant", "key", "request_id", "served_at", "similarity"}
            assert (m["tenant"], m["key"], m["request_id"]) == (served[7][0], f"key_{served[7][0]}", "req_00007")
            assert m["served_at"] == "2025-03-01T07:00:00Z" and 0.1 <= m["similarity"] < 1
            assert by_index[3][0]["similarity"] == 1.0
            tenants = {t["tenant"]: t for t in report["tenants"]}
            assert set(tenants) == {served[7][0], served[20][0], served[21][0]}
            t = tenants[served[7][0]]
            assert t["documents"] == 1 and t["share"] == 0.25 and 0 < t["confidence"] <= 1
            assert t["first_served"] == t["last_served"] == "2025-03-01T07:00:00Z"
            # Retention: everything served before T0 + 100h goes, and the segments holding only that.
            fps = Fingerprinter()
            st = await index.stats(store)
            indexed = 280 if segment else 0  # the last 20 ids do not fill a segment yet
            assert (st.responses, st.indexed, st.tail, st.segments) == (300, indexed, 300 - indexed, indexed // 40)
            assert st.postings == sum(len(fps.fingerprint(t)) for _, t in served[:indexed])
            assert await index.prune(store, T0 + timedelta(hours=100), batch=30) == 100
            assert await index.count(store) == 200
            st = await index.stats(store)
            assert (st.responses, st.segments) == (200, 5 if segment else 0)  # [81, 121) is partly kept
            report = await scan_texts(store, [served[7][1], served[90][1], served[150][1]])
            assert [(d["index"], d["matches"][0]["request_id"]) for d in report["documents"]] == [(2, "req_00150")]
        finally:
            await store.aclose()

    asyncio.run(go())


@pytest.mark.parametrize("segment", [None, 25], ids=["tail", "segments"])
def test_scan_since_and_postings_lookup(store_url: str, segment: int | None) -> None:
    """--since narrows the scan to later responses; the lookup returns exactly the postings
    of the asked hashes, capped per hash, from segments and tail alike, read in several
    hash ranges."""
    served = textgen.served(120, 4)

    async def go() -> None:
        store = await _fill(store_url, served, segment)
        try:
            docs = [served[10][1], served[110][1]]
            report = await scan_texts(store, docs)
            assert [d["index"] for d in report["documents"]] == [0, 1]
            report = await scan_texts(store, docs, since=T0 + timedelta(hours=100))
            assert [d["index"] for d in report["documents"]] == [1]
            assert (await scan_texts(store, docs, since=T0 + timedelta(days=3650)))["documents"] == []
            fp = Fingerprinter()
            keys = np.unique(np.concatenate([fp.fingerprint(t) for _, t in served[:3]]))
            lo, total = await index.window(store)
            assert total == 120
            lk = await index.lookup(store, keys, lo=lo, total=total, cap=5, chunk=1000)
            mem = lookup_in_memory(keys, LoadedIndex.from_parts(
                [i + 1 for i in range(120)], [fp.pack(fp.fingerprint(t)) for _, t in served]), cap=5)
            assert np.array_equal(lk.df, mem.df)
            assert sorted(zip(lk.key.tolist(), lk.row.tolist())) == sorted(zip(mem.key.tolist(), mem.row.tolist()))
            assert np.array_equal(await index.frequencies(store, keys, lo=lo, cap=5, chunk=1000), mem.df)
            # From a later id on, only the postings of responses from there.
            lk = await index.lookup(store, keys, lo=37, total=total, cap=1000, chunk=1000)
            whole = lookup_in_memory(keys, LoadedIndex.from_parts(
                [i + 1 for i in range(120)], [fp.pack(fp.fingerprint(t)) for _, t in served]), cap=1000)
            later = whole.row >= 37
            assert sorted(zip(lk.key.tolist(), lk.row.tolist())) == sorted(
                zip(whole.key[later].tolist(), whole.row[later].tolist()))
        finally:
            await store.aclose()

    asyncio.run(go())


def test_blocks_are_read_a_few_buckets_per_statement(store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A segment's blocks are read with at most `IN_LIST` buckets per statement (SQLite caps the
    parameters of one), and responses are described as many at a time: cut into lists of two, the
    lookup finds the same postings and every response asked for is described."""
    served = textgen.served(120, 4)
    cuts: list[int] = []

    def spy(ids: list[int]) -> Iterator[list[int]]:
        for part in inlist.in_lists(ids):
            cuts.append(len(part))
            yield list(part)

    async def go() -> None:
        store = await _fill(store_url, served, 25)
        try:
            fp = Fingerprinter()
            keys = np.unique(np.concatenate([fp.fingerprint(t) for _, t in served[:3]]))
            lo, total = await index.window(store)
            whole = await index.lookup(store, keys, lo=lo, total=total, cap=5, chunk=1000)
            monkeypatch.setattr(inlist, "IN_LIST", 2)
            described = await index.describe(store, list(range(1, 8)))
            assert sorted((i, d.request_id) for i, d in described.items()) == [
                (i, f"req_{i - 1:05d}") for i in range(1, 8)]
            monkeypatch.setattr(index, "in_lists", spy)
            cut = await index.lookup(store, keys, lo=lo, total=total, cap=5, chunk=1000)
            assert np.array_equal(cut.df, whole.df)
            assert sorted(zip(cut.key.tolist(), cut.row.tolist())) == sorted(zip(whole.key.tolist(), whole.row.tolist()))
        finally:
            await store.aclose()

    asyncio.run(go())
    if store_url.startswith("sqlite"):
        assert len(cuts) > 1 and max(cuts) == 2  # PostgreSQL sends the buckets as one array
    else:
        assert cuts == []


def test_a_scan_reads_the_tail_once(store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The lookup and the refinement's frequencies share one snapshot of the registry, so the
    tail (fingerprints no segment holds yet) is read once per scan, refinement or not."""
    served = textgen.served(120, 4)
    reads: list[int] = []
    real = index._tail

    async def counted(store: Store, lo: int, segs: list[index.Segment]) -> LoadedIndex:
        reads.append(lo)
        return await real(store, lo, segs)

    monkeypatch.setattr(index, "_tail", counted)

    async def go() -> None:
        store = await _fill(store_url, served)
        try:
            half, other = served[5][1].split(), served[60][1].split()
            doc = " ".join(half[: len(half) // 2] + other[: len(other) // 2])  # half of each: refined
            stats = ScanStats()
            report = await scan_texts(store, [doc], stats=stats)
            assert stats.extra_hashes > 0 and reads == [1]
            assert {m["request_id"] for m in report["documents"][0]["matches"]} == {"req_00005", "req_00060"}
        finally:
            await store.aclose()

    asyncio.run(go())


def test_live_sink_builds_segments(tmp_path: Path) -> None:
    served = textgen.served(90, 3)

    async def go() -> None:
        store = Store(f"sqlite+aiosqlite:///{tmp_path}/g.db")
        await store.migrate()
        cfg = {"provenance": {"segment_responses": 40, "compact_interval_s": 0.05, "settle_s": 0}}
        s = sink.build(SimpleNamespace(config=GatehouseConfig.model_validate(cfg), store=store))
        assert s is not None
        await s.start()
        try:
            for r in _records(served):
                s.submit(r)
            for _ in range(100):
                await asyncio.sleep(0.05)
                if (await index.stats(store)).segments == 2:
                    break
            st = await index.stats(store)
            assert (st.segments, st.indexed, st.tail) == (2, 80, 10)
        finally:
            await s.aclose()
            await store.aclose()

    asyncio.run(go())


def test_compaction_waits_for_settled_ranges_and_races_safely(store_url: str) -> None:
    served = textgen.served(50, 3)

    async def go() -> None:
        store = await _fill(store_url, served)
        try:
            newest = T0 + timedelta(hours=19)  # when id 20, the last of the first segment, was served
            assert await index.compact(store, segment_responses=20, settle_s=60, now=newest) == []
            built = await index.compact(store, segment_responses=20, settle_s=60, now=newest + timedelta(minutes=1))
            assert [(s.lo, s.hi, s.responses) for s in built] == [(1, 21, 20)]
            # Two compactors at once build each segment once.
            got = await asyncio.gather(*(index.compact(store, segment_responses=20) for _ in range(2)))
            assert sorted((s.lo, s.hi) for g in got for s in g) == [(21, 41)]
            st = await index.stats(store)
            assert (st.segments, st.indexed, st.tail) == (2, 40, 10)
            # A jump in the ids (a restore, a sequence gap) makes no empty segments.
            fp = Fingerprinter()
            rows = [index.fingerprint_row(fp, t, request_id=f"late_{i}", tenant_id=tn, key_id=None, model=None,
                                          served_at=T0) for i, (tn, t) in enumerate(served[:25])]
            async with store.engine.begin() as conn:
                await conn.execute(provenance_fingerprints.insert(), [{**r, "id": 1000 + i} for i, r in enumerate(rows)
                                                                      if r is not None])
            built = await index.compact(store, segment_responses=20)
            assert [(s.lo, s.hi, s.responses) for s in built] == [(41, 61, 10), (1000, 1020, 20)]
        finally:
            await store.aclose()

    asyncio.run(go())


def test_cli_scan_jsonl_and_text_files(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/g.db"
    served = textgen.served(120, 4)
    asyncio.run(_fill(url, served)).engine  # noqa: B018
    cfg = tmp_path / "c.yaml"
    cfg.write_text(f"store: {{url: '{url}'}}\nprovenance: {{scan: {{threshold: 0.1}}}}\n")
    corpus = tmp_path / "leak.jsonl"
    lines = [orjson.dumps({"content": served[5][1].upper()}), b"{not json", orjson.dumps({"other": 1}),
             orjson.dumps(["a list"]), b"", orjson.dumps({"content": textgen.human_texts(1)[0]}),
             orjson.dumps({"content": served[9][1]})]
    corpus.write_bytes(b"\n".join(lines) + b"\n")
    out = tmp_path / "report.json"
    res = CliRunner().invoke(cli, ["provenance", "scan", str(corpus), "--text-field", "content", "--config", str(cfg),
                                   "--out", str(out), "--json"])
    assert res.exit_code == 0, res.output
    report = orjson.loads(out.read_bytes())
    assert orjson.loads(res.output) == report
    assert report["skipped_lines"] == 3
    assert [d["index"] for d in report["documents"]] == [0, 2]
    assert report["documents"][0]["matches"][0]["request_id"] == "req_00005"
    assert {t["tenant"] for t in report["tenants"]} == {served[5][0], served[9][0]}

    d = tmp_path / "docs"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(served[11][1])
    (d / "sub" / "b.md").write_text("# Notes\n\n" + textgen.human_texts(2)[1])
    (d / "c.bin").write_bytes(b"\xff\xfe\x00binary")
    res = CliRunner().invoke(cli, ["provenance", "scan", str(d), "--config", str(cfg)])
    assert res.exit_code == 0, res.output
    assert "1 matched" in res.output and served[11][0] in res.output
    res = CliRunner().invoke(cli, ["provenance", "scan", str(d), "--config", str(cfg), "--json"])
    report = orjson.loads(res.output)
    assert report["skipped_lines"] == 1 and [x["index"] for x in report["documents"]] == [0]

    cfg.write_text(f"store: {{url: '{url}'}}\nprovenance: {{segment_responses: 50}}\n")
    res = CliRunner().invoke(cli, ["provenance", "compact", "--config", str(cfg), "--json"])
    assert res.exit_code == 0, res.output
    assert orjson.loads(res.output) == {"built": 2, "responses": 120, "segments": 2, "indexed": 100,
                                        "postings": sum(len(Fingerprinter().fingerprint(t)) for _, t in served[:100]),
                                        "tail": 20}
    res = CliRunner().invoke(cli, ["provenance", "scan", str(corpus), "--text-field", "content", "--config", str(cfg),
                                   "--json"])
    assert orjson.loads(res.output) == orjson.loads(out.read_bytes())  # the same report from segments
    res = CliRunner().invoke(cli, ["provenance", "compact", "--config", str(cfg)])
    assert res.exit_code == 0 and "built 0 segments; 120 fingerprints, 100 indexed in 2 segments" in res.output

    cfg.write_text(f"store: {{url: '{url}'}}\nprovenance: {{retention_days: 1}}\n")
    res = CliRunner().invoke(cli, ["provenance", "prune", "--config", str(cfg), "--json"])
    assert res.exit_code == 0 and orjson.loads(res.output)["deleted"] == 120


def test_cli_scan_errors(tmp_path: Path) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text(f"store: {{url: 'sqlite+aiosqlite:///{tmp_path}/g.db'}}\nprovenance: {{scan: {{nope: 1}}}}\n")
    (tmp_path / "empty").mkdir()
    res = CliRunner().invoke(cli, ["provenance", "scan", str(tmp_path / "empty"), "--config", str(cfg)])
    assert res.exit_code == 2 and "provenance.scan.nope" in res.output
    cfg.write_text(f"store: {{url: 'sqlite+aiosqlite:///{tmp_path}/g.db'}}\n")
    res = CliRunner().invoke(cli, ["provenance", "scan", str(tmp_path / "empty"), "--config", str(cfg)])
    assert res.exit_code == 2 and "holds no files" in res.output


def test_fingerprint_row_skips_short_texts() -> None:
    assert index.fingerprint_row(Fingerprinter(), "ok", request_id="r", tenant_id="t", key_id=None, model=None,
                                 served_at=T0) is None
