"""Benchmark: the keyed watermark's false positives on human text and its attribution rate,
with 1,000 tenant keys registered (family-wise bound across all keys).

    .venv/bin/python bench/bench_watermark.py              # defaults: about 6-7 minutes on 2 cores
    .venv/bin/python bench/bench_watermark.py --tokenizers cl100k --windows 90000 --secrets 8 \
        --no-control --generate 0 --unmarked 0             # ~720k null trials, realistic tokenizer
    .venv/bin/python bench/bench_watermark.py --tokenizers tiny --secrets 20 --generate 0 --unmarked 0
    .venv/bin/python bench/bench_watermark.py --tokenizers '' --train-steps 300 [--delta 3]  # lower-entropy model
    .venv/bin/python bench/bench_watermark.py --tokenizers '' --train-steps 300 --sweep 0,1,1.5,2,2.5,3  # ~5 min

Needs `pip install -e '.[local]'` (torch, transformers, tokenizers) for the tiny model's
tokenizer and for generation; without it only the `cl100k` null run happens. Nothing is
downloaded: the model is the 2-layer GPT-2 the tests build (`tests/provenance/tinymodel.py`,
untrained unless --train-steps) and the human text is this machine's own documentation.

1. Human text. Documents under /usr/share/doc (READMEs, changelogs, copyright files, NEWS,
   Markdown, reST, HTML with tags stripped), /usr/share/man (every section and language,
   roff markup stripped), /usr/share/info and /usr/share/common-licenses, read in a seeded
   random order. Paragraphs already seen (license boilerplate copied into many packages) are
   dropped, each document is cut into non-overlapping windows of `--length` (200) tokens (at
   most `--max-per-doc` (100) per document, so that no huge changelog dominates), and identical
   windows are kept once, up to `--windows` (50,000) per tokenizer. (A Debian image holds about
   90,000 such cl100k windows at 100 per document, 190,000 without the cap.)
2. Tokenizers. `tiny` is the word-level tokenizer the tests build for the tiny GPT-2 (the one
   the `local` provider and `gatehouse provenance watermark` use with that model). Its
   vocabulary is only ~1,450 words of simulator prose, so about 70% of the words of real
   documentation become [UNK], a 200-token window has only ~60 distinct (context, token) pairs
   to score (repeats are scored once), and a few pairs ((UNK, UNK), (the, UNK), ...) occur in
   nearly every window. It is kept because it is the model's tokenizer, and it is the hard case
   for calibration across texts. `cl100k` is OpenAI's cl100k_base BPE (100k tokens, bundled with
   the `bpe-openai` package the metering code already uses): a production-size vocabulary, ~155
   distinct pairs per window, i.e. what a real self-hosted model's tokenizer gives. The detector
   sees only token ids, so the tokenizer matters only through those pairs.
3. Null scoring. Every window is scored against `--keys` (1,000) tenant keys (HMAC-derived from
   a secret as in production), under `--secrets` (3) independent secrets, with the library's own
   `scored_pairs` (per-text de-duplication), `green_flags` (the keyed hash) and `binomial_tail`
   (exact p-values). Rather than calling Detector.detect 150,000 times, the green flags are
   computed once per distinct (context, token) pair of the corpus under every key and summed per
   window; the first `--check` (300) windows also go through the real `Detector.detect`, and the
   bench stops if any p-value or attribution differs. Printed:
   - windows attributed to anyone at `--alpha` (1e-4), with a one-sided 95% Clopper-Pearson
     upper bound on the false positive rate, and the same at looser levels 1e-1..1e-5, where
     the counts are large enough to check the family-wise bound itself;
   - calibration of the raw per-key p-values: the observed share of (window, key) pairs with
     p <= t, for t = 1e-2..1e-7 (1e-7 = alpha / 1,000 keys, where Bonferroni/Holm decides),
     P/t (<= 1 means conservative; the exact binomial test is discrete, so well under 1),
     "expected": the exact count the idealized model predicts (each distinct pair green with
     probability gamma, independently), obs/exp, and z = (obs - exp) / standard error. The
     error comes from the spread of the per-key counts: given the windows, keys are
     independent, while windows are not (they share pairs), so a binomial error would be far
     too small for the tiny tokenizer;
   - an ideal-hash control (unless --no-control): the same windows and pairs with the keyed
     hash replaced by numpy's PRNG. What the control shows too (spread, clustering on a few
     keys) comes from the text and the test, not from the hash;
   - the smallest raw and Holm-adjusted p-values, and how (window, key) pairs with p <= 1e-4
     spread over the keys.
4. Watermarked text. `--generate` (400) completions of up to 200 new tokens from the tiny model
   through the `local` provider's engine (`LocalEngine.generate`, i.e. `GreenListProcessor` at the
   library's default gamma and delta, 0.25 and 2.5), each for a random one of the 1,000 tenants, plus `--unmarked`
   (100) completions without a watermark; all are attributed with
   `gatehouse.provenance.watermark.attribute.attribute` (the CLI's path: decode, re-tokenize,
   Detector with Holm over all keys). Printed: share attributed to the right tenant (with a 95%
   lower bound), overall and among completions that ran the full 200 tokens (the model may
   sample its end-of-text token early), wrong attributions, unmarked texts attributed. The
   untrained model is near-uniform over its vocabulary, the easiest case for a watermark;
   --train-steps N first trains it N steps on simulator prose, a lower-entropy model.

5. Quality against strength (`--sweep 0,1,1.5,2,2.5,3`, replaces step 4): for each delta, the
   same `--sweep-n` (200) prompts, tenants (random among the 1,000 keys) and sampling seeds
   (temperature 1, so the runs are paired), completions of up to 200 new tokens through
   `LocalEngine.generate`, attributed as in step 4. Printed per delta: perplexity of the
   completions under the UNWATERMARKED model (the new tokens, plus end-of-text when sampled,
   given the prompt; pooled over tokens), its change against the first delta with a paired
   bootstrap 95% interval, the model's mean next-token entropy along them, mean length, share
   attributed to the right tenant at `--alpha` (95% lower bound) overall and among those that
   ran the full 200 tokens, wrong attributions (each listed), and the mean z-score under the
   text's own key. Delta 0 runs the same processor with a zero bias: its "attributed" column is
   a false-positive check.

CPU only, one process: torch, BLAS and tokenizers are limited to one thread.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html
import math
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "RAYON_NUM_THREADS"):
    os.environ.setdefault(_v, "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
import numpy.typing as npt  # noqa: E402

from gatehouse.provenance.watermark.detect import Detector, binomial_tail  # noqa: E402
from gatehouse.provenance.watermark.scheme import WatermarkParams, green_flags, scored_pairs, tenant_key  # noqa: E402

__all__: list[str] = []

SECRET = "bench-watermark-secret"
THRESHOLDS = (1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7)
FW_LEVELS = (1e-1, 1e-2, 1e-3, 1e-4, 1e-5)
IntArray = npt.NDArray[np.int64]


# ---------------------------------------------------------------- human text

_DOC_EXT = {"", "txt", "md", "rst", "debian", "old", "html", "htm", "news", "readme", "changes", "text"}
_ROFF_TEXT = {"B", "I", "BR", "RB", "IR", "RI", "BI", "IB", "SM", "SB", "SH", "SS", "IP", "TP", "Nm", "Nd", "Dt"}
_ROFF_ESC = re.compile(r"\\f(\[[^\]]*\]|\(..|.)|\\\*(\(..|\[[^\]]*\]|.)|\\s[-+]?\d+|\\[&|^%/,:~0!]|\\[eE]")
_ROFF_CHAR = re.compile(r"\\\(..|\\\[[^\]]*\]")


def _strip_roff(src: str) -> str:
    out = []
    for line in src.splitlines():
        if line.startswith((".", "'")):
            parts = line[1:].strip().split(None, 1)
            if not parts or parts[0] not in _ROFF_TEXT or len(parts) < 2:
                if parts and parts[0] in ("PP", "LP", "P", "SH", "SS"):
                    out.append("")  # a paragraph break
                continue
            line = parts[1].replace('"', "")
        line = line.replace("\\-", "-")
        line = _ROFF_CHAR.sub(" ", _ROFF_ESC.sub("", line)).replace("\\", "")
        out.append(line)
    return "\n".join(out)


def _strip_html(src: str) -> str:
    src = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", src)
    src = re.sub(r"(?i)<(p|br|div|h\d|li|tr|pre)\b[^>]*>", "\n\n", src)
    return html.unescape(re.sub(r"(?s)<[^>]*>", " ", src))


def _source_files() -> list[tuple[str, str]]:
    """(source label, path) of every readable human-written document under /usr/share."""
    out: list[tuple[str, str]] = []
    for root, label in (("/usr/share/doc", "doc"), ("/usr/share/man", "man"), ("/usr/share/info", "info"),
                        ("/usr/share/common-licenses", "licenses")):
        for dp, _, fns in os.walk(root):
            for fn in fns:
                p = os.path.join(dp, fn)
                if os.path.islink(p):
                    continue
                base = fn[:-3] if fn.endswith(".gz") else fn
                ext = base.rsplit(".", 1)[1].lower() if "." in base else ""
                if label == "doc" and ext not in _DOC_EXT:
                    continue
                if label == "info" and not re.search(r"\.info(-\d+)?$", base):
                    continue
                if label == "man":
                    lang = Path(p).relative_to(root).parts[0]
                    label_m = "man" if lang.startswith("man") else "man-l10n"
                    out.append((label_m, p))
                else:
                    out.append((label, p))
    out.sort()
    return out


def _read(path: str) -> str | None:
    try:
        raw = gzip.open(path).read() if path.endswith(".gz") else Path(path).read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError, EOFError, gzip.BadGzipFile):
        return None
    if not text or "\x00" in text:
        return None
    printable = sum(c.isprintable() or c.isspace() for c in text[:20000])
    return text if printable >= 0.97 * min(len(text), 20000) else None


def human_documents(seed: int) -> Iterator[tuple[str, str]]:
    """(source, cleaned text) in a seeded random order; paragraphs seen before are dropped."""
    files = _source_files()
    random.Random(seed).shuffle(files)
    seen: set[bytes] = set()
    for label, path in files:
        text = _read(path)
        if text is None:
            continue
        if label.startswith("man"):
            text = _strip_roff(text)
        elif path.endswith((".html", ".htm", ".html.gz")):
            text = _strip_html(text)
        keep = []
        for para in re.split(r"\n\s*\n", text):
            norm = " ".join(para.split())
            if len(norm) < 2:
                continue
            h = hashlib.blake2b(norm.encode(), digest_size=12).digest()
            if h not in seen:
                seen.add(h)
                keep.append(para)
        if keep:
            yield label, "\n\n".join(keep)


class _Cached:
    """Replays a generator's items for a second consumer, continuing it when needed."""

    def __init__(self, it: Iterator[tuple[str, str]]) -> None:
        self.it = it
        self.items: list[tuple[str, str]] = []

    def __iter__(self) -> Iterator[tuple[str, str]]:
        i = 0
        while True:
            if i == len(self.items):
                nxt = next(self.it, None)
                if nxt is None:
                    return
                self.items.append(nxt)
            yield self.items[i]
            i += 1


def _encode_long(encode: Callable[[str], list[int]], text: str, piece: int = 50_000) -> list[int]:
    """Encodes in pieces cut at line ends (bpe-openai refuses inputs of more than 200k tokens)."""
    out: list[int] = []
    while text:
        cut = len(text) if len(text) <= piece else (text.rfind("\n", 0, piece) + 1 or piece)
        out += encode(text[:cut])
        text = text[cut:]
    return out


def cut_windows(docs: _Cached, encode: Callable[[str], list[int]], n: int, length: int,
                max_per_doc: int) -> tuple[list[IntArray], Counter[str], int]:
    """Up to n distinct non-overlapping windows of `length` tokens; (windows, per source, dropped dups)."""
    wins: list[IntArray] = []
    by_src: Counter[str] = Counter()
    seen: set[bytes] = set()
    dups = 0
    for label, text in docs:
        ids = np.asarray(_encode_long(encode, text[: max_per_doc * length * 16]), dtype=np.int64)
        for j in range(0, min(len(ids) // length, max_per_doc) * length, length):
            w = ids[j : j + length]
            b = w.tobytes()
            if b in seen:
                dups += 1
                continue
            seen.add(b)
            wins.append(w)
            by_src[label] += 1
            if len(wins) >= n:
                return wins, by_src, dups
    return wins, by_src, dups


# ---------------------------------------------------------------- scoring

def _unique_rows(a: IntArray) -> tuple[IntArray, IntArray]:
    a = np.ascontiguousarray(a)
    v = a.view(np.dtype((np.void, a.dtype.itemsize * a.shape[1]))).ravel()
    _, first, inv = np.unique(v, return_index=True, return_inverse=True)
    return a[first], inv.ravel()


class Corpus:
    """Each window's scored (context, token) pairs (the library's `scored_pairs`), as indexes
    into the corpus's distinct pairs, so that each distinct pair is hashed once per key."""

    def __init__(self, windows: list[IntArray], params: WatermarkParams) -> None:
        per = [scored_pairs(w.tolist(), params) for w in windows]
        self.t = np.array([len(tk) for _, tk in per], dtype=np.int64)
        c = params.context
        pairs = (np.concatenate([np.column_stack([cx, tk]) for cx, tk in per if len(tk)]) if self.t.sum()
                 else np.empty((0, c + 1), np.int64))
        self.uniq, self.inv = _unique_rows(pairs)
        self.ctx, self.tok = self.uniq[:, :c], self.uniq[:, c]
        self.off = np.concatenate([[0], np.cumsum(self.t)])


FlagFn = Callable[[IntArray, IntArray], npt.NDArray[np.bool_]]


def green_counts(corpus: Corpus, k: int, flags: FlagFn, chunk: int = 2048) -> npt.NDArray[np.int16]:
    """Green count per window and key: for the keyed hash, the same as Detector.detect's
    `green_flags(keys, *scored_pairs(tokens)).sum(axis=1)` for each window."""
    u = len(corpus.uniq)
    packed = np.zeros((u + 1, (k + 7) // 8), np.uint8)  # one bit per key; row u: padding, never green
    for s in range(0, u, chunk):
        e = min(u, s + chunk)
        packed[s:e] = np.packbits(flags(corpus.ctx[s:e], corpus.tok[s:e]), axis=0).T
    t, off = corpus.t, corpus.off
    width = max(1, int(t.max()) if len(t) else 1)
    counts = np.zeros((len(t), k), np.int16 if width < 2**15 else np.int32)
    acc = np.uint8 if width < 2**8 else np.uint16 if width < 2**16 else np.uint32
    step = max(1, 50_000_000 // (width * k))
    cols = np.arange(width)
    for r0 in range(0, len(t), step):
        r1 = min(len(t), r0 + step)
        idx = np.full((r1 - r0, width), u, np.int64)  # each window's distinct pairs, padded to one width
        idx[cols[None, :] < t[r0:r1, None]] = corpus.inv[off[r0] : off[r1]]
        counts[r0:r1] = np.unpackbits(packed[idx], axis=2, count=k).sum(axis=1, dtype=acc)
    return counts


def _attained(tail: npt.NDArray[np.float64], thr: float) -> float:
    """P(p <= thr) of the exact (discrete) binomial test: the largest tail value <= thr."""
    ok = np.nonzero(tail <= thr)[0]
    return float(tail[ok[0]]) if len(ok) else 0.0


def cp_upper(x: int, n: int, conf: float = 0.95) -> float:
    """One-sided Clopper-Pearson upper confidence bound for a binomial proportion x/n."""
    if n == 0 or x >= n:
        return 1.0
    i = np.arange(x + 1, dtype=np.float64)
    logc = np.concatenate([[0.0], np.cumsum(np.log(n - i[1:] + 1) - np.log(i[1:]))])

    def cdf(p: float) -> float:
        return float(np.exp(logc + i * math.log(p) + (n - i) * math.log1p(-p)).sum())

    lo, hi = x / n, 1.0
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if cdf(mid) > 1 - conf else (lo, mid)
    return hi


def null_stats(counts: npt.NDArray[np.int16], t: IntArray, params: WatermarkParams, alpha: float) -> dict[str, Any]:
    """Observed and (idealized-model) expected counts of small p-values, per key and family-wise."""
    n, k = counts.shape
    obs = dict.fromkeys(THRESHOLDS, 0)
    exp = dict.fromkeys(THRESHOLDS, 0.0)
    fw_exp = dict.fromkeys((*FW_LEVELS, alpha), 0.0)
    minp = np.ones(n)
    key_obs = {thr: np.zeros(k, np.int64) for thr in THRESHOLDS}  # per key: windows with p <= thr
    for tv in np.unique(t):
        if tv == 0:
            continue
        idx = np.nonzero(t == tv)[0]
        tail = binomial_tail(int(tv), params.gamma)
        pv = tail[counts[idx]]
        for thr in THRESHOLDS:
            hit = (pv <= thr).sum(axis=0)
            key_obs[thr] += hit
            obs[thr] += int(hit.sum())
            exp[thr] += len(idx) * k * _attained(tail, thr)
        minp[idx] = pv.min(axis=1)
        for a in fw_exp:
            fw_exp[a] += len(idx) * -math.expm1(k * math.log1p(-_attained(tail, a / k)))
    adj = np.minimum(1.0, minp * k)  # Holm at the smallest p-value is Bonferroni
    fw_obs = {a: int((adj <= a).sum()) for a in fw_exp}
    return {"n": n, "k": k, "obs": obs, "exp": exp, "fw_obs": fw_obs, "fw_exp": fw_exp, "minp": float(minp.min()),
            "minadj": float(adj.min()), "key_obs": key_obs}


def merge_stats(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """Sums the statistics of the same windows under several independent secrets (key sets)."""
    out = dict(parts[0])
    out["n"] = sum(p["n"] for p in parts)
    for f in ("obs", "exp", "fw_obs", "fw_exp"):
        out[f] = {a: sum(p[f][a] for p in parts) for a in parts[0][f]}
    out["key_obs"] = {a: np.concatenate([p["key_obs"][a] for p in parts]) for a in parts[0]["key_obs"]}
    out["minp"] = min(p["minp"] for p in parts)
    out["minadj"] = min(p["minadj"] for p in parts)
    return out


def _z(st: dict[str, Any], thr: float) -> float:
    """(observed - expected) / its standard error. Given the windows, keys are independent under
    the idealized model, so the spread of the per-key counts gives the error of their sum even
    though windows that share pairs are correlated."""
    ko = st["key_obs"][thr]
    sd = float(ko.std(ddof=1)) * math.sqrt(len(ko)) if len(ko) > 1 else 0.0
    if sd == 0 or st["exp"][thr] < 20:  # too few events for a normal approximation
        return float("nan")
    return (st["obs"][thr] - st["exp"][thr]) / sd


def null_report(name: str, t: IntArray, st: dict[str, Any], ctl: dict[str, Any] | None, alpha: float,
                secrets: int) -> None:
    n, k = st["n"], st["k"]
    pairs = n * k
    per = f" ({len(t):,} windows x {secrets} secrets)" if secrets > 1 else ""
    fp = st["fw_obs"][alpha]
    c = (lambda d, key, x: f"  {d[key][x]:>10,}") if ctl else (lambda d, key, x: "")
    ch = "     control" if ctl else ""
    print(f"[{name}] {len(t):,} human windows x {k:,} keys x {secrets} secret(s); scored tokens per window mean "
          f"{t.mean():.1f}, median {np.median(t):.0f}, min {t.min()}")
    print(f"[{name}] ATTRIBUTED TO ANYONE at alpha={alpha:g}: {fp} of {n:,}{per} = {fp / n:.2e}, 95% upper bound "
          f"{cp_upper(fp, n):.2e} (expected under the idealized model {st['fw_exp'][alpha]:.2f} windows"
          + (f"; ideal-hash control: {ctl['fw_obs'][alpha]}" if ctl else "") + ")")
    print(f"[{name}] family-wise: windows whose Holm-adjusted p (smallest over the {k:,} keys) <= level")
    print(f"    level      observed  rate       95% upper    expected{ch}")
    for a in FW_LEVELS:
        x = st["fw_obs"][a]
        print(f"    {a:<8g}  {x:>9,}  {x / n:.3e}  {cp_upper(x, n):.3e}  {st['fw_exp'][a]:>10.1f}{c(ctl, 'fw_obs', a)}")
    print(f"[{name}] raw per-key p-values over {pairs:,} (window, key) pairs: share with p <= t")
    print(f"    t           observed  P(p<=t)    P/t      expected  obs/exp      z{ch}{'      z' if ctl else ''}")
    for thr in THRESHOLDS:
        x, e = st["obs"][thr], st["exp"][thr]
        print(f"    {thr:<7g}  {x:>11,}  {x / pairs:.3e}  {x / pairs / thr:5.3f}  {e:>12.1f}  "
              f"{(x / e) if e else float('nan'):6.3f}  {_z(st, thr):5.1f}{c(ctl, 'obs', thr)}"
              + (f"  {_z(ctl, thr):5.1f}" if ctl else ""))
    kh = st["key_obs"][1e-4]
    print(f"[{name}] smallest raw p-value {st['minp']:.3e}, smallest Holm-adjusted {st['minadj']:.3e}; (window, key) "
          f"pairs with p <= 1e-4 spread over {int((kh > 0).sum())} of {len(kh):,} keys (most on one key: {int(kh.max())})"
          + (f"; control: {int((ctl['key_obs'][1e-4] > 0).sum())} keys, most {int(ctl['key_obs'][1e-4].max())}"
             if ctl else ""))


def cross_check(det: Detector, windows: list[IntArray], counts: npt.NDArray[np.int16], t: IntArray,
                params: WatermarkParams) -> float:
    """Runs Detector.detect on windows, compares with the vectorized scores; seconds per call."""
    t0 = time.perf_counter()
    for i, w in enumerate(windows):
        d = det.detect(w.tolist())
        mine = binomial_tail(int(t[i]), params.gamma)[counts[i]] if t[i] else np.ones(len(det.tenants))
        got = np.array([d.p_values[n] for n in det.tenants])
        if d.tokens != t[i] or not np.array_equal(got, mine):
            raise SystemExit(f"cross-check failed on window {i}: Detector and bench disagree")
        best = int(np.argmin(mine))
        expect = det.tenants[best] if min(1.0, mine[best] * len(mine)) <= det.alpha else None
        if d.tenant != expect:
            raise SystemExit(f"cross-check failed on window {i}: attribution differs")
    return (time.perf_counter() - t0) / max(1, len(windows))


# ---------------------------------------------------------------- main

def _tokenizers(names: list[str], model_dir: Path | None, tiny_tok: Any) -> dict[str, Callable[[str], list[int]]]:
    out: dict[str, Callable[[str], list[int]]] = {}
    for name in names:
        if name == "tiny":
            if tiny_tok is None:
                print("[tiny] skipped: torch/transformers not installed (pip install -e '.[local]')")
                continue
            out[name] = lambda s, tok=tiny_tok: list(tok(s, add_special_tokens=False).input_ids)
        elif name == "cl100k":
            import bpe_openai  # type: ignore[import-untyped]

            enc = bpe_openai.get_encoding("cl100k_base")
            out[name] = lambda s, e=enc: list(e.encode(s))
        else:
            raise SystemExit(f"unknown tokenizer {name!r} (tiny, cl100k)")
    return out


def _engine(model_dir: Path, gamma: float, delta: float) -> tuple[Any, Any]:
    """The `local` provider's engine on the tiny model, watermarking at (gamma, delta); (engine, config)."""
    import torch

    from gatehouse.provenance.config import WatermarkConfig
    from gatehouse.providers.local import LocalEngine, LocalOptions

    torch.set_num_threads(1)
    wm = WatermarkConfig(gamma=gamma, delta=delta)
    os.environ[wm.secret_env] = SECRET
    eng = LocalEngine(LocalOptions.from_dict({"model_path": str(model_dir), "device": "cpu",
                                              "watermark": {"gamma": wm.gamma, "delta": wm.delta}}))
    eng.load()
    return eng, wm


def _prompts(rng: random.Random, n: int) -> list[str]:
    from tests.provenance import textgen

    vocab = textgen.vocabulary()
    return ["Explain " + " ".join(rng.sample(vocab, 6)) for _ in range(n)]


def _generate(eng: Any, jobs: list[tuple[str | None, str]], length: int, seed: int) -> list[dict[str, Any]]:
    """One completion per (tenant or None, prompt), seeded per job index (so runs are paired)."""
    return [eng.generate({"prompt": p, "max_tokens": length, "seed": seed * 100_003 + i}, tn)
            for i, (tn, p) in enumerate(jobs)]


def _score_lm(model: Any, tok: Any, prompt: str, out: dict[str, Any]) -> tuple[float, float, int]:
    """(summed NLL, summed next-token entropy, tokens) of a completion under `model` (no watermark),
    given its prompt as the engine tokenized it: the completion's text re-tokenized, plus the
    end-of-text token when the model sampled it."""
    import torch

    p_ids = tok(prompt, return_tensors="pt").input_ids[0]
    c_ids = list(tok(out["text"], add_special_tokens=False).input_ids)
    if out["finish_reason"] == "stop" and tok.eos_token_id is not None:
        c_ids.append(tok.eos_token_id)
    if not c_ids:
        return 0.0, 0.0, 0
    ids = torch.cat([p_ids, torch.tensor(c_ids, dtype=p_ids.dtype)])[None]
    with torch.no_grad():
        lp = torch.log_softmax(model(ids).logits[0, len(p_ids) - 1 : -1].float(), dim=-1)
    tgt = torch.tensor(c_ids)
    nll = -float(lp[torch.arange(len(c_ids)), tgt].sum())
    ent = -float((lp.exp() * lp).sum())
    return nll, ent, len(c_ids)


def _marked_summary(jobs: list[tuple[str | None, str]], outs: list[dict[str, Any]], res: list[dict[str, Any]],
                    length: int) -> dict[str, Any]:
    """Attribution of the watermarked jobs: right / wrong / none, overall and at full length."""
    marked = [(tn, o, r) for (tn, _), o, r in zip(jobs, outs, res) if tn is not None]
    full = [(tn, r) for tn, o, r in marked if o["completion_tokens"] == length]
    return {"n": len(marked), "right": sum(r["tenant"] == tn for tn, _, r in marked),
            "wrong": sum(r["tenant"] not in (tn, None) for tn, _, r in marked),
            "n_full": len(full), "right_full": sum(r["tenant"] == tn for tn, r in full),
            "marked": marked}


def _lower(x: int, n: int) -> float:
    """One-sided 95% Clopper-Pearson lower bound of x/n."""
    return 1 - cp_upper(n - x, n) if n else 0.0


def generate_and_attribute(args: argparse.Namespace, model_dir: Path, tok: Any, tenants: list[str]) -> None:
    import torch

    from gatehouse.provenance.watermark.attribute import attribute

    eng, wm = _engine(model_dir, args.gamma, args.delta)
    rng = random.Random(args.seed + 2)
    jobs: list[tuple[str | None, str]] = [(rng.choice(tenants), p) for p in _prompts(rng, args.generate)]
    jobs += [(None, p) for p in _prompts(rng, args.unmarked)]
    t0 = time.perf_counter()
    outs = _generate(eng, jobs, args.length, args.seed)
    t1 = time.perf_counter()
    res = attribute([o["text"] for o in outs], tok, tenants, wm, alpha=args.alpha)
    t2 = time.perf_counter()
    print(f"[generate] {len(jobs)} completions of up to {args.length} tokens (tiny GPT-2, train_steps="
          f"{args.train_steps}, gamma {wm.gamma}, delta {wm.delta}) in {t1 - t0:.1f}s "
          f"({(t1 - t0) / max(1, len(jobs)):.3f}s each); attributed in {t2 - t1:.1f}s "
          f"({(t2 - t1) / max(1, len(jobs)) * 1e3:.1f} ms each, {len(tenants):,} keys)")
    s = _marked_summary(jobs, outs, res, args.length)
    if s["n"]:
        n, right, wrong, nf, rf, marked = s["n"], s["right"], s["wrong"], s["n_full"], s["right_full"], s["marked"]
        toks = np.array([r["tokens"] for _, _, r in marked])
        ps = np.array([r["p_value"] for _, _, r in marked])
        print(f"[generate] WATERMARKED: {right}/{n} = {right / n:.2%} attributed to the right "
              f"tenant (95% lower bound {_lower(right, n):.2%}), {wrong} to a wrong tenant, {n - right - wrong} to none")
        print(f"[generate] of the {nf} that ran the full {args.length} tokens (the others drew the end-of-text "
              f"token early): {rf}/{nf} = {rf / max(1, nf):.2%} right (95% lower bound {_lower(rf, nf):.2%})")
        print(f"[generate] scored tokens per text mean {toks.mean():.1f} (min {toks.min()}); Holm-adjusted "
              f"p of the best key: median {np.median(ps):.1e}, max {ps.max():.1e}")
        gm = [r for _, _, r in marked if r["tenant"] is None]
        for r in gm[:5]:
            print(f"    missed: {r['tokens']} tokens, best adjusted p {r['p_value']:.2e}")
    un = [(p, o, r) for (tn, p), o, r in zip(jobs, outs, res) if tn is None]
    if un:
        print(f"[generate] unwatermarked: {sum(r['tenant'] is not None for _, _, r in un)} of {len(un)} attributed "
              f"(smallest adjusted p {min(r['p_value'] for _, _, r in un):.2e})")
        model, _ = eng.load()
        torch.set_num_threads(1)
        sc = np.array([_score_lm(model, tok, p, o) for p, o, _ in un])
        if sc[:, 2].sum():
            print(f"[generate] the model on its own unwatermarked completions: perplexity "
                  f"{math.exp(sc[:, 0].sum() / sc[:, 2].sum()):.1f}, mean next-token entropy "
                  f"{sc[:, 1].sum() / sc[:, 2].sum():.2f} nats (uniform over the vocabulary: {math.log(len(tok)):.2f}); "
                  f"the watermark's strength depends on this entropy")


def sweep(args: argparse.Namespace, model_dir: Path, tok: Any, tenants: list[str], deltas: list[float]) -> None:
    """Quality against strength: the same prompts, tenants and sampling seeds at every delta
    (paired), completions scored by the unwatermarked model and attributed over all keys."""
    from gatehouse.provenance.watermark.attribute import attribute

    rng = random.Random(args.seed + 4)
    jobs: list[tuple[str | None, str]] = [(rng.choice(tenants), p) for p in _prompts(rng, args.sweep_n)]
    params = WatermarkParams(gamma=args.gamma)
    keys = {tn: tenant_key(SECRET.encode(), tn) for tn in tenants}
    boot = np.random.default_rng(args.seed + 5).integers(0, len(jobs), (1000, len(jobs)))
    base: Any = None
    rows = []
    print(f"[sweep] {len(jobs)} completions of up to {args.length} new tokens per delta (tiny GPT-2, train_steps="
          f"{args.train_steps}, gamma {args.gamma}, temperature 1, top_p 1), same prompts/tenants/seeds at every "
          f"delta, random tenants among {len(tenants):,} keys, alpha {args.alpha:g}")
    for delta in deltas:
        t0 = time.perf_counter()
        eng, wm = _engine(model_dir, args.gamma, delta)
        model, _ = eng.load()
        outs = _generate(eng, jobs, args.length, args.seed)
        t1 = time.perf_counter()
        res = attribute([o["text"] for o in outs], tok, tenants, wm, alpha=args.alpha)
        # z of each text under its own tenant's key (attribute reports the best key's)
        z_own = np.array([Detector({tn: keys[tn]}, params).detect(list(tok(o["text"], add_special_tokens=False)
                          .input_ids)).z_scores[tn] for (tn, _), o in zip(jobs, outs) if tn is not None])
        sc = np.array([_score_lm(model, tok, p, o) for (_, p), o in zip(jobs, outs)])
        t2 = time.perf_counter()
        s = _marked_summary(jobs, outs, res, args.length)
        ppl = math.exp(sc[:, 0].sum() / sc[:, 2].sum())
        if base is None:
            base = sc
        # paired bootstrap over the prompts of the pooled perplexity's ratio to the first delta's
        ratio = np.exp(sc[boot, 0].sum(1) / sc[boot, 2].sum(1) - base[boot, 0].sum(1) / base[boot, 2].sum(1))
        lens = np.array([o["completion_tokens"] for o in outs])
        rows.append((delta, ppl, float(np.exp(sc[:, 0].sum() / sc[:, 2].sum() - base[:, 0].sum() / base[:, 2].sum())),
                     np.percentile(ratio, [2.5, 97.5]), sc[:, 1].sum() / sc[:, 2].sum(), s, float(z_own.mean()),
                     float(lens.mean())))
        print(f"[sweep] delta {delta:g}: generated in {t1 - t0:.1f}s, attributed + scored in {t2 - t1:.1f}s", flush=True)
        for tn, o, r in s["marked"]:
            if r["tenant"] not in (tn, None):
                print(f"    wrong: marked for {tn}, attributed to {r['tenant']} (adjusted p {r['p_value']:.2e}, "
                      f"z {r['z']}; raw p {r['p_values'][r['tenant']]:.2e}; own key's raw p {r['p_values'][tn]:.2e}), "
                      f"{r['tokens']} scored tokens")
    print(f"[sweep] perplexity: of the completions (new tokens + end-of-text when sampled, given the prompt) under "
          f"the UNWATERMARKED model, pooled over tokens; +% vs delta {deltas[0]:g} with a paired bootstrap 95% interval. "
          f"attributed: to the right tenant at alpha {args.alpha:g} over {len(tenants):,} keys (95% lower bound); "
          f"z: mean z-score under the text's own tenant key")
    print(f"    delta  perplexity  +% vs {deltas[0]:<4g} (95% CI)      entropy  mean len  attributed all (lb)       "
          f"full-length {args.length} (lb)       wrong  mean z")
    for delta, ppl, r, ci, ent, s, z, ln in rows:
        n, right, nf, rf = s["n"], s["right"], s["n_full"], s["right_full"]
        print(f"    {delta:<5g}  {ppl:>10.2f}  {(r - 1) * 100:>+8.1f}% ({(ci[0] - 1) * 100:+.1f}..{(ci[1] - 1) * 100:+.1f})  "
              f"{ent:7.2f}  {ln:8.1f}  {right:>3}/{n} {right / n:7.2%} ({_lower(right, n):6.2%})  "
              f"{rf:>3}/{nf} {rf / max(1, nf):7.2%} ({_lower(rf, nf):6.2%})  {s['wrong']:>5}  {z:6.2f}")


def main(args: argparse.Namespace) -> None:
    t_start = time.perf_counter()
    params = WatermarkParams(gamma=args.gamma, delta=args.delta)
    tenants = [f"tn_{i:04d}" for i in range(args.keys)]
    keys = {tn: tenant_key(SECRET.encode(), tn) for tn in tenants}
    det = Detector(keys, params, alpha=args.alpha)
    karr = det.keys
    names = [s.strip() for s in args.tokenizers.split(",") if s.strip()]

    tmp = tempfile.TemporaryDirectory(prefix="gh_bench_wm_")
    model_dir: Path | None = None
    tiny_tok: Any = None
    deltas = [float(x) for x in args.sweep.split(",") if x.strip()]
    if deltas:
        args.generate = args.unmarked = 0  # the sweep replaces step 4
    if "tiny" in names or args.generate or args.unmarked or deltas:
        try:
            import torch  # noqa: F401
            from transformers import AutoTokenizer
        except ImportError:
            print("torch/transformers missing: no tiny tokenizer, no generation (pip install -e '.[local]')")
        else:
            from tests.provenance.tinymodel import build_tiny_model

            t0 = time.perf_counter()
            torch.set_num_threads(1)
            if args.model_dir is not None:  # an operator's own model: its tokenizer plays the `tiny` part
                model_dir = args.model_dir
                tiny_tok = AutoTokenizer.from_pretrained(str(model_dir))
                print(f"[stage] model {model_dir} ({len(tiny_tok):,} tokens)")
            else:
                model_dir = build_tiny_model(Path(tmp.name) / "model", train_steps=args.train_steps)
                tiny_tok = AutoTokenizer.from_pretrained(str(model_dir))
                print(f"[stage] tiny GPT-2 + tokenizer built ({len(tiny_tok):,} tokens, "
                      f"train_steps={args.train_steps}) in {time.perf_counter() - t0:.1f}s")
    encoders = _tokenizers(names, model_dir, tiny_tok)
    docs = _Cached(human_documents(args.seed))
    for name, enc in encoders.items():
        t0 = time.perf_counter()
        wins, by_src, dups = cut_windows(docs, enc, args.windows, args.length, args.max_per_doc)
        t1 = time.perf_counter()
        print(f"[stage] {name}: {len(wins):,} distinct windows of {args.length} tokens from {len(docs.items):,} "
              f"documents read so far ({', '.join(f'{k} {v:,}' for k, v in by_src.most_common())}; "
              f"{dups:,} duplicate windows dropped) in {t1 - t0:.1f}s")
        if len(wins) < args.windows:
            print(f"[{name}] note: only {len(wins):,} windows available (asked {args.windows:,})")
        corpus = Corpus(wins, params)
        t = corpus.t
        k = len(karr)
        sts, ctls = [], []
        t_score = t_check = t_ctl = 0.0
        rng = np.random.default_rng(args.seed + 3)
        for sec in range(args.secrets):
            ta = time.perf_counter()
            ks = karr if sec == 0 else np.array([tenant_key(f"{SECRET}/{sec}".encode(), tn) for tn in tenants],
                                                dtype=np.uint64)
            counts = green_counts(corpus, k, lambda cx, tk, ks=ks: green_flags(ks, cx, tk, params))
            if sec == 0:
                tb = time.perf_counter()
                per_call = cross_check(det, wins[: args.check], counts, t, params)
                t_check = time.perf_counter() - tb
            sts.append(null_stats(counts, t, params, args.alpha))
            del counts
            tc = time.perf_counter()
            t_score += tc - ta
            if args.control:
                ctls.append(null_stats(green_counts(
                    corpus, k, lambda cx, tk: rng.random((k, len(tk)), np.float32) < params.gamma), t, params, args.alpha))
            t_ctl += time.perf_counter() - tc
        print(f"[stage] {name}: scored {len(wins):,} windows x {k:,} keys x {args.secrets} secret(s) "
              f"({int(t.sum()):,} scored tokens, {len(corpus.uniq):,} distinct pairs), statistics included, "
              f"in {t_score - t_check:.1f}s (+ ideal-hash control {t_ctl:.1f}s)")
        print(f"[stage] {name}: cross-check of {min(args.check, len(wins))} windows against Detector.detect: "
              f"identical p-values and attributions ({per_call * 1e3:.1f} ms per detect call; all windows that "
              f"way ≈ {per_call * len(wins) * args.secrets:.0f}s) in {t_check:.1f}s")
        null_report(name, t, merge_stats(sts), merge_stats(ctls) if ctls else None, args.alpha, args.secrets)
    if (args.generate or args.unmarked) and model_dir is not None:
        t0 = time.perf_counter()
        generate_and_attribute(args, model_dir, tiny_tok, tenants)
        print(f"[stage] generation + attribution in {time.perf_counter() - t0:.1f}s")
    if deltas and model_dir is not None:
        t0 = time.perf_counter()
        sweep(args, model_dir, tiny_tok, tenants, deltas)
        print(f"[stage] sweep in {time.perf_counter() - t0:.1f}s")
    tmp.cleanup()
    print(f"total {time.perf_counter() - t_start:.1f}s")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--windows", type=int, default=50_000, help="human windows per tokenizer")
    ap.add_argument("--length", type=int, default=200, help="tokens per window and per generated text")
    ap.add_argument("--max-per-doc", type=int, default=100, help="most windows cut from one document")
    ap.add_argument("--keys", type=int, default=1000, help="tenant keys registered")
    ap.add_argument("--alpha", type=float, default=1e-4, help="family-wise level (the detector's default)")
    ap.add_argument("--tokenizers", default="tiny,cl100k", help="comma list of tiny, cl100k")
    ap.add_argument("--check", type=int, default=300, help="windows also run through Detector.detect")
    ap.add_argument("--generate", type=int, default=400, help="watermarked completions (0: none)")
    ap.add_argument("--unmarked", type=int, default=100, help="completions without a watermark")
    ap.add_argument("--gamma", type=float, default=WatermarkParams().gamma, help="green-list share (default: the library's)")
    ap.add_argument("--delta", type=float, default=WatermarkParams().delta, help="logit bias (default: the library's)")
    ap.add_argument("--train-steps", type=int, default=0, help="train the tiny GPT-2 this many steps first")
    ap.add_argument("--model-dir", type=Path, default=None,
                    help="a local causal LM directory (save_pretrained) to use instead of the tiny GPT-2")
    ap.add_argument("--sweep", default="", help="comma list of deltas (e.g. 0,1,1.5,2,2.5,3): quality-vs-strength "
                    "sweep instead of step 4 (the first delta is the perplexity baseline)")
    ap.add_argument("--sweep-n", type=int, default=200, help="completions per delta in the sweep")
    ap.add_argument("--secrets", type=int, default=3,
                    help="score the windows under this many independent secrets (key sets of --keys each)")
    ap.add_argument("--no-control", dest="control", action="store_false",
                    help="skip the ideal-hash control (the same windows scored with random green flags)")
    ap.add_argument("--seed", type=int, default=5)
    main(ap.parse_args())
