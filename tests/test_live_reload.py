"""`mkdocs serve` rebuilds with plansite as it is on disk. MkDocs imports the
hook module once per process, so hooks/plan.py takes plansite from
plansite_adapters.live on every build, which imports the package afresh when
its code changed (the whole serve is in test_preview)."""
from __future__ import annotations

import importlib
import os
import sys

import pytest
from plansite_adapters import live


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A throwaway package ``livedemo``: ``page`` uses a name bound from ``words``."""
    folder = tmp_path / "livedemo"
    folder.mkdir()
    (folder / "__init__.py").write_text("", encoding="utf-8")
    (folder / "words.py").write_text("GREETING = 'old'\n", encoding="utf-8")
    (folder / "page.py").write_text("from .words import GREETING\n\n\ndef render():\n    return GREETING\n",
                                    encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield folder
    for name in [m for m in sys.modules if m == "livedemo" or m.startswith("livedemo.")]:
        del sys.modules[name]


def edit(path, text):
    """Write ``text`` and move the file's time on, as a later save does."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))


def test_an_edit_reaches_the_modules_that_imported_from_the_edited_one(package):
    live.fresh("livedemo")
    page = importlib.import_module("livedemo.page")
    assert page.render() == "old"
    live.fresh("livedemo")
    assert importlib.import_module("livedemo.page") is page          # nothing changed: nothing re-imported
    edit(package / "words.py", "GREETING = 'new'\n")
    live.fresh("livedemo")
    assert importlib.import_module("livedemo.page").render() == "new"


def test_a_module_added_while_serving_is_found(package):
    live.fresh("livedemo")
    edit(package / "page.py", "from .extra import WORD\n\n\ndef render():\n    return WORD\n")
    (package / "extra.py").write_text("WORD = 'added'\n", encoding="utf-8")
    live.fresh("livedemo")
    assert importlib.import_module("livedemo.page").render() == "added"


def test_the_hook_gets_one_consistent_plansite():
    """What the hook catches is what the fresh code raises: the classes come
    from the modules the build runs."""
    core = live.core()
    problems = importlib.import_module("plansite.problems")
    assert core.BuildError is problems.BuildError
    assert core.generate.__module__ == "plansite.generate"
    assert live.core().BuildError is core.BuildError     # unchanged code: the same modules


def test_an_edit_that_does_not_import_is_one_sentence():
    try:
        compile("def broken(:\n", "generate.py", "exec")
    except SyntaxError as exc:
        message = live.import_failed(exc)
    assert message.startswith("scripts/plansite 的代码无法载入，预览未更新：SyntaxError")
    assert "generate.py:1" in message and "Traceback" not in message


def test_adapters_unchanged_need_no_restart():
    assert live.restart_needed() is None


def test_changed_adapters_ask_for_a_restart_in_one_sentence(monkeypatch):
    monkeypatch.setattr(live, "_STARTED_WITH", ())       # as if hooks/ or the adapters changed since start
    message = live.restart_needed()
    assert message.count("。") == 1 and "make serve" in message and "hooks/" in message
