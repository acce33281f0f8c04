"""Generate tier: the complete docs tree any MkDocs-compatible generator builds.

``generate(root)`` loads, validates and renders (``site.build``, which raises
``BuildError`` listing every problem) and returns a ``Tree``: every file of
the docs tree by its path (bytes), the navigation, and the values our
templates read from ``config.extra``. ``write(tree, root, out)`` puts it on
disk as a project of its own:

    out/mkdocs.yml   mkdocs.yml with the nav, without hooks, our stylesheets
                     and scripts replaced by the joined ones
    out/docs/        docs/ as written, its markers expanded, plus every
                     generated page, the data downloads, site.css and site.js
    out/overrides/   the theme overrides, as written

What the theme shows and MkDocs hooks used to add is in each page's front
matter, so no engine has to run our code: ``title`` (HTML-escaped: titles
are editors' data and Material prints them as HTML), ``edit_url`` (the file
an editor changes: chapter, YAML or docs/ page; absent for pages that gather
many files) and the 最后更新 date (``revisions``). Links between pages in
raw HTML are absolute from site_url's path (``render.environment``), links in
Markdown point at the source ``.md`` file: both engines resolve both kinds.

Writing touches only files whose content changed and removes files that are
no longer generated, so a preview server watching the tree sees real changes
only.
"""
from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import assets, project, revisions, yamltext
from .site import SiteBuild, build

DOCS = "docs"
OVERRIDES = "overrides"
CONFIG = project.CONFIG
# Top-level keys of mkdocs.yml the generated config writes itself.
REPLACED = ("hooks", "nav", "extra", "extra_css", "extra_javascript")


@dataclass
class Tree:
    files: dict[str, bytes] = field(default_factory=dict)   # path in docs/ → content
    nav: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    css: list[str] = field(default_factory=list)            # extra_css of the generated config


def front_matter(markdown: str) -> tuple[dict, str]:
    """(meta, body) of a page that may start with YAML front matter."""
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end >= 0:
            # The same failsafe reading as chapters/ and tables/ (yamltext):
            # `title: 1:12` stays 1:12, not YAML 1.1's 72.
            loaded = yamltext.compose(markdown[4:end])
            meta = loaded.data if loaded is not None and isinstance(loaded.data, dict) else {}
            return meta, markdown[end + 5:]
    return {}, markdown


def with_meta(markdown: str, meta: dict) -> bytes:
    """The page with ``meta`` merged into its front matter (ours win)."""
    old, body = front_matter(markdown)
    text = yaml.safe_dump({**old, **meta}, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{text}---\n\n{body.lstrip(chr(10))}".encode()


def escaped_nav(nav: list) -> list:
    """Nav titles HTML-escaped, as the theme prints them."""
    out = []
    for item in nav:
        if isinstance(item, str):       # a page without a title of its own
            out.append(item)
            continue
        (title, value), = item.items()
        out.append({html.escape(title): escaped_nav(value) if isinstance(value, list) else value})
    return out


def generate(root: Path, cache: Path | None = None) -> tuple[SiteBuild, Tree]:
    """Load, validate, render; raise BuildError (or assets.AssetError).
    ``cache``: a folder kept between builds (project.CACHE)."""
    config = project.read_config(root)
    bundles = assets.Bundles.listed(config)
    site = build(root, project.site_path(root, config), cache)
    history = revisions.History(root)
    edit_base = project.edit_url_base(config)
    tree = Tree(nav=escaped_nav(site.nav()), extra={**(config.get("extra") or {}), **bundles.extra()},
                css=bundles.css_list())

    def meta(source: str | None, title: str | None) -> dict:
        out = {}
        if title is not None:
            out["title"] = html.escape(title)
        if source and edit_base:
            out["edit_url"] = edit_base + source
        out[revisions.META] = history.shown(source)
        return out

    docs = root / DOCS
    joined_sources = bundles.sources()
    for path in sorted(p for p in docs.rglob("*") if p.is_file()):
        rel = path.relative_to(docs).as_posix()
        if rel in joined_sources:
            continue                    # served only as part of the joined file
        if path.suffix == ".md":
            text = site.render_docs_page(path.read_text(encoding="utf-8"))
            title = front_matter(text)[0].get("title")
            tree.files[rel] = with_meta(text, meta(f"{DOCS}/{rel}", str(title) if title else None))
        else:
            tree.files[rel] = path.read_bytes()
    for page in site.pages.values():
        tree.files[page.src_uri] = with_meta(page.markdown, meta(page.edit, page.title))
    for data in site.files.values():
        tree.files[data.src_uri] = data.data
    for path, text in bundles.contents(docs).items():
        tree.files[path] = text.encode()
    return site, tree


def config_text(root: Path, tree: Tree) -> str:
    """mkdocs.yml as written, its REPLACED keys taken out, then ours.

    Text, not a YAML round trip: mkdocs.yml holds !!python tags that both
    engines read and a dump would lose."""
    kept: list[str] = []
    skipping = False
    for line in (root / CONFIG).read_text(encoding="utf-8").splitlines():
        top = line[:1] not in ("", " ", "\t", "#", "-")
        if top:
            skipping = line.split(":", 1)[0].strip() in REPLACED
        if not skipping:
            kept.append(line)
    ours = {"nav": tree.nav, "extra": tree.extra, "extra_css": tree.css, "extra_javascript": []}
    generated = "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in ours.items())
    return ("# Generated by scripts/build_tables.py --out from ../mkdocs.yml: do not edit.\n"
            + "\n".join(kept).rstrip() + "\n\n" + generated + "\n")


def write(tree: Tree, root: Path, out: Path) -> None:
    """The project of ``tree`` at ``out`` (see the module's docstring)."""
    out.mkdir(parents=True, exist_ok=True)
    sync(out / DOCS, tree.files)
    sync(out / OVERRIDES, {p.relative_to(root / OVERRIDES).as_posix(): p.read_bytes()
                           for p in (root / OVERRIDES).rglob("*") if p.is_file()})
    sync_file(out / CONFIG, config_text(root, tree).encode())


def sync(folder: Path, files: dict[str, bytes]) -> None:
    """Make ``folder`` hold exactly ``files``: changed files written, stale removed."""
    for rel, data in files.items():
        sync_file(folder / rel, data)
    if folder.is_dir():
        for path in sorted(folder.rglob("*"), reverse=True):
            rel = path.relative_to(folder).as_posix()
            if path.is_file() and rel not in files:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()


def sync_file(path: Path, data: bytes) -> None:
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
