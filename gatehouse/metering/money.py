"""Integer money: parsing prices, exact cost arithmetic and the one rounding rule.

See the package docstring for the rules. All functions are pure and work on ints/Decimals.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

__all__ = [
    "MICROS",
    "PPM",
    "to_micros",
    "signed_micros",
    "to_ppm",
    "format_micros",
    "div_half_up",
    "cost_micros",
    "apply_ppm",
]

MICROS = 1_000_000  # micro-units per currency unit
PPM = 1_000_000  # parts per million (discount resolution: 0.0001 %)


def _decimal(value: str | int | Decimal, what: str) -> Decimal:
    if isinstance(value, float):
        raise ValueError(f"{what}: write money as a string ('2.50'), never as a float")
    try:
        d = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(f"{what}: not a decimal number: {value!r}") from None
    if not d.is_finite() or d < 0:
        raise ValueError(f"{what}: must be a non-negative number, got {value!r}")
    return d


def to_micros(value: str | int | Decimal, what: str = "amount") -> int:
    """'2.50' -> 2_500_000. More than six decimal places is an error, never rounded away."""
    scaled = _decimal(value, what) * MICROS
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{what}: at most six decimal places, got {value!r}")
    return int(scaled)


def signed_micros(value: str, what: str = "amount") -> int:
    """'-1.25' -> -1_250_000 (corrections may be negative)."""
    text = value.strip()
    neg = text.startswith("-")
    micros = to_micros(text[1:] if neg or text.startswith("+") else text, what)
    return -micros if neg else micros


def to_ppm(percent: str | int | Decimal, what: str = "discount_pct") -> int:
    """A percentage ('12.5') as parts per million of the amount (125_000)."""
    scaled = _decimal(percent, what) * (PPM // 100)
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{what}: at most four decimal places, got {percent!r}")
    if scaled > PPM:
        raise ValueError(f"{what}: more than 100 %: {percent!r}")
    return int(scaled)


def format_micros(micros: int) -> str:
    """2_500_000 -> '2.500000' (always six decimals; negative amounts keep their sign)."""
    sign = "-" if micros < 0 else ""
    q, r = divmod(abs(micros), MICROS)
    return f"{sign}{q}.{r:06d}"


def div_half_up(num: int, den: int) -> int:
    """num / den rounded to the nearest integer, halves away from zero (den > 0)."""
    if den <= 0:
        raise ValueError("denominator must be positive")
    q, r = divmod(abs(num), den)
    if 2 * r >= den:
        q += 1
    return q if num >= 0 else -q


def cost_micros(*, input_tokens: int, cached_tokens: int, output_tokens: int, input_price: int,
                cached_price: int, output_price: int, discount_ppm: int = 0) -> tuple[int, int]:
    """(list cost, net cost) in micros for one request; prices in micros per million tokens.

    `input_tokens` includes the cached ones. Both results are rounded once, half up, from the
    exact value; the net applies the discount to the exact list value (not the rounded one).
    """
    cached = min(max(cached_tokens, 0), max(input_tokens, 0))
    exact = (input_tokens - cached) * input_price + cached * cached_price + output_tokens * output_price
    list_cost = div_half_up(exact, 1_000_000)
    net = div_half_up(exact * (PPM - discount_ppm), 1_000_000 * PPM)
    return list_cost, net


def apply_ppm(amount_micros: int, ppm: int) -> int:
    """The share `ppm` of an amount, rounded half up to the micro (for invoice adjustments)."""
    return div_half_up(amount_micros * ppm, PPM)
