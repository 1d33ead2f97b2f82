"""The governed call: validate, authorize, route, answer, and record - for every endpoint."""

from __future__ import annotations

import asyncio
import itertools
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, TypeVar

import orjson
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from gatehouse.api.middleware.auth import PRINCIPAL
from gatehouse.api.responses import json_response, read_json_body
from gatehouse.errors import GatehouseError, InvalidRequest, PermissionDenied, UpstreamError
from gatehouse.pipeline import RESPONSE_HEADERS, CallContext, RequestRecord
from gatehouse.protocol.openai import chat_prompt_text, message_text
from gatehouse.providers.base import Endpoint, Usage
from gatehouse.providers.sse import SSE_DONE
from gatehouse.tenancy.principal import Principal

if TYPE_CHECKING:
    from gatehouse.gateway import Gateway

__all__ = ["proxy", "RequestIds", "response_text", "prompt_text"]

T = TypeVar("T")

_DATA = b"data: "
_END = b"\n\n"


class RequestIds:
    """Unique, unguessable-enough ids without a system call per request: a random
    per-process prefix and a counter."""

    __slots__ = ("_prefix", "_next")

    def __init__(self) -> None:
        self._prefix = "req_" + secrets.token_hex(8)
        self._next = itertools.count(1).__next__

    def __call__(self) -> str:
        return f"{self._prefix}{self._next():08x}"



def prompt_text(endpoint: Endpoint, body: dict[str, Any]) -> str:
    if endpoint is Endpoint.CHAT:
        return chat_prompt_text(body)
    value = body.get("prompt") if endpoint is Endpoint.COMPLETIONS else body.get("input")
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "\n".join(v for v in value if isinstance(v, str))
    return ""


def response_text(body: dict[str, Any]) -> tuple[str, str | None]:
    """The served text (choices joined) and the first finish_reason."""
    parts: list[str] = []
    finish = None
    for ch in body.get("choices") or ():
        if finish is None:
            finish = ch.get("finish_reason")
        msg = ch.get("message")
        if msg is not None:
            parts.append(message_text(msg.get("content")))
            for call in msg.get("tool_calls") or ():
                parts.append((call.get("function") or {}).get("arguments") or "")
        elif "text" in ch:
            parts.append(ch.get("text") or "")
    return "\n".join(parts), finish


def _client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None


def _finish(gw: Gateway, ctx: CallContext | None, record: RequestRecord, passed: int) -> None:
    if gw.pricer is not None and record.usage is not None and record.deployment is not None and record.status < 500:
        try:
            gw.pricer(record)
        except Exception:
            pass
    if ctx is not None:
        for guard in gw.guards[:passed]:
            try:
                guard.finish(ctx)
            except Exception:  # a guard's bookkeeping must never break the answer
                pass
    gw.record(record)


def _estimate(gw: Gateway, ctx: CallContext, completion_text: str) -> Usage:
    family = ctx.model.family
    return Usage(
        prompt_tokens=gw.count_tokens(prompt_text(ctx.endpoint, ctx.body), family),
        completion_tokens=gw.count_tokens(completion_text, family) if completion_text else 0,
        estimated=True,
    )


def _headers(ctx: CallContext, base: dict[str, str]) -> dict[str, str]:
    extra = ctx.state.get(RESPONSE_HEADERS)  # e.g. x-ratelimit-* from the limits guard
    if extra:
        base.update(extra)
    return base


async def _watch_disconnect(receive: Any) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


async def _unless_disconnected(request: Request, call: Awaitable[T]) -> T | None:
    """Await `call`, cancelling it if the client disconnects first (the body has been read,
    so the next ASGI message can only be the disconnect). None when the client left."""
    task = asyncio.current_task()
    assert task is not None
    left = False

    def on_disconnect(f: asyncio.Future[None]) -> None:
        nonlocal left
        if not f.cancelled() and f.exception() is None:
            left = True
            task.cancel()

    watcher = asyncio.ensure_future(_watch_disconnect(request.receive))
    watcher.add_done_callback(on_disconnect)
    try:
        return await call
    except asyncio.CancelledError:
        if not left:
            raise
        task.uncancel()
        return None
    finally:
        watcher.remove_done_callback(on_disconnect)
        watcher.cancel()


async def proxy(request: Request, endpoint: Endpoint, validate: Callable[[Any], dict[str, Any]]) -> Response:
    gw: Gateway = request.app.state.gateway
    principal: Principal = request.scope[PRINCIPAL]
    t0 = time.perf_counter()
    record = RequestRecord(
        id=gw.request_ids(), ts=datetime.now(timezone.utc), endpoint=endpoint.value,
        tenant_id=principal.tenant_id, key_id=principal.key_id, project_id=principal.project_id,
        jurisdiction=principal.jurisdiction, client_ip=_client_ip(request),
        user_agent=request.headers.get("user-agent"),
    )
    ctx: CallContext | None = None
    passed = 0
    streaming = False
    try:
        body = validate(await read_json_body(request, gw.config.server.max_body_bytes))
        record.request_body = body
        record.model = body["model"]
        model = gw.catalogue.get(body["model"])
        if not model.serves(endpoint):
            raise InvalidRequest(f"The model '{model.name}' does not support {endpoint.value}.", param="model",
                                 code="model_not_supported")
        if principal.scopes and model.name not in principal.scopes:
            raise PermissionDenied(f"This API key is not allowed to use the model '{model.name}'.",
                                   code="model_not_in_key_scope")
        ctx = CallContext(principal, endpoint, body, model, record)
        for guard in gw.guards:
            await guard.check(ctx)
            passed += 1
        if endpoint is not Endpoint.EMBEDDINGS and body.get("stream"):
            record.stream = True
            served_stream = await _unless_disconnected(request, gw.router.stream(endpoint, body, model.name, ctx.allow))
            if served_stream is None:
                record.status, record.error_code, record.cancelled = 499, "client_disconnected", True
                return Response(status_code=499)
            record.deployment = served_stream.deployment
            record.attempts = len(served_stream.attempts)
            record.attempted = [a.deployment_id for a in served_stream.attempts]
            streaming = True
            return StreamingResponse(_relay(gw, ctx, served_stream.stream, t0, passed),
                                     media_type="text/event-stream",
                                     headers=_headers(ctx, {"cache-control": "no-cache", "x-request-id": record.id}))
        served = await _unless_disconnected(request, gw.router.complete(endpoint, body, model.name, ctx.allow))
        if served is None:  # the client left: the upstream call was cancelled, nothing to answer
            record.status, record.error_code, record.cancelled = 499, "client_disconnected", True
            return Response(status_code=499)
        record.deployment = served.deployment
        record.attempts = len(served.attempts)
        record.attempted = [a.deployment_id for a in served.attempts]
        text, record.finish_reason = response_text(served.body)
        record.response_text = text
        record.usage = served.usage or _estimate(gw, ctx, text)
        return Response(orjson.dumps(served.body), media_type="application/json",
                        headers=_headers(ctx, {"x-request-id": record.id}))
    except GatehouseError as exc:
        record.status = exc.status_code
        record.error_code = exc.code
        if isinstance(exc, UpstreamError) and exc.attempts:  # every attempt failed
            record.attempts = len(exc.attempts)
            record.attempted = [a.deployment_id for a in exc.attempts]
        raise
    finally:
        if not streaming:
            record.latency_ms = (time.perf_counter() - t0) * 1000
            _finish(gw, ctx, record, passed)


async def _relay(gw: Gateway, ctx: CallContext, stream: Any, t0: float, passed: int) -> AsyncIterator[bytes]:
    record = ctx.record
    wants_usage = bool((ctx.body.get("stream_options") or {}).get("include_usage"))
    parts: list[str] = []
    try:
        async for batch in stream.batches():
            if record.ttft_ms is None:
                record.ttft_ms = (time.perf_counter() - t0) * 1000
            frames: list[bytes] = []
            for chunk in batch:
                choices = chunk.get("choices") or ()
                for ch in choices:
                    delta = ch.get("delta")
                    if delta is not None:
                        c = delta.get("content")
                        if c:
                            parts.append(c)
                        for call in delta.get("tool_calls") or ():
                            a = (call.get("function") or {}).get("arguments")
                            if a:
                                parts.append(a)
                    elif ch.get("text"):
                        parts.append(ch["text"])
                    if ch.get("finish_reason") and record.finish_reason is None:
                        record.finish_reason = ch["finish_reason"]
                if not wants_usage and "usage" in chunk:
                    if not choices:
                        continue
                    chunk.pop("usage", None)
                frames.append(_DATA + orjson.dumps(chunk) + _END)
            if frames:
                yield b"".join(frames)
        yield SSE_DONE
    except GatehouseError as exc:
        # Bytes have gone to the client: no retry; end the stream with an error event.
        record.status = exc.status_code
        record.error_code = exc.code
        yield _DATA + orjson.dumps(exc.to_dict()) + _END
    except BaseException:
        record.cancelled = True
        record.status = 499
        record.error_code = "client_disconnected"
        raise
    finally:
        await stream.aclose()
        text = "".join(parts)
        record.response_text = text
        record.usage = stream.usage if stream.usage is not None and not record.cancelled else _estimate(gw, ctx, text)
        record.latency_ms = (time.perf_counter() - t0) * 1000
        _finish(gw, ctx, record, passed)
