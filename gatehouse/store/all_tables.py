"""Imports every module that defines tables, so that `metadata` knows them all."""

import gatehouse.store.tables  # noqa: F401
import gatehouse.metering.tables  # noqa: F401  (metering: ledger, daily rollup)
import gatehouse.tenancy.tables  # noqa: F401  (governance: audit, tenant events)
import gatehouse.provenance.tables  # noqa: F401  (provenance: response fingerprints)
import gatehouse.monitor.tables  # noqa: F401  (monitor: alerts, decisions, baselines)

__all__: list[str] = []
