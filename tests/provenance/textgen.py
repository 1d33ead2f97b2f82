"""Served responses, the edits leaked text goes through, and human-written text."""

from __future__ import annotations

import glob
import gzip
import random
import re
from pathlib import Path

from gatehouse.providers.simulator import SimulatorEngine, SimulatorOptions

__all__ = ["vocabulary", "served", "human_texts", "EDITS", "edit"]

_FALLBACK = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa "
             "quebec romeo sierra tango uniform victor whiskey xray yankee zulu").split()


def _read(path: str) -> str:
    try:
        if path.endswith(".gz"):
            with gzip.open(path, "rt", encoding="utf-8") as f:
                return f.read()
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, EOFError):
        return ""


def human_texts(limit: int = 300, words: int = 200) -> list[str]:
    """Chunks of the machine's own documentation (licenses, READMEs, changelogs)."""
    files = sorted(glob.glob("/usr/share/common-licenses/*")) + sorted(glob.glob("/usr/share/doc/*/README*"))
    files += sorted(glob.glob("/usr/share/doc/*/changelog*"))[:100]
    out: list[str] = []
    for f in files:
        ws = _read(f).split()
        for j in range(0, min(len(ws), 3000), words):
            chunk = ws[j : j + words]
            if len(chunk) >= 60:
                out.append(" ".join(chunk))
            if len(out) >= limit:
                return out
    return out


def vocabulary() -> list[str]:
    found: set[str] = set()
    for f in sorted(glob.glob("/usr/share/common-licenses/*")):
        found.update(w.lower() for w in re.findall(r"[A-Za-z]{4,}", _read(f)))
    return sorted(found) or _FALLBACK


def served(n: int, tenants: int, seed: int = 7) -> list[tuple[str, str]]:
    """(tenant, response text) pairs from the simulator, on varied prompts."""
    rng = random.Random(seed)
    vocab = vocabulary()
    eng = SimulatorEngine(SimulatorOptions(default_max_tokens=260, min_tokens=150))
    out = []
    for i in range(n):
        prompt = "Explain " + " ".join(rng.sample(vocab, 6))
        out.append((f"tn_{i % tenants:04d}", eng.prose(prompt, rng.getrandbits(60), 260)[0]))
    return out


def _sentences(t: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", t.strip()) if s]


def _reformat(t: str, rng: random.Random, human: list[str]) -> str:
    sents = _sentences(t)
    out = ["# " + sents[0].upper()]
    for s in sents[1:]:
        w = s.split()
        k = rng.randrange(len(w))
        w[k] = f"**{w[k]}**"
        out.append(("- " if rng.random() < 0.5 else "<p>") + " ".join(w).lower())
    return "\n".join(out)


def _truncate(t: str, rng: random.Random, human: list[str]) -> str:
    w = t.split()
    return " ".join(w[: len(w) // 2])


def _replace(t: str, rng: random.Random, human: list[str]) -> str:
    w = t.split()
    vocab = " ".join(human[:20]).split()
    for i in rng.sample(range(len(w)), int(0.3 * len(w))):
        w[i] = rng.choice(vocab)
    return " ".join(w)


def _reorder(t: str, rng: random.Random, human: list[str]) -> str:
    s = _sentences(t)
    rng.shuffle(s)
    return " ".join(s)


def _surround(t: str, rng: random.Random, human: list[str]) -> str:
    return rng.choice(human) + "\n\n" + t + "\n\n" + rng.choice(human)


EDITS = {"reformat": _reformat, "truncate": _truncate, "replace30": _replace, "reorder": _reorder,
         "surround": _surround}


def edit(kind: str, text: str, rng: random.Random, human: list[str]) -> str:
    return EDITS[kind](text, rng, human)
