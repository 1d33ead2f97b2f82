"""A fake Azure OpenAI resource: deployment URLs, `api-version`, `api-key`, Azure's error
bodies and content-filter annotations (including the `prompt_filter_results` first chunk).

Routes: POST /openai/deployments/{deployment}/{chat/completions|completions|embeddings}
?api-version=... and the newer POST /openai/v1/chat/completions (model in the body).
Deployments are any name in `deployments` (plus a `~behaviour` suffix).
"""

from __future__ import annotations

from typing import Any

import orjson
from aiohttp import web

from tests.fakes.base import HEADER, FakeServer, behaviour_of, split_model
from tests.fakes.openai_server import OpenAIFake

__all__ = ["AzureFake", "azure_error"]

_FILTER = {cat: {"filtered": False, "severity": "safe"} for cat in ("hate", "self_harm", "sexual", "violence")}


def azure_error(status: int, message: str, code: str | None = None) -> web.Response:
    if status == 400 and code is None:
        code = "content_filter"
        message = ("The response was filtered due to the prompt triggering Azure OpenAI's content management "
                   "policy.")
    body: dict[str, Any] = {"error": {"code": code or str(status), "message": message}}
    if status == 400:
        body["error"].update({"param": "prompt", "type": None, "status": 400,
                              "innererror": {"code": "ResponsibleAIPolicyViolation"}})
    headers = {"retry-after": "1"} if status == 429 else None
    return web.Response(status=status, body=orjson.dumps(body), content_type="application/json", headers=headers)


class AzureFake(OpenAIFake):
    """`base_url` is the resource endpoint (https://NAME.openai.azure.com)."""

    def __init__(self, api_key: str = "azure-test-key", deployments: dict[str, str] | None = None) -> None:
        super().__init__(api_key)
        # deployment name -> the model version Azure reports in answers
        self.deployments = deployments or {"gpt4o-prod": "gpt-4o-2024-08-06", "mini": "gpt-4o-mini-2024-07-18"}

    def routes(self) -> list[web.RouteDef]:
        return [
            web.post("/openai/deployments/{deployment}/chat/completions", self._deployment),
            web.post("/openai/deployments/{deployment}/completions", self._deployment),
            web.post("/openai/deployments/{deployment}/embeddings", self._deployment),
            web.post("/openai/v1/chat/completions", self._v1),
        ]

    def error_response(self, status: int, message: str) -> web.Response:
        return azure_error(status, message)

    def authorized(self, request: web.Request) -> bool:
        return request.headers.get("api-key") == self.api_key

    def _check(self, request: web.Request, body: Any, deployment: str) -> web.Response | None:
        if not self.authorized(request):
            return azure_error(401, "Access denied due to invalid subscription key or wrong API endpoint. Make sure "
                                    "to provide a valid key for an active subscription and use a correct regional "
                                    "API endpoint for your resource.")
        if split_model(deployment)[0] not in self.deployments:
            return azure_error(404, "The API deployment for this resource does not exist. If you created the "
                                    "deployment within the last 5 minutes, please wait a moment and try again.",
                               "DeploymentNotFound")
        if not isinstance(body, dict):
            return azure_error(400, "Invalid JSON body.", "BadRequest")
        return None

    async def _deployment(self, request: web.Request) -> web.StreamResponse:
        body = await self.record(request)
        if "api-version" not in request.query:
            return azure_error(404, "Resource not found")
        deployment = request.match_info["deployment"]
        bad = self._check(request, body, deployment)
        if bad is not None:
            return bad
        b = behaviour_of(request.headers.get(HEADER), deployment)
        return await self.answer(request, body, b, model=self.deployments[split_model(deployment)[0]])

    async def _v1(self, request: web.Request) -> web.StreamResponse:
        body = await self.record(request)
        deployment = str(body.get("model") or "") if isinstance(body, dict) else ""
        bad = self._check(request, body, deployment)
        if bad is not None:
            return bad
        b = behaviour_of(request.headers.get(HEADER), deployment)
        return await self.answer(request, body, b, model=self.deployments[split_model(deployment)[0]])

    def decorate(self, obj: dict[str, Any], chunk: bool = False) -> dict[str, Any]:
        obj.pop("system_fingerprint", None)
        for ch in obj.get("choices") or ():
            if not chunk or ch.get("delta", {}).get("content"):
                ch["content_filter_results"] = _FILTER
        if not chunk:
            obj["prompt_filter_results"] = [{"prompt_index": 0, "content_filter_results": _FILTER}]
        return obj

    def stream_prelude(self, body: dict[str, Any]) -> list[bytes]:
        first = {"choices": [], "created": 0, "id": "", "model": "", "object": "",
                 "prompt_filter_results": [{"prompt_index": 0, "content_filter_results": _FILTER}]}
        return [b"data: " + orjson.dumps(first) + b"\n\n"]
