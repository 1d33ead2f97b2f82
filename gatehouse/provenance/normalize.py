"""Text normalization for fingerprints: the same words whatever the formatting.

Markup (HTML/XML tags, Markdown emphasis, headings, list bullets, code fences, link
targets) is removed, Unicode is folded (NFKC, case), and everything that is not a letter
or a digit separates words. What remains is the sequence of words a reader would see.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize", "words", "sentences"]

_TAG = re.compile(r"<[^>\n]{1,200}>")
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_URL = re.compile(r"https?://\S+")
_ENTITY = re.compile(r"&(?:[a-z]{2,8}|#\d{1,6});")
_NON_WORD = re.compile(r"[^\w]+|_+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n\s*\n|\n\s*(?:[-*+]|\d+[.)])\s+")


def normalize(text: str) -> str:
    """Lowercase words separated by single spaces, markup removed."""
    t = unicodedata.normalize("NFKC", text)
    t = _MD_LINK.sub(r" \1 ", t)
    t = _URL.sub(" ", t)
    t = _TAG.sub(" ", t)
    t = _ENTITY.sub(" ", t)
    t = _NON_WORD.sub(" ", t.casefold())
    return t.strip()


def words(text: str) -> list[str]:
    """The normalized words of a text."""
    n = normalize(text)
    return n.split(" ") if n else []


def sentences(text: str) -> list[list[str]]:
    """The normalized words of each sentence (or paragraph / list item), empty ones dropped."""
    out: list[list[str]] = []
    for part in _SENTENCE.split(text):
        w = words(part)
        if w:
            out.append(w)
    return out
