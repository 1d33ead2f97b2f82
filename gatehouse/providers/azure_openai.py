"""Azure OpenAI: the OpenAI translator with Azure's URLs, `api-version` and `api-key` header.

The deployment's upstream model name is the Azure *deployment* name; it goes in the URL
(and, as the official SDK's AzureOpenAI client does, also in the body, where Azure ignores
it). With `api_version: v1` the newer `/openai/v1/...` routes are used instead,
which take the model in the body as OpenAI does. Concurrency: as for the OpenAI adapter,
the adapter is stateless and each stream has its own decoder.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from gatehouse.providers.base import Deployment, Endpoint, SSEEvent, StreamDecoder
from gatehouse.providers.openai import OpenAIAdapter, OpenAIStreamDecoder

__all__ = ["AzureOpenAIAdapter", "AzureStreamDecoder", "DEFAULT_API_VERSION"]

DEFAULT_API_VERSION = "2024-10-21"


class AzureStreamDecoder(OpenAIStreamDecoder):
    """Drops Azure's `prompt_filter_results` chunks (empty `choices`, no usage), which
    strict clients that read `choices[0]` would trip over."""

    __slots__ = ()

    def feed(self, event: SSEEvent) -> list[dict[str, Any]]:
        return [c for c in super().feed(event) if c.get("choices") or c.get("usage")]


class AzureOpenAIAdapter(OpenAIAdapter):
    name = "azure_openai"

    @property
    def api_version(self) -> str:
        return self.credentials.api_version or DEFAULT_API_VERSION

    def url(self, endpoint: Endpoint, deployment: Deployment) -> str:
        base = self.credentials.base_url.rstrip("/").removesuffix("/openai")
        path = endpoint.value.removeprefix("/v1")
        if self.api_version in ("v1", "preview"):
            suffix = "" if self.api_version == "v1" else "?api-version=preview"
            return f"{base}/openai/v1{path}{suffix}"
        name = quote(deployment.upstream_model, safe="")
        return f"{base}/openai/deployments/{name}{path}?api-version={quote(self.api_version, safe='')}"

    def headers(self) -> dict[str, str]:
        h = {"content-type": "application/json"}
        if self.credentials.api_key:
            h["api-key"] = self.credentials.api_key
        return h

    def stream_decoder(self, endpoint: Endpoint, deployment: Deployment) -> StreamDecoder:
        return AzureStreamDecoder(deployment.public_model)
