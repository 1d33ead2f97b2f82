"""The compact sketches inside `State`: heavy hitters and the distinct-word estimate."""

from __future__ import annotations

import copy

from gatehouse.monitor.state import KMV_K, TopK, kmv_estimate


def test_heavy_hitters_evict_the_first_of_the_least_counted() -> None:
    top = TopK(3)
    for item in ("a", "b", "c"):
        top.add(item)
    top.add("b", 2)
    top.add("d")  # a and c hold 1: a came first, and d takes over its count plus one
    assert list(top.counts.items()) == [("b", 3), ("c", 1), ("d", 2)]
    top.add("e")
    assert list(top.counts.items()) == [("b", 3), ("d", 2), ("e", 2)]
    assert top.top(2) == [("b", 3), ("d", 2)]


def test_a_copied_counter_counts_on_its_own() -> None:
    top = TopK(2)
    top.add("a")
    twin = copy.deepcopy(top)
    twin.add("a")
    assert top.counts == {"a": 1} and twin.counts == {"a": 2} and twin.cap == 2


def test_distinct_words_are_estimated_from_the_kth_smallest_value() -> None:
    assert kmv_estimate({5, 9}) == 2.0  # fewer than k values: counted
    step = 2**26
    full = {step * (i + 1) for i in range(KMV_K)}  # the k smallest of a uniform spread
    assert kmv_estimate(full) == (KMV_K - 1) / (step * KMV_K / 2**32 + 1e-12)
    assert kmv_estimate(full | {step * (KMV_K + 3), step * (KMV_K + 9)}) == kmv_estimate(full)  # more than k: the k-th still
