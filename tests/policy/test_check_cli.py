"""`gatehouse policy check` reports errors with line numbers; `explain` names the rule."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.tenancy.helpers import OPERATOR


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gatehouse", *args], capture_output=True, text=True, timeout=60)


def test_check_reports_line_numbers(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 3\ngroups:\n  EU: [FR, de]\nrules:\n  - name: a\n    jurisdictions: [CN]\n"
                   "    models: [gpt-5]\n  - name: b\n    colour: red\n")
    p = _run("policy", "check", str(bad), "--config", str(OPERATOR), "--json")
    assert p.returncode == 1
    errors = json.loads(p.stdout)["errors"]
    assert {e["line"] for e in errors} == {9}  # schema errors first
    bad.write_text(bad.read_text().replace("    colour: red\n", ""))
    p = _run("policy", "check", str(bad), "--config", str(OPERATOR), "--json")
    errors = json.loads(p.stdout)["errors"]
    assert p.returncode == 1 and {e["line"] for e in errors} == {3, 7}
    assert _run("policy", "check", str(OPERATOR), "--config", str(OPERATOR)).returncode == 0


def test_explain_names_the_rule() -> None:
    p = _run("policy", "explain", "--config", str(OPERATOR), "--jurisdiction", "CN", "--model", "claude-sonnet",
             "--json")
    out = json.loads(p.stdout)
    assert p.returncode == 0 and out["allowed"] is False and out["rule"] == "cn-openai-from-singapore"
    p = _run("policy", "explain", "--config", str(OPERATOR), "--jurisdiction", "SE", "--model", "gpt-4o", "--json")
    out = json.loads(p.stdout)
    assert out["allowed"] and out["rule"] == "eu-residency-sweden"
    assert {d["region"] for d in out["deployments"]} == {"sweden-central"}
