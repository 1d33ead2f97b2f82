"""The compiled monitor core (`gatehouse.monitor.native`): used only while it matches its sources,
and it gives exactly the plain-Python results."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from gatehouse.monitor import native
from tests.monitor.helpers import detect_in_child


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


def _plain_report(trace: Path, tmp_path: Path) -> Any:
    return json.loads(detect_in_child(trace, tmp_path / "plain.json", GATEHOUSE_NATIVE="0"))


def test_compiled_and_plain_python_give_the_same_report(tmp_path: Path, small_week: dict[str, Any],
                                                        small_report: Any) -> None:
    if not native.active():
        pytest.skip("no fresh compiled build here (make install builds it)")
    assert _plain_report(small_week["trace"], tmp_path) == json.loads(json.dumps(small_report[0]))


def test_odd_values_in_valid_records_read_the_same_compiled(tmp_path: Path) -> None:
    """Compiled code checks declared types at run time where plain Python does not: a record's
    nulls, strings for numbers, huge numbers and foreign shapes must still give the same features."""
    if not native.active():
        pytest.skip("no fresh compiled build here (make install builds it)")
    from gatehouse.monitor.report import detect

    ask = [{"role": "user", "content": "x"}]
    bodies: list[dict[str, Any]] = [
        {"messages": None}, {"messages": [None, 3, {"role": None}, {"role": "user", "content": None}]},
        {"messages": [{"role": "user", "content": [{"type": "text", "text": "hi"}, {"type": "image_url"}, 5]}]},
        {"messages": ask, "temperature": None, "max_tokens": None, "n": None, "logprobs": True, "top_logprobs": None},
        {"messages": ask, "temperature": "hot", "max_tokens": "100", "n": "3", "logprobs": 1, "top_logprobs": "5"},
        {"messages": ask, "temperature": True, "max_tokens": 1e30, "n": -4},
        {"messages": ask, "max_tokens": 2**80, "n": 2**70},
        {"messages": ask, "tools": [None, {"function": None}, {"function": {"name": 5}}], "response_format": {"type": None}},
        {"messages": ask, "tools": "all", "response_format": "json"},
        {"prompt": ["a", 3, None]}, {"prompt": 7}, {"input": "summarize"}, {},
    ]
    responses: list[dict[str, Any] | None] = [
        None, {"usage": None}, {"usage": {"prompt_tokens": "5", "completion_tokens": None}},
        {"usage": {"prompt_tokens": 2**80, "completion_tokens": -3}}, {"text": 5, "finish_reason": 3},
        {"text": "long " * 500, "finish_reason": "length"},
    ]
    senders: list[dict[str, Any]] = [{"ip": None, "user_agent": 5, "billing_contact": 7}, {"ip": "not an ip"},
                                     {"ip": "2001:db8::1", "billing_contact": " Ops@Example.COM "}, {"ip": 12345}]
    lines = []
    for i, (body, resp) in enumerate((b, r) for b in bodies for r in responses):
        rec: dict[str, Any] = {"id": f"r{i}" if i % 7 else 5, "ts": f"2026-11-24T10:{i // 60:02d}:{i % 60:02d}.000Z",
                               "tenant": f"org_{i % 3}", "key": f"key_{i % 3}_{i % 2}", "endpoint": "/v1/chat/completions",
                               "request": body, **senders[i % len(senders)]}
        if resp is not None:
            rec["response"] = resp
        lines.append(json.dumps(rec))
    trace = tmp_path / "odd.jsonl"
    trace.write_text("\n".join(lines) + "\n")
    compiled, _ = detect(trace)
    assert sum(t["requests"] for t in compiled["tenants"]) == len(lines) and compiled["skipped_lines"] == 0
    assert _plain_report(trace, tmp_path) == json.loads(json.dumps(compiled))
