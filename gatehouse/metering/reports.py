"""Revenue reports from the daily rollup (never from the ledger itself).

`revenue(conn, by=..., start=..., end=..., interval=...)`: for each interval bucket of the
period (calendar months, quarters or years, clipped to the period) and each value of the
dimension: net revenue, tokens, requests, the share of the bucket's total, and growth
against the same key's previous bucket as a multiple (3.0x = tripled; None when the previous
bucket had no revenue). The bucket before the period is read too, so the first bucket has
a growth figure. Shares are rounded half up to 4 decimals, growth to 2; money stays exact.
Revenue is the ledger's net (after per-request discounts and corrections); invoice-level
commitment adjustments are not revenue by dimension and are not included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from gatehouse.errors import InvalidRequest
from gatehouse.metering.invoice import parse_month
from gatehouse.metering.money import format_micros
from gatehouse.metering.tables import ledger_daily

__all__ = ["DIMENSIONS", "INTERVALS", "Period", "parse_period", "bucket_of", "revenue"]

DIMENSIONS = {"territory": "jurisdiction", "tenant": "tenant_id", "model": "model", "provider": "provider",
              "region": "region"}
INTERVALS = {"month": 1, "quarter": 3, "year": 12}


@dataclass(frozen=True, slots=True)
class Period:
    start: date  # first day of the first month
    end: date  # first day after the last month


def _add_months(d: date, n: int) -> date:
    m = d.year * 12 + d.month - 1 + n
    return date(m // 12, m % 12 + 1, 1)


def parse_period(text: str) -> Period:
    """'2025-07..2026-06' (inclusive months) or a single month '2026-06'."""
    first, _, last = text.partition("..")
    start = parse_month(first)
    stop = parse_month(last) if last else start
    if stop < start:
        raise InvalidRequest(f"the period ends before it starts: {text!r}", param="period")
    return Period(start, _add_months(stop, 1))


def bucket_of(d: date, interval: str) -> date:
    """The first day of the calendar bucket holding `d`."""
    n = INTERVALS[interval]
    return date(d.year, (d.month - 1) // n * n + 1, 1)


def bucket_label(b: date, interval: str) -> str:
    if interval == "month":
        return b.strftime("%Y-%m")
    if interval == "quarter":
        return f"{b.year}-Q{(b.month - 1) // 3 + 1}"
    return str(b.year)


def _ratio(num: int, den: int, places: str) -> Decimal | None:
    if den == 0:
        return None
    return (Decimal(num) / Decimal(den)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


async def revenue(conn: AsyncConnection, *, by: str, period: Period, interval: str = "month") -> list[dict[str, Any]]:
    if by not in DIMENSIONS:
        raise InvalidRequest(f"--by is one of {', '.join(DIMENSIONS)}", param="by")
    if interval not in INTERVALS:
        raise InvalidRequest(f"--interval is one of {', '.join(INTERVALS)}", param="interval")
    d = ledger_daily.c
    col = d[DIMENSIONS[by]]
    first = bucket_of(period.start, interval)
    lookback = _add_months(first, -INTERVALS[interval])
    # Sum per (month, key, currency) in SQL; months roll up to buckets here.
    month = (func.strftime("%Y-%m", d.day) if conn.dialect.name == "sqlite"
             else func.to_char(d.day, "YYYY-MM")).label("month")
    q = (select(month, col, d.currency, func.sum(d.requests), func.sum(d.input_tokens), func.sum(d.cached_tokens),
                func.sum(d.output_tokens), func.sum(d.amount_micros))
         .where(d.day >= lookback, d.day < period.end)
         .group_by(month, col, d.currency))
    acc: dict[tuple[date, str, str], list[int]] = {}
    for m, key, cur, req, inp, cached, out, amount in (await conn.execute(q)).all():
        mday = parse_month(m)
        if mday >= period.start:
            b = bucket_of(mday, interval)
        elif lookback <= mday < first:
            b = lookback
        else:
            continue  # in the first bucket but before the period: clipped
        slot = acc.setdefault((b, key or "", cur), [0, 0, 0, 0, 0])
        for i, x in enumerate((req, inp, cached, out, amount)):
            slot[i] += int(x or 0)
    totals: dict[tuple[date, str], int] = {}
    for (b, _, cur), v in acc.items():
        totals[(b, cur)] = totals.get((b, cur), 0) + v[4]
    rows = []
    step = INTERVALS[interval]
    for (b, key, cur), v in sorted(acc.items(), key=lambda kv: (kv[0][0], kv[0][2], -kv[1][4], kv[0][1])):
        if b < first:
            continue
        prev = acc.get((_add_months(b, -step), key, cur))
        growth = _ratio(v[4], prev[4], "0.01") if prev is not None else None
        share = _ratio(v[4], totals[(b, cur)], "0.0001")
        rows.append({
            "period": bucket_label(b, interval), by: key, "currency": cur, "revenue": format_micros(v[4]),
            "revenue_micros": v[4], "requests": v[0], "input_tokens": v[1], "cached_tokens": v[2],
            "output_tokens": v[3], "tokens": v[1] + v[3], "share": str(share) if share is not None else None,
            "growth": f"{growth}x" if growth is not None else None,
            "previous_revenue": format_micros(prev[4]) if prev is not None else None,
        })
    return rows
