"""Relative URLs between pages, as MkDocs writes them (use_directory_urls)."""
from __future__ import annotations

import posixpath


def page_url(src_uri: str) -> str:
    """``chapters/ch04.md`` → ``chapters/ch04/``; ``index.md`` → ``""``."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative(target: str, source: str, anchor: str | None = None) -> str:
    """URL of page ``target`` from page ``source`` (both src_uris)."""
    base = page_url(source) or "."
    url = posixpath.relpath(page_url(target) or ".", base)
    url = "./" if url == "." else url + "/"
    return f"{url}#{anchor}" if anchor else url
