"""Results remembered between builds, in the build cache (project.CACHE).

Some steps of the build are pure functions of text that rarely changes
between two builds, and cost more than the rest of the build: cutting the
plan into words with jieba (plansite.segments), the comparison form of every
unit and the variant tables cut down to the plan (plansite.textform, for the
search index). ``Memo`` keeps such results in one JSON file per step:

    {"key": "<sha256>", "entries": {input: output, ...}}

``key`` names everything besides the input that the output depends on (the
library's version, the project dictionary, the source of the code that
computes it; ``code_key`` names all of our code): a file with another key
is ignored whole. Only the entries used in this build are saved, so the
file does not grow; a file that cannot be read is ignored (the step is
computed again), never an error. A result is kept only as JSON gives it
back (lists, not tuples; string keys): what a later build recalls is
exactly what was computed.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any


def digest(*parts: str | bytes) -> str:
    """sha256 of the parts, each kept apart from the next."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


@functools.cache
def code_key() -> str:
    """The source of every module of plansite and the versions of the
    libraries that read the editors' files (PyYAML, jsonschema), as one
    digest: for results that several of our modules have a part in. Read
    once per import of the package (`mkdocs serve` imports it afresh when
    the code changes)."""
    sources = sorted(Path(__file__).parent.glob("*.py"))
    return digest(version("PyYAML"), version("jsonschema"), *(p.read_bytes() for p in sources))


class Memo:
    """``get(text, compute)``: compute(text), or its remembered result.
    ``cache`` None: nothing is read or written."""

    def __init__(self, cache: Path | None, name: str, key: str):
        self.path = cache / name if cache is not None else None
        self.key = key
        self.saved: dict[str, Any] = {}
        self.used: dict[str, Any] = {}
        if self.path is not None and self.path.is_file():
            try:
                doc = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                doc = None
            if isinstance(doc, dict) and doc.get("key") == key and isinstance(doc.get("entries"), dict):
                self.saved = doc["entries"]

    def get(self, text: str, compute: Callable[[str], Any]) -> Any:
        value = self.recall(text)
        if value is None:
            value = compute(text)
            self.keep(text, value)
        return value

    def recall(self, text: str) -> Any:
        """The remembered result for ``text`` (kept for this build too), or None."""
        value = self.used.get(text)
        if value is None:
            value = self.saved.get(text)
            if value is not None:
                self.used[text] = value
        return value

    def keep(self, text: str, value: Any) -> None:
        """Remember for ``text`` a copy of ``value`` as JSON gives it back;
        nothing when that copy would differ from ``value``."""
        copy = json.loads(json.dumps(value, ensure_ascii=False))
        if copy == value:
            self.used[text] = copy

    def save(self) -> None:
        """Keep what this build used (only that)."""
        if self.path is None or self.used == self.saved:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        doc = {"key": self.key, "entries": self.used}
        # a temporary file renamed: builds sharing the cache never read half a file
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(json.dumps(doc, ensure_ascii=False))
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
