"""`gatehouse provenance`: trace leaked text back to the tenant who received it."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import click

from gatehouse.cli.common import config_option, dumps, emit, fail, json_option, load, open_store, run, table

__all__ = ["provenance"]


def _section(cfg: Any) -> Any:
    from gatehouse.config import ConfigError
    from gatehouse.provenance.config import ProvenanceConfig

    try:
        return ProvenanceConfig.from_section(cfg.section("provenance"))
    except ConfigError as exc:
        fail(str(exc), 2)
        raise


def _when(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        t = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        fail(f"--since: expected a date (2026-11-01) or RFC 3339 time, got {value!r}", 2)
        raise
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


@click.group()
def provenance() -> None:
    """Fingerprint scans (every provider) and watermark detection (the `local` provider)."""


@provenance.command("scan")
@click.argument("corpus", type=click.Path(exists=True, path_type=Path))
@config_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write the JSON report here.")
@click.option("--text-field", default="text", show_default=True, help="JSONL field holding the text.")
@click.option("--since", help="Only responses served at or after this time (date or RFC 3339).")
@json_option
def scan(corpus: Path, config_path: str | None, out: Path | None, text_field: str, since: str | None,
         as_json: bool) -> None:
    """Match a suspect corpus against the fingerprints of every response served.

    CORPUS is a JSONL file (one object per line, text in --text-field), a plain text file
    (one document), or a directory of such files (.gz read transparently).

    \b
    Example:
      gatehouse provenance scan leaked.jsonl --config operator.yaml --out report.json
    """
    from gatehouse.provenance.corpus import CorpusError
    from gatehouse.provenance.scan import ScanStats, scan_corpus

    cfg = load(config_path)
    pcfg = _section(cfg)
    stats = ScanStats()

    async def go() -> dict[str, Any]:
        async with open_store(cfg) as store:
            return await scan_corpus(store, corpus, text_field=text_field, cfg=pcfg.scan, since=_when(since),
                                     stats=stats)

    try:
        report = run(go())
    except CorpusError as exc:
        fail(str(exc), 2)
        raise
    if out is not None:
        out.write_text(dumps(report) + "\n", encoding="utf-8")

    def human(r: dict[str, Any]) -> None:
        click.echo(f"{stats.documents:,} documents against {stats.responses:,} served responses: "
                   f"{len(r['documents']):,} matched, {r['skipped_lines']:,} lines skipped")
        rows = [{**t, "share": f"{100 * t['share']:.2f}%", "confidence": f"{t['confidence']:.3f}"} for t in r["tenants"]]
        table(rows, ["tenant", "documents", "share", "first_served", "last_served", "confidence"], title="Attribution")
        if out is not None:
            click.echo(f"report written to {out}")

    emit(report, as_json, human)


@provenance.command("prune")
@config_option
@json_option
def prune(config_path: str | None, as_json: bool) -> None:
    """Delete fingerprints older than `provenance.retention_days`."""
    from datetime import timedelta

    from gatehouse.provenance import index

    cfg = load(config_path)
    pcfg = _section(cfg)
    before = datetime.now(timezone.utc) - timedelta(days=pcfg.retention_days)

    async def go() -> int:
        async with open_store(cfg) as store:
            return await index.prune(store, before)

    n = run(go())
    emit({"deleted": n, "before": before}, as_json, lambda d: click.echo(f"deleted {d['deleted']:,} fingerprints"))


@provenance.command("compact")
@config_option
@click.option("--settle", type=float, help="Seconds a segment's newest response must be old (default provenance.settle_s).")
@json_option
def compact(config_path: str | None, settle: float | None, as_json: bool) -> None:
    """Build the inverted index's due segments now, and show the index's state.

    The serving gateway does this every `provenance.compact_interval_s`; run it after a
    bulk load, or from cron where no gateway runs. Fingerprints not yet in a segment are
    still found by scans (read directly), only more slowly.
    """
    from gatehouse.provenance import index

    cfg = load(config_path)
    pcfg = _section(cfg)

    async def go() -> dict[str, Any]:
        built = []
        async with open_store(cfg) as store:
            while True:
                got = await index.compact(store, segment_responses=pcfg.segment_responses,
                                          settle_s=pcfg.settle_s if settle is None else settle, limit=1)
                if not got:
                    break
                built += got
                if not as_json:
                    click.echo(f"indexed fingerprints {got[0].lo:,}-{got[0].hi - 1:,} "
                               f"({got[0].postings:,} postings)", err=True)
            st = await index.stats(store)
        return {"built": len(built), "responses": st.responses, "segments": st.segments, "indexed": st.indexed,
                "postings": st.postings, "tail": st.tail}

    def human(d: dict[str, Any]) -> None:
        click.echo(f"built {d['built']} segments; {d['responses']:,} fingerprints, {d['indexed']:,} indexed in "
                   f"{d['segments']:,} segments ({d['postings']:,} postings), {d['tail']:,} not yet indexed")

    emit(run(go()), as_json, human)


@provenance.command("watermark")
@click.argument("file", type=click.Path(exists=True, path_type=Path))
@config_option
@click.option("--provider", "provider_name", help="The `local` provider whose watermark to test (if several).")
@click.option("--model", "model_path", help="Tokenizer directory (default: the provider's model_path).")
@click.option("--tenant", "tenants", multiple=True, help="Tenant id to test (repeatable; default: every tenant).")
@click.option("--text-field", default="text", show_default=True, help="JSONL field holding the text.")
@click.option("--alpha", type=float, help="Family-wise false-positive bound (default provenance.watermark_alpha, 1e-4).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write the JSON result here.")
@json_option
def watermark(file: Path, config_path: str | None, provider_name: str | None, model_path: str | None,
              tenants: tuple[str, ...], text_field: str, alpha: float | None, out: Path | None, as_json: bool) -> None:
    """Test each text of FILE for every tenant's watermark key.

    FILE is JSONL (text in --text-field) or plain text files / a directory, as for `scan`.
    For each text: the p-value under each tenant key, Holm-corrected across all keys, and
    the attributed tenant when the corrected p-value is at most --alpha.

    \b
    Example:
      GATEHOUSE_WATERMARK_SECRET=... gatehouse provenance watermark leaked.jsonl --config operator.yaml
    """
    from gatehouse.config import ConfigError
    from gatehouse.provenance.corpus import Corpus, CorpusError
    from gatehouse.provenance.watermark.attribute import attribute, load_tokenizer, local_provider, tenant_ids

    cfg = load(config_path)
    pcfg = _section(cfg)
    try:
        _, opts, wm = local_provider(cfg, provider_name)
        path = model_path or opts.get("model_path")
        if not path:
            raise ConfigError("no tokenizer: give --model or set the provider's options.model_path")
        tokenizer = load_tokenizer(str(path))
        ids = list(tenants)
        if not ids:
            async def go() -> list[str]:
                async with open_store(cfg) as store:
                    return await tenant_ids(store)

            ids = run(go())
        corpus = Corpus(file, text_field=text_field)
        results = attribute(list(corpus), tokenizer, ids, wm, alpha=alpha or pcfg.watermark_alpha)
    except (ConfigError, CorpusError) as exc:
        fail(str(exc), 2)
        raise
    report = {"alpha": alpha or pcfg.watermark_alpha, "keys": len(ids), "correction": "holm",
              "texts": results, "skipped_lines": corpus.skipped}
    if out is not None:
        out.write_text(dumps(report) + "\n", encoding="utf-8")

    def human(r: dict[str, Any]) -> None:
        rows = [{"index": t["index"], "tokens": t["tokens"], "tenant": t["tenant"], "best_key": t["best"],
                 "z": t["z"], "p_adjusted": f"{t['p_value']:.3g}" if t["p_value"] is not None else None}
                for t in r["texts"]]
        table(rows, ["index", "tokens", "tenant", "best_key", "z", "p_adjusted"],
              title=f"Watermark attribution ({r['keys']} keys, family-wise alpha {r['alpha']:g})")

    emit(report, as_json, human)
