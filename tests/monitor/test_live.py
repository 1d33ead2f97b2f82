"""The live path: same scores as the offline replay, cheap submit, enforcement, audit."""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from itertools import islice
from pathlib import Path
from typing import Any

import pytest

from gatehouse.errors import PermissionDenied, RateLimited
from gatehouse.metering.metrics import Metrics
from gatehouse.monitor.enforce import Decisions, MonitorGuard
from gatehouse.monitor.engine import CLEARED_AT, Monitor
from gatehouse.monitor.features import from_record, from_trace
from gatehouse.monitor.live import MonitorSink
from gatehouse.monitor.policy import MonitorConfig, decide, load_monitor_config
from gatehouse.pipeline import RequestRecord
from gatehouse.store.db import Store
from gatehouse.traffic.replay import to_request_record
from gatehouse.traffic.trace import TraceReader


@pytest.mark.parametrize("response", [
    {"text": "A long answer. " * 40, "finish_reason": "length",
     "usage": {"prompt_tokens": 31, "completion_tokens": 160}},
    {"text": "A short answer.", "finish_reason": "stop"},  # usage never counted: estimated from the text
    None,
])
def test_a_trace_line_replays_as_the_record_the_gateway_would_have_built(response: dict[str, Any] | None) -> None:
    line: dict[str, Any] = {
        "ts": "2026-11-23T09:15:00.250Z", "tenant": "org_a", "key": "key_a", "endpoint": "/v1/chat/completions",
        "id": "req_1", "ip": "203.0.113.9", "user_agent": "openai-python/1.55.0",
        "request": {"model": "gpt-4o", "max_tokens": 160, "temperature": 0.2, "messages": [
            {"role": "system", "content": "You are terse."},
            {"role": "user", "content": "Explain tides step by step."}]},
    }
    if response is not None:
        line["response"] = response
    record = to_request_record(line)
    assert (record.id, record.tenant_id, record.key_id, record.client_ip, record.user_agent) == (
        "req_1", "org_a", "key_a", "203.0.113.9", "openai-python/1.55.0")
    assert record.request_body is line["request"] and record.ts.isoformat() == "2026-11-23T09:15:00.250000+00:00"
    assert from_record(record) == from_trace(line)


async def test_live_and_offline_scores_agree(small_week: dict[str, Any]) -> None:
    records = list(islice(TraceReader(small_week["trace"]), 6000))
    offline = Monitor()
    for i, rec in enumerate(records):
        offline.observe(from_trace(rec, i + 1))
    offline.finish()
    sink = MonitorSink(MonitorConfig(), Decisions())
    # Live, billing contacts come from the tenants table; here, from the same trace.
    sink.billing_contacts = {r["tenant"]: r["billing_contact"].lower() for r in records if r.get("billing_contact")}
    assert sink.billing_contacts
    for rec in records:
        sink.submit(to_request_record(rec))
    await sink.drain()
    await sink.score()
    live = sink.monitor
    assert set(live.tenants) == set(offline.tenants)
    for t in offline.tenants:
        assert live.tenant_score(t)[0] == pytest.approx(offline.tenant_score(t)[0], abs=1e-9), t
    assert [c.tenants for c in live.campaigns] == [c.tenants for c in offline.campaigns]


async def test_submit_only_queues_and_a_full_queue_is_reported(caplog: pytest.LogCaptureFixture) -> None:
    # The response path pays for an append; features are computed by the background drain
    # (its cost per request is measured in bench/bench_monitor.py, not here).
    sink = MonitorSink(MonitorConfig(queue_max=3), Decisions())
    rec = RequestRecord(id="r", ts=datetime.now(timezone.utc), endpoint="/v1/chat/completions", tenant_id="t", key_id="k",
                        request_body={"messages": [{"role": "user", "content": "hi"}]})
    with caplog.at_level(logging.ERROR, logger="gatehouse.monitor"):
        for _ in range(3):
            sink.submit(rec)
        assert not sink.monitor.tenants and sink.overflow.dropped == 0 and not caplog.records
        for _ in range(4):
            sink.submit(rec)
    assert sink.overflow.dropped == 4
    assert len(caplog.records) == 1 and "monitor queue is full" in caplog.records[0].getMessage()
    text = Metrics().render().decode()
    assert 'gatehouse_queue_dropped_total{queue="monitor"} 4.0' in text
    assert await sink.drain() == 3
    assert sink.monitor.tenants["t"].n == 3


class _Ctx:
    _ids = iter(range(10**9))

    def __init__(self, tenant: str, key: str) -> None:
        from types import SimpleNamespace

        from gatehouse.tenancy.principal import Principal

        self.principal = Principal(key_id=key, tenant_id=tenant, tenant_name=tenant, tenant_status="verified",
                                   jurisdiction="US", entity_type="company")
        self.record = SimpleNamespace(id=f"req_{next(self._ids)}")


async def test_guard_blocks_and_throttles() -> None:
    d = Decisions()
    cfg = load_monitor_config({"throttle": {"requests_per_minute": 3}})
    guard = MonitorGuard(d, cfg)
    await guard.check(_Ctx("t1", "k1"))  # allowed by default
    d.set("tenant:t1", "block")
    with pytest.raises(PermissionDenied):
        await guard.check(_Ctx("t1", "k1"))
    d.set("tenant:t1", "allow")
    d.set("key:k2", "throttle")
    for _ in range(3):
        await guard.check(_Ctx("t2", "k2"))
    with pytest.raises(RateLimited) as exc:
        await guard.check(_Ctx("t2", "k2"))
    assert int(exc.value.headers["retry-after"]) >= 1
    await guard.check(_Ctx("t2", "k3"))  # other keys of the tenant are not throttled


async def test_throttle_window_is_shared_across_processes_through_redis(redis_url: str, redis_prefix: str) -> None:
    """Two gateway processes' guards on one Redis: a throttled key gets the configured rate in
    total, not per process."""
    import redis.asyncio as aioredis

    from gatehouse.limits.redis_backend import RedisLimiter

    cfg = load_monitor_config({"throttle": {"requests_per_minute": 4}})
    clients = [aioredis.from_url(redis_url), aioredis.from_url(redis_url)]
    try:
        guards = []
        for c in clients:
            d = Decisions()
            d.set("key:k9", "throttle")
            guards.append(MonitorGuard(d, cfg, limiter=RedisLimiter(c, redis_prefix, 30.0)))
        admitted = 0
        for i in range(10):
            try:
                await guards[i % 2].check(_Ctx("t9", "k9"))
                admitted += 1
            except RateLimited:
                pass
        assert admitted == 4
    finally:
        for c in clients:
            await c.aclose()


def test_policy_by_verdict_and_signal() -> None:
    cfg = load_monitor_config({"actions": {"watch": "watch", "review": "throttle", "block": "block"},
                               "signals": [{"signal": "sampling_sweep", "min": 0.9, "action": "review"}]})
    assert decide(cfg, "review", {})[0] == "throttle"
    assert decide(cfg, "watch", {"sampling_sweep": 0.95})[0] == "review"
    assert decide(cfg, "allow", {})[0] == "allow"
    with pytest.raises(ValueError, match="monitor.signals"):
        load_monitor_config({"signals": [{"signal": "nope", "min": 0.5, "action": "block"}]})


async def test_signal_rules_see_the_riskiest_key_and_the_requests_without_a_system_prompt() -> None:
    """A signal rule fires on the part of the traffic that shows the signal: the riskiest key's own
    requests, or a tenant's requests without its app's system prompt, though the tenant's whole
    traffic dilutes it under the rule's minimum."""
    from tests.monitor.helpers import T0, chat, run

    cfg = load_monitor_config({"actions": {"watch": "watch", "review": "review", "block": "review"},
                               "signals": [{"signal": "sampling_sweep", "min": 0.9, "action": "block"}]})
    sink = MonitorSink(cfg, Decisions())
    app = "You are Quill, the note-taking helper. Keep it short."
    chatty = [(T0 + i * 60.0, chat(f"tidy this note number {i}", system=app), 30, 60) for i in range(300)]
    probes = [(T0 + i * 60.0 + 30.0, chat(f"label item {i}", top_logprobs=5, logprobs=True), 20, 120)
              for i in range(100)]
    run(chatty, tenant="org_k", key="key_chat", monitor=sink.monitor)
    run(probes, tenant="org_k", key="key_probe", monitor=sink.monitor)  # its own key, no system prompt
    changes = {subject: (action, reason) for subject, action, reason in await sink.score()}
    mon = sink.monitor
    whole = {s.name: s.value for s in mon.tenant_scores["org_k"].signals}["sampling_sweep"]
    bare = {s.name: s.value for s in mon.bare_scores["org_k"].signals}["sampling_sweep"]
    key = {s.name: s.value for s in mon.key_scores["key_probe"].signals}["sampling_sweep"]
    assert whole < 0.9 <= min(bare, key)
    assert mon.assess("org_k").keys[0][0] == "key_probe"
    assert changes["key:key_probe"] == ("block", f"sampling_sweep={key:.2f} >= 0.9")
    assert changes["tenant:org_k"] == ("block", f"sampling_sweep={bare:.2f} >= 0.9")
    assert sink.decisions.action_for("org_k", "key_chat") == "block"


async def _fed_sink(cfg: MonitorConfig, store: Store, small_week: dict[str, Any]) -> MonitorSink:
    """A monitor sink on `store` that has taken in the whole small week (not yet scored)."""
    sink = MonitorSink(cfg, Decisions(), store)
    for rec in TraceReader(small_week["trace"]):
        sink.submit(to_request_record(rec))
    await sink.drain()
    return sink


async def test_enforcement_is_audited_and_alerts_are_worked(tmp_path: Path, small_week: dict[str, Any]) -> None:
    from sqlalchemy import select

    from gatehouse.audit.tables import audit_log
    from gatehouse.monitor import alerts as svc

    store = Store(f"sqlite+aiosqlite:///{tmp_path}/gh.db")
    await store.migrate()
    try:
        sink = await _fed_sink(MonitorConfig(), store, small_week)
        changes = await sink.score()
        assert any(a in ("review", "block") for _, a, _ in changes)
        linked = [c for c in sink.monitor.campaigns if c.score >= sink.monitor.settings.campaign_min_score]
        assert linked
        async with store.engine.connect() as conn:  # each campaign's roster, for acting on it as one
            assert await svc.campaign_members(conn, linked[0].id) == sorted(linked[0].tenants)
        async with store.engine.connect() as conn:
            actions = [r.action for r in await conn.execute(select(audit_log.c.action))]
            open_alerts = await svc.list_alerts(conn, limit=1000)  # campaign members fill the first hundred
        assert "monitor.enforce" in actions and "monitor.alert.open" in actions
        assert open_alerts and open_alerts[0]["evidence"]
        # one flagged on its own traffic (the riskiest are members of one campaign)
        first = next(a for a in open_alerts if a["campaign"] is None)
        async with store.engine.begin() as conn:
            cleared = await svc.clear_alert(conn, first["id"], actor="admin:test", note="known eval team")
        assert cleared["status"] == "cleared"
        async with store.engine.connect() as conn:
            baselines = await svc.load_baselines(conn)
            decisions = await svc.load_decisions(conn)
            actions = [r.action for r in await conn.execute(select(audit_log.c.action))]
        assert baselines[first["tenant_id"]] == pytest.approx(first["clear_offset"]) and first["clear_offset"] > 0
        assert f"tenant:{first['tenant_id']}" not in decisions
        assert "monitor.alert.clear" in actions
        # the baseline holds the tenant at the level the analyst saw: the next pass opens no new alert
        await sink.reload_baselines()  # as on the "enforcement" signal the clearing sends
        assert sink.decisions.action_for(first["tenant_id"], first["key_id"] or "") == "allow"
        await sink.score()
        async with store.engine.connect() as conn:
            reopened = [a for a in await svc.list_alerts(conn) if a["tenant_id"] == first["tenant_id"]]
        assert reopened == []
        assert sink.monitor.tenant_score(first["tenant_id"])[0] <= CLEARED_AT + 1e-3  # rescored, with no new traffic
    finally:
        await store.aclose()


async def test_an_account_writing_a_campaigns_wording_is_watched_once_the_campaign_is_linked(
        small_week: dict[str, Any]) -> None:
    records = list(TraceReader(small_week["trace"]))
    whole = Monitor()
    for i, rec in enumerate(records):
        whole.observe(from_trace(rec, i + 1))
    whole.finish()
    kin = set(whole.kin())
    assert kin
    # the accounts send all they will send before the campaign whose wording they write is linked
    sink = MonitorSink(MonitorConfig(), Decisions())
    for rec in records:
        if rec["tenant"] in kin:
            sink.submit(to_request_record(rec))
    await sink.drain()
    await sink.score()
    assert not sink.monitor.kin()
    for rec in records:
        if rec["tenant"] not in kin:
            sink.submit(to_request_record(rec))
    await sink.drain()
    changes = {s: a for s, a, _ in await sink.score()}
    assert set(sink.monitor.kin()) == kin
    watched = [t for t in sorted(kin) if changes.get(f"tenant:{t}") == "watch"]
    assert watched and all(sink.decisions.action_for(t, "") == "watch" for t in watched)
    assert any(e.startswith("campaign_wording=") for e in sink.monitor.assess(watched[0]).evidence)


@pytest.mark.parametrize("keys_in_store", [True, False])
async def test_review_suspends_the_riskiest_key_when_the_policy_says_so(
        tmp_path: Path, small_week: dict[str, Any], keys_in_store: bool, caplog: pytest.LogCaptureFixture) -> None:
    """With `review_suspends_key`, a pass that raises `review` alerts suspends each one's riskiest
    key in the same transaction (audited). A key the store does not hold cannot be suspended: it
    is logged, and the pass's alerts still stand."""
    from sqlalchemy import select

    from gatehouse.audit.tables import audit_log
    from gatehouse.monitor import alerts as svc
    from gatehouse.store.tables import api_keys
    from gatehouse.tenancy.keys import get_key

    store = Store(f"sqlite+aiosqlite:///{tmp_path}/gh.db")
    await store.migrate()
    try:
        cfg = load_monitor_config({"actions": {"watch": "watch", "review": "review", "block": "review"},
                                   "review_suspends_key": True})
        sink = await _fed_sink(cfg, store, small_week)
        if keys_in_store:
            now = datetime.now(timezone.utc)
            async with store.engine.begin() as conn:
                await conn.execute(api_keys.insert(), [
                    {"id": k, "tenant_id": t, "prefix": k[:8], "hash": f"h_{k}", "scopes": [], "created_at": now}
                    for t, ks in sorted(sink.monitor.keys_of.items()) for k in ks])
        with caplog.at_level(logging.WARNING, logger="gatehouse.monitor"):
            await sink.score()
        async with store.engine.connect() as conn:
            reviewed = [a for a in await svc.list_alerts(conn, limit=1000) if a["action"] == "review" and a["key_id"]]
            actions = [r.action for r in await conn.execute(select(audit_log.c.action))]
            assert reviewed
            if keys_in_store:
                assert {(await get_key(conn, a["key_id"]))["status"] for a in reviewed} == {"suspended"}
                assert actions.count("key.suspend") == len({a["key_id"] for a in reviewed})
            else:
                assert "key.suspend" not in actions
                assert "not in the store, not suspended" in caplog.text
    finally:
        await store.aclose()


async def test_a_pass_whose_writes_fail_is_made_again(tmp_path: Path, small_week: dict[str, Any]) -> None:
    """When storing a pass's alerts or decisions fails, the pass raises (the loop logs it) and
    its decisions are forgotten: the next pass makes and stores them, alerts included."""
    from gatehouse.monitor import alerts as svc

    store = Store(f"sqlite+aiosqlite:///{tmp_path}/gh.db")
    await store.migrate()
    try:
        sink = await _fed_sink(MonitorConfig(), store, small_week)
        persist = sink._persist

        async def broken(*args: Any) -> None:
            raise OSError("database went away")

        sink._persist = broken
        with pytest.raises(OSError):
            await sink.score()
        sink._persist = persist
        changes = await sink.score()
        assert any(a in ("review", "block") for _, a, _ in changes)
        async with store.engine.connect() as conn:
            decisions = await svc.load_decisions(conn)
            assert {s for s, a, _ in changes if a != "allow"} <= set(decisions)
            assert await svc.list_alerts(conn)
    finally:
        await store.aclose()
