"""First start: an admin key, and on the embedded defaults a demo tenant with a key.

Secrets are printed once (by `serve`) and stored only as hashes. `GATEHOUSE_ADMIN_KEY`
and `GATEHOUSE_DEMO_KEY` let scripts choose them instead.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import select

from gatehouse.config import GatehouseConfig
from gatehouse.store.db import Store
from gatehouse.store.signals import bump
from gatehouse.store.tables import admin_keys, api_keys, tenants
from gatehouse.tenancy.secrets import hash_secret, new_secret, visible_prefix

__all__ = ["BootstrapResult", "bootstrap", "DEMO_TENANT_ID"]

DEMO_TENANT_ID = "tnt_demo"
DEMO_KEY_ID = "key_demo"
BOOTSTRAP_ADMIN_ID = "adm_bootstrap"


@dataclass
class BootstrapResult:
    admin_key: str | None = None  # set only when newly generated (to print once)
    demo_key: str | None = None
    demo_tenant_id: str | None = None


async def bootstrap(store: Store, cfg: GatehouseConfig) -> BootstrapResult:
    out = BootstrapResult()
    now = datetime.now(timezone.utc)
    env_admin = os.environ.get("GATEHOUSE_ADMIN_KEY")
    env_demo = os.environ.get("GATEHOUSE_DEMO_KEY")
    async with store.engine.begin() as conn:
        admin = (await conn.execute(select(admin_keys.c.hash).where(admin_keys.c.id == BOOTSTRAP_ADMIN_ID))).first()
        if env_admin:
            h = hash_secret(env_admin)
            if admin is None:
                await conn.execute(admin_keys.insert().values(
                    id=BOOTSTRAP_ADMIN_ID, name="bootstrap", role="admin", prefix=visible_prefix(env_admin),
                    hash=h, created_at=now))
            elif admin.hash != h:
                await conn.execute(admin_keys.update().where(admin_keys.c.id == BOOTSTRAP_ADMIN_ID).values(
                    hash=h, prefix=visible_prefix(env_admin), revoked_at=None))
        elif admin is None:
            secret = new_secret("admin")
            await conn.execute(admin_keys.insert().values(
                id=BOOTSTRAP_ADMIN_ID, name="bootstrap", role="admin", prefix=visible_prefix(secret),
                hash=hash_secret(secret), created_at=now))
            out.admin_key = secret

        if not cfg.bootstrap.demo_tenant:
            return out
        out.demo_tenant_id = DEMO_TENANT_ID
        tenant = (await conn.execute(select(tenants.c.id).where(tenants.c.id == DEMO_TENANT_ID))).first()
        if tenant is None:
            await conn.execute(tenants.insert().values(
                id=DEMO_TENANT_ID, name=cfg.bootstrap.demo_tenant_name, jurisdiction=cfg.bootstrap.demo_jurisdiction,
                entity_type="enterprise", status="verified", aliases=[], contacts=[], billing={},
                registration_number=None, created_at=now, updated_at=now))
            await bump(conn, "tenants")
        key = (await conn.execute(select(api_keys.c.hash).where(api_keys.c.id == DEMO_KEY_ID))).first()
        if env_demo:
            h = hash_secret(env_demo)
            if key is None:
                await conn.execute(api_keys.insert().values(
                    id=DEMO_KEY_ID, tenant_id=DEMO_TENANT_ID, name="demo", prefix=visible_prefix(env_demo), hash=h,
                    scopes=[], created_at=now))
                await bump(conn, "keys")
            elif key.hash != h:
                await conn.execute(api_keys.update().where(api_keys.c.id == DEMO_KEY_ID).values(
                    hash=h, prefix=visible_prefix(env_demo), revoked_at=None, grace_until=None))
                await bump(conn, "keys")
        elif key is None:
            secret = new_secret("api")
            await conn.execute(api_keys.insert().values(
                id=DEMO_KEY_ID, tenant_id=DEMO_TENANT_ID, name="demo", prefix=visible_prefix(secret),
                hash=hash_secret(secret), scopes=[], created_at=now))
            await bump(conn, "keys")
            out.demo_key = secret
    return out


