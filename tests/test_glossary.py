"""名词解释: the plan's own explanations quoted verbatim with a link to where
they stand, and the first use of each term in each chapter marked without
changing the unit's text."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from support.plantext import page_tree

ROOT = Path(__file__).resolve().parent.parent
TERMS = yaml.load((ROOT / "tables" / "glossary.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)["terms"]
# The terms the issue names (the plan writes 一轴一核心，一环多组团 with a comma).
NAMED = ["两新一智", "12个没有", "20个有", "一轴一核心一环多组团", "老城厢", "预期性", "约束性"]


def forms(t: dict) -> list[str]:
    return [t["term"], *t.get("aliases", [])]


@pytest.fixture(scope="module")
def chapter_pages(built_site):
    return {p.parent.name: page_tree(p) for p in sorted((built_site / "chapters").glob("*/index.html"))}


@pytest.fixture(scope="module")
def units(chapter_pages):
    return {el.get("id"): el.text_content() for doc in chapter_pages.values() for el in doc.cssselect("[data-para]")}


def test_the_issue_terms_are_there():
    have = {f for t in TERMS for f in forms(t)}
    assert set(NAMED) <= have


def test_plan_explanations_are_verbatim_in_the_unit_they_link(units):
    for t in TERMS:
        if "definition" in t:
            assert t["definition"] in units[t["unit"]], t["id"]
        if "unit" in t:
            assert any(f in units[t["unit"]] for f in forms(t)), t["id"]


def test_glossary_page_quotes_and_links(built_site):
    doc = page_tree(built_site / "glossary" / "index.html")
    for t in TERMS:
        dt = doc.get_element_by_id(f"term-{t['id']}", None)
        assert dt is not None and dt.text_content() == t["term"]
        dd = next(dt.itersiblings("dd"), None)
        if "definition" in t:
            assert f"“{t['definition']}”" in dd.text_content()
        if "unit" in t:
            assert any(a.get("href").endswith(f"#{t['unit']}") for a in dd.cssselect(":scope a[href]")), t["id"]


def runs(el) -> list[str]:
    """The text runs of a paragraph: bold lead sentence and plain text apart
    (a term that straddles their edge cannot be wrapped)."""
    return [x.text_content() for x in el.iterdescendants("strong")] + \
        ["".join(el.xpath(".//text()[not(ancestor::strong)]"))]


def unit_of(el):
    """The [data-para] unit ``el`` stands in, or None."""
    return next((u for u in el.iterancestors() if u.get("data-para") is not None), None)


def test_first_use_in_each_chapter_is_marked_and_the_text_unchanged(chapter_pages):
    marked_total = 0
    for name, doc in chapter_pages.items():
        paras = doc.cssselect("p[data-para]")
        for t in TERMS:
            first = next((el for el in paras if any(f in r for r in runs(el) for f in forms(t))), None)
            marks = [a for a in doc.cssselect("a.plan-term") if a.get("href").endswith(f"#term-{t['id']}")]
            if first is None or ("definition" in t and first.get("id") == t["unit"]):
                # not used here, or used first in the paragraph that explains it
                assert not marks, (name, t["id"])
                continue
            assert len(marks) == 1, (name, t["id"])
            a = marks[0]
            assert unit_of(a) is first, (name, t["id"])
            assert a.text_content() in forms(t)
            tip = doc.get_element_by_id(a.get("aria-describedby"), None)
            assert tip is not None and unit_of(tip) is None
            expl = t.get("definition") or t.get("note")
            assert expl in tip.text_content() and a.get("data-tip") == expl
            marked_total += 1
    assert marked_total >= 10


def test_marking_adds_no_text_inside_units(chapter_pages):
    source = {}
    for path in sorted((ROOT / "chapters").glob("*.md")):
        for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            text = re.sub(r"\*\*(.+?)\*\*", r"\1", "".join(line.strip() for line in block.splitlines()))
            source[text] = True
    for doc in chapter_pages.values():
        for el in doc.cssselect("[data-para]"):
            if el.cssselect(":scope a.plan-term"):
                assert el.text_content() in source, el.get("id")
