"""The provider seam: a pure translator (`Adapter`) plus an I/O `Transport`.

An adapter turns an OpenAI-format request into the provider's wire request and the
provider's answer back into OpenAI format, returning token usage as it goes, so that
metering never parses provider JSON again. Adapters do no I/O and hold no mutable
state; one adapter instance serves every concurrent request. Per-stream state lives
in the `StreamDecoder` that `stream_decoder()` returns for each stream.
"""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from gatehouse.errors import UpstreamStatusError

__all__ = [
    "Endpoint",
    "Usage",
    "Deployment",
    "Timeouts",
    "UpstreamRequest",
    "UpstreamResponse",
    "Transport",
    "SSEEvent",
    "StreamDecoder",
    "Adapter",
]


class Endpoint(enum.StrEnum):
    CHAT = "/v1/chat/completions"
    COMPLETIONS = "/v1/completions"
    EMBEDDINGS = "/v1/embeddings"


@dataclass(slots=True)
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_tokens: int = 0
    estimated: bool = False

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def to_openai(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "total_tokens": self.total_tokens,
        }
        if self.cached_tokens:
            out["prompt_tokens_details"] = {"cached_tokens": self.cached_tokens}
        return out

    @classmethod
    def from_openai(cls, u: dict[str, Any] | None) -> Usage | None:
        if not isinstance(u, dict):
            return None
        details = u.get("prompt_tokens_details") or {}
        return cls(
            prompt_tokens=int(u.get("prompt_tokens") or 0),
            completion_tokens=int(u.get("completion_tokens") or 0),
            cached_tokens=int(details.get("cached_tokens") or 0) if isinstance(details, dict) else 0,
        )


@dataclass(frozen=True, slots=True)
class Deployment:
    """One place a public model is served from."""

    id: str
    public_model: str
    provider: str
    upstream_model: str
    region: str
    weight: float = 1.0
    priority: int = 0
    price_tier: str | None = None


@dataclass(frozen=True, slots=True)
class Timeouts:
    connect_s: float = 5.0
    first_byte_s: float = 60.0
    idle_s: float = 30.0
    total_s: float = 600.0


@dataclass(slots=True)
class UpstreamRequest:
    method: str
    url: str
    headers: dict[str, str]
    body: bytes
    stream: bool = False


@dataclass(slots=True)
class SSEEvent:
    data: str
    event: str | None = None


class UpstreamResponse(ABC):
    """An answer whose headers have arrived; the body is read on demand."""

    status: int
    headers: dict[str, str]

    @abstractmethod
    async def read(self) -> bytes: ...

    @abstractmethod
    def iter_chunks(self) -> AsyncIterator[bytes]: ...

    @abstractmethod
    async def aclose(self) -> None: ...


class Transport(ABC):
    """Sends one upstream request. Raises UpstreamTimeout / UpstreamError on failure."""

    # True when the transport itself bounds a non-streaming exchange by `Timeouts.total_s`
    # (saves a second timer per request); otherwise the client wraps it.
    enforces_total: bool = False

    @abstractmethod
    async def send(self, request: UpstreamRequest, timeouts: Timeouts) -> UpstreamResponse: ...

    async def aclose(self) -> None:
        return None

    async def __aenter__(self) -> Transport:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


class StreamDecoder(ABC):
    """Turns one provider stream's events into OpenAI chunk objects. Subclasses set
    `_usage` when the provider reports usage and `_done` when the stream has ended."""

    _usage: Usage | None = None
    _done: bool = False

    @abstractmethod
    def feed(self, event: SSEEvent) -> list[dict[str, Any]]:
        """OpenAI `chat.completion.chunk` (or `text_completion`) objects for one event."""

    @property
    def usage(self) -> Usage | None:
        """Usage the provider reported so far, if any."""
        return self._usage

    @property
    def done(self) -> bool:
        return self._done


@dataclass(slots=True)
class ProviderCredentials:
    api_key: str | None = None
    base_url: str = ""
    api_version: str | None = None
    options: dict[str, Any] = field(default_factory=dict)


class Adapter(ABC):
    """Pure translator between the OpenAI format and one provider's wire format."""

    name: str = "base"
    supports: frozenset[Endpoint] = frozenset({Endpoint.CHAT})

    def __init__(self, credentials: ProviderCredentials) -> None:
        self.credentials = credentials

    @abstractmethod
    def request_body(
        self, endpoint: Endpoint, body: dict[str, Any], deployment: Deployment, stream: bool
    ) -> UpstreamRequest: ...

    @abstractmethod
    def response_body(
        self, endpoint: Endpoint, raw: bytes, deployment: Deployment
    ) -> tuple[dict[str, Any], Usage | None]: ...

    @abstractmethod
    def stream_decoder(self, endpoint: Endpoint, deployment: Deployment) -> StreamDecoder: ...

    def response_error(self, status: int, raw: bytes) -> UpstreamStatusError:
        """Map an error answer to a safe error (never echoes URLs or keys)."""
        return UpstreamStatusError(
            f"the upstream provider answered with status {status}", upstream_status=status
        )
