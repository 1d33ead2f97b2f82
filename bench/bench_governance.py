"""What governance adds per request: API-key authentication, the tenant check, the policy
guard, the monitor's enforcement guard and the limits guard (check and finish), measured
in-process on the benchmark config with every limit on (and never reached).

    .venv/bin/python bench/bench_governance.py [--requests 20000]

Prints p50/p99 per request in microseconds. Target (issue 4): at most 100 µs p50.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gatehouse.api.middleware.auth import check_tenant  # noqa: E402
from gatehouse.config import load_config  # noqa: E402
from gatehouse.gateway import Gateway  # noqa: E402
from gatehouse.pipeline import CallContext, RequestRecord  # noqa: E402
from gatehouse.providers.base import Endpoint, Usage  # noqa: E402

KEY = "sk-gh-bench-governance"


async def main(n: int) -> None:
    os.environ.setdefault("BENCH_UPSTREAM", "http://127.0.0.1:9/v1")
    os.environ["GATEHOUSE_DEMO_KEY"] = KEY
    os.environ.setdefault("GATEHOUSE_ADMIN_KEY", "ghadm-bench-governance")
    with tempfile.TemporaryDirectory() as tmp:
        cfg = load_config(ROOT / "examples" / "bench.yaml")
        cfg.store.url = f"sqlite+aiosqlite:///{tmp}/gov.db"
        gw = Gateway(cfg)
        await gw.start()
        try:
            model = gw.catalogue.get("mock-gpt")
            body = {"model": "mock-gpt", "max_tokens": 64,
                    "messages": [{"role": "user", "content": "Summarize the quarterly report in three bullet points."}]}
            times: list[float] = []
            for i in range(n + 1000):
                t0 = time.perf_counter_ns()
                principal = await gw.keyring.authenticate(KEY)
                check_tenant(principal)
                record = RequestRecord(id=f"r{i}", ts=datetime.now(timezone.utc), endpoint=Endpoint.CHAT.value,
                                       tenant_id=principal.tenant_id, key_id=principal.key_id)
                ctx = CallContext(principal, Endpoint.CHAT, body, model, record)
                for guard in gw.guards:
                    await guard.check(ctx)
                record.usage = Usage(20, 40)
                record.cost_micros = 450
                for guard in gw.guards:
                    guard.finish(ctx)
                t1 = time.perf_counter_ns()
                if i >= 1000:  # warm-up
                    times.append((t1 - t0) / 1000)
                if i % 200 == 0:
                    await asyncio.sleep(0)  # let the limits' release tasks run, as a server would
            times.sort()
            names = ", ".join(type(g).__name__ for g in gw.guards)
            print(f"guards: {names}")
            print(f"governance per request over {n} requests: p50 {statistics.median(times):.1f} µs, "
                  f"p99 {times[int(len(times) * 0.99)]:.1f} µs (target p50 <= 100 µs)")
        finally:
            await gw.close()


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--requests", type=int, default=20000)
    asyncio.run(main(ap.parse_args().requests))
