from __future__ import annotations

import random

import numpy as np
import pytest

from gatehouse.provenance.fingerprint import Fingerprinter, FingerprintParams
from gatehouse.provenance.index import LoadedIndex
from gatehouse.provenance.match import MatchParams, finish, lookup_in_memory, match_corpus, pairs, prepare, to_refine
from gatehouse.provenance.normalize import normalize, sentences
from tests.provenance import textgen


def test_normalize_strips_markup_case_and_punctuation() -> None:
    a = "## The **Quick** brown fox — jumps! <b>over</b> [the lazy](http://x.y/z) dog&nbsp;"
    assert normalize(a) == "the quick brown fox jumps over the lazy dog"
    assert normalize("The quick brown fox jumps over the lazy dog.") == normalize(a)
    assert sentences("One two. Three four!\n\n- five six") == [["one", "two"], ["three", "four"], ["five", "six"]]


def test_fingerprint_of_a_part_is_part_of_the_fingerprint() -> None:
    fp = Fingerprinter()
    text = textgen.served(1, 1)[0][1]
    whole = fp.fingerprint(text)
    half = fp.fingerprint(" ".join(text.split()[: len(text.split()) // 2]))
    assert len(half) > 10 and len(np.setdiff1d(half, whole)) == 0
    assert fp.fingerprint("too short") .size == 0
    assert np.array_equal(Fingerprinter.unpack(Fingerprinter.pack(whole)), whole)
    # Hashes are stable across processes and instances.
    assert np.array_equal(Fingerprinter().fingerprint(text), whole)


@pytest.fixture(scope="module")
def world() -> tuple[list[tuple[str, str]], LoadedIndex, list[str]]:
    fp = Fingerprinter()
    srv = textgen.served(2500, 40)
    idx = LoadedIndex.from_parts(list(range(len(srv))), [fp.pack(fp.fingerprint(t)) for _, t in srv])
    return srv, idx, textgen.human_texts(400)


@pytest.mark.parametrize("kind", sorted(textgen.EDITS))
def test_edited_documents_are_traced_to_their_tenant(world, kind: str) -> None:
    srv, idx, human = world
    rng = random.Random(kind)
    fp = Fingerprinter()
    picks = rng.sample(range(len(srv)), 150)
    docs = [fp.fingerprint(textgen.edit(kind, srv[i][1], rng, human)) for i in picks]
    best: dict[int, int] = {}
    for m in match_corpus(docs, idx):
        best.setdefault(m.doc, m.row)
    right = sum(1 for d, i in enumerate(picks) if d in best and srv[best[d]][0] == srv[i][0])
    assert right / len(picks) >= 0.9, f"{kind}: {right}/{len(picks)} traced"


def test_combined_edits_still_mostly_traced(world) -> None:
    srv, idx, human = world
    rng = random.Random(5)
    fp = Fingerprinter()
    picks = rng.sample(range(len(srv)), 100)
    texts = []
    for i in picks:
        t = srv[i][1]
        for kind in ("reorder", "replace30", "reformat", "surround"):
            t = textgen.edit(kind, t, rng, human)
        texts.append(t)
    got = {m.doc: m.row for m in reversed(match_corpus([fp.fingerprint(t) for t in texts], idx))}
    right = sum(1 for d, i in enumerate(picks) if d in got and srv[got[d]][0] == srv[i][0])
    assert right >= 85


def test_human_text_matches_nothing(world) -> None:
    _, idx, human = world
    fp = Fingerprinter()
    assert len(human) >= 100
    assert match_corpus([fp.fingerprint(h) for h in human], idx) == []


def test_identical_answers_to_two_tenants_are_both_reported() -> None:
    fp = Fingerprinter()
    srv = textgen.served(50, 5)
    texts = [t for _, t in srv] + [srv[3][1]]
    idx = LoadedIndex.from_parts(list(range(len(texts))), [fp.pack(fp.fingerprint(t)) for t in texts])
    ms = match_corpus([fp.fingerprint(srv[3][1])], idx)
    assert {m.row for m in ms} == {3, 50} and all(m.similarity > 0.99 for m in ms)


def test_nothing_to_match() -> None:
    fp = Fingerprinter(FingerprintParams())
    empty = LoadedIndex.concat([])
    assert match_corpus([fp.fingerprint("a b c d e f g h i j k")], empty) == []
    idx = LoadedIndex.from_parts([1], [fp.pack(fp.fingerprint(" ".join(textgen.vocabulary()[:50])))])
    assert match_corpus([], idx) == [] and match_corpus([fp.fingerprint("")], idx, MatchParams()) == []


def test_refining_only_some_candidates_equals_weighing_every_hash(world) -> None:
    """`to_refine` looks up the frequencies of only the candidates whose exact W(r) could
    change the result; the matches equal those with every candidate's W(r) exact."""
    srv, idx, human = world
    rng = random.Random(9)
    fp = Fingerprinter()
    kinds = sorted(textgen.EDITS)
    docs = [fp.fingerprint(textgen.edit(kinds[k % len(kinds)], srv[rng.randrange(len(srv))][1], rng, human))
            for k in range(200)] + [fp.fingerprint(h) for h in human[:50]]
    p = MatchParams()
    cap = p.cap(idx.size)
    q = prepare(docs)
    pr = pairs(q, lookup_in_memory(q.keys, idx, cap), p)
    info = {int(r): (idx.hashes[idx.offsets[r] : idx.offsets[r + 1]], None) for r in np.unique(pr.row)}
    rows, extra = to_refine(pr, info, p)
    assert 0 < len(rows) < len(info)
    some = finish(pr, info, p, refined=rows, extra=extra, extra_df=lookup_in_memory(extra, idx, cap).df)
    every = sorted(info)
    all_h = np.unique(np.concatenate([info[r][0] for r in every]))
    all_extra = np.setdiff1d(all_h, q.keys).astype(np.uint32)
    full = finish(pr, info, p, refined=every, extra=all_extra, extra_df=lookup_in_memory(all_extra, idx, cap).df)
    assert [(m.doc, m.row, m.hits) for m in some] == [(m.doc, m.row, m.hits) for m in full]
    assert np.allclose([m.similarity for m in some], [m.similarity for m in full])
    assert match_corpus(docs, idx) == some


def test_stop_hashes_are_capped_by_posting_count() -> None:
    """A phrase in more responses than the cap weighs nothing and its postings are not kept."""
    fp = Fingerprinter()
    common = " ".join(textgen.vocabulary()[100:160])
    srv = [t for _, t in textgen.served(80, 4)]
    idx = LoadedIndex.from_parts(list(range(80)), [fp.pack(fp.fingerprint(common + " " + t)) for t in srv])
    q = prepare([fp.fingerprint(common)])
    lk = lookup_in_memory(q.keys, idx, cap=32)
    assert (lk.df == 33).all() and len(lk.row) == 0
    assert match_corpus([fp.fingerprint(common)], idx, MatchParams(stop_min=32)) == []
