"""Distillation and misuse monitoring.

One feature and scoring core serves both paths:

- offline, `gatehouse detect TRACE` replays a traffic trace in time order (`report.py`);
- live, a record sink feeds the same `Monitor` off the response path (`live.py`) and a guard
  applies the enforcement decisions it publishes (`enforce.py`).

Modules: `text` (tokenising, hashing, lexicons), `features` (one request -> `Features`),
`state` (per-key/tenant compact sketches), `signals` (state -> named signal values with
evidence), `scorer` (signals -> score and verdict), cross-tenant linking (`linker` finds and
judges buckets of accounts that share content and infrastructure, `grouping` makes campaigns of
them, `synchrony` times them, `campaigns` holds what they share), `kin` (unlinked accounts that
write a campaign's wording), `engine` (`Monitor`: observe, score, first flags), `report`,
`evaluate`, `sim/` (the labeled traffic simulator), `tables`/`alerts` (the analyst queue),
`policy` (enforcement config). The hot ones run compiled when a fresh build is present
(`native`).
"""

from gatehouse.monitor import native

__all__: list[str] = []

native.enable(__path__)
