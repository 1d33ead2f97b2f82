"""The detection report follows the spec; bad lines are counted; order does not matter."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import orjson
import pytest

from gatehouse.monitor import report as report_mod
from gatehouse.monitor.report import detect
from gatehouse.traffic.trace import parse_ts

VERDICTS = {"allow", "watch", "review", "block"}


def validate(report: dict[str, Any]) -> None:
    assert set(report) >= {"tenants", "campaigns", "skipped_lines"}
    assert isinstance(report["skipped_lines"], int) and report["skipped_lines"] >= 0
    for t in report["tenants"]:
        assert isinstance(t["tenant"], str)
        assert 0.0 <= t["score"] <= 1.0
        assert t["verdict"] in VERDICTS
        assert isinstance(t["evidence"], list) and all(isinstance(e, str) for e in t["evidence"])
        assert all(isinstance(k["key"], str) and 0.0 <= k["score"] <= 1.0 for k in t["keys"])
        if t["first_flag_ts"] is None:
            assert t["requests_before_flag"] is None
        else:
            parse_ts(t["first_flag_ts"])
            assert isinstance(t["requests_before_flag"], int) and t["requests_before_flag"] >= 0
    for c in report["campaigns"]:
        assert len(c["tenants"]) >= 2 and 0.0 <= c["score"] <= 1.0
        assert c["evidence"] and all(isinstance(e, str) for e in c["evidence"])


def test_report_validates_and_lists_every_tenant(small_week: dict[str, Any], small_report: Any) -> None:
    report, _ = small_report
    validate(report)
    labels = orjson.loads(Path(small_week["labels"]).read_bytes())
    assert {t["tenant"] for t in report["tenants"]} == set(labels["tenants"])
    flagged = [t for t in report["tenants"] if t["verdict"] in ("review", "block")]
    assert flagged and all(t["evidence"] for t in flagged)
    # evidence names a signal and its value
    assert any("=" in e.split(":")[0] for t in flagged for e in t["evidence"])


def test_bad_lines_are_counted_not_fatal(tmp_path: Path, small_week: dict[str, Any]) -> None:
    lines = Path(small_week["trace"]).read_bytes().splitlines()[:3000]
    bad = [b"{not json", b"[1, 2]", b'{"ts": "2026-11-24T10:00:00Z", "tenant": "x"}',
           b'{"ts": "yesterday", "tenant": "x", "key": "k", "endpoint": "/v1/chat/completions", "request": {}}',
           b'{"ts": "2026-11-24T10:00:00Z", "tenant": "x", "key": "k", "endpoint": "/v1/x", "request": "str"}']
    mixed = lines[:1000] + bad + lines[1000:]
    p = tmp_path / "bad.jsonl"
    p.write_bytes(b"\n".join(mixed) + b"\n")
    report, _ = detect(p)
    validate(report)
    assert report["skipped_lines"] == len(bad)


def test_the_replay_makes_no_reference_cycles(tmp_path: Path, small_week: dict[str, Any],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """`detect` pauses the cyclic collector (`cyclic_gc_paused`), which is safe only while nothing it
    drops sits in a reference cycle: such garbage would stay until the next collection."""
    import gc

    lines = Path(small_week["trace"]).read_bytes().splitlines()
    random.Random(7).shuffle(lines)  # the spilled path too
    p = tmp_path / "unordered.jsonl"
    p.write_bytes(b"\n".join(lines) + b"\n")
    monkeypatch.setattr(report_mod, "_RUN", 5000)
    gc.collect()
    detect(p)
    assert gc.isenabled()
    assert gc.collect() == 0


def test_unordered_trace_gives_the_same_report(tmp_path: Path, small_week: dict[str, Any],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    lines = Path(small_week["trace"]).read_bytes().splitlines()[:4000]
    ordered = tmp_path / "ordered.jsonl"
    ordered.write_bytes(b"\n".join(lines) + b"\n")
    shuffled = list(lines)
    random.Random(3).shuffle(shuffled)
    unordered = tmp_path / "unordered.jsonl.gz"
    import gzip

    with gzip.open(unordered, "wb") as fh:
        fh.write(b"\n".join(shuffled) + b"\n")
    monkeypatch.setattr(report_mod, "_RUN", 700)  # force several spilled runs
    a, _ = detect(ordered)
    b, _ = detect(unordered)
    assert a == b


@pytest.mark.parametrize("shuffle", [False, True])
def test_worker_processes_give_the_same_report(tmp_path: Path, small_week: dict[str, Any],
                                              monkeypatch: pytest.MonkeyPatch, shuffle: bool) -> None:
    """Lines parsed in worker processes come back in file order with the same features, and
    their bad lines are counted, so the report does not depend on the number of workers."""
    from gatehouse.monitor import extract

    lines = Path(small_week["trace"]).read_bytes().splitlines()[:9000]
    if shuffle:
        random.Random(5).shuffle(lines)
    lines[4000:4000] = [b"{not json", b"", b'{"ts": "2026-11-24T10:00:00Z", "tenant": "x"}']
    p = tmp_path / "t.jsonl"
    p.write_bytes(b"\n".join(lines) + b"\n")
    monkeypatch.setattr(extract, "PARALLEL_MIN_BYTES", 0)  # a pool even for a small file
    monkeypatch.setattr(extract, "_CHUNK", 500)  # many chunks in flight
    monkeypatch.setattr(report_mod, "_RUN", 2000)
    inline, _ = detect(p, workers=0)
    pooled, _ = detect(p, workers=2)
    assert pooled["skipped_lines"] == inline["skipped_lines"] == 2
    assert pooled == inline
