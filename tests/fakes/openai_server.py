"""A fake OpenAI API over real HTTP: the simulator's answers in OpenAI's exact wire format.

Routes: POST /v1/chat/completions, /v1/completions, /v1/embeddings; GET /v1/models.
Checks `Authorization: Bearer <api_key>`; errors use OpenAI's envelope and statuses.
"""

from __future__ import annotations

from typing import Any

import orjson
from aiohttp import web

from gatehouse.providers.base import Timeouts, UpstreamRequest
from gatehouse.providers.simulator import SimulatorOptions, SimulatorTransport
from tests.fakes.base import HEADER, Behaviour, FakeServer, behaviour_of, split_model

__all__ = ["OpenAIFake", "openai_error"]

_TYPES = {400: "invalid_request_error", 401: "invalid_request_error", 403: "permission_error",
          404: "invalid_request_error", 429: "requests", 500: "server_error", 503: "server_error"}
_CODES = {401: "invalid_api_key", 404: "model_not_found", 429: "rate_limit_exceeded"}


def openai_error(status: int, message: str, param: str | None = None) -> web.Response:
    body = {"error": {"message": message, "type": _TYPES.get(status, "server_error"), "param": param,
                      "code": _CODES.get(status)}}
    headers = {"retry-after": "1"} if status == 429 else None
    return web.Response(status=status, body=orjson.dumps(body), content_type="application/json", headers=headers)


class OpenAIFake(FakeServer):
    """OpenAI (or any OpenAI-compatible server); `base_url` + "/v1" is the provider base URL."""

    def __init__(self, api_key: str = "test-key", options: SimulatorOptions | None = None) -> None:
        super().__init__(api_key)
        self.sim = SimulatorTransport(options or SimulatorOptions())

    @property
    def v1(self) -> str:
        return self.base_url + "/v1"

    def routes(self) -> list[web.RouteDef]:
        return [
            web.post("/v1/chat/completions", self._post),
            web.post("/v1/completions", self._post),
            web.post("/v1/embeddings", self._post),
            web.get("/v1/models", self._models),
        ]

    def error_response(self, status: int, message: str) -> web.Response:
        return openai_error(status, message)

    def authorized(self, request: web.Request) -> bool:
        return request.headers.get("authorization") == f"Bearer {self.api_key}"

    async def _models(self, request: web.Request) -> web.StreamResponse:
        if not self.authorized(request):
            return openai_error(401, "Incorrect API key provided.")
        data = [{"id": "gpt-4o", "object": "model", "created": 1_700_000_000, "owned_by": "system"}]
        return web.json_response({"object": "list", "data": data})

    async def _post(self, request: web.Request) -> web.StreamResponse:
        body = await self.record(request)
        if not self.authorized(request):
            return openai_error(401, "Incorrect API key provided. You can find your API key at "
                                     "https://platform.openai.com/account/api-keys.")
        if not isinstance(body, dict):
            return openai_error(400, "We could not parse the JSON body of your request.")
        if not isinstance(body.get("model"), str):
            return openai_error(400, "you must provide a model parameter", "model")
        return await self.answer(request, body, behaviour_of(request.headers.get(HEADER), body["model"]))

    async def answer(self, request: web.Request, body: dict[str, Any], b: Behaviour,
                     model: str | None = None) -> web.StreamResponse:
        early = await self.before_head(b)
        if early is not None:
            return early
        clean = dict(body, model=model or split_model(str(body.get("model") or ""))[0])
        stream = bool(body.get("stream"))
        sim = await self.sim.send(UpstreamRequest("POST", "sim:/" + request.path, {}, orjson.dumps(clean), stream),
                                  Timeouts())
        if not stream:
            payload = self.decorate(orjson.loads(await sim.read()))
            return await self.send_json(request, b, orjson.dumps(payload))
        frames = []
        async for raw in sim.iter_chunks():
            if raw.startswith(b"data: {"):
                raw = b"data: " + orjson.dumps(self.decorate(orjson.loads(raw[6:]), chunk=True)) + b"\n\n"
            frames.append(raw)
        frames = self.stream_prelude(clean) + frames
        err = b'data: {"error": {"message": "The server had an error while processing your request.", ' \
              b'"type": "server_error", "param": null, "code": null}}\n\n'
        return await self.send_stream(request, b, frames, err)

    def decorate(self, obj: dict[str, Any], chunk: bool = False) -> dict[str, Any]:
        """Hook for providers that add fields to OpenAI's objects."""
        return obj

    def stream_prelude(self, body: dict[str, Any]) -> list[bytes]:
        """Hook: frames sent before the first OpenAI chunk."""
        return []
