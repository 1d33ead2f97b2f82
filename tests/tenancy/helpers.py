"""Helpers shared by the governance tests: an operator-like config and direct tenant setup."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import yaml

from gatehouse.config import GatehouseConfig, load_config
from gatehouse.store.db import Store
from gatehouse.tenancy import keys as keysvc
from gatehouse.tenancy import service
from gatehouse.tenancy.settings import tenancy_settings
from gatehouse.tenancy.vetting import vet_tenant

ROOT = Path(__file__).resolve().parents[2]
OPERATOR = ROOT / "examples" / "operator.yaml"


def operator_config(tmp_path: Path, store_url: str | None = None, **extra: Any) -> tuple[GatehouseConfig, Path]:
    """examples/operator.yaml with the test's store (and extra top-level sections), written to tmp_path."""
    raw = yaml.safe_load(OPERATOR.read_text())
    raw["store"] = {"url": store_url or f"sqlite+aiosqlite:///{tmp_path}/op.db"}
    raw["redis_url"] = extra.pop("redis_url", None)
    raw["routing"]["backoff_base_s"] = 0
    raw["tenants"]["vetting"]["denied_parties"] = str(ROOT / "examples" / "denied_parties.csv")
    raw.update(extra)
    path = tmp_path / "operator.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False))
    return load_config(path), path


async def verified_tenant(cfg: GatehouseConfig, *, name: str = "Acme Widgets Ltd", jurisdiction: str = "US",
                          registration: str = "12-3456789", scopes: list[str] | None = None,
                          limits: dict[str, Any] | None = None) -> tuple[str, str, str]:
    """(tenant id, key id, key secret) for a freshly vetted tenant."""
    from datetime import date

    settings = tenancy_settings(cfg)
    store = Store(cfg.store.url)
    try:
        await store.migrate()
        async with store.engine.begin() as conn:
            t = await service.create_tenant(conn, settings, actor="test", name=name, jurisdiction=jurisdiction,
                                            entity_type="enterprise", registration_number=registration,
                                            founded_on=date(2010, 1, 1), terms_version=settings.vetting.terms_version,
                                            terms_clauses=list(settings.vetting.required_clauses))
            v = await vet_tenant(conn, settings, t["id"], actor="test", approve=True)
            assert v["status"] == "verified", v["checks"]
            meta, secret = await keysvc.create_key(conn, settings, actor="test", tenant_id=t["id"], scopes=scopes,
                                                   limits=limits)
    finally:
        await store.aclose()
    return t["id"], meta["id"], secret


def run_async(coro: Any) -> Any:
    return asyncio.run(coro)


class ServeProcess:
    """A real `python -m gatehouse serve` process."""

    def __init__(self, config_path: Path, port: int, env: dict[str, str]) -> None:
        self.port = port
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gatehouse", "serve", "--config", str(config_path), "--port", str(port)],
            env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=str(ROOT))
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{self.base}/healthz", timeout=1).status_code < 500:
                    break
            except httpx.HTTPError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                out = self.proc.stdout.read().decode() if self.proc.stdout else ""
                raise RuntimeError(f"gateway on port {port} did not start:\n{out}")
            time.sleep(0.1)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
