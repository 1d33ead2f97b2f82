"""The live path: every served response's fingerprint goes to the registry.

`submit()` only appends the record to a bounded queue. A background task fingerprints
queued records in small slices (yielding to the event loop between them) and hands the
rows to a `BatchWriter`, which inserts them in batches. Timers build the inverted index's
due segments (`index.compact`, every `compact_interval_s`; the packing runs in a thread)
and delete fingerprints past `retention_days`. `aclose()` fingerprints and writes
everything queued.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from datetime import datetime, timedelta, timezone
from typing import Any

from gatehouse.overflow import Overflow
from gatehouse.pipeline import RequestRecord
from gatehouse.provenance import index
from gatehouse.provenance.config import ProvenanceConfig
from gatehouse.provenance.fingerprint import Fingerprinter
from gatehouse.provenance.tables import provenance_fingerprints
from gatehouse.store.batch import BatchWriter
from gatehouse.store.db import Store

__all__ = ["ProvenanceSink", "build"]

log = logging.getLogger("gatehouse.provenance")


class ProvenanceSink:
    """A RecordSink that fingerprints served responses off the response path."""

    def __init__(self, store: Store, cfg: ProvenanceConfig, *, slice_size: int = 32, interval_s: float = 0.2) -> None:
        self.store = store
        self.cfg = cfg
        self.fp = Fingerprinter()
        self.writer = BatchWriter(store, provenance_fingerprints, batch_size=cfg.batch_size,
                                         queue_max=cfg.queue_max)
        self._queue: deque[RequestRecord] = deque()
        self.overflow = Overflow("provenance", self._queue, cfg.queue_max, log,
                                 "those responses are not fingerprinted (not traceable)")
        self._wake = asyncio.Event()
        self._slice = slice_size
        self._interval = interval_s
        self._task: asyncio.Task[None] | None = None
        self._closing = False
        self._last_prune = 0.0
        self._last_compact = 0.0

    def submit(self, record: RequestRecord) -> None:
        if not record.served or not record.response_text or not record.tenant_id:
            return
        if len(self._queue) >= self.cfg.queue_max:
            self.overflow.drop()
            return
        self._queue.append(record)
        if len(self._queue) >= self._slice:
            self._wake.set()

    def _row(self, r: RequestRecord) -> dict[str, Any] | None:
        assert r.response_text is not None and r.tenant_id is not None
        ts = r.ts if r.ts.tzinfo else r.ts.replace(tzinfo=timezone.utc)
        return index.fingerprint_row(self.fp, r.response_text, request_id=r.id, tenant_id=r.tenant_id,
                                     key_id=r.key_id, model=r.model, served_at=ts)

    def _drain_slice(self) -> None:
        for _ in range(min(self._slice, len(self._queue))):
            try:
                row = self._row(self._queue.popleft())
            except Exception:  # a bad record must not stop the sink
                log.exception("fingerprinting a response failed")
                continue
            if row is not None:
                self.writer.put(row)

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while not self._closing:
            try:
                await asyncio.wait_for(self._wake.wait(), self._interval)
            except TimeoutError:
                pass
            self._wake.clear()
            while self._queue and not self._closing:
                self._drain_slice()
                await asyncio.sleep(0)
            if loop.time() - self._last_compact >= self.cfg.compact_interval_s:
                self._last_compact = loop.time()
                await self._compact()
            if loop.time() - self._last_prune >= self.cfg.prune_interval_s:
                self._last_prune = loop.time()
                await self._prune()

    async def _compact(self) -> None:
        try:
            # One segment per tick: a backlog is worked off without holding the loop's attention.
            built = await index.compact(self.store, segment_responses=self.cfg.segment_responses,
                                        settle_s=self.cfg.settle_s, limit=1)
        except Exception:
            log.exception("compacting the provenance index failed")
            return
        for seg in built:
            log.info("indexed provenance fingerprints %d-%d (%d postings)", seg.lo, seg.hi - 1, seg.postings)

    async def _prune(self) -> None:
        before = datetime.now(timezone.utc) - timedelta(days=self.cfg.retention_days)
        try:
            n = await index.prune(self.store, before)
        except Exception:
            log.exception("pruning provenance fingerprints failed")
            return
        if n:
            log.info("pruned %d provenance fingerprints served before %s", n, before.isoformat())

    async def start(self) -> None:
        await self.writer.start()
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="provenance-sink")

    async def aclose(self) -> None:
        self._closing = True
        self._wake.set()
        if self._task is not None:
            try:
                await self._task
            except Exception:
                log.exception("the provenance sink stopped with an error")
            self._task = None
        while self._queue:
            self._drain_slice()
        await self.writer.aclose()


def build(gateway: Any) -> ProvenanceSink | None:
    """SINK_FACTORIES entry: `gatehouse.provenance.sink:build`."""
    cfg = ProvenanceConfig.from_section(gateway.config.section("provenance"))
    if not cfg.enabled:
        return None
    return ProvenanceSink(gateway.store, cfg)
