"""The features of every record of a trace, extracted in worker processes, in file order.

Parsing a line and extracting its features is most of `gatehouse detect`'s CPU, and each line
is independent of the others; the replay that follows is sequential. So the main process reads
lines in chunks and hands them to a process pool, keeping a bounded number of chunks in flight
(memory stays bounded however long the trace), and takes the results back in submission order:
the features arrive in exactly the order, and with exactly the values, of a single-process read.
A trace too small to repay starting workers, or `workers=0`, is read in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from pathlib import Path
from typing import IO

from gatehouse.monitor.features import Features, from_trace
from gatehouse.traffic.trace import open_text, parse_line

__all__ = ["TraceFeatures", "default_workers"]

_CHUNK = 2000  # lines per task
_IN_FLIGHT = 3  # chunks per worker waiting or running
PARALLEL_MIN_BYTES = 16 << 20  # below this a pool costs more than it saves

Extracted = tuple[list[tuple[int, Features]], int]
# workers start from a clean server process, not a fork of this one: forking a process that has
# threads (a test runner, an embedding application) can copy a lock some thread holds
_START = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


def default_workers(alongside_replay: bool = True) -> int:
    """Every core but the one the replay runs on when features are consumed as they come (none
    on a single core: read in this process); every core when they are all extracted first
    (an unordered trace is sorted before the replay starts)."""
    cores = os.cpu_count() or 1
    return cores - 1 if alongside_replay else cores


def _extract(lines: list[bytes], first_line: int) -> Extracted:
    """(line number, features) of each valid record among `lines`, and the number of bad lines."""
    out: list[tuple[int, Features]] = []
    bad = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        rec = parse_line(line)
        if rec is None:
            bad += 1
            continue
        out.append((first_line + i, from_trace(rec, first_line + i)))
    return out, bad


def _chunks(fh: IO[bytes]) -> Iterator[tuple[list[bytes], int]]:
    """The file's lines in chunks, each with the number of its first line."""
    line_no = 1
    while lines := list(islice(fh, _CHUNK)):
        yield lines, line_no
        line_no += len(lines)


class TraceFeatures:
    """Iterate (line number, features) of every valid record in file order; bad lines (not a
    JSON object with the required fields) are counted in `skipped` as they are met."""

    def __init__(self, path: str | Path, workers: int | None = None) -> None:
        self.path = path
        self.workers = default_workers() if workers is None else workers
        self.skipped = 0

    def __iter__(self) -> Iterator[tuple[int, Features]]:
        pooled = self.workers > 0 and os.path.getsize(self.path) >= PARALLEL_MIN_BYTES
        with open_text(self.path) as fh:
            results = self._pooled(_chunks(fh)) if pooled else (_extract(*c) for c in _chunks(fh))
            for out, bad in results:
                self.skipped += bad
                yield from out

    def _pooled(self, chunks: Iterator[tuple[list[bytes], int]]) -> Iterator[Extracted]:
        """`_extract` of each chunk in the worker processes, in submission order, with at most
        `_IN_FLIGHT` chunks per worker submitted and not yet taken back."""
        pending: deque[Future[Extracted]] = deque()
        context = multiprocessing.get_context(_START)
        with ProcessPoolExecutor(max_workers=self.workers, mp_context=context) as pool:
            for lines, first in chunks:
                pending.append(pool.submit(_extract, lines, first))
                if len(pending) > _IN_FLIGHT * self.workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
