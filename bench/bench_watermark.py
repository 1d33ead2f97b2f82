"""Benchmark: the keyed watermark's false positives on human text and its attribution rate,
with 1,000 tenant keys registered (family-wise bound across all keys).

    .venv/bin/python bench/bench_watermark.py                       # defaults, ~5 minutes on 2 cores
    .venv/bin/python bench/bench_watermark.py --windows 200000 --generate 1000 --train-steps 300
    .venv/bin/python bench/bench_watermark.py --tokenizers cl100k --generate 0   # without torch

Needs `pip install -e '.[local]'` (torch, transformers, tokenizers) for the tiny model's
tokenizer and for generation; without it only the `cl100k` tokenizer's null run happens.
Nothing is downloaded: the model is the 2-layer GPT-2 the tests build
(`tests/provenance/tinymodel.py`, untrained unless --train-steps) and the human text is this
machine's own documentation.

1. Human text. Documents under /usr/share/doc (READMEs, changelogs, copyright files, NEWS,
   Markdown, reST, HTML with tags stripped), /usr/share/man (every section and language,
   roff markup stripped), /usr/share/info and /usr/share/common-licenses, read in a seeded
   random order. Paragraphs already seen (license boilerplate copied into many packages) are
   dropped, each document is cut into non-overlapping windows of `--length` (200) tokens (at
   most `--max-per-doc` per document, so no single huge changelog dominates), and identical
   windows are kept once, until `--windows` (50,000) windows per tokenizer.
2. Tokenizers. `tiny` is the word-level tokenizer the tests build for the tiny GPT-2 (the one
   the `local` provider and `gatehouse provenance watermark` would use with that model). Its
   vocabulary is only ~1,450 words from simulator prose, so about 70% of the words of real
   documentation map to [UNK]; a 200-token window then has far fewer distinct (context, token)
   pairs to score (repeats are scored once). It is kept because it is the model's tokenizer.
   `cl100k` is OpenAI's cl100k_base BPE (100k tokens, bundled with the `bpe-openai` package
   the metering code already uses): a production-size vocabulary in which nearly every window
   has ~150-200 distinct pairs, i.e. what a real self-hosted model's tokenizer gives. The
   detector only sees token ids, so its null behaviour depends on the tokenizer only through
   those pairs; running both covers the sparse and the realistic case.
3. Null scoring. Every window is scored against `--keys` (1,000) tenant keys (HMAC-derived as in
   production) with the library's own `scored_pairs` (per-text de-duplication), `green_flags`
   (the keyed hash) and `binomial_tail` (exact p-values). Instead of calling Detector.detect
   50,000 times, the green flags are computed once per distinct (context, token) pair of the
   whole corpus under every key and summed per window; the first `--check` windows are also
   run through the real `Detector.detect`, and the bench stops if any p-value or attribution
   differs. Printed: windows attributed to anyone at `--alpha` (1e-4) with a one-sided 95%
   Clopper-Pearson upper bound on the false positive rate, the same at looser levels
   (1e-1..1e-5, where the counts are large enough to check the family-wise bound empirically),
   the calibration of the raw per-key p-values (observed share of (window, key) pairs with
   p <= t against t and against the exact expectation of the discrete binomial test), and the
   smallest raw and Holm-adjusted p-values seen. "expected" is what the idealized model
   predicts (each distinct pair green with probability gamma, independently across pairs and
   keys); observed/expected near 1 at every level down to alpha/keys = 1e-7 is the evidence
   that the family-wise bound holds. (window, key) pairs are not independent (windows share
   pairs), so the calibration's upper bounds are indicative only.
4. Watermarked text. `--generate` (400) completions of 200 new tokens from the tiny model via
   the `local` provider's engine (`LocalEngine.generate`, i.e. `GreenListProcessor` at the
   default gamma 0.25, delta 2.0), each for a random one of the 1,000 tenants, plus `--unmarked`
   (100) completions without a watermark; all are attributed with
   `gatehouse.provenance.watermark.attribute.attribute` (the CLI's path: decode, re-tokenize,
   Detector with Holm over all keys). Printed: share attributed to the right tenant, wrong
   attributions, unmarked texts attributed. The untrained model is near-uniform over its
   vocabulary (the easiest case for a watermark); --train-steps N trains it N steps on
   simulator prose first, a lower-entropy model that is harder.

CPU only, one process: torch, BLAS and tokenizers are limited to one thread.
"""

from __future__ import annotations

import argparse
import gzip
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
    seen: set[int] = set()
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
            h = hash(norm)
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


def cut_windows(docs: _Cached, encode: Callable[[str], list[int]], n: int, length: int,
                max_per_doc: int) -> tuple[list[IntArray], Counter[str], int]:
    """Up to n distinct non-overlapping windows of `length` tokens; (windows, per source, dropped dups)."""
    wins: list[IntArray] = []
    by_src: Counter[str] = Counter()
    seen: set[bytes] = set()
    dups = 0
    for label, text in docs:
        ids = np.asarray(encode(text[: max_per_doc * length * 16]), dtype=np.int64)
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


def green_counts(windows: list[IntArray], keys: npt.NDArray[np.uint64], params: WatermarkParams,
                 chunk: int = 2048) -> tuple[npt.NDArray[np.int16], IntArray, int]:
    """(green count per window and key, scored tokens per window, distinct pairs in the corpus).

    The same as Detector.detect's `green_flags(keys, *scored_pairs(tokens)).sum(axis=1)` for each
    window, with each distinct (context, token) pair of the corpus hashed once per key."""
    c = params.context
    per = [scored_pairs(w.tolist(), params) for w in windows]
    t = np.array([len(tk) for _, tk in per], dtype=np.int64)
    pairs = np.concatenate([np.column_stack([cx, tk]) for cx, tk in per if len(tk)]) if t.sum() else \
        np.empty((0, c + 1), np.int64)
    uniq, inv = _unique_rows(pairs)
    k = len(keys)
    packed = np.empty((len(uniq), (k + 7) // 8), np.uint8)
    for s in range(0, len(uniq), chunk):
        flags = green_flags(keys, uniq[s : s + chunk, :c], uniq[s : s + chunk, c], params)  # (K, n)
        packed[s : s + chunk] = np.packbits(flags, axis=0).T
    counts = np.zeros((len(windows), k), np.int16)
    off = np.concatenate([[0], np.cumsum(t)])
    step = max(1, 40_000 // max(1, int(t.mean()) if len(t) else 1))
    for r0 in range(0, len(windows), step):
        r1 = min(len(windows), r0 + step)
        rows = [r for r in range(r0, r1) if t[r] > 0]
        if not rows:
            continue
        bits = np.unpackbits(packed[inv[off[r0] : off[r1]]], axis=1, count=k)
        starts = off[rows] - off[r0]
        counts[rows] = np.add.reduceat(bits, starts, axis=0, dtype=np.int32)
    return counts, t, len(uniq)


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


def null_report(name: str, counts: npt.NDArray[np.int16], t: IntArray, params: WatermarkParams,
                alpha: float) -> dict[str, Any]:
    n, k = counts.shape
    obs = dict.fromkeys(THRESHOLDS, 0)
    exp = dict.fromkeys(THRESHOLDS, 0.0)
    minp = np.ones(n)
    fw_exp = dict.fromkeys((*FW_LEVELS, alpha), 0.0)
    for tv in np.unique(t):
        idx = np.nonzero(t == tv)[0]
        if tv == 0:
            continue
        tail = binomial_tail(int(tv), params.gamma)
        pv = tail[counts[idx]]
        for thr in THRESHOLDS:
            obs[thr] += int((pv <= thr).sum())
            exp[thr] += len(idx) * k * _attained(tail, thr)
        minp[idx] = pv.min(axis=1)
        for a in fw_exp:
            fw_exp[a] += len(idx) * -math.expm1(k * math.log1p(-_attained(tail, a / k)))
    adj = np.minimum(1.0, minp * k)  # Holm at the smallest p-value is Bonferroni
    fp = int((adj <= alpha).sum())
    pairs = n * k
    print(f"[{name}] {n:,} human windows x {k:,} keys; scored tokens per window mean {t.mean():.1f}, "
          f"median {np.median(t):.0f}, min {t.min()}")
    print(f"[{name}] attributed to anyone at alpha={alpha:g}: {fp} of {n:,} = {fp / n:.2e} "
          f"(95% upper bound {cp_upper(fp, n):.2e}; expected under the model {fw_exp[alpha]:.2f} texts)")
    print(f"[{name}] family-wise error by level (texts with Holm-adjusted p <= level):")
    print("    level     observed  rate       95% upper  expected")
    for a in FW_LEVELS:
        x = int((adj <= a).sum())
        print(f"    {a:<8g}  {x:>8,}  {x / n:.3e}  {cp_upper(x, n):.3e}  {fw_exp[a]:>9.1f}")
    print(f"[{name}] raw per-key p-value calibration over {pairs:,} (window, key) pairs:")
    print("    t        observed      P(p<=t)    P/t     expected   obs/exp   95% upper/t")
    for thr in THRESHOLDS:
        x = obs[thr]
        print(f"    {thr:<7g}  {x:>10,}  {x / pairs:.3e}  {x / pairs / thr:5.3f}  {exp[thr]:>10.1f}  "
              f"{(x / exp[thr]) if exp[thr] else float('nan'):6.3f}   {cp_upper(x, pairs) / thr:.3f}")
    print(f"[{name}] smallest raw p-value {minp.min():.3e}, smallest Holm-adjusted {adj.min():.3e} "
          f"(alpha {alpha:g})")
    return {"fp": fp, "n": n, "obs": obs, "exp": exp, "pairs": pairs, "minp": float(minp.min())}


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


def generate_and_attribute(args: argparse.Namespace, model_dir: Path, tok: Any, tenants: list[str]) -> None:
    import torch

    from gatehouse.provenance.config import WatermarkConfig
    from gatehouse.provenance.watermark.attribute import attribute
    from gatehouse.providers.local import LocalEngine, LocalOptions
    from tests.provenance import textgen

    torch.set_num_threads(1)
    wm = WatermarkConfig()
    os.environ[wm.secret_env] = SECRET
    eng = LocalEngine(LocalOptions.from_dict({"model_path": str(model_dir), "device": "cpu"}))
    eng.load()
    rng = random.Random(args.seed + 2)
    vocab = textgen.vocabulary()
    jobs: list[tuple[str | None, str]] = [(rng.choice(tenants), "Explain " + " ".join(rng.sample(vocab, 6)))
                                          for _ in range(args.generate)]
    jobs += [(None, "Explain " + " ".join(rng.sample(vocab, 6))) for _ in range(args.unmarked)]
    t0 = time.perf_counter()
    outs = [eng.generate({"prompt": p, "max_tokens": args.length, "seed": args.seed * 100_003 + i}, tn)
            for i, (tn, p) in enumerate(jobs)]
    t1 = time.perf_counter()
    res = attribute([o["text"] for o in outs], tok, tenants, wm, alpha=args.alpha)
    t2 = time.perf_counter()
    print(f"[generate] {len(jobs)} completions of up to {args.length} tokens (tiny GPT-2, train_steps="
          f"{args.train_steps}, gamma {wm.gamma}, delta {wm.delta}) in {t1 - t0:.1f}s "
          f"({(t1 - t0) / max(1, len(jobs)):.3f}s each); attributed in {t2 - t1:.1f}s "
          f"({(t2 - t1) / max(1, len(jobs)) * 1e3:.1f} ms each, {len(tenants):,} keys)")
    marked = [(tn, o, r) for (tn, _), o, r in zip(jobs, outs, res) if tn is not None]
    if marked:
        full = [(tn, r) for tn, o, r in marked if o["completion_tokens"] == args.length]
        right = sum(r["tenant"] == tn for tn, _, r in marked)
        wrong = sum(r["tenant"] not in (tn, None) for tn, _, r in marked)
        right_full = sum(r["tenant"] == tn for tn, r in full)
        toks = np.array([r["tokens"] for _, _, r in marked])
        ps = np.array([r["p_value"] for _, _, r in marked])
        print(f"[generate] watermarked: {right}/{len(marked)} = {right / len(marked):.2%} attributed to the right "
              f"tenant, {wrong} to a wrong tenant, {len(marked) - right - wrong} to none; of the "
              f"{len(full)} that ran the full {args.length} tokens: {right_full}/{len(full)} = "
              f"{right_full / max(1, len(full)):.2%}")
        print(f"[generate] scored tokens per text mean {toks.mean():.1f} (min {toks.min()}); Holm-adjusted "
              f"p of the best key: median {np.median(ps):.1e}, max {ps.max():.1e}")
        gm = [r for _, _, r in marked if r["tenant"] is None]
        for r in gm[:5]:
            print(f"    missed: {r['tokens']} tokens, best adjusted p {r['p_value']:.2e}")
    un = [r for (tn, _), r in zip(jobs, res) if tn is None]
    if un:
        print(f"[generate] unwatermarked: {sum(r['tenant'] is not None for r in un)} of {len(un)} attributed "
              f"(smallest adjusted p {min(r['p_value'] for r in un):.2e})")


def main(args: argparse.Namespace) -> None:
    t_start = time.perf_counter()
    params = WatermarkParams()
    tenants = [f"tn_{i:04d}" for i in range(args.keys)]
    keys = {tn: tenant_key(SECRET.encode(), tn) for tn in tenants}
    det = Detector(keys, params, alpha=args.alpha)
    karr = det.keys
    names = [s.strip() for s in args.tokenizers.split(",") if s.strip()]

    tmp = tempfile.TemporaryDirectory(prefix="gh_bench_wm_")
    model_dir: Path | None = None
    tiny_tok: Any = None
    if "tiny" in names or args.generate or args.unmarked:
        try:
            import torch  # noqa: F401
            from transformers import AutoTokenizer
        except ImportError:
            print("torch/transformers missing: no tiny tokenizer, no generation (pip install -e '.[local]')")
        else:
            from tests.provenance.tinymodel import build_tiny_model

            t0 = time.perf_counter()
            torch.set_num_threads(1)
            model_dir = build_tiny_model(Path(tmp.name) / "model", train_steps=args.train_steps)
            tiny_tok = AutoTokenizer.from_pretrained(str(model_dir))
            print(f"[stage] tiny GPT-2 + tokenizer built ({len(tiny_tok):,} tokens, train_steps={args.train_steps}) "
                  f"in {time.perf_counter() - t0:.1f}s")
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
        counts, t, n_uniq = green_counts(wins, karr, params)
        t2 = time.perf_counter()
        print(f"[stage] {name}: scored {len(wins):,} x {len(karr):,} keys ({int(t.sum()):,} scored tokens, "
              f"{n_uniq:,} distinct pairs) in {t2 - t1:.1f}s")
        per_call = cross_check(det, wins[: args.check], counts, t, params)
        t3 = time.perf_counter()
        print(f"[stage] {name}: cross-check of {min(args.check, len(wins))} windows against Detector.detect: "
              f"identical p-values and attributions ({per_call * 1e3:.1f} ms per detect call; all windows that "
              f"way ≈ {per_call * len(wins):.0f}s) in {t3 - t2:.1f}s")
        null_report(name, counts, t, params, args.alpha)
        print(f"[stage] {name}: report in {time.perf_counter() - t3:.1f}s")
        del counts
    if (args.generate or args.unmarked) and model_dir is not None:
        t0 = time.perf_counter()
        generate_and_attribute(args, model_dir, tiny_tok, tenants)
        print(f"[stage] generation + attribution in {time.perf_counter() - t0:.1f}s")
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
    ap.add_argument("--train-steps", type=int, default=0, help="train the tiny GPT-2 this many steps first")
    ap.add_argument("--seed", type=int, default=5)
    main(ap.parse_args())
