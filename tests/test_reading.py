"""What a reader sees, in Chromium: unit permalinks, phones, print, dark mode."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_a_unit_offers_its_link_on_hover_and_copies_it(browser, site_url):
    context = browser.new_context(locale="zh-CN")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + "chapters/ch04/")
    unit = page.locator("#ch4-s1-p2")
    link = unit.locator(".unit-link")
    assert float(link.evaluate("el => getComputedStyle(el).opacity")) == 0
    unit.hover()
    # the mark fades in (CSS transition): wait until it is fully shown
    page.wait_for_function("getComputedStyle(document.querySelector('#ch4-s1-p2 .unit-link')).opacity === '1'",
                           timeout=5000)
    assert link.get_attribute("aria-label").startswith("复制本段链接")
    link.click()
    # our live region (Zensical's theme has one of its own, the empty md-dialog)
    status = ".plan-sr-only[role=status]"
    page.wait_for_function(f"document.querySelector('{status}') && document.querySelector('{status}').textContent")
    assert page.locator(status).text_content() == "已复制链接"
    assert page.evaluate("navigator.clipboard.readText()") == site_url + "chapters/ch04/#ch4-s1-p2"
    # The address shows the paragraph too. Read in the same task as the click:
    # once the page has scrolled, Material's navigation.tracking puts the
    # section's anchor there (its own behaviour, at a time of its choosing).
    assert link.evaluate("el => { el.click(); return location.hash; }") == "#ch4-s1-p2"
    # The mark is drawn by CSS: the unit's text is still exactly the plan's words.
    assert "¶" not in unit.text_content()
    context.close()


def test_table_rows_and_box_items_have_links_too(page, site_url):
    page.goto(site_url + "chapters/ch03/")
    assert page.locator("#ind14-1 .unit-link").get_attribute("href") == "#ind14-1"
    assert page.locator("#box-3-1-1 > .unit-link").get_attribute("href") == "#box-3-1-1"


def test_arriving_at_a_unit_shows_and_marks_it(page, site_url):
    page.goto(site_url + "chapters/ch09/#ch9-s2-p1")
    unit = page.locator("#ch9-s2-p1")
    page.wait_for_timeout(200)
    box = unit.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"]
    assert unit.evaluate("el => el.matches(':target')")
    bg = unit.evaluate("el => getComputedStyle(el).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2, locale="zh-CN")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", ["", "chapters/ch01/", "chapters/ch03/", "chapters/ch07/", "chapters/ch11/",
                                  "indicators/", "indicators/ind14-6/", "indicators/ind14-1/", "indicators/ind14-20/",
                                  "tracking/", "commitments/", "boxes/", "boxes/box-11-5/"])
def test_phone_pages_do_not_scroll_sideways(phone, site_url, path):
    phone.goto(site_url + path)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    # Wide tables scroll inside their own focusable region instead.
    for region in phone.locator(".plan-table").all():
        assert region.get_attribute("tabindex") == "0"


def test_on_touch_screens_unit_links_stay_visible(phone, site_url):
    phone.goto(site_url + "chapters/ch04/")
    opacity = phone.locator("#ch4-s1-p1 .unit-link").evaluate("el => getComputedStyle(el).opacity")
    assert float(opacity) > 0.3


def test_print_shows_the_text_without_navigation(page, site_url):
    page.goto(site_url + "chapters/ch04/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".unit-link", ".plan-related"):
        hidden = page.locator(selector).first.evaluate("el => getComputedStyle(el).display === 'none'")
        assert hidden, selector
    assert page.locator("#ch4-s1-p1").is_visible()
    assert page.locator("#box-4-1").is_visible()


def test_dark_scheme_follows_the_system_and_can_be_switched(browser, site_url):
    context = browser.new_context(color_scheme="dark", locale="zh-CN")
    page = context.new_page()
    page.goto(site_url + "chapters/ch04/")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.locator("label[title='切换到浅色模式']").first.click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    context.close()
