from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gatehouse.monitor.sim.generator import simulate


@pytest.fixture(scope="session")
def small_week(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A small simulated week (about 20k requests) shared by the monitor tests."""
    d = tmp_path_factory.mktemp("week")
    trace, labels = d / "trace.jsonl", d / "labels.json"
    summary = simulate(11, trace, labels, scale=0.04, campaign_sizes=[2, 5, 40, 150])
    return {"trace": trace, "labels": labels, "summary": summary}


@pytest.fixture(scope="session")
def small_report(small_week: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    from gatehouse.monitor.offline import run_detect

    report, evaluation = run_detect(small_week["trace"], small_week["labels"])
    assert evaluation is not None
    return report, evaluation


def write_lines(path: Path, lines: list[bytes]) -> None:
    path.write_bytes(b"\n".join(lines) + b"\n")
