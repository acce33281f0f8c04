"""The build's tiers each work alone: the Generate command writes a docs tree
that a plain MkDocs (no hooks, nothing of ours running) builds as it is, and
the Finish command completes that site; the MkDocs hook (what `make serve`
runs) is a thin adapter that builds the same pages as `make build`."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
import yaml
from plansite import search_index
from support.checking import FINISH, mkdocs_build, run_mains
from support.plantext import first, page_tree
from support.site import ROOT, seed_cache

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


class _AnyTag(yaml.SafeLoader):
    pass


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("generate") / "build"
    r = subprocess.run([sys.executable, "scripts/build_tables.py", "--out", str(out)], cwd=ROOT, env=ENV,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    return out


def test_the_tree_holds_every_source_page_and_no_hook(tree):
    config = yaml.load((tree / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTag)
    assert "hooks" not in config and config["nav"]
    docs = tree / "docs"
    for chapter in (ROOT / "chapters").glob("*.md"):
        if chapter.name != "README.md":
            assert (docs / "chapters" / chapter.name).is_file(), chapter.name
    for page in (ROOT / "docs").rglob("*.md"):
        assert (docs / page.relative_to(ROOT / "docs")).is_file(), page
    for table in (ROOT / "tables").glob("*.yaml"):
        assert list((docs / "data").glob(table.stem + ".*")), table.name   # its downloads
    assert (tree / "overrides" / "main.html").is_file()
    # front matter carries what the hooks used to add
    ch4 = (docs / "chapters" / "ch04.md").read_text(encoding="utf-8")
    assert "edit_url: https://" in ch4 and "chapters/ch04.md" in ch4 and "最后更新" in ch4


@pytest.fixture(scope="module")
def plain_site(tree, tmp_path_factory) -> Path:
    """The tree built by a plain `mkdocs build --strict` (each test finishes a copy)."""
    site = tmp_path_factory.mktemp("plain") / "site"
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tree / "mkdocs.yml"),
                        "--site-dir", str(site)], env=ENV, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    return site


def finish(site: Path, tree: Path, cache: Path) -> subprocess.CompletedProcess:
    """`python -m plansite.finish SITE --tree TREE/docs --cache CACHE`, as its own process."""
    return subprocess.run([sys.executable, "-m", "plansite.finish", str(site), "--tree", str(tree / "docs"),
                           "--cache", str(cache)], cwd=ROOT, env=ENV, capture_output=True, text=True)


def test_plain_mkdocs_builds_the_tree_and_finish_completes_it(tree, plain_site, tmp_path, plan_cache):
    site = shutil.copytree(plain_site, tmp_path / "site")
    assert not (site / search_index.INDEX_PATH).exists()      # the engine alone makes no index
    seed_cache(plan_cache, tmp_path / "cache")
    r = finish(site, tree, tmp_path / "cache")
    assert r.returncode == 0, r.stderr[-3000:]
    index = search_index.read_script((site / search_index.INDEX_PATH).read_text(encoding="utf-8"))
    ids = [u[0] for u in index["units"]]
    assert len(ids) == len(set(ids)) > 250


def test_finish_names_what_a_site_lacks(tree, plain_site, tmp_path, plan_cache):
    site = shutil.copytree(plain_site, tmp_path / "site")
    (site / "chapters" / "ch07" / "index.html").unlink()
    seed_cache(plan_cache, tmp_path / "cache")
    # the command's main() in a fork (support.checking): the command line itself is run above
    [r] = run_mains(FINISH, [[str(site), "--tree", str(tree / "docs"), "--cache", str(tmp_path / "cache")]], cwd=ROOT)
    assert r.returncode == 1
    assert "chapters/ch07/index.html" in r.stderr and "Traceback" not in r.stderr


def article_markup(path: Path) -> str | None:
    """A page's article written out again as HTML (None: the page has none)."""
    article = first(page_tree(path).cssselect("article"))
    return None if article is None else lxml.html.tostring(article, encoding="unicode", with_tail=False)


def test_the_mkdocs_hook_builds_the_same_pages_as_make_build(mkdocs_site, tmp_path):
    built_site = mkdocs_site            # the session's `make build` of the project
    hooked = tmp_path / "hooked"
    r = mkdocs_build(ROOT, hooked)
    assert r.returncode == 0, r.stderr[-3000:]
    ours = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file())
    theirs = sorted(p.relative_to(hooked).as_posix() for p in hooked.rglob("*") if p.is_file())
    assert ours == theirs
    for rel in ours:
        if rel.endswith(".html"):
            assert article_markup(built_site / rel) == article_markup(hooked / rel), rel
        elif not rel.endswith((".gz", ".xml")):
            assert (built_site / rel).read_bytes() == (hooked / rel).read_bytes(), rel


def test_finish_goes_on_past_a_warning_the_check_let_through(tmp_path):
    """A 提醒 (two items on adjacent lines) does not stop the build: Finish
    reads the same chapters and must not refuse them either."""
    from plansite.finish import finish

    root = tmp_path / "root"
    shutil.copytree(ROOT / "chapters", root / "chapters")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "tests" / "fixtures" / "check" / "chapter-paragraphs-without-blank-line" / "with-problems",
                    root, dirs_exist_ok=True)
    site = tmp_path / "site"
    site.mkdir()
    missing = finish(site, root, cache=tmp_path / "cache")       # an empty site: every page is missing
    assert missing and not any("提醒" in line for line in missing)
    assert (site / search_index.INDEX_PATH).is_file()
