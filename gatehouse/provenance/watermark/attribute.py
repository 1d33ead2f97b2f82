"""`provenance watermark`: attribute texts to tenants by the `local` provider's watermark."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from gatehouse.config import ConfigError, GatehouseConfig
from gatehouse.provenance.config import WatermarkConfig
from gatehouse.provenance.watermark.detect import Detector
from gatehouse.provenance.watermark.scheme import WatermarkParams, tenant_key
from gatehouse.store.db import Store

__all__ = ["local_provider", "tenant_ids", "load_tokenizer", "attribute"]


def local_provider(cfg: GatehouseConfig, name: str | None) -> tuple[str, dict[str, Any], WatermarkConfig]:
    """(name, options, watermark settings) of the config's `local` provider."""
    local = {n: p for n, p in cfg.providers.items() if p.kind == "local"}
    if name is not None:
        if name not in local:
            raise ConfigError(f"--provider {name!r}: no provider of kind 'local' by that name; have {sorted(local)}")
    elif len(local) == 1:
        name = next(iter(local))
    elif not local:
        raise ConfigError("no provider of kind 'local' in the config (watermarks come from local providers)")
    else:
        raise ConfigError(f"several local providers {sorted(local)}: choose one with --provider")
    opts = dict(local[name].options)
    return name, opts, WatermarkConfig.from_options(opts.get("watermark"), f"providers.{name}.options.watermark")


async def tenant_ids(store: Store) -> list[str]:
    from gatehouse.store.tables import tenants

    async with store.engine.connect() as conn:
        return [r[0] for r in (await conn.execute(select(tenants.c.id).order_by(tenants.c.id))).all()]


def load_tokenizer(path: str) -> Any:
    try:
        from transformers import AutoTokenizer
    except ImportError:
        raise ConfigError("watermark detection needs the optional extra: pip install 'gatehouse[local]'") from None
    try:
        return AutoTokenizer.from_pretrained(path, local_files_only=True)
    except (OSError, ValueError) as exc:
        raise ConfigError(f"no tokenizer could be loaded from {path!r}: {exc}") from None


def attribute(texts: Iterable[str], tokenizer: Any, tenants: list[str], wm: WatermarkConfig, *,
              alpha: float) -> list[dict[str, Any]]:
    secret = os.environ.get(wm.secret_env)
    if not secret:
        raise ConfigError(f"environment variable {wm.secret_env} (the watermark secret) is not set")
    if not tenants:
        raise ConfigError("no tenants to test: the store has none and no --tenant was given")
    keys = {t: tenant_key(secret.encode(), t) for t in tenants}
    det = Detector(keys, WatermarkParams(gamma=wm.gamma, delta=wm.delta, context=wm.context), alpha=alpha)
    out = []
    for i, text in enumerate(texts):
        d = det.detect(list(tokenizer(text, add_special_tokens=False).input_ids))
        best = min(d.p_values, key=lambda t: d.p_values[t]) if d.tokens else None
        out.append({"index": i, "tokens": d.tokens, "tenant": d.tenant, "p_value": d.p_value,
                    "best": best, "z": d.z_scores.get(best) if best else None, "p_values": d.p_values})
    return out
