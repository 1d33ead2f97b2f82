"""What every command shares: --config, --json, output as tables or JSON, and errors."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import wraps
from typing import Any, TypeVar

import click
import orjson

from gatehouse.config import ConfigError, GatehouseConfig, load_config

__all__ = [
    "config_option",
    "json_option",
    "run",
    "emit",
    "table",
    "fail",
    "load",
    "open_store",
    "dumps",
]

T = TypeVar("T")


def _default(obj: Any) -> Any:
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, (set, frozenset)):
        return sorted(obj)
    raise TypeError


def dumps(obj: Any) -> str:
    """JSON for people and scripts alike: datetimes as RFC 3339, Decimals as strings."""
    return orjson.dumps(obj, default=_default, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode()


def config_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--config", "config_path", type=click.Path(dir_okay=False), default=None, envvar="GATEHOUSE_CONFIG",
        help="Config file (YAML). Default: the embedded defaults under ./.gatehouse/.",
    )(f)


def json_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead of a table.")(f)


def limit_option(default: int, maximum: int | None = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`--limit N`: how many rows to print, at least 1 (and at most `maximum`); anything else is
    refused with a usage error rather than read as "all" or passed to the database."""
    return click.option("--limit", type=click.IntRange(min=1, max=maximum), default=default, show_default=True,
                        help="How many rows to print.")


def fail(message: str, code: int = 1) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def load(config_path: str | None) -> GatehouseConfig:
    try:
        return load_config(config_path)
    except ConfigError as exc:
        fail(str(exc), 2)
        raise  # unreachable


def run(coro: Coroutine[Any, Any, T]) -> T:
    """Run a command's coroutine; GatehouseError and ConfigError become a message and exit 1."""
    from gatehouse.errors import GatehouseError

    try:
        return asyncio.run(coro)
    except GatehouseError as exc:
        fail(exc.message)
    except ConfigError as exc:
        fail(str(exc), 2)
    raise AssertionError("unreachable")


def open_store(cfg: GatehouseConfig) -> Any:
    """An async context manager yielding a migrated Store for the config's database."""
    from contextlib import asynccontextmanager

    from gatehouse.store.db import Store

    @asynccontextmanager
    async def cm() -> Any:
        store = Store(cfg.store.url)
        try:
            await store.migrate()
            yield store
        finally:
            await store.aclose()

    return cm()


def _cell(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, (list, tuple, set, frozenset)):
        return ", ".join(map(str, v)) or "-"
    return str(v)


def table(rows: Iterable[dict[str, Any]], columns: Sequence[str], title: str | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(title=title, header_style="bold", box=None, pad_edge=False)
    for c in columns:
        t.add_column(c.upper().replace("_", " "))
    n = 0
    for r in rows:
        t.add_row(*(_cell(r.get(c)) for c in columns))
        n += 1
    console = Console(soft_wrap=True)
    if n == 0:
        console.print("(none)")
    else:
        console.print(t)


def emit(data: Any, as_json: bool, human: Callable[[Any], None] | None = None) -> None:
    """Print data as one JSON document (--json) or for people."""
    if as_json or human is None:
        click.echo(dumps(data))
    else:
        human(data)


def async_command(f: Callable[..., Awaitable[Any]]) -> Callable[..., Any]:
    @wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return run(f(*args, **kwargs))  # type: ignore[arg-type]

    return wrapper


__all__.append("async_command")
