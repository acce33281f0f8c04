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
    it once: `mkdocs serve` cuts the new text of each rebuild with the
    tokenizer of the first, and a changed project dictionary gets a
    tokenizer of its own made from a copy of jieba's dictionary as loaded
    (a few milliseconds). Share it, never change it."""
    # the check has refused what jieba would not keep whole
    words = tuple((e.word, e.freq, e.tag) for e in terms.entries(root))
    if words not in _LOADED:
        if len(_LOADED) >= 4:
            _LOADED.pop(next(iter(_LOADED)))
        _LOADED[words] = _with_words(_jieba(cache), words)
    return _LOADED[words]


# by the words of the dictionary only: where jieba keeps its own dictionary
# cache (the first caller's folder) does not change how it cuts
_LOADED: dict[tuple, object] = {}


def _jieba(cache: Path | None):
    """jieba's default tokenizer (``jieba.dt``), which holds jieba's own
    dictionary only (nothing of ours adds words to it), loaded from its
    dictionary cache in ``cache`` the first time a process asks. It lives
    in jieba, not here, so a process keeps it when `mkdocs serve` imports
    plansite afresh after a code change."""
    import jieba

    base = jieba.dt
    if not base.initialized:
        jieba.setLogLevel(logging.WARNING)
        if cache is not None:
            cache.mkdir(parents=True, exist_ok=True)
            base.tmp_dir = str(cache)
        base.initialize()
    return base


def _with_words(base, words: tuple[tuple[str, int | None, str | None], ...]):
    """A new Tokenizer: ``base``'s dictionary plus ``words``.

    jieba has no call that copies a tokenizer, and initialising a new one
    reads the 9 MB dictionary cache again. A Tokenizer's dictionary is its
    public ``FREQ`` (word -> frequency) and ``total``, which ``add_word``
    extends, so a copy of those is a tokenizer just loaded
    (test_a_copied_tokenizer_cuts_as_one_loaded_afresh)."""
    import jieba

    tk = jieba.Tokenizer(base.dictionary)
    tk.tmp_dir, tk.cache_file = base.tmp_dir, base.cache_file
    tk.FREQ, tk.total = dict(base.FREQ), base.total
    tk.initialized = True
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
