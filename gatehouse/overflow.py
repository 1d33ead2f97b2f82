"""Overflow of the bounded in-memory queues that carry work off the response path.

The request path never waits on off-path work (batched database writes, monitor features,
response fingerprints): when such a queue is full the new item is dropped. A drop must not
be silent, so every queue owner keeps one `Overflow`, which counts the drops, logs an error
at most once a minute, and is exported as metrics (`Overflow.live`, read by
`gatehouse.metering.metrics`): `gatehouse_queue_items{queue}` and
`gatehouse_queue_dropped_total{queue}`.
"""

from __future__ import annotations

import logging
import time
import weakref
from collections.abc import Sized
from typing import ClassVar

__all__ = ["Overflow"]


class Overflow:
    live: ClassVar[weakref.WeakSet[Overflow]] = weakref.WeakSet()
    LOG_EVERY_S: ClassVar[float] = 60.0

    def __init__(self, queue: str, items: Sized, capacity: int, log: logging.Logger, consequence: str) -> None:
        """`queue` names the queue in logs and metrics and `items` is the queue itself (only its
        length is read; holding it rather than its owner lets the owner be freed at once);
        `consequence` says in the log what a dropped item means ("its rows are not written")."""
        self.queue = queue
        self.capacity = capacity
        self._items = items
        self.dropped = 0
        self._log = log
        self._consequence = consequence
        self._logged = float("-inf")
        Overflow.live.add(self)

    def depth(self) -> int:
        return len(self._items)

    def drop(self) -> None:
        """Count one item dropped because the queue was full."""
        self.dropped += 1
        now = time.monotonic()
        if now - self._logged >= self.LOG_EVERY_S:
            self._logged = now
            self._log.error("the %s queue is full (%d items; its consumer is not keeping up) and %s: "
                            "%d dropped so far", self.queue, self.capacity, self._consequence, self.dropped)
