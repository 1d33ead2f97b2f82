"""The OpenAI wire format: request validation and response shapes.

Validation is strict on the parameters the gateway reads and lenient on the rest:
unknown fields pass through to providers that understand them.
"""

from __future__ import annotations

from typing import Any

from gatehouse.errors import InvalidRequest

__all__ = [
    "validate_chat",
    "validate_completion",
    "validate_embedding",
    "chat_prompt_text",
    "message_text",
]

_ROLES = frozenset({"system", "user", "assistant", "tool", "function", "developer"})


def _bad(param: str, message: str) -> InvalidRequest:
    return InvalidRequest(message, param=param, code="invalid_value")


def _number(body: dict[str, Any], name: str, lo: float, hi: float) -> None:
    v = body.get(name)
    if v is None:
        return
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise _bad(name, f"'{name}' must be a number, got {type(v).__name__}.")
    if not lo <= v <= hi:
        raise _bad(name, f"'{name}' must be between {lo:g} and {hi:g}, got {v}.")


def _integer(body: dict[str, Any], name: str, lo: int, hi: int | None = None) -> None:
    v = body.get(name)
    if v is None:
        return
    if isinstance(v, bool) or not isinstance(v, int):
        raise _bad(name, f"'{name}' must be an integer, got {type(v).__name__}.")
    if v < lo or (hi is not None and v > hi):
        bound = f"at least {lo}" if hi is None else f"between {lo} and {hi}"
        raise _bad(name, f"'{name}' must be {bound}, got {v}.")


def _boolean(body: dict[str, Any], name: str) -> None:
    v = body.get(name)
    if v is not None and not isinstance(v, bool):
        raise _bad(name, f"'{name}' must be a boolean, got {type(v).__name__}.")


def _model(body: dict[str, Any]) -> None:
    m = body.get("model")
    if m is None:
        raise InvalidRequest("you must provide a 'model' parameter.", param="model", code="missing_required_parameter")
    if not isinstance(m, str) or not m:
        raise _bad("model", "'model' must be a non-empty string.")


def _common_sampling(body: dict[str, Any]) -> None:
    _number(body, "temperature", 0, 2)
    _number(body, "top_p", 0, 1)
    _number(body, "presence_penalty", -2, 2)
    _number(body, "frequency_penalty", -2, 2)
    _integer(body, "n", 1, 128)
    _integer(body, "max_tokens", 1)
    _integer(body, "seed", -(2**63), 2**63 - 1)
    _boolean(body, "stream")
    stop = body.get("stop")
    if stop is not None:
        if isinstance(stop, str):
            pass
        elif isinstance(stop, list) and all(isinstance(s, str) for s in stop):
            if len(stop) > 4:
                raise _bad("stop", "'stop' accepts at most 4 sequences.")
        else:
            raise _bad("stop", "'stop' must be a string or a list of strings.")
    so = body.get("stream_options")
    if so is not None:
        if not isinstance(so, dict):
            raise _bad("stream_options", "'stream_options' must be an object.")
        if not body.get("stream"):
            raise _bad("stream_options", "'stream_options' is only allowed when 'stream' is true.")
        _boolean(so, "include_usage")
    user = body.get("user")
    if user is not None and not isinstance(user, str):
        raise _bad("user", "'user' must be a string.")


def _content(param: str, content: Any, role: str) -> None:
    if content is None:
        if role in ("assistant", "function"):
            return
        raise _bad(param, f"'{param}' must not be null for role '{role}'.")
    if isinstance(content, str):
        return
    if not isinstance(content, list):
        raise _bad(param, f"'{param}' must be a string or an array of content parts.")
    for j, part in enumerate(content):
        pp = f"{param}[{j}]"
        if not isinstance(part, dict) or not isinstance(part.get("type"), str):
            raise _bad(pp, f"'{pp}' must be an object with a 'type'.")
        if part["type"] == "text" and not isinstance(part.get("text"), str):
            raise _bad(f"{pp}.text", f"'{pp}.text' must be a string.")


def validate_chat(body: Any) -> dict[str, Any]:
    """Check a chat completions body; raise InvalidRequest naming the parameter."""
    if not isinstance(body, dict):
        raise InvalidRequest("the request body must be a JSON object.", code="invalid_body")
    _model(body)
    msgs = body.get("messages")
    if msgs is None:
        raise InvalidRequest("you must provide a 'messages' parameter.", param="messages", code="missing_required_parameter")
    if not isinstance(msgs, list) or not msgs:
        raise _bad("messages", "'messages' must be a non-empty array.")
    for i, m in enumerate(msgs):
        p = f"messages[{i}]"
        if not isinstance(m, dict):
            raise _bad(p, f"'{p}' must be an object.")
        role = m.get("role")
        if role not in _ROLES:
            raise _bad(f"{p}.role", f"'{p}.role' must be one of {sorted(_ROLES)}, got {role!r}.")
        _content(f"{p}.content", m.get("content"), role)
    _common_sampling(body)
    _integer(body, "max_completion_tokens", 1)
    _boolean(body, "logprobs")
    _integer(body, "top_logprobs", 0, 20)
    if body.get("top_logprobs") is not None and not body.get("logprobs"):
        raise _bad("top_logprobs", "'top_logprobs' requires 'logprobs' to be true.")
    tools = body.get("tools")
    if tools is not None:
        if not isinstance(tools, list):
            raise _bad("tools", "'tools' must be an array.")
        for i, t in enumerate(tools):
            fn = t.get("function") if isinstance(t, dict) else None
            if not isinstance(fn, dict) or not isinstance(fn.get("name"), str):
                raise _bad(f"tools[{i}].function.name", f"'tools[{i}].function.name' is required.")
    tc = body.get("tool_choice")
    if tc is not None and not (isinstance(tc, dict) or tc in ("none", "auto", "required")):
        raise _bad("tool_choice", "'tool_choice' must be 'none', 'auto', 'required' or an object.")
    rf = body.get("response_format")
    if rf is not None:
        if not isinstance(rf, dict) or rf.get("type") not in ("text", "json_object", "json_schema"):
            raise _bad("response_format", "'response_format.type' must be 'text', 'json_object' or 'json_schema'.")
    return body


def validate_completion(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise InvalidRequest("the request body must be a JSON object.", code="invalid_body")
    _model(body)
    prompt = body.get("prompt")
    if prompt is None:
        raise InvalidRequest("you must provide a 'prompt' parameter.", param="prompt", code="missing_required_parameter")
    if not (isinstance(prompt, str) or (isinstance(prompt, list) and all(isinstance(p, str) for p in prompt))):
        raise _bad("prompt", "'prompt' must be a string or an array of strings.")
    _common_sampling(body)
    _integer(body, "logprobs", 0, 5)
    return body


def validate_embedding(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise InvalidRequest("the request body must be a JSON object.", code="invalid_body")
    _model(body)
    inp = body.get("input")
    if inp is None:
        raise InvalidRequest("you must provide an 'input' parameter.", param="input", code="missing_required_parameter")
    ok = isinstance(inp, str) or (
        isinstance(inp, list) and inp and all(isinstance(x, (str, int)) or isinstance(x, list) for x in inp)
    )
    if not ok:
        raise _bad("input", "'input' must be a string or a non-empty array.")
    fmt = body.get("encoding_format")
    if fmt is not None and fmt not in ("float", "base64"):
        raise _bad("encoding_format", "'encoding_format' must be 'float' or 'base64'.")
    _integer(body, "dimensions", 1, 8192)
    return body


def message_text(content: Any) -> str:
    """The text of a message's content (string or content parts)."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    return "\n".join(p.get("text", "") for p in content if isinstance(p, dict) and p.get("type") == "text")


def chat_prompt_text(body: dict[str, Any]) -> str:
    return "\n".join(message_text(m.get("content")) for m in body.get("messages", ()))
