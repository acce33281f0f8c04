"""Jinja2 environment for templates/: every generated page and block.

Autoescaping is on for every template, so markup in data (YAML values,
chapter text) always reaches the page as text.
"""
from __future__ import annotations

import posixpath
import re
from pathlib import Path

import jinja2
from markupsafe import Markup

from .model import show_value
from .numerals import figure
from .urls import page_url

MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&#|!])")


def md_text(text) -> Markup:
    """Text placed in Markdown (headings, link labels): no character may act
    as Markdown or HTML."""
    return Markup(MD_SPECIAL.sub(r"\\\1", str(text)))


def snippet(text: str, words: list[str], width: int = 80) -> str:
    """About ``width`` characters of ``text`` around the first of ``words``."""
    hits = [i for i in (text.find(w) for w in words) if i >= 0]
    start = max(0, min(hits) - width // 3) if hits else 0
    end = min(len(text), start + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def src_link(target: str, source: str, anchor: str | None = None) -> str:
    """Markdown link target from one source page to another; MkDocs checks
    and rewrites these, anchors included."""
    url = posixpath.relpath(target, posixpath.dirname(source) or ".")
    return f"{url}#{anchor}" if anchor else url


def absolute(base: str):
    """``url(target, anchor)`` for templates: the URL of page ``target``
    (a src_uri) from the site's root path ``base`` ("/zhonglou-plan/").

    Absolute, because links in raw HTML are resolved differently by the
    engines: MkDocs leaves a relative one as written (relative to the built
    page), Zensical resolves it against the source .md file, which is one
    level up. Both leave an absolute path alone."""
    def url(target: str, anchor: str | None = None) -> str:
        path = base + page_url(target)
        return f"{path}#{anchor}" if anchor else path
    return url


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's bytecode cache in ``folder``, each compiled template filed
    under its name and the checksum of its source instead of its path.

    Jinja's own FileSystemBytecodeCache files a template under its path on
    disk, so a second checkout, a moved one or a scratch copy of the project
    compiles every template again although nothing changed. Filed by
    source, the same template text is compiled once for all of them; an
    edited template has another checksum, so it is compiled afresh and
    never served stale (as Jinja's own cache, which also checks the
    checksum). Writes are atomic (Jinja writes a temporary file and renames
    it), so builds running at the same time may share the folder. Used for
    our templates (``environment``) and Material's
    (plansite_adapters.theme_cache)."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        super().__init__(str(folder))

    def get_bucket(self, environment, name, filename, source):
        return super().get_bucket(environment, name, self.get_source_checksum(source), source)


def environment(root: Path, base: str, cache: Path | None = None) -> jinja2.Environment:
    """``cache``: the build cache, whose folder templates/ keeps the compiled
    templates between builds (compiling them takes about a quarter of a
    second); None: compile every template."""
    bytecode = CompiledTemplates(cache / "templates") if cache is not None else None
    env = jinja2.Environment(
        bytecode_cache=bytecode,
        loader=jinja2.FileSystemLoader(root / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md_text=md_text, value=show_value, snippet=snippet, figure=figure)
    env.globals.update(url=absolute(base), src_link=src_link)
    return env


def one_block(html: str) -> str:
    """Raw HTML inside Markdown must not contain blank lines, or Markdown
    would end the block there and treat the rest as text."""
    return "\n".join(line for line in html.splitlines() if line.strip())
