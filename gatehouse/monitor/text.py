"""Text helpers for feature extraction: stable hashes, words, and the cue lexicons.

Hashes are `zlib.crc32` (stable across processes, unlike `hash()`), so sketches built by
the offline replay and by a live gateway agree bit for bit.
"""

from __future__ import annotations

import re
import zlib
from typing import Any

__all__ = [
    "stable_hash",
    "content_words",
    "opening",
    "closing",
    "reasoning_cue",
    "preference_cue",
    "message_text",
    "STOPWORDS",
]

_WORD = re.compile(r"[a-z][a-z'-]{2,}")
_ANY_WORD = re.compile(r"\w+")

STOPWORDS = frozenset(
    "the and for are but not you all any can had her was one our out day get has him his how man new "
    "now old see two way who did its let put say she too use that with have this will your from they "
    "know want been good much some time very when come here just like long make many more only over "
    "such take than them well were what which would about there their could other into after first "
    "these those please tell give write explain describe answer question should does also each then "
    "because while where why may might must being both same most own just don't i'm it's into onto "
    "following below above between within without through given using based".split()
)

_REASONING = re.compile(
    r"step[- ]by[- ]step|show (?:all |your )?(?:work|reasoning|steps)|chain[- ]of[- ]thought|"
    r"think (?:carefully|through|aloud|out loud)|reason(?:ing)? (?:carefully|through|explicitly)|"
    r"explain your (?:reasoning|thinking|logic)|<think>|walk (?:me )?through (?:your|the) (?:reasoning|logic)|"
    r"before (?:giving|stating) (?:the|your) (?:final )?answer|justify each step|derivation",
)
_PREFERENCE = re.compile(
    r"response a\b|response b\b|answer a\b.*answer b\b|which (?:response|answer|completion|reply|output) is (?:better|more)|"
    r"rank (?:the|these) (?:following )?(?:responses|answers|completions|outputs)|preferred (?:response|answer)|"
    r"rate (?:each|both|the following) (?:response|answer|completion)s?|chosen and rejected|pairwise",
)


def stable_hash(text: str) -> int:
    """A process-independent 32-bit hash (0 is reserved for 'absent')."""
    return zlib.crc32(text.encode("utf-8", "surrogatepass")) or 1


_WORDS_READ = 4000  # characters of a text read for its words
# a long text is read a stretch at a time, each ending at a space (no word spans one), and reading
# stops once `limit` words are kept: most long prompts reach it in their first few hundred words
_WORDS_STRETCH = 600


def content_words(text: str, limit: int = 48) -> list[int]:
    """Hashes of up to `limit` distinct content words (lowercased, stopwords dropped), in order of
    first use."""
    low = text[:_WORDS_READ].lower()
    seen: set[str] = set()
    kept: list[int] = []
    crc = zlib.crc32
    findall = _WORD.findall
    pos, end = 0, len(low)
    while pos < end:
        cut = low.find(" ", pos + _WORDS_STRETCH) if pos + _WORDS_STRETCH < end else -1
        if cut < 0:
            cut = end
        for w in findall(low, pos, cut):
            if w in seen:
                continue
            seen.add(w)
            if w not in STOPWORDS:
                kept.append(crc(w.encode()))
                if len(kept) == limit:
                    return kept
        pos = cut
    return kept


# the first three words of a text (fewer when it has fewer): `\w+` runs, as `_ANY_WORD` finds them,
# matched from the start instead of listing every word of the window
_HEAD3 = re.compile(r"\W*(\w+)(?:\W+(\w+))?(?:\W+(\w+))?")


def _first3(text: str) -> list[str]:
    m = _HEAD3.match(text)
    return [g for g in m.groups() if g] if m else []


def opening(text: str) -> int:
    """Hash of the first three words: the instruction a templated prompt starts with."""
    head = _first3(text[:200].lower())
    return stable_hash(" ".join(head)) if head else 0


def closing(text: str) -> int:
    """Hash of the last three words: a template whose slot comes first still ends the same way."""
    tail = [w[::-1] for w in reversed(_first3(text[-200:].lower()[::-1]))]
    return stable_hash("$" + " ".join(tail)) if len(tail) == 3 else 0


# literals at least one of which every match of the cue contains: most texts hold none of them, and
# scanning for a few literals costs a fraction of trying each alternative at every position
_REASONING_KEYS = ("step", "show ", "chain", "think", "reason", "explain your", "walk ", "before ", "derivation")
_PREFERENCE_KEYS = ("response a", "response b", "answer a", "which ", "rank the", "preferred ", "rate each",
                    "rate both", "rate the following", "chosen and rejected", "pairwise")


def _cue(text: str, keys: tuple[str, ...], pattern: re.Pattern[str]) -> bool:
    low = text.lower()
    for k in keys:
        if k in low:
            return pattern.search(low) is not None
    return False


def reasoning_cue(text: str) -> bool:
    return _cue(text, _REASONING_KEYS, _REASONING)


def preference_cue(text: str) -> bool:
    return _cue(text, _PREFERENCE_KEYS, _PREFERENCE)


def message_text(content: Any) -> str:
    """The text of one chat message's `content` (string or list of parts)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(p.get("text", "") for p in content if isinstance(p, dict) and isinstance(p.get("text"), str))
    return ""
