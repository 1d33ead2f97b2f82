"""The same trace gives the same report, byte for byte, whatever the process's string hashing
(set and dict iteration order must never decide which accounts are linked or when a tenant
is first flagged)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.monitor.helpers import detect_in_child, in_plain_python


def test_report_is_identical_across_hash_seeds(small_week: dict[str, Any], tmp_path: Path) -> None:
    a = detect_in_child(small_week["trace"], tmp_path / "a.json", PYTHONHASHSEED="1")
    b = detect_in_child(small_week["trace"], tmp_path / "b.json", PYTHONHASHSEED="2")
    assert b'"campaigns"' in a
    assert a == b


def test_linking_does_not_depend_on_bucket_order() -> None:
    """Stragglers attached through common content pick the same campaign however the suspicious
    buckets happen to be ordered (the order a set of buckets iterates in varies per process)."""
    import itertools

    from gatehouse.monitor.grouping import Findings, components
    from gatehouse.monitor.features import from_body
    from gatehouse.monitor.state import State
    from tests.monitor.helpers import T0, chat

    def state(hour: float) -> State:
        s = State()
        s.observe(from_body(ts=T0 + hour * 3600.0, tenant="t", key="k", rid="r", body=chat("hello there friend")))
        return s

    names = ["a1", "a2", "b1", "b2", "x1", "x2", "y1"]
    tenants = {t: state(float(i)) for i, t in enumerate(names)}
    a = (("o", 1), ("i", "198.51.100"))
    b = (("o", 2), ("i", "203.0.113"))
    # two equally supported campaigns and cover wording shared by both and by loose accounts
    cover1 = (("o", 3), ("u", "sdk|t=0.9"))
    cover2 = (("o", 4), ("u", "sdk|t=0.9"))
    buckets = [(a, ["a1", "a2"]), (b, ["b2", "b1"]), (cover1, ["a1", "b1", "x1", "y1"]), (cover2, ["x2", "x1", "b2", "a2"])]
    results = set()
    for perm in itertools.permutations(buckets):
        found = components(tenants, Findings(list(perm), common={cover1, cover2}))
        results.add(tuple((c.id, tuple(c.tenants)) for c in found))
    assert len(results) == 1


def test_buckets_are_pooled_in_member_order(monkeypatch: Any, request: pytest.FixtureRequest) -> None:
    """A bucket's members are pooled and timed in sorted order, not set order: the pooled means
    and the timing lift are float sums, and summing the same members in another order can round
    across a threshold, so a tenant's first flag would depend on the process's string hashing.
    (It spies on `merge_view`, which compiled callers bind directly: run on plain Python.)"""
    import random

    if in_plain_python(request):
        return

    from gatehouse.monitor import grouping, linker
    from gatehouse.monitor.features import from_body
    from gatehouse.monitor.state import State
    from tests.monitor.helpers import T0, chat

    rng = random.Random(5)
    names = [f"org_{rng.getrandbits(40):010x}" for _ in range(24)]
    tenants: dict[str, State] = {}
    for i, t in enumerate(names):
        s = tenants[t] = State()
        for j in range(3):
            s.observe(from_body(ts=T0 + (i + j) * 60.0, tenant=t, key=t, rid=f"{t}-{j}", ip="198.51.100.7", ua="tool/1",
                                body=chat(f"Write a complete guide to topic {i} part {j}", max_tokens=4000),
                                prompt_tokens=20, completion_tokens=3000, finish_reason="stop"))
    seen: list[list[State]] = []
    real = linker.merge_view

    def spy(states: list[State]) -> Any:
        seen.append(list(states))
        return real(states)

    for module in (linker, grouping):  # buckets are pooled in one, campaigns in the other
        monkeypatch.setattr(module, "merge_view", spy)
    linker.Linker().update(tenants, set(names))
    pooled = [states for states in seen if len(states) == len(names)]
    assert pooled
    for states in pooled:
        assert states == [tenants[t] for t in sorted(names)]
