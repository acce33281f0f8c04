"""Load → validate → render: the whole generated part of the site.

``build(root)`` returns every generated page as Markdown, the data files and
the navigation; it raises ``BuildError`` with every problem found, so
nothing is written when the sources are wrong.

Feature modules describe their pages (``pages.PageSpec``): the plan's own
(chapters, indicators, boxes) are described here, issue 4's by ``tracking``.
``SiteBuild`` is the one builder that renders and registers them all.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import commitments, fidelity, integrity, terms
from .chapters import Chapter, Marker, Plan, Section, Unit, load_plan
from .model import Box, Model, build_model
from .pages import DataFile, Page, PageSpec
from .problems import BuildError, Found, Problem, gather
from .render import environment, one_block
from .tables import TableFile, load_schemas, load_tables
from .tracking import Tracking

DOC_MARKER = re.compile(r"<!--\s*plan-structure\s*-->")


@dataclass
class SiteBuild:
    root: Path
    model: Model
    tracking: Tracking
    pages: dict[str, Page] = field(default_factory=dict)
    files: dict[str, DataFile] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)   # reported, but not in the way

    base: str = "/"       # site_url's path: links in raw HTML are absolute from it
    cache: Path | None = None   # kept between builds (compiled templates)

    def __post_init__(self) -> None:
        self.env = environment(self.root, self.base, self.cache)

    @property
    def plan(self) -> Plan:
        return self.model.plan

    def nav(self) -> list:
        """MkDocs' nav structure: [{title: src_uri or [children]}], titles as
        plain text."""
        plan = self.plan
        nav: list = [{"首页": "index.md"}]
        nav += [{c.title: c.src_uri} for c in plan.preamble]
        for part in plan.parts:
            children = [{"本篇概览": part.src_uri}]
            children += [{c.title: c.src_uri} for c in plan.chapters_of(part)]
            nav.append({part.title: children})
        nav.append({"指标": "indicators/index.md"})
        nav.append({"专栏": "boxes/index.md"})
        nav += self.tracking.nav()
        nav.append({"编辑指南": "editing.md"})
        return nav

    def render_docs_page(self, markdown: str) -> str:
        """Expand markers in hand-written pages under docs/."""
        if not DOC_MARKER.search(markdown):
            return markdown
        html = self._render("blocks/plan-structure.html.j2")
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
        if marker.name == "part-contents":
            return self._render("blocks/part-contents.html.j2", part=chapter,
                                chapters=self.plan.chapters_of(chapter))
        thing = self.model.indicator_tables.get(marker.argument) or self.model.boxes[marker.argument]
        if isinstance(thing, Box):
            return self._render("blocks/box.html.j2", box=thing)
        return self._render(f"blocks/{thing.key}.html.j2", table=thing)

    def plan_pages(self) -> list[PageSpec]:
        """The plan's own pages: chapters, indicators, boxes and their lists."""
        m = self.model
        specs = [PageSpec(c.src_uri, "pages/chapter.md.j2", f"chapters/{c.path.name}", c.title,
                          {"chapter": c, "blocks": self.chapter_blocks(c), "related": m.tables_in(c)})
                 for c in self.plan.all]
        specs.append(PageSpec("indicators/index.md", "pages/indicators.md.j2", None, "指标"))
        specs += [PageSpec(ind.src_uri, "pages/indicator.md.j2", ind.table.file.path, ind.name, {"ind": ind})
                  for ind in m.indicators]
        specs.append(PageSpec("boxes/index.md", "pages/boxes.md.j2", None, "专栏"))
        specs += [PageSpec(box.src_uri, "pages/box.md.j2", box.file.path, box.heading, {"box": box})
                  for box in m.boxes.values()]
        return specs

    def render_pages(self) -> None:
        """Render every page the features describe; register the data files."""
        for spec in self.plan_pages() + self.tracking.pages():
            md = self._render(spec.template, page=spec.src_uri, **spec.context)
            self.pages[spec.src_uri] = Page(spec.src_uri, md, spec.edit, spec.title)
        for f in self.tracking.files():
            self.files[f.src_uri] = f


def plan_words(root: Path) -> str:
    """All the text of chapters/ and tables/ as the files have it (for the
    search dictionary: each of its words must occur somewhere)."""
    files = sorted((root / "chapters").glob("*.md")) + sorted((root / "tables").glob("*.yaml"))
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files)


def reading_order(plan: Plan) -> list[Chapter]:
    """The plan's pages as the nav lists them: preamble, then each part's
    page and its chapters."""
    out = list(plan.preamble)
    for part in plan.parts:
        out += [part, *plan.chapters_of(part)]
    return out


def read_sources(root: Path, cache: Path | None = None) -> Found[tuple[Plan, dict[str, dict | None],
                                                                      dict[str, TableFile]]]:
    """chapters/, the schemas and tables/, each read once; yields what is
    wrong with each file on its own (the checks across files are build's).
    ``cache``: the build cache (schemas already checked, tables that passed)."""
    plan = yield from load_plan(root)
    schemas = yield from load_schemas(root, cache)
    tables = yield from load_tables(root, schemas, cache)
    return plan, schemas, tables


def build(root: Path, base: str = "/", cache: Path | None = None) -> SiteBuild:
    """Load, validate and render; raise BuildError listing every problem.
    ``base``: the path the site is served under (site_url's path, which
    plansite.generate reads from mkdocs.yml); ``cache``: a folder kept
    between builds."""
    (plan, schemas, tables), problems = gather(read_sources(root, cache))
    stems = {p.stem for p in (root / "tables").glob("*.yaml")}
    problems += integrity.check(plan, tables, stems, schemas, cache)
    problems += commitments.check(plan, tables)
    problems += fidelity.check(root, plan, tables, {p.file for p in problems})
    # With a chapter unreadable, words of the dictionary would seem to occur nowhere.
    problems += terms.check(root, plan_words(root), not any(p.file.startswith("chapters/") and not p.warning for p in problems))
    warnings = [p for p in problems if p.warning]
    problems = [p for p in problems if not p.warning]
    if problems:
        raise BuildError(problems)
    model = build_model(plan, tables)
    site = SiteBuild(root, model, Tracking.build(model, tables),
                     base=base, cache=cache)
    site.warnings = warnings
    site.render_pages()
    return site
