"""`gatehouse detect TRACE`: score a traffic trace for distillation and misuse."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from gatehouse.cli.common import dumps, fail

__all__ = ["detect"]


@click.command("detect")
@click.argument("trace", type=click.Path(exists=True, dir_okay=False))
@click.option("--out", "out", type=click.Path(dir_okay=False), default=None, help="Write the report here instead of stdout.")
@click.option("--labels", "labels", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Simulator labels: also print the evaluation (AUROC, TPR@FPR, linking, time to flag).")
@click.option("--json", "as_json", is_flag=True, help="With --labels: print the evaluation as JSON.")
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="Processes that parse lines and extract features (default: one per core, but one fewer when the "
                   "trace is in time order and the replay runs alongside; 0: parse in the replaying process). "
                   "The report is the same for any value.")
@click.option("--link-by-wording/--no-link-by-wording", default=True, show_default=True,
              help="Also link accounts that share only wording and hours (monitor.link_by_wording); "
                   "--no-link-by-wording links by shared infrastructure, billing and client only.")
@click.option("--progress/--no-progress", default=None,
              help="Show on stderr how many requests have been replayed (default: when stderr is a terminal).")
def detect(trace: str, out: str | None, labels: str | None, as_json: bool, workers: int | None,
           link_by_wording: bool, progress: bool | None) -> None:
    """Replay TRACE in time order with the live scoring code and write the detection report
    (tenants with score, verdict, evidence, keys, first flag; campaigns; skipped lines).

    A trace out of time order is sorted through temporary files of compact features (no text),
    about 350 bytes per request, in $TMPDIR: point TMPDIR at a larger disk for big traces.

    \b
    Examples:
      gatehouse detect week.jsonl.gz --out report.json
      gatehouse detect week.jsonl --labels week.labels.json --json"""
    from gatehouse.monitor.engine import Settings
    from gatehouse.monitor.evaluate import format_evaluation
    from gatehouse.monitor.offline import run_detect

    show = sys.stderr.isatty() if progress is None else progress

    def replayed(n: int) -> None:
        click.echo(f"\r{n:,} requests replayed…", nl=False, err=True)

    try:
        report, evaluation = run_detect(trace, labels, Settings(link_by_wording=link_by_wording), workers=workers,
                                        progress=replayed if show else None)
    except (OSError, ValueError) as exc:
        fail(str(exc))
        return
    finally:
        if show:
            click.echo("", err=True)
    if out is not None:
        Path(out).write_text(dumps(report))
    elif evaluation is None:
        click.echo(dumps(report))
    if evaluation is not None:
        if as_json:
            click.echo(dumps(evaluation))
        else:
            flagged = sum(1 for t in report["tenants"] if t["verdict"] in ("review", "block"))
            click.echo(f"{len(report['tenants'])} tenants, {flagged} flagged, {len(report['campaigns'])} campaigns, "
                       f"{report['skipped_lines']} bad lines skipped")
            click.echo(format_evaluation(evaluation))
