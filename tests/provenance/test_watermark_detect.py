"""Watermark detection math, no torch: a random bigram 'language model' sampled with and
without the green-list bias, scored against 1,000 tenant keys."""

from __future__ import annotations

import numpy as np
import pytest

from gatehouse.provenance.watermark.detect import Detector, binomial_tail
from gatehouse.provenance.watermark.scheme import WatermarkParams, green_mask, tenant_key

V = 2000
SECRET = b"test-secret"


def _keys(n: int = 1000) -> dict[str, int]:
    return {f"tn_{i:04d}": tenant_key(SECRET, f"tn_{i:04d}") for i in range(n)}


def _sample(rng: np.random.Generator, n: int, key: int | None, params: WatermarkParams) -> list[int]:
    toks = [int(rng.integers(V))]
    for _ in range(n):
        logits = np.random.default_rng(toks[-1]).normal(0.0, 2.5, V)  # the model: one distribution per context
        if key is not None:
            logits = logits + params.delta * green_mask(key, toks, V, params)
        pr = np.exp(logits - logits.max())
        toks.append(int(rng.choice(V, p=pr / pr.sum())))
    return toks


def test_keys_are_per_tenant_and_secret() -> None:
    assert tenant_key(SECRET, "a") == tenant_key(SECRET, "a") != tenant_key(SECRET, "b")
    assert tenant_key(b"other", "a") != tenant_key(SECRET, "a")
    m = green_mask(tenant_key(SECRET, "a"), [5], V, WatermarkParams(gamma=0.25))
    assert 0.2 < m.mean() < 0.3


def test_binomial_tail_is_exact() -> None:
    tail = binomial_tail(10, 0.5)
    assert tail[0] == pytest.approx(1.0) and tail[10] == pytest.approx(0.5**10) and tail[9] == pytest.approx(11 / 1024)


def test_watermarked_texts_are_attributed_among_1000_keys() -> None:
    params = WatermarkParams()
    keys = _keys()
    det = Detector(keys, params)
    rng = np.random.default_rng(1)
    names = list(keys)
    right = 0
    for i in range(60):
        tenant = names[(i * 37) % len(names)]
        d = det.detect(_sample(rng, 200, keys[tenant], params))
        right += d.tenant == tenant
        assert d.tenant in (tenant, None)
    assert right / 60 >= 0.95


def test_unwatermarked_texts_are_attributed_to_no_one() -> None:
    params = WatermarkParams()
    det = Detector(_keys(), params)
    rng = np.random.default_rng(2)
    ds = [det.detect(_sample(rng, 200, None, params)) for _ in range(60)]
    assert all(d.tenant is None for d in ds)
    # Under the null the smallest of 1,000 uncorrected p-values is about 1/1000, not smaller.
    assert min(min(d.p_values.values()) for d in ds) > 1e-7
    # Repeating text is not evidence: a text of one repeated token scores one pair.
    d = det.detect([7] * 500)
    assert d.tokens == 1 and d.tenant is None


def test_detector_needs_keys_and_handles_empty_text() -> None:
    with pytest.raises(ValueError):
        Detector({})
    d = Detector(_keys(3)).detect([1])
    assert d.tokens == 0 and d.tenant is None and set(d.p_values) == {"tn_0000", "tn_0001", "tn_0002"}
