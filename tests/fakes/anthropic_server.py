"""A fake Anthropic Messages API over real HTTP, in Anthropic's exact wire format.

POST /v1/messages checks `x-api-key` (newer SDKs send `Authorization: Bearer`, also
accepted) and `anthropic-version`, validates the request the way
the real API does (max_tokens required, user/assistant roles only, non-empty text blocks,
tool_result ids matching the preceding tool_use), and answers with a `message` object or an
SSE stream of named events (`event:` lines): message_start, content_block_start,
ping, content_block_delta (text_delta / input_json_delta), content_block_stop,
message_delta (stop_reason, usage), message_stop; errors as
{"type": "error", "error": {"type", "message"}} with Anthropic's statuses (529 overloaded).
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

import orjson
from aiohttp import web

from gatehouse.providers.simulator import SimulatorEngine, SimulatorOptions, count_tokens, prompt_tokens
from tests.fakes.base import HEADER, FakeServer, behaviour_of, split_model

__all__ = ["AnthropicFake", "anthropic_error", "event_frame"]

_ERROR_TYPES = {400: "invalid_request_error", 401: "authentication_error", 403: "permission_error",
                404: "not_found_error", 413: "request_too_large", 429: "rate_limit_error", 500: "api_error",
                529: "overloaded_error"}


def anthropic_error(status: int, message: str) -> web.Response:
    body = {"type": "error", "error": {"type": _ERROR_TYPES.get(status, "api_error"), "message": message}}
    headers = {"retry-after": "1"} if status == 429 else None
    return web.Response(status=status, body=orjson.dumps(body), content_type="application/json", headers=headers)


def event_frame(obj: dict[str, Any]) -> bytes:
    return b"event: " + str(obj["type"]).encode() + b"\ndata: " + orjson.dumps(obj) + b"\n\n"


def _validate(body: Any) -> str | None:
    """The first reason the real API would refuse this body, or None."""
    if not isinstance(body, dict):
        return "invalid JSON body"
    if not isinstance(body.get("max_tokens"), int):
        return "max_tokens: Field required"
    if not isinstance(body.get("model"), str):
        return "model: Field required"
    msgs = body.get("messages")
    if not isinstance(msgs, list) or not msgs:
        return "messages: at least one message is required"
    t = body.get("temperature")
    if t is not None and not 0 <= t <= 1:
        return "temperature: range: 0..1"
    tool_ids: set[str] = set()
    for i, m in enumerate(msgs):
        if m.get("role") not in ("user", "assistant"):
            return f'messages.{i}.role: Input should be "user" or "assistant"'
        content = m.get("content")
        blocks = [{"type": "text", "text": content}] if isinstance(content, str) else content
        if not isinstance(blocks, list):
            return f"messages.{i}.content: Input should be a valid list"
        for j, blk in enumerate(blocks):
            kind = blk.get("type")
            if kind == "text" and not blk.get("text"):
                return f"messages.{i}.content.{j}.text: text content blocks must be non-empty"
            if kind == "tool_use":
                if m["role"] != "assistant" or not isinstance(blk.get("input"), dict):
                    return f"messages.{i}.content.{j}: tool_use blocks belong to assistant turns"
                tool_ids.add(blk["id"])
            if kind == "tool_result" and blk.get("tool_use_id") not in tool_ids:
                return (f"messages.{i}.content.{j}: unexpected `tool_use_id` found in `tool_result` blocks: "
                        f"{blk.get('tool_use_id')}")
            if kind == "image" and blk.get("source", {}).get("type") not in ("base64", "url"):
                return f"messages.{i}.content.{j}.source: invalid image source"
    return None


def _engine_body(body: dict[str, Any]) -> dict[str, Any]:
    """The request in the shape the simulator's engine reads (OpenAI-like)."""
    msgs: list[dict[str, Any]] = []
    if body.get("system"):
        msgs.append({"role": "system", "content": body["system"] if isinstance(body["system"], str) else
                     " ".join(b.get("text", "") for b in body["system"])})
    for m in body["messages"]:
        c = m["content"]
        msgs.append({"role": m["role"], "content": c if isinstance(c, str) else
                     [b for b in c if b.get("type") == "text"]})
    out: dict[str, Any] = {"messages": msgs, "model": split_model(body["model"])[0],
                           "max_tokens": body["max_tokens"], "temperature": body.get("temperature")}
    if body.get("tools"):
        out["tools"] = [{"type": "function", "function": {"name": t["name"], "parameters": t.get("input_schema")}}
                        for t in body["tools"]]
        tc = body.get("tool_choice") or {"type": "auto"}
        out["tool_choice"] = {"auto": "auto", "any": "required", "none": "none"}.get(
            tc["type"], {"type": "function", "function": {"name": tc.get("name")}})
    last = body["messages"][-1]
    if isinstance(last["content"], list) and any(b.get("type") == "tool_result" for b in last["content"]):
        out.pop("tools", None)  # answer the tool results in prose
    return out


class AnthropicFake(FakeServer):
    """`base_url` is the provider base URL (the adapter adds /v1/messages)."""

    def __init__(self, api_key: str = "sk-ant-test-key", cache_read_tokens: int = 0) -> None:
        super().__init__(api_key)
        self.engine = SimulatorEngine(SimulatorOptions())
        self.cache_read_tokens = cache_read_tokens

    def routes(self) -> list[web.RouteDef]:
        return [web.post("/v1/messages", self._messages)]

    def error_response(self, status: int, message: str) -> web.Response:
        return anthropic_error(status, message)

    async def _messages(self, request: web.Request) -> web.StreamResponse:
        body = await self.record(request)
        if self.api_key not in (request.headers.get("x-api-key"),
                                request.headers.get("authorization", "").removeprefix("Bearer ")):
            return anthropic_error(401, "invalid x-api-key")
        if not request.headers.get("anthropic-version"):
            return anthropic_error(400, "anthropic-version: header is required")
        problem = _validate(body)
        if problem is not None:
            return anthropic_error(400, problem)
        b = behaviour_of(request.headers.get(HEADER), body["model"])
        early = await self.before_head(b)
        if early is not None:
            return early
        msg = self.message(body)
        if not body.get("stream"):
            return await self.send_json(request, b, orjson.dumps(msg))
        err = event_frame({"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}})
        return await self.send_stream(request, b, self.events(msg), err)

    def message(self, body: dict[str, Any]) -> dict[str, Any]:
        eb = _engine_body(body)
        choice = self.engine.choices(eb)[0]
        content: list[dict[str, Any]] = []
        stop_reason, stop_seq = "end_turn", None
        if choice["tool_call"] is not None:
            call = choice["tool_call"]
            content.append({"type": "tool_use", "id": "toolu_" + call["id"][5:], "name": call["function"]["name"],
                            "input": orjson.loads(call["function"]["arguments"])})
            stop_reason = "tool_use"
        else:
            text = choice["text"] or ""
            for seq in body.get("stop_sequences") or ():
                if seq in text:
                    text, stop_reason, stop_seq = text.split(seq, 1)[0], "stop_sequence", seq
            if stop_seq is None and choice["finish_reason"] == "length":
                stop_reason = "max_tokens"
            content.append({"type": "text", "text": text})
        output = sum(count_tokens(c.get("text") or orjson.dumps(c.get("input")).decode()) for c in content)
        return {
            "id": "msg_fake" + hashlib.blake2b(orjson.dumps(eb), digest_size=8).hexdigest(), "type": "message", "role": "assistant",
            "model": split_model(body["model"])[0], "content": content, "stop_reason": stop_reason,
            "stop_sequence": stop_seq,
            "usage": {"input_tokens": prompt_tokens(eb), "output_tokens": output,
                      "cache_creation_input_tokens": 0, "cache_read_input_tokens": self.cache_read_tokens},
        }

    def events(self, msg: dict[str, Any]) -> list[bytes]:
        start = dict(msg, content=[], stop_reason=None, stop_sequence=None,
                     usage=dict(msg["usage"], output_tokens=1))
        frames = [event_frame({"type": "message_start", "message": start})]
        for i, block in enumerate(msg["content"]):
            if block["type"] == "text":
                frames.append(event_frame({"type": "content_block_start", "index": i,
                                           "content_block": {"type": "text", "text": ""}}))
                if i == 0:
                    frames.append(event_frame({"type": "ping"}))
                for piece in re.findall(r"\S+\s*", block["text"]):
                    frames.append(event_frame({"type": "content_block_delta", "index": i,
                                               "delta": {"type": "text_delta", "text": piece}}))
            else:
                frames.append(event_frame({"type": "content_block_start", "index": i, "content_block": {
                    "type": "tool_use", "id": block["id"], "name": block["name"], "input": {}}}))
                args = orjson.dumps(block["input"]).decode()
                cut = len(args) // 2
                for part in ("", args[:cut], args[cut:]):
                    frames.append(event_frame({"type": "content_block_delta", "index": i,
                                               "delta": {"type": "input_json_delta", "partial_json": part}}))
            frames.append(event_frame({"type": "content_block_stop", "index": i}))
        frames.append(event_frame({"type": "message_delta",
                                   "delta": {"stop_reason": msg["stop_reason"], "stop_sequence": msg["stop_sequence"]},
                                   "usage": {"output_tokens": msg["usage"]["output_tokens"]}}))
        frames.append(event_frame({"type": "message_stop"}))
        return frames
