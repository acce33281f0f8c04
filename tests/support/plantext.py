"""Reading the plan text back out of built HTML, for tests: the ground truth
is what a reader sees, not what our code thinks it wrote."""
from __future__ import annotations

import functools
import re
from pathlib import Path

from bs4 import BeautifulSoup

WHITESPACE = re.compile(r"\s+")
BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")


def squeeze(text: str) -> str:
    return WHITESPACE.sub("", text)


def soup(path: Path) -> BeautifulSoup:
    """The page parsed, once a session for each different text: every caller
    gets the same document, so read it, never change it (parse() gives one
    of one's own). Most pages are read by several tests; parsing is most of
    the time they take."""
    return _parsed(path.read_text(encoding="utf-8"))


@functools.cache
def _parsed(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def parse(path: Path) -> BeautifulSoup:
    """The page parsed into a document of the caller's own, to change at will."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def content(doc: BeautifulSoup):
    return doc.select_one("article.md-content__inner") or doc


def units(doc: BeautifulSoup) -> list[tuple[str, str]]:
    """(id, text) of every [data-para] unit on a page."""
    return [(el.get("id", ""), el.get_text()) for el in doc.select("[data-para]")]


def plan_text(doc: BeautifulSoup) -> list[str]:
    """Headings, table column headings and units: the plan's words on a page."""
    art = content(doc)
    parts = [h.get_text() for h in art.select("h1, h2, h3, h4, h5, h6")]
    parts += [th.get_text() for th in art.select("thead th")]
    parts += [text for _, text in units(art)]
    return parts


def source_lines(path: Path) -> list[str]:
    """Every non-empty line of the source, bookmark markers removed."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = squeeze(BOOKMARK.sub("", line))
        if line:
            out.append(line)
    return out
