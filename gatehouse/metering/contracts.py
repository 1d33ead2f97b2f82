"""Tenant contracts: discounts, custom prices and committed-spend tiers.

Config (`contracts:` in the operator file)::

    contracts:
      - tenant: tnt_acme
        effective_from: 2025-01-01          # optional; until the next contract of the tenant
        discount_pct: "15"                  # off list prices, applied per request
        model_discounts: {gpt-4o: "20"}     # overrides discount_pct for a model
        prices:                             # custom prices: net, no discount on top
          - {model: deepseek-chat, input: "0.20", output: "0.90"}
        commitment:
          monthly_minimum: "500.00"         # shortfall billed on the invoice
          tiers:                            # discount on the whole month once spend reaches `from`
            - {from: "1000.00", discount_pct: "3"}
            - {from: "5000.00", discount_pct: "6"}

Per-request rules (discounts, custom prices) are applied by the pricer and land in the
ledger. Monthly rules (tiers, minimum) depend on the month's total, so they are applied on
the invoice as adjustment lines, each rounded half up to the micro once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from gatehouse.config import ConfigError
from gatehouse.metering.money import to_micros, to_ppm
from gatehouse.metering.prices import EPOCH, Price, PriceBook, PriceEntry, PricesConfig, as_utc
from gatehouse.providers.base import Deployment

__all__ = ["Tier", "Commitment", "ContractConfig", "Contract", "ContractBook"]


class Tier(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    from_: str = Field(alias="from")
    discount_pct: str

    @field_validator("from_", "discount_pct", mode="before")
    @classmethod
    def _num(cls, v: Any) -> str:
        if isinstance(v, float):
            raise ValueError("write amounts and percentages as strings, never floats")
        return str(v)


class Commitment(BaseModel):
    model_config = ConfigDict(extra="forbid")

    monthly_minimum: str | None = None
    tiers: list[Tier] = Field(default_factory=list)


class ContractConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tenant: str
    name: str | None = None
    effective_from: datetime = EPOCH
    discount_pct: str = "0"
    model_discounts: dict[str, str] = Field(default_factory=dict)
    prices: list[PriceEntry] = Field(default_factory=list)
    commitment: Commitment | None = None

    @field_validator("effective_from", mode="before")
    @classmethod
    def _when(cls, v: Any) -> datetime:
        return as_utc(v)

    @field_validator("discount_pct", mode="before")
    @classmethod
    def _pct(cls, v: Any) -> str:
        to_ppm(v)
        return str(v)


@dataclass(frozen=True, slots=True)
class Contract:
    """A validated contract with its numbers in integer units."""

    tenant: str
    name: str
    effective_from: datetime
    discount_ppm: int
    model_discount_ppm: dict[str, int]
    prices: PriceBook
    minimum_micros: int | None
    tiers: tuple[tuple[int, int], ...]  # (from micros, discount ppm), ascending

    def discount_for(self, model: str) -> int:
        return self.model_discount_ppm.get(model, self.discount_ppm)

    def custom_price(self, model: str, dep: Deployment | None, at: datetime) -> Price | None:
        p = self.prices.lookup(model, dep, at)
        if p is None:
            return None
        return Price(p.input, p.cached_input, p.output, p.currency, p.effective_from, source="contract")

    def tier_ppm(self, subtotal_micros: int) -> int:
        ppm = 0
        for start, tier_ppm in self.tiers:
            if subtotal_micros >= start:
                ppm = tier_ppm
        return ppm


def _contract(c: ContractConfig, currency: str) -> Contract:
    prices = PriceBook(PricesConfig(currency=currency, entries=c.prices))
    tiers: tuple[tuple[int, int], ...] = ()
    minimum = None
    if c.commitment is not None:
        tiers = tuple(sorted((to_micros(t.from_, "tiers.from"), to_ppm(t.discount_pct)) for t in c.commitment.tiers))
        if c.commitment.monthly_minimum is not None:
            minimum = to_micros(c.commitment.monthly_minimum, "monthly_minimum")
    return Contract(c.tenant, c.name or c.tenant, c.effective_from, to_ppm(c.discount_pct),
                    {m: to_ppm(v) for m, v in c.model_discounts.items()}, prices, minimum, tiers)


class ContractBook:
    def __init__(self, contracts: list[Contract]) -> None:
        self._by_tenant: dict[str, list[Contract]] = {}
        for c in contracts:
            self._by_tenant.setdefault(c.tenant, []).append(c)
        for cs in self._by_tenant.values():
            cs.sort(key=lambda c: c.effective_from)

    @classmethod
    def from_section(cls, raw: Any, currency: str = "USD") -> ContractBook:
        items = raw or []
        if not isinstance(items, list):
            raise ConfigError("contracts: must be a list of contracts")
        out = []
        for i, item in enumerate(items):
            try:
                out.append(_contract(ContractConfig.model_validate(item), currency))
            except (ValidationError, ValueError) as exc:
                raise ConfigError(f"contracts[{i}]: {exc}") from exc
        return cls(out)

    def active(self, tenant_id: str | None, at: datetime) -> Contract | None:
        """The tenant's contract in effect at `at` (the latest one that has started)."""
        found = None
        for c in self._by_tenant.get(tenant_id or "", ()):
            if c.effective_from <= at:
                found = c
        return found

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_tenant.values())
