"""The issue's scripted acceptance, command by command, against a running gateway."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import openai

from tests.tenancy.helpers import operator_config


def _cli(path: Path, *args: str) -> Any:
    p = subprocess.run([sys.executable, "-m", "gatehouse", *args, "--config", str(path), "--json"],
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def _until(fn: Any, limit_s: float = 1.0) -> float:
    t0 = time.monotonic()
    while not fn():
        assert time.monotonic() - t0 < limit_s + 0.5, "not visible in time"
        time.sleep(0.02)
    return time.monotonic() - t0


def test_scripted_acceptance(tmp_path: Path, gateway_server) -> None:  # type: ignore[no-untyped-def]
    cfg, path = operator_config(tmp_path)
    gw = gateway_server(cfg)
    t = _cli(path, "tenants", "create", "--name", "Example Tech Co., Ltd.", "--jurisdiction", "CN", "--type",
             "enterprise", "--registration", "91330100MA27AB1C6C", "--founded", "2015-03-01")
    assert t["status"] == "applied" and t["id"]
    v = _cli(path, "tenants", "vet", t["id"], "--approve", "--reason", "documents checked")
    assert v["status"] == "verified" and {c["result"] for c in v["checks"]} == {"pass"}
    k = _cli(path, "keys", "create", "--tenant", t["id"])
    assert k["key"].startswith("sk-gh-") and k["id"]
    client = openai.OpenAI(base_url=gw.v1, api_key=k["key"], max_retries=0)
    assert {m.id for m in client.models.list()} == {"gpt-4o", "gpt-4o-mini"}

    _cli(path, "tenants", "suspend", t["id"], "--reason", "terms breach")

    def refused(exc_type: type[Exception]) -> bool:
        try:
            client.models.list()
        except exc_type:
            return True
        return False

    assert _until(lambda: refused(openai.PermissionDeniedError)) < 1.0
    assert _cli(path, "tenants", "reinstate", t["id"], "--reason", "resolved")["status"] == "verified"
    _until(lambda: not refused(openai.PermissionDeniedError))
    _cli(path, "keys", "revoke", k["id"])
    assert _until(lambda: refused(openai.AuthenticationError)) < 1.0
    out = _cli(path, "audit", "verify")
    assert out["ok"] is True and out["first_bad"] is None and out["entries"] >= 8

    p = subprocess.run([sys.executable, "-m", "gatehouse", "tenants", "create", "--config", str(path), "--name",
                        "Jane Doe", "--jurisdiction", "US", "--type", "individual", "--json"],
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 1 and "Individuals cannot become tenants" in p.stderr
