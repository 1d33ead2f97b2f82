"""Assemble a labeled week: tenants with patterns, arrival times, and records in time order.

`simulate(seed, out, labels, config)` writes a trace (`traffic.trace.TraceWriter`) and a
labels file:

    {"version": 1, "seed": N, "config": "main",
     "tenants": {tenant: {"label": "honest"|"distiller", "pattern": str, "campaign": str|null,
                          "turn_ts": str|null, "turn_key": str|null}},
     "campaigns": {campaign_id: [tenant, ...]}}

Response texts come from the built-in `SimulatorEngine` and are cut at `text_chars` to keep
traces small; `usage.completion_tokens` carries the full simulated length.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from gatehouse.monitor.sim.makers import Kit, Maker
from gatehouse.monitor.sim.mixture import MIXTURES, Mixture
from gatehouse.monitor.sim.timing import WEEK_START
from gatehouse.monitor.sim.vocab import make_vocab
from gatehouse.providers.simulator import SimulatorEngine, SimulatorOptions, count_tokens, prompt_tokens
from gatehouse.traffic.trace import TraceWriter, format_ts

__all__ = ["SimTenant", "simulate", "build_tenants"]


@dataclass
class SimTenant:
    id: str
    label: str
    pattern: str
    keys: list[str]
    ips: list[str]
    ua: str
    jurisdiction: str
    bill: str
    times: list[float] = field(default_factory=list)
    makers: list[Maker] = field(default_factory=list)  # parallel to keys, or one for all
    campaign: str | None = None
    turn_ts: float | None = None
    turn_key: str | None = None
    turned: Maker | None = None
    uas: list[str] = field(default_factory=list)  # holdout5: a user agent drawn per request (empty: `ua`)


def build_tenants(seed: int, mixture: Mixture) -> list[SimTenant]:
    from gatehouse.monitor.sim.population import populate

    rng = random.Random(seed)
    vocab = (make_vocab(seed, extra=mixture.vocab_extra, domain_set=mixture.domain_set) if mixture.domain_set
             else make_vocab(seed, extra=mixture.vocab_extra))
    kit = Kit(vocab, mixture.phrasing, mixture.style)
    return populate(rng, kit, mixture)


def simulate(seed: int, out: str | Path, labels: str | Path | None = None, config: str = "main",
             scale: float = 1.0, campaign_sizes: list[int] | None = None, text_chars: int = 400) -> dict[str, Any]:
    """Write the trace (and labels); returns a summary {"requests", "tenants", ...}."""
    mixture = MIXTURES[config].scaled(scale, campaign_sizes)
    tenants = build_tenants(seed, mixture)
    order: list[tuple[float, int]] = [(t, i) for i, ten in enumerate(tenants) for t in ten.times]
    order.sort()
    engine = SimulatorEngine(SimulatorOptions(default_max_tokens=70, min_tokens=30))
    rng = random.Random(seed + 1)
    with TraceWriter(out) as w:
        for seq, (ts, i) in enumerate(order):
            w.write(_record(rng, engine, tenants[i], ts, seq, text_chars))
    if labels is not None:
        Path(labels).write_bytes(orjson.dumps(label_doc(seed, config, tenants), option=orjson.OPT_INDENT_2))
    return {"requests": len(order), "tenants": len(tenants), "seed": seed, "config": config,
            "distillers": sum(t.label == "distiller" for t in tenants)}


def label_doc(seed: int, config: str, tenants: list[SimTenant]) -> dict[str, Any]:
    campaigns: dict[str, list[str]] = {}
    for t in tenants:
        if t.campaign:
            campaigns.setdefault(t.campaign, []).append(t.id)
    return {
        "version": 1, "seed": seed, "config": config, "week_start": format_ts_s(WEEK_START),
        "tenants": {t.id: {"label": t.label, "pattern": t.pattern, "campaign": t.campaign,
                           "turn_ts": format_ts_s(t.turn_ts) if t.turn_ts else None, "turn_key": t.turn_key}
                    for t in tenants},
        "campaigns": campaigns,
    }


def format_ts_s(ts: float) -> str:
    from datetime import datetime, timezone

    return format_ts(datetime.fromtimestamp(ts, tz=timezone.utc))


def _record(rng: random.Random, engine: SimulatorEngine, t: SimTenant, ts: float, seq: int, text_chars: int) -> dict[str, Any]:
    ki = rng.randrange(len(t.keys))
    key = t.keys[ki]
    maker = t.makers[ki] if len(t.makers) == len(t.keys) else t.makers[0]
    if t.turned is not None and t.turn_ts is not None and key == t.turn_key and ts >= t.turn_ts:
        maker = t.turned
    body, out_tokens = maker(rng, ts)
    n = int(body.get("n", 1))
    max_tokens = int(body.get("max_tokens", body.get("max_completion_tokens", 0)) or 0)
    finish = "length" if max_tokens and out_tokens >= max_tokens else "stop"
    embedding = "messages" not in body  # holdout5's indexers: an embeddings request, no text back
    if embedding:
        text = ""
    else:
        prompt = body["messages"][-1]["content"]
        text, _ = engine.prose(prompt, seq, min(out_tokens, 60))
    rec: dict[str, Any] = {
        "id": f"req_{seq:09d}", "ts": format_ts_s(ts), "tenant": t.id, "key": key,
        "endpoint": "/v1/embeddings" if embedding else "/v1/chat/completions", "ip": rng.choice(t.ips),
        "user_agent": rng.choice(t.uas) if t.uas else t.ua,
        "jurisdiction": t.jurisdiction, "request": body, "status": 200,
        "response": {"text": text[:text_chars], "finish_reason": finish,
                     "usage": {"prompt_tokens": count_tokens(str(body["input"])) if embedding else prompt_tokens(body),
                               "completion_tokens": out_tokens * n}},
        "latency_ms": round(200 + out_tokens * rng.uniform(8, 20), 1),
    }
    if t.bill:
        rec["billing_contact"] = t.bill
    return rec
