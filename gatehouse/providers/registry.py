"""Provider kinds by name: a new provider is one module plus one line here."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from gatehouse.config import ConfigError, ProviderConfig
from gatehouse.providers.base import Adapter, ProviderCredentials, Transport
from gatehouse.providers.openai import OpenAIAdapter
from gatehouse.providers.simulator import SimulatorAdapter, SimulatorOptions, SimulatorTransport
from gatehouse.providers.transport import HttpTransport

__all__ = ["ProviderKind", "PROVIDER_KINDS", "build_provider", "register_kind"]


@dataclass(frozen=True, slots=True)
class ProviderKind:
    adapter: Callable[[ProviderCredentials], Adapter]
    transport: Callable[[ProviderConfig], Transport]
    needs_base_url: bool = True


def _http(_: ProviderConfig) -> Transport:
    return HttpTransport()


def _sim(cfg: ProviderConfig) -> Transport:
    return SimulatorTransport(SimulatorOptions.from_dict(cfg.options))


def _lazy(module: str, cls: str) -> Callable[[ProviderCredentials], Adapter]:
    def make(creds: ProviderCredentials) -> Adapter:
        import importlib

        return getattr(importlib.import_module(module), cls)(creds)  # type: ignore[no-any-return]

    return make


PROVIDER_KINDS: dict[str, ProviderKind] = {
    "openai": ProviderKind(OpenAIAdapter, _http),
    "azure_openai": ProviderKind(_lazy("gatehouse.providers.azure_openai", "AzureOpenAIAdapter"), _http),
    "anthropic": ProviderKind(_lazy("gatehouse.providers.anthropic", "AnthropicAdapter"), _http),
    "simulator": ProviderKind(SimulatorAdapter, _sim, needs_base_url=False),
}


def register_kind(name: str, kind: ProviderKind) -> None:
    """Add a provider kind (used by optional extras such as the `local` provider)."""
    PROVIDER_KINDS[name] = kind


def build_provider(name: str, cfg: ProviderConfig) -> tuple[Adapter, Transport]:
    """Resolve credentials once, from the environment, into a typed adapter and its transport."""
    kind = PROVIDER_KINDS.get(cfg.kind)
    if kind is None:
        if cfg.kind == "local":
            import gatehouse.providers.local  # noqa: F401  (registers itself)

            kind = PROVIDER_KINDS.get("local")
        if kind is None:
            raise ConfigError(f"providers.{name}: unknown kind {cfg.kind!r}; known: {sorted(PROVIDER_KINDS)}")
    if kind.needs_base_url and not cfg.base_url:
        raise ConfigError(f"providers.{name}: 'base_url' is required for kind {cfg.kind!r}")
    api_key = None
    if cfg.api_key_env:
        api_key = os.environ.get(cfg.api_key_env)
        if api_key is None:
            raise ConfigError(f"providers.{name}: environment variable {cfg.api_key_env} is not set")
    creds = ProviderCredentials(api_key=api_key, base_url=cfg.base_url or "", api_version=cfg.api_version, options=cfg.options)
    return kind.adapter(creds), kind.transport(cfg)
