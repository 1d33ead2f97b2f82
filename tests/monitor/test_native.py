"""The compiled monitor core (`gatehouse.monitor.native`): used only while it matches its sources,
and it gives exactly the plain-Python results."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from gatehouse.monitor import native


def _package_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the compiled modules' sources and a build folder whose manifest matches them."""
    pkg, built = tmp_path / "pkg", tmp_path / "pkg" / "_native"
    built.mkdir(parents=True)
    for m in native.MODULES:
        shutil.copy(native.PACKAGE_DIR / f"{m}.py", pkg / f"{m}.py")
    (built / native.MANIFEST).write_text(json.dumps(native.manifest(pkg)))
    return pkg, built


def test_a_build_is_used_only_while_it_matches_every_source(tmp_path: Path) -> None:
    pkg, built = _package_copy(tmp_path)
    assert native.fresh(built, pkg)
    state = pkg / "state.py"
    state.write_text(state.read_text() + "\n# edited\n")
    assert not native.fresh(built, pkg)  # an edited module runs as plain Python until the next build
    state.unlink()
    assert not native.fresh(built, pkg)


def test_a_build_for_another_interpreter_or_cut_short_is_not_used(tmp_path: Path) -> None:
    pkg, built = _package_copy(tmp_path)
    other = {**native.manifest(pkg), "python": "cpython-399"}
    (built / native.MANIFEST).write_text(json.dumps(other))
    assert not native.fresh(built, pkg)
    (built / native.MANIFEST).write_text('{"python": ')  # written last by the build: a torn one
    assert not native.fresh(built, pkg)
    (built / native.MANIFEST).unlink()
    assert not native.fresh(built, pkg)


def test_it_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEHOUSE_NATIVE", "0")
    path: list[str] = []
    assert not native.enable(path) and path == []


def test_compiled_and_plain_python_give_the_same_report(tmp_path: Path, small_week: dict[str, Any],
                                                        small_report: Any) -> None:
    if not native.active():
        pytest.skip("no fresh compiled build here (make install builds it)")
    out = tmp_path / "plain.json"
    subprocess.run([sys.executable, "-c", "from gatehouse.cli.main import main; main()", "detect",
                    str(small_week["trace"]), "--out", str(out), "--no-progress"],
                   check=True, env={**os.environ, "GATEHOUSE_NATIVE": "0"}, capture_output=True, timeout=300)
    plain = json.loads(out.read_text())
    assert plain == json.loads(json.dumps(small_report[0]))
