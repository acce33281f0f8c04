"""Markup in data is text: `<script>` and `<img onerror=…>` written into a
value of every kind of YAML file and into a chapter show as text on every
page that carries them, and in search results; nothing runs, no element is
created (checked in Chromium).

One scratch copy of the project with the markup injected, built once by each
engine.
"""
from __future__ import annotations

import functools
import http.server
import re
import threading
import urllib.parse
from pathlib import Path

import pytest
import yaml
from support.site import ENGINES, SITE_PATH, SiteHandler, build_site, copy_project

pytestmark = pytest.mark.browser


def payload(where: str) -> str:
    """Markup that would run and create elements if it reached the page as HTML.
    No single quotes (it goes into single-quoted YAML) and no ': ' (YAML)."""
    return (f"注入测试{where}</title><script>__pwn(\"{where}\")</script>"
            f"<img src=x onerror=__pwn(\"{where}\")><b class=injected>{where}</b>")


# (file, the line as it is, the line with markup): one value per kind of file
# and per kind of field (names, units, targets, results, list items, text).
INJECTIONS = [
    ("tables/indicators-14th.yaml", "  name: 高新技术企业数\n", "  name: '高新技术企业数{}'\n", "ind14-name"),
    ("tables/indicators-14th.yaml", "  target_2025: 400以上\n", "  target_2025: '400以上{}'\n", "ind14-target"),
    ("tables/indicators-14th.yaml", "  - 高新技术企业\n", "  - '高新技术企业{}'\n", "ind14-keyword"),
    ("tables/indicators-14th.yaml", "- 类别\n", "- '类别{}'\n", "ind14-column"),
    ("tables/indicators-13th.yaml", "  name: 人均地区生产总值\n", "  name: '人均地区生产总值{}'\n", "ind13-name"),
    ("tables/indicators-13th.yaml", "  unit: 万元\n", "  unit: '万元{}'\n", "ind13-unit"),
    ("tables/indicators-13th.yaml", "  target_2020: 13.5以上\n", "  target_2020: '13.5以上{}'\n", "ind13-target"),
    ("tables/box-4-1.yaml", "title: 重点研发机构平台\n", "title: '重点研发机构平台{}'\n", "box-title"),
    ("tables/box-4-1.yaml", "  label: 省级\n", "  label: '省级{}'\n", "box-label"),
    ("tables/box-4-2.yaml", "  text: 新博智汇谷、", "  text: '{}新博智汇谷、", "box-text"),
    ("chapters/ch04.md", "# 第四章 坚持科技创新核心地位\n", "# 第四章 坚持科技创新核心地位{}\n", "chapter-heading"),
]
CHAPTER_PARAGRAPH = "chapter-text"   # a new last paragraph of chapter 4


@pytest.fixture(scope="module", params=ENGINES)
def injected_site(tmp_path_factory, request, plan_cache) -> Path:
    project = copy_project(tmp_path_factory.mktemp("inert") / "plan")
    for rel, old, new, where in INJECTIONS:
        path = project / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        if rel.endswith(".yaml") and new.endswith("'\n") is False:   # value continues on the line
            text = text.replace(old, new.format(payload(where)), 1)
            line_end = text.index("\n", text.index(payload(where)))
            text = text[:line_end] + "'" + text[line_end:]
        else:
            text = text.replace(old, new.format(payload(where)), 1)
        path.write_text(text, encoding="utf-8")
    ch4 = project / "chapters" / "ch04.md"
    ch4.write_text(ch4.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{payload(CHAPTER_PARAGRAPH)}\n", encoding="utf-8")
    # The check compares the plan's words with the published text: in this
    # copy the "published" text carries the same markup.
    published = ["第四章 坚持科技创新核心地位" + payload("chapter-heading"), payload(CHAPTER_PARAGRAPH)]
    for box in ("box-4-1", "box-4-2"):
        for item in yaml.load((project / "tables" / f"{box}.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)["items"]:
            published.append(item.get("label", "") + item.get("label_separator", "：" if "label" in item else "")
                             + item["text"])
    with (project / "source" / "zhonglou-14th-five-year-plan.txt").open("a", encoding="utf-8") as f:
        f.write("\n" + "\n".join(published) + "\n")
    out = tmp_path_factory.mktemp(f"inert-{request.param}") / "site"
    r = build_site(project, out, request.param, cache=plan_cache)
    assert r.returncode == 0, r.stderr[-4000:]
    return out


@pytest.fixture(scope="module")
def injected_url(injected_site):
    handler = functools.partial(SiteHandler, directory=str(injected_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{SITE_PATH}"
    server.shutdown()


def carriers(site: Path) -> list[str]:
    """Pages to open in Chromium: for every injected value the first and the last
    page that carries it, and one page of every kind (folder). The chapter
    heading is in the navigation of every page, so "every page" is checked by
    test_no_raw_markup_in_any_built_page; the browser checks a sample of each."""
    texts = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    chosen: set[str] = set()
    for where in [w for *_, w in INJECTIONS] + [CHAPTER_PARAGRAPH]:
        pages = sorted(rel for rel, html in texts.items() if f"注入测试{where}" in html)
        chosen.update(pages[:1] + pages[-1:])
    kinds: dict[str, str] = {}
    for rel in sorted(texts):
        kinds.setdefault(rel.split("/")[0] if "/" in rel else rel, rel)
    return sorted(chosen | set(kinds.values()))


def test_no_raw_markup_in_any_built_page(injected_site):
    """HTML and SVG (charts) carry the values escaped. (Data files such as the
    search index and downloads hold them as the text they are.)"""
    raw = re.compile(r"<script>__pwn|<img src=x onerror|<b class=injected>")
    for path in injected_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".svg"):
            assert not raw.search(path.read_text(encoding="utf-8", errors="replace")), path


def test_every_injected_value_reaches_some_page(injected_site):
    html = "\n".join(p.read_text(encoding="utf-8") for p in injected_site.rglob("*.html"))
    for _, _, _, where in INJECTIONS:
        assert f"注入测试{where}" in html, where
    assert f"注入测试{CHAPTER_PARAGRAPH}" in html


PROBE = """() => ({
    pwned: window.__pwned,
    injected: document.querySelectorAll('.injected, img[onerror], img[src="x"]').length,
    scripts: [...document.scripts].filter(s => s.textContent.includes('__pwn(')).length,
    text: document.documentElement.textContent,
})"""


def open_page(browser, url: str):
    context = browser.new_context(locale="zh-CN")
    context.add_init_script("window.__pwned = []; window.__pwn = (w) => window.__pwned.push(w);")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    return context, page, errors


def test_markup_is_inert_on_every_page_that_carries_it(browser, injected_site, injected_url):
    pages = carriers(injected_site)
    assert len(pages) >= 8, pages
    failures = []
    for rel in pages:
        context, page, errors = open_page(browser, injected_url + rel)
        try:
            page.wait_for_load_state("load")
            page.wait_for_timeout(100)   # let onerror handlers fire, were there any
            state = page.evaluate(PROBE)
        finally:
            context.close()
        shown = "<script>__pwn(" in state["text"] and "<b class=injected>" in state["text"]
        if state["pwned"] or state["injected"] or state["scripts"] or errors or not shown:
            failures.append((rel, state["pwned"], state["injected"], state["scripts"], errors, shown))
    assert not failures


def test_markup_is_inert_in_search_results(browser, injected_url):
    query = "注入测试"
    context, page, errors = open_page(browser, injected_url + "search/?q=" + urllib.parse.quote(query))
    try:
        page.wait_for_selector('[data-search-results][data-state="done"]', timeout=30000)
        results = page.locator("[data-search-result]")
        assert results.count() >= 3
        listing = page.locator("[data-search-results]").text_content()
        state = page.evaluate(PROBE)
    finally:
        context.close()
    assert "<script>__pwn(" in listing or "<b class=injected>" in listing
    assert not state["pwned"] and not state["injected"] and not state["scripts"]
    assert not errors
