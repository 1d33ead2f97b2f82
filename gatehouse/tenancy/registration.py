"""Company registration numbers: is one present and well-formed for its jurisdiction?

Known formats carry a checksum where the registry defines one (China's unified social
credit code); other jurisdictions fall back to a conservative generic pattern. Operators
add or replace patterns with `tenants.vetting.registration_formats: {XX: regex}`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

__all__ = ["check_registration", "FORMATS"]

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC = re.compile(r"^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$")


def _uscc(value: str) -> str | None:
    if not _USCC.match(value):
        return "a unified social credit code has 18 characters (digits and capitals except I, O, S, V, Z)"
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(value[:17], _USCC_WEIGHTS))
    if _USCC_ALPHABET[(31 - total % 31) % 31] != value[17]:
        return "the unified social credit code's check character is wrong"
    return None


def _pattern(regex: str, what: str) -> Callable[[str], str | None]:
    compiled = re.compile(regex)
    return lambda v: None if compiled.fullmatch(v) else f"expected {what}"


# jurisdiction -> validator returning None when well-formed, else what is wrong
FORMATS: Mapping[str, Callable[[str], str | None]] = {
    "CN": _uscc,
    "US": _pattern(r"\d{2}-?\d{7}", "an EIN like 12-3456789"),
    "SG": _pattern(r"(\d{8}[A-Z]|\d{9}[A-Z]|[TSR]\d{2}[A-Z]{2}\d{4}[A-Z])", "a UEN like 201912345K"),
    "GB": _pattern(r"([0-9]{8}|(SC|NI|OC|SO|NC|R0)[0-9]{6})", "a Companies House number like 01234567"),
    "DE": _pattern(r"(HR[AB]\s?\d{1,6}(\s?[A-Z]{1,3})?)", "a register number like HRB 12345"),
    "FR": _pattern(r"\d{9}(\d{5})?", "a SIREN (9 digits) or SIRET (14 digits)"),
    "SE": _pattern(r"\d{6}-?\d{4}", "an organisationsnummer like 556677-8899"),
    "JP": _pattern(r"\d{13}", "a 13-digit corporate number"),
    "IN": _pattern(r"[LU]\d{5}[A-Z]{2}\d{4}[A-Z]{3}\d{6}", "a 21-character CIN"),
}
_GENERIC = _pattern(r"[A-Za-z0-9][A-Za-z0-9./ -]{3,39}", "4 to 40 letters, digits, '.', '/', '-' or spaces")


def check_registration(jurisdiction: str, number: str | None, extra: Mapping[str, str] | None = None) -> str | None:
    """None when present and well-formed; otherwise a sentence saying what is wrong."""
    if number is None or not number.strip():
        return "no registration number was given"
    value = number.strip().upper()
    if extra and jurisdiction in extra:
        return _pattern(extra[jurisdiction], f"the format configured for {jurisdiction}")(value)
    return FORMATS.get(jurisdiction, _GENERIC)(value)
