"""Where a page of the docs tree ends up in the built site (both engines
write directory URLs: use_directory_urls)."""
from __future__ import annotations


def page_url(src_uri: str) -> str:
    """``chapters/ch04.md`` → ``chapters/ch04/``; ``index.md`` → ``""``."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"
