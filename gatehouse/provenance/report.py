"""The scan report: matched documents, and an attribution summary per tenant.

Confidence. A matched document's confidence rises linearly from 0 at the match
threshold to 0.99 at similarity `strong` (0.4: an edited copy), split evenly when its
best matches belong to several tenants. A tenant's confidence is
`1 - prod(1 - c_doc)` over its documents: one strong match or several weak ones.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from gatehouse.provenance.index import ResponseInfo
from gatehouse.provenance.match import Match

__all__ = ["build_report"]

STRONG = 0.4


def _iso(t: datetime) -> str:
    return t.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def build_report(matches: list[Match], rows: dict[int, ResponseInfo], *, documents: int,
                 skipped_lines: int, threshold: float) -> dict[str, Any]:
    """`documents` counts the corpus's readable documents (the denominator of `share`);
    `rows` describes the matched responses by id (`Match.row`)."""
    by_doc: dict[int, list[tuple[Match, ResponseInfo]]] = {}
    for m in matches:
        info = rows.get(m.row)
        if info is not None:
            by_doc.setdefault(m.doc, []).append((m, info))
    docs_out: list[dict[str, Any]] = []
    tenants: dict[str, dict[str, Any]] = {}
    for doc in sorted(by_doc):
        pairs = by_doc[doc]
        docs_out.append({"index": doc, "matches": [
            {"tenant": i.tenant, "key": i.key, "request_id": i.request_id,
             "served_at": _iso(i.served_at), "similarity": round(m.similarity, 3)} for m, i in pairs]})
        best_by_tenant: dict[str, float] = {}
        for m, i in pairs:
            best_by_tenant[i.tenant] = max(best_by_tenant.get(i.tenant, 0.0), m.similarity)
            t = tenants.setdefault(i.tenant, {"tenant": i.tenant, "documents": 0, "first": i.served_at,
                                              "last": i.served_at, "miss": 1.0})
            t["first"] = min(t["first"], i.served_at)
            t["last"] = max(t["last"], i.served_at)
        for tenant, sim in best_by_tenant.items():
            c = 0.99 * min(1.0, max(0.0, (sim - threshold) / (STRONG - threshold))) / len(best_by_tenant)
            tenants[tenant]["documents"] += 1
            tenants[tenant]["miss"] *= 1.0 - c
    summary = [{"tenant": t["tenant"], "documents": t["documents"],
                "share": round(t["documents"] / documents, 6) if documents else 0.0,
                "first_served": _iso(t["first"]), "last_served": _iso(t["last"]),
                "confidence": round(1.0 - t["miss"], 4)} for t in tenants.values()]
    summary.sort(key=lambda t: (-t["documents"], t["tenant"]))
    return {"documents": docs_out, "tenants": summary, "skipped_lines": skipped_lines}
