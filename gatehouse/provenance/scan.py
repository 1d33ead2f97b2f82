"""A corpus scan end to end: read, fingerprint, look the corpus's hashes up in the
registry's postings, join, report. The registry is never read whole: the work grows with
the corpus's distinct hashes and their (capped) posting lists."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from gatehouse.provenance import index as registry
from gatehouse.provenance.config import ScanConfig
from gatehouse.provenance.corpus import Corpus
from gatehouse.provenance.fingerprint import Fingerprinter, FingerprintParams, HashArray
from gatehouse.provenance.match import MatchParams, finish, pairs, prefilter, prepare, to_refine
from gatehouse.provenance.report import build_report
from gatehouse.store.db import Store

__all__ = ["ScanStats", "scan_texts", "scan_corpus"]


@dataclass(slots=True)
class ScanStats:
    documents: int = 0
    responses: int = 0  # responses in the registry (in the --since window)
    hashes: int = 0  # distinct corpus hashes looked up
    postings: int = 0  # postings fetched (stop hashes' excluded)
    stop_hashes: int = 0  # corpus hashes with more postings than the cap
    candidates: int = 0  # (document, response) pairs with enough shared hashes
    kept: int = 0  # ... of which could be reported whatever the responses' other hashes weigh
    refined: int = 0  # candidate responses whose every hash's frequency was needed ...
    extra_hashes: int = 0  # ... and how many more hashes that looked up
    fingerprint_s: float = 0.0
    load_s: float = 0.0  # postings lookup
    match_s: float = 0.0  # all of the below:
    join_s: float = 0.0  # candidate pairs (numpy)
    candidates_s: float = 0.0  # candidates' fingerprints read
    refine_s: float = 0.0  # frequencies of refined candidates' other hashes


def _params(cfg: ScanConfig) -> MatchParams:
    return MatchParams(threshold=cfg.threshold, relative=cfg.relative, min_hits=cfg.min_hits,
                       max_matches=cfg.max_matches, stop_max=cfg.max_postings)


async def scan_texts(store: Store, texts: list[str], *, cfg: ScanConfig | None = None, skipped_lines: int = 0,
                     since: datetime | None = None, stats: ScanStats | None = None,
                     fp_params: FingerprintParams | None = None) -> dict[str, Any]:
    """Scan documents already in memory (the CLI reads a corpus; tests and the API pass texts)."""
    cfg = cfg or ScanConfig()
    p = _params(cfg)
    st = stats if stats is not None else ScanStats()
    t0 = time.perf_counter()
    fp = Fingerprinter(fp_params)
    docs: list[HashArray] = [fp.fingerprint(t) for t in texts]
    st.documents = len(docs)
    q = prepare(docs)
    t1 = time.perf_counter()
    lo, total = await registry.window(store, since)
    st.responses, st.hashes = total, len(q.keys)
    cap = p.cap(total)
    # the registry as the lookup and the refinement's frequencies both read it (`registry.Snapshot`)
    snap = await registry.snapshot(store, lo) if total and len(q.keys) else None
    lk = await registry.lookup(store, q.keys, lo=lo, total=total, cap=cap, chunk=cfg.chunk_postings, snap=snap)
    st.postings, st.stop_hashes = len(lk.row), int((lk.df > cap).sum())
    t2 = time.perf_counter()
    pr = pairs(q, lk, p)
    st.candidates = len(pr.doc)
    pr = prefilter(pr, p, relative=since is None)
    st.kept = len(pr.doc)
    t3 = time.perf_counter()
    info = await registry.candidates(store, np.unique(pr.row).tolist())
    t4 = time.perf_counter()
    refined, extra = to_refine(pr, info, p)
    t5 = time.perf_counter()
    extra_df = await registry.frequencies(store, extra, lo=lo, cap=cap, chunk=cfg.chunk_postings, snap=snap)
    st.join_s, st.candidates_s, st.refine_s = t3 - t2 + t5 - t4, t4 - t3, time.perf_counter() - t5
    st.refined, st.extra_hashes = len(refined), len(extra)
    matches = finish(pr, info, p, refined=refined, extra=extra, extra_df=extra_df, since=since)
    infos = await registry.describe(store, sorted({m.row for m in matches}))
    st.fingerprint_s, st.load_s, st.match_s = t1 - t0, t2 - t1, time.perf_counter() - t2
    return build_report(matches, infos, documents=len(docs), skipped_lines=skipped_lines, threshold=cfg.threshold)


async def scan_corpus(store: Store, path: Path, *, text_field: str = "text", cfg: ScanConfig | None = None,
                      since: datetime | None = None, stats: ScanStats | None = None) -> dict[str, Any]:
    corpus = Corpus(path, text_field=text_field)
    texts = list(corpus)
    return await scan_texts(store, texts, cfg=cfg, skipped_lines=corpus.skipped, since=since, stats=stats)
