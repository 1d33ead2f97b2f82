"""The Redis limiter is exact across processes: two gateways under concurrent load never admit
more than the limit together."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from tests.conftest import ADMIN_KEY, DEMO_KEY, free_port
from tests.tenancy.helpers import ServeProcess, operator_config, run_async, verified_tenant

LIMIT = 25
TOTAL = 120


def test_rpm_exact_across_two_processes(tmp_path: Path, pg_url: str, redis_url: str, redis_prefix: str) -> None:
    cfg, path = operator_config(tmp_path, store_url=pg_url, redis_url=redis_url,
                                limits={"backend": "redis", "key_prefix": redis_prefix})
    _, _, key = run_async(verified_tenant(cfg, name="Busy Bees Ltd", limits={"rpm": LIMIT}))
    env = {"GATEHOUSE_ADMIN_KEY": ADMIN_KEY, "GATEHOUSE_DEMO_KEY": DEMO_KEY}
    procs = [ServeProcess(path, free_port(), env) for _ in range(2)]
    try:
        def call(i: int) -> httpx.Response:
            base = procs[i % 2].base
            return httpx.post(f"{base}/v1/chat/completions", headers={"Authorization": f"Bearer {key}"},
                              json={"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]},
                              timeout=30)

        with ThreadPoolExecutor(max_workers=24) as pool:
            responses = list(pool.map(call, range(TOTAL)))
        codes = [r.status_code for r in responses]
        assert codes.count(200) == LIMIT, codes
        assert codes.count(429) == TOTAL - LIMIT
        refused = next(r for r in responses if r.status_code == 429)
        assert int(refused.headers["retry-after"]) >= 1
        assert refused.headers["x-ratelimit-limit-requests"] == str(LIMIT)
        assert refused.headers["x-ratelimit-remaining-requests"] == "0"
        assert refused.json()["error"]["type"] == "rate_limit_error"
    finally:
        for p in procs:
            p.stop()
