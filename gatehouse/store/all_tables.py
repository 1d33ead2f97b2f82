"""Imports every module that defines tables, so that `metadata` knows them all."""

import gatehouse.store.tables  # noqa: F401

__all__: list[str] = []
