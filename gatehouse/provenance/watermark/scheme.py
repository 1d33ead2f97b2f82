"""The green list, pure numpy (no torch): which tokens a tenant's key favours.

A token t is green for key k after context tokens c (the `context` tokens before it)
when `mix(seed(k, c) ^ t*M) < gamma * 2**64`, a keyed pseudo-random function. Each step
therefore favours a different, key-dependent `gamma` share of the vocabulary; sampling
adds `delta` to green logits. Without the key the green lists are unpredictable, and
under another key a text's tokens are green at the base rate `gamma`.

Keys are derived from the server secret and the tenant id with HMAC-SHA256, so a tenant
never needs to be told its key and the operator never stores one.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["WatermarkParams", "tenant_key", "green_mask", "green_flags", "scored_pairs"]

U64 = npt.NDArray[np.uint64]
_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xBF58476D1CE4E5B9)
_M3 = np.uint64(0x94D049BB133111EB)
_M4 = np.uint64(0xD6E8FEB86659FD93)


@dataclass(frozen=True, slots=True)
class WatermarkParams:
    gamma: float = 0.25
    delta: float = 2.5
    context: int = 1

    @property
    def threshold(self) -> np.uint64:
        return np.uint64(min(int(self.gamma * 2.0**64), 2**64 - 1))


def tenant_key(secret: bytes, tenant_id: str) -> int:
    """The tenant's 64-bit watermark key."""
    mac = hmac.new(secret, b"gatehouse/watermark/v1/" + tenant_id.encode(), hashlib.sha256).digest()
    return int.from_bytes(mac[:8], "little")


def _mix(x: U64) -> U64:
    with np.errstate(over="ignore"):
        x = x ^ (x >> np.uint64(30))
        x = x * _M2
        x = x ^ (x >> np.uint64(27))
        x = x * _M3
        return x ^ (x >> np.uint64(31))


def _seed(keys: U64, ctx: npt.NDArray[np.int64]) -> U64:
    """keys: (K,), ctx: (n, context) -> seeds (K, n)."""
    with np.errstate(over="ignore"):
        acc = np.zeros(ctx.shape[0], dtype=np.uint64)
        for j in range(ctx.shape[1]):
            acc = _mix(acc * _M1 + ctx[:, j].astype(np.uint64) + _M4)
        return _mix(keys[:, None] ^ acc[None, :])


def green_mask(key: int, context: list[int], vocab_size: int, params: WatermarkParams) -> npt.NDArray[np.bool_]:
    """Which of the vocabulary's tokens are green for this key after these context tokens."""
    seed = _seed(np.array([key], dtype=np.uint64), np.array([context[-params.context :]], dtype=np.int64))[0, 0]
    with np.errstate(over="ignore"):
        t = np.arange(vocab_size, dtype=np.uint64) * _M3 + _M1
        return _mix(seed ^ t) < params.threshold


def scored_pairs(tokens: list[int], params: WatermarkParams) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """(contexts, tokens) that detection scores: every token after the first `context`, with
    repeated (context, token) pairs counted once (repeats are not independent evidence)."""
    c = params.context
    if len(tokens) <= c:
        return np.empty((0, c), np.int64), np.empty(0, np.int64)
    arr = np.asarray(tokens, dtype=np.int64)
    windows = np.lib.stride_tricks.sliding_window_view(arr, c + 1)
    _, first = np.unique(windows, axis=0, return_index=True)
    keep = windows[np.sort(first)]
    return keep[:, :c], keep[:, c]


def green_flags(keys: U64, ctx: npt.NDArray[np.int64], toks: npt.NDArray[np.int64],
                params: WatermarkParams) -> npt.NDArray[np.bool_]:
    """(K, n) booleans: is token i green under key k."""
    seeds = _seed(keys, ctx)
    with np.errstate(over="ignore"):
        t = toks.astype(np.uint64) * _M3 + _M1
        return _mix(seeds ^ t[None, :]) < params.threshold
