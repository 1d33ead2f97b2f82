"""The `tenants:` config section: who may become a tenant and how vetting is done."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from gatehouse.config import ConfigError, GatehouseConfig

__all__ = ["VettingSettings", "TenancySettings", "tenancy_settings", "ENTITY_TYPES", "CHECKS"]

ENTITY_TYPES = ("enterprise", "individual", "government", "research")
CHECKS = ("entity_type", "registration", "company_age", "screening", "terms")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class VettingSettings(_Model):
    checks: list[str] = Field(default_factory=lambda: list(CHECKS))
    min_company_age_days: int = Field(default=365, ge=0)
    denied_parties: str | None = None  # CSV path, relative to the config file
    screening_threshold: float = Field(default=0.88, gt=0, le=1)
    terms_version: str = "2025-01"
    required_clauses: list[str] = Field(default_factory=lambda: ["no_distillation"])
    registration_formats: dict[str, str] = Field(default_factory=dict)


class TenancySettings(_Model):
    allowed_entity_types: list[str] = Field(default_factory=lambda: ["enterprise", "government", "research"])
    vetting: VettingSettings = Field(default_factory=VettingSettings)
    rotation_grace_s: int = Field(default=86_400, ge=0)
    base_dir: str | None = None

    def denied_parties_path(self) -> Path | None:
        p = self.vetting.denied_parties
        if not p:
            return None
        path = Path(p)
        if not path.is_absolute() and self.base_dir:
            path = Path(self.base_dir) / path
        return path


def tenancy_settings(cfg: GatehouseConfig) -> TenancySettings:
    raw: Any = cfg.section("tenants") or {}
    try:
        s = TenancySettings.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ConfigError(f"tenants.{'.'.join(str(x) for x in first['loc'])}: {first['msg']}") from exc
    for c in s.vetting.checks:
        if c not in CHECKS:
            raise ConfigError(f"tenants.vetting.checks: unknown check {c!r} (known: {', '.join(CHECKS)})")
    for t in s.allowed_entity_types:
        if t not in ENTITY_TYPES:
            raise ConfigError(f"tenants.allowed_entity_types: unknown entity type {t!r}")
    if cfg.source:
        s.base_dir = str(Path(cfg.source).parent)
    return s
