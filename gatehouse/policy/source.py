"""Where the policy comes from: `policy_file:` (a path, relative to the config file) or an
inline `policy:` section. Reloading re-reads the file (or the config file's section), so a
`gatehouse policy reload` takes effect without a restart."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from gatehouse.config import GatehouseConfig
from gatehouse.policy.engine import Policy
from gatehouse.policy.model import Catalogue as ModelIndex
from gatehouse.policy.model import PolicyError, Problem, parse_policy, parse_policy_text
from gatehouse.routing.catalogue import Catalogue

__all__ = ["policy_path", "load_policy", "model_index", "read_policy_text"]


def model_index(catalogue: Catalogue) -> ModelIndex:
    return {name: (m.family, tuple((d.provider, d.region) for d in m.deployments))
            for name, m in catalogue.models.items()}


def policy_path(cfg: GatehouseConfig) -> Path | None:
    p = cfg.section("policy_file")
    if not p:
        return None
    path = Path(str(p))
    if not path.is_absolute() and cfg.source:
        path = Path(cfg.source).parent / path
    return path


def read_policy_text(cfg: GatehouseConfig) -> tuple[str, str] | None:
    """(text, where) of the current policy source, re-read from disk; None when no policy is set."""
    path = policy_path(cfg)
    if path is not None:
        try:
            return path.read_text(encoding="utf-8"), str(path)
        except OSError as exc:
            raise PolicyError([Problem(None, "", f"cannot read policy file {path}: {exc.strerror}")]) from None
    if cfg.source and cfg.section("policy") is not None:
        src = Path(cfg.source)
        return src.read_text(encoding="utf-8"), str(src)
    if cfg.section("policy") is not None:
        return yaml.safe_dump({"policy": cfg.section("policy")}), "config"
    return None


def load_policy(cfg: GatehouseConfig, catalogue: Catalogue) -> Policy | None:
    """The current policy, validated against the catalogue; None when the config sets none."""
    models = model_index(catalogue)
    found: tuple[str, str] | None = None
    try:
        found = read_policy_text(cfg)
        if found is None:
            return None
        text, where = found
        if where == "config":
            doc, _ = parse_policy(cfg.section("policy"), base=("policy",), models=models)
        else:
            doc, _ = parse_policy_text(text, models=models)
    except PolicyError as exc:
        src = found[1] if found else "policy"
        raise PolicyError([Problem(p.line, p.path, f"{src}: {p.message}" if p.line else p.message, p.severity)
                           for p in exc.problems]) from None
    digest = hashlib.sha256(doc.model_dump_json().encode()).hexdigest()
    return Policy(doc, catalogue, digest)
