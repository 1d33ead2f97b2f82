"""A monitor restored from a checkpoint scores the rest of the traffic exactly as an
uninterrupted one; the live sink checkpoints to the store and restores on start."""

from __future__ import annotations

import zlib
from itertools import islice
from pathlib import Path
from typing import Any

import orjson
import pytest

from gatehouse.monitor.checkpoint import Snapshot, dump, pack, restore
from gatehouse.monitor.engine import Monitor
from gatehouse.monitor.features import from_trace
from gatehouse.monitor.report import build_report
from gatehouse.monitor.state import FEATURES, State, TopK
from gatehouse.traffic.replay import to_request_record
from gatehouse.traffic.trace import TraceReader


def _features(small_week: dict[str, Any]) -> list[Any]:
    return [from_trace(rec) for rec in TraceReader(small_week["trace"])]


def test_restored_monitor_continues_exactly(small_week: dict[str, Any]) -> None:
    feats = _features(small_week)
    cut = len(feats) // 2
    whole = Monitor()
    for f in feats:
        whole.observe(f)
    whole.finish()

    first = Monitor()
    for f in feats[:cut]:
        first.observe(f)
    data = dump(first)
    resumed = Monitor()
    restore(resumed, data)
    assert resumed.keys_of == first.keys_of and resumed.first_flag == first.first_flag
    shared = [t for t, s in resumed.tenants.items() if any(s is resumed.keys[k] for k in resumed.keys_of[t])]
    assert shared  # one-key tenants share their key's state again
    for f in feats[cut:]:
        resumed.observe(f)
    resumed.finish()
    assert build_report(resumed, 0) == build_report(whole, 0)


def test_a_checkpoint_taken_in_steps_while_traffic_comes_in_is_whole(small_week: dict[str, Any]) -> None:
    feats = _features(small_week)
    mon = Monitor()
    for f in feats[:4000]:
        mon.observe(f)
    snap = Snapshot(mon)
    assert not snap.step(50)
    for f in feats[4000:8000]:  # new keys and tenants, and one-key tenants gaining a second key
        mon.observe(f)
    back = Monitor()
    restore(back, pack(snap.finish()))
    assert set(back.keys) <= set(mon.keys) and set(back.tenants) <= set(mon.tenants)
    assert len(back.keys) < len(mon.keys)  # those first seen meanwhile wait for the next checkpoint
    for t, ks in back.keys_of.items():
        assert t in back.tenants and ks and all(k in back.keys for k in ks)
    for f in feats[8000:]:  # and the restored monitor takes traffic on
        back.observe(f)
    back.finish()
    assert build_report(back, 0)["tenants"]


def test_every_state_field_survives() -> None:
    s = State()
    s.n, s.week_mask, s.bill = 7, (1 << 167) | 5, "ops@acme.example"
    s.bloom[3] = 0xA5
    s.kmv = [4, 9]
    s.openings, s.prompts = {11, 12}, {99: 0.7, 98: 1.0}
    s.top_ua.add("AsyncOpenAI/Python 1.70.0", 3)
    s.samples.append(("req_1", "harvest-like"))
    mon = Monitor()
    mon.keys = {"key_a": s}
    mon.tenants = {"org_a": s}
    mon.keys_of = {"org_a": ["key_a"]}
    back = Monitor()
    restore(back, dump(mon))
    r = back.keys["key_a"]
    assert back.tenants["org_a"] is r
    for name in State.__dataclass_fields__:
        a, b = getattr(s, name), getattr(r, name)
        if isinstance(a, TopK):
            assert (a.cap, list(a.counts.items())) == (b.cap, list(b.counts.items())), name
        else:
            assert a == b and type(a) is type(b), name
    assert r.samples.maxlen == 5


def test_a_state_saved_before_a_feature_was_added_takes_traffic_on(small_week: dict[str, Any]) -> None:
    mon = Monitor()
    for f in _features(small_week)[:50]:
        mon.observe(f)
    doc = orjson.loads(zlib.decompress(dump(mon)))
    for s in doc["keys"].values():
        del s["mean"][-1]  # as written before the last feature existed
    back = Monitor()
    restore(back, pack(orjson.dumps(doc)))
    assert all(len(s.mean) == len(FEATURES) and s.mean[-1] == 0.0 for s in back.keys.values())
    for f in _features(small_week)[50:100]:
        back.observe(f)
    back.finish()
    assert build_report(back, 0)["tenants"]


def test_a_word_sketch_saved_as_a_heap_of_negated_hashes_is_read_in_order() -> None:
    s = State()
    s.kmv = [4, 9, 30]
    mon = Monitor()
    mon.keys, mon.tenants, mon.keys_of = {"key_a": s}, {"org_a": s}, {"org_a": ["key_a"]}
    doc = orjson.loads(zlib.decompress(dump(mon)))
    doc["keys"]["key_a"]["kmv"] = [-30, -4, -9]  # as written before: a max-heap of negatives
    doc["keys"]["key_a"]["kmv_set"] = {"set": [4, 9, 30]}  # beside its set, a field since removed
    back = Monitor()
    restore(back, pack(orjson.dumps(doc)))
    assert back.keys["key_a"].kmv == [4, 9, 30]
    back.keys["key_a"]._kmv([1, 9])
    assert back.keys["key_a"].kmv == [1, 4, 9, 30]


def test_a_damaged_checkpoint_is_refused() -> None:
    with pytest.raises(ValueError, match="damaged"):
        restore(Monitor(), b"not a checkpoint")


async def test_the_live_sink_restores_what_it_checkpointed(tmp_path: Path, small_week: dict[str, Any]) -> None:
    from gatehouse.monitor.enforce import Decisions
    from gatehouse.monitor.live import MonitorSink
    from gatehouse.monitor.policy import MonitorConfig
    from gatehouse.store.db import Store

    store = Store(f"sqlite+aiosqlite:///{tmp_path}/gh.db")
    await store.migrate()
    try:
        before = MonitorSink(MonitorConfig(), Decisions(), store)
        await before.start()
        for rec in islice(TraceReader(small_week["trace"]), 3000):
            before.submit(to_request_record(rec))
        await before.aclose()  # a deploy: the last pass and a checkpoint
        after = MonitorSink(MonitorConfig(), Decisions(), store)
        await after.start()
        try:
            assert sum(s.n for s in after.monitor.keys.values()) == 3000
            assert after.monitor.keys_of == before.monitor.keys_of
        finally:
            await after.aclose()
    finally:
        await store.aclose()


async def test_no_checkpoint_when_the_interval_is_zero(tmp_path: Path, small_week: dict[str, Any]) -> None:
    from sqlalchemy import select

    from gatehouse.monitor.enforce import Decisions
    from gatehouse.monitor.live import MonitorSink
    from gatehouse.monitor.policy import MonitorConfig
    from gatehouse.monitor.tables import monitor_checkpoints
    from gatehouse.store.db import Store

    store = Store(f"sqlite+aiosqlite:///{tmp_path}/gh.db")
    await store.migrate()
    try:
        sink = MonitorSink(MonitorConfig(checkpoint_interval_s=0), Decisions(), store)
        await sink.start()
        for rec in islice(TraceReader(small_week["trace"]), 500):
            sink.submit(to_request_record(rec))
        await sink.aclose()
        async with store.engine.connect() as conn:
            assert (await conn.execute(select(monitor_checkpoints))).first() is None
    finally:
        await store.aclose()
