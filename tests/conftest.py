"""Shared fixtures: a built site (once per session and engine: every test
that uses it runs against the MkDocs + Material build and the Zensical
build), a local HTTP server for it, and headless Chromium through Playwright.

Browser tests never skip: without Chromium they fail, saying what to install
(`make test` installs it where it can, as in CI).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.searching import read_plan_units
from support.site import ENGINES, ROOT, build_site, serve

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session", params=ENGINES)
def engine(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, engine) -> Path:
    out = tmp_path_factory.mktemp(f"site-{engine}") / "site"
    result = build_site(ROOT, out, engine)
    assert result.returncode == 0, result.stderr[-4000:]
    return out


@pytest.fixture(scope="session")
def html_pages(built_site) -> dict[str, Path]:
    """Every built HTML page, keyed by its path relative to the site."""
    return {p.relative_to(built_site).as_posix(): p for p in sorted(built_site.rglob("*.html"))}


@pytest.fixture(scope="session")
def plan_units(html_pages):
    """The search's ground truth: every unit of the chapter pages with its
    comparison form (support.searching.read_plan_units)."""
    return read_plan_units(html_pages)


@pytest.fixture(scope="session")
def site_url(built_site):
    """Base URL of the built site (ends with /)."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium fonts-noto-cjk "
                    "(or set CHROMIUM=/path/to/chromium)", pytrace=False)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh page; JavaScript errors fail the test that caused them."""
    context = browser.new_context(locale="zh-CN")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
