"""The built-in simulator: an in-process provider that speaks the OpenAI wire format.

Text is deterministic for a given prompt and seed: readable prose built on the
prompt's own words, different for different prompts, as real answers are. Usage counts
are the true counts of the simulator's own tokenizer (`count_tokens`). Latency, tokens
per second and an error rate are configurable (`providers.<name>.options`). Every
answer names itself in `system_fingerprint` as simulated.
"""

from __future__ import annotations

import asyncio
import hashlib
import math
import random
import re
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import orjson

from gatehouse.errors import UpstreamTimeout
from gatehouse.providers.base import Deployment, Endpoint, Timeouts, Transport, UpstreamRequest, UpstreamResponse
from gatehouse.providers.inprocess import InProcessResponse
from gatehouse.providers.openai import OpenAIAdapter

__all__ = ["SIM_FINGERPRINT", "SimulatorOptions", "SimulatorEngine", "SimulatorTransport", "SimulatorAdapter", "count_tokens"]

SIM_FINGERPRINT = "fp_gatehouse_simulated"
_TOKEN = re.compile(r"\w+|[^\w\s]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}")
_STOP = frozenset(
    "the and for are but not you all any can had her was one our out day get has him his how man new now old "
    "see two way who boy did its let put say she too use that with have this will your from they know want "
    "been good much some time very when come here just like long make many more only over such take than "
    "them well were what which would about there their could other into after first these those please tell "
    "give write explain describe answer question should does".split()
)

_SUBJECTS = [
    "a careful team", "the first draft", "most readers", "an experienced engineer", "the usual approach",
    "a small change", "this kind of problem", "the second option", "a good summary", "the overall plan",
    "every new user", "the underlying idea", "a practical test", "the main risk", "a simple rule",
    "the final answer", "a closer look", "the older method", "a typical project", "the evidence",
]
_VERBS = [
    "depends on", "starts with", "benefits from", "usually improves", "rarely ignores", "points toward",
    "builds on", "relies on", "changes", "clarifies", "connects", "strengthens", "questions", "explains",
    "supports", "reshapes", "highlights", "simplifies", "balances", "reveals",
]
_ADJS = [
    "clear", "steady", "practical", "subtle", "useful", "modest", "careful", "broad", "narrow", "reliable",
    "gradual", "specific", "honest", "flexible", "consistent", "measured", "early", "recent", "shared", "distinct",
]
_NOUNS = [
    "structure", "evidence", "context", "trade-off", "pattern", "result", "assumption", "constraint",
    "example", "process", "outcome", "detail", "priority", "boundary", "approach", "question", "signal",
    "decision", "method", "framework", "schedule", "budget", "design", "habit", "measure",
]
_CONNECT = [
    "In practice,", "For this reason,", "On the other hand,", "As a result,", "In most cases,",
    "At the same time,", "To begin with,", "More importantly,", "In short,", "By contrast,",
    "Over time,", "With that in mind,", "Put simply,", "In many teams,", "Looking closer,",
]
_TEMPLATES = [
    "{c} {s} {v} the {a} {n} behind {k1}.",
    "{c} {k1} {v} a {a} {n}, and {k2} makes that easier to see.",
    "When thinking about {k1}, {s} {v} the {n} first.",
    "{c} the {a} link between {k1} and {k2} {v} the {n}.",
    "It helps to treat {k1} as a {a} {n} rather than a fixed rule.",
    "{s} {v} {k1} because the {n} stays {a}.",
    "{c} a {a} {n} around {k1} keeps {k2} in proportion.",
    "Consider how {k1} {v} the {a} {n} of {k2}.",
    "{c} {s} {v} {k1}, which leaves the {n} {a}.",
    "One {a} way to see {k1} is through its {n}.",
    "{c} the question of {k1} turns on a {a} {n}.",
    "{s} {v} the {n}, so {k1} and {k2} stay {a}.",
]


def count_tokens(text: str) -> int:
    """The simulator's tokenizer: words and punctuation marks."""
    return len(_TOKEN.findall(text))


@dataclass(frozen=True, slots=True)
class SimulatorOptions:
    latency_ms: float = 0.0
    tokens_per_s: float = 0.0  # 0 = as fast as possible
    error_rate: float = 0.0
    default_max_tokens: int = 160
    min_tokens: int = 40
    embedding_dims: int = 256

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SimulatorOptions:
        known = {k: d[k] for k in cls.__dataclass_fields__ if k in d}
        return cls(**known)


def _seed_of(*parts: Any) -> int:
    h = hashlib.blake2b(orjson.dumps(parts, option=orjson.OPT_SORT_KEYS), digest_size=8)
    return int.from_bytes(h.digest(), "big")


def _keywords(text: str) -> list[str]:
    seen: dict[str, None] = {}
    for w in _WORD.findall(text):
        lw = w.lower()
        if lw not in _STOP:
            seen.setdefault(lw, None)
    words = list(seen)
    return words or ["the topic", "the request"]


def _prompt_of(body: dict[str, Any]) -> str:
    if "messages" in body:
        parts: list[str] = []
        for m in body["messages"]:
            c = m.get("content")
            if isinstance(c, str):
                parts.append(c)
            elif isinstance(c, list):
                parts.extend(p.get("text", "") for p in c if isinstance(p, dict))
        return "\n".join(parts)
    p = body.get("prompt", "")
    return p if isinstance(p, str) else "\n".join(p)


def prompt_tokens(body: dict[str, Any]) -> int:
    if "messages" in body:
        return 3 + sum(4 + count_tokens(_prompt_of({"messages": [m]})) for m in body["messages"])
    return count_tokens(_prompt_of(body))


class SimulatorEngine:
    """Generates answers; pure and deterministic apart from the error draw."""

    def __init__(self, options: SimulatorOptions) -> None:
        self.options = options
        self._errors = random.Random()

    def prose(self, prompt: str, seed: int, max_tokens: int) -> tuple[str, str]:
        """(text, finish_reason) of at most max_tokens tokens."""
        rng = random.Random(seed)
        keys = _keywords(prompt)
        focus = keys[-12:]
        target = rng.randint(self.options.min_tokens, max(self.options.min_tokens, self.options.default_max_tokens))
        sentences: list[str] = []
        used = 0
        while used < min(target, max_tokens):
            k1, k2 = rng.choice(focus), rng.choice(keys)
            s = rng.choice(_TEMPLATES).format(
                c=rng.choice(_CONNECT), s=rng.choice(_SUBJECTS), v=rng.choice(_VERBS),
                a=rng.choice(_ADJS), n=rng.choice(_NOUNS), k1=k1, k2=k2,
            )
            s = s[0].upper() + s[1:]
            sentences.append(s)
            used += count_tokens(s)
        text = " ".join(sentences)
        if used > max_tokens:
            toks = list(re.finditer(r"\w+|[^\w\s]", text))
            return text[: toks[max_tokens - 1].end()], "length"
        return text, "stop"

    def should_fail(self) -> bool:
        return self.options.error_rate > 0 and self._errors.random() < self.options.error_rate

    def _tool_call(self, body: dict[str, Any], rng: random.Random) -> dict[str, Any] | None:
        tools = body.get("tools") or []
        choice = body.get("tool_choice", "auto")
        if not tools or choice == "none":
            return None
        if isinstance(choice, dict):
            name = choice.get("function", {}).get("name")
            tool = next((t for t in tools if t["function"]["name"] == name), tools[0])
        elif choice == "required":
            tool = tools[rng.randrange(len(tools))]
        else:
            last = _prompt_of({"messages": body.get("messages", [])[-1:]}).lower()
            tool = next((t for t in tools if t["function"]["name"].lower().replace("_", " ") in last.replace("_", " ")), None)
            if tool is None:
                return None
        fn = tool["function"]
        props = (fn.get("parameters") or {}).get("properties") or {}
        keys = _keywords(_prompt_of(body))
        args: dict[str, Any] = {}
        for pname, schema in props.items():
            t = schema.get("type") if isinstance(schema, dict) else None
            if t in ("integer", "number"):
                args[pname] = rng.randint(1, 100)
            elif t == "boolean":
                args[pname] = rng.random() < 0.5
            elif isinstance(schema, dict) and schema.get("enum"):
                args[pname] = rng.choice(schema["enum"])
            else:
                args[pname] = rng.choice(keys)
        return {
            "id": f"call_{rng.getrandbits(64):016x}", "type": "function",
            "function": {"name": fn["name"], "arguments": orjson.dumps(args).decode()},
        }

    def choices(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        """One dict per choice: text, finish_reason, tool_call, tokens."""
        prompt = _prompt_of(body)
        max_tokens = body.get("max_completion_tokens") or body.get("max_tokens") or 4096
        n = body.get("n") or 1
        out = []
        for i in range(n):
            seed = _seed_of(prompt, body.get("seed"), body.get("model"), i, body.get("temperature"))
            rng = random.Random(seed)
            call = self._tool_call(body, rng) if "messages" in body else None
            if call is not None:
                out.append({"text": None, "finish_reason": "tool_calls", "tool_call": call,
                            "tokens": count_tokens(call["function"]["arguments"]) + 4})
                continue
            text, finish = self.prose(prompt, seed, max_tokens)
            rf = body.get("response_format") or {}
            if rf.get("type") in ("json_object", "json_schema"):
                text = orjson.dumps({"answer": text}).decode()
            out.append({"text": text, "finish_reason": finish, "tool_call": None, "tokens": count_tokens(text)})
        return out

    def embedding(self, text: str, dims: int) -> list[float]:
        rng = random.Random(_seed_of(text))
        v = [rng.gauss(0.0, 1.0) for _ in range(dims)]
        norm = math.sqrt(sum(x * x for x in v)) or 1.0
        return [x / norm for x in v]


def _logprobs(text: str, rng: random.Random, top: int) -> dict[str, Any]:
    content = []
    for tok in _TOKEN.findall(text):
        lp = -abs(rng.gauss(0.3, 0.4))
        alts = [{"token": tok, "logprob": lp, "bytes": list(tok.encode())}]
        for j in range(max(0, top - 1)):
            alt = rng.choice(_NOUNS)
            alts.append({"token": alt, "logprob": lp - 1.0 - j, "bytes": list(alt.encode())})
        content.append({"token": tok, "logprob": lp, "bytes": list(tok.encode()), "top_logprobs": alts[:top]})
    return {"content": content}


class SimulatorTransport(Transport):
    """Answers OpenAI wire requests in-process, as an OpenAI-compatible server would."""

    def __init__(self, options: SimulatorOptions | None = None) -> None:
        self.engine = SimulatorEngine(options or SimulatorOptions())

    async def send(self, request: UpstreamRequest, timeouts: Timeouts) -> UpstreamResponse:
        body = orjson.loads(request.body)
        opts = self.engine.options
        if opts.latency_ms:
            if opts.latency_ms / 1000 > timeouts.first_byte_s:
                await asyncio.sleep(timeouts.first_byte_s)
                raise UpstreamTimeout("the upstream provider did not answer in time")
            await asyncio.sleep(opts.latency_ms / 1000)
        if self.engine.should_fail():
            err = {"error": {"message": "simulated upstream failure", "type": "server_error", "param": None, "code": None}}
            return InProcessResponse(500, orjson.dumps(err), None)
        path = request.url.rsplit("/v1", 1)[-1] if "/v1" in request.url else request.url
        if path.endswith("/embeddings"):
            return InProcessResponse(200, orjson.dumps(self._embeddings(body)), None)
        legacy = path.endswith("/completions") and not path.endswith("/chat/completions")
        if request.stream:
            return InProcessResponse(200, None, self._stream(body, legacy))
        return InProcessResponse(200, orjson.dumps(self._complete(body, legacy)), None)

    def _ident(self, body: dict[str, Any], legacy: bool) -> tuple[str, int]:
        prefix = "cmpl" if legacy else "chatcmpl"
        return f"{prefix}-sim{_seed_of(_prompt_of(body), body.get('seed')):016x}", int(time.time())

    def _complete(self, body: dict[str, Any], legacy: bool) -> dict[str, Any]:
        rid, created = self._ident(body, legacy)
        choices = []
        completion = 0
        for i, c in enumerate(self.engine.choices(body)):
            completion += c["tokens"]
            if legacy:
                choices.append({"index": i, "text": c["text"] or "", "logprobs": None, "finish_reason": c["finish_reason"]})
                continue
            msg: dict[str, Any] = {"role": "assistant", "content": c["text"], "refusal": None}
            if c["tool_call"] is not None:
                msg["tool_calls"] = [c["tool_call"]]
            ch: dict[str, Any] = {"index": i, "message": msg, "logprobs": None, "finish_reason": c["finish_reason"]}
            if body.get("logprobs") and c["text"]:
                ch["logprobs"] = _logprobs(c["text"], random.Random(i), body.get("top_logprobs") or 0)
            choices.append(ch)
        usage = {"prompt_tokens": prompt_tokens(body), "completion_tokens": completion,
                 "total_tokens": prompt_tokens(body) + completion}
        return {"id": rid, "object": "text_completion" if legacy else "chat.completion", "created": created,
                "model": body.get("model"), "choices": choices, "usage": usage, "system_fingerprint": SIM_FINGERPRINT}

    async def _stream(self, body: dict[str, Any], legacy: bool) -> AsyncIterator[bytes]:
        rid, created = self._ident(body, legacy)
        obj = "text_completion" if legacy else "chat.completion.chunk"
        base = {"id": rid, "object": obj, "created": created, "model": body.get("model"),
                "system_fingerprint": SIM_FINGERPRINT}
        delay = 1.0 / self.engine.options.tokens_per_s if self.engine.options.tokens_per_s else 0.0

        def frame(choices: list[dict[str, Any]], **extra: Any) -> bytes:
            return b"data: " + orjson.dumps({**base, "choices": choices, **extra}) + b"\n\n"

        completion = 0
        for i, c in enumerate(self.engine.choices(body)):
            completion += c["tokens"]
            if not legacy:
                yield frame([{"index": i, "delta": {"role": "assistant", "content": "" if c["text"] else None}, "logprobs": None, "finish_reason": None}])
            if c["tool_call"] is not None:
                call = c["tool_call"]
                yield frame([{"index": i, "delta": {"tool_calls": [{"index": 0, "id": call["id"], "type": "function",
                              "function": {"name": call["function"]["name"], "arguments": ""}}]}, "logprobs": None, "finish_reason": None}])
                yield frame([{"index": i, "delta": {"tool_calls": [{"index": 0, "function": {"arguments": call["function"]["arguments"]}}]},
                              "logprobs": None, "finish_reason": None}])
            else:
                pieces = re.findall(r"\S+\s*", c["text"] or "")
                for piece in pieces:
                    if delay:
                        await asyncio.sleep(delay * max(1, count_tokens(piece)))
                    if legacy:
                        yield frame([{"index": i, "text": piece, "logprobs": None, "finish_reason": None}])
                    else:
                        yield frame([{"index": i, "delta": {"content": piece}, "logprobs": None, "finish_reason": None}])
            if legacy:
                yield frame([{"index": i, "text": "", "logprobs": None, "finish_reason": c["finish_reason"]}])
            else:
                yield frame([{"index": i, "delta": {}, "logprobs": None, "finish_reason": c["finish_reason"]}])
        if (body.get("stream_options") or {}).get("include_usage"):
            pt = prompt_tokens(body)
            yield frame([], usage={"prompt_tokens": pt, "completion_tokens": completion, "total_tokens": pt + completion})
        yield b"data: [DONE]\n\n"

    def _embeddings(self, body: dict[str, Any]) -> dict[str, Any]:
        inp = body["input"]
        items = [inp] if isinstance(inp, str) else inp
        dims = body.get("dimensions") or self.engine.options.embedding_dims
        data = []
        tokens = 0
        for i, item in enumerate(items):
            text = item if isinstance(item, str) else " ".join(map(str, item))
            tokens += count_tokens(text) if isinstance(item, str) else len(item)
            data.append({"object": "embedding", "index": i, "embedding": self.engine.embedding(text, dims)})
        return {"object": "list", "data": data, "model": body.get("model"),
                "usage": {"prompt_tokens": tokens, "total_tokens": tokens}}


class SimulatorAdapter(OpenAIAdapter):
    """The OpenAI translator, aimed at the in-process simulator."""

    name = "simulator"

    def url(self, endpoint: Endpoint, deployment: Deployment) -> str:
        return "sim://simulator" + endpoint.value
