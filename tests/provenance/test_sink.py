"""The fingerprinting sink never blocks the response path: a full queue drops the newest
responses, and says so in the log and in the metrics."""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path

import pytest

from gatehouse.metering.metrics import Metrics
from gatehouse.pipeline import RequestRecord
from gatehouse.provenance.config import ProvenanceConfig
from gatehouse.provenance.sink import ProvenanceSink
from gatehouse.store.db import Store
from gatehouse.providers.base import Deployment


async def test_a_full_queue_drops_and_is_reported(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    store = Store(f"sqlite+aiosqlite:///{tmp_path / 'g.db'}")
    sink = ProvenanceSink(store, ProvenanceConfig(queue_max=2))  # not started: nothing drains it
    dep = Deployment("gpt-4o@openai/us#0", "gpt-4o", "openai", "gpt-4o", "us")
    with caplog.at_level(logging.ERROR, logger="gatehouse.provenance"):
        for i in range(5):
            sink.submit(RequestRecord(id=f"r{i}", ts=datetime.now(timezone.utc), endpoint="/v1/chat/completions",
                                      tenant_id="t", key_id="k", deployment=dep,
                                      response_text="The river carries silt into the reservoir every spring."))
    assert sink.overflow.dropped == 3
    assert len(caplog.records) == 1
    assert "provenance queue is full" in caplog.records[0].getMessage()
    assert "not fingerprinted" in caplog.records[0].getMessage()
    text = Metrics().render().decode()
    assert 'gatehouse_queue_items{queue="provenance"} 2.0' in text
    assert 'gatehouse_queue_dropped_total{queue="provenance"} 3.0' in text
    await store.aclose()
