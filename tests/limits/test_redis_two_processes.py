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


SLOW_PROVIDERS = {name: {"kind": "simulator", "options": {"latency_ms": 2000}}
                  for name in ("sim-singapore", "sim-us-east", "sim-sweden")}


def test_tpm_and_concurrency_exact_across_two_processes(tmp_path: Path, pg_url: str, redis_url: str,
                                                       redis_prefix: str) -> None:
    """Every request is slow (2 s upstream), so all of a burst is admitted or refused before any
    finishes: the combined admitted count is exactly what the limit allows."""
    cfg, path = operator_config(tmp_path, store_url=pg_url, redis_url=redis_url, providers=SLOW_PROVIDERS,
                                limits={"backend": "redis", "key_prefix": redis_prefix})
    _, _, probe = run_async(verified_tenant(cfg, name="Probe Labs Ltd", limits={"tpm": 1_000_000}))
    _, _, conc_key = run_async(verified_tenant(cfg, name="Parallel Co Ltd", limits={"concurrency": 4}))
    env = {"GATEHOUSE_ADMIN_KEY": ADMIN_KEY, "GATEHOUSE_DEMO_KEY": DEMO_KEY}
    procs = [ServeProcess(path, free_port(), env) for _ in range(2)]
    body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "count my tokens"}], "max_tokens": 10}
    try:
        def call(key: str, i: int) -> httpx.Response:
            return httpx.post(f"{procs[i % 2].base}/v1/chat/completions",
                              headers={"Authorization": f"Bearer {key}"}, json=body, timeout=30)

        def burst(key: str, n: int) -> list[httpx.Response]:
            with ThreadPoolExecutor(max_workers=n) as pool:
                return list(pool.map(lambda i: call(key, i), range(n)))

        # What one request reserves, as the success headers tell it.
        first = call(probe, 0)
        assert first.status_code == 200, first.text
        reserved = 1_000_000 - int(first.headers["x-ratelimit-remaining-tokens"])
        assert reserved > 10

        # Tokens per minute: room for exactly 6 reservations (a key created while both run).
        _, _, tpm_key = run_async(verified_tenant(cfg, name="Token Eaters Ltd", limits={"tpm": 6 * reserved}))
        codes = [r.status_code for r in burst(tpm_key, 20)]
        assert codes.count(200) == 6 and codes.count(429) == 14, codes

        # Concurrency: 4 slots between both processes; the slots come back when requests end.
        responses = burst(conc_key, 16)
        codes = [r.status_code for r in responses]
        assert codes.count(200) == 4 and codes.count(429) == 12, codes
        refused = next(r for r in responses if r.status_code == 429)
        assert refused.headers["x-ratelimit-limit-concurrency"] == "4"
        codes = [r.status_code for r in burst(conc_key, 4)]
        assert codes == [200] * 4, codes
    finally:
        for p in procs:
            p.stop()
