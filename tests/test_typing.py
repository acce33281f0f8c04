"""Input methods, everywhere a reader types (issue 10, point 5): the header
search field, the results page's field and the 承诺清单 filter. Nothing
searches, filters, submits or rewrites the address during a composition;
the event orders of real browsers are dispatched in Chromium:

* Chrome: a real composition through the DevTools protocol (input events
  marked isComposing, an Enter pressed while composing);
* Safari: compositionend comes before the keydown of the Enter that
  committed it (that Enter must not submit);
* Android: ordinary Latin typing wrapped in a composition (the results
  follow when it ends).
"""
from __future__ import annotations

from urllib.parse import parse_qs, quote, urlsplit

import pytest

pytestmark = pytest.mark.browser

# where, the field, what says the field's text was acted on (or None)
FIELDS = {
    "header": ("chapters/ch04/", "[data-search-input]", "[data-search-instant]", "data-query"),
    "results": ("search/?q=" + quote("运河"), "[data-search-page-input]", None, None),
    "commitments": ("commitments/", "#commit-keyword", "#commit-filter", "data-filter-query"),
}


def open_field(page, site_url, name):
    path, field, _, _ = FIELDS[name]
    page.goto(site_url + path)
    page.wait_for_load_state("load")
    page.click(field)
    if name != "results":
        page.wait_for_function("window.PlanSearch && window.PlanSearch.Engine !== undefined")
    return field


def acted_on(page, name):
    _, _, target, attr = FIELDS[name]
    return page.get_attribute(target, attr) if target else None


def same_address(page, url) -> bool:
    """The page's address is ``url`` (Material may set a #fragment as the page scrolls)."""
    return urlsplit(page.url)[:4] == urlsplit(url)[:4]


def settle(page):
    page.wait_for_timeout(250)


@pytest.mark.parametrize("name", list(FIELDS))
def test_safari_enter_after_compositionend_does_not_submit(page, site_url, name):
    field = open_field(page, site_url, name)
    url = page.url
    # Safari: the Enter that commits the composition arrives after
    # compositionend; simulated by ending the composition from a listener
    # that runs before the field sees the trusted keydown
    page.evaluate("""f => {
      const i = document.querySelector(f);
      i.dispatchEvent(new CompositionEvent('compositionstart', {data: ''}));
      i.value = 'yun he';
      i.dispatchEvent(new InputEvent('input', {data: 'yun he', isComposing: true}));
      window.addEventListener('keydown', e => {
        if (e.key !== 'Enter') return;
        i.value = '运河';
        i.dispatchEvent(new CompositionEvent('compositionend', {data: '运河'}));
      }, {capture: true, once: true});
    }""", field)
    page.keyboard.press("Enter")
    settle(page)
    # still on the same page (its query may have changed: the field's text was taken)
    assert urlsplit(page.url).path == urlsplit(url).path and page.input_value(field) == "运河"
    if name == "results":
        assert parse_qs(urlsplit(page.url).query)["q"] == ["运河"]
    else:
        page.wait_for_function("([s, a]) => document.querySelector(s).getAttribute(a) === '运河'",
                               arg=[FIELDS[name][2], FIELDS[name][3]])
    # a later Enter, not an input method's, does what Enter does
    if name != "commitments":
        page.fill(field, "大运河")
        settle(page)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert parse_qs(urlsplit(page.url).query)["q"] == ["大运河"]


@pytest.mark.parametrize("name", ["header", "commitments", "results"])
def test_nothing_fires_during_a_real_composition_nor_on_its_enter(page, site_url, name):
    field = open_field(page, site_url, name)
    page.fill(field, "两")
    if name != "results":
        page.wait_for_function("([s, a]) => document.querySelector(s).getAttribute(a) === '两'",
                               arg=[FIELDS[name][2], FIELDS[name][3]])
    url = page.url
    cdp = page.context.new_cdp_session(page)
    for text in ["y", "yu", "yun", "yun h", "yun he"]:
        cdp.send("Input.imeSetComposition", {"text": text, "selectionStart": len(text), "selectionEnd": len(text)})
    settle(page)
    assert page.input_value(field) == "两yun he"
    assert acted_on(page, name) in (None, "两") and same_address(page, url)
    page.keyboard.press("Enter")          # while composing: the input method's
    settle(page)
    assert same_address(page, url)
    cdp.send("Input.insertText", {"text": "运河"})
    if name != "results":
        page.wait_for_function("([s, a]) => document.querySelector(s).getAttribute(a) === '两运河'",
                               arg=[FIELDS[name][2], FIELDS[name][3]])
    if name == "commitments":
        assert parse_qs(urlsplit(page.url).query)["q"] == ["两运河"]


@pytest.mark.parametrize("name", ["header", "commitments"])
def test_android_latin_typing_in_a_composition_updates_when_it_ends(page, site_url, name):
    field = open_field(page, site_url, name)
    url = page.url
    page.evaluate("""f => {
      const i = document.querySelector(f);
      i.dispatchEvent(new CompositionEvent('compositionstart', {data: ''}));
      for (const v of ['p', 'pm', 'pm2', 'pm2.', 'pm2.5']) {
        i.value = v;
        i.dispatchEvent(new InputEvent('input', {data: v, isComposing: true}));
      }
    }""", field)
    settle(page)
    assert acted_on(page, name) in (None, "") and same_address(page, url)
    page.evaluate("f => document.querySelector(f).dispatchEvent(new CompositionEvent('compositionend', {data: 'pm2.5'}))",
                  field)
    page.wait_for_function("([s, a]) => document.querySelector(s).getAttribute(a) === 'pm2.5'",
                           arg=[FIELDS[name][2], FIELDS[name][3]])
