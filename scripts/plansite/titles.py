"""Page and section titles reach the theme as HTML.

MkDocs hands themes plain-text titles (from the nav, the `title:` front
matter our generated pages carry, or the first heading) and Material prints
them unescaped: in the header, the navigation, the footer and <title>. Our
titles come from editors' data (a chapter heading, an indicator's name, a
box's title), so markup typed there would become markup on every page. We
escape each title once, after all pages are read and before any is rendered;
setting the front-matter title too makes Material's <title> use it as is
(its other branch would strip the escaping again).
"""
from __future__ import annotations

import html


def escape_sections(items) -> None:
    """Titles of nav sections (the plan's parts) — pages are done in escape_pages."""
    for item in items:
        if getattr(item, "is_section", False):
            item.title = html.escape(str(item.title))
            escape_sections(item.children)


def escape_pages(files) -> None:
    for f in files.documentation_pages():
        page = f.page
        if page is None or page.title is None:
            continue
        safe = html.escape(str(page.title))
        page.meta["title"] = safe
        page.title = safe
