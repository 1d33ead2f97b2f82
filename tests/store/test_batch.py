"""The batched writer never blocks the response path: a full queue drops the newest rows, and
says so in the log and in the metrics."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from gatehouse.metering.metrics import Metrics
from gatehouse.store.batch import BatchWriter
from gatehouse.store.db import Store
from gatehouse.store.tables import request_log


async def test_a_full_queue_drops_and_is_reported(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    store = Store(f"sqlite+aiosqlite:///{tmp_path / 'g.db'}")
    writer = BatchWriter(store, request_log, batch_size=10, queue_max=3)  # not started: nothing drains it
    with caplog.at_level(logging.ERROR, logger="gatehouse.store"):
        for i in range(3):
            writer.put({"id": str(i)})
        assert writer.dropped == 0 and not caplog.records
        for i in range(3, 8):
            writer.put({"id": str(i)})
    assert writer.pending == 3 and writer.dropped == 5
    assert len(caplog.records) == 1  # once a minute, not once a row
    assert "request_log queue is full" in caplog.records[0].getMessage()
    text = Metrics().render().decode()
    assert 'gatehouse_queue_items{queue="request_log"} 3.0' in text
    assert 'gatehouse_queue_dropped_total{queue="request_log"} 5.0' in text
    await store.aclose()
