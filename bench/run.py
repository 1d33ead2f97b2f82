"""The Gatehouse benchmark: added latency and throughput against a bare proxy and LiteLLM.

Starts the mock upstream, then for each target - `direct` (the mock itself), `floor` (a bare
aiohttp forwarding proxy), `gatehouse` (`gatehouse serve --config examples/bench.yaml`, one
worker, every feature on) and `litellm` (LiteLLM's proxy from PyPI in bench/.venv-litellm,
one worker, production settings, no database) - runs closed-loop load at concurrency 1, 16
and 64, non-streaming and streaming, and reports:

- throughput (successful requests/s),
- latency p50/p99 and *added* latency (target minus direct, same scenario),
- for streams, time to first token (first SSE bytes) and its added part.

The target process is pinned to one core and the load generator plus mock to another
(`--target-cpu`, `--load-cpu`; default 0 and 1), so that figures are steady. Prints a
markdown table and writes bench/results/latest.json.

    make bench                                  # all targets, 10 s per scenario
    .venv/bin/python bench/run.py --quick       # 2 s per scenario
    .venv/bin/python bench/run.py --targets direct,gatehouse --duration 5
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from loadgen import LoadSpec, run_sync  # noqa: E402

ALL_TARGETS = ("direct", "floor", "gatehouse", "litellm")
BENCH_KEY = "sk-gh-bench-0123456789abcdef0123456789abcdef"
BENCH_ADMIN_KEY = "ghadm-bench-0123456789abcdef0123456789abcdef"
LITELLM_KEY = "sk-litellm-bench-0123456789abcdef"
MODEL = "mock-gpt"

# The targets for one Gatehouse worker (informational: this is not a timed test).
GOALS = {"p50_added_c1_ms": 1.0, "p99_added_c16_ms": 5.0, "rps_min": 2000.0}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pin(cpu: int | None) -> Any:
    """A preexec_fn pinning the child (and everything it spawns) to one core."""
    if cpu is None or not hasattr(os, "sched_setaffinity"):
        return None

    def _pin() -> None:
        os.sched_setaffinity(0, {cpu})

    return _pin


def http_status(url: str, *, method: str = "GET", body: bytes | None = None, headers: dict[str, str] | None = None,
                timeout: float = 2.0) -> tuple[int, bytes]:
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 (loopback only)
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
    except (urllib.error.URLError, OSError, TimeoutError):
        return 0, b""


# --------------------------------------------------------------------------------- processes


@dataclass
class Proc:
    name: str
    popen: subprocess.Popen[bytes]
    log_path: Path

    def alive(self) -> bool:
        return self.popen.poll() is None

    def tail(self, n: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def stop(self, timeout: float = 15.0) -> None:
        if not self.alive():
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGTERM)  # its own session: the process we started and its children
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(5)


def spawn(name: str, cmd: list[str], *, cpu: int | None, env: dict[str, str] | None, logs: Path,
          cwd: Path = ROOT) -> Proc:
    logs.mkdir(parents=True, exist_ok=True)
    log_path = logs / f"{name}.log"
    fh = open(log_path, "wb")  # noqa: SIM115 (owned by the child)
    full_env = dict(os.environ)
    full_env.update(env or {})
    popen = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, env=full_env, cwd=str(cwd),
                             preexec_fn=pin(cpu), start_new_session=True)
    fh.close()
    return Proc(name, popen, log_path)


def wait_ready(proc: Proc | None, check: Any, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and not proc.alive():
            return False
        if check():
            return True
        time.sleep(0.1)
    return False


# --------------------------------------------------------------------------------- targets


@dataclass
class Target:
    name: str
    url: str  # chat completions URL
    key: str | None
    proc: Proc | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.stop()


def _probe_chat(url: str, key: str | None) -> tuple[int, bytes]:
    body = json.dumps({"model": MODEL, "messages": [{"role": "user", "content": "ping"}]}).encode()
    headers = {"content-type": "application/json"}
    if key:
        headers["authorization"] = f"Bearer {key}"
    return http_status(url, method="POST", body=body, headers=headers, timeout=10)


def start_floor(upstream_origin: str, cpu: int | None, logs: Path) -> Target:
    port = free_port()
    proc = spawn("floor", [sys.executable, str(HERE / "floor_proxy.py"), "--upstream", upstream_origin,
                           "--port", str(port)], cpu=cpu, env=None, logs=logs)
    url = f"http://127.0.0.1:{port}/v1/chat/completions"
    if not wait_ready(proc, lambda: _probe_chat(url, None)[0] == 200, 20):
        proc.stop()
        raise RuntimeError(f"floor proxy did not start:\n{proc.tail()}")
    return Target("floor", url, None, proc, note="aiohttp server+client, no auth, no parsing")


PG_ADMIN = os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432")


def _pg(sql: str) -> None:
    import asyncio

    import asyncpg

    async def go() -> None:
        conn = await asyncpg.connect(PG_ADMIN + "/postgres")
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(go())


def store_url(kind: str, workdir: Path) -> tuple[str, Any]:
    """The benchmark's database: embedded SQLite, or a scratch PostgreSQL database (dropped after)."""
    if kind == "sqlite":
        return f"sqlite+aiosqlite:///{workdir}/bench.db", lambda: None
    name = f"gh_benchrun_{os.getpid()}"
    _pg(f'DROP DATABASE IF EXISTS "{name}"')
    _pg(f'CREATE DATABASE "{name}"')
    return (PG_ADMIN.replace("postgresql://", "postgresql+asyncpg://") + "/" + name,
            lambda: _pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def start_gatehouse(upstream_base: str, cpu: int | None, logs: Path, workdir: Path, config: Path,
                    store: str = "") -> Target:
    port = free_port()
    env = {
        "BENCH_UPSTREAM": upstream_base,
        "BENCH_PORT": str(port),
        "BENCH_STORE_URL": store or f"sqlite+aiosqlite:///{workdir}/bench.db",
        "GATEHOUSE_DEMO_KEY": BENCH_KEY,
        "GATEHOUSE_ADMIN_KEY": BENCH_ADMIN_KEY,
        "GATEHOUSE_WATERMARK_SECRET": os.environ.get("GATEHOUSE_WATERMARK_SECRET", "bench-watermark-secret"),
        "PYTHONUNBUFFERED": "1",
    }
    python = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
    proc = spawn("gatehouse", [python, "-m", "gatehouse", "serve", "--config", str(config), "--host", "127.0.0.1",
                               "--port", str(port)], cpu=cpu, env=env, logs=logs, cwd=workdir)
    base = f"http://127.0.0.1:{port}"
    if not wait_ready(proc, lambda: http_status(base + "/readyz")[0] == 200, 90):
        proc.stop()
        raise RuntimeError(f"gatehouse did not become ready:\n{proc.tail()}")
    url = base + "/v1/chat/completions"
    status, body = _probe_chat(url, BENCH_KEY)
    if status != 200:
        proc.stop()
        raise RuntimeError(f"gatehouse refused the probe request ({status}): {body[:500]!r}\n{proc.tail()}")
    return Target("gatehouse", url, BENCH_KEY, proc, note=f"1 worker, {config.relative_to(ROOT) if config.is_relative_to(ROOT) else config}")


LITELLM_VENV = HERE / ".venv-litellm"


def litellm_config(upstream_base: str) -> str:
    # LiteLLM's documented production settings (docs.litellm.ai/docs/proxy/prod), without a database.
    return f"""\
model_list:
  - model_name: {MODEL}
    litellm_params:
      model: openai/mock-gpt-upstream
      api_base: {upstream_base}
      api_key: sk-mock-upstream
general_settings:
  master_key: os.environ/LITELLM_MASTER_KEY
  proxy_batch_write_at: 60
  disable_error_logs: true
  allow_requests_on_db_unavailable: true
litellm_settings:
  request_timeout: 600
  set_verbose: false
  json_logs: true
"""


def ensure_litellm(setup: bool) -> str | None:
    """None when ready; else why LiteLLM is skipped."""
    exe = LITELLM_VENV / "bin" / "litellm"
    if not exe.exists():
        if not setup:
            return "bench/.venv-litellm is missing (run bash bench/litellm_setup.sh)"
        log("installing LiteLLM into bench/.venv-litellm (bench/litellm_setup.sh) ...")
        rc = subprocess.run(["bash", str(HERE / "litellm_setup.sh")], cwd=str(ROOT)).returncode
        if rc != 0 or not exe.exists():
            return f"bench/litellm_setup.sh failed (exit {rc}); LiteLLM could not be installed"
    return None


def start_litellm(upstream_base: str, cpu: int | None, logs: Path, workdir: Path) -> Target:
    port = free_port()
    cfg = workdir / "litellm.yaml"
    cfg.write_text(litellm_config(upstream_base))
    env = {
        "LITELLM_MASTER_KEY": LITELLM_KEY,
        "LITELLM_LOG": "ERROR",
        "LITELLM_MODE": "PRODUCTION",
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",  # no network at start
        "DISABLE_SCHEMA_UPDATE": "true",
        "PYTHONUNBUFFERED": "1",
    }
    env_clean = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "VIRTUAL_ENV", "PYTHONPATH")}
    env_clean.update(env)
    cmd = [str(LITELLM_VENV / "bin" / "litellm"), "--config", str(cfg), "--host", "127.0.0.1", "--port", str(port),
           "--num_workers", "1"]
    logs.mkdir(parents=True, exist_ok=True)
    log_path = logs / "litellm.log"
    with open(log_path, "wb") as fh:
        popen = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, env=env_clean, cwd=str(workdir),
                                 preexec_fn=pin(cpu), start_new_session=True)
    proc = Proc("litellm", popen, log_path)
    base = f"http://127.0.0.1:{port}"
    if not wait_ready(proc, lambda: http_status(base + "/health/liveliness")[0] == 200, 180):
        proc.stop()
        raise RuntimeError(f"litellm did not start:\n{proc.tail()}")
    url = base + "/v1/chat/completions"
    status, body = _probe_chat(url, LITELLM_KEY)
    if status != 200:
        proc.stop()
        raise RuntimeError(f"litellm refused the probe request ({status}): {body[:500]!r}\n{proc.tail()}")
    version = subprocess.run([str(LITELLM_VENV / "bin" / "python"), "-c",
                              "from importlib.metadata import version; print(version('litellm'))"],
                             capture_output=True, text=True).stdout.strip()
    return Target("litellm", url, LITELLM_KEY, proc, note=f"litellm {version}, 1 worker, no database",
                  extra={"version": version})


# --------------------------------------------------------------------------------- measuring

_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def group_cpu_s(pgid: int) -> float | None:
    """CPU seconds (user + system, all threads) used so far by every process in a process group."""
    total = 0
    found = False
    try:
        entries = os.listdir("/proc")
    except OSError:
        return None
    for e in entries:
        if not e.isdigit():
            continue
        try:
            with open(f"/proc/{e}/stat", "rb") as fh:
                raw = fh.read()
        except OSError:
            continue
        fields = raw[raw.rindex(b")") + 2:].split()  # after "pid (comm) "
        if int(fields[2]) != pgid:  # pgrp
            continue
        found = True
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / _TICK if found else None


def settle(pgid: int, since: float, idle: float = 0.03, step: float = 0.5, limit: float = 30.0) -> float:
    """Wait until the process group uses under `idle` of a core over `step` seconds (or `limit`
    passes); returns the CPU seconds it used after `since`, less its idle rate."""
    last = since
    waited = 0.0
    while waited < limit:
        time.sleep(step)
        waited += step
        now = group_cpu_s(pgid)
        if now is None:
            break
        if now - last < idle * step:
            last = now
            break
        last = now
    return max(0.0, last - since - idle * waited)


def measure(target: Target, concurrencies: list[int], modes: list[bool], duration: float, warmup: float,
            requests: int | None) -> list[dict[str, Any]]:
    out = []
    for stream in modes:
        for c in concurrencies:
            if target.proc is not None and not target.proc.alive():
                raise RuntimeError(f"{target.name} died:\n{target.proc.tail()}")
            spec = LoadSpec(url=target.url, model=MODEL, key=target.key, concurrency=c, stream=stream,
                            duration_s=None if requests else duration, requests=requests, warmup_s=warmup)
            cpu: list[float | None] = []
            pgid = target.proc.popen.pid if target.proc is not None else None
            hook = (lambda: cpu.append(group_cpu_s(pgid))) if pgid is not None else None
            res = run_sync(spec, hook, hook).to_dict()
            res["target"] = target.name
            # The target's own CPU time per request: steady even when the machine is shared, and
            # 1000 / cpu_ms_per_req is the throughput one fully used core would give.
            res["cpu_ms_per_req"] = None
            res["cpu_util"] = None
            if len(cpu) == 2 and cpu[0] is not None and cpu[1] is not None and res["requests"]:
                # work the target deferred past the window (batched writes catching up) is part of
                # what the requests cost: wait until it is idle again and count it
                deferred = settle(pgid, cpu[1]) if pgid is not None else 0.0
                used = cpu[1] - cpu[0] + deferred
                res["cpu_deferred_s"] = round(deferred, 3)
                res["cpu_ms_per_req"] = used * 1000 / res["requests"]
                res["cpu_util"] = used / res["elapsed_s"] if res["elapsed_s"] else None
            out.append(res)
            lat = res["latency_ms"]
            log(f"  {target.name:9s} {'stream' if stream else 'json  '} c={c:<3d} {res['rps']:9.0f} req/s  "
                f"p50 {lat.get('p50', float('nan')):7.3f} ms  p99 {lat.get('p99', float('nan')):7.3f} ms"
                + (f"  cpu {res['cpu_ms_per_req']:.3f} ms/req ({100 * res['cpu_util']:.0f}% of a core)"
                   if res["cpu_ms_per_req"] is not None and res["cpu_util"] is not None else "")
                + (f"  errors {res['errors']} {res['error_samples'][:1]}" if res["errors"] else ""))
    return out


def add_deltas(results: list[dict[str, Any]]) -> None:
    direct = {(r["stream"], r["concurrency"]): r for r in results if r["target"] == "direct"}
    for r in results:
        d = direct.get((r["stream"], r["concurrency"]))
        r["added_ms"] = {}
        r["added_ttft_ms"] = {}
        if d is None or r["target"] == "direct":
            continue
        for q in ("p50", "p99"):
            if q in r["latency_ms"] and q in d["latency_ms"]:
                r["added_ms"][q] = r["latency_ms"][q] - d["latency_ms"][q]
            if q in r.get("ttft_ms", {}) and q in d.get("ttft_ms", {}):
                r["added_ttft_ms"][q] = r["ttft_ms"][q] - d["ttft_ms"][q]


def _f(v: float | None, nd: int = 2) -> str:
    if v is None or v != v:
        return "-"
    return f"{v:.{nd}f}"


def markdown(results: list[dict[str, Any]], meta: dict[str, Any]) -> str:
    lines = [
        f"Benchmark {meta['date']} on {meta['machine']} (target on CPU {meta['target_cpu']}, "
        f"load generator and mock on CPU {meta['load_cpu']}; {meta['duration_s']} s per scenario"
        f"{', quick' if meta['quick'] else ''})",
        "",
        "| target | mode | c | req/s | p50 ms | p99 ms | added p50 ms | added p99 ms | TTFT p50 ms | added TTFT p50 ms "
        "| CPU ms/req | errors |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in results:
        lat, add, ttft, addt = r["latency_ms"], r.get("added_ms", {}), r.get("ttft_ms", {}), r.get("added_ttft_ms", {})
        lines.append(
            f"| {r['target']} | {'stream' if r['stream'] else 'json'} | {r['concurrency']} | {r['rps']:,.0f} | "
            f"{_f(lat.get('p50'))} | {_f(lat.get('p99'))} | {_f(add.get('p50'))} | {_f(add.get('p99'))} | "
            f"{_f(ttft.get('p50')) if r['stream'] else '-'} | {_f(addt.get('p50')) if r['stream'] else '-'} | "
            f"{_f(r.get('cpu_ms_per_req'), 3)} | {r['errors']} |")
    summ = meta.get("summary", {})
    if summ:
        lines += ["", "| target | added p50 @c=1 ms | added p99 @c=16 ms | peak json req/s | peak stream req/s "
                  "| CPU ms/req (json, top c) | req/s per full core (from CPU) |",
                  "|---|--:|--:|--:|--:|--:|--:|"]
        for name, s in summ.items():
            per_core = s.get("rps_per_core_json")
            lines.append(f"| {name} | {_f(s.get('added_p50_c1_ms'))} | {_f(s.get('added_p99_c16_ms'))} | "
                         f"{s.get('peak_json_rps', 0):,.0f} | {s.get('peak_stream_rps', 0):,.0f} | "
                         f"{_f(s.get('cpu_ms_per_req_json'), 3)} | {f'{per_core:,.0f}' if per_core else '-'} |")
    g = summ.get("gatehouse")
    if g:
        lines += ["", "Gatehouse against the issue's targets (one worker, every feature on):"]
        for label, val, goal, ok in (
            ("added p50 at c=1", g.get("added_p50_c1_ms"), f"< {GOALS['p50_added_c1_ms']} ms",
             lambda v: v < GOALS["p50_added_c1_ms"]),
            ("added p99 at c=16", g.get("added_p99_c16_ms"), f"< {GOALS['p99_added_c16_ms']} ms",
             lambda v: v < GOALS["p99_added_c16_ms"]),
            ("non-streaming req/s", g.get("peak_json_rps"), f">= {GOALS['rps_min']:,.0f}",
             lambda v: v >= GOALS["rps_min"]),
        ):
            mark = "-" if val is None else ("met" if ok(val) else "MISSED")
            lines.append(f"- {label}: {_f(val)} (target {goal}): {mark}")
    if meta.get("skipped"):
        lines += [""] + [f"- skipped {k}: {v}" for k, v in meta["skipped"].items()]
    return "\n".join(lines)


def summarize(results: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for r in results:
        s = out.setdefault(r["target"], {"peak_json_rps": 0.0, "peak_stream_rps": 0.0})
        key = "peak_stream_rps" if r["stream"] else "peak_json_rps"
        s[key] = max(s[key], r["rps"])
        cpu = r.get("cpu_ms_per_req")
        if cpu and not r["stream"] and r["concurrency"] == max(x["concurrency"] for x in results):
            s["cpu_ms_per_req_json"] = cpu
            s["rps_per_core_json"] = 1000.0 / cpu
        if not r["stream"] and r["concurrency"] == 1:
            s["added_p50_c1_ms"] = r.get("added_ms", {}).get("p50")
            s["p50_c1_ms"] = r["latency_ms"].get("p50")
        if not r["stream"] and r["concurrency"] == 16:
            s["added_p99_c16_ms"] = r.get("added_ms", {}).get("p99")
            s["p99_c16_ms"] = r["latency_ms"].get("p99")
    return out


# --------------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description="Gatehouse benchmark: added latency and throughput.",
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--quick", action="store_true", help="short scenarios (2 s, 0.5 s warm-up) for a sanity run")
    ap.add_argument("--targets", default=",".join(ALL_TARGETS),
                    help=f"comma-separated subset of {','.join(ALL_TARGETS)} (direct is always measured)")
    ap.add_argument("--duration", type=float, default=None, help="measured seconds per scenario (default 10, quick 2)")
    ap.add_argument("--warmup", type=float, default=None, help="warm-up seconds per scenario (default 2, quick 0.5)")
    ap.add_argument("--requests", type=int, default=None, help="measured requests per scenario instead of a duration")
    ap.add_argument("--concurrency", default="1,16,64", help="comma-separated concurrency levels (default 1,16,64)")
    ap.add_argument("--no-stream", action="store_true", help="skip the streaming scenarios")
    ap.add_argument("--target-cpu", type=int, default=0, help="core for the target process (default 0)")
    ap.add_argument("--load-cpu", type=int, default=1, help="core for the load generator and mock (default 1)")
    ap.add_argument("--no-pin", action="store_true", help="do not pin processes to cores")
    ap.add_argument("--config", default=str(ROOT / "examples" / "bench.yaml"), help="Gatehouse config")
    ap.add_argument("--no-litellm-setup", action="store_true", help="skip LiteLLM if it is not installed yet")
    ap.add_argument("--out", default=str(HERE / "results" / "latest.json"), help="JSON results path")
    ap.add_argument("--keep-logs", action="store_true", help="keep target logs under bench/results/logs")
    ap.add_argument("--store", choices=["sqlite", "postgres"], default="sqlite",
                    help="Gatehouse's database: the embedded SQLite (in-process, its writes charged to the "
                         "gateway's core) or PostgreSQL at $BENCH_PG (the at-scale setup)")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    unknown = [t for t in targets if t not in ALL_TARGETS]
    if unknown:
        log(f"unknown target(s): {', '.join(unknown)} (known: {', '.join(ALL_TARGETS)})")
        return 2
    if "direct" not in targets:
        targets.insert(0, "direct")  # the baseline every delta is taken against
    targets = [t for t in ALL_TARGETS if t in targets]
    duration = args.duration if args.duration is not None else (2.0 if args.quick else 10.0)
    warmup = args.warmup if args.warmup is not None else (0.5 if args.quick else 2.0)
    concurrencies = [int(c) for c in args.concurrency.split(",") if c.strip()]
    modes = [False] if args.no_stream else [False, True]

    ncpu = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    target_cpu: int | None = args.target_cpu
    load_cpu: int | None = args.load_cpu
    if args.no_pin or not hasattr(os, "sched_setaffinity") or ncpu < 2:
        if not args.no_pin:
            log("fewer than 2 usable cores (or no affinity support): running unpinned; figures will be noisier")
        target_cpu = load_cpu = None
    if load_cpu is not None:
        os.sched_setaffinity(0, {load_cpu})  # the load generator runs in this process

    out_path = Path(args.out)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    logs = out_path.parent / "logs"
    workdir = Path(tempfile.mkdtemp(prefix="gatehouse-bench-"))
    meta: dict[str, Any] = {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()} {ncpu} cores, {_cpu_model()}",
        "python": platform.python_version(),
        "git": _git_rev(),
        "quick": args.quick, "duration_s": duration, "warmup_s": warmup, "requests": args.requests,
        "concurrency": concurrencies, "stream_modes": modes,
        "target_cpu": target_cpu, "load_cpu": load_cpu, "targets": {}, "skipped": {},
    }

    mock_port = free_port()
    mock = spawn("mock", [sys.executable, str(HERE / "mock_upstream.py"), "--port", str(mock_port)], cpu=load_cpu,
                 env=None, logs=logs)
    origin = f"http://127.0.0.1:{mock_port}"
    upstream_base = origin + "/v1"
    results: list[dict[str, Any]] = []
    cleanups: list[Any] = []
    meta["store"] = args.store
    rc = 0
    try:
        if not wait_ready(mock, lambda: http_status(origin + "/healthz")[0] == 200, 20):
            log(f"mock upstream did not start:\n{mock.tail()}")
            return 1
        for name in targets:
            target: Target | None = None
            log(f"[{name}] starting ...")
            try:
                if name == "direct":
                    target = Target("direct", upstream_base + "/chat/completions", None, note="the mock upstream itself")
                elif name == "floor":
                    target = start_floor(origin, target_cpu, logs)
                elif name == "gatehouse":
                    url, drop_store = store_url(args.store, workdir)
                    cleanups.append(drop_store)
                    target = start_gatehouse(upstream_base, target_cpu, logs, workdir, Path(args.config).resolve(), url)
                elif name == "litellm":
                    why = ensure_litellm(not args.no_litellm_setup)
                    if why is not None:
                        log(f"[litellm] SKIPPED: {why}")
                        meta["skipped"]["litellm"] = why
                        continue
                    target = start_litellm(upstream_base, target_cpu, logs, workdir)
                assert target is not None
                meta["targets"][name] = {"url": target.url, "note": target.note, **target.extra}
                results += measure(target, concurrencies, modes, duration, warmup, args.requests)
            except RuntimeError as exc:
                log(f"[{name}] FAILED: {exc}")
                meta["skipped"][name] = str(exc).splitlines()[0]
                if name in ("direct", "gatehouse"):
                    rc = 1
            finally:
                if target is not None:
                    target.stop()
    finally:
        mock.stop()
        for cleanup in cleanups:
            cleanup()
        shutil.rmtree(workdir, ignore_errors=True)
        if not args.keep_logs and rc == 0:
            shutil.rmtree(logs, ignore_errors=True)

    add_deltas(results)
    meta["summary"] = summarize(results)
    out_path.write_text(json.dumps({"meta": meta, "results": results}, indent=2))
    print(markdown(results, meta))
    log(f"\nwrote {out_path}")
    return rc


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _git_rev() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=str(ROOT), capture_output=True, text=True,
                              timeout=5).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


if __name__ == "__main__":
    sys.exit(main())
