"""Shared fixtures: a built site (once per session and engine: every test
that uses it runs against the MkDocs + Material build and the Zensical
build), a local HTTP server for it, and headless Chromium through Playwright.

Under pytest-xdist (`make test`, `make test-fast`: one worker per core) the
two builds are still made once per session: the first worker that needs one
builds it, under a lock, into the folder all workers share
(support.site.shared_build); the others wait for it and read the same files.

Browser tests never skip: without Chromium they fail, saying what to install
(`make test` installs it where it can, as in CI).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.searching import read_plan_units
from support.site import CACHE_NAME, ENGINES, ROOT, build_site, serve, shared_build, work_of

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session", params=ENGINES)
def engine(request) -> str:
    return request.param


def _site(tmp_path_factory, engine: str, cache: Path | None = None) -> Path:
    def make(folder: Path) -> Path:
        out = folder / "site"
        result = build_site(ROOT, out, engine, cache=cache)
        assert result.returncode == 0, result.stderr[-4000:]
        return out

    return shared_build(tmp_path_factory, f"site-{engine}", make)


@pytest.fixture(scope="session")
def mkdocs_site(tmp_path_factory) -> Path:
    """`make build` of the project, once per session."""
    return _site(tmp_path_factory, "mkdocs")


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory, plan_cache) -> Path:
    """`make build-zensical` of the project, once per session, its build
    cache a copy of mkdocs_site's (the cold start is tested there)."""
    return _site(tmp_path_factory, "zensical", plan_cache)


@pytest.fixture(scope="session")
def built_site(request, engine) -> Path:
    return request.getfixturevalue(f"{engine}_site")


@pytest.fixture(scope="session")
def plan_cache(mkdocs_site) -> Path:
    """The build cache (build/.plan-cache: compiled templates, jieba's
    dictionary, the words of every text cut) that the session's `make build`
    left, from a cold start. Scratch builds start from a copy of it, as an
    editor's second build starts from the first one's
    (support.site.seed_cache): the cold start is tested once, by that build."""
    return work_of(mkdocs_site) / CACHE_NAME


@pytest.fixture(scope="session")
def template_cache(tmp_path_factory) -> Path:
    """A cache folder for the builds tests run in their own process
    (plansite.site.build(root, cache=...)): templates compiled once a
    session, as between two builds of an editor (Jinja checks each
    template's source against what it compiled)."""
    return tmp_path_factory.mktemp("template-cache")


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


# The test files that take longest, in the order pytest-xdist starts them
# (each file runs whole in one worker: --dist loadfile): started first, they
# do not finish alone at the end while the other workers wait. Only the
# order changes; any file not named follows in the usual order.
SLOW_FIRST = ("test_check.py", "test_preview.py", "test_check_build.py", "test_assets.py", "test_commitments.py",
              "test_site.py", "test_tiers.py", "test_typed_values.py", "test_guide_examples.py",
              "test_search_index.py", "test_js.py")


@pytest.hookimpl(tryfirst=True)     # before `-m "not browser"` deselects
def pytest_collection_modifyitems(config, items):
    # A test that opens a page needs Chromium, whatever its marks say: it is
    # a browser test (`make test-fast` leaves it out, `make test` runs it).
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
    if os.environ.get("PYTEST_XDIST_WORKER"):
        rank = {name: i for i, name in enumerate(SLOW_FIRST)}
        items.sort(key=lambda item: rank.get(item.path.name, len(rank)))   # stable: files keep their own order
