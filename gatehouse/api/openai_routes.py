"""The public OpenAI-compatible API."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from gatehouse.api.middleware.auth import PRINCIPAL
from gatehouse.api.proxy import proxy
from gatehouse.api.responses import json_response
from gatehouse.errors import NotFound
from gatehouse.protocol.openai import validate_chat, validate_completion, validate_embedding
from gatehouse.providers.base import Endpoint

if TYPE_CHECKING:
    from gatehouse.gateway import Gateway

__all__ = ["routes"]


async def chat_completions(request: Request) -> Response:
    return await proxy(request, Endpoint.CHAT, validate_chat)


async def completions(request: Request) -> Response:
    return await proxy(request, Endpoint.COMPLETIONS, validate_completion)


async def embeddings(request: Request) -> Response:
    return await proxy(request, Endpoint.EMBEDDINGS, validate_embedding)


async def list_models(request: Request) -> Response:
    gw: Gateway = request.app.state.gateway
    principal = request.scope[PRINCIPAL]
    data = [gw.catalogue.describe(m.name) for m in gw.visible_models(principal)]
    return json_response({"object": "list", "data": data})


async def get_model(request: Request) -> Response:
    gw: Gateway = request.app.state.gateway
    principal = request.scope[PRINCIPAL]
    name = request.path_params["model"]
    for m in gw.visible_models(principal):
        if m.name == name:
            return json_response(gw.catalogue.describe(name))
    raise NotFound(f"The model '{name}' does not exist or you do not have access to it.", param="model",
                   code="model_not_found")


routes = [
    Route("/v1/chat/completions", chat_completions, methods=["POST"]),
    Route("/v1/completions", completions, methods=["POST"]),
    Route("/v1/embeddings", embeddings, methods=["POST"]),
    Route("/v1/models", list_models, methods=["GET"]),
    Route("/v1/models/{model:path}", get_model, methods=["GET"]),
]
