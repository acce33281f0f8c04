"""The commitments register: counts per chapter, quotes verbatim in the units
they cite (as a reader sees them), coverage of every unit that states a
target, badges in chapter pages, and the checks that keep the plan's first
statement of a target from being overwritten."""
from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest
import yaml
from plansite.problems import BuildError
from plansite.site import build
from support import tables
from support.plantext import first, page_text, page_tree, squeeze
from support.site import ROOT, SITE_PATH

REGISTER = yaml.load((ROOT / "tables" / "commitments.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
ENTRIES = REGISTER["commitments"]
# The issue's description of a sentence that states a target: one of these
# words and an Arabic number.
TRIGGERS = re.compile(r"到2025年|“十四五”期间|新增|新建|累计|达到|超|以上")
SENTENCE = re.compile(r"[^。；！？]+[。；！？]?")


def chapter_of(unit_id: str) -> int | None:
    m = re.match(r"ch(\d+)-", unit_id)
    return int(m.group(1)) if m else None


@pytest.fixture(scope="module")
def units(built_site) -> dict[str, str]:
    """id → text of every unit on every chapter page, as built."""
    out = {}
    for path in sorted((built_site / "chapters").glob("*/index.html")):
        for el in page_tree(path).cssselect("[data-para]"):
            out[el.get("id")] = el.text_content()
    return out


def test_counts_per_chapter_shown_on_the_register_page(built_site):
    expected = Counter(chapter_of(e["unit"]) for e in ENTRIES)
    page = page_tree(built_site / "commitments" / "index.html")
    shown = {}
    for tr in page.cssselect(".track-counts tbody tr"):
        m = re.match(r"第(.+?)章", tr.find(".//th").text_content())
        shown[m.group(1)] = int(tr.find(".//td").text_content())
    numerals = "一二三四五六七八九十"
    def cn(n):  # 4 → 四, 13 → 十三
        return numerals[n - 1] if n <= 10 else "十" + numerals[n - 11]
    assert shown == {cn(ch): n for ch, n in expected.items()}
    assert int(page.cssselect(".track-counts tfoot td")[0].text_content()) == len(ENTRIES)
    assert len(page.cssselect("li.commit")) == len(ENTRIES)


def test_chapters_4_to_13_hold_roughly_a_hundred():
    n = sum(1 for e in ENTRIES if 4 <= (chapter_of(e["unit"]) or 0) <= 13)
    assert 90 <= n <= 130, n


def test_every_quote_is_verbatim_in_the_unit_it_cites(units):
    for e in ENTRIES:
        assert e["unit"] in units, e["id"]
        assert e["quote"] in units[e["unit"]], (e["id"], e["quote"])


def test_the_issue_example_is_three_entries():
    got = [(e["target_value"], e.get("target_qualifier"), e.get("target_unit"))
           for e in ENTRIES if e["unit"] == "ch4-s1-p1"]
    assert got == [(400, "超", "家"), (5, "以上", "家"), (15, None, "家")]


def test_every_unit_stating_a_target_has_an_entry_or_an_exclusion(units):
    cited = {e["unit"] for e in ENTRIES}
    excluded = {x["unit"]: x["reason"] for x in REGISTER["exclusions"]}
    missing = []
    for uid, text in units.items():
        if not re.match(r"ch\d+-", uid):
            continue
        stating = [s for s in SENTENCE.findall(squeeze(text)) if TRIGGERS.search(s) and re.search(r"\d", s)]
        if stating and uid not in cited and not excluded.get(uid, "").strip():
            missing.append((uid, stating[0][:60]))
    assert missing == []
    assert not cited & set(excluded)


def test_units_with_commitments_carry_a_badge_outside_the_unit(built_site):
    by_unit = Counter(e["unit"] for e in ENTRIES)
    page = page_tree(built_site / "chapters" / "ch04" / "index.html")
    for el in page.cssselect("[data-para]"):
        n = by_unit.get(el.get("id"), 0)
        after = first(el.xpath("following-sibling::*[1]"))      # the next element, text and comments passed over
        badge = first(after.cssselect(":scope a.plan-commit-badge")) if after is not None else None
        has_badge = badge is not None and "plan-unit-after" in after.classes
        if n:
            assert el.get("data-commitments") == str(n), el.get("id")
            assert has_badge and badge.text_content() == f"{n} 项承诺", el.get("id")
            # followed from the page as served under site_url's path
            assert urljoin(SITE_PATH + "chapters/ch04/", badge.get("href")).startswith(
                SITE_PATH + "commitments/#c-" + el.get("id"))
        else:
            assert "data-commitments" not in el.attrib and not has_badge, el.get("id")
        assert not el.cssselect(":scope .plan-commit-badge")


def test_commitment_units_json_for_search(built_site):
    doc = json.loads((built_site / "data" / "commitment-units.json").read_text(encoding="utf-8"))
    expected: dict[str, list[str]] = {}
    for e in ENTRIES:
        expected.setdefault(e["unit"], []).append(e["id"])
    assert doc["units"] == expected


def test_without_javascript_the_whole_list_shows(built_site):
    page = page_tree(built_site / "commitments" / "index.html")
    assert "hidden" in page.get_element_by_id("commit-filter").attrib
    assert not page.cssselect("li.commit[hidden]")
    assert len(page.cssselect("li.commit")) == len(ENTRIES)


# -- checks: a status needs a reason and a source; progress needs a source;
#    the target stays the plan's words -------------------------------------
@pytest.fixture
def project(tmp_path):
    for name in ("chapters", "tables", "templates", "source"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


@pytest.fixture
def check(template_cache):
    """plansite.site.build of a copy, with the session's build cache (as an
    editor's next build: compiled templates, table files that passed)."""
    return lambda project: build(project, cache=template_cache)


def own(commitments: list[dict]) -> dict:
    """The first commitment that cites no indicator: it holds its own status and progress."""
    return next(c for c in commitments if "indicator" not in c)


def problems_after(project: Path, check, edit) -> list[str]:
    tables.edit(project / "tables" / "commitments.yaml", lambda data: edit(own(data["commitments"])))
    with pytest.raises(BuildError) as exc:
        check(project)
    return [str(p) for p in exc.value.problems]


def unit_of(commitment: dict) -> str:
    return commitment.get("target_unit", "测试单位")


def test_progress_without_source_fails_with_a_clear_message(project, check):
    def edit(c):
        e = tables.entry(2023, "350", unit_of(c), "统计", "350")
        del e["source"]
        c["progress"] = [e]
    found = problems_after(project, check, edit)
    assert len(found) == 1
    assert "commitments.yaml" in found[0] and "progress[0]" in found[0] and "source" in found[0]
    assert "缺少必填字段" in found[0]


def test_status_without_reason_fails_with_a_clear_message(project, check):
    found = problems_after(project, check, lambda c: c.update(status="滞后", status_source=tables.source("某年统计公报")))
    assert len(found) == 1 and "status_reason" in found[0] and "缺少必填字段" in found[0]


def test_a_commitments_own_progress_in_another_unit_needs_a_conversion(project, check):
    """A commitment that cites no indicator compares its progress with its
    target_unit: another unit is refused unless the entry says how it was converted."""
    target_unit = own(ENTRIES).get("target_unit")
    assert target_unit, "the first commitment without an indicator states a unit"

    def edit(c):
        c["progress"] = [tables.entry(2023, "350", target_unit + "（另计）", "统计", "350")]
    found = problems_after(project, check, edit)
    assert len(found) == 1 and "progress[0].unit" in found[0] and "conversion" in found[0]
    assert f"承诺的目标单位“{target_unit}”" in found[0]


def test_a_stated_conversion_lets_another_unit_through(project, check):
    target_unit = own(ENTRIES)["target_unit"]

    def change(data):
        e = tables.entry(2023, "3500（另计）", target_unit + "（另计）", "统计", "350")
        e["conversion"] = "测试：来源单位的十分之一"
        own(data["commitments"])["progress"] = [e]
    tables.edit(project / "tables" / "commitments.yaml", change)
    md = check(project).pages["commitments.md"].markdown
    assert "2023年 3500（另计）" in md


def test_status_with_reason_and_source_and_progress_passes(project, check):
    def change(data):
        c = own(data["commitments"])
        c.update(status="基本符合预期", status_reason="测试", status_source=tables.source("测试来源"),
                 progress=[tables.entry(2023, "350", unit_of(c), "初步", "350", "测试来源")])
    tables.edit(project / "tables" / "commitments.yaml", change)
    site = check(project)
    md = site.pages["commitments.md"].markdown
    item = md.split(f'id="{own(ENTRIES)["id"]}"', 1)[1].split("</li>", 1)[0]
    assert "2023年 350" in item and 'data-basis="初步"' in item and "基本符合预期" in item
    assert 'href="https://example.org/测试来源"' in item
    # and it leads the page: the commitments with public data, counted from the data
    have_data = with_data(project)
    known = [c for c in ENTRIES if c.get("indicator") in have_data or c is own(ENTRIES)]
    assert f"{len(known)} / {len(ENTRIES)} 项承诺有公开数据" in md
    assert f'id="known-{own(ENTRIES)["id"]}"' in md


def test_a_commitment_without_an_indicator_shows_every_value_it_holds(project, check):
    """The editors' guide has a commitment that cites no indicator hold its
    own progress and context: on 承诺清单, every entry with every field an
    editor typed (the address of each source as text, as on an indicator's
    page), not only the latest."""
    def change(data):
        c = own(data["commitments"])
        later = tables.entry(2023, "测试写法甲350", unit_of(c), "统计", "350", "测试来源甲")
        earlier = tables.entry(2022, "测试写法乙", unit_of(c), "初步", title="测试来源乙")
        earlier["note"] = "测试说明乙"
        c["progress"] = [later, earlier]
        c["context"] = [{"year": 2024, "stated": "测试写法丙", "unit": unit_of(c), "difference": "测试差异丙",
                         "basis": "预计", "note": "测试说明丙", "source": tables.source("测试来源丙")}]
    tables.edit(project / "tables" / "commitments.yaml", change)
    md = check(project).pages["commitments.md"].markdown
    item = md.split(f'id="{own(ENTRIES)["id"]}"', 1)[1].split("</li>", 1)[0]
    html = "".join(page_text(el) for el in lxml.html.fragments_fromstring(item) if not isinstance(el, str))
    for text in ("2022", "测试写法乙", "初步", "测试说明乙", "测试来源乙", "https://example.org/测试来源乙",
                 "2023", "测试写法甲350", "统计", "https://example.org/测试来源甲",
                 "2024", "测试写法丙", "测试差异丙", "预计", "测试说明丙", "https://example.org/测试来源丙"):
        assert text in html, text
    table = html.split("最新进展：", 1)[1].split("测试来源甲", 1)[1]         # past the latest entry's line
    assert table.index("测试写法乙") < table.index("测试写法甲")        # the table: by year


def with_data(project: Path) -> set[str]:
    """Indicators of the copy with at least one progress entry, as typed."""
    data = yaml.load((project / "tables" / "indicators-14th.yaml").read_text(encoding="utf-8"), Loader=yaml.CBaseLoader)
    return {i["id"] for i in data["indicators"] if i.get("progress")}


def test_a_commitment_shows_the_progress_and_status_of_the_indicator_it_cites(project, check):
    """One fact entered once: progress and status recorded on an indicator
    appear on every commitment that cites it."""
    register = yaml.load((project / "tables" / "commitments.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    cited = next(c for c in register["commitments"] if "indicator" in c)

    def change(data):
        ind = tables.indicator(data, cited["indicator"])
        ind.update(status="滞后", status_reason="测试理由", status_source=tables.source("测试依据"),
                   progress=[tables.entry(2023, "12.5", ind["unit"], "预计", "12.5", "测试来源")])
    tables.edit(project / "tables" / "indicators-14th.yaml", change)
    page = check(project).pages["commitments.md"].markdown
    item = page.split(f'id="{cited["id"]}"', 1)[1].split("</li>", 1)[0]
    assert 'data-status="滞后"' in item and "测试理由" in item and "2023年 12.5" in item
    assert 'data-basis="预计"' in item and "测试来源" in item


def test_changing_the_target_is_refused(project, check):
    found = problems_after(project, check, lambda c: c.update(target_value=500))
    assert len(found) == 1 and "target_value" in found[0] and "progress" in found[0]


def test_a_quote_not_in_its_unit_is_refused(project, check):
    found = problems_after(project, check, lambda c: c.update(quote="实现高新技术企业超500家"))
    assert any("quote" in p and "逐字" in p for p in found)


def test_an_unknown_unit_or_indicator_is_refused(project, check):
    found = problems_after(project, check, lambda c: c.update(unit="ch4-s1-p99", indicator="ind14-99"))
    assert any("ch4-s1-p99" in p for p in found)


def test_indicator_progress_without_source_or_status_without_reason_fails(project, check):
    def change(data):
        e = tables.entry(2022, "300", data["indicators"][5]["unit"], "统计", "300")
        del e["source"]
        data["indicators"][5]["progress"] = [e]
        data["indicators"][6].update(status="提前实现", status_reason="测试理由")
        data["indicators"][6].pop("status_source", None)
    tables.edit(project / "tables" / "indicators-14th.yaml", change)
    with pytest.raises(BuildError) as exc:
        check(project)
    found = [str(p) for p in exc.value.problems]
    assert len(found) == 2, found
    assert any("indicators[5].progress[0]" in p and "source" in p for p in found)
    assert any("indicators[6]" in p and "status_source" in p and "缺少必填字段" in p for p in found)
