"""Reading and writing traffic traces (`shared/spec/traffic-trace.md`, version 1).

Readers stream (a file is never loaded whole), open `.gz` transparently, and skip and
count lines that are not JSON objects with the required fields.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

import orjson

__all__ = ["REQUIRED_FIELDS", "TraceReader", "TraceWriter", "parse_line", "parse_ts", "format_ts", "open_text"]

REQUIRED_FIELDS = ("ts", "tenant", "key", "endpoint", "request")


def open_text(path: str | Path, mode: str = "rb") -> IO[bytes]:
    p = str(path)
    if p.endswith(".gz"):
        return gzip.open(p, mode)  # type: ignore[return-value]
    return open(p, mode)  # noqa: SIM115


def parse_ts(value: str) -> datetime:
    """RFC 3339 to an aware UTC datetime."""
    dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc)


def format_ts(dt: datetime) -> str:
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


@dataclass
class TraceReader:
    """Iterate records (dicts) from a trace; `skipped` counts bad lines."""

    path: str | Path
    skipped: int = 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        with open_text(self.path) as fh:
            for line in fh:
                if not line.strip():
                    continue
                rec = parse_line(line)
                if rec is None:
                    self.skipped += 1
                    continue
                yield rec


def parse_line(line: bytes) -> dict[str, Any] | None:
    """One non-blank trace line as a record; None when it is not a valid one (a bad line)."""
    try:
        rec = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None
    return rec if isinstance(rec, dict) and _valid(rec) else None


def _valid(rec: dict[str, Any]) -> bool:
    for f in REQUIRED_FIELDS:
        if f not in rec:
            return False
    if not isinstance(rec["request"], dict):
        return False
    if not all(isinstance(rec[f], str) for f in ("ts", "tenant", "key", "endpoint")):
        return False
    try:
        parse_ts(rec["ts"])
    except ValueError:
        return False
    return True


class TraceWriter:
    """Write records one per line; `.gz` paths are compressed."""

    def __init__(self, path: str | Path) -> None:
        self._fh = open_text(path, "wb")
        self.count = 0

    def write(self, record: dict[str, Any]) -> None:
        self._fh.write(orjson.dumps(record) + b"\n")
        self.count += 1

    def close(self) -> None:
        self._fh.close()

    def __enter__(self) -> TraceWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
