"""Reading a suspect corpus: JSONL with a text field, or plain text files and directories.

Every document gets an `index`, its position in the corpus (files of a directory in
sorted path order, lines of a JSONL file in order). A JSONL line that is not JSON, not
an object, or has no string in the text field is counted in `skipped`, never fatal;
so is a text file that cannot be decoded. Gzip files (`.gz`) are read transparently.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from gatehouse.traffic.trace import open_text

__all__ = ["Corpus", "CorpusError"]

_JSONL = (".jsonl", ".ndjson", ".json")


class CorpusError(ValueError):
    """The corpus path does not exist or holds no readable file."""


@dataclass(slots=True)
class Corpus:
    path: Path
    text_field: str = "text"
    skipped: int = 0
    files: int = 0
    sources: list[str] = field(default_factory=list)

    def _paths(self) -> list[Path]:
        if not self.path.exists():
            raise CorpusError(f"corpus {str(self.path)!r} does not exist")
        if self.path.is_file():
            return [self.path]
        paths = sorted(p for p in self.path.rglob("*") if p.is_file() and not p.name.startswith("."))
        if not paths:
            raise CorpusError(f"corpus directory {str(self.path)!r} holds no files")
        return paths

    def __iter__(self) -> Iterator[str]:
        """The documents' texts, in corpus order."""
        for p in self._paths():
            self.files += 1
            name = p.name[:-3] if p.name.endswith(".gz") else p.name
            if name.endswith(_JSONL):
                yield from self._jsonl(p)
            else:
                try:
                    with open_text(p) as f:
                        text = f.read().decode("utf-8")
                except (OSError, UnicodeDecodeError, EOFError):
                    self.skipped += 1
                    continue
                self.sources.append(str(p))
                yield text

    def _jsonl(self, p: Path) -> Iterator[str]:
        try:
            f = open_text(p)
        except OSError:
            self.skipped += 1
            return
        with f:
            try:
                for n, line in enumerate(f, 1):
                    if not line.strip():
                        continue
                    try:
                        obj = orjson.loads(line)
                    except orjson.JSONDecodeError:
                        self.skipped += 1
                        continue
                    text = obj.get(self.text_field) if isinstance(obj, dict) else None
                    if not isinstance(text, str):
                        self.skipped += 1
                        continue
                    self.sources.append(f"{p}:{n}")
                    yield text
            except (OSError, EOFError):
                self.skipped += 1  # a truncated gzip stream: what was read counts
