"""Trace lines back into the records the gateway builds live, for feeding a live sink
(the monitor's live path) with recorded or simulated traffic."""

from __future__ import annotations

from typing import Any

from gatehouse.pipeline import RequestRecord
from gatehouse.providers.base import Usage
from gatehouse.traffic.trace import parse_ts

__all__ = ["to_request_record"]


def to_request_record(rec: dict[str, Any]) -> RequestRecord:
    """A trace line (already validated by `TraceReader`) as the gateway would have built it live."""
    resp = rec.get("response")
    resp = resp if isinstance(resp, dict) else {}
    u = resp.get("usage")
    u = u if isinstance(u, dict) else {}
    pt, ct = u.get("prompt_tokens"), u.get("completion_tokens")
    # a line without counted usage is a record whose usage the gateway never learned: the monitor
    # estimates it from the text, as it does reading the line itself
    usage = Usage(prompt_tokens=pt, completion_tokens=ct) if isinstance(pt, int) and isinstance(ct, int) else None
    return RequestRecord(
        id=str(rec.get("id", "")), ts=parse_ts(rec["ts"]), endpoint=rec["endpoint"], tenant_id=rec["tenant"],
        key_id=rec["key"], client_ip=rec.get("ip"), user_agent=rec.get("user_agent"), request_body=rec["request"],
        response_text=resp.get("text"), finish_reason=resp.get("finish_reason"), usage=usage,
    )
