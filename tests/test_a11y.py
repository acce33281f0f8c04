"""axe-core over every built page, in Chromium: no serious or critical
violation, in the light scheme everywhere and in the dark scheme on every
page that is not one of the many per-record pages (their template is shared
with the pages checked)."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser
BAD = {"serious", "critical"}


def audit(browser, site_url, keys, scheme):
    axe = Axe()
    context = browser.new_context(color_scheme=scheme, locale="zh-CN")
    page = context.new_page()
    found = []
    try:
        for key in keys:
            page.goto(site_url + key)
            results = axe.run(page)
            for v in results.response["violations"]:
                if v.get("impact") in BAD:
                    targets = [n["target"] for n in v["nodes"]][:3]
                    found.append(f"{scheme} {key}: {v['id']} ({v['impact']}) {targets}")
    finally:
        context.close()
    return found


def test_no_serious_violation_on_any_page(browser, site_url, html_pages):
    keys = [k for k in html_pages if k != "404.html"] + ["404.html"]
    assert len(keys) > 100
    found = audit(browser, site_url, keys, "light")
    assert found == [], "\n".join(found)


def test_no_serious_violation_in_dark_scheme(browser, site_url, html_pages):
    keys = [k for k in html_pages
            if not k.startswith(("indicators/ind", "boxes/box-"))]
    keys += ["indicators/ind14-6/index.html", "indicators/ind13-26/index.html", "boxes/box-4-1/index.html"]
    found = audit(browser, site_url, keys, "dark")
    assert found == [], "\n".join(found)
