"""The pricer: turns a finished record into its cost, at the price in effect when it started.

Billing rules (one record per request, so a request is billed at most once):
- only the attempt that served the request is on the record (retries and fallbacks that
  failed never reach it), so it is billed once, at the serving deployment's price;
- a failed request (status >= 400, not a client cancel) is not billed;
- a stream cut off by the client (`cancelled`, status 499) bills what was generated, from the
  estimated usage the proxy counted locally; estimated usage is marked on the ledger entry.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gatehouse.config import GatehouseConfig
from gatehouse.metering.contracts import ContractBook
from gatehouse.metering.money import cost_micros
from gatehouse.metering.prices import Price, PriceBook
from gatehouse.pipeline import RequestRecord

if TYPE_CHECKING:
    from gatehouse.gateway import Gateway

__all__ = ["Quote", "Pricer", "billable", "build", "from_config"]

log = logging.getLogger("gatehouse.metering")


def billable(r: RequestRecord) -> bool:
    """Served, or cancelled by the client after the stream started."""
    if r.deployment is None or r.usage is None:
        return False
    return r.status < 400 or r.cancelled


@dataclass(frozen=True, slots=True)
class Quote:
    """How one record was priced (everything the ledger entry keeps)."""

    input_tokens: int
    cached_tokens: int
    output_tokens: int
    price: Price | None
    discount_ppm: int
    list_micros: int
    amount_micros: int
    currency: str

    @property
    def priced(self) -> bool:
        return self.price is not None


class Pricer:
    """Callable on the gateway (`gateway.pricer`): fills `cost_micros` and `currency`."""

    def __init__(self, book: PriceBook, contracts: ContractBook) -> None:
        self.book = book
        self.contracts = contracts

    def quote(self, r: RequestRecord) -> Quote | None:
        if not billable(r):
            return None
        assert r.usage is not None and r.deployment is not None
        model = r.deployment.public_model
        contract = self.contracts.active(r.tenant_id, r.ts)
        price = contract.custom_price(model, r.deployment, r.ts) if contract is not None else None
        discount = 0
        if price is None:
            price = self.book.lookup(model, r.deployment, r.ts)
            if contract is not None:
                discount = contract.discount_for(model)
        u = r.usage
        if price is None:
            log.warning("no price for model %s (deployment %s); billed at zero", model, r.deployment.id)
            return Quote(u.prompt_tokens, u.cached_tokens, u.completion_tokens, None, 0, 0, 0, self.book.currency)
        list_cost, net = cost_micros(
            input_tokens=u.prompt_tokens, cached_tokens=u.cached_tokens, output_tokens=u.completion_tokens,
            input_price=price.input, cached_price=price.cached_input, output_price=price.output,
            discount_ppm=discount)
        return Quote(u.prompt_tokens, min(u.cached_tokens, u.prompt_tokens), u.completion_tokens, price, discount,
                     list_cost, net, price.currency)

    def __call__(self, r: RequestRecord) -> None:
        q = self.quote(r)
        r.price_quote = q
        if q is not None:
            r.cost_micros = q.amount_micros
            r.currency = q.currency


def from_config(cfg: GatehouseConfig) -> Pricer:
    """The pricer for a config's `prices:` and `contracts:` sections (ConfigError if invalid)."""
    book = PriceBook.from_section(cfg.section("prices"))
    return Pricer(book, ContractBook.from_section(cfg.section("contracts"), book.currency))


async def build(gateway: Gateway) -> Pricer:
    pricer = from_config(gateway.config)

    async def reload() -> None:
        """On a config reload (SIGHUP): the new `prices:` and `contracts:` price every request that
        finishes from now on (each at the price in effect at its own start, as always). An invalid
        new book is logged and the current one kept."""
        try:
            fresh = from_config(gateway.config)
        except Exception:
            log.exception("the reloaded prices/contracts are invalid; keeping the current ones")
            return
        pricer.book, pricer.contracts = fresh.book, fresh.contracts  # no await between: never half-swapped

    gateway.on_signal("config", reload)
    return pricer


