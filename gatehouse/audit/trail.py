"""The audit trail: append-only and hash-chained, written inside the caller's transaction.

Entry `n` stores `hash = sha256(canonical JSON of {seq, ts, actor, action, target, before,
after, reason, prev_hash})` where `prev_hash` is entry `n-1`'s hash (64 zeros for the
first). Canonical JSON is UTF-8 with sorted keys and no whitespace; `ts` is UTC as
`YYYY-MM-DDTHH:MM:SS.ffffffZ`. Editing, deleting or reordering any entry breaks the chain
from that entry on; `verify()` names the first bad one.

Writers first update the one-row `audit_head`, which takes a row lock (PostgreSQL) or the
database write lock (SQLite) until the caller's transaction ends: concurrent writers from
any number of processes append one after another and the chain never forks.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import orjson
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from gatehouse.audit.tables import GENESIS_HASH, audit_head, audit_log

__all__ = ["record", "record_many", "Entry", "verify", "entries", "entry_hash", "VerifyResult", "GENESIS_HASH"]

_HEAD_ID = 1
_CHUNK = 2000


def _jsonable(value: dict[str, Any] | None) -> dict[str, Any] | None:
    if value is None:
        return None
    out: dict[str, Any] = orjson.loads(orjson.dumps(value, default=str, option=orjson.OPT_NON_STR_KEYS))
    return out


def _ts_text(ts: datetime) -> str:
    if ts.tzinfo is None:
        ts = ts.replace(tzinfo=timezone.utc)
    return ts.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_hash(*, seq: int, ts: datetime, actor: str, action: str, target: str, before: Any, after: Any,
               reason: str | None, prev_hash: str) -> str:
    """The chained hash of one entry (documented in the module docstring for external auditors)."""
    doc = {"seq": seq, "ts": _ts_text(ts), "actor": actor, "action": action, "target": target,
           "before": before, "after": after, "reason": reason, "prev_hash": prev_hash}
    return hashlib.sha256(orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)).hexdigest()


async def _lock_head(conn: AsyncConnection, count: int = 1) -> tuple[int, str]:
    """Advance the head's seq by `count` under lock; returns (the first new seq, previous hash)."""
    stmt = update(audit_head).where(audit_head.c.id == _HEAD_ID).values(seq=audit_head.c.seq + count)
    res = await conn.execute(stmt)
    if res.rowcount == 0:  # head row missing (fresh schema without the seed): rebuild it from the log
        last = (await conn.execute(select(audit_log.c.seq, audit_log.c.hash)
                                   .order_by(audit_log.c.seq.desc()).limit(1))).first()
        await conn.execute(audit_head.insert().values(
            id=_HEAD_ID, seq=int(last.seq) if last else 0, hash=last.hash if last else GENESIS_HASH))
        await conn.execute(stmt)
    row = (await conn.execute(select(audit_head.c.seq, audit_head.c.hash).where(audit_head.c.id == _HEAD_ID))).one()
    return int(row.seq) - count + 1, str(row.hash)


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry to append (`record_many`)."""

    actor: str
    action: str
    target: str
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    reason: str | None = None


async def record(conn: AsyncConnection, *, actor: str, action: str, target: str, before: dict[str, Any] | None = None,
                 after: dict[str, Any] | None = None, reason: str | None = None) -> None:
    """Append one entry in the caller's transaction (it is kept only if that commits)."""
    await record_many(conn, [Entry(actor, action, target, before, after, reason)])


async def record_many(conn: AsyncConnection, items: list[Entry]) -> None:
    """Append entries in order in the caller's transaction, taking the head's lock once (a
    campaign of thousands of tenants suspended as one is thousands of entries)."""
    if not items:
        return
    seq, prev = await _lock_head(conn, len(items))
    ts = datetime.now(timezone.utc)
    rows = []
    for i, e in enumerate(items):
        b, a = _jsonable(e.before), _jsonable(e.after)
        h = entry_hash(seq=seq + i, ts=ts, actor=e.actor, action=e.action, target=e.target, before=b, after=a,
                       reason=e.reason, prev_hash=prev)
        rows.append({"seq": seq + i, "ts": ts, "actor": e.actor, "action": e.action, "target": e.target, "before": b,
                     "after": a, "reason": e.reason, "prev_hash": prev, "hash": h})
        prev = h
    await conn.execute(audit_log.insert(), rows)
    await conn.execute(update(audit_head).where(audit_head.c.id == _HEAD_ID).values(hash=prev))


def _row_dict(r: Any) -> dict[str, Any]:
    ts = r.ts if r.ts.tzinfo is not None else r.ts.replace(tzinfo=timezone.utc)
    return {"seq": int(r.seq), "ts": ts, "actor": r.actor, "action": r.action, "target": r.target,
            "before": r.before, "after": r.after, "reason": r.reason, "prev_hash": r.prev_hash, "hash": r.hash}


async def entries(conn: AsyncConnection, *, since_seq: int = 0, target: str | None = None,
                  action: str | None = None) -> AsyncIterator[dict[str, Any]]:
    """Entries in chain order, read in chunks (the log may be large)."""
    last = since_seq
    while True:
        q = select(audit_log).where(audit_log.c.seq > last).order_by(audit_log.c.seq).limit(_CHUNK)
        if target is not None:
            q = q.where(audit_log.c.target == target)
        if action is not None:
            q = q.where(audit_log.c.action == action)
        rows = (await conn.execute(q)).all()
        for r in rows:
            yield _row_dict(r)
        if len(rows) < _CHUNK:
            return
        last = int(rows[-1].seq)


@dataclass(slots=True)
class VerifyResult:
    ok: bool
    entries: int
    first_bad: int | None = None
    problem: str | None = None
    head_hash: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "entries": self.entries, "first_bad": self.first_bad, "problem": self.problem,
                "head_hash": self.head_hash}


async def verify(conn: AsyncConnection) -> VerifyResult:
    """Walk the whole chain; the first entry that is edited, missing or out of place is named."""
    expected_seq = 1
    prev = GENESIS_HASH
    n = 0
    async for e in entries(conn):
        n += 1
        seq = e["seq"]
        if seq != expected_seq:
            return VerifyResult(False, n - 1, expected_seq,
                                f"entry {expected_seq} is missing (deleted); the next entry is {seq}", prev)
        if e["prev_hash"] != prev:
            return VerifyResult(False, n - 1, seq, f"entry {seq} does not link to entry {seq - 1} (reordered or "
                                                   "an earlier entry was replaced)", prev)
        fields = {k: e[k] for k in ("seq", "ts", "actor", "action", "target", "before", "after", "reason", "prev_hash")}
        if entry_hash(**fields) != e["hash"]:
            return VerifyResult(False, n - 1, seq, f"entry {seq} was edited: its content does not match its hash", prev)
        prev = e["hash"]
        expected_seq += 1
    head = (await conn.execute(select(audit_head.c.seq, audit_head.c.hash).where(audit_head.c.id == _HEAD_ID))).first()
    count = (await conn.execute(select(func.count()).select_from(audit_log))).scalar_one()
    if head is not None and (int(head.seq) != n or head.hash != prev):
        if int(head.seq) > n:
            return VerifyResult(False, n, n + 1, f"entries {n + 1}..{int(head.seq)} are missing (deleted from the end)",
                                prev)
        return VerifyResult(False, n, n if n else 1, "the chain head does not match the last entry", prev)
    if count != n:
        return VerifyResult(False, n, None, "the log holds entries outside the chain", prev)
    return VerifyResult(True, n, None, None, prev)
