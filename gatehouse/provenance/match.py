"""Joining a corpus's fingerprints with the registry: pure numpy, no I/O.

Similarity of a document d and a served response r is a weighted overlap coefficient:

    shared = sum of w(h) over hashes h in both fingerprints
    similarity = max(shared / W(d), shared / W(r))

where W(x) is the total weight of x's hashes. The first term is high when the document
is (a part of) the response, e.g. truncated; the second when the response is inside the
document, e.g. with text added around it. Weights are inverse document frequencies over
the registry, `w(h) = log(1 + N / df(h))`, and hashes held by more than `stop_df`
responses (boilerplate phrases every answer uses) weigh nothing, so that what counts is
the wording particular to one response. Frequencies are counted in a sketch of
`2**bits` counters (collisions only ever lower a weight).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from gatehouse.provenance.fingerprint import HashArray
from gatehouse.provenance.index import LoadedIndex

__all__ = ["MatchParams", "Match", "match_corpus"]

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class MatchParams:
    threshold: float = 0.1
    relative: float = 0.5
    min_hits: int = 4
    max_matches: int = 10
    stop_fraction: float = 0.001  # hashes in more than this share of responses weigh nothing ...
    stop_min: int = 32  # ... but never below this many responses
    rows_per_block: int = 200_000


@dataclass(frozen=True, slots=True)
class Match:
    doc: int
    row: int  # position in the LoadedIndex
    similarity: float
    hits: int


class _Weights:
    def __init__(self, index: LoadedIndex, params: MatchParams) -> None:
        n_post = len(index.hashes)
        self.bits = int(min(27, max(16, math.ceil(math.log2(max(2, n_post))) + 1)))
        self.mask = np.uint32((1 << self.bits) - 1)
        self.df = np.bincount(index.hashes & self.mask, minlength=1 << self.bits).astype(np.float64)
        self.n = max(1, index.size)
        self.stop = max(params.stop_min, params.stop_fraction * self.n)

    def of(self, hashes: HashArray) -> F64:
        df = self.df[hashes & self.mask]
        w: F64 = np.log1p(self.n / np.maximum(df, 1.0))
        w[df > self.stop] = 0.0
        return w


def _sums(values: F64, offsets: I64) -> F64:
    """Sum of values[offsets[i]:offsets[i+1]] for every i (empty ranges give 0)."""
    c = np.zeros(len(values) + 1)
    np.cumsum(values, out=c[1:])
    out: F64 = c[offsets[1:]] - c[offsets[:-1]]
    return out


def match_corpus(docs: list[HashArray], index: LoadedIndex, params: MatchParams | None = None) -> list[Match]:
    """Every (document, response) pair above the thresholds, best first within each document."""
    p = params or MatchParams()
    if index.size == 0 or not docs:
        return []
    weights = _Weights(index, p)
    qlens = np.fromiter((len(d) for d in docs), dtype=np.int64, count=len(docs))
    qoff = np.zeros(len(docs) + 1, dtype=np.int64)
    np.cumsum(qlens, out=qoff[1:])
    qh = np.concatenate(docs).astype(np.uint32) if len(docs) else np.empty(0, np.uint32)
    if len(qh) == 0:
        return []
    wq_total = _sums(weights.of(qh), qoff)
    qd = np.repeat(np.arange(len(docs), dtype=np.int64), qlens)
    order = np.argsort(qh, kind="stable")
    qh_s, qd_s = qh[order], qd[order]
    uq = np.unique(qh_s)
    qbucket = np.zeros(1 << weights.bits, dtype=bool)
    qbucket[uq & weights.mask] = True

    found: list[tuple[I64, I64, F64, I64]] = []
    for r0 in range(0, index.size, p.rows_per_block):
        r1 = min(index.size, r0 + p.rows_per_block)
        found.append(_block(index, r0, r1, weights, qh_s, qd_s, uq, qbucket, wq_total, p))
    docs_a = np.concatenate([f[0] for f in found])
    rows_a = np.concatenate([f[1] for f in found])
    sims_a = np.concatenate([f[2] for f in found])
    hits_a = np.concatenate([f[3] for f in found])
    return _select(docs_a, rows_a, sims_a, hits_a, p)


def _block(index: LoadedIndex, r0: int, r1: int, weights: _Weights, qh_s: HashArray, qd_s: I64, uq: HashArray,
           qbucket: npt.NDArray[np.bool_], wq_total: F64, p: MatchParams) -> tuple[I64, I64, F64, I64]:
    """Matches of the responses in rows [r0, r1): every pair's postings lie inside the block."""
    p0, p1 = int(index.offsets[r0]), int(index.offsets[r1])
    h = index.hashes[p0:p1]
    offsets = index.offsets[r0 : r1 + 1] - p0
    w_all = weights.of(h)
    wr_total = _sums(w_all, offsets)
    pos = np.flatnonzero(qbucket[h & weights.mask])
    pos = pos[np.isin(h[pos], uq) & (w_all[pos] > 0)]
    empty = (np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0), np.empty(0, np.int64))
    if len(pos) == 0:
        return empty
    hv = h[pos]
    resp = np.searchsorted(offsets, pos, side="right") - 1
    lo = np.searchsorted(qh_s, hv, side="left")
    cnt = np.searchsorted(qh_s, hv, side="right") - lo
    total = int(cnt.sum())
    starts = np.cumsum(cnt) - cnt
    qidx = np.arange(total, dtype=np.int64) - np.repeat(starts, cnt) + np.repeat(lo, cnt)
    pair_doc = qd_s[qidx]
    pair_resp = np.repeat(resp, cnt)
    pair_w = np.repeat(w_all[pos], cnt)
    key = pair_doc * (r1 - r0) + pair_resp
    uniq, inv = np.unique(key, return_inverse=True)
    shared = np.bincount(inv, weights=pair_w)
    hits = np.bincount(inv)
    doc = uniq // (r1 - r0)
    rr = uniq % (r1 - r0)
    with np.errstate(divide="ignore", invalid="ignore"):
        sim = np.maximum(shared / np.maximum(wq_total[doc], 1e-9), shared / np.maximum(wr_total[rr], 1e-9))
    sim = np.minimum(sim, 1.0)
    keep = (hits >= p.min_hits) & (sim >= p.threshold)
    return doc[keep], rr[keep] + r0, sim[keep], hits[keep]


def _select(doc: I64, row: I64, sim: F64, hits: I64, p: MatchParams) -> list[Match]:
    if len(doc) == 0:
        return []
    order = np.lexsort((row, -sim, doc))
    doc, row, sim, hits = doc[order], row[order], sim[order], hits[order]
    first = np.ones(len(doc), dtype=bool)
    first[1:] = doc[1:] != doc[:-1]
    best = np.maximum.accumulate(np.where(first, np.arange(len(doc)), 0))
    rank = np.arange(len(doc)) - best
    keep = (sim >= p.relative * sim[best]) & (rank < p.max_matches)
    return [Match(int(d), int(r), float(s), int(k)) for d, r, s, k in zip(doc[keep], row[keep], sim[keep], hits[keep])]
