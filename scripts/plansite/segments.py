"""Cutting the plan's text into words for the search index: jieba with the
project dictionary (tables/search-terms.txt), remembered between builds.

Loading jieba's dictionary costs most of the time the search index takes
(reading its 9 MB cache; building that cache the first time takes longer
still), while the plan's text rarely changes between two builds. So the
words of every text cut are kept in ``cache/segments.json``, under a key
made of jieba's version and the project dictionary; jieba is loaded only
for a text not seen before (or after the dictionary changed), and then
keeps its own dictionary cache in the same folder rather than in the
system's temporary folder, which may be emptied between builds.
"""
from __future__ import annotations

import logging
from pathlib import Path

from . import terms
from .memo import Memo, digest

SEGMENTS = "segments.json"


def tokenizer(root: Path, cache: Path | None = None):
    """jieba with the project dictionary (plansite.terms). ``cache``: where
    jieba keeps its dictionary cache (None: the system's temporary folder).

    Loading jieba's dictionary takes most of a second, so a process loads
    it once for each project dictionary: `mkdocs serve` cuts the new text of
    each rebuild with the tokenizer of the first. Share it, never change it."""
    # the check has refused what jieba would not keep whole
    words = tuple((e.word, e.freq, e.tag) for e in terms.entries(root))
    if words not in _LOADED:
        if len(_LOADED) >= 4:
            _LOADED.pop(next(iter(_LOADED)))
        _LOADED[words] = _load(words, cache)
    return _LOADED[words]


# by the words of the dictionary only: where jieba keeps its own dictionary
# cache (the first caller's folder) does not change how it cuts
_LOADED: dict[tuple, object] = {}


def _load(words: tuple[tuple[str, int | None, str | None], ...], cache: Path | None):
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        tk.tmp_dir = str(cache)
    for word, freq, tag in words:
        tk.add_word(word, freq, tag)
    return tk


class Segmenter:
    """``cut(text)``: the words of ``text`` (jieba, HMM on, empty words
    dropped), from the cache when this text was cut before with the same
    jieba and dictionary. ``cache`` None: no cache, jieba every time."""

    def __init__(self, root: Path, cache: Path | None):
        import jieba

        self.root, self.cache = root, cache
        path = root / terms.TERMS_FILE
        dictionary = path.read_bytes() if path.exists() else b""
        self.memo = Memo(cache, SEGMENTS, digest(jieba.__version__, dictionary))
        self._tokenizer = None

    def cut(self, text: str) -> list[str]:
        return self.memo.get(text, self._cut)

    def _cut(self, text: str) -> list[str]:
        if self._tokenizer is None:
            self._tokenizer = tokenizer(self.root, self.cache)
        return [w for w in self._tokenizer.cut(text, HMM=True) if w]

    def save(self) -> None:
        """Keep the texts of this build (only those: the file does not grow)."""
        self.memo.save()
