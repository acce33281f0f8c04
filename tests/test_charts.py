"""Charts: SVG drawn at build time, each with a text alternative (title and
description, and a table or list with the same numbers); progress charts
only where values exist — shown here with fixture values, never on the real
site, which says 「暂无数据」."""
from __future__ import annotations

import re
import shutil
from collections import Counter

import pytest
import yaml
from plansite.site import build
from support.plantext import soup
from support.site import ROOT
from test_verdicts import EXPECTED


def plotted(indicator: dict) -> bool:
    """An indicator with at least one progress value printed as a plain number."""
    return any(NUMBER.fullmatch(str(e["value"])) for e in indicator.get("progress", []))


NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def indicators_14th() -> list[dict]:
    return yaml.safe_load((ROOT / "tables" / "indicators-14th.yaml").read_text(encoding="utf-8"))["indicators"]


def test_every_chart_has_a_text_alternative(built_site):
    doc = soup(built_site / "tracking" / "index.html")
    charts = doc.select("article figure.track-chart svg")
    lines = doc.select("article figure.track-chart--line svg")
    assert len(charts) - len(lines) == 3          # the page's own three: 13th, 13th ratios, 14th
    assert len(lines) == sum(plotted(i) for i in indicators_14th())
    for svg in charts:
        assert svg.get("role") == "img"
        ids = svg["aria-labelledby"].split()
        texts = [doc.find(id=i).get_text().strip() for i in ids]
        assert len(ids) == 2 and all(texts), svg


def test_13th_chart_counts_match_the_printed_table(built_site):
    """The chart's table alternative against verdicts read from the printed
    table (test_verdicts.EXPECTED) and categories read from the YAML."""
    data = yaml.safe_load((ROOT / "tables" / "indicators-13th.yaml").read_text(encoding="utf-8"))
    category = {}
    for ind in data["indicators"]:
        for row in ind.get("parts") or [ind]:
            category[row["id"]] = ind["category"]
    want = Counter((category[rid], verdict) for rid, _, _, verdict in EXPECTED)
    doc = soup(built_site / "tracking" / "index.html")
    fig = doc.select_one("#chart-13th")
    assert fig is not None and fig.select_one("svg")
    table = fig.find_next_sibling("div").table
    heads = [th.get_text() for th in table.select("thead th")][1:-1]
    assert heads == ["已完成", "未完成", "无数据", "定性"]
    got = Counter()
    for tr in table.select("tbody tr"):
        cat = tr.th.get_text()
        for head, td in zip(heads, tr.select("td")):
            if int(td.get_text()):
                got[(cat, head)] = int(td.get_text())
    assert got == want
    # each bar segment is labelled in the desc too
    desc = fig.select_one("desc").get_text()
    for (_cat, verdict), n in want.items():
        assert f"{verdict} {n} 项" in desc


def test_13th_target_against_result_row_by_row(built_site):
    """Every row whose target and result both print a number is drawn, as the
    result's share of the target, grouped by category; the others are named
    below the chart. Expected shares are worked out here from the printed
    cells (first number in each), not by the chart code."""
    import re
    number = re.compile(r"-?\d+(?:\.\d+)?")
    data = yaml.safe_load((ROOT / "tables" / "indicators-13th.yaml").read_text(encoding="utf-8"))
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
    doc = soup(built_site / "tracking" / "index.html")
    fig = doc.select_one("#chart-13th-ratios")
    table = fig.find_next_sibling("div").table
    got = [(tr.td.get_text(), tr.th.get_text(), float(tr["data-ratio"])) for tr in table.select("tbody tr")]
    assert got == drawn
    note = fig.find_next_sibling("p", class_="track-chart__note").get_text()
    assert all(name in note for name in left_out)
    bars = fig.select("svg rect.track-chart__seg")
    assert len(bars) == len(drawn)
    assert fig.select_one("svg line.track-chart__target")


def test_14th_chart_by_category_and_attribute(built_site):
    data = yaml.safe_load((ROOT / "tables" / "indicators-14th.yaml").read_text(encoding="utf-8"))
    want = Counter((i["category"], i["attribute"]) for i in data["indicators"])
    table = soup(built_site / "tracking" / "index.html").select_one("#chart-14th").find_next_sibling("div").table
    heads = [th.get_text() for th in table.select("thead th")][1:-1]
    got = Counter()
    for tr in table.select("tbody tr"):
        for head, td in zip(heads, tr.select("td")):
            if int(td.get_text()):
                got[(tr.th.get_text(), head)] = int(td.get_text())
    assert got == want


def test_progress_is_drawn_where_recorded_and_no_data_said_elsewhere(built_site):
    """Whatever progress the editors have recorded: a line for each indicator
    with a number, 暂无数据 on the page of each indicator without progress."""
    doc = soup(built_site / "tracking" / "index.html")
    inds = indicators_14th()
    for ind in inds:
        assert bool(doc.select_one(f"#progress-{ind['id']}")) == plotted(ind), ind["id"]
        page = soup(built_site / "indicators" / ind["id"] / "index.html")
        assert ("历年进展：暂无数据" in page.get_text()) == (not ind.get("progress")), ind["id"]
    if not any(i.get("progress") for i in inds):
        assert "暂无数据" in doc.select_one("#progress").find_next("p").get_text()


@pytest.fixture
def with_progress(tmp_path, template_cache):
    """A copy of the sources with fixture progress on 高新技术企业数 (ind14-6).
    The values are test fixtures, not data about the district."""
    for name in ("chapters", "tables", "templates", "source"):
        shutil.copytree(ROOT / name, tmp_path / name)
    path = tmp_path / "tables" / "indicators-14th.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    ind = next(i for i in data["indicators"] if i["id"] == "ind14-6")
    ind["progress"] = [{"year": 2021, "value": 250, "source": "测试夹具A"},
                       {"year": 2023, "value": 330, "source": "测试夹具B"},
                       {"year": 2022, "value": 290, "source": "测试夹具C"}]
    ind.update(status="基本符合预期", status_reason="测试理由", status_source="测试依据")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return build(tmp_path, cache=template_cache)


def test_progress_chart_drawn_from_fixture_values(with_progress):
    md = with_progress.pages["indicators/ind14-6.md"].markdown
    html = soup_from(md)
    svg = html.select_one("figure.track-chart--line svg")
    assert svg is not None and svg["role"] == "img"
    dots = svg.select("circle")
    assert len(dots) == 3
    xs = [float(d["cx"]) for d in dots]
    ys = [float(d["cy"]) for d in dots]
    assert xs == sorted(xs)                      # years in order
    assert ys[0] > ys[1] > ys[2]                 # 250 < 290 < 330: higher values drawn higher
    target = svg.select_one("line.track-chart__target")            # target 400以上: a line at 400
    assert target is not None and float(target["y1"]) < ys[2]
    desc = svg.select_one("desc").get_text()
    assert "2021年 250" in desc and "2022年 290" in desc and "2023年 330" in desc
    assert "| 2023 | 330 | 测试夹具B |" in md
    assert "基本符合预期" in md and "测试理由" in md
    tracking = with_progress.pages["tracking.md"].markdown
    assert "2023年 330（来源：测试夹具B）" in tracking and 'id="progress-ind14-6"' in tracking


def soup_from(markdown: str):
    from bs4 import BeautifulSoup
    return BeautifulSoup(markdown, "html.parser")
