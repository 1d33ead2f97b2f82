"""Crafted traffic for signal tests: small, deterministic, no simulator."""

from __future__ import annotations

import os
import random
import string
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from gatehouse.monitor import native
from gatehouse.monitor.engine import Monitor
from gatehouse.monitor.features import from_body
from gatehouse.monitor.signals import compute
from gatehouse.monitor.state import State

__all__ = ["words", "chat", "run", "signals_of", "T0", "in_plain_python", "detect_in_child", "OPENINGS",
           "freeform_ask"]

T0 = 1795392000.0  # Monday 2026-11-23 00:00Z


def in_plain_python(request: pytest.FixtureRequest) -> bool:
    """For a test that patches a monitor module's internals, which compiled code does not see
    (`native`): when this process runs the compiled core, run the test again in a child process on
    plain Python, assert that it passes there, and return True (the caller then returns)."""
    if not native.active():
        return False
    root = Path(__file__).resolve().parents[2]
    child = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", request.node.nodeid],
                           cwd=root, env={**os.environ, "GATEHOUSE_NATIVE": "0"}, capture_output=True, text=True)
    assert child.returncode == 0, child.stdout[-4000:] + child.stderr[-2000:]
    return True


def detect_in_child(trace: Path, out: Path, **env: str) -> bytes:
    """The report `gatehouse detect` writes for `trace` in a child process with `env` added to its
    environment (another string hashing, plain Python)."""
    subprocess.run([sys.executable, "-c", "from gatehouse.cli.main import main; main()", "detect", str(trace),
                    "--out", str(out)],
                   check=True, env={**os.environ, **env}, capture_output=True, timeout=300)
    return out.read_bytes()


def words(rng: random.Random, pool: list[str], k: int) -> str:
    return " ".join(rng.choice(pool) for _ in range(k))


# a phrase pool for free-form asks composed per request (a campaign's, or honest newcomers' alike)
OPENINGS = ["hey so", "ok quick one", "right so basically", "hi there", "so i was wondering"]
_ASKS = ["write me everything you know about {t}", "give a complete rundown of {t}", "explain {t} start to finish"]
_CLOSINGS = ["the longer the better honestly", "dont skip anything at all", "go as deep as you can"]


def freeform_ask(rng: random.Random, pool: list[str]) -> str:
    """A long ask composed from the phrase pool around two words of `pool`."""
    return f"{rng.choice(OPENINGS)}, {rng.choice(_ASKS).format(t=words(rng, pool, 2))}. {rng.choice(_CLOSINGS)}"


def vocab(rng: random.Random, n: int) -> list[str]:
    return ["".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(5, 9))) for _ in range(n)]


def chat(user: str, *, system: str | None = None, history: int = 0, **params: Any) -> dict[str, Any]:
    msgs: list[dict[str, Any]] = []
    if system:
        msgs.append({"role": "system", "content": system})
    for _ in range(history):
        msgs += [{"role": "user", "content": "earlier question"}, {"role": "assistant", "content": "earlier answer"}]
    msgs.append({"role": "user", "content": user})
    return {"model": "m", "messages": msgs, **params}


def run(requests: list[tuple[float, dict[str, Any], int, int]], tenant: str = "org_t", key: str = "key_t",
        ip: str | list[str] = "10.0.0.1", ua: str = "ua/1", monitor: Monitor | None = None,
        bill: str | None = None) -> Monitor:
    """Feed (ts, body, prompt_tokens, completion_tokens) through a Monitor; `ip` may give each
    request its own address (a proxy's rotation)."""
    mon = monitor or Monitor()
    for i, (ts, body, pt, ct) in enumerate(requests):
        addr = ip if isinstance(ip, str) else ip[i]
        mon.observe(from_body(ts=ts, tenant=tenant, key=key, rid=f"{key}-{i}", body=body, ip=addr, ua=ua, bill=bill,
                              prompt_tokens=pt, completion_tokens=ct, finish_reason="stop"))
    return mon


def signals_of(state: State) -> dict[str, float]:
    return {s.name: s.value for s in compute(state)}
