"""One request -> `Features`: the compact facts the monitor keeps, computed as text passes.

Nothing here keeps text: a request becomes numbers, flags and a few hashes. The same
`from_body` serves a trace line (`from_trace`) and a live `RequestRecord` (`from_record`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any

from gatehouse.monitor.text import (
    closing,
    content_words,
    message_text,
    opening,
    preference_cue,
    reasoning_cue,
    stable_hash,
)
from gatehouse.traffic.trace import parse_ts

__all__ = ["Features", "from_body", "from_trace", "from_record", "estimate_tokens", "FOLLOW_UP_WORDS"]

_FIRST_TURN_CHARS = 1000  # of a conversation's first question, read besides the last one
# a follow-up turn this short names no new task ("go deeper", "another example, a harder one")
FOLLOW_UP_WORDS = 15


@dataclass(slots=True)
class Features:
    ts: float
    tenant: str
    key: str
    rid: str
    ip: str  # the client's address, as given
    ip24: str
    ua: str
    bill: str
    prompt_tokens: int
    completion_tokens: int
    max_tokens: int
    single_shot: bool
    follow_up: bool  # a short turn continuing a conversation (`FOLLOW_UP_WORDS`)
    length_hit: bool
    reasoning: bool
    top_logprobs: int  # 0: none, 1: logprobs only, k: top_logprobs=k
    n: int
    temperature: float
    preference: bool
    toolset: int  # hash of the tool names, 0 without tools
    json_mode: bool
    sys_hash: int
    opening: int
    closing: int
    prompt_hash: int
    words: list[int]
    params: str  # the client's parameter signature (temperature, max_tokens, top_logprobs, n)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Features cross process and spill-file boundaries a million times per trace, and a slots
        # dataclass pickles through a Python-level __getstate__/__setstate__: rebuild from a tuple
        return Features, _FIELDS(self)


_FIELDS = attrgetter(*(f.name for f in fields(Features)))


def estimate_tokens(text: str) -> int:
    return max(1, len(text) // 4)


def _ip24(ip: Any) -> str:
    if not isinstance(ip, str) or not ip:
        return ""
    if ":" in ip:  # IPv6: the /48
        return ":".join(ip.split(":")[:3])
    return ip.rsplit(".", 1)[0]


def _int(v: Any, default: int = 0) -> int:
    try:
        return int(v) if v is not None and not isinstance(v, bool) else default
    except (TypeError, ValueError):
        return default


def from_body(
    *, ts: float, tenant: str, key: str, rid: str, body: dict[str, Any], ip: Any = None, ua: Any = None,
    bill: Any = None, prompt_tokens: int | None = None, completion_tokens: int | None = None,
    finish_reason: str | None = None, response_text: str | None = None,
) -> Features:
    messages = body.get("messages")
    system = ""
    user = first_user = ""
    assistant_turns = 0
    if isinstance(messages, list):
        for m in messages:
            if not isinstance(m, dict):
                continue
            role = m.get("role")
            if role in ("system", "developer"):
                system = message_text(m.get("content"))
            elif role == "user":
                user = message_text(m.get("content"))
                first_user = first_user or user
            elif role in ("assistant", "tool"):
                assistant_turns += 1
    else:
        p = body.get("prompt") or body.get("input") or ""
        user = p if isinstance(p, str) else " ".join(x for x in p if isinstance(x, str)) if isinstance(p, list) else ""
    max_tokens = _int(body.get("max_completion_tokens", body.get("max_tokens")))
    if prompt_tokens is None:
        prompt_tokens = estimate_tokens(system) + estimate_tokens(user)
    if completion_tokens is None:
        completion_tokens = estimate_tokens(response_text) if response_text else 0
    length_hit = finish_reason == "length" or (max_tokens > 0 and completion_tokens >= 0.9 * max_tokens)
    lp = 0
    if body.get("logprobs"):
        lp = max(1, _int(body.get("top_logprobs"), 1))
    tools = body.get("tools")
    toolset = 0
    if isinstance(tools, list) and tools:
        names = sorted(
            str((t.get("function") or {}).get("name", "")) for t in tools if isinstance(t, dict)
        )
        toolset = stable_hash("|".join(names))
    rf = body.get("response_format")
    temp = body.get("temperature")
    t = float(temp) if isinstance(temp, (int, float)) and not isinstance(temp, bool) else 1.0
    if math.isnan(t):
        t = 1.0
    n = max(1, _int(body.get("n"), 1))
    return Features(
        ts=ts, tenant=tenant, key=key, rid=rid, ip=ip if isinstance(ip, str) else "", ip24=_ip24(ip),
        ua=ua if isinstance(ua, str) else "",
        bill=bill.strip().lower() if isinstance(bill, str) else "",
        prompt_tokens=max(1, int(prompt_tokens)), completion_tokens=max(0, int(completion_tokens)),
        max_tokens=max_tokens, single_shot=assistant_turns == 0, length_hit=length_hit,
        follow_up=assistant_turns > 0 and bool(user) and len(user) <= 12 * FOLLOW_UP_WORDS
        and len(user.split()) <= FOLLOW_UP_WORDS,
        reasoning=reasoning_cue(system[:2000] + "\n" + user[:3000]),
        top_logprobs=lp, n=n, temperature=t,
        preference=preference_cue(user[:3000]), toolset=toolset,
        json_mode=isinstance(rf, dict) and str(rf.get("type", "")).startswith("json"),
        sys_hash=stable_hash(system[:160]) if system else 0, opening=opening(user), closing=closing(user),
        prompt_hash=stable_hash(user) if user else 0,
        # a conversation's topic is set by its first question; a follow-up ("go deeper") names none
        words=content_words(user if first_user is user else f"{user}\n{first_user[:_FIRST_TURN_CHARS]}"),
        params=f"t={t:g}|max={max_tokens}|lp={lp}|n={n}",
    )


def from_trace(rec: dict[str, Any], line_no: int = 0) -> Features:
    """Features of one trace record (already validated by `TraceReader`)."""
    resp = rec.get("response")
    usage: dict[str, Any] = {}
    text: str | None = None
    finish: str | None = None
    if isinstance(resp, dict):
        u = resp.get("usage")
        usage = u if isinstance(u, dict) else {}
        t = resp.get("text")
        text = t if isinstance(t, str) else None
        f = resp.get("finish_reason")
        finish = f if isinstance(f, str) else None
    pt = usage.get("prompt_tokens")
    ct = usage.get("completion_tokens")
    rid = rec.get("id")
    return from_body(
        ts=parse_ts(rec["ts"]).timestamp(), tenant=rec["tenant"], key=rec["key"],
        rid=rid if isinstance(rid, str) else f"line:{line_no}", body=rec["request"],
        ip=rec.get("ip"), ua=rec.get("user_agent"), bill=rec.get("billing_contact"),
        prompt_tokens=pt if isinstance(pt, int) else None, completion_tokens=ct if isinstance(ct, int) else None,
        finish_reason=finish, response_text=text,
    )


def from_record(record: Any, bill: str | None = None) -> Features | None:
    """Features of a live `gatehouse.pipeline.RequestRecord`; None when it has no tenant or body."""
    if record.tenant_id is None or record.key_id is None or not isinstance(record.request_body, dict):
        return None
    usage = record.usage
    return from_body(
        ts=record.ts.timestamp(), tenant=record.tenant_id, key=record.key_id, rid=record.id,
        body=record.request_body, ip=record.client_ip, ua=record.user_agent, bill=bill,
        prompt_tokens=getattr(usage, "prompt_tokens", None) if usage is not None else None,
        completion_tokens=getattr(usage, "completion_tokens", None) if usage is not None else None,
        finish_reason=record.finish_reason, response_text=record.response_text,
    )
