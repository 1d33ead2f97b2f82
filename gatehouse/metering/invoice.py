"""Monthly invoices per tenant, from the ledger, as JSON, CSV and a printable HTML page.

Lines are the month's ledger entries (usage and corrections) grouped by model and project;
`subtotal` is their exact sum. A contract's committed-spend rules then add adjustment lines
(tier discount on the subtotal; shortfall up to the monthly minimum), each rounded half up
to the micro once; `total = subtotal + adjustments`. Without such rules, total == subtotal ==
the sum of the tenant's ledger entries for the month.
"""

from __future__ import annotations

import csv
import html
import io
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

import orjson

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from gatehouse.errors import InvalidRequest
from gatehouse.metering.contracts import ContractBook
from gatehouse.metering.money import apply_ppm, format_micros
from gatehouse.metering.tables import ledger_entries

__all__ = ["Line", "Invoice", "parse_month", "month_range", "build_invoice", "render"]


def parse_month(text: str) -> date:
    try:
        d = datetime.strptime(text.strip(), "%Y-%m")
    except ValueError:
        raise InvalidRequest(f"a month is written YYYY-MM, got {text!r}", param="month") from None
    return date(d.year, d.month, 1)


def month_range(month: date) -> tuple[datetime, datetime]:
    nxt = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return (datetime(month.year, month.month, 1, tzinfo=timezone.utc),
            datetime(nxt.year, nxt.month, 1, tzinfo=timezone.utc))


@dataclass(slots=True)
class Line:
    model: str
    project: str | None
    requests: int
    input_tokens: int
    cached_tokens: int
    output_tokens: int
    estimated_requests: int
    amount_micros: int

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model, "project": self.project, "requests": self.requests,
                "input_tokens": self.input_tokens, "cached_tokens": self.cached_tokens,
                "output_tokens": self.output_tokens, "estimated_requests": self.estimated_requests,
                "amount": format_micros(self.amount_micros)}


@dataclass(slots=True)
class Invoice:
    tenant: str
    month: str
    currency: str
    lines: list[Line]
    adjustments: list[tuple[str, int]] = field(default_factory=list)

    @property
    def subtotal_micros(self) -> int:
        return sum(ln.amount_micros for ln in self.lines)

    @property
    def total_micros(self) -> int:
        return self.subtotal_micros + sum(a for _, a in self.adjustments)

    def to_dict(self) -> dict[str, Any]:
        return {"tenant": self.tenant, "month": self.month, "currency": self.currency,
                "lines": [ln.to_dict() for ln in self.lines], "subtotal": format_micros(self.subtotal_micros),
                "adjustments": [{"description": d, "amount": format_micros(a)} for d, a in self.adjustments],
                "total": format_micros(self.total_micros)}


async def build_invoice(conn: AsyncConnection, tenant: str, month: date, contracts: ContractBook,
                        currency: str | None = None) -> Invoice:
    start, end = month_range(month)
    e = ledger_entries.c
    usage = case((e.kind == "usage", 1), else_=0)
    q = (select(e.currency, e.model, e.project_id, func.sum(usage), func.sum(e.input_tokens),
                func.sum(e.cached_tokens), func.sum(e.output_tokens),
                func.sum(case((e.estimated & (e.kind == "usage"), 1), else_=0)), func.sum(e.amount_micros))
         .where(e.tenant_id == tenant, e.ts >= start, e.ts < end)
         .group_by(e.currency, e.model, e.project_id))
    rows = (await conn.execute(q)).all()
    currencies = sorted({r[0] for r in rows})
    if currency is None:
        if len(currencies) > 1:
            raise InvalidRequest(f"the month has entries in {', '.join(currencies)}: choose one", param="currency")
        currency = currencies[0] if currencies else "USD"
    lines = [Line(r[1], r[2], int(r[3]), int(r[4]), int(r[5]), int(r[6]), int(r[7]), int(r[8]))
             for r in rows if r[0] == currency]
    lines.sort(key=lambda ln: (ln.model, ln.project or ""))
    inv = Invoice(tenant, month.strftime("%Y-%m"), currency, lines)
    contract = contracts.active(tenant, start)
    if contract is not None:
        sub = inv.subtotal_micros
        ppm = contract.tier_ppm(sub)
        if ppm:
            inv.adjustments.append((f"committed-spend tier discount {ppm / 10_000:g}%", -apply_ppm(sub, ppm)))
        net = inv.total_micros
        if contract.minimum_micros is not None and net < contract.minimum_micros:
            inv.adjustments.append(("monthly minimum commitment shortfall", contract.minimum_micros - net))
    return inv


def render(inv: Invoice, fmt: str) -> str:
    if fmt == "json":
        return orjson.dumps(inv.to_dict(), option=orjson.OPT_INDENT_2).decode() + "\n"
    if fmt == "csv":
        return _csv(inv)
    if fmt == "html":
        return _html(inv)
    raise InvalidRequest(f"unknown invoice format {fmt!r}: json, csv or html", param="format")


_COLS = ("model", "project", "requests", "input_tokens", "cached_tokens", "output_tokens", "estimated_requests",
         "amount")


def _csv(inv: Invoice) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["tenant", "month", "currency", *_COLS])
    for ln in inv.lines:
        d = ln.to_dict()
        w.writerow([inv.tenant, inv.month, inv.currency, *(d[c] if d[c] is not None else "" for c in _COLS)])
    for desc, amount in inv.adjustments:
        w.writerow([inv.tenant, inv.month, inv.currency, "adjustment", desc, "", "", "", "", "", format_micros(amount)])
    w.writerow([inv.tenant, inv.month, inv.currency, "total", "", "", "", "", "", "", format_micros(inv.total_micros)])
    return buf.getvalue()


def _html(inv: Invoice) -> str:
    esc = html.escape
    rows = "".join(
        f"<tr><td>{esc(ln.model)}</td><td>{esc(ln.project or '-')}</td><td class=n>{ln.requests:,}</td>"
        f"<td class=n>{ln.input_tokens:,}</td><td class=n>{ln.cached_tokens:,}</td>"
        f"<td class=n>{ln.output_tokens:,}</td><td class=n>{format_micros(ln.amount_micros)}</td></tr>"
        for ln in inv.lines)
    adj = "".join(f"<tr><td colspan=6>{esc(d)}</td><td class=n>{format_micros(a)}</td></tr>" for d, a in inv.adjustments)
    cur = esc(inv.currency)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Invoice {esc(inv.tenant)} {esc(inv.month)}</title>
<style>body{{font:14px/1.4 system-ui,sans-serif;margin:2em}}table{{border-collapse:collapse;width:100%}}
td,th{{border-bottom:1px solid #ccc;padding:4px 8px;text-align:left}}.n{{text-align:right;font-variant-numeric:tabular-nums}}
tfoot td{{font-weight:bold}}@media print{{body{{margin:0}}}}</style></head>
<body><h1>Invoice</h1><p>Tenant <b>{esc(inv.tenant)}</b> &middot; Month <b>{esc(inv.month)}</b> &middot; Currency {cur}</p>
<table><thead><tr><th>Model</th><th>Project</th><th class=n>Requests</th><th class=n>Input tokens</th>
<th class=n>Cached tokens</th><th class=n>Output tokens</th><th class=n>Amount ({cur})</th></tr></thead>
<tbody>{rows}</tbody><tfoot><tr><td colspan=6>Subtotal</td><td class=n>{format_micros(inv.subtotal_micros)}</td></tr>
{adj}<tr><td colspan=6>Total</td><td class=n>{format_micros(inv.total_micros)}</td></tr></tfoot></table>
<p><small>Amounts in {cur} to the micro-unit (six decimals), rounded half up once per request.</small></p>
</body></html>
"""
