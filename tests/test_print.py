"""Printing from the dark scheme (issue 12): a reader who switched to 深色模式
and prints a page gets dark text on white paper, charts included.

In Chromium: the reader's toggle in the header sets Material's ``slate``
scheme (kept in localStorage for the following pages), then print media is
emulated. On every kind of page (home, chapter pages with a table and with a
专栏, a 专栏 page, every page with a chart, the tracking and data pages), the
page background is white and every piece of text has a contrast of at least
4.5:1 (WCAG AA) against what lies behind it: white for the article text and
the charts' labels, legends and captions; the bar for a number drawn inside a
bar. Colours are the browser's computed ones, composited (alpha, opacity) by
the WCAG formulas here.

The site is a copy of the project with fixture progress on one 14th-plan
indicator, so that an indicator page has a chart whatever the data holds.
Without a browser: plan.css's print reset names every variable Material's
slate scheme sets, with the value of Material's default scheme (read from the
installed theme's own stylesheets).
"""
from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from support import tables
from support.checking import mkdocs_build
from support.plantext import page_tree
from support.site import ROOT, copy_project, serve

AA = 4.5
WHITE = (255, 255, 255)
RGB = re.compile(r"rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)")


def add_fixture_progress(project) -> str:
    """Give the copy's first 14th-plan indicator a final and an estimated
    value (test fixtures, not data about the district); return its id.
    The entries' shape follows tables/schemas/indicators-14th.schema.json."""
    found = []

    def change(data):
        ind = data["indicators"][0]
        ind["progress"] = [tables.entry(2021, "1", ind["unit"], "统计", "1", "测试夹具A"),
                           tables.entry(2022, "2", ind["unit"], "预计", "2", "测试夹具B")]
        found.append(ind["id"])
    tables.edit(project / "tables" / "indicators-14th.yaml", change)
    return found[0]


@pytest.fixture(scope="module")
def print_site(tmp_path_factory, plan_cache):
    """(base URL, pages to print, those of them with a chart) of a built copy
    with a progress chart."""
    project = copy_project(tmp_path_factory.mktemp("print") / "project", plan_cache)
    indicator = add_fixture_progress(project)
    site_dir = project.parent / "site"
    result = mkdocs_build(project, site_dir)
    assert result.returncode == 0, result.stderr[-4000:]
    pages = {p.relative_to(site_dir).as_posix(): page_tree(p) for p in sorted(site_dir.rglob("index.html"))}
    with_chart = [k for k, doc in pages.items() if doc.cssselect("article svg text")]
    assert f"indicators/{indicator}/index.html" in with_chart, "the fixture progress drew no chart"
    chapters = [k for k in pages if k.startswith("chapters/")]
    keys = ["index.html",
            next(k for k in chapters if pages[k].cssselect("article table [data-para]")),
            next(k for k in chapters if pages[k].cssselect("article aside.plan-box")),
            next(k for k in pages if k.startswith("boxes/box-")),
            "commitments/index.html", "data/index.html", "glossary/index.html",
            *with_chart]
    with serve(site_dir) as url:
        yield url, list(dict.fromkeys(keys)), with_chart


# -- colour and contrast (WCAG 2.x) -------------------------------------------------

def parse(css: str) -> tuple[float, float, float, float]:
    m = RGB.fullmatch(css.strip())
    assert m, f"unexpected computed colour {css!r}"
    r, g, b, a = m.groups()
    alpha = 1.0 if a is None else float(a[:-1]) / 100 if a.endswith("%") else float(a)
    return float(r), float(g), float(b), alpha


def over(top: tuple[float, float, float, float], below: tuple[float, float, float]) -> tuple[float, float, float]:
    a = top[3]
    return tuple(top[i] * a + below[i] * (1 - a) for i in range(3))


def luminance(rgb) -> float:
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def backdrop(layers: list[str]) -> tuple[float, float, float]:
    """Backgrounds from the element up to <html>, laid on white paper."""
    colour = WHITE
    for css in reversed(layers):
        colour = over(parse(css), colour)
    return colour


# What the page shows, read in the browser: every visible element of the
# article with text of its own, and every text of every chart.
COLLECT = """() => {
  const layers = (el) => { const out = []; for (let e = el; e; e = e.parentElement) out.push(getComputedStyle(e).backgroundColor); return out; };
  const opacity = (el) => { let o = 1; for (let e = el; e; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity); return o; };
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility === 'visible';
  const ownText = (el) => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  const article = document.querySelector('article.md-content__inner');
  const text = [];
  for (const el of [article, ...article.querySelectorAll('*')]) {
    if (el.closest('svg') || !ownText(el) || !visible(el)) continue;
    text.push({what: el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : ''),
               text: el.textContent.trim().slice(0, 30), color: getComputedStyle(el).color,
               opacity: opacity(el), layers: layers(el)});
  }
  const charts = [];
  for (const t of article.querySelectorAll('svg text')) {
    if (!visible(t)) continue;
    const box = t.getBBox(), cx = box.x + box.width / 2, cy = box.y + box.height / 2;
    // a text drawn inside a bar: the bar is what lies behind it
    const under = [...t.ownerSVGElement.querySelectorAll('rect')].find(r => {
      const b = r.getBBox(); return cx >= b.x && cx <= b.x + b.width && cy >= b.y && cy <= b.y + b.height; });
    const s = getComputedStyle(t);
    charts.push({what: 'svg text.' + t.getAttribute('class'), text: t.textContent.trim().slice(0, 30),
                 color: s.fill, opacity: opacity(t) * parseFloat(s.fillOpacity),
                 bar: under ? getComputedStyle(under).fill : null, layers: layers(t.ownerSVGElement)});
  }
  return {scheme: document.body.getAttribute('data-md-color-scheme'),
          body: getComputedStyle(document.body).backgroundColor,
          page: layers(article), text, charts};
}"""


def low_contrast(items: list[dict]) -> list[str]:
    bad = []
    for it in items:
        behind = backdrop(it["layers"])
        if it.get("bar"):
            behind = over(parse(it["bar"]), behind)
        r, g, b, a = parse(it["color"])
        seen = over((r, g, b, a * it["opacity"]), behind)
        ratio = contrast(seen, behind)
        if ratio < AA:
            bad.append(f"{it['what']} “{it['text']}”: {it['color']} on {behind} = {ratio:.2f}")
    return bad


def test_wcag_contrast_formula():
    assert contrast(WHITE, (0, 0, 0)) == pytest.approx(21)
    assert contrast((118, 118, 118), WHITE) == pytest.approx(4.54, abs=0.01)   # #767676, the AA limit for grey
    assert over((0, 0, 0, 0.5), WHITE) == (127.5, 127.5, 127.5)


@pytest.mark.browser
def test_printing_from_the_dark_scheme_gives_dark_text_on_white(browser, print_site):
    url, keys, with_chart = print_site
    context = browser.new_context(locale="zh-CN", color_scheme="light")
    page = context.new_page()
    problems: list[str] = []
    try:
        page.goto(url)
        page.click('label[for="__palette_1"]')              # the reader's 切换到深色模式
        for key in keys:
            page.emulate_media(media="screen")
            page.goto(url + key.removesuffix("index.html"))
            seen = page.evaluate(COLLECT)
            assert seen["scheme"] == "slate", f"{key}: the dark scheme is not on"
            assert backdrop(seen["page"]) != WHITE, f"{key}: on screen the dark scheme should be dark"
            page.emulate_media(media="print")
            # Links fade to their new colour (Material's transitions); paper shows the end state.
            page.evaluate("() => document.getAnimations().forEach(a => a.finish())")
            seen = page.evaluate(COLLECT)
            assert seen["scheme"] == "slate"
            if parse(seen["body"])[:3] != WHITE:
                problems.append(f"{key}: body background {seen['body']} in print")
            if backdrop(seen["page"]) != WHITE:
                problems.append(f"{key}: article background {backdrop(seen['page'])} in print")
            assert seen["text"], f"{key}: no article text found"
            if key in with_chart:
                assert seen["charts"], f"{key}: no chart text found"
            problems += [f"{key}: {p}" for p in low_contrast(seen["text"] + seen["charts"])]
    finally:
        context.close()
    assert not problems, "\n".join(problems[:40]) + f"\n({len(problems)} in all)"


# -- the print reset against the theme ----------------------------------------------

RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
THEME_CSS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"


def declarations(css: str, selector: str) -> dict[str, str]:
    """Custom properties and color-scheme of the rules whose selector list
    holds exactly ``selector`` (whitespace and quotes ignored)."""
    def bare(text: str) -> str:
        return re.sub(r"[\s\"]", "", text)
    out = {}
    for sel, body in RULE.findall(re.sub(r"/\*.*?\*/", "", css, flags=re.S)):
        if bare(selector) in bare(sel).split(","):
            for decl in body.split(";"):
                name, _, value = decl.partition(":")
                if name.strip().startswith("--") or name.strip() == "color-scheme":
                    out[name.strip()] = " ".join(value.split())
    return out


def print_block(css: str) -> str:
    """The inside of the first ``@media print { … }`` of ``css``."""
    start = css.index("@media print {") + len("@media print {")
    depth = 1
    for end in range(start, len(css)):
        depth += {"{": 1, "}": -1}.get(css[end], 0)
        if depth == 0:
            return css[start:end]
    raise AssertionError("unclosed @media print block")


def test_print_resets_every_variable_of_materials_dark_scheme():
    palette = "".join(p.read_text(encoding="utf-8") for p in THEME_CSS.glob("palette.*.min.css"))
    main = "".join(p.read_text(encoding="utf-8") for p in THEME_CSS.glob("main.*.min.css"))
    slate = declarations(palette, "[data-md-color-scheme=slate]")
    light = declarations(main, ":root")
    assert slate and light, "Material's stylesheets changed shape: read them again"
    ours = declarations(print_block((ROOT / "docs/assets/stylesheets/plan.css").read_text(encoding="utf-8")),
                        '[data-md-color-scheme="slate"]')
    missing, wrong = [], []
    for name, dark in slate.items():
        want = "light" if name == "color-scheme" else light.get(name)
        if dark == want:
            continue                     # the same in both schemes (e.g. var(--md-default-fg-color))
        if name not in ours:
            missing.append(name)
        elif ours[name].replace(", ", ",") != (want or "").replace(", ", ","):
            wrong.append(f"{name}: {ours[name]} (Material's default: {want})")
    assert not missing and not wrong, f"missing: {missing}; differing: {wrong}"
