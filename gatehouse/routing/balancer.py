"""Per-deployment health: in-flight counts and a circuit breaker with cool-down."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from gatehouse.providers.base import Deployment

__all__ = ["DeploymentHealth", "Balancer"]


@dataclass(slots=True)
class DeploymentHealth:
    in_flight: int = 0
    consecutive_failures: int = 0
    open_until: float = 0.0


class Balancer:
    """Chooses among deployments by priority, then weight and least in-flight requests."""

    def __init__(self, failure_threshold: int, cooldown_s: float, rng: random.Random | None = None) -> None:
        self._threshold = failure_threshold
        self._cooldown = cooldown_s
        self._health: dict[str, DeploymentHealth] = {}
        self._rng = rng or random.Random()

    def health(self, dep: Deployment) -> DeploymentHealth:
        h = self._health.get(dep.id)
        if h is None:
            h = self._health[dep.id] = DeploymentHealth()
        return h

    def available(self, dep: Deployment, now: float) -> bool:
        return self.health(dep).open_until <= now

    def pick(self, candidates: list[Deployment], exclude: set[str]) -> Deployment | None:
        now = time.monotonic()
        usable = [d for d in candidates if d.id not in exclude and self.available(d, now)]
        if not usable:
            return None
        best_priority = min(d.priority for d in usable)
        group = [d for d in usable if d.priority == best_priority]
        if len(group) == 1:
            return group[0]
        # Load per unit of weight; ties (the common idle case) broken by weighted draw.
        loads = [self.health(d).in_flight / d.weight for d in group]
        low = min(loads)
        tied = [d for d, load in zip(group, loads) if load == low]
        if len(tied) == 1:
            return tied[0]
        return self._rng.choices(tied, weights=[d.weight for d in tied])[0]

    def started(self, dep: Deployment) -> None:
        self.health(dep).in_flight += 1

    def finished(self, dep: Deployment) -> None:
        self.health(dep).in_flight -= 1

    def succeeded(self, dep: Deployment) -> None:
        h = self.health(dep)
        h.consecutive_failures = 0
        h.open_until = 0.0

    def failed(self, dep: Deployment) -> None:
        h = self.health(dep)
        h.consecutive_failures += 1
        if h.consecutive_failures >= self._threshold:
            h.open_until = time.monotonic() + self._cooldown
