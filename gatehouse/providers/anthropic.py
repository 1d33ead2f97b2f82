"""Anthropic: OpenAI chat completions <-> the Messages API, streaming and tool use included.

Concurrency: `AnthropicAdapter` is stateless and shared by every request; each stream gets
its own `AnthropicStreamDecoder`, which holds that stream's state (ids, tool-call indices,
usage) and is used by one task only.
"""

from __future__ import annotations

import time
from typing import Any

import orjson

from gatehouse.errors import InvalidRequest, UpstreamError, UpstreamStatusError
from gatehouse.protocol.anthropic import (
    ANTHROPIC_VERSION,
    DEFAULT_MAX_TOKENS,
    ERROR_STATUS,
    ContentBlock,
    Message,
    MessagesRequest,
    Tool,
    ToolChoice,
    finish_reason,
)
from gatehouse.protocol.openai import message_text
from gatehouse.providers.base import (
    Adapter,
    Deployment,
    Endpoint,
    SSEEvent,
    StreamDecoder,
    UpstreamRequest,
    Usage,
)

__all__ = ["AnthropicAdapter", "AnthropicStreamDecoder", "to_messages_request", "from_messages_response", "usage_of"]

_JSON = orjson.loads


def _bad(param: str, message: str) -> InvalidRequest:
    return InvalidRequest(message, param=param, code="unsupported_value")


def _image(param: str, part: dict[str, Any]) -> ContentBlock:
    ref = part.get("image_url")
    url = ref.get("url") if isinstance(ref, dict) else ref
    if not isinstance(url, str) or not url:
        raise _bad(f"{param}.image_url.url", f"'{param}.image_url.url' must be a URL or a data: URI.")
    if url.startswith("data:"):
        head, sep, data = url[5:].partition(",")
        media_type, _, encoding = head.partition(";")
        if not sep or encoding != "base64":
            raise _bad(f"{param}.image_url.url", f"'{param}.image_url.url' must be a base64 data: URI.")
        return {"type": "image", "source": {"type": "base64", "media_type": media_type, "data": data}}
    return {"type": "image", "source": {"type": "url", "url": url}}


def _file(param: str, part: dict[str, Any]) -> ContentBlock:
    f = part.get("file") if isinstance(part.get("file"), dict) else {}
    data = f.get("file_data") if isinstance(f, dict) else None
    if not isinstance(data, str) or not data.startswith("data:"):
        raise _bad(f"{param}.file", f"'{param}.file' must carry 'file_data' as a base64 data: URI for this model.")
    head, _, payload = data[5:].partition(",")
    return {"type": "document", "source": {"type": "base64", "media_type": head.partition(";")[0], "data": payload}}


def _blocks(param: str, content: Any) -> list[ContentBlock]:
    """OpenAI content (string or parts) as Anthropic content blocks (empty text dropped)."""
    if content is None:
        return []
    if isinstance(content, str):
        return [{"type": "text", "text": content}] if content else []
    out: list[ContentBlock] = []
    for j, part in enumerate(content):
        pp = f"{param}[{j}]"
        kind = part.get("type")
        if kind == "text":
            if part.get("text"):
                out.append({"type": "text", "text": part["text"]})
        elif kind == "image_url":
            out.append(_image(pp, part))
        elif kind == "file":
            out.append(_file(pp, part))
        elif kind == "refusal":
            if part.get("refusal"):
                out.append({"type": "text", "text": str(part["refusal"])})
        else:
            raise _bad(f"{pp}.type", f"content parts of type '{kind}' are not supported by this model.")
    return out


def _tool_uses(param: str, calls: Any) -> list[ContentBlock]:
    out: list[ContentBlock] = []
    for k, call in enumerate(calls or ()):
        fn = call.get("function") or {}
        args = fn.get("arguments") or "{}"
        try:
            parsed = _JSON(args) if isinstance(args, str) else args
        except orjson.JSONDecodeError:
            raise _bad(f"{param}[{k}].function.arguments", "tool call arguments must be a JSON object.") from None
        if not isinstance(parsed, dict):
            raise _bad(f"{param}[{k}].function.arguments", "tool call arguments must be a JSON object.")
        out.append({"type": "tool_use", "id": str(call.get("id") or f"call_{k}"), "name": str(fn.get("name")),
                    "input": parsed})
    return out


def _append(messages: list[Message], role: str, blocks: list[ContentBlock]) -> None:
    """Add blocks as a turn, merging into the previous turn of the same role."""
    if not blocks:
        return
    if messages and messages[-1]["role"] == role:
        prev = messages[-1]["content"]
        assert isinstance(prev, list)
        prev.extend(blocks)
        return
    messages.append({"role": "user" if role == "user" else "assistant", "content": blocks})


def _convert_messages(msgs: list[dict[str, Any]]) -> tuple[str | None, list[Message]]:
    system: list[str] = []
    out: list[Message] = []
    for i, m in enumerate(msgs):
        p = f"messages[{i}]"
        role = m.get("role")
        if role in ("system", "developer"):
            text = message_text(m.get("content"))
            if text:
                system.append(text)
        elif role == "user":
            _append(out, "user", _blocks(f"{p}.content", m.get("content")))
        elif role == "assistant":
            blocks = _blocks(f"{p}.content", m.get("content"))
            blocks.extend(_tool_uses(f"{p}.tool_calls", m.get("tool_calls")))
            _append(out, "assistant", blocks)
        else:  # tool / function results go back in the next user turn
            call_id = m.get("tool_call_id") or m.get("name")
            if not isinstance(call_id, str):
                raise _bad(f"{p}.tool_call_id", f"'{p}.tool_call_id' is required for role '{role}'.")
            content = m.get("content")
            result: str | list[Any] = content if isinstance(content, str) else [
                b for b in _blocks(f"{p}.content", content) if b["type"] in ("text", "image")]
            _append(out, "user", [{"type": "tool_result", "tool_use_id": call_id, "content": result}])
    if not out:
        raise InvalidRequest("'messages' must contain at least one user or assistant message for this model.",
                             param="messages", code="invalid_value")
    return ("\n\n".join(system) or None), out


def _tools(body: dict[str, Any]) -> tuple[list[Tool] | None, ToolChoice | None]:
    tools: list[Tool] = []
    for t in body.get("tools") or ():
        fn = t["function"]
        tool: Tool = {"name": fn["name"], "input_schema": fn.get("parameters") or {"type": "object", "properties": {}}}
        if fn.get("description"):
            tool["description"] = fn["description"]
        tools.append(tool)
    tc = body.get("tool_choice")
    choice: ToolChoice | None = None
    if isinstance(tc, dict):
        choice = {"type": "tool", "name": str((tc.get("function") or {}).get("name"))}
    elif tc == "auto":
        choice = {"type": "auto"}
    elif tc == "required":
        choice = {"type": "any"}
    elif tc == "none":
        choice = {"type": "none"}
    if body.get("parallel_tool_calls") is False and tools:
        choice = choice or {"type": "auto"}
        if choice["type"] != "none":
            choice["disable_parallel_tool_use"] = True
    return (tools or None), (choice if tools else None)


def to_messages_request(body: dict[str, Any], model: str, stream: bool, default_max_tokens: int) -> MessagesRequest:
    """An OpenAI chat completions body as an Anthropic Messages request."""
    if (body.get("n") or 1) != 1:
        raise _bad("n", "this model returns one choice per request; 'n' must be 1.")
    system, messages = _convert_messages(body["messages"])
    max_tokens = body.get("max_completion_tokens") or body.get("max_tokens") or default_max_tokens
    req: MessagesRequest = {"model": model, "max_tokens": int(max_tokens), "messages": messages}
    if system is not None:
        req["system"] = system
    if body.get("temperature") is not None:
        req["temperature"] = min(float(body["temperature"]), 1.0)  # Anthropic's range is 0..1
    if body.get("top_p") is not None:
        req["top_p"] = float(body["top_p"])
    if isinstance(body.get("top_k"), int):
        req["top_k"] = body["top_k"]
    stop = body.get("stop")
    if stop:
        req["stop_sequences"] = [stop] if isinstance(stop, str) else list(stop)
    tools, choice = _tools(body)
    if tools is not None:
        req["tools"] = tools
    if choice is not None:
        req["tool_choice"] = choice
    if isinstance(body.get("user"), str):
        req["metadata"] = {"user_id": body["user"]}
    if stream:
        req["stream"] = True
    return req


def usage_of(u: Any) -> Usage | None:
    """Anthropic usage as ours: prompt tokens include cache reads and writes, as OpenAI's do."""
    if not isinstance(u, dict):
        return None
    cached = int(u.get("cache_read_input_tokens") or 0)
    created = int(u.get("cache_creation_input_tokens") or 0)
    return Usage(prompt_tokens=int(u.get("input_tokens") or 0) + cached + created,
                 completion_tokens=int(u.get("output_tokens") or 0), cached_tokens=cached)


def _tool_call(block: dict[str, Any], index: int | None = None) -> dict[str, Any]:
    call: dict[str, Any] = {"id": block.get("id"), "type": "function",
                            "function": {"name": block.get("name"),
                                         "arguments": orjson.dumps(block.get("input") or {}).decode()}}
    if index is not None:
        call["index"] = index
    return call


def from_messages_response(msg: dict[str, Any], public_model: str) -> tuple[dict[str, Any], Usage | None]:
    """An Anthropic Messages response as an OpenAI chat.completion object, with usage."""
    texts = [b.get("text") or "" for b in msg.get("content") or () if b.get("type") == "text"]
    calls = [_tool_call(b) for b in msg.get("content") or () if b.get("type") == "tool_use"]
    message: dict[str, Any] = {"role": "assistant", "content": "".join(texts) if texts else None, "refusal": None}
    if calls:
        message["tool_calls"] = calls
    usage = usage_of(msg.get("usage"))
    out = {
        "id": str(msg.get("id") or ""), "object": "chat.completion", "created": int(time.time()),
        "model": public_model,
        "choices": [{"index": 0, "message": message, "logprobs": None,
                     "finish_reason": finish_reason(msg.get("stop_reason")) or "stop"}],
        "usage": usage.to_openai() if usage is not None else None,
    }
    return out, usage


def _stream_error(data: dict[str, Any]) -> UpstreamStatusError:
    err = data.get("error")
    if not isinstance(err, dict):
        err = {}
    kind = str(err.get("type") or "api_error")
    status = ERROR_STATUS.get(kind, 500)
    return UpstreamStatusError(f"the upstream provider reported an error mid-stream ({kind})", upstream_status=status)


class AnthropicStreamDecoder(StreamDecoder):
    """Anthropic stream events -> OpenAI `chat.completion.chunk` objects, for one stream."""

    __slots__ = ("_model", "_id", "_created", "_usage", "_done", "_tools", "_finish")

    def __init__(self, public_model: str) -> None:
        self._model = public_model
        self._id = ""
        self._created = int(time.time())
        self._usage: Usage | None = None
        self._done = False
        self._tools: dict[int, int] = {}  # content block index -> OpenAI tool_calls index
        self._finish: str | None = None

    def _chunk(self, delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        return {"id": self._id, "object": "chat.completion.chunk", "created": self._created, "model": self._model,
                "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}]}

    def feed(self, event: SSEEvent) -> list[dict[str, Any]]:
        try:
            data = _JSON(event.data)
        except orjson.JSONDecodeError:
            raise UpstreamError("the upstream provider sent a malformed stream event") from None
        if not isinstance(data, dict):
            raise UpstreamError("the upstream provider sent a malformed stream event")
        kind = data.get("type") or event.event
        if kind == "message_start":
            msg = data.get("message") or {}
            self._id = str(msg.get("id") or "")
            self._usage = usage_of(msg.get("usage"))
            return [self._chunk({"role": "assistant", "content": ""})]
        if kind == "content_block_start":
            block = data.get("content_block") or {}
            if block.get("type") == "tool_use":
                index = self._tools.setdefault(int(data.get("index", 0)), len(self._tools))
                call = _tool_call(block, index)
                call["function"]["arguments"] = ""  # the input arrives as input_json_delta events
                return [self._chunk({"tool_calls": [call]})]
            if block.get("type") == "text" and block.get("text"):
                return [self._chunk({"content": block["text"]})]
            return []
        if kind == "content_block_delta":
            delta = data.get("delta") or {}
            if delta.get("type") == "text_delta":
                return [self._chunk({"content": delta.get("text") or ""})]
            if delta.get("type") == "input_json_delta":
                tool_index = self._tools.get(int(data.get("index", 0)))
                if tool_index is None or not delta.get("partial_json"):
                    return []
                call_delta = {"index": tool_index, "function": {"arguments": delta["partial_json"]}}
                return [self._chunk({"tool_calls": [call_delta]})]
            return []  # thinking, signature and citation deltas have no OpenAI equivalent
        if kind == "message_delta":
            self._merge_usage(data.get("usage"))
            self._finish = finish_reason((data.get("delta") or {}).get("stop_reason")) or "stop"
            return [self._chunk({}, self._finish)]
        if kind == "message_stop":
            self._done = True
            if self._usage is None:
                return []
            return [{"id": self._id, "object": "chat.completion.chunk", "created": self._created,
                     "model": self._model, "choices": [], "usage": self._usage.to_openai()}]
        if kind == "error":
            raise _stream_error(data)
        return []  # ping, content_block_stop, and event types added later

    def _merge_usage(self, u: Any) -> None:
        """message_delta usage is cumulative; it may restate input and cache counts."""
        if not isinstance(u, dict):
            return
        base = self._usage or Usage()
        if "output_tokens" in u:
            base.completion_tokens = int(u.get("output_tokens") or 0)
        if any(k in u and u[k] is not None for k in ("input_tokens", "cache_read_input_tokens",
                                                     "cache_creation_input_tokens")):
            fresh = usage_of(u)
            assert fresh is not None
            base.prompt_tokens, base.cached_tokens = fresh.prompt_tokens, fresh.cached_tokens
        self._usage = base



class AnthropicAdapter(Adapter):
    """OpenAI chat completions over the Anthropic Messages API (`/v1/messages`)."""

    name = "anthropic"
    supports = frozenset({Endpoint.CHAT})

    def url(self) -> str:
        base = self.credentials.base_url.rstrip("/")
        return base + ("/messages" if base.endswith("/v1") else "/v1/messages")

    def headers(self) -> dict[str, str]:
        h = {"content-type": "application/json", "anthropic-version": self.credentials.api_version or ANTHROPIC_VERSION}
        if self.credentials.api_key:
            h["x-api-key"] = self.credentials.api_key
        beta = self.credentials.options.get("beta")
        if isinstance(beta, str) and beta:
            h["anthropic-beta"] = beta
        return h

    def request_body(
        self, endpoint: Endpoint, body: dict[str, Any], deployment: Deployment, stream: bool
    ) -> UpstreamRequest:
        if endpoint is not Endpoint.CHAT:
            raise InvalidRequest(f"'{deployment.public_model}' does not support {endpoint.value}.",
                                 param="model", code="model_not_supported")
        default = int(self.credentials.options.get("default_max_tokens") or DEFAULT_MAX_TOKENS)
        req = to_messages_request(body, deployment.upstream_model, stream, default)
        return UpstreamRequest("POST", self.url(), self.headers(), orjson.dumps(req), stream)

    def response_body(
        self, endpoint: Endpoint, raw: bytes, deployment: Deployment
    ) -> tuple[dict[str, Any], Usage | None]:
        try:
            msg = _JSON(raw)
        except orjson.JSONDecodeError:
            raise UpstreamError("the upstream provider sent a malformed response") from None
        if not isinstance(msg, dict) or msg.get("type") != "message":
            raise UpstreamError("the upstream provider sent a malformed response")
        return from_messages_response(msg, deployment.public_model)

    def stream_decoder(self, endpoint: Endpoint, deployment: Deployment) -> StreamDecoder:
        return AnthropicStreamDecoder(deployment.public_model)

    def response_error(self, status: int, raw: bytes) -> UpstreamStatusError:
        message = f"the upstream provider answered with status {status}"
        kind: str | None = None
        passed_on = status < 500 and status not in (401, 403)
        try:
            err = _JSON(raw).get("error")
        except (orjson.JSONDecodeError, AttributeError):
            err = None
        if isinstance(err, dict):
            kind = err.get("type") if isinstance(err.get("type"), str) else None
            if passed_on and isinstance(err.get("message"), str):
                message = err["message"]  # the caller's to fix: pass Anthropic's words on
        if status == 529 or kind == "overloaded_error":
            message = "the upstream provider is overloaded; try again shortly"
        return UpstreamStatusError(message, upstream_status=status, code=kind if passed_on else None)
