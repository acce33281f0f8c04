"""Issue 4 in the browser (Chromium): filtering the 承诺清单 without a server,
badges and glossary terms on chapter pages, and axe-core on the new pages."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent


def typed(name: str):
    """A table as typed (YAML's failsafe reading)."""
    return yaml.load((ROOT / "tables" / name).read_text(encoding="utf-8"), Loader=yaml.CBaseLoader)


ENTRIES = typed("commitments.yaml")["commitments"]
INDICATORS = {i["id"]: i for i in typed("indicators-14th.yaml")["indicators"]}
# Every status the schema allows: those the editors have set and those they have not.
STATUSES = json.loads((ROOT / "tables" / "schemas" / "commitments.schema.json")
                      .read_text(encoding="utf-8"))["$defs"]["status"]["enum"]


def status(entry: dict) -> str:
    """As the editors recorded it: on the cited indicator, else on the entry."""
    holder = INDICATORS[entry["indicator"]] if "indicator" in entry else entry
    return holder.get("status", "未评估")
# axe-core runs over these pages, in both schemes, in test_a11y.py.


def visible(page) -> int:
    return page.locator("li.commit:visible").count()


def test_filter_by_chapter_keyword_and_status(page, site_url):
    page.goto(site_url + "commitments/")
    total = len(ENTRIES)
    assert page.locator("#commit-filter").is_visible()
    assert page.locator("#commit-count").inner_text() == f"共 {total} 项"

    per_chapter = Counter(e["unit"].split("-")[0] for e in ENTRIES)
    page.select_option("#commit-chapter", "4")
    assert visible(page) == per_chapter["ch4"]
    assert page.locator("#commit-count").inner_text() == f"显示 {per_chapter['ch4']} 项，共 {total} 项"
    assert page.locator("section.commit-group:visible").count() == 1

    page.select_option("#commit-chapter", "")
    page.fill("#commit-keyword", "亿元")
    # the keyword is compared in the search engine's comparison form: the
    # engine loads on first use, then the list is filtered
    page.wait_for_selector("#commit-filter[data-filter-state=done][data-filter-query='亿元']")
    shown = page.locator("li.commit:visible")
    assert 0 < shown.count() < total
    for text in shown.all_inner_texts():
        assert "亿元" in text
    hidden = page.locator("li.commit[hidden]").all_text_contents()
    assert len(hidden) == total - shown.count()
    for text in hidden:
        assert "亿元" not in text
    assert "q=" in page.url          # the view can be shared

    page.fill("#commit-keyword", "")
    statuses = Counter(status(e) for e in ENTRIES)
    for name in STATUSES:
        page.select_option("#commit-status", name)
        assert visible(page) == statuses[name]
        shown_text = f"共 {total} 项" if statuses[name] == total else f"显示 {statuses[name]} 项，共 {total} 项"
        assert page.locator("#commit-count").inner_text() == shown_text
        assert (page.locator("section.commit-group:visible").count() == 0) == (statuses[name] == 0)


def test_entry_links_to_its_paragraph(page, site_url):
    first = ENTRIES[0]
    page.goto(site_url + "commitments/")
    # the address as the link leads there (Material's navigation.tracking may
    # later put the section's anchor in its place)
    with page.expect_navigation(url=f"**#{first['unit']}"):
        page.locator(f"#{first['id']} .commit__meta a").first.click()
    assert first["quote"] in page.locator(f"#{first['unit']}").inner_text()


def test_badge_leads_to_the_commitments(page, site_url):
    page.goto(site_url + "chapters/ch04/")
    badge = page.locator("#ch4-s1-p1 + .plan-unit-after a.plan-commit-badge")
    assert badge.inner_text() == "3 项承诺"
    with page.expect_navigation(url="**/commitments/#c-ch4-s1-p1-1"):
        badge.click()
    assert page.locator("#c-ch4-s1-p1-1").is_visible()


def test_glossary_term_explains_itself_on_keyboard_focus(page, site_url):
    page.goto(site_url + "chapters/ch05/")
    term = page.locator("a.plan-term").first
    assert page.evaluate("el => getComputedStyle(el, '::after').content", term.element_handle()) in ("none", "normal")
    term.focus()
    content = page.evaluate("el => getComputedStyle(el, '::after').content", term.element_handle())
    assert term.get_attribute("data-tip") in content
    description = page.evaluate(
        "el => document.getElementById(el.getAttribute('aria-describedby')).textContent", term.element_handle())
    assert term.get_attribute("data-tip") in description



def test_glossary_term_on_a_touch_screen_first_tap_explains(browser, site_url):
    context = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 800},
                                  locale="zh-CN")
    pg = context.new_page()
    try:
        pg.goto(site_url + "chapters/ch05/")
        assert pg.evaluate("matchMedia('(hover: none)').matches")
        term = pg.locator("a.plan-term").first
        term.scroll_into_view_if_needed()
        term.tap()
        assert pg.url.endswith("chapters/ch05/")          # stayed: the explanation shows
        assert pg.evaluate("document.activeElement.classList.contains('plan-term')")
        content = pg.evaluate("el => getComputedStyle(el, '::after').content", term.element_handle())
        assert term.get_attribute("data-tip") in content
        term.tap()
        pg.wait_for_url("**/glossary/**")
    finally:
        context.close()
