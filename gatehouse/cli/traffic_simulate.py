"""`gatehouse traffic simulate`: write a labeled, simulated week of traffic."""

from __future__ import annotations

import click

from gatehouse.cli.common import dumps, fail
from gatehouse.monitor.sim.mixture import MIXTURES

__all__ = ["simulate"]


@click.command("simulate")
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--out", "out", type=click.Path(dir_okay=False), required=True, help="Trace file (.jsonl or .jsonl.gz).")
@click.option("--labels", "labels", type=click.Path(dir_okay=False), default=None, help="Write the ground truth here.")
@click.option("--config", "config", type=click.Choice(sorted(MIXTURES)), default="main",
              show_default=True,
              help="Generator configuration: 'unseen' changes mixture, volumes, campaigns and phrasing; "
                   "'holdout' to 'holdout12' are further ones, each written to be evaluated on "
                   "without tuning (README says which have been tuned on since).")
@click.option("--scale", type=float, default=1.0, show_default=True, help="Volume multiplier (1.0 is roughly 500k requests).")
@click.option("--campaigns", "campaigns", default=None, help="Comma-separated campaign sizes, e.g. 2,10,5000.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def simulate(seed: int, out: str, labels: str | None, config: str, scale: float, campaigns: str | None, as_json: bool) -> None:
    """A week of traffic from many tenants, honest (support bots, batch summarization and
    translation, JSON extraction, IDE assistants, RAG, evaluation sweeps, n>1 sampling) and
    distilling (instruction, chain-of-thought, logprob, preference and tool-trace harvesting,
    a disguised app, a slow drip, campaigns of many small accounts, a mid-week turncoat).
    'holdout6' adds a chatbot reseller, document review, labeling, localization, education and
    sweep tenants, and follow-up, JSON-dataset, ramping and proxy distillers. 'holdout8' adds
    research firms, benchmark companies, support BPOs, a labeling marketplace, content farms,
    universities, nightly ETL jobs and BYO-key clients, and critique-revise, self-instruct,
    multilingual and domain-a-day distillers and relay or nightly campaigns. 'holdout9' adds
    game studios, brand agencies, e-discovery, accessibility, news, enterprise routers, bootcamp
    cohorts, academic evals, test-data vendors and a dictionary app, and persona-rotation,
    augmentation, code, math, long-context and blended distillers and campaigns with free-form
    prompts and a new address per request. 'holdout10' adds homework Q&A sites, LLM-judge teams,
    exam-prep backfills, catalog enrichment, training-data customers, BYO-key coding agents and
    linked honest groups (a conglomerate, an agency, a PaaS, conference workshops), and critique,
    back-translation, curriculum-walk, rejection-sampling, dialogue, constraint, embedding and
    parallel-corpus distillers and campaigns run as size-matched operations (incl. a resale proxy).
    'holdout11' adds synthetic-document vendors, transcription clean-up, a localisation house,
    knowledge probes, SRE agents, prompt A/B tests, macro generators, an observability replayer,
    prompt migrations, a school district's teachers and a browser extension's users, and
    continuation-stitching, structured-output, refusal, scratchpad-tutor, aging and temperature-fan
    distillers and campaigns posing as extension users, labeling-marketplace workers and hobbyists.
    'holdout12' adds CV screeners, suggested-reply platforms, code migrations, pharma report writing,
    a multilingual wire, patent drafting, red-team suites, FAQ generators, a model-comparison app,
    e-mail agents, FIM autocompletion, an accelerator's startups and a keyboard app's users, and
    tool-result smuggling, answer-then-reasoning, per-model sweeps, FIM, soft-label (echo), packed
    and reasoning-effort distillers and campaigns posing as helpdesks, startups, newsrooms and new sign-ups."""
    from gatehouse.monitor.sim.generator import simulate as run

    sizes: list[int] | None = None
    if campaigns:
        try:
            sizes = [int(x) for x in campaigns.split(",") if x.strip()]
        except ValueError:
            fail(f"--campaigns: expected comma-separated integers, got {campaigns!r}", 2)
            return
        if any(s < 2 for s in sizes):
            fail("--campaigns: a campaign has at least 2 accounts", 2)
            return
    if scale <= 0:
        fail("--scale must be positive", 2)
        return
    summary = run(seed, out, labels, config=config, scale=scale, campaign_sizes=sizes)
    if as_json:
        click.echo(dumps(summary))
    else:
        click.echo(f"wrote {summary['requests']} requests from {summary['tenants']} tenants "
                   f"({summary['distillers']} distilling) to {out}" + (f"; labels in {labels}" if labels else ""))
