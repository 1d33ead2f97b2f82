"""Limit specifications and the `limits:` config section.

A `LimitSpec` is what applies to one key or one tenant: requests per minute, tokens per
minute, concurrent requests, and daily / monthly spend caps (stored in integer micro-units
of the billing currency; given in whole units like `50` or `"12.50"`). Per-key and
per-tenant values stored in the database override the configured defaults field by field.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from gatehouse.config import ConfigError, GatehouseConfig
from gatehouse.errors import InvalidRequest

__all__ = ["LimitSpec", "LimitsSettings", "limits_settings"]

_INT_FIELDS = ("rpm", "tpm", "concurrency")
_MONEY_FIELDS = {"daily_spend": "daily_spend_micros", "monthly_spend": "monthly_spend_micros"}


def _micros(value: Any, where: str) -> int:
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        raise InvalidRequest(f"{where}: {value!r} is not an amount", param=where) from None
    if d < 0:
        raise InvalidRequest(f"{where}: must not be negative", param=where)
    return int(d * 1_000_000)


@dataclass(frozen=True, slots=True)
class LimitSpec:
    rpm: int | None = None
    tpm: int | None = None
    concurrency: int | None = None
    daily_spend_micros: int | None = None
    monthly_spend_micros: int | None = None

    @property
    def empty(self) -> bool:
        return all(v is None for v in asdict(self).values())

    def to_dict(self) -> dict[str, int]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    def over(self, base: LimitSpec) -> LimitSpec:
        """This spec's values, falling back to `base` field by field."""
        mine, theirs = asdict(self), asdict(base)
        return LimitSpec(**{k: mine[k] if mine[k] is not None else theirs[k] for k in mine})

    @classmethod
    def parse(cls, raw: dict[str, Any] | None, *, where: str = "limits") -> LimitSpec:
        if not raw:
            return cls()
        if not isinstance(raw, dict):
            raise InvalidRequest(f"{where}: expected a mapping of limits", param=where)
        out: dict[str, int | None] = {}
        for k, v in raw.items():
            if v is None:
                continue
            if k in _INT_FIELDS:
                if isinstance(v, bool) or not isinstance(v, int) or v < 0:
                    raise InvalidRequest(f"{where}.{k}: expected a whole number >= 0, got {v!r}", param=k)
                out[k] = v
            elif k in _MONEY_FIELDS:
                out[_MONEY_FIELDS[k]] = _micros(v, f"{where}.{k}")
            elif k in _MONEY_FIELDS.values():
                out[k] = int(v)
            else:
                known = ", ".join((*_INT_FIELDS, *_MONEY_FIELDS))
                raise InvalidRequest(f"{where}: unknown limit {k!r} (known: {known})", param=k)
        return cls(**out)


class _Defaults(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: dict[str, Any] = Field(default_factory=dict)
    tenant: dict[str, Any] = Field(default_factory=dict)


class LimitsSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    backend: Literal["auto", "memory", "redis"] = "auto"
    key_prefix: str = "gatehouse:limits:"
    defaults: _Defaults = Field(default_factory=_Defaults)
    concurrency_lease_s: float = Field(default=900.0, gt=0)
    # tokens reserved per request before usage is known: prompt estimate + min(max_tokens, this)
    completion_reserve: int = Field(default=256, ge=0)

    def key_defaults(self) -> LimitSpec:
        return LimitSpec.parse(self.defaults.key, where="limits.defaults.key")

    def tenant_defaults(self) -> LimitSpec:
        return LimitSpec.parse(self.defaults.tenant, where="limits.defaults.tenant")


def limits_settings(cfg: GatehouseConfig) -> LimitsSettings:
    raw = cfg.section("limits") or {}
    try:
        s = LimitsSettings.model_validate(raw)
        s.key_defaults()
        s.tenant_defaults()
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ConfigError(f"limits.{'.'.join(str(x) for x in first['loc'])}: {first['msg']}") from exc
    except InvalidRequest as exc:
        raise ConfigError(exc.message) from exc
    return s
