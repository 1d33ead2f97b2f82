"""The `provenance` config section, validated by the feature itself."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from gatehouse.config import ConfigError

__all__ = ["ProvenanceConfig", "WatermarkConfig", "ScanConfig"]


class ScanConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    threshold: float = Field(default=0.1, gt=0, le=1)  # least similarity reported as a match
    relative: float = Field(default=0.5, gt=0, le=1)  # matches below relative * best of a document are dropped
    min_hits: int = Field(default=4, ge=1)  # least shared fingerprint hashes for a match
    max_matches: int = Field(default=10, ge=1)  # matches listed per document
    max_postings: int = Field(default=1000, ge=1)  # hashes held by more responses are stop phrases (never read)
    chunk_postings: int = Field(default=8_000_000, ge=1000)  # postings read per hash range (bounds a scan's memory)


class WatermarkConfig(BaseModel):
    """`providers.<name>.options.watermark` of a `local` provider (detection reads the same)."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    secret_env: str = "GATEHOUSE_WATERMARK_SECRET"  # server secret the per-tenant keys derive from
    gamma: float = Field(default=0.25, gt=0, lt=1)  # green-list fraction of the vocabulary
    delta: float = Field(default=2.5, ge=0)  # logit bias added to green tokens
    context: int = Field(default=1, ge=1, le=4)  # previous tokens seeding the green list

    @classmethod
    def from_options(cls, raw: Any, where: str) -> WatermarkConfig:
        if raw is None:
            return cls()
        if not isinstance(raw, dict):
            raise ConfigError(f"{where}: expected a mapping")
        try:
            return cls.model_validate(raw)
        except ValidationError as exc:
            first = exc.errors()[0]
            raise ConfigError(f"{where}.{'.'.join(str(p) for p in first['loc'])}: {first['msg']}") from None


class ProvenanceConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    retention_days: int = Field(default=365, ge=1)
    prune_interval_s: float = Field(default=3600.0, gt=0)
    queue_max: int = Field(default=100_000, ge=1)
    batch_size: int = Field(default=500, ge=1)
    segment_responses: int = Field(default=100_000, ge=1)  # fingerprints indexed together by compaction
    compact_interval_s: float = Field(default=60.0, gt=0)  # how often the live sink builds due segments
    settle_s: float = Field(default=300.0, ge=0)  # a segment waits until its newest response is this old
    scan: ScanConfig = Field(default_factory=lambda: ScanConfig())
    watermark_alpha: float = Field(default=1e-4, gt=0, lt=1)  # family-wise false-positive bound of detection

    @classmethod
    def from_section(cls, raw: Any) -> ProvenanceConfig:
        if raw is None:
            return cls()
        if not isinstance(raw, dict):
            raise ConfigError("provenance: expected a mapping")
        try:
            return cls.model_validate(raw)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise ConfigError(f"provenance.{where}: {first['msg']}") from None
