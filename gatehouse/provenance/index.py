"""The fingerprint registry in the store: append, prune, and load for a scan.

The registry is one row per served response with its fingerprint packed as bytes
(4 bytes per hash, about 90 hashes for a 200-word answer), so 10 million responses take
a few GB. A scan is a batch join: it reads the fingerprints once, sequentially, in
chunks (`load`), into flat numpy arrays, and joins them with the corpus in memory
(`gatehouse.provenance.match`). Metadata of the few matched responses is fetched by id
afterwards (`describe`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import delete, func, select

from gatehouse.provenance.fingerprint import Fingerprinter, HashArray
from gatehouse.provenance.tables import provenance_fingerprints as fp_table
from gatehouse.store.db import Store

__all__ = ["LoadedIndex", "ResponseInfo", "fingerprint_row", "insert", "load", "describe", "prune", "count"]


@dataclass(slots=True)
class LoadedIndex:
    """Every fingerprint in a flat array: row i's hashes are `hashes[offsets[i]:offsets[i+1]]`."""

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


async def insert(store: Store, rows: list[dict[str, Any]]) -> None:
    if rows:
        async with store.engine.begin() as conn:
            await conn.execute(fp_table.insert(), rows)


async def load(store: Store, *, since: datetime | None = None, until: datetime | None = None,
               chunk_rows: int = 50_000) -> LoadedIndex:
    """Read every fingerprint (optionally only those served in [since, until)) in chunks."""
    q = select(fp_table.c.id, fp_table.c.hashes).order_by(fp_table.c.id)
    if since is not None:
        q = q.where(fp_table.c.served_at >= since)
    if until is not None:
        q = q.where(fp_table.c.served_at < until)
    parts: list[LoadedIndex] = []
    async with store.engine.connect() as conn:
        result = await conn.stream(q.execution_options(yield_per=chunk_rows))
        async for chunk in result.partitions(chunk_rows):
            parts.append(LoadedIndex.from_parts([r[0] for r in chunk], [bytes(r[1]) for r in chunk]))
    return LoadedIndex.concat(parts)


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


async def prune(store: Store, before: datetime) -> int:
    """Delete fingerprints served before `before` (retention); returns how many."""
    async with store.engine.begin() as conn:
        res = await conn.execute(delete(fp_table).where(fp_table.c.served_at < before))
    return int(res.rowcount or 0)


async def count(store: Store) -> int:
    async with store.engine.connect() as conn:
        return int((await conn.execute(select(func.count()).select_from(fp_table))).scalar_one())
