"""Typed configuration, loaded from YAML with `${ENV}` references resolved.

With no file the gateway runs on the embedded defaults: SQLite under `./.gatehouse/`,
in-process counters and the built-in simulator serving a few public models.
Secrets are never read from the file: a provider names the environment variable
that holds its key (`api_key_env`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

__all__ = [
    "ConfigError",
    "ServerConfig",
    "StoreConfig",
    "LoggingConfig",
    "ProviderConfig",
    "DeploymentConfig",
    "ModelConfig",
    "TimeoutsConfig",
    "RoutingConfig",
    "BootstrapConfig",
    "GatehouseConfig",
    "load_config",
    "default_config",
]

_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")


class ConfigError(ValueError):
    """The configuration file is missing, malformed or invalid."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ServerConfig(_Model):
    host: str = "127.0.0.1"
    port: int = 8080
    max_body_bytes: int = Field(default=4 * 1024 * 1024, gt=0)
    drain_seconds: float = 30.0
    trusted_proxies: list[str] = Field(default_factory=list)


class StoreConfig(_Model):
    url: str = "sqlite+aiosqlite:///./.gatehouse/gatehouse.db"
    pool_size: int = 10


class LoggingConfig(_Model):
    store_bodies: bool = False
    retention_days: int = Field(default=30, ge=1)
    batch_size: int = Field(default=100, gt=0)
    flush_interval_s: float = Field(default=0.5, gt=0)
    queue_max: int = Field(default=100_000, gt=0)


class ProviderConfig(_Model):
    kind: str
    base_url: str | None = None
    api_key_env: str | None = None
    api_version: str | None = None
    options: dict[str, Any] = Field(default_factory=dict)


class DeploymentConfig(_Model):
    provider: str
    model: str | None = None
    region: str = "default"
    weight: float = Field(default=1.0, gt=0)
    priority: int = 0
    price_tier: str | None = None


class ModelConfig(_Model):
    deployments: list[DeploymentConfig]
    fallback: str | None = None
    family: str | None = None
    owned_by: str = "gatehouse"
    kind: Literal["chat", "embedding"] = "chat"

    @field_validator("deployments")
    @classmethod
    def _non_empty(cls, v: list[DeploymentConfig]) -> list[DeploymentConfig]:
        if not v:
            raise ValueError("a model needs at least one deployment")
        return v


class TimeoutsConfig(_Model):
    connect_s: float = Field(default=5.0, gt=0)
    first_byte_s: float = Field(default=60.0, gt=0)
    idle_s: float = Field(default=30.0, gt=0)
    total_s: float = Field(default=600.0, gt=0)


class BreakerConfig(_Model):
    failures: int = Field(default=5, gt=0)
    cooldown_s: float = Field(default=30.0, ge=0)


class RoutingConfig(_Model):
    retries: int = Field(default=2, ge=0)
    backoff_base_s: float = Field(default=0.1, ge=0)
    backoff_max_s: float = Field(default=2.0, ge=0)
    timeouts: TimeoutsConfig = Field(default_factory=TimeoutsConfig)
    breaker: BreakerConfig = Field(default_factory=BreakerConfig)


class BootstrapConfig(_Model):
    demo_tenant: bool = True
    demo_tenant_name: str = "Demo Tenant"
    demo_jurisdiction: str = "US"


class GatehouseConfig(BaseModel):
    """The whole configuration. Sections owned by later features are kept as raw dicts
    here and validated by their own modules, so that this file stays the core's."""

    model_config = ConfigDict(extra="allow")

    server: ServerConfig = Field(default_factory=ServerConfig)
    store: StoreConfig = Field(default_factory=StoreConfig)
    redis_url: str | None = None
    logging: LoggingConfig = Field(default_factory=LoggingConfig)
    providers: dict[str, ProviderConfig] = Field(default_factory=dict)
    models: dict[str, ModelConfig] = Field(default_factory=dict)
    routing: RoutingConfig = Field(default_factory=RoutingConfig)
    bootstrap: BootstrapConfig = Field(default_factory=BootstrapConfig)
    source: str | None = None

    @field_validator("redis_url", mode="before")
    @classmethod
    def _blank_is_none(cls, v: Any) -> Any:
        return v or None

    def section(self, name: str) -> Any:
        """A feature's own section (e.g. `policy`, `prices`), or None."""
        extra = self.model_extra or {}
        return extra.get(name)

    def check_references(self) -> None:
        for name, model in self.models.items():
            for dep in model.deployments:
                if dep.provider not in self.providers:
                    raise ConfigError(
                        f"models.{name}: deployment names unknown provider {dep.provider!r}"
                    )
            if model.fallback is not None and model.fallback not in self.models:
                raise ConfigError(f"models.{name}: fallback {model.fallback!r} is not a model")


def _substitute(value: Any, path: str) -> Any:
    if isinstance(value, str):

        def repl(m: re.Match[str]) -> str:
            name, default = m.group(1), m.group(2)
            if name in os.environ:
                return os.environ[name]
            if default is not None:
                return default
            raise ConfigError(f"{path}: environment variable {name} is not set")

        return _ENV_REF.sub(repl, value)
    if isinstance(value, dict):
        return {k: _substitute(v, f"{path}.{k}") for k, v in value.items()}
    if isinstance(value, list):
        return [_substitute(v, f"{path}[{i}]") for i, v in enumerate(value)]
    return value


def default_config() -> GatehouseConfig:
    """The embedded defaults: everything on the simulator."""
    sim = {"simulator": ProviderConfig(kind="simulator")}
    models = {
        name: ModelConfig(
            deployments=[DeploymentConfig(provider="simulator", model=name, region="local")],
            family=family,
        )
        for name, family in (
            ("gpt-4o", "openai"),
            ("gpt-4o-mini", "openai"),
            ("claude-sonnet", "anthropic"),
            ("deepseek-chat", "deepseek"),
        )
    }
    models["text-embedding-3-small"] = ModelConfig(
        deployments=[DeploymentConfig(provider="simulator", region="local")],
        family="openai",
        kind="embedding",
    )
    return GatehouseConfig(providers=sim, models=models)


def load_config(path: str | Path | None) -> GatehouseConfig:
    """Load and validate a YAML config; None gives the embedded defaults."""
    if path is None:
        return default_config()
    p = Path(path)
    try:
        raw = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {p}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{p}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"{p}: the top level must be a mapping")
    raw = _substitute(raw, "config")
    try:
        cfg = GatehouseConfig.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise ConfigError(f"{p}: {where}: {first['msg']}") from exc
    cfg.source = str(p.resolve())
    cfg.check_references()
    return cfg
