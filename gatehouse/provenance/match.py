"""Joining a corpus's fingerprints with the registry's postings: pure numpy, no I/O.

Similarity of a document d and a served response r is a weighted overlap coefficient:

    shared = sum of w(h) over hashes h in both fingerprints
    similarity = max(shared / W(d), shared / W(r))

where W(x) is the total weight of x's hashes. The first term is high when the document
is (a part of) the response, e.g. truncated; the second when the response is inside the
document, e.g. with text added around it. Weights are inverse document frequencies over
the registry, `w(h) = log(1 + N / df(h))`, where df(h) is the length of h's posting list;
hashes held by more than `cap` responses (boilerplate phrases every answer uses) weigh
nothing and their postings are never fetched, so that what counts is the wording
particular to one response.

The corpus lookup gives the frequencies of the corpus's own hashes, so W(d) is exact.
For W(r) it gives the weights of r's hashes that the corpus also holds; bounding r's other
hashes between weight 0 and log(1 + N) (a hash no other response holds) brackets the
response-side term, and only the candidates where that bracket could change the result
(typically edited copies, whose destroyed shingles are unseen) have their other hashes'
frequencies looked up (`to_refine`). The result equals scoring with every weight known.

The pipeline: `prepare` (corpus) -> a `Lookup` of its distinct hashes (from the store,
`gatehouse.provenance.index.lookup`, or from a `LoadedIndex` in memory) -> `pairs`
(candidate pairs with at least `min_hits` shared hashes) -> `prefilter` (drop the pairs
that cannot be reported whatever W(r) is) -> the remaining candidates' fingerprints
-> `to_refine` -> frequencies of the hashes of those candidates whose exact W(r) could
change the result -> `finish` (similarity, thresholds, best matches per document).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import numpy.typing as npt

from gatehouse.provenance.fingerprint import HashArray
from gatehouse.provenance.index import LoadedIndex, Lookup

__all__ = ["MatchParams", "Match", "Query", "Pairs", "prepare", "pairs", "prefilter", "to_refine", "finish",
           "lookup_in_memory", "match_corpus"]

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class MatchParams:
    threshold: float = 0.1
    relative: float = 0.5
    min_hits: int = 4
    max_matches: int = 10
    stop_fraction: float = 0.001  # hashes in more than this share of responses weigh nothing ...
    stop_min: int = 32  # ... but never below this many responses ...
    stop_max: int = 1000  # ... nor above this many (the longest posting list a scan reads)
    pairs_per_block: int = 4_000_000  # (document, posting) pairs expanded at a time

    def cap(self, total: int) -> int:
        """Longest posting list that still counts, for a registry of `total` responses."""
        return int(min(self.stop_max, max(self.stop_min, math.floor(self.stop_fraction * total))))


@dataclass(frozen=True, slots=True)
class Match:
    doc: int
    row: int  # the response's id in the registry
    similarity: float
    hits: int


@dataclass(slots=True)
class Query:
    """A corpus's fingerprints: `keys` its distinct hashes (sorted); the documents holding
    keys[k] are `docs_by_key[start[k]:start[k]+ndocs[k]]`; `doc_key` maps each document's
    hashes (documents in order, `offsets`) to key indexes."""

    keys: HashArray
    start: I64
    ndocs: I64
    docs_by_key: I64
    doc_key: I64
    offsets: I64

    @property
    def documents(self) -> int:
        return len(self.offsets) - 1


@dataclass(slots=True)
class Pairs:
    """Candidate (document, response) pairs and what `finish` needs to score them."""

    doc: I64
    row: I64
    shared: F64
    hits: I64
    w_doc: F64  # W(d) per document
    seen_rows: I64  # sorted distinct response ids among the postings ...
    seen_w: F64  # ... the weight of their hashes the corpus also holds ...
    seen_n: I64  # ... and how many those are
    lookup: Lookup


def prepare(docs: list[HashArray]) -> Query:
    lens = np.fromiter((len(d) for d in docs), dtype=np.int64, count=len(docs))
    offsets = np.zeros(len(docs) + 1, dtype=np.int64)
    np.cumsum(lens, out=offsets[1:])
    qh = np.concatenate(docs).astype(np.uint32) if docs else np.empty(0, np.uint32)
    keys, doc_key, ndocs = np.unique(qh, return_inverse=True, return_counts=True)
    doc_key = doc_key.astype(np.int64).reshape(-1)
    qd = np.repeat(np.arange(len(docs), dtype=np.int64), lens)
    order = np.argsort(doc_key, kind="stable")
    start = np.zeros(len(keys), dtype=np.int64)
    if len(keys):
        np.cumsum(ndocs[:-1], out=start[1:])
    return Query(keys.astype(np.uint32), start, ndocs.astype(np.int64), qd[order], doc_key, offsets)


def _weights(lk: Lookup) -> F64:
    w: F64 = np.log1p(lk.total / np.maximum(lk.df, 1).astype(np.float64))
    w[lk.df > lk.cap] = 0.0
    return w


def _sums(values: F64, offsets: I64) -> F64:
    """Sum of values[offsets[i]:offsets[i+1]] for every i (empty ranges give 0)."""
    c = np.zeros(len(values) + 1)
    np.cumsum(values, out=c[1:])
    out: F64 = c[offsets[1:]] - c[offsets[:-1]]
    return out


def pairs(q: Query, lk: Lookup, p: MatchParams) -> Pairs:
    """Every (document, response) pair sharing at least `min_hits` non-stop hashes."""
    w = _weights(lk)
    w_doc = _sums(w[q.doc_key], q.offsets) if len(q.doc_key) else np.zeros(q.documents)
    order = np.argsort(lk.row, kind="stable")
    key, row = lk.key[order], lk.row[order]
    seen_rows, first, seen_n = np.unique(row, return_index=True, return_counts=True)
    pw = w[key]
    seen_w = np.add.reduceat(pw, first) if len(first) else np.zeros(0)
    cnt = q.ndocs[key]
    cum = np.cumsum(cnt)
    bounds = np.append(first[1:], len(row)).astype(np.int64)  # where each response's postings end
    found: list[tuple[I64, I64, F64, I64]] = []
    a = 0
    while a < len(row):
        base = int(cum[a - 1]) if a else 0
        b = int(np.searchsorted(cum, base + p.pairs_per_block, side="right"))
        b = int(bounds[min(len(bounds) - 1, int(np.searchsorted(bounds, max(b, a + 1))))])
        found.append(_block(q, key[a:b], row[a:b], pw[a:b], cnt[a:b], p))
        a = b
    if found:
        doc = np.concatenate([f[0] for f in found])
        rr = np.concatenate([f[1] for f in found])
        shared = np.concatenate([f[2] for f in found])
        hits = np.concatenate([f[3] for f in found])
    else:
        doc, rr, shared, hits = np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0), np.empty(0, np.int64)
    return Pairs(doc, rr, shared, hits, w_doc, seen_rows, seen_w, seen_n.astype(np.int64), lk)


def _block(q: Query, key: I64, row: I64, pw: F64, cnt: I64, p: MatchParams) -> tuple[I64, I64, F64, I64]:
    total = int(cnt.sum())
    if total == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0), np.empty(0, np.int64)
    starts = np.cumsum(cnt) - cnt
    qidx = np.arange(total, dtype=np.int64) - np.repeat(starts - q.start[key], cnt)
    pair_doc = q.docs_by_key[qidx]
    rows, rloc = np.unique(row, return_inverse=True)
    pair_row = np.repeat(rloc.reshape(-1), cnt)
    k = pair_doc * len(rows) + pair_row
    uniq, inv = np.unique(k, return_inverse=True)
    shared = np.bincount(inv, weights=np.repeat(pw, cnt))
    hits = np.bincount(inv)
    keep = hits >= p.min_hits
    uniq = uniq[keep].astype(np.int64)
    doc, rr = uniq // len(rows), rows[uniq % len(rows)].astype(np.int64)
    return doc, rr, shared[keep].astype(np.float64), hits[keep].astype(np.int64)


def prefilter(pr: Pairs, p: MatchParams, *, relative: bool = True) -> Pairs:
    """Drop the pairs that cannot be reported whatever their responses' other hashes weigh:
    their similarity's upper bound (W(r) at least the weight seen) is below the threshold,
    or (with `relative`, when every candidate counts, i.e. no time window) below `relative`
    times the document's best lower bound (the document-side similarity is exact)."""
    if len(pr.doc) == 0:
        return pr
    si = np.searchsorted(pr.seen_rows, pr.row)
    with np.errstate(divide="ignore", invalid="ignore"):
        sim_d = np.minimum(pr.shared / np.maximum(pr.w_doc[pr.doc], 1e-9), 1.0)
        hi = np.maximum(sim_d, np.minimum(pr.shared / np.maximum(pr.seen_w[si], 1e-9), 1.0))
    keep = hi >= p.threshold
    if relative:
        best = np.zeros(int(pr.doc.max()) + 1)
        np.maximum.at(best, pr.doc, np.where(sim_d >= p.threshold, sim_d, 0.0))
        keep &= hi >= p.relative * best[pr.doc]
    return Pairs(pr.doc[keep], pr.row[keep], pr.shared[keep], pr.hits[keep], pr.w_doc, pr.seen_rows, pr.seen_w,
                 pr.seen_n, pr.lookup)


Info = Mapping[int, tuple[HashArray, "datetime | None"]]


def _pair_bounds(pr: Pairs, info: Info) -> tuple[F64, F64, F64, I64]:
    """Per pair: the document-side similarity, the response-side similarity's lower and
    upper bounds before r's unseen hashes are weighed, and the pair's candidate index."""
    rows = np.unique(pr.row)
    n_hashes = np.array([len(info[r][0]) if r in info else 0 for r in rows.tolist()], dtype=np.int64)
    ri = np.searchsorted(rows, pr.row)
    si = np.searchsorted(pr.seen_rows, pr.row)
    unseen = np.maximum(n_hashes[ri] - pr.seen_n[si], 0)
    seen_w = pr.seen_w[si]
    with np.errstate(divide="ignore", invalid="ignore"):
        sim_d = pr.shared / np.maximum(pr.w_doc[pr.doc], 1e-9)
        lo_r = pr.shared / np.maximum(seen_w + unseen * math.log1p(pr.lookup.total), 1e-9)
        hi_r = np.where(unseen > 0, pr.shared / np.maximum(seen_w, 1e-9), lo_r)
    return np.minimum(sim_d, 1.0), np.minimum(lo_r, 1.0), np.minimum(hi_r, 1.0), ri


def to_refine(pr: Pairs, info: Info, p: MatchParams) -> tuple[list[int], HashArray]:
    """The candidate responses whose exact W(r) could change the result (the response
    side could decide a pair that passes the thresholds), and the hashes of theirs whose
    frequency the corpus lookup did not give (to look up next, `index.frequencies`)."""
    if len(pr.doc) == 0:
        return [], np.empty(0, np.uint32)
    sim_d, lo_r, hi_r, _ = _pair_bounds(pr, info)
    lo, hi = np.maximum(sim_d, lo_r), np.maximum(sim_d, hi_r)
    best = np.zeros(int(pr.doc.max()) + 1)
    np.maximum.at(best, pr.doc, np.where(lo >= p.threshold, lo, 0.0))
    need = (hi >= p.threshold) & (hi > lo) & (hi >= p.relative * best[pr.doc])
    rows = [r for r in np.unique(pr.row[need]).tolist() if r in info]
    if not rows:
        return [], np.empty(0, np.uint32)
    hs = np.unique(np.concatenate([info[r][0] for r in rows]))
    known = pr.lookup.keys
    pos = np.minimum(np.searchsorted(known, hs), max(0, len(known) - 1))
    extra = hs[(known[pos] != hs) if len(known) else np.ones(len(hs), bool)]
    return rows, extra.astype(np.uint32)


def _exact_w_resp(rows: list[int], info: Info, lk: Lookup, extra: HashArray, extra_df: I64) -> F64:
    """Exact W(r) of the given responses, with the frequencies of every hash they hold."""
    if not rows:
        return np.zeros(0)
    arrs = [info[r][0] for r in rows]
    lens = np.fromiter((len(a) for a in arrs), dtype=np.int64, count=len(arrs))
    h = np.concatenate(arrs)
    df = np.zeros(len(h), dtype=np.int64)
    if len(lk.keys):
        pos = np.minimum(np.searchsorted(lk.keys, h), len(lk.keys) - 1)
        hit = lk.keys[pos] == h
        df[hit] = lk.df[pos[hit]]
    else:
        hit = np.zeros(len(h), bool)
    if len(extra):
        pos = np.minimum(np.searchsorted(extra, h), len(extra) - 1)
        hit2 = ~hit & (extra[pos] == h)
        df[hit2] = extra_df[pos[hit2]]
    w = np.log1p(lk.total / np.maximum(df, 1).astype(np.float64))
    w[df > lk.cap] = 0.0
    off = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(lens, out=off[1:])
    return _sums(w, off)


def _in_window(info: Info, row: int, since: datetime | None) -> bool:
    got = info.get(row)
    if got is None:
        return False
    served = got[1]
    return since is None or served is None or served >= since


def finish(pr: Pairs, info: Info, p: MatchParams, *, refined: list[int] | None = None,
           extra: HashArray | None = None, extra_df: I64 | None = None,
           since: datetime | None = None) -> list[Match]:
    """Score candidate pairs; `info` gives each candidate response's fingerprint and
    serving time (a response missing from it, or served before `since`, is dropped). The
    responses in `refined` (from `to_refine`) get their exact W(r) from `extra_df`, the
    frequencies of `extra`; the others are scored with the upper bound of W(r), which only
    ever lowers a similarity that could not decide the result anyway."""
    if len(pr.doc) == 0:
        return []
    sim_d, lo_r, _, ri = _pair_bounds(pr, info)
    sim_r = lo_r
    if refined:
        assert extra is not None and extra_df is not None
        ref = np.asarray(refined, dtype=np.int64)
        w_exact = _exact_w_resp(refined, info, pr.lookup, extra, extra_df)
        pos = np.minimum(np.searchsorted(ref, pr.row), len(ref) - 1)
        hit = ref[pos] == pr.row
        with np.errstate(divide="ignore", invalid="ignore"):
            exact = pr.shared[hit] / np.maximum(w_exact[pos[hit]], 1e-9)
        sim_r = sim_r.copy()
        sim_r[hit] = np.minimum(exact, 1.0)
    sim = np.maximum(sim_d, sim_r)
    rows = np.unique(pr.row)
    ok = np.fromiter((_in_window(info, r, since) for r in rows.tolist()), dtype=np.bool_, count=len(rows))
    keep = ok[ri] & (sim >= p.threshold)
    return _select(pr.doc[keep], pr.row[keep], sim[keep], pr.hits[keep], p)


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


def lookup_in_memory(keys: HashArray, index: LoadedIndex, cap: int) -> Lookup:
    """What `gatehouse.provenance.index.lookup` returns, from a registry held in memory."""
    k, row = index.postings(keys)
    df = np.minimum(np.bincount(k, minlength=len(keys)).astype(np.int64), cap + 1)
    keep = df[k] <= cap
    return Lookup(np.asarray(keys, np.uint32), df, k[keep], row[keep], index.size, cap)


def match_corpus(docs: list[HashArray], index: LoadedIndex, params: MatchParams | None = None) -> list[Match]:
    """Every (document, response) pair above the thresholds, best first within each
    document, against a registry held in memory (`Match.row` is the response's id)."""
    p = params or MatchParams()
    if index.size == 0 or not docs:
        return []
    q = prepare(docs)
    if len(q.keys) == 0:
        return []
    cap = p.cap(index.size)
    pr = prefilter(pairs(q, lookup_in_memory(q.keys, index, cap), p), p)
    info: dict[int, tuple[HashArray, datetime | None]] = {}
    pos = {int(i): k for k, i in enumerate(index.ids.tolist())}
    for r in np.unique(pr.row).tolist():
        k = pos[r]
        info[r] = (index.hashes[index.offsets[k] : index.offsets[k + 1]], None)
    rows, extra = to_refine(pr, info, p)
    extra_df = lookup_in_memory(extra, index, cap).df
    return finish(pr, info, p, refined=rows, extra=extra, extra_df=extra_df)
