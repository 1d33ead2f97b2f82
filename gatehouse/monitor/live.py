"""The live path: a record sink that feeds the same `Monitor` as `gatehouse detect`.

`submit()` only appends to a deque (no parsing, no locks). A background task drains it
every 50 ms into features and sketches, and every `scorer_interval_s` scores what changed,
links campaigns, and turns verdicts into enforcement decisions (audited, persisted, shared
with the guard in this process at once and with other processes through the
`enforcement` signal). Review and block decisions open or refresh an analyst alert.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from typing import Any

from gatehouse.errors import NotFound
from gatehouse.monitor.engine import Monitor
from gatehouse.monitor.enforce import Decisions, shared_decisions
from gatehouse.monitor.features import from_record
from gatehouse.monitor.policy import MonitorConfig, decide, load_monitor_config
from gatehouse.monitor.scorer import signal_values, verdict_of
from gatehouse.overflow import Overflow

__all__ = ["MonitorSink", "build"]

log = logging.getLogger("gatehouse.monitor")
_DRAIN_S = 0.05
_CHUNK = 2000
_CHECKPOINT_STEP = 2000  # states written per hold of the monitor's lock (about 0.3 s)


class MonitorSink:
    def __init__(self, cfg: MonitorConfig, decisions: Decisions, store: Any = None, monitor: Monitor | None = None) -> None:
        self.cfg = cfg
        self.decisions = decisions
        self.store = store
        self.monitor = monitor or Monitor(cfg.settings())
        self.processed = 0
        self._q: deque[Any] = deque()
        self.overflow = Overflow("monitor", self._q, cfg.queue_max, log,
                                 "those requests are not monitored")
        self._task: asyncio.Task[None] | None = None
        self._closing = False
        self._last_score = time.monotonic()
        self._acted: dict[str, str] = {}
        self._rosters: dict[str, tuple[str, float]] = {}  # tenant -> (campaign, score) as last stored
        self._last_checkpoint = time.monotonic()
        self._checkpointed = 0  # requests this process had processed at its last checkpoint
        self._restored = 0  # requests behind the checkpoint this process started from
        self._lock = asyncio.Lock()  # one pass at a time: background loop, on-demand scan, close
        self.billing_contacts: dict[str, str] = {}  # tenant -> billing contact (a campaign-linking attribute)

    def submit(self, record: Any) -> None:
        if len(self._q) >= self.cfg.queue_max:
            self.overflow.drop()
            return
        self._q.append(record)

    async def start(self) -> None:
        if self.store is not None:
            from gatehouse.monitor.alerts import load_baselines, load_decisions

            await self._restore()
            async with self.store.engine.connect() as conn:
                self.monitor.baselines.update(await load_baselines(conn))
                self._acted = await load_decisions(conn)
            await self.load_billing_contacts()
        self._task = asyncio.create_task(self._run(), name="monitor")

    async def _restore(self) -> None:
        if not self.cfg.checkpoint_interval_s:
            return
        from gatehouse.monitor import checkpoint

        async with self.store.engine.connect() as conn:
            found = await checkpoint.load(conn, self.cfg.checkpoint_name)
        if found is None:
            return
        data, taken_at, requests = found
        try:
            await asyncio.to_thread(checkpoint.restore, self.monitor, data)
        except ValueError as exc:  # start afresh rather than not at all
            log.error("monitor checkpoint %r not restored: %s", self.cfg.checkpoint_name, exc)
            return
        log.info("monitor restored from checkpoint %r taken at %s (%d requests, %d keys)",
                 self.cfg.checkpoint_name, taken_at.isoformat(), requests, len(self.monitor.keys))
        self._restored = requests

    async def checkpoint(self) -> None:
        """Save what the monitor has learned to the store."""
        if self.store is None or not self.cfg.checkpoint_interval_s:
            return
        from gatehouse.monitor import checkpoint

        async with self._lock:
            self._last_checkpoint = time.monotonic()
            if self.processed == self._checkpointed:
                return  # nothing new since the last one
            snap, processed = checkpoint.Snapshot(self.monitor), self.processed
        # in steps, the lock let go in between: traffic keeps being drained while a large state is written
        while True:
            async with self._lock:
                if await asyncio.to_thread(snap.step, _CHECKPOINT_STEP):
                    raw = await asyncio.to_thread(snap.finish)
                    break
        data = await asyncio.to_thread(checkpoint.pack, raw)
        async with self.store.engine.begin() as conn:
            await checkpoint.save(conn, self.cfg.checkpoint_name, data, self._restored + processed)
        self._checkpointed = processed

    async def load_billing_contacts(self) -> None:
        """Tenants' billing contacts, so that the live path links accounts billed to one
        contact as offline traces with `billing_contact` do (reloaded on the `tenants` signal)."""
        from sqlalchemy import select

        from gatehouse.store.tables import tenants

        async with self.store.engine.connect() as conn:
            rows = (await conn.execute(select(tenants.c.id, tenants.c.billing))).all()
        contacts: dict[str, str] = {}
        for tid, billing in rows:
            email = billing.get("email") if isinstance(billing, dict) else None
            if isinstance(email, str) and email.strip():
                contacts[tid] = email.strip().lower()
        self.billing_contacts = contacts

    async def _run(self) -> None:
        while not self._closing:
            await asyncio.sleep(_DRAIN_S)
            try:
                await self.drain()
                if time.monotonic() - self._last_score >= self.cfg.scorer_interval_s:
                    await self.score(full=False)
                if time.monotonic() - self._last_checkpoint >= self.cfg.checkpoint_interval_s > 0:
                    await self.checkpoint()
            except Exception:  # the monitor must never take the gateway down
                log.exception("monitor pass failed")

    async def drain(self) -> int:
        async with self._lock:
            return await self._drain()

    async def _drain(self) -> int:
        n = 0
        q = self._q
        while q:
            self.observe(q.popleft())
            n += 1
            if n % _CHUNK == 0:
                await asyncio.sleep(0)
        self.processed += n
        return n

    def observe(self, record: Any) -> None:
        """One record's features into the monitor: the drain's work per request (the caller holds
        the pass lock, or owns the sink outright, as the benchmark does)."""
        f = from_record(record, self.billing_contacts.get(record.tenant_id))
        if f is not None:
            self.monitor.observe(f)

    async def reload_baselines(self) -> None:
        """Baselines taught by clearing alerts (through this process, the CLI or another replica):
        apply them, and lift this process's enforcement on every tenant whose baseline moved (the
        store's decisions on it are already gone), so the next pass judges it afresh."""
        if self.store is None:
            return
        from gatehouse.monitor.alerts import load_baselines

        async with self.store.engine.connect() as conn:
            baselines = await load_baselines(conn)
        async with self._lock:
            mon = self.monitor
            for tenant, offset in baselines.items():
                if mon.baselines.get(tenant) == offset:
                    continue
                mon.baselines[tenant] = offset
                mon.dirty.add(tenant)  # rescored with it on the next pass, traffic or not
                for subject in [f"tenant:{tenant}", *(f"key:{k}" for k in mon.keys_of.get(tenant, []))]:
                    self.decisions.set(subject, "allow")
                    self._acted.pop(subject, None)

    async def score(self, full: bool = True) -> list[tuple[str, str, str]]:
        """Score now; returns the (subject, action, reason) changes. The periodic pass is
        incremental (`full=False`) and runs in a worker thread so the event loop stays free;
        on demand and at shutdown campaigns are relinked from scratch."""
        async with self._lock:
            return await self._score(full)

    async def _score(self, full: bool) -> list[tuple[str, str, str]]:
        self._last_score = time.monotonic()
        mon = self.monitor
        changed = set(mon.dirty)
        await asyncio.to_thread(mon.finish, changed, full)
        subjects = (changed | set(mon.campaign_of) | set(mon.kin())
                    | {s.split(":", 1)[1] for s in self._acted if s.startswith("tenant:")})
        updates: list[tuple[str, str, str]] = []
        raised: list[tuple[str, Any, str]] = []  # (tenant, assessment, action): alerts, written together below
        before: dict[str, str] = {}  # each changed subject's previous action
        for tenant in sorted(subjects):
            if tenant not in mon.tenants:
                continue
            a = mon.assess(tenant)
            score, n = mon.tenant_score(tenant)
            # signal rules see the tenant's whole traffic and its requests without a system prompt
            # (`Monitor.bare`); its riskiest key has a decision of its own, below
            action, reason = decide(self.cfg, verdict_of(score, n, mon.settings.thresholds),
                                    signal_values(mon.tenant_scores.get(tenant), mon.bare_scores.get(tenant)))
            subject = f"tenant:{tenant}"
            if self._acted.get(subject, "allow") != action:
                before[subject] = self._acted.get(subject, "allow")
                updates.append((subject, action, reason))
                self.decisions.set(subject, action)
                self._acted[subject] = action
                if action in ("review", "block"):
                    raised.append((tenant, a, action))
            # the riskiest key carries its own decision (a turncoat key among honest ones)
            if a.keys:
                key, ks = a.keys[0]
                kverdict = verdict_of(ks, mon.keys[key].n, mon.settings.thresholds)
                kaction, kreason = decide(self.cfg, kverdict, signal_values(mon.key_scores.get(key)))
                ksub = f"key:{key}"
                if self._acted.get(ksub, "allow") != kaction:
                    before[ksub] = self._acted.get(ksub, "allow")
                    updates.append((ksub, kaction, kreason))
                    self.decisions.set(ksub, kaction)
                    self._acted[ksub] = kaction
        try:
            await self._alerts(raised)
            await self._persist(updates, mon)
        except Exception:
            # the pass's decisions were not all stored: forget them so the next pass makes them again
            for subject in {s for s, _, _ in updates}:
                if before[subject] == "allow":
                    self._acted.pop(subject, None)
                else:
                    self._acted[subject] = before[subject]
            raise
        await self._save_campaigns(mon)
        return updates

    async def _alerts(self, raised: list[tuple[str, Any, str]]) -> None:
        """Open or refresh the alerts of one pass in one transaction (a newly linked campaign raises
        one per member), suspending the riskiest key of each `review` when the policy says so."""
        if self.store is None or not raised:
            return
        from gatehouse.monitor.alerts import Draft, upsert_alerts
        from gatehouse.tenancy.keys import suspend_key

        drafts: list[Draft] = []
        suspend: list[tuple[str, float]] = []
        for tenant, a, action in raised:
            c = self.monitor.campaign_of.get(tenant)
            campaign = {"id": c.id, "tenants": c.tenants[:50], "size": len(c.tenants), "score": c.score} if c else None
            key = a.keys[0][0] if a.keys else None
            drafts.append(Draft(tenant, key, a.verdict, action, a.score, a.evidence, a.samples, campaign,
                                round(self.monitor.clear_offset(tenant), 4)))
            if action == "review" and self.cfg.review_suspends_key and key is not None:
                suspend.append((key, a.score))
        async with self.store.engine.begin() as conn:
            await upsert_alerts(conn, drafts)
            for key, score in suspend:
                try:
                    await suspend_key(conn, key, actor="monitor", reason=f"monitor review: score {score:.2f}")
                except NotFound:  # a key no longer in the store cannot be suspended; its alert stands
                    log.warning("monitor review: key %s is not in the store, not suspended", key)

    async def _persist(self, updates: list[tuple[str, str, str]], mon: Monitor) -> None:
        if self.store is None or not updates:
            return
        from gatehouse.monitor.alerts import set_decision

        async with self.store.engine.begin() as conn:
            for subject, action, reason in updates:
                kind, ident = subject.split(":", 1)
                score = mon.tenant_score(ident)[0] if kind == "tenant" else (
                    mon.key_scores[ident].score if ident in mon.key_scores else 0.0)
                await set_decision(conn, subject, action, score, reason)

    async def _save_campaigns(self, mon: Monitor) -> None:
        """Store each linked tenant's campaign as it changes (for confirming or clearing a campaign
        from any one of its alerts)."""
        if self.store is None:
            return
        from gatehouse.monitor.alerts import save_campaign_members

        floor = mon.settings.campaign_min_score
        now = {t: (c.id, round(c.score, 2)) for c in mon.campaigns if c.score >= floor for t in c.tenants}
        changed = {t: v for t, v in now.items() if self._rosters.get(t) != v}
        gone = [t for t in self._rosters if t not in now]
        if changed or gone:
            async with self.store.engine.begin() as conn:
                await save_campaign_members(conn, changed, gone)
            self._rosters = now

    async def aclose(self) -> None:
        self._closing = True
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        await self.drain()
        try:
            await self.score()
            await self.checkpoint()
        except Exception:
            log.exception("final monitor pass failed")


def build(gateway: Any) -> MonitorSink | None:
    cfg = load_monitor_config(gateway.config.section("monitor"))
    if not cfg.enabled:
        return None
    sink = MonitorSink(cfg, shared_decisions(gateway), gateway.store)
    gateway.monitor_sink = sink  # for the admin routes' on-demand scan
    gateway.on_signal("tenants", sink.load_billing_contacts)
    gateway.on_signal("enforcement", sink.reload_baselines)  # an alert cleared elsewhere
    return sink
