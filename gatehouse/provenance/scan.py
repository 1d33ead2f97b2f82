"""A corpus scan end to end: read, fingerprint, load the registry, join, report."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from gatehouse.provenance import index as registry
from gatehouse.provenance.config import ScanConfig
from gatehouse.provenance.corpus import Corpus
from gatehouse.provenance.fingerprint import Fingerprinter, FingerprintParams, HashArray
from gatehouse.provenance.match import MatchParams, match_corpus
from gatehouse.provenance.report import build_report
from gatehouse.store.db import Store

__all__ = ["ScanStats", "scan_texts", "scan_corpus"]


@dataclass(slots=True)
class ScanStats:
    documents: int = 0
    responses: int = 0
    fingerprint_s: float = 0.0
    load_s: float = 0.0
    match_s: float = 0.0


def _params(cfg: ScanConfig) -> MatchParams:
    return MatchParams(threshold=cfg.threshold, relative=cfg.relative, min_hits=cfg.min_hits,
                       max_matches=cfg.max_matches)


async def scan_texts(store: Store, texts: list[str], *, cfg: ScanConfig | None = None, skipped_lines: int = 0,
                     since: datetime | None = None, stats: ScanStats | None = None,
                     fp_params: FingerprintParams | None = None) -> dict[str, Any]:
    """Scan documents already in memory (the CLI reads a corpus; tests and the API pass texts)."""
    cfg = cfg or ScanConfig()
    st = stats if stats is not None else ScanStats()
    t0 = time.perf_counter()
    fp = Fingerprinter(fp_params)
    docs: list[HashArray] = [fp.fingerprint(t) for t in texts]
    st.documents = len(docs)
    t1 = time.perf_counter()
    loaded = await registry.load(store, since=since, chunk_rows=cfg.chunk_rows)
    st.responses = loaded.size
    t2 = time.perf_counter()
    matches = match_corpus(docs, loaded, _params(cfg))
    row_ids = loaded.ids.tolist()
    infos = await registry.describe(store, sorted({row_ids[m.row] for m in matches}))
    st.fingerprint_s, st.load_s, st.match_s = t1 - t0, t2 - t1, time.perf_counter() - t2
    return build_report(matches, infos, row_ids, documents=len(docs), skipped_lines=skipped_lines,
                        threshold=cfg.threshold)


async def scan_corpus(store: Store, path: Path, *, text_field: str = "text", cfg: ScanConfig | None = None,
                      since: datetime | None = None, stats: ScanStats | None = None) -> dict[str, Any]:
    corpus = Corpus(path, text_field=text_field)
    texts = list(corpus)
    return await scan_texts(store, texts, cfg=cfg, skipped_lines=corpus.skipped, since=since, stats=stats)
