"""A real `gatehouse serve` process: first-start output, SIGTERM drain and log flush, disconnects."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import free_port
from tests.api.test_requestlog import rows, wait_rows


def start(tmp_path: Path, extra: str = "", env: dict | None = None) -> tuple[subprocess.Popen, str, str]:
    port = free_port()
    db = tmp_path / "gh.db"
    cfg = tmp_path / "gh.yaml"
    cfg.write_text(
        f"store: {{url: 'sqlite+aiosqlite:///{db}'}}\n"
        "logging: {flush_interval_s: 60, batch_size: 100000}\n"
        "providers: {sim: {kind: simulator}, slow: {kind: simulator, options: {latency_ms: 1500}},"
        " drip: {kind: simulator, options: {tokens_per_s: 20}}}\n"
        "models:\n  m: {deployments: [{provider: sim}]}\n  slow: {deployments: [{provider: slow}]}\n"
        "  drip: {deployments: [{provider: drip}]}\n" + extra
    )
    proc = subprocess.Popen([sys.executable, "-m", "gatehouse", "serve", "--config", str(cfg), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, **(env or {})})
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/readyz").status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.1)
    else:
        proc.kill()
        raise RuntimeError(proc.stdout.read())
    return proc, base, f"sqlite+aiosqlite:///{db}"


@pytest.fixture
def env():
    return {"GATEHOUSE_ADMIN_KEY": "ghadm-lifecycle-admin", "GATEHOUSE_DEMO_KEY": "sk-gh-lifecycle-demo"}


def auth(key: str) -> dict:
    return {"authorization": f"Bearer {key}"}


def test_first_start_prints_keys_once(tmp_path) -> None:
    clean = {k: v for k, v in os.environ.items() if k not in ("GATEHOUSE_ADMIN_KEY", "GATEHOUSE_DEMO_KEY")}
    proc, base, _ = start(tmp_path, env=None) if False else (None, None, None)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "gatehouse", "serve", "--port", str(port)], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=clean)
    lines = []
    for _ in range(3):
        lines.append(proc.stdout.readline())
    out = "".join(lines)
    key = out.split("API key (shown once): ")[1].split()[0]
    r = httpx.post(f"http://127.0.0.1:{port}/v1/chat/completions", headers=auth(key),
                   json={"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]})
    assert r.status_code == 200
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(30) == 0
    assert (tmp_path / ".gatehouse" / "gatehouse.db").exists()
    # second start: nothing secret printed again
    proc = subprocess.Popen([sys.executable, "-m", "gatehouse", "serve", "--port", str(port)], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=clean)
    first = proc.stdout.readline()
    assert "listening" in first
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    rest = proc.communicate(timeout=30)[0]
    assert "shown once" not in rest


def test_sigterm_drains_and_flushes(tmp_path, env) -> None:
    proc, base, url = start(tmp_path, env=env)
    key = env["GATEHOUSE_DEMO_KEY"]
    for i in range(25):
        assert httpx.post(base + "/v1/chat/completions", headers=auth(key),
                          json={"model": "m", "messages": [{"role": "user", "content": f"q{i}"}]}).status_code == 200
    result: dict = {}

    def slow() -> None:
        result["r"] = httpx.post(base + "/v1/chat/completions", headers=auth(key), timeout=30,
                                 json={"model": "slow", "messages": [{"role": "user", "content": "slow one"}]})

    t = threading.Thread(target=slow)
    t.start()
    time.sleep(0.4)  # the slow request is in flight
    proc.send_signal(signal.SIGTERM)
    t.join(30)
    assert proc.wait(30) == 0
    assert result["r"].status_code == 200  # drained, not cut
    assert len(rows(url)) == 26  # flush interval is 60 s: only the shutdown flush can have written them


def test_client_disconnect_mid_stream_cancels_upstream(tmp_path, env) -> None:
    proc, base, url = start(tmp_path, env=env)
    key = env["GATEHOUSE_DEMO_KEY"]
    try:
        t0 = time.monotonic()
        with httpx.stream("POST", base + "/v1/chat/completions", headers=auth(key), timeout=30,
                          json={"model": "drip", "stream": True, "max_tokens": 200,
                                "messages": [{"role": "user", "content": "a long story"}]}) as r:
            got = 0
            for line in r.iter_lines():
                if line.startswith("data: "):
                    got += 1
                if got >= 5:
                    break
        # 200 tokens at 20/s would take 10 s; the gateway must stop the upstream at once.
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
        assert time.monotonic() - t0 < 8
        (rec,) = rows(url)
        assert rec.status == 499 and rec.error_code == "client_disconnected"
        assert 0 < rec.completion_tokens < 200 and rec.usage_estimated
    finally:
        if proc.poll() is None:
            proc.kill()


def test_sighup_reloads_models(tmp_path, env) -> None:
    proc, base, url = start(tmp_path, env=env)
    key = env["GATEHOUSE_DEMO_KEY"]
    try:
        r = httpx.post(base + "/v1/chat/completions", headers=auth(key), json={"model": "new", "messages": [{"role": "user", "content": "x"}]})
        assert r.status_code == 404
        cfg = tmp_path / "gh.yaml"
        cfg.write_text(cfg.read_text() + "  new: {deployments: [{provider: sim}]}\n")
        proc.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            r = httpx.post(base + "/v1/chat/completions", headers=auth(key), json={"model": "new", "messages": [{"role": "user", "content": "x"}]})
            if r.status_code == 200:
                break
            time.sleep(0.1)
        assert r.status_code == 200
        cfg.write_text("models: [broken")
        proc.send_signal(signal.SIGHUP)
        time.sleep(0.5)
        assert httpx.post(base + "/v1/chat/completions", headers=auth(key), json={"model": "new", "messages": [{"role": "user", "content": "x"}]}).status_code == 200
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)


@pytest.mark.parametrize("stream", [False, True])
def test_client_disconnect_before_the_answer_cancels_upstream(tmp_path, env, stream) -> None:
    """A client that gives up while the upstream is still thinking stops the upstream call."""
    proc, base, url = start(tmp_path, env=env)
    key = env["GATEHOUSE_DEMO_KEY"]
    try:
        t0 = time.monotonic()
        with pytest.raises(httpx.ReadTimeout):
            httpx.post(base + "/v1/chat/completions", headers=auth(key), timeout=0.3,
                       json={"model": "slow", "stream": stream, "messages": [{"role": "user", "content": "q"}]})
        deadline = time.monotonic() + 10
        got: list = []
        while time.monotonic() < deadline and not got:
            proc.send_signal(signal.SIGTERM) if time.monotonic() - t0 > 0.8 and proc.poll() is None else None
            time.sleep(0.1)
            if proc.poll() is not None:
                got = rows(url)
        (rec,) = got
        assert rec.status == 499 and rec.error_code == "client_disconnected"
        assert rec.latency_ms < 1200  # the simulated upstream would have taken 1,500 ms
    finally:
        if proc.poll() is None:
            proc.kill()
