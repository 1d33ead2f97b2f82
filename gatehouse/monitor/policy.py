"""The `monitor` config section and the enforcement policy: score/signal -> action.

    monitor:
      enabled: true
      scorer_interval_s: 30          # periodic scoring and campaign linking
      thresholds: {watch: 0.35, review: 0.65, block: 0.9, min_requests: 20}
      actions: {watch: watch, review: review, block: block}   # verdict -> action
      signals:                        # extra rules on single signals
        - {signal: sampling_sweep, min: 0.9, action: throttle}
      throttle: {requests_per_minute: 10}
      review_suspends_key: false      # a review alert also suspends the key
      checkpoint_interval_s: 300      # learned state saved to the store (and at shutdown); 0: never
      checkpoint_name: default        # one per replica that sees its own share of tenants
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from gatehouse.monitor.engine import Settings
from gatehouse.monitor.scorer import Thresholds
from gatehouse.monitor.signals import SIGNALS

__all__ = ["Action", "ACTIONS", "MonitorConfig", "SignalRule", "decide", "load_monitor_config", "stronger"]

Action = Literal["allow", "watch", "throttle", "review", "block"]
ACTIONS: tuple[str, ...] = ("allow", "watch", "throttle", "review", "block")


class SignalRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    signal: str
    min: float = Field(ge=0.0, le=1.0)
    action: Action

    def model_post_init(self, _: Any) -> None:
        if self.signal not in SIGNALS:
            raise ValueError(f"unknown signal {self.signal!r} (known: {', '.join(SIGNALS)})")


class ThresholdModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    watch: float = 0.35
    review: float = 0.65
    block: float = 0.9
    min_requests: int = 20


class ThrottleModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    requests_per_minute: int = Field(default=10, ge=1)


def _default_actions() -> dict[str, Action]:
    return {"watch": "watch", "review": "review", "block": "block"}


class MonitorConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    enabled: bool = True
    scorer_interval_s: float = Field(default=30.0, gt=0)
    thresholds: ThresholdModel = ThresholdModel()
    actions: dict[str, Action] = Field(default_factory=_default_actions)
    signals: list[SignalRule] = Field(default_factory=list)
    throttle: ThrottleModel = ThrottleModel()
    review_suspends_key: bool = False
    campaign_min_score: float = 0.7
    # also link accounts that share only wording and hours (campaigns on residential proxies with a
    # client per account); false links only by shared infrastructure, billing and client
    link_by_wording: bool = True
    queue_max: int = 200_000
    # what the monitor has learned is checkpointed to the store this often and at shutdown, and
    # restored on start (0: never); replicas that each see their own share of tenants name theirs
    checkpoint_interval_s: float = Field(default=300.0, ge=0)
    checkpoint_name: str = Field(default="default", min_length=1, max_length=60)

    def settings(self) -> Settings:
        t = self.thresholds
        return Settings(thresholds=Thresholds(t.watch, t.review, t.block, t.min_requests),
                        campaign_min_score=self.campaign_min_score, tick_seconds=float("inf"),
                        link_by_wording=self.link_by_wording)


def load_monitor_config(raw: Any) -> MonitorConfig:
    """Validate the raw `monitor` section (None: defaults); raises ValueError with the path."""
    if raw is None:
        return MonitorConfig()
    try:
        return MonitorConfig.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ValueError(f"monitor.{where}: {first['msg']}") from exc


def stronger(a: str, b: str) -> str:
    return a if ACTIONS.index(a) >= ACTIONS.index(b) else b


def decide(cfg: MonitorConfig, verdict: str, signals: dict[str, float]) -> tuple[str, str]:
    """(action, reason) for one subject's verdict and signal values."""
    action = cfg.actions.get(verdict, "allow") if verdict != "allow" else "allow"
    reason = f"verdict {verdict}"
    for rule in cfg.signals:
        v = signals.get(rule.signal, 0.0)
        if v >= rule.min and ACTIONS.index(rule.action) > ACTIONS.index(action):
            action, reason = rule.action, f"{rule.signal}={v:.2f} >= {rule.min}"
    return action, reason
