"""The `gatehouse` entry point. Each noun lives in its own module, imported only when used."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from typing import Any

import click

__all__ = ["cli", "main", "COMMANDS"]

# name -> "module:attribute"; a new noun is one module plus one line here.
COMMANDS: dict[str, str] = {
    "serve": "gatehouse.cli.serve:serve",
    "traffic": "gatehouse.cli.traffic:traffic",
    "tenants": "gatehouse.cli.tenants:tenants",
    "keys": "gatehouse.cli.keys:keys",
    "policy": "gatehouse.cli.policy:policy",
    "audit": "gatehouse.cli.audit:audit",
    "billing": "gatehouse.cli.billing:billing",
    "report": "gatehouse.cli.report:report",
    "alerts": "gatehouse.cli.alerts:alerts",
    "detect": "gatehouse.cli.detect:detect",
    "provenance": "gatehouse.cli.provenance:provenance",
}

_HELP = {
    "serve": "Run the gateway.",
    "traffic": "Export and simulate traffic traces.",
    "tenants": "Create, vet, suspend and inspect tenants.",
    "keys": "Create, list, rotate and revoke API keys.",
    "policy": "Check and explain catalogue policy.",
    "audit": "Verify and export the tamper-evident audit trail.",
    "billing": "Invoices and ledger.",
    "report": "Revenue and usage reports.",
    "alerts": "Work the trust-and-safety alert queue.",
    "detect": "Score a traffic trace for distillation and misuse.",
    "provenance": "Trace leaked text back to the tenant who received it.",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(n for n in COMMANDS if _available(n))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name == module:
                return None
            raise
        cmd: click.Command = getattr(mod, attr)
        return cmd

    def format_commands(self, ctx: click.Context, formatter: Any) -> None:
        rows = [(n, _HELP.get(n, "")) for n in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _available(name: str) -> bool:
    return importlib.util.find_spec(COMMANDS[name].split(":")[0]) is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gatehouse")
def cli() -> None:
    """Gatehouse: a governed, OpenAI-compatible gateway to AI models.

    \b
    Start on the embedded defaults (SQLite under ./.gatehouse, simulator provider):
      gatehouse serve
    Start with a config file:
      gatehouse serve --config examples/operator.yaml --port 8080

    Every command that prints data takes --json and then prints one JSON document.
    Commands that act on a deployment take the same --config FILE as `serve`.
    """


def main() -> None:
    import importlib.util  # noqa: F401  (used by _available)

    try:
        cli.main(prog_name="gatehouse", standalone_mode=True)
    except KeyboardInterrupt:
        sys.exit(130)
