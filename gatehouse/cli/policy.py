"""`gatehouse policy`: validate, explain, show and reload the catalogue policy."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
import yaml

from gatehouse.audit import trail
from gatehouse.cli.common import async_command, config_option, emit, fail, json_option, load
from gatehouse.errors import InvalidRequest
from gatehouse.policy.model import PolicyError, parse_policy_text
from gatehouse.policy.source import load_policy, model_index
from gatehouse.routing.catalogue import Catalogue
from gatehouse.store.signals import bump
from gatehouse.tenancy.cli_support import cli_actor, reading, transaction
from gatehouse.tenancy.service import get_tenant

__all__ = ["policy", "explain_decision"]


@click.group()
def policy() -> None:
    """Check, explain and reload the catalogue policy."""


@policy.command("check")
@click.argument("file", type=click.Path(dir_okay=False))
@config_option
@json_option
def check(file: str, config_path: str | None, as_json: bool) -> None:
    """Validate a policy file (or a config file's `policy:` section) before it is loaded.

    With --config, model names and regions are checked against that deployment's catalogue.
    Exits 1 and lists every error with its line number when the policy is invalid."""
    try:
        text = Path(file).read_text(encoding="utf-8")
    except OSError as exc:
        fail(f"cannot read {file}: {exc.strerror}", 2)
        return
    models = model_index(Catalogue.from_config(load(config_path))) if config_path else None
    try:
        doc, warnings = parse_policy_text(text, models=models)
    except PolicyError as exc:
        out = {"ok": False, "file": file, "errors": [p.to_dict() for p in exc.problems if p.severity == "error"],
               "warnings": [p.to_dict() for p in exc.problems if p.severity != "error"]}
        problems = exc.problems

        def report(_: Any) -> None:
            for p in problems:
                click.echo(f"{file}:{p.line or '?'}: {p.severity}: {p.path}: {p.message}", err=True)

        emit(out, as_json, report)
        sys.exit(1)
    out = {"ok": True, "file": file, "version": doc.version, "rules": len(doc.rules),
           "warnings": [w.to_dict() for w in warnings]}
    def ok(_: Any) -> None:
        for w in warnings:
            click.echo(f"{file}:{w.line or '?'}: warning: {w.path}: {w.message}")
        click.echo(f"{file}: OK (version {doc.version}, {len(doc.rules)} rules)")

    emit(out, as_json, ok)


def explain_decision(cfg: Any, tenant: dict[str, Any] | None, jurisdiction: str, entity_type: str,
                     model: str) -> dict[str, Any]:
    """The decision for one model and the rule that made it (shared with the admin API)."""
    catalogue = Catalogue.from_config(cfg)
    pol = load_policy(cfg, catalogue)
    tenant_id = tenant["id"] if tenant else None
    out: dict[str, Any] = {"tenant": tenant_id, "jurisdiction": jurisdiction, "entity_type": entity_type,
                           "model": model, "policy_version": pol.version if pol else None}
    if model not in catalogue.models:
        raise InvalidRequest(f"The model '{model}' is not in the catalogue (known: {', '.join(catalogue.models)}).",
                             param="model", code="model_not_found")
    if pol is None:
        d: dict[str, Any] = {"allowed": True, "rule": None, "code": None, "reason": "no policy is configured",
                             "deployments": [{"id": x.id, "provider": x.provider, "region": x.region}
                                             for x in catalogue.models[model].deployments]}
    else:
        d = pol.decide(tenant_id, jurisdiction, entity_type, model).to_dict()
        d.pop("model", None)
    out.update(d)
    if tenant and tenant["status"] != "verified":
        out["tenant_status"] = tenant["status"]
        out["note"] = f"the tenant is {tenant['status']}: its requests are refused before the policy applies"
    return out


def _explain_human(d: dict[str, Any]) -> None:
    who = d["tenant"] or f"a {d['entity_type']} in {d['jurisdiction']}"
    verdict = "ALLOWED" if d["allowed"] else "DENIED"
    click.echo(f"{verdict}: {d['model']} for {who} (jurisdiction {d['jurisdiction']}, policy {d['policy_version']})")
    click.echo(f"  rule:   {d['rule'] or '-'}")
    click.echo(f"  reason: {d['reason']}")
    for dep in d.get("deployments") or ():
        click.echo(f"  may be served by {dep['id']} (region {dep['region']})")
    if d.get("note"):
        click.echo(f"  note:   {d['note']}")


@policy.command("explain")
@config_option
@json_option
@click.option("--tenant", "tenant_id", default=None, help="Tenant id (its jurisdiction and entity type apply).")
@click.option("--jurisdiction", default=None, help="Explain for a jurisdiction instead of a tenant.")
@click.option("--entity-type", default="enterprise", show_default=True)
@click.option("--model", required=True)
@async_command
async def explain(config_path: str | None, as_json: bool, tenant_id: str | None, jurisdiction: str | None,
                  entity_type: str, model: str) -> None:
    """Print the decision for a tenant and a model, and the rule that made it."""
    cfg = load(config_path)
    tenant = None
    if tenant_id:
        async with reading(cfg) as conn:
            tenant = await get_tenant(conn, tenant_id)
        jurisdiction, entity_type = tenant["jurisdiction"], tenant["entity_type"]
    elif not jurisdiction:
        raise InvalidRequest("Give --tenant TENANT_ID or --jurisdiction XX.", param="tenant")
    try:
        out = explain_decision(cfg, tenant, str(jurisdiction).upper(), entity_type, model)
    except PolicyError as exc:
        raise InvalidRequest(f"the configured policy is invalid: {exc}") from exc
    emit(out, as_json, _explain_human)


@policy.command("reload")
@config_option
@json_option
@click.option("--reason", default=None)
@async_command
async def reload(config_path: str | None, as_json: bool, reason: str | None) -> None:
    """Validate the configured policy and make every running gateway load it (within a second)."""
    cfg = load(config_path)
    try:
        pol = load_policy(cfg, Catalogue.from_config(cfg))
    except PolicyError as exc:
        for p in exc.problems:
            click.echo(f"{p}", err=True)
        fail("the policy is invalid; the gateways keep the current one", 1)
        return
    info = {"version": pol.version if pol else None, "digest": pol.digest if pol else None,
            "rules": len(pol.doc.rules) if pol else 0}
    async with transaction(cfg) as conn:
        await trail.record(conn, actor=cli_actor(), action="policy.reload", target="policy", after=info, reason=reason)
        await bump(conn, "policy")
    emit({"reloaded": True, **info}, as_json,
         lambda d: click.echo(f"policy version {d['version']} signalled to every gateway ({d['rules']} rules)"))


@policy.command("show")
@config_option
@json_option
def show(config_path: str | None, as_json: bool) -> None:
    """Print the configured policy (as loaded and validated)."""
    cfg = load(config_path)
    try:
        pol = load_policy(cfg, Catalogue.from_config(cfg))
    except PolicyError as exc:
        fail(str(exc), 1)
        return
    doc = pol.doc.model_dump(exclude_defaults=True) if pol else None
    emit({"policy": doc, "digest": pol.digest if pol else None}, as_json,
         lambda d: click.echo(yaml.safe_dump(d, sort_keys=False)))
