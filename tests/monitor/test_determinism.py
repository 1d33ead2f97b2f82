"""The same trace gives the same report, byte for byte, whatever the process's string hashing
(set and dict iteration order must never decide which accounts are linked or when a tenant
is first flagged)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any


def _detect(trace: Path, out: Path, hash_seed: str) -> bytes:
    env = dict(os.environ, PYTHONHASHSEED=hash_seed)
    subprocess.run([sys.executable, "-m", "gatehouse.cli.main", "detect", str(trace), "--out", str(out)],
                   check=True, env=env, capture_output=True, timeout=300)
    return out.read_bytes()


def test_report_is_identical_across_hash_seeds(small_week: dict[str, Any], tmp_path: Path) -> None:
    a = _detect(small_week["trace"], tmp_path / "a.json", "1")
    b = _detect(small_week["trace"], tmp_path / "b.json", "2")
    assert b'"campaigns"' in a
    assert a == b
