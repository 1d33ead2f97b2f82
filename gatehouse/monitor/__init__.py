"""Distillation and misuse monitoring.

One feature and scoring core serves both paths:

- offline, `gatehouse detect TRACE` replays a traffic trace in time order (`report.py`);
- live, a record sink feeds the same `Monitor` off the response path (`live.py`) and a guard
  applies the enforcement decisions it publishes (`enforce.py`).

Modules: `text` (tokenising, hashing, lexicons), `features` (one request -> `Features`),
`state` (per-key/tenant compact sketches), `signals` (state -> named signal values with
evidence), `scorer` (signals -> score and verdict), `campaigns` (cross-tenant linking),
`engine` (`Monitor`: observe, score, first flags), `report`, `evaluate`, `sim/` (the labeled
traffic simulator), `tables`/`alerts` (the analyst queue), `policy` (enforcement config).
The hot ones run compiled when a fresh build is present (`native`).
"""

from gatehouse.monitor import native

__all__: list[str] = []

native.enable(__path__)
