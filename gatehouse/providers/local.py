"""The `local` provider: a Hugging Face causal LM served in-process with `transformers`.

Optional extra (`pip install .[local]`). Config:

    providers:
      mine:
        kind: local
        options:
          model_path: /models/qwen2.5-0.5b-instruct   # a directory save_pretrained() wrote
          device: auto            # auto | cpu | cuda
          max_new_tokens: 256
          watermark: {enabled: true, secret_env: GATEHOUSE_WATERMARK_SECRET, gamma: 0.25, delta: 2.5}

Nothing is downloaded: the model and tokenizer are read from `model_path` (loaded on the
first request). Requests are answered in the OpenAI wire format, streamed or not, like
the simulator. When the watermark is on and the call's tenant is known
(`gatehouse.provenance.watermark.tenant`), sampling carries that tenant's keyed green-list
bias; the key derives from the secret in `secret_env` and the tenant id. One generation
runs at a time per provider (a CPU model gains nothing from more).
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import orjson

from gatehouse.config import ConfigError, ProviderConfig
from gatehouse.errors import UpstreamError
from gatehouse.providers.base import Endpoint, Timeouts, Transport, UpstreamRequest, UpstreamResponse
from gatehouse.providers.inprocess import InProcessResponse
from gatehouse.providers.openai import OpenAIAdapter
from gatehouse.providers.registry import ProviderKind, register_kind
from gatehouse.provenance.config import WatermarkConfig
from gatehouse.provenance.watermark.scheme import WatermarkParams, tenant_key
from gatehouse.provenance.watermark.tenant import CURRENT_TENANT

__all__ = ["LocalOptions", "LocalEngine", "LocalTransport", "LocalAdapter"]


@dataclass(frozen=True, slots=True)
class LocalOptions:
    model_path: str
    device: str = "auto"
    max_new_tokens: int = 256
    watermark: WatermarkConfig = field(default_factory=lambda: WatermarkConfig())

    @classmethod
    def from_dict(cls, d: dict[str, Any], name: str = "local") -> LocalOptions:
        path = d.get("model_path")
        if not isinstance(path, str) or not path:
            raise ConfigError(f"providers.{name}.options.model_path: a local model directory is required")
        wm = WatermarkConfig.from_options(d.get("watermark"), f"providers.{name}.options.watermark")
        return cls(path, str(d.get("device", "auto")), int(d.get("max_new_tokens", 256)), wm)

    def params(self) -> WatermarkParams:
        w = self.watermark
        return WatermarkParams(gamma=w.gamma, delta=w.delta, context=w.context)


def _prompt(tokenizer: Any, body: dict[str, Any]) -> str:
    if "messages" not in body:
        p = body.get("prompt", "")
        return p if isinstance(p, str) else "\n".join(p)
    msgs = []
    for m in body["messages"]:
        c = m.get("content")
        text = c if isinstance(c, str) else " ".join(p.get("text", "") for p in c or [] if isinstance(p, dict))
        msgs.append({"role": m.get("role", "user"), "content": text})
    if getattr(tokenizer, "chat_template", None):
        return str(tokenizer.apply_chat_template(msgs, tokenize=False, add_generation_prompt=True))
    return "\n".join(f"{m['role']}: {m['content']}" for m in msgs) + "\nassistant:"


class LocalEngine:
    """Loads the model once and generates (in a worker thread), optionally watermarked."""

    def __init__(self, options: LocalOptions) -> None:
        self.options = options
        self._model: Any = None
        self._tokenizer: Any = None
        self._load_lock = threading.Lock()
        self._gen_lock = asyncio.Lock()

    def load(self) -> tuple[Any, Any]:
        with self._load_lock:
            if self._model is None:
                try:
                    import torch
                    from transformers import AutoModelForCausalLM, AutoTokenizer
                except ImportError as exc:
                    raise UpstreamError("the local provider needs the optional extra: pip install 'gatehouse[local]'") from exc
                dev = self.options.device
                if dev == "auto":
                    dev = "cuda" if torch.cuda.is_available() else "cpu"
                try:
                    tok = AutoTokenizer.from_pretrained(self.options.model_path, local_files_only=True)
                    model = AutoModelForCausalLM.from_pretrained(self.options.model_path, local_files_only=True)
                except (OSError, ValueError) as exc:
                    raise UpstreamError(f"the local model could not be loaded from {self.options.model_path!r}") from exc
                self._model, self._tokenizer = model.to(dev).eval(), tok  # type: ignore[arg-type]
        return self._model, self._tokenizer

    def watermark_key(self, tenant: str | None) -> int | None:
        w = self.options.watermark
        secret = os.environ.get(w.secret_env)
        if not w.enabled or tenant is None or not secret:
            return None
        return tenant_key(secret.encode(), tenant)

    def generate(self, body: dict[str, Any], tenant: str | None, on_text: Any = None) -> dict[str, Any]:
        """Blocking generation: {"text", "prompt_tokens", "completion_tokens", "finish_reason"}."""
        import torch
        from transformers import LogitsProcessorList

        from gatehouse.provenance.watermark.processor import GreenListProcessor

        model, tok = self.load()
        ids = tok(_prompt(tok, body), return_tensors="pt").input_ids.to(model.device)
        max_new = int(body.get("max_completion_tokens") or body.get("max_tokens") or self.options.max_new_tokens)
        temperature = float(body.get("temperature", 1.0) if body.get("temperature") is not None else 1.0)
        kwargs: dict[str, Any] = {"max_new_tokens": max_new, "do_sample": temperature > 0, "pad_token_id": tok.pad_token_id
                                  if tok.pad_token_id is not None else tok.eos_token_id}
        if temperature > 0:
            kwargs.update(temperature=temperature, top_p=float(body.get("top_p") or 1.0), top_k=0)
        key = self.watermark_key(tenant)
        if key is not None:
            kwargs["logits_processor"] = LogitsProcessorList([GreenListProcessor(key, self.options.params())])
        if on_text is not None:
            kwargs["streamer"] = _Streamer(tok, on_text)
        if body.get("seed") is not None:
            torch.manual_seed(int(body["seed"]))
        with torch.no_grad():
            out = model.generate(ids, attention_mask=torch.ones_like(ids), **kwargs)
        new = out[0, ids.shape[1] :].tolist()
        eos = tok.eos_token_id
        finish = "stop" if (eos is not None and new and new[-1] == eos) or len(new) < max_new else "length"
        if eos is not None and new and new[-1] == eos:
            new = new[:-1]
        return {"text": tok.decode(new, skip_special_tokens=True), "prompt_tokens": int(ids.shape[1]),
                "completion_tokens": len(new), "finish_reason": finish}


class _Streamer:
    """transformers streamer protocol: put(token ids) / end(); emits decoded text increments."""

    def __init__(self, tokenizer: Any, on_text: Any) -> None:
        self.tok = tokenizer
        self.on_text = on_text
        self.ids: list[int] = []
        self.sent = ""
        self.prompt_seen = False

    def put(self, value: Any) -> None:
        if not self.prompt_seen:
            self.prompt_seen = True
            return
        self.ids.extend(value.reshape(-1).tolist())
        text = self.tok.decode(self.ids, skip_special_tokens=True)
        if len(text) > len(self.sent) and not text.endswith("\ufffd"):
            self.on_text(text[len(self.sent) :])
            self.sent = text

    def end(self) -> None:
        self.on_text(None)


class LocalTransport(Transport):
    """Answers OpenAI wire requests from the in-process model."""

    def __init__(self, options: LocalOptions) -> None:
        self.engine = LocalEngine(options)

    async def send(self, request: UpstreamRequest, timeouts: Timeouts) -> UpstreamResponse:
        body = orjson.loads(request.body)
        legacy = request.url.endswith("/completions") and not request.url.endswith("/chat/completions")
        tenant = CURRENT_TENANT.get()
        if request.stream:
            return InProcessResponse(200, None, self._stream(body, legacy, tenant))
        async with self.engine._gen_lock:
            out = await asyncio.to_thread(self.engine.generate, body, tenant)
        return InProcessResponse(200, orjson.dumps(self._complete(body, legacy, out)), None)

    @staticmethod
    def _complete(body: dict[str, Any], legacy: bool, out: dict[str, Any]) -> dict[str, Any]:
        usage = {"prompt_tokens": out["prompt_tokens"], "completion_tokens": out["completion_tokens"],
                 "total_tokens": out["prompt_tokens"] + out["completion_tokens"]}
        if legacy:
            choice: dict[str, Any] = {"index": 0, "text": out["text"], "logprobs": None, "finish_reason": out["finish_reason"]}
        else:
            choice = {"index": 0, "message": {"role": "assistant", "content": out["text"], "refusal": None},
                      "logprobs": None, "finish_reason": out["finish_reason"]}
        return {"id": f"{'cmpl' if legacy else 'chatcmpl'}-local{uuid.uuid4().hex[:16]}",
                "object": "text_completion" if legacy else "chat.completion", "created": int(time.time()),
                "model": body.get("model"), "choices": [choice], "usage": usage}

    async def _stream(self, body: dict[str, Any], legacy: bool, tenant: str | None) -> AsyncIterator[bytes]:
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[str | None] = asyncio.Queue()
        base = {"id": f"{'cmpl' if legacy else 'chatcmpl'}-local{uuid.uuid4().hex[:16]}",
                "object": "text_completion" if legacy else "chat.completion.chunk", "created": int(time.time()),
                "model": body.get("model")}

        def frame(choices: list[dict[str, Any]], **extra: Any) -> bytes:
            return b"data: " + orjson.dumps({**base, "choices": choices, **extra}) + b"\n\n"

        def piece(text: str | None) -> dict[str, Any]:
            if legacy:
                return {"index": 0, "text": text or "", "logprobs": None, "finish_reason": None}
            return {"index": 0, "delta": {"content": text or ""}, "logprobs": None, "finish_reason": None}

        async with self.engine._gen_lock:
            def emit(t: str | None) -> None:
                loop.call_soon_threadsafe(queue.put_nowait, t)

            def work() -> dict[str, Any]:
                try:
                    return self.engine.generate(body, tenant, emit)
                finally:
                    emit(None)  # ends the stream even when generation fails

            job = loop.run_in_executor(None, work)
            if not legacy:
                yield frame([{"index": 0, "delta": {"role": "assistant", "content": ""}, "logprobs": None, "finish_reason": None}])
            while (text := await queue.get()) is not None:
                yield frame([piece(text)])
            out = await job
        last = piece(None)
        last["finish_reason"] = out["finish_reason"]
        if not legacy:
            last["delta"] = {}
        yield frame([last])
        if (body.get("stream_options") or {}).get("include_usage"):
            pt, ct = out["prompt_tokens"], out["completion_tokens"]
            yield frame([], usage={"prompt_tokens": pt, "completion_tokens": ct, "total_tokens": pt + ct})
        yield b"data: [DONE]\n\n"


class LocalAdapter(OpenAIAdapter):
    """The OpenAI translator, aimed at the in-process model."""

    name = "local"
    supports = frozenset({Endpoint.CHAT, Endpoint.COMPLETIONS})

    def url(self, endpoint: Endpoint, deployment: Any) -> str:
        return "local://model" + endpoint.value


def _transport(cfg: ProviderConfig) -> Transport:
    return LocalTransport(LocalOptions.from_dict(cfg.options))


register_kind("local", ProviderKind(LocalAdapter, _transport, needs_base_url=False))
