"""Denied-party screening: fuzzy matching of legal names and aliases against a CSV list.

Names are normalized before comparison so that matches survive case, accents, punctuation,
legal-form suffixes (Ltd, Co., GmbH, 有限公司, ...) and transliteration spacing ("Hua Wei"
vs "Huawei"): the compact form (no spaces) is compared exactly first, then by similarity
of the compact forms and of the sorted word sets; the best score wins.

CSV columns: `name` (required), `aliases` (separated by `;` or `|`), `country`, `source`.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

__all__ = ["DeniedParty", "DeniedPartyList", "Match", "normalize_name"]

_LEGAL_SUFFIXES = (
    "limited", "ltd", "co", "company", "corp", "corporation", "inc", "incorporated", "llc", "llp", "lp", "plc",
    "gmbh", "ag", "kg", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "ab", "oy", "as", "pte", "pty", "pvt",
    "kk", "jsc", "pjsc", "ooo", "oao", "zao", "holdings", "holding", "group", "the", "and", "of", "intl",
    "international", "technology", "technologies", "tech",
)
_CJK_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "集团", "公司", "株式会社", "有限會社", "有限公司")
_SUFFIX_SET = frozenset(_LEGAL_SUFFIXES[:-4])  # generic words ("tech", "group"...) only dropped when not alone
_WEAK = frozenset(_LEGAL_SUFFIXES[-4:]) | {"holdings", "holding", "group", "the", "and", "of"}
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def normalize_name(name: str) -> list[str]:
    """The significant words of a name: lower case, no accents, punctuation or legal forms."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    for s in _CJK_SUFFIXES:
        text = text.replace(s, " ")
    text = text.replace("&", " and ")
    words = [w for w in _NON_WORD.sub(" ", text.replace(".", "")).split() if w]
    strong = [w for w in words if w not in _SUFFIX_SET and w not in _WEAK]
    return strong or [w for w in words if w not in _SUFFIX_SET] or words


@dataclass(frozen=True, slots=True)
class DeniedParty:
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Match:
    query: str
    party: DeniedParty
    matched_name: str
    score: float

    def to_dict(self) -> dict[str, object]:
        return {"query": self.query, "denied_party": self.party.name, "matched_name": self.matched_name,
                "score": round(self.score, 3), "country": self.party.country, "source": self.party.source}


def _score(a: list[str], b: list[str]) -> float:
    ca, cb = "".join(a), "".join(b)
    if not ca or not cb:
        return 0.0
    if ca == cb:
        return 1.0
    compact = SequenceMatcher(None, ca, cb, autojunk=False).ratio()
    sa, sb = " ".join(sorted(a)), " ".join(sorted(b))
    tokens = SequenceMatcher(None, sa, sb, autojunk=False).ratio()
    return max(compact, tokens)


class DeniedPartyList:
    def __init__(self, parties: Iterable[DeniedParty]) -> None:
        self.parties = list(parties)
        self._index = [(p, n, normalize_name(n)) for p in self.parties for n in (p.name, *p.aliases)]

    @classmethod
    def from_csv(cls, path: str | Path) -> DeniedPartyList:
        p = Path(path)
        try:
            with p.open(newline="", encoding="utf-8-sig") as fh:
                reader = csv.DictReader(fh)
                if reader.fieldnames is None or "name" not in [f.strip().lower() for f in reader.fieldnames]:
                    raise ValueError(f"{p}: the denied-parties CSV needs a 'name' column")
                parties = []
                for row in reader:
                    row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
                    if not row.get("name"):
                        continue
                    aliases = tuple(a.strip() for a in re.split(r"[;|]", row.get("aliases", "")) if a.strip())
                    parties.append(DeniedParty(row["name"], aliases, row.get("country") or None,
                                               row.get("source") or None))
        except FileNotFoundError:
            raise ValueError(f"denied-parties list not found: {p}") from None
        return cls(parties)

    def screen(self, names: Iterable[str], threshold: float) -> list[Match]:
        """Every denied party some name matches at or above `threshold`, best first."""
        best: dict[str, Match] = {}
        for q in names:
            words = normalize_name(q)
            for party, name, pw in self._index:
                s = _score(words, pw)
                if s >= threshold and (party.name not in best or best[party.name].score < s):
                    best[party.name] = Match(q, party, name, s)
        return sorted(best.values(), key=lambda m: -m.score)
