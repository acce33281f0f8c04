"""Chapter text wraps safely: an editor may break a long paragraph's line
anywhere; between Chinese characters the break shows as nothing (browsers
would show a space), the paragraph keeps its id and stays one unit for the
page, search and the published-text check."""
from __future__ import annotations

import shutil

import pytest
from plansite.chapters import join_lines
from plansite.site import build
from support.site import ROOT


@pytest.mark.parametrize("lines, joined", [
    (["推进关键核心", "技术攻关"], "推进关键核心技术攻关"),               # between Han characters: nothing
    (["创新主体地位，", "加快"], "创新主体地位，加快"),                   # after CJK punctuation: nothing
    (["**壮大科技企业集群规模。**", "突出企业"], "**壮大科技企业集群规模。**突出企业"),
    (["建设5G", "基站"], "建设5G基站"),                                  # Latin next to Han: nothing
    (["smart", "city"], "smart city"),                                    # between Latin words: a space
])
def test_lines_of_a_paragraph_join_as_the_text_reads(lines, joined):
    assert join_lines(lines) == joined


def test_a_paragraph_wrapped_mid_sentence_is_one_unit_without_a_space(tmp_path, template_cache):
    for name in ("chapters", "tables", "templates", "source"):
        shutil.copytree(ROOT / name, tmp_path / name)
    path = tmp_path / "chapters" / "ch04.md"
    text = path.read_text(encoding="utf-8")
    before = build(tmp_path, cache=template_cache)
    unit = before.plan.units_by_id["ch4-s1-p1"]
    original = unit.markdown
    cut = len(original) // 2
    while not ("\u4e00" <= original[cut - 1] <= "\u9fff" and "\u4e00" <= original[cut] <= "\u9fff"):
        cut += 1                                         # a place between two Han characters
    path.write_text(text.replace(original, original[:cut] + "\n" + original[cut:], 1), encoding="utf-8")
    after = build(tmp_path, cache=template_cache)                              # the check passes: same published words
    assert not after.warnings
    assert after.plan.units_by_id["ch4-s1-p1"].markdown == original
    assert [u.id for u in after.plan.units()] == [u.id for u in before.plan.units()]
    page = after.pages["chapters/ch04.md"].markdown
    assert page == before.pages["chapters/ch04.md"].markdown
