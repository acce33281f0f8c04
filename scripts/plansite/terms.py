"""The search dictionary, tables/search-terms.txt: jieba's user-dictionary
format (``word [frequency] [part-of-speech]``, one entry a line, ``#`` starts a
comment line), read as UTF-8 with or without a byte-order mark.

jieba reads such a file leniently: an entry ``长三角 一体化`` silently becomes
``长三角``, and a word with punctuation is never matched whole, because jieba
first splits text into runs of the characters in ``jieba.re_han_default``.
``check`` refuses both with the line number, so every entry is a word jieba
can keep whole. ``WORD`` is that pattern's text: importing jieba costs the
check a third of a second (it imports pkg_resources), and a test holds the
two equal.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .messages import char_name, invisible, show
from .problems import Found, Problem, gather
from .tables import decode

TERMS_FILE = "tables/search-terms.txt"
TAG = re.compile(r"[a-z]+")
WORD = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)")      # jieba.re_han_default


@dataclass(frozen=True)
class Entry:
    word: str
    freq: int | None
    tag: str | None
    line: int


def read(root: Path) -> Found[list[Entry]]:
    """Every entry jieba can keep whole; yields a problem for each other line."""
    path = root / TERMS_FILE
    if not path.exists():
        return []
    text = yield from decode(path.read_bytes(), TERMS_FILE)
    if text is None:
        return []
    entries = []
    for number, raw in enumerate(text.splitlines(), start=1):
        entry = yield from parse(raw, number)
        if entry is not None:
            entries.append(entry)
    return entries


def entries(root: Path) -> list[Entry]:
    """The entries ``read`` keeps, its problems left to the check."""
    return gather(read(root))[0]


def parse(raw: str, number: int) -> Found[Entry | None]:
    def refuse(column: int, message: str) -> Problem:
        return Problem(TERMS_FILE, number, column, "", message)

    hidden = [(i, c) for i, c in enumerate(raw, start=1) if invisible(c)]
    if hidden:
        yield refuse(hidden[0][0], f"这一行有一个看不见的字符（{char_name(hidden[0][1])}，常见于复制来的文字）："
                                   "这个词将永远匹配不上；请删除它")
        return None
    line = raw.strip()
    if not line or line.startswith("#"):
        return None
    word, *rest = line.split()
    column = raw.index(word) + 1
    stray = next((c for c in word if not WORD.fullmatch(c)), None)
    if stray is not None:
        yield refuse(column + word.index(stray), f"词“{word}”里有“{stray}”：分词只能把汉字、字母和数字连成一个词，"
                                                "带标点的词永远不会被整个切出；请只写标点前后的词（各占一行）")
        return None
    freq: int | None = None
    tag: str | None = None
    if rest and rest[0].isdigit():
        freq = int(rest.pop(0))
    if rest and TAG.fullmatch(rest[0]):
        tag = rest.pop(0)
    if rest:
        where = raw.index(rest[0], column - 1 + len(word)) + 1
        yield refuse(where, f"“{word}”后面的 {show(' '.join(rest))} 无法识别：一行只能写一个词，后面可以空一格写词频（整数），"
                            "再空一格写词性（小写字母，如 n）；若是一个带空格的词，请去掉空格，或把两个词各写一行")
        return None
    return Entry(word, freq, tag, number)


def check(root: Path, plan_text: str, complete: bool = True) -> Iterator[Problem]:
    """Every entry parses, and occurs somewhere in ``plan_text`` (a word that
    occurs nowhere changes no search result: most likely a typo); the latter
    only when ``complete`` (every chapter was read)."""
    for entry in (yield from read(root)):
        if complete and entry.word not in plan_text:
            yield Problem(TERMS_FILE, entry.line, 1, "",
                          f"词“{entry.word}”在规划正文和表格中都没有出现：它不会影响任何搜索结果；"
                          "请核对是否有错字，或删除这一行")
