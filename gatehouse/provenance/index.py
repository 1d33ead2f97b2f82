"""The fingerprint registry in the store: append, look up, prune.

Two tables (`gatehouse.provenance.tables`): `provenance_fingerprints`, one row per served
response (tenant, key, request id, model, time, and the packed fingerprint, kept so the
postings can be rebuilt), and `provenance_postings`, the inverted index: one (hash,
response id) row per fingerprint hash, btree-indexed on (hash, fp_id). A scan never reads
the registry whole: it looks up the corpus's distinct hashes (`lookup`, batched
`hash = ANY(array)` with a per-hash LIMIT on PostgreSQL, chunked `IN` on SQLite), which
yields each hash's document frequency (its posting count, capped: a hash with more
postings than the cap is a stop hash and only its count matters), then reads the size
and time of the few candidate responses (`candidates`) and the metadata of the matched
ones (`describe`).

`LoadedIndex` is the same registry held in memory (tests, small tools).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import BigInteger, Integer, bindparam, delete, func, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncConnection

from gatehouse.provenance.fingerprint import Fingerprinter, HashArray
from gatehouse.provenance.tables import provenance_fingerprints as fp_table
from gatehouse.provenance.tables import provenance_postings as post_table
from gatehouse.store.db import Store

__all__ = ["LoadedIndex", "Lookup", "ResponseInfo", "fingerprint_row", "insert", "insert_conn", "window", "lookup",
           "candidates", "frequencies", "describe", "prune", "count", "count_postings"]

I64 = npt.NDArray[np.int64]

_PG_POSTINGS_INSERT = text(
    "INSERT INTO provenance_postings (hash, fp_id) SELECT * FROM unnest(:h, :f)"
).bindparams(bindparam("h", type_=ARRAY(Integer)), bindparam("f", type_=ARRAY(BigInteger)))

# Postings of a batch of hashes, at most :lim per hash, packed as big-endian (int4 hash,
# int8 fp_id) records in one bytea: millions of postings decode in numpy, not row by row.
_PG_LOOKUP = text(
    "SELECT string_agg(int4send(q.h) || int8send(p.fp_id), ''::bytea) FROM unnest(:hs) AS q(h) "
    "CROSS JOIN LATERAL (SELECT fp_id FROM provenance_postings "
    "WHERE hash = q.h AND fp_id >= :lo ORDER BY fp_id LIMIT :lim) AS p"
).bindparams(bindparam("hs", type_=ARRAY(Integer)), bindparam("lo", type_=BigInteger),
             bindparam("lim", type_=Integer))

_PG_CANDIDATES = text(
    "SELECT id, hashes, served_at FROM provenance_fingerprints WHERE id = ANY(:ids)"
).bindparams(bindparam("ids", type_=ARRAY(BigInteger)))

# Posting-list lengths (capped at :lim) of a batch of hashes, packed as big-endian int4s.
_PG_FREQUENCIES = text(
    "SELECT string_agg(int4send(c.n), ''::bytea ORDER BY q.i) FROM unnest(:hs) WITH ORDINALITY AS q(h, i) "
    "CROSS JOIN LATERAL (SELECT count(*)::int4 AS n FROM (SELECT 1 FROM provenance_postings "
    "WHERE hash = q.h AND fp_id >= :lo LIMIT :lim) AS s) AS c"
).bindparams(bindparam("hs", type_=ARRAY(Integer)), bindparam("lo", type_=BigInteger),
             bindparam("lim", type_=Integer))

_PG_DELETE_POSTINGS = text(
    "DELETE FROM provenance_postings WHERE fp_id BETWEEN :lo AND :hi AND fp_id = ANY(:ids)"
).bindparams(bindparam("ids", type_=ARRAY(BigInteger)), bindparam("lo", type_=BigInteger),
             bindparam("hi", type_=BigInteger))

_POSTING = np.dtype([("h", ">i4"), ("f", ">i8")])


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


def _signed(h: HashArray) -> npt.NDArray[np.int32]:
    return np.asarray(h, dtype=np.uint32).view(np.int32)


async def insert_conn(conn: AsyncConnection, rows: list[dict[str, Any]]) -> None:
    """Insert fingerprint rows and their postings inside the caller's transaction: one
    multi-row INSERT ... RETURNING id, then one array INSERT (PostgreSQL) or one
    executemany (SQLite) for all the batch's postings."""
    if not rows:
        return
    res = await conn.execute(fp_table.insert().returning(fp_table.c.id, sort_by_parameter_order=True), rows)
    ids = np.asarray(res.scalars().all(), dtype=np.int64)
    lens = np.fromiter((r["n_hashes"] for r in rows), dtype=np.int64, count=len(rows))
    hashes = np.frombuffer(b"".join(r["hashes"] for r in rows), dtype="<u4").view(np.int32)
    fp_ids = np.repeat(ids, lens)
    if conn.dialect.name == "postgresql":
        await conn.execute(_PG_POSTINGS_INSERT, {"h": hashes.tolist(), "f": fp_ids.tolist()})
    else:
        await conn.exec_driver_sql("INSERT INTO provenance_postings (hash, fp_id) VALUES (?, ?)",
                                   list(zip(hashes.tolist(), fp_ids.tolist(), strict=True)))


async def insert(store: Store, rows: list[dict[str, Any]]) -> None:
    if rows:
        async with store.engine.begin() as conn:
            await insert_conn(conn, rows)


async def window(store: Store, since: datetime | None = None) -> tuple[int, int]:
    """(least response id to consider, how many responses from it): with `since`, the
    least id served at or after it (ids grow with insertion; later rows are filtered on
    their time exactly in `candidates`)."""
    t = fp_table.c
    async with store.engine.connect() as conn:
        if since is None:
            lo = 0
        else:
            found = (await conn.execute(select(func.min(t.id)).where(t.served_at >= since))).scalar_one()
            if found is None:
                return 0, 0
            lo = int(found)
        n = (await conn.execute(select(func.count()).select_from(fp_table).where(t.id >= lo))).scalar_one()
    return lo, int(n)


async def lookup(store: Store, keys: HashArray, *, lo: int, total: int, cap: int, batch: int = 20_000,
                 parallel: int = 2) -> Lookup:
    """The postings of `keys` (sorted, distinct) among responses with id >= `lo`."""
    keys = np.asarray(keys, dtype=np.uint32)
    if len(keys) == 0 or total == 0:
        e = np.empty(0, np.int64)
        return Lookup(keys, np.zeros(len(keys), np.int64), e, e, total, cap)
    hs: list[npt.NDArray[np.uint32]] = []
    fs: list[I64] = []
    if store.is_sqlite:
        async with store.engine.connect() as conn:
            step = 500
            for i in range(0, len(keys), step):
                chunk = _signed(keys[i : i + step]).tolist()
                sql = (f"SELECT hash, fp_id FROM provenance_postings WHERE hash IN ({','.join('?' * len(chunk))}) "
                       "AND fp_id >= ?")
                got = (await conn.exec_driver_sql(sql, (*chunk, lo))).all()
                if got:
                    a = np.asarray(got, dtype=np.int64)
                    hs.append(a[:, 0].astype(np.int32).view(np.uint32))
                    fs.append(a[:, 1])
    else:
        batches = [keys[i : i + batch] for i in range(0, len(keys), batch)]
        queue = list(range(len(batches)))[::-1]
        out: dict[int, bytes] = {}

        async def worker() -> None:
            async with store.engine.connect() as conn:
                while queue:
                    b = queue.pop()
                    params = {"hs": _signed(batches[b]).tolist(), "lo": lo, "lim": cap + 1}
                    out[b] = (await conn.execute(_PG_LOOKUP, params)).scalar_one() or b""

        await asyncio.gather(*(worker() for _ in range(max(1, min(parallel, len(batches))))))
        for b in range(len(batches)):
            rec = np.frombuffer(out.pop(b), dtype=_POSTING)
            hs.append(rec["h"].astype(np.int32).view(np.uint32))
            fs.append(rec["f"].astype(np.int64))
    h = np.concatenate(hs) if hs else np.empty(0, np.uint32)
    f = np.concatenate(fs) if fs else np.empty(0, np.int64)
    k = np.searchsorted(keys, h).astype(np.int64)
    df = np.bincount(k, minlength=len(keys)).astype(np.int64)
    df = np.minimum(df, cap + 1)
    keep = df[k] <= cap
    return Lookup(keys, df, k[keep], f[keep], total, cap)


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


async def frequencies(store: Store, keys: HashArray, *, lo: int, cap: int, batch: int = 20_000,
                      parallel: int = 2) -> I64:
    """Posting-list length of each of `keys` among responses with id >= `lo`, counted up
    to `cap + 1` (an index-only count; the postings themselves are not read)."""
    keys = np.asarray(keys, dtype=np.uint32)
    out = np.zeros(len(keys), dtype=np.int64)
    if len(keys) == 0:
        return out
    if store.is_sqlite:
        async with store.engine.connect() as conn:
            for i in range(0, len(keys), 500):
                chunk = _signed(keys[i : i + 500]).tolist()
                sql = (f"SELECT hash, count(*) FROM provenance_postings WHERE hash IN ({','.join('?' * len(chunk))}) "
                       "AND fp_id >= ? GROUP BY hash")
                got: list[Any] = list((await conn.exec_driver_sql(sql, (*chunk, lo))).all())
                for h, n in got:
                    out[int(np.searchsorted(keys, np.int32(h).view(np.uint32)))] = int(n)
        return np.minimum(out, cap + 1)
    starts = list(range(0, len(keys), batch))[::-1]

    async def worker() -> None:
        async with store.engine.connect() as conn:
            while starts:
                a = starts.pop()
                params = {"hs": _signed(keys[a : a + batch]).tolist(), "lo": lo, "lim": cap + 1}
                got = (await conn.execute(_PG_FREQUENCIES, params)).scalar_one() or b""
                out[a : a + batch] = np.frombuffer(got, dtype=">i4")

    await asyncio.gather(*(worker() for _ in range(max(1, min(parallel, len(starts))))))
    return out


async def describe(store: Store, ids: list[int], *, batch: int = 1000) -> dict[int, ResponseInfo]:
    """Tenant, key, request id, model and time of the given fingerprints."""
    out: dict[int, ResponseInfo] = {}
    t = fp_table.c
    async with store.engine.connect() as conn:
        for i in range(0, len(ids), batch):
            q = select(t.id, t.tenant_id, t.key_id, t.request_id, t.model, t.served_at).where(t.id.in_(ids[i : i + batch]))
            for r in (await conn.execute(q)).all():
                ts = r.served_at if r.served_at.tzinfo else r.served_at.replace(tzinfo=timezone.utc)  # SQLite: naive UTC
                out[int(r.id)] = ResponseInfo(int(r.id), r.tenant_id, r.key_id, r.request_id, r.model, ts)
    return out


async def prune(store: Store, before: datetime, *, batch: int = 20_000) -> int:
    """Delete fingerprints served before `before` and their postings (retention), in
    batches of `batch` responses, one transaction each; returns how many responses."""
    t = fp_table.c
    total = 0
    while True:
        async with store.engine.begin() as conn:
            oldest = select(t.id).where(t.served_at < before).order_by(t.id).limit(batch).scalar_subquery()
            res = await conn.execute(delete(fp_table).where(t.id.in_(oldest)).returning(t.id))
            ids = sorted(int(i) for i in res.scalars().all())
            if not ids:
                return total
            if store.is_sqlite:
                for i in range(0, len(ids), 500):
                    chunk = ids[i : i + 500]
                    await conn.exec_driver_sql(
                        f"DELETE FROM provenance_postings WHERE fp_id IN ({','.join('?' * len(chunk))})", tuple(chunk))
            else:
                await conn.execute(_PG_DELETE_POSTINGS, {"ids": ids, "lo": ids[0], "hi": ids[-1]})
        total += len(ids)
        if len(ids) < batch:
            return total


async def count(store: Store) -> int:
    async with store.engine.connect() as conn:
        return int((await conn.execute(select(func.count()).select_from(fp_table))).scalar_one())


async def count_postings(store: Store) -> int:
    async with store.engine.connect() as conn:
        return int((await conn.execute(select(func.count()).select_from(post_table))).scalar_one())
