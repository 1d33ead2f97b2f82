"""Rounding rules: exact integer arithmetic, one half-up rounding per request."""

from __future__ import annotations

import pytest

from gatehouse.metering.money import (
    apply_ppm, cost_micros, div_half_up, format_micros, signed_micros, to_micros, to_ppm,
)


def test_parse_prices_exactly() -> None:
    assert to_micros("2.50") == 2_500_000
    assert to_micros("0.000001") == 1
    with pytest.raises(ValueError):
        to_micros("0.0000001")  # never rounded away
    with pytest.raises(ValueError):
        to_micros(0.1)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        to_micros("-1")
    assert signed_micros("-1.25") == -1_250_000
    assert to_ppm("12.5") == 125_000
    with pytest.raises(ValueError):
        to_ppm("101")


def test_half_up() -> None:
    assert div_half_up(5, 10) == 1
    assert div_half_up(4, 10) == 0
    assert div_half_up(15, 10) == 2
    assert div_half_up(-5, 10) == -1  # away from zero
    assert format_micros(1_234_567) == "1.234567"
    assert format_micros(-5) == "-0.000005"


def test_cost_rounds_once_from_the_exact_value() -> None:
    # 1 token at $2.50/M = 2.5 micros -> 3; 3 cached at 0.125/M... components are not rounded each.
    assert cost_micros(input_tokens=1, cached_tokens=0, output_tokens=0, input_price=2_500_000,
                       cached_price=0, output_price=0) == (3, 3)
    # Two components of 0.5 micro each: exact 1.0, not round(0.5)+round(0.5)=2.
    assert cost_micros(input_tokens=1, cached_tokens=0, output_tokens=1, input_price=500_000,
                       cached_price=0, output_price=500_000) == (1, 1)
    # Discount applies to the exact list value: 10 micros exact, 15% off = 8.5 -> 9.
    assert cost_micros(input_tokens=4, cached_tokens=0, output_tokens=0, input_price=2_500_000, cached_price=0,
                       output_price=0, discount_ppm=150_000) == (10, 9)
    # Cached tokens are part of the prompt and priced at the cached price.
    assert cost_micros(input_tokens=1000, cached_tokens=400, output_tokens=0, input_price=2_000_000,
                       cached_price=1_000_000, output_price=0) == (1600, 1600)


def test_adjustment_rounding() -> None:
    assert apply_ppm(1_000_005, 30_000) == 30_000  # 30000.15 -> 30000
    assert apply_ppm(50, 10_000) == 1  # 0.5 -> 1
