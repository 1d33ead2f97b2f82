"""Wake every gateway at once after a committed change (the 0.25 s poll is the fallback)."""

from __future__ import annotations

import logging
from typing import Any

from gatehouse.store.signals import CHANNEL

__all__ = ["publish"]

log = logging.getLogger("gatehouse.tenancy")


async def publish(*, redis: Any = None, redis_url: str | None = None, name: str = "changed") -> None:
    """Publish on the signals channel using a live client or a URL; failures are logged only."""
    try:
        if redis is not None:
            await redis.publish(CHANNEL, name)
            return
        if redis_url:
            import redis.asyncio as aioredis

            client = aioredis.from_url(redis_url)
            try:
                await client.publish(CHANNEL, name)
            finally:
                await client.aclose()
    except Exception as exc:  # the poll still delivers the change within a second
        log.warning("could not publish the change signal on Redis: %s", type(exc).__name__)
