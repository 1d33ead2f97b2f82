"""Offline detection: replay a trace in time order through `Monitor` and build the report
(`shared/spec/traffic-trace.md`, "Detection report").

Memory is bounded by the number of keys, not requests: a trace already in time order is
streamed once; an unordered one is cut into sorted runs of compact features (no text)
spilled to temporary files and merged. Lines are parsed and their features extracted by worker
processes (`gatehouse.monitor.extract`); the replay itself runs in this one.
"""

from __future__ import annotations

import gc
import heapq
import pickle
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

from gatehouse.monitor.engine import Monitor, Settings
from gatehouse.monitor.extract import TraceFeatures, default_workers
from gatehouse.monitor.features import Features
from gatehouse.traffic.trace import format_ts, open_text, parse_ts

__all__ = ["detect", "ordered_features", "build_report", "is_time_ordered"]

_RUN = 200_000
PROGRESS_EVERY = 50_000  # requests replayed between two `progress` calls


_TS = re.compile(rb'"ts"\s*:\s*"([^"]+)"')


def is_time_ordered(path: str | Path) -> bool:
    """A cheap first pass: are the records already in `ts` order? (Unparseable lines are
    ignored here; the reader counts them.)"""
    last = float("-inf")
    with open_text(path) as fh:
        for line in fh:
            m = _TS.search(line)
            if m is None:
                continue
            try:
                ts = parse_ts(m.group(1).decode()).timestamp()
            except (ValueError, UnicodeDecodeError):
                continue
            if ts < last:
                return False
            last = ts
    return True


def ordered_features(stream: TraceFeatures, ordered: bool) -> Iterator[Features]:
    """Features of every valid record, in `ts` order (stable for equal times); `ordered` says
    whether the file already is (`is_time_ordered`)."""
    if ordered:
        for _, f in stream:
            yield f
        return
    runs: list[IO[bytes]] = []
    buf: list[tuple[float, int, Features]] = []
    for line_no, f in stream:
        buf.append((f.ts, line_no, f))
        if len(buf) >= _RUN:
            runs.append(_spill(buf))
            buf = []
    if not runs:
        buf.sort(key=lambda x: (x[0], x[1]))
        for _, _, g in buf:
            yield g
        return
    if buf:
        runs.append(_spill(buf))
    try:
        for _, _, g in heapq.merge(*(_read(r) for r in runs), key=lambda x: (x[0], x[1])):
            yield g
    finally:
        for r in runs:
            r.close()


_BATCH = 4096  # items per pickle: one object per dump would cost a call each way per request


def _spill(buf: list[tuple[float, int, Features]]) -> IO[bytes]:
    buf.sort(key=lambda x: (x[0], x[1]))
    fh = tempfile.TemporaryFile()
    for i in range(0, len(buf), _BATCH):
        pickle.dump(buf[i:i + _BATCH], fh, protocol=pickle.HIGHEST_PROTOCOL)
    fh.seek(0)
    return fh


def _read(fh: IO[bytes]) -> Iterator[tuple[float, int, Features]]:
    while True:
        try:
            batch = pickle.load(fh)
        except EOFError:
            return
        yield from batch


def _iso(ts: float) -> str:
    return format_ts(datetime.fromtimestamp(ts, tz=timezone.utc))


def build_report(mon: Monitor, skipped: int) -> dict[str, Any]:
    tenants = []
    for tid in sorted(mon.tenants):
        a = mon.assess(tid)
        flag = mon.first_flag.get(tid)
        tenants.append({
            "tenant": tid, "score": a.score, "verdict": a.verdict, "evidence": a.evidence,
            "keys": [{"key": k, "score": round(s, 4)} for k, s in a.keys],
            "first_flag_ts": _iso(flag.ts) if flag else None,
            "requests_before_flag": flag.requests_before if flag else None,
            "requests": mon.tenants[tid].n, "samples": a.samples,
        })
    campaigns = [{"id": c.id, "tenants": c.tenants, "score": round(c.score, 4), "evidence": c.evidence}
                 for c in mon.campaigns if c.score >= mon.settings.campaign_min_score]
    return {"tenants": tenants, "campaigns": campaigns, "skipped_lines": skipped}


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off for the block. The replay makes no reference cycles (a full
    collection after a week's trace finds nothing), so reference counting frees everything it
    drops; the collector would only walk the millions of live sketches and features again and
    again, about a third of `detect`'s time on a trace of a million requests."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def detect(path: str | Path, settings: Settings | None = None,
           count_after: dict[str, float] | None = None, workers: int | None = None,
           progress: Callable[[int], None] | None = None) -> tuple[dict[str, Any], Monitor]:
    """Replay the trace; returns (report, monitor). `count_after` asks the replay to count each
    named tenant's requests from a given time on (used to measure a turncoat's delay);
    `workers` processes parse and extract features (default: `default_workers`; 0: none);
    `progress` is told the number of requests replayed every `PROGRESS_EVERY` and at the end."""
    ordered = is_time_ordered(path)
    stream = TraceFeatures(path, default_workers(alongside_replay=ordered) if workers is None else workers)
    mon = Monitor(settings)
    for t, ts in (count_after or {}).items():
        mon.count_after[t] = (ts, 0)
    n = 0
    with cyclic_gc_paused():
        for f in ordered_features(stream, ordered):
            mon.observe(f)
            n += 1
            if progress is not None and n % PROGRESS_EVERY == 0:
                progress(n)
        mon.finish()
        if progress is not None:
            progress(n)
        return build_report(mon, stream.skipped), mon
