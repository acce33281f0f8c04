"""What is known about the plan's outcomes (issue 12), as the built pages
show it: the 实施情况 page leads with one table of every 14th-plan indicator
and 「N / 总数 项指标有公开数据」, each figure as its source states it with its
basis written out and its source linked; a status only with its reason and
source, 「未找到公开数据」 elsewhere; related figures (context) apart, never as
the indicator's value; the 承诺清单 the same for commitments with data.

Everything expected is read from the YAML as typed (the failsafe reading), so
any valid edit of the kind the editors' guide describes keeps these green.
"""
from __future__ import annotations

import json

import pytest
import yaml
from support.plantext import first, page_tree, squeeze
from support.site import ROOT

TABLES = ROOT / "tables"
SCHEMA = json.loads((TABLES / "schemas" / "indicators-14th.schema.json").read_text(encoding="utf-8"))
BASES = SCHEMA["$defs"]["progress_entry"]["properties"]["basis"]["enum"]
NO_PUBLIC_DATA = "未找到公开数据"


def typed(name: str) -> dict:
    return yaml.load((TABLES / name).read_text(encoding="utf-8"), Loader=yaml.CBaseLoader)


INDICATORS = typed("indicators-14th.yaml")["indicators"]
COMMITMENTS = typed("commitments.yaml")["commitments"]
BY_ID = {i["id"]: i for i in INDICATORS}


def latest(record: dict) -> dict | None:
    entries = record.get("progress", [])
    return max(entries, key=lambda e: int(e["year"])) if entries else None


def holder(commitment: dict) -> dict:
    """Where a commitment's evidence is entered: its indicator, else itself."""
    return BY_ID[commitment["indicator"]] if "indicator" in commitment else commitment


@pytest.fixture(scope="module")
def tracking(built_site):
    return page_tree(built_site / "tracking" / "index.html")


def test_the_page_leads_with_the_count_and_the_table_of_all_indicators(tracking):
    article = tracking.cssselect("article")[0]
    known = sum(1 for i in INDICATORS if i.get("progress"))
    line = article.cssselect(":scope #known-count")[0]
    assert f"{known} / {len(INDICATORS)} 项指标有公开数据" in line.text_content()
    # it leads: the count and the table come before any other section of the page
    first_table = article.find(".//table")
    assert any("track-status-table" in div.classes for div in first_table.iterancestors("div"))
    # the first table in the line or after it
    assert first(line.xpath("(descendant::table | following::table)[1]")) is first_table
    rows = first_table.cssselect(":scope tbody tr")
    assert [r.get("id") for r in rows] == [f"status-{i['id']}" for i in INDICATORS]


@pytest.mark.parametrize("ind", INDICATORS, ids=lambda i: i["id"])
def test_each_row_gives_target_latest_value_basis_status_and_source(tracking, ind):
    row = tracking.cssselect(f"tr#status-{ind['id']}")[0]
    cells = list(row.iterdescendants("td"))
    assert squeeze(ind["target_2025"]) in squeeze(cells[2].text_content())
    entry = latest(ind)
    status = row.cssselect(":scope .track-status")[0].text_content()
    assert status == ind.get("status", "未评估")
    if entry is None:
        assert NO_PUBLIC_DATA in cells[3].text_content()
        assert not row.cssselect(":scope a.track-source")
    else:
        assert squeeze(f"{entry['year']}年{entry['stated']}") in squeeze(cells[3].text_content())
        # the basis in words, not colour alone
        assert cells[3].cssselect(":scope .track-basis")[0].text_content() == entry["basis"]
        link = row.cssselect(":scope a.track-source")[0]
        assert link.get("href") == entry["source"]["url"] and link.text_content() == entry["source"]["title"]
    reason = row.cssselect(":scope .track-reason")[0].text_content()
    if "status_reason" in ind:
        assert reason == ind["status_reason"]
    else:
        assert reason == (NO_PUBLIC_DATA if entry is None else "已有公开数据，但不足以判断目标是否实现")


@pytest.mark.parametrize("ind", INDICATORS, ids=lambda i: i["id"])
def test_indicator_page_status_reason_and_source(built_site, ind):
    page = page_tree(built_site / "indicators" / ind["id"] / "index.html")
    line = page.cssselect(".track-status-line")[0]
    assert line.cssselect(":scope .track-status")[0].text_content() == ind.get("status", "未评估")
    if ind.get("status", "未评估") != "未评估":
        assert ind["status_reason"] in line.text_content()
        assert line.cssselect(":scope a.track-source")[0].get("href") == ind["status_source"]["url"]
    elif not ind.get("progress") and "status_reason" not in ind:
        assert NO_PUBLIC_DATA in line.text_content()


@pytest.mark.parametrize("ind", [i for i in INDICATORS if i.get("context")], ids=lambda i: i["id"])
def test_related_figures_are_apart_and_never_the_indicators_value(built_site, tracking, ind):
    page = page_tree(built_site / "indicators" / ind["id"] / "index.html")
    table = first(page.cssselect("div.track-context table"))
    assert table is not None
    values = first(page.cssselect("div.track-evidence"))
    chart = first(page.cssselect("figure.track-chart--line"))
    row = tracking.cssselect(f"tr#status-{ind['id']}")[0]
    for c in ind["context"]:
        text = table.text_content()
        assert c["stated"] in text and c["difference"] in text and c["source"]["title"] in text
        for elsewhere in (values, chart):
            assert elsewhere is None or c["stated"] not in elsewhere.text_content()
        assert c["stated"] not in row.text_content()
    assert row.cssselect(':scope a[href$="#context"]')


def test_every_basis_is_explained_where_figures_are_shown(tracking):
    note = next(tracking.cssselect("div.track-status-table")[0].itersiblings("p")).text_content()
    for basis in BASES:
        assert basis in note


def test_commitments_with_data_lead_their_page(built_site):
    page = page_tree(built_site / "commitments" / "index.html")
    known = [c for c in COMMITMENTS if holder(c).get("progress")]
    count = page.get_element_by_id("commit-known-count").text_content()
    assert f"{len(known)} / {len(COMMITMENTS)} 项承诺有公开数据" in count
    rows = page.cssselect("tr[id^=known-]")
    assert [r.get("id") for r in rows] == [f"known-{c['id']}" for c in known]
    for c, row in zip(known, rows):
        entry = latest(holder(c))
        assert row.cssselect(":scope .track-basis")[0].text_content() == entry["basis"]
        assert row.cssselect(":scope a.track-source")[0].get("href") == entry["source"]["url"]
        assert row.cssselect(":scope .track-status")[0].text_content() == holder(c).get("status", "未评估")
    for c in COMMITMENTS:
        item = page.cssselect(f"li#{c['id']}")[0]
        entry = latest(holder(c))
        status = item.cssselect(":scope .commit__status")[0]
        if entry is None:
            assert NO_PUBLIC_DATA in status.text_content()
        else:
            assert status.cssselect(":scope .track-basis")[0].text_content() == entry["basis"]
