"""The `local` provider on a tiny GPT-2 built here, its keyed watermark, and `provenance watermark`."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone
from pathlib import Path

import orjson
import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from click.testing import CliRunner  # noqa: E402

from gatehouse.cli.main import cli  # noqa: E402
from gatehouse.config import ProviderConfig  # noqa: E402
from gatehouse.providers.base import Deployment, Endpoint, Timeouts  # noqa: E402
from gatehouse.providers.client import ProviderClient  # noqa: E402
from gatehouse.providers.registry import build_provider  # noqa: E402
from gatehouse.provenance.watermark.tenant import CURRENT_TENANT  # noqa: E402
from tests.provenance.tinymodel import build_tiny_model  # noqa: E402

SECRET = "unit-test-watermark-secret"
DEP = Deployment("loc1", "tiny", "loc", "tiny", "local")


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_model(tmp_path_factory.mktemp("tiny") / "model")


@pytest.fixture(scope="module")
def texts(model_dir: Path) -> list[tuple[str | None, str]]:
    """(tenant or None, generated text of 200 tokens)."""
    import os

    from gatehouse.providers.local import LocalEngine, LocalOptions

    os.environ["GATEHOUSE_WATERMARK_SECRET"] = SECRET
    eng = LocalEngine(LocalOptions.from_dict({"model_path": str(model_dir)}))
    out: list[tuple[str | None, str]] = []
    for i in range(8):
        tenant = f"tn_{(i * 97) % 1000:04d}"
        out.append((tenant, eng.generate({"prompt": f"explain item {i}", "max_tokens": 200, "seed": i}, tenant)["text"]))
    for i in range(4):
        out.append((None, eng.generate({"prompt": f"explain item {i}", "max_tokens": 200, "seed": 100 + i}, None)["text"]))
    return out


def test_local_provider_answers_and_streams(model_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEHOUSE_WATERMARK_SECRET", SECRET)
    adapter, transport = build_provider("loc", ProviderConfig(kind="local", options={"model_path": str(model_dir)}))
    client = ProviderClient("loc", adapter, transport)

    async def go() -> None:
        CURRENT_TENANT.set("tn_0001")
        body = {"model": "tiny", "messages": [{"role": "user", "content": "explain the approach"}], "max_tokens": 12}
        obj, usage = await client.complete(Endpoint.CHAT, body, DEP, Timeouts())
        assert obj["model"] == "tiny" and obj["choices"][0]["message"]["content"]
        assert usage is not None and usage.completion_tokens <= 12 and usage.prompt_tokens > 0
        stream = await client.open_stream(Endpoint.CHAT, {**body, "stream": True}, DEP, Timeouts())
        chunks = [c async for c in stream]
        await stream.aclose()
        text = "".join((c["choices"][0]["delta"].get("content") or "") for c in chunks if c["choices"])
        assert text.strip() and chunks[-1]["usage"]["completion_tokens"] <= 12
        assert [c["choices"][0]["finish_reason"] for c in chunks if c["choices"]][-1] in ("stop", "length")
        await client.aclose()

    asyncio.run(go())


def test_local_provider_needs_a_model_path() -> None:
    from gatehouse.config import ConfigError

    with pytest.raises(ConfigError, match="model_path"):
        build_provider("loc", ProviderConfig(kind="local", options={}))


def test_watermarked_texts_are_attributed_among_1000_keys(model_dir: Path, texts) -> None:
    from transformers import AutoTokenizer

    from gatehouse.provenance.config import WatermarkConfig
    from gatehouse.provenance.watermark.attribute import attribute

    tok = AutoTokenizer.from_pretrained(str(model_dir))
    tenants = [f"tn_{i:04d}" for i in range(1000)]
    import os

    os.environ["GATEHOUSE_WATERMARK_SECRET"] = SECRET
    res = attribute([t for _, t in texts], tok, tenants, WatermarkConfig(), alpha=1e-4)
    marked = [(truth, r) for (truth, _), r in zip(texts, res) if truth is not None]
    assert sum(r["tenant"] == truth for truth, r in marked) / len(marked) >= 0.95
    assert all(r["tenant"] is None for (truth, _), r in zip(texts, res) if truth is None)
    assert all(r["tokens"] >= 150 for r in res)


def _tenant_rows(n: int) -> list[dict[str, object]]:
    now = datetime.now(timezone.utc)
    return [{"id": f"tn_{i:04d}", "name": f"T{i}", "jurisdiction": "US", "entity_type": "company", "status": "active",
             "aliases": [], "contacts": [], "billing": {}, "created_at": now, "updated_at": now} for i in range(n)]


def test_cli_watermark(model_dir: Path, texts, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gatehouse.store.db import Store
    from gatehouse.store.tables import tenants

    url = f"sqlite+aiosqlite:///{tmp_path}/g.db"

    async def fill() -> None:
        store = Store(url)
        await store.migrate()
        async with store.engine.begin() as conn:
            await conn.execute(tenants.delete())
            await conn.execute(tenants.insert(), _tenant_rows(1000))
        await store.aclose()

    asyncio.run(fill())
    cfg = tmp_path / "c.yaml"
    cfg.write_text(f"store: {{url: '{url}'}}\nbootstrap: {{demo_tenant: false}}\n"
                   f"providers:\n  loc: {{kind: local, options: {{model_path: '{model_dir}'}}}}\n")
    corpus = tmp_path / "t.jsonl"
    corpus.write_bytes(b"\n".join(orjson.dumps({"text": t}) for _, t in texts[:2] + texts[-1:]) + b"\nnot json\n")
    monkeypatch.delenv("GATEHOUSE_WATERMARK_SECRET", raising=False)
    res = CliRunner().invoke(cli, ["provenance", "watermark", str(corpus), "--config", str(cfg), "--json"])
    assert res.exit_code == 2 and "GATEHOUSE_WATERMARK_SECRET" in res.output
    monkeypatch.setenv("GATEHOUSE_WATERMARK_SECRET", SECRET)
    res = CliRunner().invoke(cli, ["provenance", "watermark", str(corpus), "--config", str(cfg), "--json"])
    assert res.exit_code == 0, res.output
    rep = orjson.loads(res.output)
    assert rep["keys"] >= 1000 and rep["skipped_lines"] == 1 and rep["correction"] == "holm"
    assert [t["tenant"] for t in rep["texts"]] == [texts[0][0], texts[1][0], None]
    assert len(rep["texts"][0]["p_values"]) == rep["keys"] and rep["texts"][0]["p_value"] <= 1e-4
    res = CliRunner().invoke(cli, ["provenance", "watermark", str(corpus), "--config", str(cfg), "--tenant", texts[0][0]])
    assert res.exit_code == 0 and texts[0][0] in res.output
