"""The fingerprint registry in the store: append, compact, look up, prune.

The live path writes one row per served response to `provenance_fingerprints` (tenant,
key, request id, model, time and the packed fingerprint) and nothing else. The inverted
index is built from those rows by `compact`, a run of `segment_responses` consecutive
fingerprint ids at a time: a segment's postings (hash, response id) are sorted, split by
the top `bits` bits of the hash into blocks of about a hundred postings, and each block is
one row of `provenance_blocks` holding packed (uint32 hash, uint32 id offset) records, 8
bytes a posting (a row per posting costs about 40 bytes in PostgreSQL before its index).
Fingerprints not yet in a segment (the tail) are read directly and matched in memory.

A scan never reads the registry whole: it looks up the corpus's distinct hashes
(`lookup`), reading only the blocks of their buckets, segment by segment, in hash ranges
sized to bound memory. That yields each hash's document frequency (its posting count,
capped: a hash with more postings than the cap is a stop hash and only its count matters).
Then it reads the size and time of the few candidate responses (`candidates`) and the
metadata of the matched ones (`describe`).

A segment is built only once its newest fingerprint was served `settle_s` ago, so that
every row of its id range is committed (several writers may be inserting at once); two
compactors racing for one segment are stopped by its primary key.

`LoadedIndex` is the same registry held in memory (tests, small tools, the tail).
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import BigInteger, Integer, LargeBinary, bindparam, delete, func, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from gatehouse.provenance.fingerprint import Fingerprinter, HashArray
from gatehouse.provenance.tables import provenance_blocks as block_table
from gatehouse.provenance.tables import provenance_fingerprints as fp_table
from gatehouse.provenance.tables import provenance_segments as seg_table
from gatehouse.store.db import Store
from gatehouse.store.inlist import among, in_lists

__all__ = ["LoadedIndex", "Lookup", "ResponseInfo", "Segment", "Snapshot", "IndexStats", "fingerprint_row", "insert",
           "insert_conn", "compact", "window", "snapshot", "lookup", "candidates", "frequencies", "describe", "prune",
           "count", "stats"]

I64 = npt.NDArray[np.int64]

BLOCK_POSTINGS = 128  # a segment's bucket count is chosen for blocks of about this many postings
CHUNK_POSTINGS = 8_000_000  # default postings read per hash range in a lookup (bounds its memory)
_BLOCK = np.dtype([("h", "<u4"), ("o", "<u4")])

_PG_BLOCKS_INSERT = text(
    "INSERT INTO provenance_blocks (seg, bucket, data) SELECT :seg, b, d FROM unnest(:b, :d) AS u(b, d)"
).bindparams(bindparam("seg", type_=BigInteger), bindparam("b", type_=ARRAY(Integer)),
             bindparam("d", type_=ARRAY(LargeBinary)))

# The blocks of some buckets of one segment, concatenated (records decode in numpy at once).
_PG_BLOCKS = text(
    "SELECT string_agg(data, ''::bytea) FROM provenance_blocks WHERE seg = :seg AND bucket = ANY(:b)"
).bindparams(bindparam("seg", type_=BigInteger), bindparam("b", type_=ARRAY(Integer)))
_PG_SEGMENT = text("SELECT string_agg(data, ''::bytea) FROM provenance_blocks WHERE seg = :seg"
                   ).bindparams(bindparam("seg", type_=BigInteger))

_PG_CANDIDATES = text(
    "SELECT id, hashes, served_at FROM provenance_fingerprints WHERE id = ANY(:ids)"
).bindparams(bindparam("ids", type_=ARRAY(BigInteger)))


@dataclass(slots=True)
class LoadedIndex:
    """Fingerprints in a flat array: row i's hashes are `hashes[offsets[i]:offsets[i+1]]`."""

    ids: npt.NDArray[np.int64]
    offsets: npt.NDArray[np.int64]
    hashes: HashArray

    @property
    def size(self) -> int:
        return len(self.ids)

    @classmethod
    def from_parts(cls, ids: list[int], blobs: list[bytes]) -> LoadedIndex:
        lens = np.fromiter((len(b) // 4 for b in blobs), dtype=np.int64, count=len(blobs))
        offsets = np.zeros(len(blobs) + 1, dtype=np.int64)
        np.cumsum(lens, out=offsets[1:])
        flat = np.frombuffer(b"".join(blobs), dtype="<u4").astype(np.uint32) if blobs else np.empty(0, np.uint32)
        return cls(np.asarray(ids, dtype=np.int64), offsets, flat)

    @classmethod
    def concat(cls, parts: list[LoadedIndex]) -> LoadedIndex:
        if not parts:
            return cls(np.empty(0, np.int64), np.zeros(1, np.int64), np.empty(0, np.uint32))
        offs = [parts[0].offsets]
        base = parts[0].offsets[-1]
        for p in parts[1:]:
            offs.append(p.offsets[1:] + base)
            base += p.offsets[-1]
        return cls(np.concatenate([p.ids for p in parts]), np.concatenate(offs),
                   np.concatenate([p.hashes for p in parts]))

    def postings(self, keys: HashArray) -> tuple[I64, I64]:
        """Every hash of these fingerprints that is one of `keys` (sorted): (its index in
        `keys`, the response id), in storage order."""
        pos = np.flatnonzero(np.isin(self.hashes, keys))
        key = np.searchsorted(keys, self.hashes[pos]).astype(np.int64)
        return key, self.ids[np.searchsorted(self.offsets, pos, side="right") - 1].astype(np.int64)


@dataclass(slots=True)
class Lookup:
    """The postings of a corpus's distinct hashes `keys` (sorted uint32).

    `df[k]` is how many responses hold `keys[k]`, counted up to `cap + 1` (more means a stop
    hash); `key`/`row` are the postings of the hashes with `df <= cap` (key index, response
    id); `total` is how many responses the lookup covered (N of the weights)."""

    keys: HashArray
    df: I64
    key: I64
    row: I64
    total: int
    cap: int


@dataclass(frozen=True, slots=True)
class Segment:
    """The fingerprints with ids in [lo, hi), indexed in 2**bits blocks."""

    lo: int
    hi: int
    bits: int
    responses: int
    postings: int


@dataclass(frozen=True, slots=True)
class IndexStats:
    responses: int  # fingerprints stored
    segments: int
    indexed: int  # ... of which in a segment
    postings: int  # postings in segments
    tail: int  # fingerprints not yet in a segment


@dataclass(frozen=True, slots=True)
class ResponseInfo:
    id: int
    tenant: str
    key: str | None
    request_id: str
    model: str | None
    served_at: datetime


def fingerprint_row(fp: Fingerprinter, text: str, *, request_id: str, tenant_id: str, key_id: str | None,
                    model: str | None, served_at: datetime) -> dict[str, Any] | None:
    """The row to store for one served response, or None when the text is too short to fingerprint."""
    hashes = fp.fingerprint(text)
    if len(hashes) == 0:
        return None
    return {"request_id": request_id[:64], "tenant_id": tenant_id[:40], "key_id": key_id[:40] if key_id else None,
            "model": model[:200] if model else None, "served_at": served_at, "n_hashes": int(len(hashes)),
            "hashes": Fingerprinter.pack(hashes)}


async def insert_conn(conn: AsyncConnection, rows: list[dict[str, Any]]) -> None:
    """Insert fingerprint rows inside the caller's transaction (the index is built later, by `compact`)."""
    if rows:
        await conn.execute(fp_table.insert(), rows)


async def insert(store: Store, rows: list[dict[str, Any]]) -> None:
    if rows:
        async with store.engine.begin() as conn:
            await insert_conn(conn, rows)


# -- compaction ---------------------------------------------------------------------------

def _bits_for(postings: int) -> int:
    return min(24, max(0, math.ceil(math.log2(max(1, postings) / BLOCK_POSTINGS))))


def build_blocks(ids: I64, blobs: list[bytes], lo: int) -> tuple[int, list[int], list[bytes]]:
    """A segment's blocks from its fingerprints: (bits, buckets, packed blocks)."""
    lens = np.fromiter((len(b) // 4 for b in blobs), dtype=np.int64, count=len(blobs))
    h = np.frombuffer(b"".join(blobs), dtype="<u4") if blobs else np.empty(0, np.uint32)
    off = np.repeat(np.asarray(ids, np.int64) - lo, lens).astype(np.uint32)
    bits = _bits_for(len(h))
    packed = (h.astype(np.uint64) << np.uint64(32)) | off  # one sort by (hash, id)
    packed.sort()
    rec = np.empty(len(h), dtype=_BLOCK)
    rec["h"], rec["o"] = packed >> np.uint64(32), packed & np.uint64(0xFFFFFFFF)
    bucket = (rec["h"].astype(np.uint64) >> np.uint64(32 - bits)).astype(np.int64)
    starts = np.flatnonzero(np.r_[True, bucket[1:] != bucket[:-1]]) if len(bucket) else np.empty(0, np.int64)
    ends = np.r_[starts[1:], len(bucket)]
    buf = rec.tobytes()
    size = _BLOCK.itemsize
    return bits, bucket[starts].tolist(), [buf[a * size : b * size] for a, b in zip(starts.tolist(), ends.tolist())]


async def _segments(conn: AsyncConnection, lo: int = 0) -> list[Segment]:
    t = seg_table.c
    rows = (await conn.execute(select(t.lo, t.hi, t.bits, t.responses, t.postings).where(t.hi > lo)
                               .order_by(t.lo))).all()
    return [Segment(int(r[0]), int(r[1]), int(r[2]), int(r[3]), int(r[4])) for r in rows]


async def _next_range(conn: AsyncConnection, size: int, settled: datetime) -> tuple[int, int] | None:
    """The id range of the next segment, when it is complete and settled."""
    t = fp_table.c
    start = (await conn.execute(select(func.max(seg_table.c.hi)))).scalar_one()
    if start is None:
        start = (await conn.execute(select(func.min(t.id)))).scalar_one()
        if start is None:
            return None
    start = int(start)
    first = (await conn.execute(select(func.min(t.id)).where(t.id >= start))).scalar_one()
    if first is None:
        return None
    if first - start >= size:  # a gap in the ids (a restore, a sequence jump): no empty segments
        start = int(first)
    hi = start + size
    if (await conn.execute(select(func.min(t.id)).where(t.id >= hi - 1))).scalar_one() is None:
        return None  # the range's last id is not taken yet: it may still fill
    newest = (await conn.execute(select(func.max(t.served_at)).where(t.id >= start, t.id < hi))).scalar_one()
    if newest is not None:
        newest = newest if newest.tzinfo else newest.replace(tzinfo=timezone.utc)
        if newest > settled:
            return None
    return start, hi


async def compact(store: Store, *, segment_responses: int = 100_000, settle_s: float = 300.0,
                  now: datetime | None = None, limit: int | None = None) -> list[Segment]:
    """Index every complete, settled run of `segment_responses` fingerprint ids as a
    segment (at most `limit` of them); returns the segments built."""
    settled = (now or datetime.now(timezone.utc)) - timedelta(seconds=settle_s)
    built: list[Segment] = []
    t = fp_table.c
    while limit is None or len(built) < limit:
        async with store.engine.connect() as conn:
            rng = await _next_range(conn, segment_responses, settled)
            if rng is None:
                return built
            lo, hi = rng
            rows = (await conn.execute(select(t.id, t.hashes).where(t.id >= lo, t.id < hi))).all()
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        blobs = [bytes(r[1]) for r in rows]
        del rows
        bits, buckets, blocks = await asyncio.to_thread(build_blocks, ids, blobs, lo)
        seg = Segment(lo, hi, bits, len(ids), sum(len(b) for b in blocks) // _BLOCK.itemsize)
        try:
            async with store.engine.begin() as conn:
                await conn.execute(seg_table.insert().values(
                    lo=lo, hi=hi, bits=bits, responses=seg.responses, postings=seg.postings,
                    created_at=datetime.now(timezone.utc)))
                if store.is_sqlite:
                    await conn.exec_driver_sql("INSERT INTO provenance_blocks (seg, bucket, data) VALUES (?, ?, ?)",
                                               [(lo, b, d) for b, d in zip(buckets, blocks)])
                else:
                    step = 50_000
                    for i in range(0, len(buckets), step):
                        await conn.execute(_PG_BLOCKS_INSERT, {"seg": lo, "b": buckets[i : i + step],
                                                               "d": blocks[i : i + step]})
        except IntegrityError:
            return built  # another compactor built this segment
        built.append(seg)
    return built


# -- reading ------------------------------------------------------------------------------

async def window(store: Store, since: datetime | None = None) -> tuple[int, int]:
    """(least response id to consider, how many responses from it): with `since`, the
    least id served at or after it (ids grow with insertion; later rows are filtered on
    their time exactly in `candidates`)."""
    t = fp_table.c
    async with store.engine.connect() as conn:
        if since is None:
            lo = int((await conn.execute(select(func.coalesce(func.min(t.id), 0)))).scalar_one())
        else:
            found = (await conn.execute(select(func.min(t.id)).where(t.served_at >= since))).scalar_one()
            if found is None:
                return 0, 0
            lo = int(found)
        n = (await conn.execute(select(func.count()).select_from(fp_table).where(t.id >= lo))).scalar_one()
    return lo, int(n)


async def _tail(store: Store, lo: int, segs: list[Segment]) -> LoadedIndex:
    """The fingerprints with ids >= lo that no segment holds, in memory."""
    start = max([lo, *(s.hi for s in segs)])
    t = fp_table.c
    async with store.engine.connect() as conn:
        rows = (await conn.execute(select(t.id, t.hashes).where(t.id >= start).order_by(t.id))).all()
    return LoadedIndex.from_parts([int(r[0]) for r in rows], [bytes(r[1]) for r in rows])


@dataclass(frozen=True)
class Snapshot:
    """The registry from id `lo` on as one scan reads it: its segments and, in memory, the tail no
    segment holds. A scan's lookups share it, so the tail (up to a segment's worth of
    fingerprints) is read once, and a compaction between them cannot make one lookup count a
    response in the tail and the next in a segment."""

    lo: int
    segments: list[Segment]
    tail: LoadedIndex


async def snapshot(store: Store, lo: int) -> Snapshot:
    async with store.engine.connect() as conn:
        segs = await _segments(conn, lo)
    return Snapshot(lo, segs, await _tail(store, lo, segs))


async def _read_blocks(conn: AsyncConnection, is_sqlite: bool, seg: Segment, buckets: npt.NDArray[np.int64]) -> bytes:
    every = len(buckets) >= (1 << seg.bits)
    if is_sqlite:
        if every:
            got = (await conn.exec_driver_sql("SELECT data FROM provenance_blocks WHERE seg = ?", (seg.lo,))).all()
            return b"".join(bytes(r[0]) for r in got)
        parts: list[bytes] = []
        for chunk in in_lists(buckets.tolist()):
            sql = f"SELECT data FROM provenance_blocks WHERE seg = ? AND bucket IN ({','.join('?' * len(chunk))})"
            parts += [bytes(r[0]) for r in (await conn.exec_driver_sql(sql, (seg.lo, *chunk))).all()]
        return b"".join(parts)
    if every:
        got = (await conn.execute(_PG_SEGMENT, {"seg": seg.lo})).scalar_one()
    else:
        got = (await conn.execute(_PG_BLOCKS, {"seg": seg.lo, "b": buckets.tolist()})).scalar_one()
    return bytes(got) if got else b""


def _match(keys: HashArray, h: HashArray) -> tuple[I64, npt.NDArray[np.bool_]]:
    """Index into `keys` (sorted) of each of `h`, and which of `h` are keys."""
    if len(keys) == 0:
        return np.zeros(len(h), np.int64), np.zeros(len(h), np.bool_)
    pos = np.minimum(np.searchsorted(keys, h), len(keys) - 1).astype(np.int64)
    return pos, keys[pos] == h


async def _postings(store: Store, keys: HashArray, lo: int, snap: Snapshot | None, *, chunk: int,
                    parallel: int) -> AsyncIterator[tuple[int, int, I64, I64]]:
    """The postings of `keys` (sorted, distinct) among responses with id >= lo, as
    (a, b, key index, response id) for successive key ranges keys[a:b]: every posting of
    a key comes in its range's chunk, and a chunk holds about `chunk` postings read.
    `snap`: the registry as already read from `lo` (`snapshot`), else read now."""
    snap = snap or await snapshot(store, lo)
    assert snap.lo == lo, "a snapshot from another id"
    segs = snap.segments
    t_key, t_row = snap.tail.postings(keys)
    # Postings read per key: one block in every segment (a corpus touching most buckets reads everything).
    per_key = sum(s.postings / (1 << s.bits) for s in segs)
    expected = min(sum(s.postings for s in segs), len(keys) * per_key) + len(t_key)
    n_chunks = 1 << max(0, math.ceil(math.log2(max(1.0, expected / chunk))))
    edges = np.searchsorted(keys, (np.arange(n_chunks + 1, dtype=np.uint64) << np.uint64(32)) // np.uint64(n_chunks))
    t_order = np.argsort(t_key, kind="stable")
    t_key, t_row = t_key[t_order], t_row[t_order]
    conns = [await store.engine.connect() for _ in range(1 if store.is_sqlite else max(1, parallel))]
    try:
        for c in range(n_chunks):
            a, b = int(edges[c]), int(edges[c + 1])
            if a == b:
                continue
            kc = keys[a:b]
            jobs = [(s, np.unique((kc.astype(np.uint64) >> np.uint64(32 - s.bits)).astype(np.int64))) for s in segs]
            datas: list[bytes] = [b""] * len(jobs)
            queue = list(range(len(jobs)))[::-1]

            async def worker(conn: AsyncConnection) -> None:
                while queue:
                    j = queue.pop()
                    datas[j] = await _read_blocks(conn, store.is_sqlite, *jobs[j])

            await asyncio.gather(*(worker(cn) for cn in conns))
            ks: list[I64] = []
            rs: list[I64] = []
            for (s, _), data in zip(jobs, datas):
                rec = np.frombuffer(data, dtype=_BLOCK)
                pos, hit = _match(kc, rec["h"])
                row = rec["o"][hit].astype(np.int64) + s.lo
                k = pos[hit] + a
                if lo > s.lo:
                    keep = row >= lo
                    row, k = row[keep], k[keep]
                ks.append(k)
                rs.append(row)
            ta, tb = np.searchsorted(t_key, [a, b])
            ks.append(t_key[ta:tb])
            rs.append(t_row[ta:tb])
            yield a, b, np.concatenate(ks), np.concatenate(rs)
    finally:
        for cn in conns:
            await cn.close()


async def lookup(store: Store, keys: HashArray, *, lo: int, total: int, cap: int, chunk: int = CHUNK_POSTINGS,
                 parallel: int = 2, snap: Snapshot | None = None) -> Lookup:
    """The postings of `keys` (sorted, distinct) among responses with id >= `lo`, those
    of hashes held by more than `cap` responses left out; about `chunk` postings are read
    into memory at a time, on `parallel` connections. `snap`: the registry as already read
    from `lo` (`snapshot`), else read now."""
    keys = np.asarray(keys, dtype=np.uint32)
    df = np.zeros(len(keys), np.int64)
    if len(keys) == 0 or total == 0:
        e = np.empty(0, np.int64)
        return Lookup(keys, df, e, e, total, cap)
    ks: list[I64] = []
    rs: list[I64] = []
    async for a, b, k, row in _postings(store, keys, lo, snap, chunk=chunk, parallel=parallel):
        df[a:b] = np.bincount(k - a, minlength=b - a)
        keep = df[k] <= cap
        ks.append(k[keep])
        rs.append(row[keep])
    key = np.concatenate(ks) if ks else np.empty(0, np.int64)
    row = np.concatenate(rs) if rs else np.empty(0, np.int64)
    return Lookup(keys, np.minimum(df, cap + 1), key, row, total, cap)


async def frequencies(store: Store, keys: HashArray, *, lo: int, cap: int, chunk: int = CHUNK_POSTINGS,
                      parallel: int = 2, snap: Snapshot | None = None) -> I64:
    """Posting-list length of each of `keys` among responses with id >= `lo`, counted up
    to `cap + 1` (`snap` as for `lookup`)."""
    keys = np.asarray(keys, dtype=np.uint32)
    out = np.zeros(len(keys), dtype=np.int64)
    if len(keys) == 0:
        return out
    async for a, b, k, _ in _postings(store, keys, lo, snap, chunk=chunk, parallel=parallel):
        out[a:b] = np.bincount(k - a, minlength=b - a)
    return np.minimum(out, cap + 1)


async def candidates(store: Store, ids: list[int], *, batch: int = 10_000) -> dict[int, tuple[HashArray, datetime]]:
    """Fingerprint and serving time of the given responses (those still stored)."""
    out: dict[int, tuple[HashArray, datetime]] = {}
    t = fp_table.c
    async with store.engine.connect() as conn:
        for i in range(0, len(ids), batch):
            chunk = ids[i : i + batch]
            if store.is_sqlite:
                rows = (await conn.execute(select(t.id, t.hashes, t.served_at).where(t.id.in_(chunk)))).all()
            else:
                rows = (await conn.execute(_PG_CANDIDATES, {"ids": chunk})).all()
            for r in rows:
                ts = r[2] if r[2].tzinfo else r[2].replace(tzinfo=timezone.utc)
                out[int(r[0])] = (np.frombuffer(bytes(r[1]), dtype="<u4").astype(np.uint32), ts)
    return out


async def describe(store: Store, ids: list[int]) -> dict[int, ResponseInfo]:
    """Tenant, key, request id, model and time of the given fingerprints."""
    out: dict[int, ResponseInfo] = {}
    t = fp_table.c
    async with store.engine.connect() as conn:
        for part in in_lists(ids):
            q = select(t.id, t.tenant_id, t.key_id, t.request_id, t.model, t.served_at).where(among(t.id, part))
            for r in (await conn.execute(q)).all():
                ts = r.served_at if r.served_at.tzinfo else r.served_at.replace(tzinfo=timezone.utc)  # SQLite: naive UTC
                out[int(r.id)] = ResponseInfo(int(r.id), r.tenant_id, r.key_id, r.request_id, r.model, ts)
    return out


async def prune(store: Store, before: datetime, *, batch: int = 20_000) -> int:
    """Delete fingerprints served before `before` (retention), in batches of `batch`
    responses, one transaction each, then the segments that hold none of the rest (a
    segment partly pruned keeps its blocks; lookups skip postings below the least id kept);
    returns how many responses."""
    t = fp_table.c
    total = 0
    while True:
        async with store.engine.begin() as conn:
            oldest = select(t.id).where(t.served_at < before).order_by(t.id).limit(batch).scalar_subquery()
            res = await conn.execute(delete(fp_table).where(t.id.in_(oldest)).returning(t.id))
            n = len(res.scalars().all())
        total += n
        if n < batch:
            break
    async with store.engine.begin() as conn:
        least = (await conn.execute(select(func.min(t.id)))).scalar_one()
        gone = seg_table.c.hi <= least if least is not None else seg_table.c.lo.is_not(None)
        for seg in (await conn.execute(select(seg_table.c.lo).where(gone))).scalars().all():
            await conn.execute(delete(block_table).where(block_table.c.seg == seg))
            await conn.execute(delete(seg_table).where(seg_table.c.lo == seg))
    return total


async def count(store: Store) -> int:
    async with store.engine.connect() as conn:
        return int((await conn.execute(select(func.count()).select_from(fp_table))).scalar_one())


async def stats(store: Store) -> IndexStats:
    t = fp_table.c
    async with store.engine.connect() as conn:
        segs = await _segments(conn)
        responses = int((await conn.execute(select(func.count()).select_from(fp_table))).scalar_one())
        start = segs[-1].hi if segs else 0
        tail = int((await conn.execute(select(func.count()).select_from(fp_table).where(t.id >= start))).scalar_one())
    return IndexStats(responses, len(segs), responses - tail, sum(s.postings for s in segs), tail)
