"""Smoke tests: the benchmark harness, the campaign-queue bench and the monitor bench's live
figures run end to end (tiny counts, no timing assertions).

Runs bench/run.py against the mock upstream, the floor proxy and a real Gatehouse process
on examples/bench.yaml for a fraction of a second per scenario, and checks that every
scenario produced answers and that the JSON and markdown reports were written. Speed is
not asserted: figures here mean nothing (see bench/README.md for the real run).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bench_harness_runs_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "latest.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--targets", "direct,floor,gatehouse",
         "--concurrency", "1,2", "--duration", "0.2", "--warmup", "0.05", "--no-pin", "--out", str(out)],
        cwd=str(ROOT), capture_output=True, text=True, timeout=110,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "| gatehouse | json | 1 |" in proc.stdout
    data = json.loads(out.read_text())
    seen = {(r["target"], r["stream"], r["concurrency"]) for r in data["results"]}
    for target in ("direct", "floor", "gatehouse"):
        for stream in (False, True):
            for c in (1, 2):
                assert (target, stream, c) in seen
    for r in data["results"]:
        assert r["requests"] > 0, r
        assert r["errors"] == 0, r
        if r["stream"]:
            assert r["ttft_ms"]["p50"] <= r["latency_ms"]["p50"]
        if r["target"] != "direct":
            assert "p50" in r["added_ms"]
    assert data["meta"]["summary"]["gatehouse"]["peak_json_rps"] > 0


def test_loadgen_percentiles() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from loadgen import percentile, summarize

    ns = [i * 1_000_000 for i in range(1, 101)]  # 1..100 ms
    assert percentile(ns, 50) == 50.0
    assert percentile(ns, 99) == 99.0
    assert percentile(ns, 100) == 100.0
    s = summarize(ns)
    assert s["min"] == 1.0 and s["max"] == 100.0 and abs(s["mean"] - 50.5) < 1e-9


def test_campaign_queue_bench_runs(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_campaign_queue.py"), "--accounts", "40"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "confirm: 40 of 40 tenants suspended and 20 alerts" in proc.stdout
    assert "clear: 20 alerts of 40 tenants cleared" in proc.stdout


def test_monitor_bench_live_figures_run() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_monitor.py"), "--skip-quality",
                           "--skip-throughput", "--live-requests", "3000"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.count("live submit") == 2
    assert "live feature update on a simulated mix" in proc.stdout and "p50" in proc.stdout
