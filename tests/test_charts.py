"""Charts: SVG drawn at build time, each with a text alternative (title and
description, and a table or list with the same numbers). A 14th-plan
indicator's page draws its target and its sourced exact values on one chart
wherever the YAML records one, and says 「未找到公开数据」 where it records
none: what is expected is read from the YAML, so any valid edit keeps these
tests green; the drawing itself is tested on fixture values."""
from __future__ import annotations

import re
import shutil
from collections import Counter

import lxml.html
import pytest
import yaml
from plansite import charts
from plansite.numerals import figure
from plansite.site import build
from support import tables
from support.plantext import first, page_text, page_tree
from support.site import ROOT
from test_verdicts import EXPECTED


def plotted(indicator: dict) -> bool:
    """An indicator with at least one sourced exact value (a plain number)."""
    return any(NUMBER.fullmatch(e.get("value", "")) for e in indicator.get("progress", []))


NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def indicators_14th() -> list[dict]:
    """As typed: YAML's failsafe reading, every value its text."""
    text = (ROOT / "tables" / "indicators-14th.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=yaml.CBaseLoader)["indicators"]


def assert_described(doc, svg) -> None:
    assert svg.get("role") == "img"
    ids = svg.get("aria-labelledby").split()
    texts = [doc.get_element_by_id(i).text_content().strip() for i in ids]
    assert len(ids) == 2 and all(texts), svg


def test_every_chart_has_a_text_alternative(built_site):
    doc = page_tree(built_site / "tracking" / "index.html")
    charts = doc.cssselect("article figure.track-chart svg")
    assert len(charts) == 3          # the page's own three: 13th, 13th ratios, 14th
    for svg in charts:
        assert_described(doc, svg)
    for ind in indicators_14th():
        page = page_tree(built_site / "indicators" / ind["id"] / "index.html")
        for svg in page.cssselect("article figure.track-chart svg"):
            assert_described(page, svg)
            # the table alternative: every drawn year is a row of the values table
            table = page.cssselect("div.track-evidence table")[0]
            rows = {tr.find(".//th").text_content() for tr in table.cssselect(":scope tbody tr")}
            assert {c.get("data-year") for c in svg.cssselect(":scope circle[data-year]")} <= rows


def test_13th_chart_counts_match_the_printed_table(built_site):
    """The chart's table alternative against verdicts read from the printed
    table (test_verdicts.EXPECTED) and categories read from the YAML."""
    data = yaml.load((ROOT / "tables" / "indicators-13th.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    category = {}
    for ind in data["indicators"]:
        for row in ind.get("parts") or [ind]:
            category[row["id"]] = ind["category"]
    want = Counter((category[rid], verdict) for rid, _, _, verdict in EXPECTED)
    doc = page_tree(built_site / "tracking" / "index.html")
    fig = doc.get_element_by_id("chart-13th", None)
    assert fig is not None and fig.find(".//svg") is not None
    table = next(fig.itersiblings("div")).find(".//table")
    heads = [th.text_content() for th in table.cssselect(":scope thead th")][1:-1]
    assert heads == ["已完成", "未完成", "无数据", "定性"]
    got = Counter()
    for tr in table.cssselect(":scope tbody tr"):
        cat = tr.find(".//th").text_content()
        for head, td in zip(heads, tr.iterdescendants("td")):
            if int(td.text_content()):
                got[(cat, head)] = int(td.text_content())
    assert got == want
    # each bar segment is labelled in the desc too
    desc = fig.find(".//desc").text_content()
    for (_cat, verdict), n in want.items():
        assert f"{verdict} {n} 项" in desc


def test_13th_target_against_result_row_by_row(built_site):
    """Every row whose target and result both print a number is drawn, as the
    result's share of the target, grouped by category; the others are named
    below the chart. Expected shares are worked out here from the printed
    cells (first number in each), not by the chart code."""
    import re
    number = re.compile(r"-?\d+(?:\.\d+)?")
    data = yaml.load((ROOT / "tables" / "indicators-13th.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    drawn, left_out = [], []
    for ind in data["indicators"]:
        for row in ind.get("parts") or [ind]:
            t, r = number.search(str(row["target_2020"])), number.search(str(row["result_2020"]))
            name = ind["name"] + (f"：{row['name']}" if row is not ind else "")
            if t and r and float(t.group()) != 0:
                drawn.append((ind["category"], name, round(float(r.group()) / float(t.group()) * 100, 1)))
            else:
                left_out.append(name)
    assert len(drawn) > len(left_out)
    doc = page_tree(built_site / "tracking" / "index.html")
    fig = doc.get_element_by_id("chart-13th-ratios")
    table = next(fig.itersiblings("div")).find(".//table")
    got = [(tr.find(".//td").text_content(), tr.find(".//th").text_content(), float(tr.get("data-ratio")))
           for tr in table.cssselect(":scope tbody tr")]
    assert got == drawn
    note = next(p for p in fig.itersiblings("p") if "track-chart__note" in p.classes).text_content()
    assert all(name in note for name in left_out)
    bars = fig.cssselect(":scope svg rect.track-chart__seg")
    assert len(bars) == len(drawn)
    assert fig.cssselect(":scope svg line.track-chart__target")


def test_14th_chart_by_category_and_attribute(built_site):
    data = yaml.load((ROOT / "tables" / "indicators-14th.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    want = Counter((i["category"], i["attribute"]) for i in data["indicators"])
    fig = page_tree(built_site / "tracking" / "index.html").get_element_by_id("chart-14th")
    table = next(fig.itersiblings("div")).find(".//table")
    heads = [th.text_content() for th in table.cssselect(":scope thead th")][1:-1]
    got = Counter()
    for tr in table.cssselect(":scope tbody tr"):
        for head, td in zip(heads, tr.iterdescendants("td")):
            if int(td.text_content()):
                got[(tr.find(".//th").text_content(), head)] = int(td.text_content())
    assert got == want


def test_progress_is_drawn_where_recorded_and_no_data_said_elsewhere(built_site):
    """Whatever the editors have recorded: on each indicator's page a chart
    when a sourced exact value exists, its values in a table, and
    「未找到公开数据」 when no progress is recorded."""
    for ind in indicators_14th():
        page = page_tree(built_site / "indicators" / ind["id"] / "index.html")
        fig = page.get_element_by_id(f"progress-{ind['id']}", None)
        assert (fig is not None) == plotted(ind), ind["id"]
        if fig is not None:
            dots = fig.cssselect(":scope circle[data-year]")
            drawn = [e for e in ind["progress"] if NUMBER.fullmatch(e.get("value", ""))]
            assert [(d.get("data-year"), d.get("data-basis")) for d in dots] == \
                [(e["year"], e["basis"]) for e in sorted(drawn, key=lambda e: int(e["year"]))]
        assert ("历年进展：未找到公开数据" in page_text(page)) == (not ind.get("progress")), ind["id"]
        table = first(page.cssselect("div.track-evidence table"))
        assert (table is not None) == bool(ind.get("progress")), ind["id"]
        for e in ind.get("progress", []):
            row = table.cssselect(f":scope tr#progress-{ind['id']}-{e['year']}")[0]
            assert e["stated"] in row.text_content() and e["basis"] in row.text_content()
            link = row.cssselect(f':scope a[href="{e["source"]["url"]}"]')[0]
            assert link.text_content() == e["source"]["title"]


@pytest.fixture
def with_progress(tmp_path, template_cache):
    """A copy of the sources with fixture progress on 高新技术企业数 (ind14-6):
    a final value, an estimate, a preliminary value and a figure without an
    exact number. The values are test fixtures, not data about the district."""
    for name in ("chapters", "tables", "templates", "source"):
        shutil.copytree(ROOT / name, tmp_path / name)

    def change(data):
        ind = tables.indicator(data, "ind14-6")
        ind["progress"] = [tables.entry(2021, "250家", "家", "统计", "250", "测试夹具A"),
                           tables.entry(2023, "330家", "家", "初步", "330", "测试夹具B"),
                           tables.entry(2022, "290家", "家", "预计", "290", "测试夹具C"),
                           tables.entry(2024, "超350家", "家", "转载", None, "测试夹具D")]
        ind.update(status="基本符合预期", status_reason="测试理由", status_source=tables.source("测试依据"))
    tables.edit(tmp_path / "tables" / "indicators-14th.yaml", change)
    return build(tmp_path, cache=template_cache)


def test_progress_chart_drawn_from_fixture_values(with_progress):
    md = with_progress.pages["indicators/ind14-6.md"].markdown
    html = markup_of(md)
    svg = first(html.cssselect("figure.track-chart--line svg"))
    assert svg is not None and svg.get("role") == "img"
    dots = svg.cssselect(":scope circle[data-year]")
    assert [d.get("data-year") for d in dots] == ["2021", "2022", "2023"]     # 超350家 has no exact number
    xs = [float(d.get("cx")) for d in dots]
    ys = [float(d.get("cy")) for d in dots]
    assert xs == sorted(xs)                      # years in order
    assert ys[0] > ys[1] > ys[2]                 # 250 < 290 < 330: higher values drawn higher
    target = first(svg.cssselect(":scope line.track-chart__target"))            # target 400以上: a line at 400
    assert target is not None and float(target.get("y1")) < ys[2]
    # estimates and preliminary values drawn differently, and the legend says so in words
    hollow = [d.get("data-year") for d in dots if "track-chart__dot--provisional" in d.classes]
    assert hollow == ["2022", "2023"]
    assert all("track-chart__line--provisional" in s.classes for s in svg.cssselect(":scope line.track-chart__line"))
    assert "初步数或预计数（空心）" in svg.text_content() and "统计数或转载数" in svg.text_content()
    desc = svg.find(".//desc").text_content()
    assert "2021年 250（统计）" in desc and "2022年 290（预计）" in desc and "2023年 330（初步）" in desc
    caption = html.cssselect("figure.track-chart--line figcaption")[0].text_content()
    assert "未画入图中：2024年 超350家（转载）" in caption
    # the table alternative: every entry, with its basis in words and its source
    rows = html.cssselect("div.track-evidence tbody tr")
    assert [r.find(".//th").text_content() for r in rows] == ["2021", "2022", "2023", "2024"]
    assert "预计" in rows[1].cssselect(":scope .track-basis")[0].text_content()
    assert rows[3].cssselect(":scope a.track-source")[0].get("href") == "https://example.org/测试夹具D"
    assert "基本符合预期" in md and "测试理由" in md and "测试依据" in md
    tracking = with_progress.pages["tracking.md"].markdown
    row = tracking.split('id="status-ind14-6"', 1)[1].split("</tr>", 1)[0]
    assert "2024年 超350家" in row and 'data-basis="转载"' in row and "测试夹具D" in row


def markup_of(markdown: str) -> lxml.html.HtmlElement:
    """The HTML in a page's Markdown, parsed: one element (a <div> made
    for it) holding the whole text."""
    return lxml.html.fragment_fromstring(markdown, create_parent="div")


@pytest.mark.parametrize("value, shown", [(1000.0, "1000"), (12.5, "12.5"), (0.1 + 0.2, "0.3"), (-0.0, "0"),
                                          (1234567.0, "1234567"), (98.76, "98.76"), (-2.5, "-2.5")])
def test_computed_numbers_are_written_as_readers_write_them(value, shown):
    """One helper writes every number the site computes (shares, ticks):
    whole numbers without ".0", never in exponent notation."""
    assert figure(value) == shown


def test_tick_labels_of_large_values_are_plain_numbers():
    line = charts.progress("c", "t", [{"year": 2021, "value": "1234567"}, {"year": 2022, "value": "2345678"}],
                           "3000000以上")
    labels = [label for _, label in line.ticks]
    assert labels == ["0", "1500000", "3000000"]
    assert "e+" not in line.desc
