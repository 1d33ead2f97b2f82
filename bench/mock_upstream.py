"""A fast OpenAI-compatible upstream for the benchmark.

Answers `POST /v1/chat/completions` (and `/chat/completions`) with a fixed small body,
non-streaming or as SSE (a role chunk, a few content chunks, a finish chunk, a usage chunk
when `stream_options.include_usage` is asked, then `[DONE]`), and `GET /v1/models`.
No artificial delay by default.

It is a raw asyncio protocol on uvloop with httptools' parser (keep-alive, pipelining-safe),
so that the upstream costs as little CPU as possible on the load generator's core and every
target is measured against the same, nearly free, upstream.

    python bench/mock_upstream.py --port 9100 [--delay-ms 0] [--chunk-delay-ms 0]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import sys

import httptools

__all__ = ["MockUpstream", "serve", "CHAT_BODY", "stream_chunks"]

MODEL = "mock-gpt-upstream"
# A short but realistic answer (about 40 words, 8 stream chunks): long enough that the
# gateway's per-response features (provenance fingerprints, monitoring) do their real work.
CONTENT_PARTS = [
    "Hello, benchmark! This reply comes", " from the mock upstream, which answers", " every request with the same",
    " short paragraph so that each", " gateway is measured on identical work:", " a few sentences of ordinary prose,",
    " streamed in several chunks, followed by", " honest token usage for metering.",
]
USAGE = {"prompt_tokens": 14, "completion_tokens": 48, "total_tokens": 62}

CHAT_BODY = json.dumps({
    "id": "chatcmpl-mock",
    "object": "chat.completion",
    "created": 1700000000,
    "model": MODEL,
    "system_fingerprint": "fp_mock",
    "choices": [{
        "index": 0,
        "message": {"role": "assistant", "content": "".join(CONTENT_PARTS)},
        "logprobs": None,
        "finish_reason": "stop",
    }],
    "usage": USAGE,
}, separators=(",", ":")).encode()

MODELS_BODY = json.dumps({"object": "list", "data": [
    {"id": MODEL, "object": "model", "created": 1700000000, "owned_by": "mock"}]}).encode()


def _chunk(delta: dict, finish: str | None = None, usage: dict | None = None, choices: bool = True) -> bytes:
    obj: dict = {"id": "chatcmpl-mock", "object": "chat.completion.chunk", "created": 1700000000,
                 "model": MODEL, "system_fingerprint": "fp_mock",
                 "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}] if choices else []}
    if usage is not None:
        obj["usage"] = usage
    return b"data: " + json.dumps(obj, separators=(",", ":")).encode() + b"\n\n"


def stream_chunks(include_usage: bool) -> list[bytes]:
    """The SSE events of one streamed answer, each a complete `data: ...\\n\\n` frame."""
    out = [_chunk({"role": "assistant", "content": ""})]
    out += [_chunk({"content": p}) for p in CONTENT_PARTS]
    out.append(_chunk({}, finish="stop"))
    if include_usage:
        out.append(_chunk({}, usage=USAGE, choices=False))
    out.append(b"data: [DONE]\n\n")
    return out


def _chunked(frame: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(frame), frame)


_STREAM_USAGE = b"".join(_chunked(f) for f in stream_chunks(True)) + b"0\r\n\r\n"
_STREAM_NO_USAGE = b"".join(_chunked(f) for f in stream_chunks(False)) + b"0\r\n\r\n"
_STREAM_FRAMES = {True: [_chunked(f) for f in stream_chunks(True)], False: [_chunked(f) for f in stream_chunks(False)]}
_STREAM_HEAD = (b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncache-control: no-cache\r\n"
                b"transfer-encoding: chunked\r\n")


def _head(status: bytes, ctype: bytes, length: int, keep_alive: bool) -> bytes:
    return (b"HTTP/1.1 " + status + b"\r\ncontent-type: " + ctype + b"\r\ncontent-length: "
            + str(length).encode() + (b"\r\n\r\n" if keep_alive else b"\r\nconnection: close\r\n\r\n"))


_NOT_FOUND = b'{"error":{"message":"not found","type":"invalid_request_error","param":null,"code":"not_found"}}'


class _Conn(asyncio.Protocol):
    __slots__ = ("server", "transport", "parser", "url", "body", "closing")

    def __init__(self, server: MockUpstream) -> None:
        self.server = server
        self.transport: asyncio.Transport | None = None
        self.parser = httptools.HttpRequestParser(self)
        self.url = b""
        self.body: list[bytes] = []
        self.closing = False

    # asyncio.Protocol
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            self._close()
        except httptools.HttpParserError:
            if self.transport is not None:
                self.transport.write(_head(b"400 Bad Request", b"text/plain", 0, False))
            self._close()

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None

    def _close(self) -> None:
        if self.transport is not None:
            self.transport.close()
            self.transport = None

    # httptools callbacks
    def on_message_begin(self) -> None:
        self.url = b""
        self.body = []

    def on_url(self, url: bytes) -> None:
        self.url += url

    def on_body(self, body: bytes) -> None:
        self.body.append(body)

    def on_message_complete(self) -> None:
        keep_alive = self.parser.should_keep_alive()
        method = self.parser.get_method()
        path = self.url.split(b"?", 1)[0]
        t = self.transport
        if t is None:
            return
        self.server.requests += 1
        if method == b"POST" and path.endswith(b"/chat/completions"):
            body = b"".join(self.body)
            # No JSON parsing: a byte search is enough for the bodies the bench sends (orjson and
            # json.dumps spellings both).
            stream = b'"stream":true' in body or b'"stream": true' in body
            if stream:
                usage = b"include_usage" in body and (b'"include_usage":true' in body or b'"include_usage": true' in body)
                delay = self.server.chunk_delay_s
                if self.server.delay_s or delay:
                    asyncio.ensure_future(self._slow_stream(usage, keep_alive))
                    return
                t.write(_STREAM_HEAD + (b"\r\n" if keep_alive else b"connection: close\r\n\r\n")
                        + (_STREAM_USAGE if usage else _STREAM_NO_USAGE))
            else:
                if self.server.delay_s:
                    asyncio.get_running_loop().call_later(self.server.delay_s, self._write_later,
                                                          _head(b"200 OK", b"application/json", len(CHAT_BODY), keep_alive) + CHAT_BODY,
                                                          keep_alive)
                    return
                t.write(_head(b"200 OK", b"application/json", len(CHAT_BODY), keep_alive) + CHAT_BODY)
        elif method == b"GET" and path.endswith(b"/models"):
            t.write(_head(b"200 OK", b"application/json", len(MODELS_BODY), keep_alive) + MODELS_BODY)
        elif method == b"GET" and path in (b"/healthz", b"/health"):
            t.write(_head(b"200 OK", b"text/plain", 2, keep_alive) + b"ok")
        else:
            t.write(_head(b"404 Not Found", b"application/json", len(_NOT_FOUND), keep_alive) + _NOT_FOUND)
        if not keep_alive:
            self._close()

    def _write_later(self, data: bytes, keep_alive: bool) -> None:
        if self.transport is not None:
            self.transport.write(data)
            if not keep_alive:
                self._close()

    async def _slow_stream(self, usage: bool, keep_alive: bool) -> None:
        if self.server.delay_s:
            await asyncio.sleep(self.server.delay_s)
        if self.transport is None:
            return
        self.transport.write(_STREAM_HEAD + (b"\r\n" if keep_alive else b"connection: close\r\n\r\n"))
        for frame in _STREAM_FRAMES[usage]:
            if self.transport is None:
                return
            self.transport.write(frame)
            if self.server.chunk_delay_s:
                await asyncio.sleep(self.server.chunk_delay_s)
        if self.transport is not None:
            self.transport.write(b"0\r\n\r\n")
            if not keep_alive:
                self._close()


class MockUpstream:
    """Start with `await MockUpstream(...).start()`; `port` is known once started."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, delay_ms: float = 0.0, chunk_delay_ms: float = 0.0) -> None:
        self.host = host
        self.port = port
        self.delay_s = delay_ms / 1000.0
        self.chunk_delay_s = chunk_delay_ms / 1000.0
        self.requests = 0
        self._server: asyncio.base_events.Server | None = None

    async def start(self) -> MockUpstream:
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(lambda: _Conn(self), self.host, self.port, backlog=4096)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/v1"

    async def aclose(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()


async def serve(host: str, port: int, delay_ms: float, chunk_delay_ms: float) -> None:
    mock = await MockUpstream(host, port, delay_ms, chunk_delay_ms).start()
    print(f"mock upstream listening on {mock.base_url}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await mock.aclose()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=9100)
    ap.add_argument("--delay-ms", type=float, default=0.0, help="delay before answering (default 0)")
    ap.add_argument("--chunk-delay-ms", type=float, default=0.0, help="delay between SSE chunks (default 0)")
    ap.add_argument("--cpu", type=int, default=None, help="pin this process to one CPU core")
    args = ap.parse_args(argv)
    if args.cpu is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.cpu})
    coro = serve(args.host, args.port, args.delay_ms, args.chunk_delay_ms)
    try:
        import uvloop
    except ImportError:  # pragma: no cover
        asyncio.run(coro)
    else:
        uvloop.run(coro)


if __name__ == "__main__":
    sys.exit(main())
