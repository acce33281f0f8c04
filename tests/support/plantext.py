"""Reading the plan text back out of built HTML, for tests: the ground truth
is what a reader sees, not what our code thinks it wrote.

Pages are read with lxml.html. Within an element, a CSS selector starts with
":scope " where the element itself must not count as a match (lxml's
cssselect() tries the element itself too; a browser's querySelectorAll()
looks only inside it). An element's text is text_content(): all the text it
holds, never its .tail (the text after it, which belongs to its parent)."""
from __future__ import annotations

import functools
import re
from pathlib import Path

import lxml.html

WHITESPACE = re.compile(r"\s+")
BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")


def squeeze(text: str) -> str:
    return WHITESPACE.sub("", text)


def page_tree(path: Path) -> lxml.html.HtmlElement:
    """The page parsed (its <html> element), once a session for each
    different text: every caller gets the same tree, so read it, never
    change it (parse() gives one of one's own). Most pages are read by
    several tests; parsing is most of the time they take."""
    return _parsed(path.read_text(encoding="utf-8"))


@functools.cache
def _parsed(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(html)


def parse(path: Path) -> lxml.html.HtmlElement:
    """The page parsed into a tree of the caller's own, to change at will."""
    return lxml.html.document_fromstring(path.read_text(encoding="utf-8"))


def first(elements: list):
    """The first of ``elements`` (a selection), or None when there is none."""
    return elements[0] if elements else None


def page_text(el: lxml.html.HtmlElement) -> str:
    """All the text of a page, or of a part of it, that a reader can see:
    the code of scripts and stylesheets, and templates, left out
    (text_content() would count them as text)."""
    return "".join(el.xpath(".//text()[not(ancestor::script or ancestor::style or ancestor::template)]"))


def content(doc: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The page's article, or the whole page if it has none."""
    article = first(doc.cssselect("article.md-content__inner"))
    return doc if article is None else article


def units(doc: lxml.html.HtmlElement) -> list[tuple[str, str]]:
    """(id, text) of every [data-para] unit on a page (or inside an element)."""
    return [(el.get("id", ""), el.text_content()) for el in doc.cssselect(":scope [data-para]")]


def plan_text(doc: lxml.html.HtmlElement) -> list[str]:
    """Headings, table column headings and units: the plan's words on a page."""
    art = content(doc)
    parts = [h.text_content() for h in art.iterdescendants("h1", "h2", "h3", "h4", "h5", "h6")]
    parts += [th.text_content() for th in art.cssselect(":scope thead th")]
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
