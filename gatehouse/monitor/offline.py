"""`run_detect`: the offline entry point shared by the CLI and the benchmark."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from gatehouse.monitor.engine import Settings
from gatehouse.monitor.evaluate import evaluate, load_labels, turn_times
from gatehouse.monitor.report import detect

__all__ = ["run_detect"]


def run_detect(trace: str | Path, labels_path: str | Path | None = None, settings: Settings | None = None,
               workers: int | None = None,
               progress: Callable[[int], None] | None = None) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """(report, evaluation or None). With labels, a turncoat's requests after its turn are
    counted during the replay so the delay to its first flag can be measured. `progress` is told
    how many requests have been replayed (see `report.detect`)."""
    labels = load_labels(labels_path) if labels_path is not None else None
    turns = turn_times(labels) if labels is not None else {}
    report, mon = detect(trace, settings, count_after=turns, workers=workers, progress=progress)
    if labels is None:
        return report, None
    since: dict[str, int] = {}
    flags = {t["tenant"]: t for t in report["tenants"]}
    for tenant, turn_ts in turns.items():
        entry = flags.get(tenant)
        if entry is None or entry["first_flag_ts"] is None:
            since[tenant] = -1
            continue
        flag = mon.first_flag[tenant]
        # requests between the turn and the flag (negative: flagged before it turned)
        since[tenant] = mon.flag_after.get(tenant, -1) if flag.ts >= turn_ts else -(flag.requests_before + 1)
    return report, evaluate(report, labels, since)
