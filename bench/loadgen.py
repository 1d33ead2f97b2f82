"""An async, closed-loop load generator for OpenAI-style chat completions.

N concurrent workers share one keep-alive aiohttp session; each sends a request, reads the
whole answer, records its latency in nanoseconds (and, for streams, the time to the first
SSE bytes), and sends the next, until a fixed duration has passed or a request count is
reached. A warm-up phase (not recorded) opens the connections and warms the target's caches.

Library use: `await run_load(LoadSpec(...))` -> `LoadResult`. CLI (prints one JSON object):

    python bench/loadgen.py --url http://127.0.0.1:8080/v1/chat/completions --key sk-... \
        --model mock-gpt -c 16 --duration 5 [--stream] [--requests N] [--warmup 1]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import sys
import time
from dataclasses import asdict, dataclass, field
from collections.abc import Callable
from typing import Any

import aiohttp

__all__ = ["LoadSpec", "LoadResult", "run_load", "percentile", "request_body"]

PROMPT = "Say hello to the benchmark in one short sentence."


def request_body(model: str, stream: bool) -> bytes:
    body: dict[str, Any] = {"model": model, "messages": [{"role": "user", "content": PROMPT}], "max_tokens": 16}
    if stream:
        body["stream"] = True
        body["stream_options"] = {"include_usage": True}
    return json.dumps(body, separators=(",", ":")).encode()


@dataclass
class LoadSpec:
    url: str
    model: str = "mock-gpt"
    key: str | None = None
    concurrency: int = 1
    stream: bool = False
    duration_s: float | None = 5.0  # measured phase length; None when `requests` is set
    requests: int | None = None  # measured request count instead of a duration
    warmup_s: float = 1.0
    timeout_s: float = 30.0


@dataclass
class LoadResult:
    concurrency: int
    stream: bool
    requests: int = 0  # successful, measured
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    elapsed_s: float = 0.0
    rps: float = 0.0
    latency_ms: dict[str, float] = field(default_factory=dict)  # p50, p90, p99, mean, max
    ttft_ms: dict[str, float] = field(default_factory=dict)  # streams only

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def percentile(sorted_ns: list[int], q: float) -> float:
    """Nearest-rank percentile of sorted nanosecond samples, in milliseconds."""
    if not sorted_ns:
        return float("nan")
    k = max(0, min(len(sorted_ns) - 1, math.ceil(q / 100.0 * len(sorted_ns)) - 1))
    return sorted_ns[k] / 1e6


def summarize(samples_ns: list[int]) -> dict[str, float]:
    if not samples_ns:
        return {}
    s = sorted(samples_ns)
    return {
        "p50": percentile(s, 50), "p90": percentile(s, 90), "p99": percentile(s, 99),
        "mean": sum(s) / len(s) / 1e6, "min": s[0] / 1e6, "max": s[-1] / 1e6,
    }


class _Shared:
    __slots__ = ("deadline_ns", "remaining", "recording", "lat", "ttft", "errors", "error_samples")

    def __init__(self) -> None:
        self.deadline_ns = 0
        self.remaining: int | None = None
        self.recording = False
        self.lat: list[int] = []
        self.ttft: list[int] = []
        self.errors = 0
        self.error_samples: list[str] = []


async def _one(session: aiohttp.ClientSession, spec: LoadSpec, body: bytes, headers: dict[str, str],
               sh: _Shared) -> None:
    perf = time.perf_counter_ns
    t0 = perf()
    first = 0
    try:
        async with session.post(spec.url, data=body, headers=headers) as resp:
            if spec.stream:
                content = resp.content
                while True:
                    chunk = await content.readany()
                    if not chunk:
                        break
                    if not first:
                        first = perf()
            else:
                await resp.read()
            status = resp.status
    except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as exc:
        sh.errors += 1
        if len(sh.error_samples) < 5:
            sh.error_samples.append(f"{type(exc).__name__}: {exc}")
        return
    t1 = perf()
    if status != 200:
        sh.errors += 1
        if len(sh.error_samples) < 5:
            sh.error_samples.append(f"HTTP {status}")
        return
    if sh.recording:
        sh.lat.append(t1 - t0)
        if spec.stream and first:
            sh.ttft.append(first - t0)


async def _worker(session: aiohttp.ClientSession, spec: LoadSpec, body: bytes, headers: dict[str, str],
                  sh: _Shared) -> None:
    perf = time.perf_counter_ns
    while True:
        if sh.remaining is not None:
            if sh.remaining <= 0:
                return
            sh.remaining -= 1
        elif perf() >= sh.deadline_ns:
            return
        await _one(session, spec, body, headers, sh)


async def run_load(spec: LoadSpec, on_start: Callable[[], None] | None = None,
                   on_end: Callable[[], None] | None = None) -> LoadResult:
    """One warm-up plus one measured phase; `on_start`/`on_end` run right around the measured one."""
    body = request_body(spec.model, spec.stream)
    headers = {"content-type": "application/json"}
    if spec.key:
        headers["authorization"] = f"Bearer {spec.key}"
    connector = aiohttp.TCPConnector(limit=0, force_close=False, ttl_dns_cache=None)
    timeout = aiohttp.ClientTimeout(total=spec.timeout_s)
    sh = _Shared()
    async with aiohttp.ClientSession(connector=connector, timeout=timeout, skip_auto_headers=("User-Agent",),
                                     auto_decompress=False) as session:
        # warm-up: same concurrency, nothing recorded
        if spec.warmup_s > 0:
            sh.deadline_ns = time.perf_counter_ns() + int(spec.warmup_s * 1e9)
            await asyncio.gather(*(_worker(session, spec, body, headers, sh) for _ in range(spec.concurrency)))
        sh.errors = 0
        sh.error_samples.clear()
        sh.recording = True
        if spec.requests is not None:
            sh.remaining = spec.requests
            sh.deadline_ns = 0
        else:
            sh.deadline_ns = time.perf_counter_ns() + int((spec.duration_s or 1.0) * 1e9)
        if on_start is not None:
            on_start()
        t0 = time.perf_counter_ns()
        await asyncio.gather(*(_worker(session, spec, body, headers, sh) for _ in range(spec.concurrency)))
        elapsed = (time.perf_counter_ns() - t0) / 1e9
        if on_end is not None:
            on_end()
    res = LoadResult(concurrency=spec.concurrency, stream=spec.stream, requests=len(sh.lat), errors=sh.errors,
                     error_samples=list(sh.error_samples), elapsed_s=elapsed,
                     rps=len(sh.lat) / elapsed if elapsed > 0 else 0.0,
                     latency_ms=summarize(sh.lat), ttft_ms=summarize(sh.ttft))
    return res


def run_sync(spec: LoadSpec, on_start: Callable[[], None] | None = None,
             on_end: Callable[[], None] | None = None) -> LoadResult:
    """Run one load phase on a fresh event loop (uvloop when installed)."""
    coro = run_load(spec, on_start, on_end)
    try:
        import uvloop
    except ImportError:  # pragma: no cover
        return asyncio.run(coro)
    return uvloop.run(coro)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Closed-loop load generator for /v1/chat/completions.")
    ap.add_argument("--url", required=True, help="full URL of the chat completions endpoint")
    ap.add_argument("--key", default=os.environ.get("BENCH_KEY"), help="bearer key (default $BENCH_KEY)")
    ap.add_argument("--model", default="mock-gpt")
    ap.add_argument("-c", "--concurrency", type=int, default=1)
    ap.add_argument("--stream", action="store_true")
    ap.add_argument("--duration", type=float, default=5.0, help="measured seconds (default 5)")
    ap.add_argument("--requests", type=int, default=None, help="measured request count instead of a duration")
    ap.add_argument("--warmup", type=float, default=1.0, help="warm-up seconds, not recorded (default 1)")
    ap.add_argument("--cpu", type=int, default=None, help="pin this process to one CPU core")
    args = ap.parse_args(argv)
    if args.cpu is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.cpu})
    spec = LoadSpec(url=args.url, model=args.model, key=args.key, concurrency=args.concurrency, stream=args.stream,
                    duration_s=None if args.requests else args.duration, requests=args.requests,
                    warmup_s=args.warmup)
    res = run_sync(spec)
    print(json.dumps(res.to_dict(), indent=2))
    return 0 if res.requests > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
