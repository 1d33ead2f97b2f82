"""The price book: list prices per model and deployment, with effective-from dates.

Config (`prices:` in the operator file)::

    prices:
      currency: USD
      entries:
        - {model: gpt-4o, input: "2.50", cached_input: "1.25", output: "10.00", effective_from: 2025-01-01}
        - {model: gpt-4o, region: sweden-central, input: "2.75", output: "11.00", effective_from: 2026-03-15}
        - {model: deepseek-chat, tier: economy, input: "0.27", cached_input: "0.07", output: "1.10"}

An entry may narrow itself to deployments with `tier` (the deployment's `price_tier`),
`provider`, `region` or an exact `deployment` id. Lookup: among the entries that match the
deployment and whose `effective_from` is at or before the request's start, the most specific
(the most selectors set) wins, and among those the latest. A price change therefore applies
from its date on, never to earlier requests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from gatehouse.config import ConfigError
from gatehouse.metering.money import to_micros
from gatehouse.providers.base import Deployment

__all__ = ["PriceEntry", "PricesConfig", "Price", "PriceBook", "as_utc", "EPOCH"]

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def as_utc(value: date | datetime | str | None) -> datetime:
    """A date (midnight UTC), a naive datetime (taken as UTC) or an aware one, in UTC."""
    if value is None:
        return EPOCH
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


class PriceEntry(BaseModel):
    """One line of the price book (decimal strings per million tokens)."""

    model_config = ConfigDict(extra="forbid")

    model: str
    input: str
    output: str
    cached_input: str | None = None
    currency: str | None = None
    effective_from: datetime = EPOCH
    tier: str | None = None
    provider: str | None = None
    region: str | None = None
    deployment: str | None = None

    @field_validator("input", "output", "cached_input", mode="before")
    @classmethod
    def _money(cls, v: Any) -> Any:
        if v is None:
            return v
        to_micros(v, "price")  # raises on floats and bad values
        return str(v)

    @field_validator("effective_from", mode="before")
    @classmethod
    def _when(cls, v: Any) -> datetime:
        return as_utc(v)

    def selectors(self) -> int:
        return sum(x is not None for x in (self.tier, self.provider, self.region, self.deployment))

    def matches(self, model: str, dep: Deployment | None) -> bool:
        if model != self.model:
            return False
        if self.selectors() == 0:
            return True
        if dep is None:
            return False
        return ((self.tier is None or self.tier == dep.price_tier)
                and (self.provider is None or self.provider == dep.provider)
                and (self.region is None or self.region == dep.region)
                and (self.deployment is None or self.deployment == dep.id))


class PricesConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    currency: str = "USD"
    entries: list[PriceEntry] = Field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Price:
    """Resolved unit prices in micros per million tokens."""

    input: int
    cached_input: int
    output: int
    currency: str
    effective_from: datetime
    source: str = "list"  # "list" or "contract"


class PriceBook:
    def __init__(self, cfg: PricesConfig) -> None:
        self.currency = cfg.currency
        self._by_model: dict[str, list[tuple[PriceEntry, Price]]] = {}
        for e in cfg.entries:
            price = Price(to_micros(e.input), to_micros(e.cached_input if e.cached_input is not None else e.input),
                          to_micros(e.output), e.currency or cfg.currency, e.effective_from)
            self._by_model.setdefault(e.model, []).append((e, price))
        for entries in self._by_model.values():
            entries.sort(key=lambda ep: (ep[0].selectors(), ep[0].effective_from))

    @classmethod
    def from_section(cls, raw: Any) -> PriceBook:
        try:
            return cls(PricesConfig.model_validate(raw or {}))
        except ValidationError as exc:
            first = exc.errors()[0]
            raise ConfigError(f"prices.{'.'.join(map(str, first['loc']))}: {first['msg']}") from exc

    def lookup(self, model: str, deployment: Deployment | None, at: datetime) -> Price | None:
        """The list price in effect at `at` for a model served by `deployment`."""
        best: Price | None = None
        for entry, price in self._by_model.get(model, ()):  # sorted: later wins
            if entry.effective_from <= at and entry.matches(model, deployment):
                best = price
        return best

    def models(self) -> list[str]:
        return sorted(self._by_model)
