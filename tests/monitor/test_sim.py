"""Every simulator configuration writes a trace the spec's reader accepts whole, labels every
tenant it writes, and gives the same bytes for the same seed."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from gatehouse.monitor.sim.generator import simulate
from gatehouse.monitor.sim.mixture import MIXTURES
from gatehouse.traffic.trace import TraceReader


@pytest.mark.parametrize("config", sorted(MIXTURES))
def test_each_configuration_writes_a_valid_labeled_trace(config: str, tmp_path: Path) -> None:
    trace, labels = tmp_path / "t.jsonl", tmp_path / "l.json"
    summary = simulate(3, trace, labels, config=config, scale=0.01, campaign_sizes=[2, 12])
    reader = TraceReader(trace)
    tenants = {rec["tenant"] for rec in reader}
    assert reader.skipped == 0
    assert summary["requests"] > 1000
    truth = orjson.loads(labels.read_bytes())["tenants"]
    assert tenants <= set(truth)
    assert {v["label"] for v in truth.values()} == {"honest", "distiller"}
    assert {v["campaign"] for v in truth.values() if v.get("campaign")} == {"camp_1", "camp_2"}
    again = tmp_path / "again.jsonl"
    simulate(3, again, None, config=config, scale=0.01, campaign_sizes=[2, 12])
    assert again.read_bytes() == trace.read_bytes()
