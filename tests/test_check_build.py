"""Nothing lost: a build that fails leaves site/ as it was (that `mkdocs
serve` keeps the last good version is in test_preview.py); every page says
when its source last changed, from git (or, without git, from the file).

All in one scratch copy of the project, built as few times as possible.
"""
from __future__ import annotations

import datetime
import hashlib
import os
import re
import subprocess
from pathlib import Path

import pytest
from babel.dates import format_date
from support.checking import CHECK, build, run_mains
from support.site import ROOT, copy_project

CHINA = datetime.timezone(datetime.timedelta(hours=8))
OLD = "2021-03-15T12:00:00+08:00"
NEW = "2024-07-01T10:00:00+08:00"
DATE = re.compile(r'<time datetime="([^"]+)">(\d{4}年\d{1,2}月\d{1,2}日)</time>')


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``folder``: content hash and modification time."""
    return {p.relative_to(folder).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def shown_date(html_file: Path) -> tuple[str, str]:
    m = DATE.search(html_file.read_text(encoding="utf-8"))
    assert m, f"no 最后更新 date on {html_file}"
    return m.group(1), m.group(2)


def chinese(moment: datetime.datetime) -> str:
    return format_date(moment.astimezone(CHINA).date(), format="long", locale="zh_CN")


def git(project: Path, *args: str, when: str | None = None) -> None:
    env = dict(os.environ, GIT_AUTHOR_DATE=when or OLD, GIT_COMMITTER_DATE=when or OLD)
    subprocess.run(["git", "-c", "user.name=测试", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false",
                    *args], cwd=project, env=env, check=True, capture_output=True)


def make(project: Path, *targets: str) -> subprocess.CompletedProcess:
    # .venv is the project's own (linked); -o: do not reinstall it
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(["make", "--no-print-directory", "-o", ".venv/.site-installed", *targets],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def project(tmp_path_factory, plan_cache) -> Path:
    project = copy_project(tmp_path_factory.mktemp("project") / "plan", plan_cache)
    os.symlink(ROOT / ".venv", project / ".venv")
    return project


@pytest.fixture(scope="module")
def without_git(project, tmp_path_factory) -> Path:
    """The docs tree generated before `git init` (`build_tables.py --out`,
    the Generate tier: each page's date is in its front matter, which the
    theme shows as it is; that built pages show it is
    test_every_built_page_has_a_date): a copy without history still gets
    its dates."""
    out = tmp_path_factory.mktemp("nogit")
    [r] = run_mains(CHECK, [["--root", str(project), "--out", str(out)]], cwd=project)
    assert r.returncode == 0, r.stderr[-3000:]
    return out / "docs"


@pytest.fixture(scope="module")
def first_build(project, without_git) -> subprocess.CompletedProcess:
    """The copy as a repository: everything committed in 2021, one box changed
    in 2024; then `make build` as an editor runs it."""
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "import")
    box = project / "tables" / "box-4-1.yaml"
    box.write_text(box.read_text(encoding="utf-8") + "# 2024 年复核\n", encoding="utf-8")
    git(project, "commit", "-q", "-am", "review box 4-1", when=NEW)
    r = make(project, "build")
    assert r.returncode == 0, r.stderr[-3000:]
    return r


@pytest.fixture(scope="module")
def with_history(project, first_build) -> Path:
    return project / "site"


def test_make_build_prints_only_what_an_editor_can_act_on(first_build):
    """No INFO lines (pages left out of the nav on purpose, timings): the
    check's summary, the commands make runs, and the Chinese last line."""
    out = first_build.stdout + first_build.stderr
    assert "INFO" not in out
    assert first_build.stdout.rstrip().endswith("网站已生成到 site/。")
    assert len(out.splitlines()) < 15, out


def test_without_git_pages_show_their_files_dates(project, without_git):
    for page, source in [("boxes/box-4-1.md", "tables/box-4-1.yaml"),
                         ("chapters/ch04.md", "chapters/ch04.md"),
                         ("index.md", "docs/index.md")]:
        mtime = datetime.datetime.fromtimestamp((project / source).stat().st_mtime, CHINA)
        assert shown_date(without_git / page)[1] == chinese(mtime), page


def test_every_page_shows_when_its_source_last_changed(with_history):
    old, new = datetime.datetime.fromisoformat(OLD), datetime.datetime.fromisoformat(NEW)
    assert chinese(new) == "2024年7月1日"
    expected = {
        "boxes/box-4-1/index.html": new,            # generated from tables/box-4-1.yaml
        "boxes/box-4-2/index.html": old,
        "chapters/ch04/index.html": old,            # generated from chapters/ch04.md
        "indicators/ind14-6/index.html": old,       # generated from tables/indicators-14th.yaml
        "indicators/index.html": new,               # a list of data: its newest file
        "index.html": old,                          # docs/index.md
    }
    for page, moment in expected.items():
        stamp, text = shown_date(with_history / page)
        assert datetime.datetime.fromisoformat(stamp) == moment, page
        assert text == chinese(moment), page


def test_every_built_page_has_a_date(with_history):
    pages = [p for p in with_history.rglob("*.html") if p.name != "404.html"]
    assert len(pages) > 100
    missing = [p.relative_to(with_history).as_posix() for p in pages
               if not DATE.search(p.read_text(encoding="utf-8"))]
    assert not missing


def test_failed_check_leaves_site_byte_for_byte(project, with_history):
    before = snapshot(with_history)
    box = project / "tables" / "box-4-2.yaml"
    good = box.read_text(encoding="utf-8")
    box.write_text(good.replace("  label: 市级", "\tlabel: 市级"), encoding="utf-8")
    try:
        r = build(project)
    finally:
        box.write_text(good, encoding="utf-8")
    assert r.returncode != 0
    assert "tables/box-4-2.yaml:15:1: YAML 语法错误：YAML 不允许用 Tab 键缩进" in r.stderr
    assert "Traceback" not in r.stderr + r.stdout
    assert snapshot(with_history) == before
    assert not (project / "build" / ".site-mkdocs").exists()     # no half-built scratch left behind


def test_failed_mkdocs_build_leaves_site_byte_for_byte(project, with_history):
    """The data passes the check but MkDocs fails (a broken link, strict mode):
    the scratch folder is never swapped in."""
    before = snapshot(with_history)
    index = project / "docs" / "index.md"
    good = index.read_text(encoding="utf-8")
    index.write_text(good + "\n[失效的链接](no-such-page.md)\n", encoding="utf-8")
    try:
        r = build(project)
    finally:
        index.write_text(good, encoding="utf-8")
    assert r.returncode != 0
    assert "no-such-page.md" in r.stderr
    assert snapshot(with_history) == before


# The cases of issue 11 (values YAML reads differently from how they look,
# invisible characters, the search dictionary, the plan's words, one fact in
# two places): each fails the build and leaves the site as it was (build():
# what `make build` runs, which test_make_build_prints_only_what_an_editor_can_act_on
# runs through make).
ISSUE_11_CASES = ["yaml-value-starts-with-gt", "yaml-value-starts-with-pipe", "yaml-second-colon-in-label",
                  "yaml-bare-dash-unit", "yaml-comment-in-value", "invisible-zero-width-space",
                  "search-terms-entry-with-space", "search-terms-word-nowhere-in-plan",
                  "progress-status-inside-entry", "progress-status-trailing-fullwidth-space",
                  "progress-year-fullwidth-digits", "progress-value-thousands-separator",
                  "progress-source-trailing-fullwidth-space", "glossary-term-added-twice",
                  "box-item-typo-corrected", "commitment-progress-beside-its-indicator"]
FIXTURES = ROOT / "tests" / "fixtures" / "check"


@pytest.mark.parametrize("case", ISSUE_11_CASES)
def test_failed_build_for_each_new_case_leaves_site_byte_for_byte(project, with_history, case):
    before = snapshot(with_history)
    overlay = FIXTURES / case / "with-problems"
    saved = {}
    for src in overlay.rglob("*"):
        if src.is_file():
            target = project / src.relative_to(overlay)
            saved[target] = target.read_bytes()
            target.write_bytes(src.read_bytes())
    try:
        r = build(project)
    finally:
        for target, content in saved.items():
            target.write_bytes(content)
    assert r.returncode != 0
    expected = (FIXTURES / case / "expected.txt").read_text(encoding="utf-8").splitlines()[:-1]
    assert expected and all(line in r.stderr.splitlines() for line in expected), r.stderr
    assert "Traceback" not in r.stderr + r.stdout
    assert snapshot(with_history) == before
