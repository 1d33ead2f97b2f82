"""The Anthropic Messages API wire format (https://docs.anthropic.com/en/api/messages).

Types are named once here; the translator in `gatehouse.providers.anthropic` builds and
reads them. Only the fields the gateway writes or reads are declared; unknown fields in
answers are ignored, so newer API versions keep working.
"""

from __future__ import annotations

from typing import Any, Literal, NotRequired, TypedDict

__all__ = [
    "ANTHROPIC_VERSION",
    "DEFAULT_MAX_TOKENS",
    "STOP_REASONS",
    "ERROR_STATUS",
    "TextBlock",
    "ImageSource",
    "ImageBlock",
    "ToolUseBlock",
    "ToolResultBlock",
    "ContentBlock",
    "Message",
    "Tool",
    "ToolChoice",
    "MessagesRequest",
    "AnthropicUsage",
    "MessagesResponse",
    "ErrorDetail",
    "ErrorBody",
    "StreamEventType",
    "finish_reason",
]

ANTHROPIC_VERSION = "2023-06-01"
"""The `anthropic-version` header value this translator speaks."""

DEFAULT_MAX_TOKENS = 4096
"""`max_tokens` is required by Anthropic; used when the OpenAI request names none."""

STOP_REASONS: dict[str, str] = {
    "end_turn": "stop",
    "stop_sequence": "stop",
    "pause_turn": "stop",
    "max_tokens": "length",
    "model_context_window_exceeded": "length",
    "tool_use": "tool_calls",
    "refusal": "content_filter",
}
"""Anthropic `stop_reason` -> OpenAI `finish_reason`."""

ERROR_STATUS: dict[str, int] = {
    "invalid_request_error": 400,
    "authentication_error": 401,
    "billing_error": 402,
    "permission_error": 403,
    "not_found_error": 404,
    "request_too_large": 413,
    "rate_limit_error": 429,
    "api_error": 500,
    "timeout_error": 504,
    "overloaded_error": 529,
}
"""Anthropic error `type` -> the HTTP status Anthropic uses for it (for errors inside streams)."""


class TextBlock(TypedDict):
    type: Literal["text"]
    text: str


class ImageSource(TypedDict, total=False):
    type: Literal["base64", "url"]
    media_type: str
    data: str
    url: str


class ImageBlock(TypedDict):
    type: Literal["image", "document"]
    source: ImageSource


class ToolUseBlock(TypedDict):
    type: Literal["tool_use"]
    id: str
    name: str
    input: dict[str, Any]


class ToolResultBlock(TypedDict):
    type: Literal["tool_result"]
    tool_use_id: str
    content: str | list[TextBlock | ImageBlock]
    is_error: NotRequired[bool]


ContentBlock = TextBlock | ImageBlock | ToolUseBlock | ToolResultBlock


class Message(TypedDict):
    role: Literal["user", "assistant"]
    content: str | list[ContentBlock]


class Tool(TypedDict):
    name: str
    input_schema: dict[str, Any]
    description: NotRequired[str]


class ToolChoice(TypedDict):
    type: Literal["auto", "any", "tool", "none"]
    name: NotRequired[str]
    disable_parallel_tool_use: NotRequired[bool]


class MessagesRequest(TypedDict):
    model: str
    max_tokens: int
    messages: list[Message]
    system: NotRequired[str]
    temperature: NotRequired[float]
    top_p: NotRequired[float]
    top_k: NotRequired[int]
    stop_sequences: NotRequired[list[str]]
    stream: NotRequired[bool]
    tools: NotRequired[list[Tool]]
    tool_choice: NotRequired[ToolChoice]
    metadata: NotRequired[dict[str, str]]


class AnthropicUsage(TypedDict, total=False):
    input_tokens: int
    output_tokens: int
    cache_creation_input_tokens: int | None
    cache_read_input_tokens: int | None


class MessagesResponse(TypedDict):
    id: str
    type: Literal["message"]
    role: Literal["assistant"]
    model: str
    content: list[dict[str, Any]]
    stop_reason: str | None
    stop_sequence: str | None
    usage: AnthropicUsage


class ErrorDetail(TypedDict):
    type: str
    message: str


class ErrorBody(TypedDict):
    type: Literal["error"]
    error: ErrorDetail


StreamEventType = Literal[
    "message_start",
    "content_block_start",
    "content_block_delta",
    "content_block_stop",
    "message_delta",
    "message_stop",
    "ping",
    "error",
]


def finish_reason(stop_reason: str | None) -> str | None:
    """The OpenAI finish_reason for an Anthropic stop_reason (None while still running)."""
    if stop_reason is None:
        return None
    return STOP_REASONS.get(stop_reason, "stop")
