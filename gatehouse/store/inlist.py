"""Long id lists in `IN (...)`: cut into slices (`in_lists`) and written into the statement
(`among`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, bindparam

__all__ = ["IN_LIST", "in_lists", "among"]

T = TypeVar("T")

IN_LIST = 500  # ids per IN (...) list: SQLite caps the parameters of one statement


def in_lists(ids: Sequence[T]) -> Iterator[Sequence[T]]:
    """Consecutive slices of at most `IN_LIST` ids (none for an empty list)."""
    for i in range(0, len(ids), IN_LIST):
        yield ids[i:i + IN_LIST]


def among(column: ColumnElement[Any], ids: Sequence[Any]) -> ColumnElement[bool]:
    """`column IN (...)` with the ids rendered into the statement as literals. Sent as 500 bound
    parameters, the same statement run a sixth time gets PostgreSQL's generic plan, which tests
    every row against each id in turn: 260 ms instead of 4 ms on 24,000 alerts."""
    return column.in_(bindparam("ids", list(ids), expanding=True, literal_execute=True, unique=True))
