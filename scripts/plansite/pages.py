"""What the site generates, as plain values: pages to render and files to copy.

Feature modules (``site`` for the plan itself, ``tracking`` for issue 4's
pages) *describe* their pages as ``PageSpec``s and their data files as
``DataFile``s; one builder (``site.SiteBuild``) renders every spec through the
same Jinja2 environment and registers the result. No feature module imports
the builder, so there is one owner per page and no import cycle.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PageSpec:
    """A page to render: ``src_uri`` in the docs tree (``commitments.md``),
    the template under templates/, the repository path an editor changes
    (None for pages that gather many files), the title, and the template's
    own context besides ``model``, ``site`` and ``page``."""
    src_uri: str
    template: str
    edit: str | None
    title: str
    context: dict = field(default_factory=dict)


@dataclass
class Page:
    """A rendered page: Markdown with front matter, ready for the docs tree."""
    src_uri: str
    markdown: str
    edit: str | None
    title: str


@dataclass(frozen=True)
class DataFile:
    """A file copied into the site as it is (CSV with its byte-order mark, JSON)."""
    src_uri: str
    title: str
    data: bytes
