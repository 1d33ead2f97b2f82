"""Rendering: orjson bodies and the OpenAI error envelope, in one place."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from gatehouse.errors import GatehouseError, error_body

__all__ = ["json_response", "error_response", "EXCEPTION_HANDLERS", "read_json_body"]


def json_response(obj: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(orjson.dumps(obj), status_code=status, headers=headers, media_type="application/json")


def error_response(exc: GatehouseError) -> Response:
    return json_response(exc.to_dict(), exc.status_code, exc.headers or None)


async def _gatehouse_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, GatehouseError)
    return error_response(exc)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    kind = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code)
    msg = {404: f"Unknown path: {request.method} {request.url.path}",
           405: f"Method {request.method} is not allowed on {request.url.path}"}.get(exc.status_code, str(exc.detail))
    return json_response(error_body(msg, "invalid_request_error", None, kind), exc.status_code)


async def _unexpected(request: Request, exc: Exception) -> Response:
    return json_response(error_body("The gateway had an internal error; it has been logged.", "api_error", None,
                                    "internal_error"), 500)


EXCEPTION_HANDLERS = {GatehouseError: _gatehouse_error, HTTPException: _http_error, Exception: _unexpected}


async def read_json_body(request: Request, limit: int) -> Any:
    """Read the body up to `limit` bytes (413 past it) and parse it (400 if not JSON)."""
    from gatehouse.errors import InvalidRequest, PayloadTooLarge

    too_big = PayloadTooLarge(f"The request body is larger than the limit of {limit} bytes.")
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise too_big
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_big
        chunks.append(chunk)
    raw = b"".join(chunks)
    if not raw:
        raise InvalidRequest("The request body is empty; send a JSON object.", code="invalid_body")
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise InvalidRequest(f"The request body is not valid JSON ({exc.msg} at position {exc.pos}).",
                             code="invalid_json") from None
