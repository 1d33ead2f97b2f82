"""OpenAI and every OpenAI-compatible server (DeepSeek, vLLM, Ollama, ...): near pass-through."""

from __future__ import annotations

from typing import Any

import orjson

from gatehouse.errors import UpstreamError, UpstreamStatusError
from gatehouse.providers.base import (
    Adapter,
    Deployment,
    Endpoint,
    SSEEvent,
    StreamDecoder,
    UpstreamRequest,
    Usage,
)

__all__ = ["OpenAIAdapter", "OpenAIStreamDecoder"]


class OpenAIStreamDecoder(StreamDecoder):
    __slots__ = ("_model", "_usage", "_done")

    def __init__(self, public_model: str) -> None:
        self._model = public_model
        self._usage: Usage | None = None
        self._done = False

    def feed(self, event: SSEEvent) -> list[dict[str, Any]]:
        if event.data == "[DONE]":
            self._done = True
            return []
        try:
            chunk = orjson.loads(event.data)
        except orjson.JSONDecodeError:
            raise UpstreamError("the upstream provider sent a malformed stream event") from None
        if not isinstance(chunk, dict):
            return []
        if "error" in chunk:
            raise UpstreamError("the upstream provider reported an error mid-stream")
        usage = Usage.from_openai(chunk.get("usage"))
        if usage is not None:
            self._usage = usage
        chunk["model"] = self._model
        return [chunk]



class OpenAIAdapter(Adapter):
    name = "openai"
    supports = frozenset({Endpoint.CHAT, Endpoint.COMPLETIONS, Endpoint.EMBEDDINGS})

    def url(self, endpoint: Endpoint, deployment: Deployment) -> str:
        base = self.credentials.base_url.rstrip("/")
        return base + endpoint.value.removeprefix("/v1")

    def headers(self) -> dict[str, str]:
        h = {"content-type": "application/json"}
        if self.credentials.api_key:
            h["authorization"] = f"Bearer {self.credentials.api_key}"
        return h

    def request_body(
        self, endpoint: Endpoint, body: dict[str, Any], deployment: Deployment, stream: bool
    ) -> UpstreamRequest:
        out = dict(body)
        out["model"] = deployment.upstream_model
        if stream:
            # Ask for usage so that metering needs no local count; stripped again if the client did not ask.
            opts = dict(out.get("stream_options") or {})
            opts["include_usage"] = True
            out["stream_options"] = opts
        return UpstreamRequest("POST", self.url(endpoint, deployment), self.headers(), orjson.dumps(out), stream)

    def response_body(
        self, endpoint: Endpoint, raw: bytes, deployment: Deployment
    ) -> tuple[dict[str, Any], Usage | None]:
        try:
            obj = orjson.loads(raw)
        except orjson.JSONDecodeError:
            raise UpstreamError("the upstream provider sent a malformed response") from None
        if not isinstance(obj, dict):
            raise UpstreamError("the upstream provider sent a malformed response")
        obj["model"] = deployment.public_model
        return obj, Usage.from_openai(obj.get("usage"))

    def stream_decoder(self, endpoint: Endpoint, deployment: Deployment) -> StreamDecoder:
        return OpenAIStreamDecoder(deployment.public_model)

    def response_error(self, status: int, raw: bytes) -> UpstreamStatusError:
        message = f"the upstream provider answered with status {status}"
        code: str | None = None
        param: str | None = None
        try:
            err = orjson.loads(raw).get("error")
            if isinstance(err, dict) and status < 500 and status not in (401, 403):
                # Client errors are the caller's to fix: pass the provider's words on.
                message = str(err.get("message") or message)
                code = err.get("code") if isinstance(err.get("code"), str) else None
                param = err.get("param") if isinstance(err.get("param"), str) else None
        except (orjson.JSONDecodeError, AttributeError):
            pass
        return UpstreamStatusError(message, upstream_status=status, code=code, param=param)
