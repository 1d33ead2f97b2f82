"""Monitor benchmark: detection quality on the simulator's week, on an unseen generator
configuration and on held-out ones, detection throughput and memory on ~1M requests, the live submit
cost, and the live feature update per request on a simulated mix of traffic (p50, p90, p99).

    .venv/bin/python bench/bench_monitor.py                 # everything (several minutes)
    .venv/bin/python bench/bench_monitor.py --scale 0.3 --skip-throughput
    .venv/bin/python bench/bench_monitor.py --configs holdout5,holdout6 --half --skip-throughput
    .venv/bin/python bench/bench_monitor.py --skip-quality --skip-throughput   # the live figures alone

Prints figures; exits 0. Traces go to --workdir (default: a temporary directory).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gatehouse.monitor.evaluate import format_evaluation  # noqa: E402
from gatehouse.monitor.extract import default_workers  # noqa: E402
from gatehouse.monitor.offline import run_detect  # noqa: E402
from gatehouse.monitor.sim.generator import simulate  # noqa: E402

__all__ = ["main"]


def _quality(workdir: Path, name: str, seed: int, config: str, scale: float, campaigns: list[int] | None) -> None:
    trace, labels = workdir / f"{name}.jsonl", workdir / f"{name}.labels.json"
    t0 = time.perf_counter()
    summary = simulate(seed, trace, labels, config=config, scale=scale, campaign_sizes=campaigns)
    t1 = time.perf_counter()
    report, ev = run_detect(trace, labels)
    t2 = time.perf_counter()
    assert ev is not None
    print(f"\n== {name}: generator '{config}', seed {seed}, {summary['requests']} requests, {summary['tenants']} tenants "
          f"(simulated in {t1 - t0:.0f}s, detected in {t2 - t1:.0f}s = {summary['requests'] / (t2 - t1):.0f} req/s)")
    print(format_evaluation(ev))


_SEEDS = {"main": 1, "unseen": 2, "holdout": 3, "holdout2": 4, "holdout3": 5, "holdout4": 6, "holdout5": 7,
          "holdout6": 8, "holdout7": 9, "holdout8": 10,
          "holdout9": 11, "holdout10": 12, "holdout11": 13, "holdout12": 14}


def _throughput(workdir: Path, target: int) -> None:
    trace = workdir / "throughput.jsonl"
    # the main mixture is ~520k requests at scale 1.0 with its 5,000-account campaign
    scale = target / 520_000
    t0 = time.perf_counter()
    summary = simulate(99, trace, None, scale=scale)
    t1 = time.perf_counter()
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    report, _ = run_detect(trace)
    t2 = time.perf_counter()
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    size = trace.stat().st_size / 1e9
    print(f"\n== throughput: {summary['requests']} requests ({size:.2f} GB) from {summary['tenants']} tenants "
          f"(simulated in {t1 - t0:.0f}s)")
    print(f"detect: {t2 - t1:.1f}s = {summary['requests'] / (t2 - t1):.0f} req/s with {default_workers()} worker "
          f"process(es) beside the replay on {os.cpu_count()} cores; "
          f"peak RSS {max(rss0, rss1) / 1024:.0f} MiB (before detect {rss0 / 1024:.0f} MiB), largest worker "
          f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MiB; "
          f"{len(report['campaigns'])} campaigns")


# a request of ordinary size (a system prompt, a 60-word question, a 240-word answer)
_PROMPT = ("Write a thorough explanation of how reservoir sedimentation affects turbine efficiency in run-of-river "
           "hydropower plants, covering the physical mechanisms, typical measurement approaches, the maintenance "
           "trade-offs operators face, and two worked examples with numbers, then summarise the practical "
           "recommendations for a plant manager in a short list at the end.")


def _submit_cost() -> None:
    from gatehouse.monitor.enforce import Decisions
    from gatehouse.monitor.live import MonitorSink
    from gatehouse.monitor.policy import MonitorConfig
    from gatehouse.pipeline import RequestRecord

    system = {"role": "system", "content": "You are the support assistant for Acme. Be brief."}
    single = [system, {"role": "user", "content": _PROMPT}]
    # a follow-up: the topic words are read from the first question too
    conversation = [system, {"role": "user", "content": _PROMPT}, {"role": "assistant", "content": _PROMPT * 2},
                    {"role": "user", "content": "Go deeper on the second worked example, with the numbers spelled out."}]
    for name, messages in (("single question", single), ("follow-up in a conversation", conversation)):
        sink = MonitorSink(MonitorConfig(), Decisions())
        rec = RequestRecord(id="r", ts=datetime.now(timezone.utc), endpoint="/v1/chat/completions", tenant_id="t",
                            key_id="k", request_body={"model": "gpt-4o", "temperature": 0.7, "max_tokens": 2000,
                                                      "messages": messages},
                            response_text=_PROMPT * 4)
        samples = []
        for _ in range(100_000):
            t = time.perf_counter_ns()
            sink.submit(rec)
            samples.append(time.perf_counter_ns() - t)
        samples.sort()
        print(f"\n== live submit, {name}: p50 {samples[len(samples) // 2] / 1000:.2f} µs, "
              f"p99 {samples[int(len(samples) * 0.99)] / 1000:.2f} µs")
        t0 = time.perf_counter()
        n = asyncio.run(sink.drain())
        dt = time.perf_counter() - t0
        print(f"background feature update: {dt / n * 1e6:.1f} µs per request (off the response path)")


def _live_update_cost(workdir: Path, requests: int) -> None:
    """The background feature update (`MonitorSink.observe`, the drain's work per request: features
    from the record, then the monitor's state) on a simulated week's mix of tenants and request shapes, each request
    timed on its own, the monitor's state growing as the traffic goes by (every 20th request of a
    key or tenant rescores it)."""
    from gatehouse.monitor.enforce import Decisions
    from gatehouse.monitor.live import MonitorSink
    from gatehouse.monitor.policy import MonitorConfig
    from gatehouse.traffic.replay import to_request_record
    from gatehouse.traffic.trace import TraceReader

    trace = workdir / "live-mix.jsonl"
    # the main mixture is ~520k requests at scale 1.0; a campaign of 25 accounts keeps it small
    simulate(98, trace, None, scale=requests / 520_000, campaign_sizes=[25])
    records = [to_request_record(rec) for rec in TraceReader(trace)]
    records.sort(key=lambda r: r.ts)
    sink = MonitorSink(MonitorConfig(), Decisions())  # never started: no background passes
    samples = []
    clock = time.perf_counter_ns
    for rec in records:
        t = clock()
        sink.observe(rec)
        samples.append(clock() - t)
    samples.sort()
    n = len(samples)
    print(f"\n== live feature update on a simulated mix ({n} requests from {len(sink.monitor.tenants)} tenants, "
          f"off the response path): p50 {samples[n // 2] / 1000:.1f} µs, p90 {samples[int(n * 0.9)] / 1000:.1f} µs, "
          f"p99 {samples[int(n * 0.99)] / 1000:.1f} µs, mean {sum(samples) / n / 1000:.1f} µs")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scale", type=float, default=1.0, help="volume of the quality weeks")
    ap.add_argument("--throughput-requests", type=int, default=1_000_000)
    ap.add_argument("--skip-throughput", action="store_true")
    ap.add_argument("--skip-quality", action="store_true")
    ap.add_argument("--live-requests", type=int, default=50_000,
                    help="about how many requests the live feature-update mix holds")
    ap.add_argument("--configs", default="", help=f"comma-separated generators (default all: {','.join(_SEEDS)})")
    ap.add_argument("--half", action="store_true", help="also run each generator at half the volume")
    ap.add_argument("--workdir", default=None)
    args = ap.parse_args()
    from gatehouse.monitor import native

    print("monitor core:", "compiled (mypyc)" if native.active() else "plain Python (no fresh compiled build)")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(args.workdir or tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        _submit_cost()
        _live_update_cost(workdir, args.live_requests)
        if not args.skip_quality:
            # each generator with the seed the README's table uses; holdout3 to holdout7 were each
            # written before any detection on them (the README says which were tuned on since)
            wanted = args.configs.split(",") if args.configs else list(_SEEDS)
            for config in wanted:
                for scale in (args.scale, args.scale / 2) if args.half else (args.scale,):
                    name = config if scale == args.scale else f"{config}-half"
                    _quality(workdir, name, _SEEDS[config], config, scale, None)
        if not args.skip_throughput:
            _throughput(workdir, args.throughput_requests)


if __name__ == "__main__":
    main()
