"""Evaluation on a small simulated week: the quality targets of the issue.

The large-scale figures (full week, unseen generator, 1M requests) are in
`bench/bench_monitor.py`; this week is small, so a few distillers have too little traffic
to be caught and the thresholds below are those the small week supports.
"""

from __future__ import annotations

from typing import Any

import pytest

from gatehouse.monitor.evaluate import auroc, format_evaluation, tpr_at_fpr


def test_metric_helpers() -> None:
    assert auroc([0.9, 0.8], [0.1, 0.2]) == 1.0
    assert auroc([0.5], [0.5]) == 0.5
    tpr, thr = tpr_at_fpr([0.9, 0.4], [0.1, 0.2, 0.3, 0.5], 0.25)
    assert thr == 0.3 and tpr == 1.0


def test_targets_on_small_week(small_report: Any) -> None:
    _, ev = small_report
    print(format_evaluation(ev))
    assert ev["auroc"] >= 0.99
    assert ev["tpr_at_1pct_fpr"] >= 0.95
    assert ev["tpr_at_5pct_fpr"] >= 0.95
    assert ev["campaign_linking"]["f1"] >= 0.9
    rb = ev["requests_before_flag"]
    assert rb["median"] is not None and rb["median"] <= 500
    assert rb["worst"] <= 1500
    honest = {p: v for p, v in ev["flag_rate_by_pattern"].items() if p.startswith("honest/")}
    false_flags = sum(v["flagged"] * v["tenants"] for v in honest.values())
    assert false_flags <= 0.03 * ev["tenants"]["honest"]
    assert ev["honest_flagged"]["ever"] >= ev["honest_flagged"]["at_end"] == round(false_flags)
    for n in ev["turncoat_requests_after_turn"].values():
        assert 0 <= n <= 1500


def test_cli_detect_with_labels(small_week: dict[str, Any], tmp_path: Any) -> None:
    from click.testing import CliRunner

    from gatehouse.cli.detect import detect

    out = tmp_path / "report.json"
    r = CliRunner().invoke(detect, [str(small_week["trace"]), "--out", str(out), "--labels", str(small_week["labels"])])
    assert r.exit_code == 0, r.output
    assert "AUROC" in r.output and out.exists()
    assert "replayed" not in r.stderr  # progress only on a terminal, unless asked for


def test_cli_detect_shows_progress_on_stderr(small_week: dict[str, Any], tmp_path: Any,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from gatehouse.cli.detect import detect
    from gatehouse.monitor import report

    monkeypatch.setattr(report, "PROGRESS_EVERY", 5000)
    out = tmp_path / "report.json"
    r = CliRunner().invoke(detect, [str(small_week["trace"]), "--out", str(out), "--progress"])
    assert r.exit_code == 0, r.output
    counts = [int(part.split()[0].replace(",", "")) for part in r.stderr.split("\r") if "replayed" in part]
    assert counts[-1] == small_week["summary"]["requests"] > 5000
    assert counts[:-1] == list(range(5000, counts[-1], 5000))
    assert r.stdout == "" and out.exists()  # the report goes to --out, progress to stderr only
