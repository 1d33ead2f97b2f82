"""Vetting transitions and refusals, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from gatehouse.config import default_config
from gatehouse.errors import InvalidRequest, PermissionDenied
from gatehouse.store.db import Store
from gatehouse.tenancy import keys as keysvc
from gatehouse.tenancy import service
from gatehouse.tenancy.screening import DeniedParty, DeniedPartyList
from gatehouse.tenancy.settings import tenancy_settings
from gatehouse.tenancy.vetting import vet_tenant

SETTINGS = tenancy_settings(default_config())
DENIED = DeniedPartyList([DeniedParty("Northwind Dual-Use Trading Co. Ltd.")])


async def _create(conn, **kw):  # type: ignore[no-untyped-def]
    args = dict(actor="t", name="Acme Widgets Ltd", jurisdiction="US", entity_type="enterprise",
                registration_number="12-3456789", founded_on=date(2010, 1, 1), terms_version="2025-01",
                terms_clauses=["no_distillation"])
    args.update(kw)
    return await service.create_tenant(conn, SETTINGS, **args)


async def test_lifecycle_and_refusals(store_url: str) -> None:
    store = Store(store_url)
    await store.migrate()
    try:
        async with store.engine.begin() as conn:
            t = await _create(conn)
            assert t["status"] == "applied"
            with pytest.raises(PermissionDenied):  # unverified tenants may not hold keys
                await keysvc.create_key(conn, SETTINGS, actor="t", tenant_id=t["id"])
            v = await vet_tenant(conn, SETTINGS, t["id"], actor="rev", approve=True, reason="ok", denied=DENIED)
            assert v["status"] == "verified" and v["failed_checks"] == []
            assert {c["check"]: c["result"] for c in v["checks"]}["screening"] == "pass"
            await service.suspend_tenant(conn, t["id"], actor="rev", reason="abuse")
            with pytest.raises(InvalidRequest):
                await service.suspend_tenant(conn, t["id"], actor="rev", reason="again")
            assert (await service.reinstate_tenant(conn, t["id"], actor="rev", reason="fixed"))["status"] == "verified"
            await service.terminate_tenant(conn, t["id"], actor="rev", reason="contract ended")
            with pytest.raises(InvalidRequest):
                await service.reinstate_tenant(conn, t["id"], actor="rev", reason="no")
            history = await service.tenant_history(conn, t["id"])
            assert [h["to"] for h in history if h["kind"] == "transition"] == [
                "applied", "under_review", "verified", "suspended", "verified", "terminated"]
            assert all(h["actor"] for h in history)
    finally:
        await store.aclose()


async def test_failed_checks_return_the_application(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = Store(f"sqlite+aiosqlite:///{tmp_path}/v.db")
    await store.migrate()
    try:
        async with store.engine.begin() as conn:
            young = await _create(conn, founded_on=date.today() - timedelta(days=30))
            denied = await _create(conn, name="NORTHWIND DUAL USE TRADING LIMITED")
            bad_reg = await _create(conn, jurisdiction="CN", registration_number="91330100MA27AB1C6D")
            no_terms = await _create(conn, terms_version=None)
            for t, check in ((young, "company_age"), (denied, "screening"), (bad_reg, "registration"),
                             (no_terms, "terms")):
                v = await vet_tenant(conn, SETTINGS, t["id"], actor="rev", approve=True, denied=DENIED)
                assert v["status"] == "applied" and check in v["failed_checks"], (check, v["checks"])
            pending = await _create(conn)
            v = await vet_tenant(conn, SETTINGS, pending["id"], actor="rev")
            assert v["status"] == "under_review" and v["decision"] == "pending"
            v = await vet_tenant(conn, SETTINGS, pending["id"], actor="rev", reject=True, reason="no")
            assert v["status"] == "terminated"
            with pytest.raises(PermissionDenied) as exc:
                await _create(conn, entity_type="individual")
            assert exc.value.code == "entity_type_not_allowed" and "Individuals" in exc.value.message
    finally:
        await store.aclose()
