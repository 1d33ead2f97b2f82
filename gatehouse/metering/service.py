"""What the CLI and the admin API share: invoices, ledger pages, corrections, from a config."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from gatehouse.config import GatehouseConfig
from gatehouse.metering.contracts import ContractBook
from gatehouse.metering.invoice import Invoice, build_invoice, month_range
from gatehouse.metering.money import format_micros
from gatehouse.metering.prices import PriceBook
from gatehouse.metering.tables import ledger_entries
from gatehouse.store.db import Store

__all__ = ["contracts_of", "invoice", "ledger_page", "entry_view"]


def contracts_of(cfg: GatehouseConfig) -> ContractBook:
    book = PriceBook.from_section(cfg.section("prices"))
    return ContractBook.from_section(cfg.section("contracts"), book.currency)


async def invoice(store: Store, cfg: GatehouseConfig, tenant: str, month: date,
                  currency: str | None = None) -> Invoice:
    async with store.engine.connect() as conn:
        return await build_invoice(conn, tenant, month, contracts_of(cfg), currency)


def entry_view(row: Any) -> dict[str, Any]:
    d = {str(k): v for k, v in row.items()}
    d["amount"] = format_micros(d["amount_micros"])
    d["list_amount"] = format_micros(d["list_micros"])
    return d


async def ledger_page(store: Store, tenant: str | None, month: date | None, limit: int = 100,
                      offset: int = 0) -> list[dict[str, Any]]:
    e = ledger_entries.c
    q = select(ledger_entries).order_by(e.ts, e.id).limit(limit).offset(offset)
    if tenant is not None:
        q = q.where(e.tenant_id == tenant)
    if month is not None:
        start, end = month_range(month)
        q = q.where(e.ts >= start, e.ts < end)
    async with store.engine.connect() as conn:
        rows = (await conn.execute(q)).mappings().all()
    return [entry_view(r) for r in rows]
