"""Local token counts per model family, for usage a provider did not report.

The BPE vocabularies ship inside the `bpe-openai` wheel (o200k_base, cl100k_base; MIT), so
nothing is downloaded at run time. Family -> encoding:

    openai    -> o200k_base   (exact for the gpt-4o generation)
    anthropic -> cl100k_base  (approximation: Anthropic's tokenizer is not published)
    deepseek  -> cl100k_base  (approximation)
    other     -> o200k_base

Counts made here are always marked estimated on the record and the ledger. If the package is
missing or an encoding fails to load, the simulator's word-and-punctuation counter is used.
Encodings load lazily on first use and are cached on the `Tokenizer` instance.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from gatehouse.providers.simulator import count_tokens as word_count

if TYPE_CHECKING:
    from gatehouse.gateway import Gateway

__all__ = ["FAMILY_ENCODINGS", "Tokenizer", "build"]

log = logging.getLogger("gatehouse.metering")

FAMILY_ENCODINGS: dict[str, str] = {
    "openai": "o200k_base",
    "anthropic": "cl100k_base",
    "deepseek": "cl100k_base",
}
DEFAULT_ENCODING = "o200k_base"


class Tokenizer:
    """`count(text, family) -> int`, callable as the gateway's `count_tokens` hook."""

    def __init__(self, encodings: dict[str, str] | None = None) -> None:
        self.encodings = dict(FAMILY_ENCODINGS if encodings is None else encodings)
        self._loaded: dict[str, Any] = {}
        self._lock = threading.Lock()

    def preload(self) -> threading.Thread:
        """Load every vocabulary in a background thread, so that the first request that
        needs a local count does not stall the event loop for seconds."""
        def load() -> None:
            for name in sorted(set(self.encodings.values()) | {DEFAULT_ENCODING}):
                self._encoding(name)

        t = threading.Thread(target=load, name="tokenizer-preload", daemon=True)
        t.start()
        return t

    def encoding_name(self, family: str | None) -> str:
        return self.encodings.get(family or "", DEFAULT_ENCODING)

    def _encoding(self, name: str) -> Any:
        if name in self._loaded:
            return self._loaded[name]
        with self._lock:
            if name in self._loaded:
                return self._loaded[name]
            try:
                import bpe_openai

                self._loaded[name] = bpe_openai.get_encoding(name)
            except Exception:  # missing wheel, unknown name: fall back, once
                log.warning("tokenizer %s unavailable; counting words instead", name)
                self._loaded[name] = None
        return self._loaded[name]

    def count(self, text: str, family: str | None) -> int:
        if not text:
            return 0
        enc = self._encoding(self.encoding_name(family))
        if enc is None:
            return word_count(text)
        return len(enc.encode(text, disallowed_special=()))

    __call__ = count


def build(gateway: Gateway) -> Callable[[str, str | None], int]:
    tokenizer = Tokenizer()
    tokenizer.preload()
    return tokenizer
