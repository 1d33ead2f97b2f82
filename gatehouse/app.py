"""The ASGI application: routes, middleware in one ordered list, and the lifespan."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.middleware import Middleware

from gatehouse.api import health, openai_routes
from gatehouse.api.middleware.auth import ApiKeyAuth
from gatehouse.api.responses import EXCEPTION_HANDLERS
from gatehouse.config import GatehouseConfig
from gatehouse.gateway import Gateway

__all__ = ["create_app"]

log = logging.getLogger("gatehouse")


def create_app(config: GatehouseConfig) -> Starlette:
    gateway = Gateway(config)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await gateway.start()
        try:
            yield
        finally:
            await gateway.close()

    middleware = [Middleware(ApiKeyAuth, keyring=gateway.keyring)]
    app = Starlette(
        routes=[*health.routes, *openai_routes.routes, *gateway.build_routes()],
        middleware=middleware,
        exception_handlers=EXCEPTION_HANDLERS,
        lifespan=lifespan,
    )
    app.state.gateway = gateway
    return app
