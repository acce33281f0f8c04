"""Load → validate → render: the whole generated part of the site.

``build(root)`` returns every generated page as Markdown (MkDocs turns them
into virtual files) and the navigation; it raises ``BuildError`` with every
problem found, so nothing is written when the sources are wrong.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import commitments, fidelity, integrity, terms, tracking
from .chapters import Chapter, Marker, Plan, Section, Unit, load_plan
from .model import Box, Model, build_model
from .problems import BuildError, Problem
from .render import environment, one_block
from .tables import load_tables

DOC_MARKER = re.compile(r"<!--\s*plan-structure\s*-->")


@dataclass
class Page:
    src_uri: str
    markdown: str
    edit: str | None      # repository path of the file an editor changes
    title: str


@dataclass
class SiteBuild:
    root: Path
    model: Model
    pages: dict[str, Page] = field(default_factory=dict)
    tracking: tracking.Tracking | None = None
    warnings: list[Problem] = field(default_factory=list)   # reported, but not in the way

    def __post_init__(self) -> None:
        self.env = environment(self.root)

    @property
    def plan(self) -> Plan:
        return self.model.plan

    def nav(self) -> list:
        plan = self.plan
        nav: list = [{"首页": "index.md"}]
        nav += [{c.title: c.src_uri} for c in plan.preamble]
        for part in plan.parts:
            children = [{"本篇概览": part.src_uri}]
            children += [{c.title: c.src_uri} for c in self.plan.chapters_of(part)]
            nav.append({part.title: children})
        nav.append({"指标": "indicators/index.md"})
        nav.append({"专栏": "boxes/index.md"})
        nav += self.tracking.nav() if self.tracking else []
        nav.append({"编辑指南": "editing.md"})
        return nav

    def render_docs_page(self, markdown: str, src_uri: str) -> str:
        """Expand markers in hand-written pages under docs/."""
        if not DOC_MARKER.search(markdown):
            return markdown
        html = self._render("blocks/plan-structure.html.j2", page=src_uri)
        return DOC_MARKER.sub(lambda _: one_block(html), markdown)

    # -- rendering ---------------------------------------------------------
    def _render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(model=self.model, site=self, **context)

    def chapter_blocks(self, chapter: Chapter) -> list[tuple[str, object]]:
        """(kind, html-or-object) for the chapter template, tables rendered."""
        out: list[tuple[str, object]] = []
        for block in chapter.blocks:
            if isinstance(block, Section):
                out.append(("section", block))
            elif isinstance(block, Unit):
                out.append(("unit", block))
            elif isinstance(block, Marker):
                out.append(("html", one_block(self._render_marker(block, chapter))))
        return out

    def _render_marker(self, marker: Marker, chapter: Chapter) -> str:
        page = chapter.src_uri
        if marker.name == "part-contents":
            return self._render("blocks/part-contents.html.j2", part=chapter,
                                chapters=self.plan.chapters_of(chapter), page=page)
        thing = self.model.indicator_tables.get(marker.argument) or self.model.boxes[marker.argument]
        if isinstance(thing, Box):
            return self._render("blocks/box.html.j2", box=thing, page=page)
        return self._render(f"blocks/{thing.key}.html.j2", table=thing, page=page)

    def render_pages(self) -> None:
        m = self.model
        for c in self.plan.all:
            self._add(c.src_uri, "pages/chapter.md.j2", f"chapters/{c.path.name}", c.title,
                      chapter=c, blocks=self.chapter_blocks(c), related=m.tables_in(c))
        self._add("indicators/index.md", "pages/indicators.md.j2", None, "指标")
        for ind in m.indicators:
            self._add(ind.src_uri, "pages/indicator.md.j2", ind.table.file.path, ind.name, ind=ind)
        self._add("boxes/index.md", "pages/boxes.md.j2", None, "专栏")
        for box in m.boxes.values():
            self._add(box.src_uri, "pages/box.md.j2", box.file.path, box.heading, box=box)
        if self.tracking:
            self.tracking.add_pages(self)

    def _add(self, src_uri: str, template: str, edit: str | None, title: str, **context) -> None:
        md = self._render(template, page=src_uri, **context)
        self.pages[src_uri] = Page(src_uri, md, edit, title)


def plan_words(root: Path) -> str:
    """All the text of chapters/ and tables/ as the files have it (for the
    search dictionary: each of its words must occur somewhere)."""
    files = sorted((root / "chapters").glob("*.md")) + sorted((root / "tables").glob("*.yaml"))
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files)


def build(root: Path) -> SiteBuild:
    """Load, validate and render; raise BuildError listing every problem."""
    problems: list[Problem] = []
    plan = load_plan(root, problems)
    tables = load_tables(root, problems)
    # Registers (commitments, glossary) are not placed by a chapter marker.
    stems = {p.stem for p in (root / "tables").glob("*.yaml")} - commitments.REGISTERS
    problems += integrity.check(plan, tables, stems)
    problems += commitments.check(plan, tables)
    problems += fidelity.check(root, plan, tables, {p.file for p in problems})
    # With a chapter unreadable, words of the dictionary would seem to occur nowhere.
    problems += terms.check(root, plan_words(root), not any(p.file.startswith("chapters/") and not p.warning for p in problems))
    warnings = [p for p in problems if p.warning]
    problems = [p for p in problems if not p.warning]
    if problems:
        raise BuildError(problems)
    site = SiteBuild(root, build_model(plan, tables))
    site.warnings = warnings
    site.tracking = tracking.Tracking.build(root, site.model, tables)
    site.render_pages()
    return site
