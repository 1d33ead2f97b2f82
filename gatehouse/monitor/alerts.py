"""The analyst queue and enforcement records, as functions on a connection (run them inside
the caller's transaction: `async with store.engine.begin() as conn`).

Every enforcement change and every analyst decision is written to the audit trail.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from gatehouse.audit import trail
from gatehouse.errors import InvalidRequest, NotFound
from gatehouse.monitor.tables import monitor_alerts, monitor_baselines, monitor_campaign_members, monitor_decisions
from gatehouse.store.inlist import among, in_lists
from gatehouse.store.signals import bump

__all__ = [
    "Draft", "upsert_alert", "upsert_alerts", "list_alerts", "campaign_queue", "get_alert", "clear_alert",
    "confirm_alert", "set_decision", "load_decisions", "load_baselines", "BASELINE_STEP", "save_campaign_members",
    "campaign_members",
]

# A cleared alert teaches the tenant's baseline the log-odds it recorded as its `clear_offset`
# (enough to bring the level the analyst saw down to `CLEARED_AT`); this many when it recorded none.
BASELINE_STEP = 1.5
_MAX_OFFSET = 8.0


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _alert(row: Any) -> dict[str, Any]:
    # plain str keys: SQLAlchemy's column names are a str subclass that orjson refuses as keys
    return {str(k): v for k, v in row._mapping.items()}


@dataclass(frozen=True, slots=True)
class Draft:
    """What the monitor raises for one tenant (`upsert_alerts`); `clear_offset` is the baseline
    (log-odds) that clearing the alert would teach."""

    tenant: str
    key: str | None
    verdict: str
    action: str
    score: float
    evidence: list[str]
    samples: list[str]
    campaign: dict[str, Any] | None
    clear_offset: float | None = None


async def upsert_alert(conn: AsyncConnection, *, tenant: str, key: str | None, verdict: str, action: str, score: float,
                       evidence: list[str], samples: list[str], campaign: dict[str, Any] | None,
                       clear_offset: float | None = None) -> str:
    """Open an alert for the tenant, or refresh its open one; returns the alert id."""
    return (await upsert_alerts(conn, [Draft(tenant, key, verdict, action, score, evidence, samples, campaign,
                                             clear_offset)]))[0]


async def upsert_alerts(conn: AsyncConnection, drafts: list[Draft]) -> list[str]:
    """Open an alert for each tenant, or refresh its open one (one draft per tenant); returns the
    alert ids in order. A few statements per 500: a newly linked campaign raises thousands at once."""
    now = _now()
    open_id = {a["tenant_id"]: a["id"] for a in await _open_alerts_of(conn, [d.tenant for d in drafts])}
    ids: list[str] = []
    fresh: list[dict[str, Any]] = []
    again: list[dict[str, Any]] = []
    opened: list[trail.Entry] = []
    for d in drafts:
        values = {"key_id": d.key, "verdict": d.verdict, "action": d.action, "score": d.score, "evidence": d.evidence,
                  "samples": d.samples, "campaign": d.campaign, "clear_offset": d.clear_offset, "updated_at": now}
        known = open_id.get(d.tenant)
        if known is not None:
            ids.append(known)
            again.append({f"b_{k}": v for k, v in values.items()} | {"b_id": known})
            continue
        alert_id = f"alr_{secrets.token_hex(8)}"
        ids.append(alert_id)
        fresh.append({"id": alert_id, "tenant_id": d.tenant, "status": "open", "created_at": now, **values})
        opened.append(trail.Entry("monitor", "monitor.alert.open", f"tenant:{d.tenant}",
                                  after={"alert": alert_id, "verdict": d.verdict, "action": d.action, "score": d.score},
                                  reason="; ".join(d.evidence[:3]) or None))
    if again:
        columns = ("key_id", "verdict", "action", "score", "evidence", "samples", "campaign", "clear_offset", "updated_at")
        await conn.execute(update(monitor_alerts).where(monitor_alerts.c.id == bindparam("b_id")).values(
            {c: bindparam(f"b_{c}") for c in columns}), again)
    if fresh:
        await conn.execute(monitor_alerts.insert(), fresh)
    await trail.record_many(conn, opened)
    return ids


async def list_alerts(conn: AsyncConnection, *, status: str | None = "open", limit: int = 100,
                      campaign: str | None = None) -> list[dict[str, Any]]:
    """Alerts, riskiest first; `campaign`: only those of the campaign's current members."""
    q = select(monitor_alerts).order_by(monitor_alerts.c.score.desc(), monitor_alerts.c.created_at).limit(limit)
    if status is not None:
        q = q.where(monitor_alerts.c.status == status)
    if campaign is not None:
        q = q.where(monitor_alerts.c.tenant_id.in_(select(monitor_campaign_members.c.tenant_id).where(
            monitor_campaign_members.c.campaign_id == campaign)))
    return [_alert(r) for r in await conn.execute(q)]


async def campaign_queue(conn: AsyncConnection, *, status: str | None = "open", limit: int = 100) -> list[dict[str, Any]]:
    """The queue by campaign: one row per campaign whose current members have alerts (with
    `status`), riskiest first: how many alerts and members, the highest score, and that alert's id
    and tenant (work the campaign from it: `confirm` or `clear` with scope "campaign"). A campaign
    of thousands of accounts is thousands of alerts in `list_alerts`, one row here."""
    a, m = monitor_alerts, monitor_campaign_members
    joined = a.join(m, a.c.tenant_id == m.c.tenant_id)
    score = func.max(a.c.score)
    count = func.count(a.c.id)
    q = (select(m.c.campaign_id, count.label("alerts"), score.label("score"),
                func.min(a.c.created_at).label("first_alert_at"), func.max(a.c.updated_at).label("updated_at"))
         .select_from(joined).group_by(m.c.campaign_id).order_by(score.desc(), count.desc(), m.c.campaign_id)
         .limit(limit))
    if status is not None:
        q = q.where(a.c.status == status)
    rows = [_alert(r) for r in await conn.execute(q)]
    members: dict[str, int] = {}
    top: dict[str, tuple[str, str]] = {}
    ids = [r["campaign_id"] for r in rows]
    for part in in_lists(ids):
        for c in await conn.execute(select(m.c.campaign_id, func.count().label("n"))
                                    .where(among(m.c.campaign_id, part)).group_by(m.c.campaign_id)):
            members[c.campaign_id] = int(c.n)
        rank = func.row_number().over(partition_by=m.c.campaign_id, order_by=(a.c.score.desc(), a.c.created_at, a.c.id))
        ranked = select(m.c.campaign_id, a.c.id, a.c.tenant_id, rank.label("rank")).select_from(joined).where(
            among(m.c.campaign_id, part))
        if status is not None:
            ranked = ranked.where(a.c.status == status)
        sub = ranked.subquery()
        for t in await conn.execute(select(sub.c.campaign_id, sub.c.id, sub.c.tenant_id).where(sub.c.rank == 1)):
            top[t.campaign_id] = (t.id, t.tenant_id)
    for row in rows:
        row["members"] = members.get(row["campaign_id"], 0)
        row["top_alert"], row["top_tenant"] = top.get(row["campaign_id"], ("", ""))
    return rows


async def get_alert(conn: AsyncConnection, alert_id: str) -> dict[str, Any]:
    row = (await conn.execute(select(monitor_alerts).where(monitor_alerts.c.id == alert_id))).first()
    if row is None:
        raise NotFound(f"No alert {alert_id!r}.", param="alert")
    return _alert(row)


async def _resolve(conn: AsyncConnection, alert: dict[str, Any], status: str, actor: str, note: str | None) -> None:
    if alert["status"] != "open":
        raise InvalidRequest(f"Alert {alert['id']} is already {alert['status']}.", param="alert")
    await conn.execute(update(monitor_alerts).where(monitor_alerts.c.id == alert["id"]).values(
        status=status, resolved_by=actor, resolution=note, updated_at=_now()))


async def clear_alert(conn: AsyncConnection, alert_id: str, *, actor: str, note: str | None = None,
                      scope: str = "tenant") -> dict[str, Any]:
    """A false alarm: close it, lift the tenant's enforcement, and teach its baseline. With
    `scope="campaign"` every open alert of the tenant's campaign is cleared the same way (the
    link itself was the false alarm); the result then names the campaign and how many were cleared."""
    if scope not in ("tenant", "campaign"):
        raise InvalidRequest("scope must be 'tenant' or 'campaign'.", param="scope")
    alert = await get_alert(conn, alert_id)
    if alert["status"] != "open":
        raise InvalidRequest(f"Alert {alert_id} is already {alert['status']}.", param="alert")
    if scope == "tenant":
        await _clear(conn, [alert], actor, note)
        return await get_alert(conn, alert_id)
    campaign, members = await _campaign_of_alert(conn, alert)
    others = [a for a in await _open_alerts_of(conn, members) if a["id"] != alert_id]
    await _clear(conn, [alert, *others], actor, note)
    await trail.record(conn, actor=actor, action="monitor.campaign.clear", target=f"campaign:{campaign}",
                       after={"alert": alert_id, "alerts_cleared": 1 + len(others), "tenants": len(members)},
                       reason=note)
    out = await get_alert(conn, alert_id)
    return {**out, "campaign_resolution": {"campaign": campaign, "tenants": len(members), "alerts": 1 + len(others)}}


async def _clear(conn: AsyncConnection, alerts: list[dict[str, Any]], actor: str, note: str | None) -> None:
    """Clear open alerts: each one closed, its tenant's baseline taught (see `BASELINE_STEP`), its
    tenant's and key's enforcement lifted, and audited; a few statements per 500 alerts."""
    now = _now()
    ids = [a["id"] for a in alerts]
    for part in in_lists(ids):
        await conn.execute(update(monitor_alerts).where(among(monitor_alerts.c.id, part)).values(
            status="cleared", resolved_by=actor, resolution=note, updated_at=now))
    tenants = list(dict.fromkeys(a["tenant_id"] for a in alerts))
    known: dict[str, tuple[float, int]] = {}
    for part in in_lists(tenants):
        rows = await conn.execute(select(monitor_baselines).where(among(monitor_baselines.c.tenant_id, part)))
        known.update({r.tenant_id: (float(r.offset), int(r.cleared)) for r in rows})
    taught = dict(known)
    entries: list[trail.Entry] = []
    subjects: list[str] = []
    for a in alerts:
        tenant = a["tenant_id"]
        offset, cleared = taught.get(tenant, (0.0, 0))
        step = BASELINE_STEP if a["clear_offset"] is None else float(a["clear_offset"])
        taught[tenant] = offset, cleared = min(_MAX_OFFSET, offset + step), cleared + 1
        subjects += [f"tenant:{tenant}"] + ([f"key:{a['key_id']}"] if a["key_id"] else [])
        entries.append(trail.Entry(actor, "monitor.alert.clear", f"tenant:{tenant}",
                                   {"alert": a["id"], "status": "open", "action": a["action"]},
                                   {"status": "cleared", "baseline_offset": offset}, note))
    fresh = [{"tenant_id": t, "offset": o, "cleared": c, "updated_at": now} for t, (o, c) in taught.items() if t not in known]
    if fresh:
        await conn.execute(monitor_baselines.insert(), fresh)
    again = [{"b_tenant": t, "b_offset": o, "b_cleared": c} for t, (o, c) in taught.items() if t in known]
    if again:
        await conn.execute(update(monitor_baselines).where(monitor_baselines.c.tenant_id == bindparam("b_tenant")).values(
            offset=bindparam("b_offset"), cleared=bindparam("b_cleared"), updated_at=now), again)
    for part in in_lists(subjects):
        await conn.execute(delete(monitor_decisions).where(among(monitor_decisions.c.subject, part)))
    await trail.record_many(conn, entries)
    await bump(conn, "enforcement")


async def confirm_alert(conn: AsyncConnection, alert_id: str, *, actor: str, note: str | None = None,
                        scope: str = "key") -> dict[str, Any]:
    """Misuse confirmed: close it and suspend the flagged key (`scope="key"`), the tenant, or every
    tenant of the tenant's campaign (`scope="campaign"`, closing their open alerts too)."""
    from gatehouse.tenancy.keys import suspend_key
    from gatehouse.tenancy.service import suspend_tenant

    if scope not in ("key", "tenant", "campaign"):
        raise InvalidRequest("scope must be 'key', 'tenant' or 'campaign'.", param="scope")
    alert = await get_alert(conn, alert_id)
    if scope == "campaign":
        return await _confirm_campaign(conn, alert, actor=actor, note=note)
    await _resolve(conn, alert, "confirmed", actor, note)
    reason = f"monitor alert {alert_id} confirmed" + (f": {note}" if note else "")
    if scope == "tenant" or not alert["key_id"]:
        await suspend_tenant(conn, alert["tenant_id"], actor=actor, reason=reason)
        target = f"tenant:{alert['tenant_id']}"
    else:
        await suspend_key(conn, alert["key_id"], actor=actor, reason=reason)
        target = f"key:{alert['key_id']}"
    await trail.record(conn, actor=actor, action="monitor.alert.confirm", target=target,
                       before={"alert": alert_id, "status": "open"}, after={"status": "confirmed", "suspended": target},
                       reason=note)
    return await get_alert(conn, alert_id)


async def set_decision(conn: AsyncConnection, subject: str, action: str, score: float, reason: str,
                       *, actor: str = "monitor") -> bool:
    """Record an enforcement decision ("allow" removes it); audited. True if it changed."""
    row = (await conn.execute(select(monitor_decisions).where(monitor_decisions.c.subject == subject))).first()
    before = row.action if row else "allow"
    if before == action:
        if row is not None:
            await conn.execute(update(monitor_decisions).where(monitor_decisions.c.subject == subject).values(
                score=score, updated_at=_now()))
        return False
    if action == "allow":
        await conn.execute(delete(monitor_decisions).where(monitor_decisions.c.subject == subject))
    elif row is None:
        await conn.execute(monitor_decisions.insert().values(subject=subject, action=action, score=score, reason=reason,
                                                             updated_at=_now()))
    else:
        await conn.execute(update(monitor_decisions).where(monitor_decisions.c.subject == subject).values(
            action=action, score=score, reason=reason, updated_at=_now()))
    await trail.record(conn, actor=actor, action="monitor.enforce", target=subject,
                       before={"action": before}, after={"action": action, "score": round(score, 4)}, reason=reason)
    await bump(conn, "enforcement")
    return True


async def load_decisions(conn: AsyncConnection) -> dict[str, str]:
    return {r.subject: r.action for r in await conn.execute(select(monitor_decisions.c.subject, monitor_decisions.c.action))}


async def load_baselines(conn: AsyncConnection) -> dict[str, float]:
    return {r.tenant_id: float(r.offset) for r in await conn.execute(select(monitor_baselines.c.tenant_id, monitor_baselines.c.offset))}


async def _confirm_campaign(conn: AsyncConnection, alert: dict[str, Any], *, actor: str,
                            note: str | None) -> dict[str, Any]:
    from gatehouse.tenancy.service import suspend_tenants

    campaign, members = await _campaign_of_alert(conn, alert)
    await _resolve(conn, alert, "confirmed", actor, note)
    reason = f"monitor alert {alert['id']} confirmed for campaign {campaign}" + (f": {note}" if note else "")
    # members already suspended, terminated, or not tenants here are skipped
    done, skipped = await suspend_tenants(conn, members, actor=actor, reason=reason)
    suspended = len(done)
    others = [a["id"] for a in await _open_alerts_of(conn, members) if a["id"] != alert["id"]]
    for part in in_lists(others):
        await conn.execute(update(monitor_alerts).where(among(monitor_alerts.c.id, part)).values(
            status="confirmed", resolved_by=actor, resolution=f"with campaign {campaign} ({alert['id']})",
            updated_at=_now()))
    await trail.record(conn, actor=actor, action="monitor.campaign.confirm", target=f"campaign:{campaign}",
                       before={"alert": alert["id"], "status": "open"},
                       after={"status": "confirmed", "tenants": len(members), "suspended": suspended,
                              "skipped": len(skipped), "alerts_confirmed": 1 + len(others)}, reason=note)
    out = await get_alert(conn, alert["id"])
    return {**out, "campaign_resolution": {"campaign": campaign, "tenants": len(members), "suspended": suspended,
                                           "skipped": skipped[:20], "alerts": 1 + len(others)}}


async def _campaign_of_alert(conn: AsyncConnection, alert: dict[str, Any]) -> tuple[str, list[str]]:
    """(campaign id, every member) of the alert's tenant: its campaign now, as the live monitor
    last wrote it, else the one the alert recorded (then only the members it listed)."""
    tenant = alert["tenant_id"]
    row = (await conn.execute(select(monitor_campaign_members.c.campaign_id).where(
        monitor_campaign_members.c.tenant_id == tenant))).first()
    if row is not None:
        return str(row.campaign_id), await campaign_members(conn, str(row.campaign_id))
    recorded = alert.get("campaign") or {}
    if not recorded.get("id"):
        raise InvalidRequest(f"Tenant {tenant} is in no campaign; confirm or clear its alert alone.", param="scope")
    return str(recorded["id"]), sorted(set(recorded.get("tenants") or []) | {tenant})


async def _open_alerts_of(conn: AsyncConnection, tenants: list[str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for part in in_lists(tenants):
        # by tenant only, status checked here: with "status = 'open'" in the query PostgreSQL may scan
        # the status index when its statistics predate a burst of alerts (a campaign's, just opened)
        rows = await conn.execute(select(monitor_alerts).where(among(monitor_alerts.c.tenant_id, part)))
        out.extend(_alert(r) for r in rows if r.status == "open")
    return sorted(out, key=lambda a: a["id"])


async def campaign_members(conn: AsyncConnection, campaign: str) -> list[str]:
    rows = await conn.execute(select(monitor_campaign_members.c.tenant_id).where(
        monitor_campaign_members.c.campaign_id == campaign).order_by(monitor_campaign_members.c.tenant_id))
    return [r.tenant_id for r in rows]


async def save_campaign_members(conn: AsyncConnection, changed: dict[str, tuple[str, float]], gone: list[str]) -> None:
    """Record each changed tenant's campaign (tenant -> (campaign id, score)) and forget the
    tenants in `gone`, which are linked no more."""
    now = _now()
    drop = sorted(set(gone) | set(changed))
    for part in in_lists(drop):
        await conn.execute(delete(monitor_campaign_members).where(among(monitor_campaign_members.c.tenant_id, part)))
    rows = [{"tenant_id": t, "campaign_id": c, "score": sc, "updated_at": now} for t, (c, sc) in sorted(changed.items())]
    for batch in in_lists(rows):
        await conn.execute(monitor_campaign_members.insert(), batch)
