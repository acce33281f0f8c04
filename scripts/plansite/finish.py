"""Finish tier: what a built site needs after any engine has built it.

    python -m plansite.finish SITE_DIR [--tree build/docs] [--cache build/.plan-cache]

* the search index (``search_index``), read from the built chapter pages, in
  reading order, so that search sees exactly what a reader sees (and the
  text of any page with a text filter, ``data-text-filter``, so that the
  comparison form's tables cover it too);
* the plan text as open data (``plan_text``: data/plan-text.csv and .json),
  from the same units;
* the results page's script (``assets.RESULTS``): engine, site.js and index;
* the checks that the finished site is complete: a page for every Markdown
  file of the docs tree (``--tree``), every other file of the tree copied,
  every chapter page carrying its units, our joined files and the index there.

Problems are yielded as sentences (Chinese, for whoever runs the build);
``main`` prints them and exits 1.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import assets, plan_text, project, search_index
from .chapters import load_plan
from .problems import BuildError, gather
from .site import reading_order
from .urls import page_url


def built_page(site_dir: Path, src_uri: str) -> Path:
    return site_dir / page_url(src_uri) / "index.html"


def finish(site_dir: Path, root: Path, tree: Iterable[str] = (), cache: Path | None = None) -> list[str]:
    """Write the index and the results script into ``site_dir``; return the
    problems found (empty when the site is complete). ``cache``: a folder
    kept between builds for the word segmenter (plansite.segments)."""
    plan, problems = gather(load_plan(root))
    if errors := [p for p in problems if not p.warning]:   # warnings were printed by the check
        raise BuildError(errors)
    chapters = reading_order(plan)
    collector = search_index.Collector(root, [c.src_uri for c in chapters], cache=cache)
    for c in chapters:
        page = built_page(site_dir, c.src_uri)
        if page.is_file():
            collector.add(c.src_uri, page_url(c.src_uri), c.title, page.read_text(encoding="utf-8"))
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if "data-text-filter" in html:      # 承诺清单: its filter uses the same comparison form
            collector.add_filtered(html)
    collector.write(site_dir)
    plan_text.write(site_dir, collector, project.read_config(root).get("site_url"))
    if (site_dir / assets.JS).is_file():
        assets.write_results_script(site_dir)
    return list(check(site_dir, chapters, collector, tree))


def check(site_dir: Path, chapters, collector: search_index.Collector, tree: Iterable[str]) -> Iterator[str]:
    for rel in tree:
        target = built_page(site_dir, rel) if rel.endswith(".md") else site_dir / rel
        if not target.is_file():
            yield f"生成的网站缺少 {target.relative_to(site_dir).as_posix()}（来自 docs 树中的 {rel}）。"
    for c in chapters:
        if c.units and c.src_uri not in collector.pages:
            yield f"章节页 {page_url(c.src_uri)} 缺失或没有带 data-para 的段落（{c.src_uri}）。"
    for rel in (assets.CSS, assets.JS, assets.ENGINE, search_index.INDEX_PATH, assets.RESULTS):
        if not (site_dir / rel).is_file():
            yield f"生成的网站缺少 {rel}。"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="为已生成的网站写入搜索索引和结果页脚本，并检查是否完整")
    ap.add_argument("site_dir", type=Path)
    ap.add_argument("--tree", type=Path, help="生成网站所用的 docs 树（检查每个文件都已生成）")
    ap.add_argument("--root", type=Path, default=Path.cwd(), help="项目根目录（chapters/ 所在处）")
    ap.add_argument("--cache", type=Path, help="分词缓存目录（默认 build/.plan-cache）")
    args = ap.parse_args(argv)
    tree = [p.relative_to(args.tree).as_posix() for p in sorted(args.tree.rglob("*")) if p.is_file()] \
        if args.tree else []
    try:
        problems = finish(args.site_dir, args.root, tree, args.cache or args.root / project.CACHE)
    except BuildError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
