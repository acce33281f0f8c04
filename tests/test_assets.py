"""Our stylesheets and scripts reach every page as one file each (site.css,
site.js), joined in the order mkdocs.yml lists them; the search results page
has instead one script right after the results, search/results.js: the
engine, site.js and the index joined. Ground truth: mkdocs.yml and the files
in docs/ and in the built site."""
from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import urljoin

import yaml
from plansite import assets
from support.checking import build
from support.jscode import code_of
from support.plantext import page_tree
from support.site import ROOT, SITE_PATH, copy_project

THEME = ("main.", "palette.", "bundle.")   # Material's own hashed assets


class _AnyTag(yaml.SafeLoader):
    """mkdocs.yml carries !!python tags (slugify); the lists read here do not."""


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)


def listed(key: str) -> list[str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTag)
    return [e if isinstance(e, str) else e["path"] for e in config[key]]


def ours(doc, page: str, tag: str, attr: str) -> list[str]:
    """Site paths of our own stylesheets or scripts, in document order."""
    base = SITE_PATH + page            # 404.html links site-absolute
    out = []
    for el in doc.iter(tag):
        if el.get(attr) is None:
            continue
        if tag == "link" and "stylesheet" not in el.get("rel", "").split():
            continue
        path = urljoin(base, el.get(attr)).removeprefix(SITE_PATH)
        if not PurePosixPath(path).name.startswith(THEME):
            out.append(path)
    return out


def test_every_page_asks_for_one_stylesheet_and_one_script_of_ours(html_pages):
    assert len(listed("extra_css")) > 1 and len(listed("extra_javascript")) > 1
    for page, path in html_pages.items():
        doc = page_tree(path)
        assert ours(doc, page, "link", "href") == ["assets/stylesheets/site.css"], page
        scripts = ours(doc, page, "script", "src")
        if page == "search/index.html":
            assert scripts == ["search/results.js"], page
        else:
            assert scripts == ["assets/javascripts/site.js"], page


def test_on_the_results_page_its_script_follows_the_results_and_precedes_the_theme(html_pages):
    doc = page_tree(html_pages["search/index.html"])
    results = doc.cssselect("[data-search-results]")[0]
    # the scripts in it and after it, in the order of the page
    after = [s.get("src") for s in results.xpath("descendant::script[@src] | following::script[@src]")]
    assert PurePosixPath(after[0]).name == "results.js"
    assert PurePosixPath(after[1]).name.startswith("bundle.")
    preloads = [urljoin(SITE_PATH + "search/", ln.get("href")).removeprefix(SITE_PATH)
                for ln in doc.cssselect('link[rel="preload"]')]
    assert preloads == ["search/results.js"]


def assert_joined_in_order(text: str, parts, joined: str) -> int:
    """Each (name, body) of parts stands in text, after the ones before it;
    returns where the last one ends."""
    at = 0
    for name, body in parts:
        found = text.find(body, at)
        assert found >= at, f"{name} is not in {joined} after the parts before it"
        at = found + len(body)
    return at


def test_the_results_script_is_the_engine_site_script_and_index_joined(built_site):
    text = (built_site / "search" / "results.js").read_text(encoding="utf-8")
    parts = [(n, (built_site / n).read_text(encoding="utf-8").strip()) for n in assets.RESULTS_PARTS]
    assert [PurePosixPath(n).name for n in assets.RESULTS_PARTS] == ["search-engine.js", "site.js", "plan-index.js"]
    end = assert_joined_in_order(text, parts, "search/results.js")
    assert text[end:].strip() == ""


def test_the_joined_files_hold_every_source_verbatim_in_order(built_site):
    """Stylesheets as written; scripts without their lines that are only a
    comment, their code exactly the sources' code."""
    for sources, joined in ((listed("extra_css"), "assets/stylesheets/site.css"),
                            (listed("extra_javascript"), "assets/javascripts/site.js"),
                            (assets.ENGINE_SOURCES, "assets/javascripts/search-engine.js")):
        text = (built_site / joined).read_text(encoding="utf-8")
        parts = []
        for src in sources:
            written = (ROOT / "docs" / src).read_text(encoding="utf-8")
            shipped = assets.shipped_code(written) if src.endswith(".js") else written
            if src.endswith(".js"):
                lines = [[ln for ln in code_of(t).split("\n") if ln.strip()] for t in (shipped, written)]
                assert lines[0] == lines[1], f"{src}: more than comments left out"
                assert len(shipped) < len(written)
            parts.append((src, shipped.strip()))
        assert_joined_in_order(text, parts, joined)
        for src, _ in parts:
            assert not (built_site / src).exists(), f"{src} is published on its own as well as in {joined}"


def test_the_joined_script_runs_every_part_without_error(page, site_url):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + "chapters/ch04/")
    page.wait_for_load_state("load")
    # units.js gave each unit its link; search/ wired the header field and
    # offers the engine to the 承诺清单 filter; typing.js is there for both
    assert page.locator("[data-para] > .unit-link").count() > 10
    assert page.evaluate("typeof window.PlanSearch.load === 'function'")
    assert page.evaluate("typeof window.PlanTyping.watch === 'function'")
    assert errors == []


def test_a_script_that_cannot_be_joined_is_refused_in_chinese(tmp_path):
    project = copy_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("  - assets/javascripts/terms.js\n",
                        "  - path: assets/javascripts/terms.js\n    async: true\n")
    config.write_text(text, encoding="utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "assets/javascripts/terms.js" in result.stderr and "无法与其他脚本合并" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "index.html").exists()


def test_a_missing_stylesheet_is_named(tmp_path):
    project = copy_project(tmp_path / "p")
    (project / "docs" / "assets" / "stylesheets" / "tracking.css").unlink()
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "docs/assets/stylesheets/tracking.css" in result.stderr and "找不到文件" in result.stderr
    assert "Traceback" not in result.stderr


def test_every_script_of_ours_is_joined_somewhere():
    """Each file under docs/assets/javascripts/ is part of site.js (mkdocs.yml)
    or of the engine (assets.ENGINE_SOURCES), listed once: a new part that
    nobody lists would silently never ship."""
    on_disk = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs" / "assets" / "javascripts").rglob("*.js"))
    listed_ = [*listed("extra_javascript"), *assets.ENGINE_SOURCES]
    assert len(listed_) == len(set(listed_))
    assert sorted(listed_) == on_disk
