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
from support.plantext import soup, squeeze
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
    return soup(built_site / "tracking" / "index.html")


def test_the_page_leads_with_the_count_and_the_table_of_all_indicators(tracking):
    article = tracking.select_one("article")
    known = sum(1 for i in INDICATORS if i.get("progress"))
    line = article.select_one("#known-count")
    assert f"{known} / {len(INDICATORS)} 项指标有公开数据" in line.get_text()
    # it leads: the count and the table come before any other section of the page
    first_table = article.select_one("table")
    assert first_table.find_parent("div", class_="track-status-table")
    assert line.find_next("table") is first_table
    rows = first_table.select("tbody tr")
    assert [r["id"] for r in rows] == [f"status-{i['id']}" for i in INDICATORS]


@pytest.mark.parametrize("ind", INDICATORS, ids=lambda i: i["id"])
def test_each_row_gives_target_latest_value_basis_status_and_source(tracking, ind):
    row = tracking.select_one(f"tr#status-{ind['id']}")
    cells = row.select("td")
    assert squeeze(ind["target_2025"]) in squeeze(cells[2].get_text())
    entry = latest(ind)
    status = row.select_one(".track-status").get_text()
    assert status == ind.get("status", "未评估")
    if entry is None:
        assert NO_PUBLIC_DATA in cells[3].get_text()
        assert not row.select("a.track-source")
    else:
        assert squeeze(f"{entry['year']}年{entry['stated']}") in squeeze(cells[3].get_text())
        # the basis in words, not colour alone
        assert cells[3].select_one(".track-basis").get_text() == entry["basis"]
        link = row.select_one("a.track-source")
        assert link["href"] == entry["source"]["url"] and link.get_text() == entry["source"]["title"]
    reason = row.select_one(".track-reason").get_text()
    if "status_reason" in ind:
        assert reason == ind["status_reason"]
    else:
        assert reason == (NO_PUBLIC_DATA if entry is None else "已有公开数据，但不足以判断目标是否实现")


@pytest.mark.parametrize("ind", INDICATORS, ids=lambda i: i["id"])
def test_indicator_page_status_reason_and_source(built_site, ind):
    page = soup(built_site / "indicators" / ind["id"] / "index.html")
    line = page.select_one(".track-status-line")
    assert line.select_one(".track-status").get_text() == ind.get("status", "未评估")
    if ind.get("status", "未评估") != "未评估":
        assert ind["status_reason"] in line.get_text()
        assert line.select_one("a.track-source")["href"] == ind["status_source"]["url"]
    elif not ind.get("progress") and "status_reason" not in ind:
        assert NO_PUBLIC_DATA in line.get_text()


@pytest.mark.parametrize("ind", [i for i in INDICATORS if i.get("context")], ids=lambda i: i["id"])
def test_related_figures_are_apart_and_never_the_indicators_value(built_site, tracking, ind):
    page = soup(built_site / "indicators" / ind["id"] / "index.html")
    table = page.select_one("div.track-context table")
    assert table is not None
    values = page.select_one("div.track-evidence")
    chart = page.select_one("figure.track-chart--line")
    row = tracking.select_one(f"tr#status-{ind['id']}")
    for c in ind["context"]:
        text = table.get_text()
        assert c["stated"] in text and c["difference"] in text and c["source"]["title"] in text
        for elsewhere in (values, chart):
            assert elsewhere is None or c["stated"] not in elsewhere.get_text()
        assert c["stated"] not in row.get_text()
    assert row.select_one('a[href$="#context"]')


def test_every_basis_is_explained_where_figures_are_shown(tracking):
    note = tracking.select_one("div.track-status-table").find_next_sibling("p").get_text()
    for basis in BASES:
        assert basis in note


def test_commitments_with_data_lead_their_page(built_site):
    page = soup(built_site / "commitments" / "index.html")
    known = [c for c in COMMITMENTS if holder(c).get("progress")]
    assert f"{len(known)} / {len(COMMITMENTS)} 项承诺有公开数据" in page.select_one("#commit-known-count").get_text()
    rows = page.select("tr[id^=known-]")
    assert [r["id"] for r in rows] == [f"known-{c['id']}" for c in known]
    for c, row in zip(known, rows):
        entry = latest(holder(c))
        assert row.select_one(".track-basis").get_text() == entry["basis"]
        assert row.select_one("a.track-source")["href"] == entry["source"]["url"]
        assert row.select_one(".track-status").get_text() == holder(c).get("status", "未评估")
    for c in COMMITMENTS:
        item = page.select_one(f"li#{c['id']}")
        entry = latest(holder(c))
        status = item.select_one(".commit__status")
        if entry is None:
            assert NO_PUBLIC_DATA in status.get_text()
        else:
            assert status.select_one(".track-basis").get_text() == entry["basis"]
