"""The two YAML parsers of plansite.yamltext read the same nodes.

Files are read by libyaml's parser (FastLoader) and, only when it fails, by
PyYAML's Python parser (Loader), whose error wording the messages are built
from. So for every text the check reads — every table, every chapter's front
matter, every file of the check's corpus of broken inputs, each as typed and
as `lint` cleans it — the two must give the same values, places, styles and
duplicates, or both fail.
"""
from __future__ import annotations

import functools
from pathlib import Path

import pytest
import yaml
from plansite import yamltext
from support.site import ROOT

FILES = (sorted((ROOT / "tables").glob("*.yaml")) + sorted((ROOT / "chapters").glob("*.md"))
         + sorted((ROOT / "tests" / "fixtures" / "check").rglob("*.yaml")))


def texts(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    if path.suffix == ".md":
        if not text.startswith("---\n"):
            return []
        text = text[4:text.find("\n---", 3)]
    return [text, yamltext.lint(text)[1]]


def distinct() -> dict[str, str]:
    """Each different text once (most files of the corpus are copies of a
    table with one change), named after the first file that has it."""
    out: dict[str, str] = {}
    for path in FILES:
        for text, how in zip(texts(path), ("", " (linted)")):
            out.setdefault(text, path.relative_to(ROOT).as_posix() + how)
    return out


TEXTS = distinct()


@functools.cache      # each text read once by each parser, whichever test asks first
def composed(text: str, loader_class):
    try:
        loaded = yamltext.compose(text, loader_class)
    except yaml.YAMLError:
        return "fails"
    return None if loaded is None else vars(loaded)


def test_pyyaml_has_its_c_parser():
    assert yamltext.FastLoader is not None, "PyYAML was installed without libyaml: reinstall the pinned wheel"


def test_the_corpus_is_all_there():
    assert len(FILES) > 100 and len(TEXTS) > 50
    assert any(composed(t, yamltext.Loader) == "fails" for t in TEXTS)


@pytest.mark.parametrize("text", TEXTS, ids=TEXTS.get)
def test_both_parsers_read_the_same(text):
    assert composed(text, yamltext.FastLoader) == composed(text, yamltext.Loader)


def test_a_file_the_c_parser_refuses_is_reported_in_the_python_parsers_words():
    text = "id: box-4-1\nitems:\n\t- label: 市级\n"
    with pytest.raises(yaml.YAMLError) as python:
        yamltext.compose(text, yamltext.Loader)
    with pytest.raises(yaml.YAMLError) as chosen:
        yamltext.compose(text)
    assert str(chosen.value) == str(python.value)


@pytest.mark.parametrize("text", ["a: &x 1\nb: *x\n", "a: !!int 1\n", "a: !tag x\n"])
def test_anchors_aliases_and_tags_are_refused_by_both(text):
    for loader_class in (yamltext.FastLoader, yamltext.Loader):
        with pytest.raises(yaml.composer.ComposerError):
            yamltext.compose(text, loader_class)
