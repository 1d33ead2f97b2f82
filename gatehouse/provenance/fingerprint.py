"""Fingerprints: a consistent sample of hashed word shingles.

A response's fingerprint is the set of its word-shingle hashes (shingles of `shingle`
words, after `normalize`) whose hash falls in a fixed fraction `1/sample` of the hash
space. Because the sample is chosen by the hash value alone, the fingerprint of a part
of a text is the part of the text's fingerprint: containment survives truncation and
text added around it, which MinHash-of-the-whole (a Jaccard estimate) does not.
Short shingles survive word replacement (a 2-word shingle survives 30% replaced words
about half the time, a 5-word shingle one time in six); sentence order barely matters.

Stored hashes are 32-bit (the shingle hash's high half; 4 bytes each). Random 32-bit
collisions add a stray shared hash now and then, far below the evidence a match needs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from gatehouse.provenance.normalize import words

__all__ = ["FingerprintParams", "Fingerprinter", "HashArray"]

HashArray = npt.NDArray[np.uint32]

_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xBF58476D1CE4E5B9)
_M3 = np.uint64(0x94D049BB133111EB)


@dataclass(frozen=True, slots=True)
class FingerprintParams:
    """How fingerprints are made; the index and every scan must agree on these."""

    shingle: int = 3
    sample: int = 2  # keep one shingle hash in `sample`
    max_hashes: int = 1024  # cap per text (the lowest hashes are kept)
    min_words: int = 8  # texts shorter than this get no fingerprint


def _mix(x: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """splitmix64 finalizer, vectorized (uint64 arithmetic wraps)."""
    x = x ^ (x >> np.uint64(30))
    x = x * _M2
    x = x ^ (x >> np.uint64(27))
    x = x * _M3
    return x ^ (x >> np.uint64(31))


class Fingerprinter:
    """Turns texts into fingerprints. Holds a bounded word-hash cache, so keep one per task."""

    def __init__(self, params: FingerprintParams | None = None, *, cache_size: int = 200_000) -> None:
        self.params = params or FingerprintParams()
        self._cache: dict[str, int] = {}
        self._cache_size = cache_size

    def _word_hash(self, w: str) -> int:
        h = self._cache.get(w)
        if h is None:
            h = int.from_bytes(hashlib.blake2b(w.encode(), digest_size=8, person=b"gh-prov").digest(), "little")
            if len(self._cache) >= self._cache_size:
                self._cache.clear()
            self._cache[w] = h
        return h

    def word_hashes(self, text: str) -> npt.NDArray[np.uint64]:
        return np.fromiter((self._word_hash(w) for w in words(text)), dtype=np.uint64)

    def shingles(self, wh: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
        """All shingle hashes of a word-hash sequence, in text order."""
        k = self.params.shingle
        if len(wh) < k:
            return np.empty(0, dtype=np.uint64)
        n = len(wh) - k + 1
        acc = wh[:n].copy()
        for i in range(1, k):
            acc = _mix(acc * _M1 + wh[i : i + n])
        return _mix(acc)

    def fingerprint(self, text: str) -> HashArray:
        """The sorted, distinct sampled shingle hashes of a text (empty when it is too short)."""
        p = self.params
        wh = self.word_hashes(text)
        if len(wh) < p.min_words:
            return np.empty(0, dtype=np.uint32)
        sh = self.shingles(wh)
        keep = sh[(sh % np.uint64(p.sample)) == 0] if p.sample > 1 else sh
        out = np.unique((keep >> np.uint64(32)).astype(np.uint32))
        return out[: p.max_hashes]

    @staticmethod
    def pack(hashes: HashArray) -> bytes:
        """The storage form: little-endian uint32s."""
        return hashes.astype("<u4").tobytes()

    @staticmethod
    def unpack(blob: bytes) -> HashArray:
        return np.frombuffer(blob, dtype="<u4").astype(np.uint32)
