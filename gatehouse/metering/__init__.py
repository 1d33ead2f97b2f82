"""Metering, pricing, billing and revenue reporting: the money side of the gateway.

Money rules (the whole feature follows them; `money.py` implements them):

- Every amount is an integer number of micro-units of its currency (1 USD = 1_000_000
  micros), stored in BigInteger columns. Floats never touch money.
- Prices are configured per million tokens as decimal strings ("2.50") with at most six
  decimal places, and kept as integer micros per million tokens.
- A request's cost is computed once, when it finishes, from the prices in effect at the
  request's start (`record.ts`):  exact = sum(tokens_i * price_i) / 10^6  micros, then the
  contract discount (parts per million) is applied to the exact value, and the result is
  rounded ONCE to a whole micro-unit, half up (0.5 -> 1). Nothing is rounded per component.
- Invoices, reports and budgets only add integer micros: they never round again. Invoice
  adjustments (committed-spend tier discounts) are rounded half up to the micro, once per
  invoice. Amounts are shown as decimal strings with six decimals.
- Cached input tokens are part of `prompt_tokens` (OpenAI semantics) and are priced at the
  cached price; the rest of the prompt at the input price.
- Territory = the tenant's jurisdiction at request time (`record.jurisdiction`); periods and
  days are UTC.
"""

__all__: list[str] = []
