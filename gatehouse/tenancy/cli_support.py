"""What the governance CLI commands share: the acting identity, one transaction on the
configured store, and waking the gateways after a commit."""

from __future__ import annotations

import getpass
import os
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta, timezone

from sqlalchemy.ext.asyncio import AsyncConnection

from gatehouse.cli.common import open_store
from gatehouse.config import GatehouseConfig
from gatehouse.errors import InvalidRequest
from gatehouse.tenancy.notify import publish

__all__ = ["cli_actor", "transaction", "reading", "parse_when"]

_DURATION = re.compile(r"^(\d+)\s*([smhdw])$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def cli_actor() -> str:
    """`cli:<os user>`, or GATEHOUSE_ACTOR when a script names who acts."""
    explicit = os.environ.get("GATEHOUSE_ACTOR")
    if explicit:
        return explicit
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:
        return "cli:unknown"


@asynccontextmanager
async def transaction(cfg: GatehouseConfig) -> AsyncIterator[AsyncConnection]:
    """One transaction on the deployment's (migrated) store; gateways are woken after commit."""
    async with open_store(cfg) as store, store.engine.begin() as conn:
        yield conn
    await publish(redis_url=cfg.redis_url)


@asynccontextmanager
async def reading(cfg: GatehouseConfig) -> AsyncIterator[AsyncConnection]:
    async with open_store(cfg) as store, store.engine.connect() as conn:
        yield conn


def parse_when(value: str | None, param: str) -> datetime | None:
    """An ISO date/time (UTC unless given) or a duration from now like 30d, 12h, 90m."""
    if not value:
        return None
    m = _DURATION.match(value.strip())
    if m:
        return datetime.now(timezone.utc) + timedelta(seconds=int(m.group(1)) * _UNITS[m.group(2)])
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidRequest(f"--{param}: {value!r} is neither a date/time (2026-01-31) nor a duration (30d)",
                             param=param) from None
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)
