"""13th-plan verdicts, checked against the printed table.

EXPECTED was written by reading 钟楼区“十三五”期间主要指标完成情况表 in
source/zhonglou-14th-five-year-plan.txt row by row (target, result), not by
running the parser; the printed target and result are repeated here so a
change to the YAML's printed values also fails this test.
"""
from __future__ import annotations

from collections import Counter

import pytest
from plansite import verdicts
from plansite.problems import gather
from plansite.tables import load_schemas, load_tables
from support.site import ROOT

# (row id, printed 2020 target, printed result, expected verdict)
EXPECTED = [
    ("ind13-1", "13.5以上", "11.4", "未完成"),
    ("ind13-2", "70", "68.6", "未完成"),
    ("ind13-3", "60", "52.2", "未完成"),
    ("ind13-4", "50", "-", "无数据"),          # result printed as "-"
    ("ind13-5", "200", "201", "已完成"),
    ("ind13-6", "8", "4.3", "未完成"),
    ("ind13-7", "50", "103", "已完成"),
    ("ind13-8", "50", "52", "已完成"),
    ("ind13-9", "3以上", "2.43", "未完成"),
    ("ind13-10", "16", "32.59", "已完成"),
    ("ind13-11", "130", "196", "已完成"),
    ("ind13-12", "30", "44", "已完成"),
    ("ind13-13", "17", "-", "无数据"),
    ("ind13-14", "50", "-", "无数据"),
    ("ind13-15", "与经济增长同步", "4", "定性"),   # economic growth is not in the table
    ("ind13-16", "98以上", "98以上", "已完成"),    # both "at least 98"
    ("ind13-17", "98以上", "98以上", "已完成"),
    ("ind13-18", "23以上", "27.98", "已完成"),
    ("ind13-19", "96以上", "96以上", "已完成"),
    ("ind13-20", "50", "50以上", "已完成"),       # at least 50 against 50
    ("ind13-21", "30以上", "-", "无数据"),
    ("ind13-22", "90以上", "92.45", "已完成"),
    ("ind13-23", "3.2", "3.2", "已完成"),
    ("ind13-24", "6", "6", "已完成"),
    ("ind13-25", "30.9", "20", "未完成"),        # a rate of decrease: higher is better
    ("ind13-26-1", "22", "低于22", "未完成"),     # reduction rate stayed below the 22 target
    ("ind13-26-2", "26", "低于26", "未完成"),
    ("ind13-26-3", "全市考核", "完成考核目标", "已完成"),  # table says the assessment was passed
    ("ind13-26-4", "全市考核", "", "无数据"),      # result cell empty in the table
    ("ind13-27", "75", "77", "已完成"),
    ("ind13-28", "75", "100", "已完成"),
    ("ind13-29", "90以上", "90", "已完成"),       # 以上 includes the number itself
    ("ind13-30", "100", "100", "已完成"),
    ("ind13-31", "14.5", "15", "已完成"),
    ("ind13-32", "90以上", "90以上", "已完成"),
    ("ind13-33", "85以上", "-", "无数据"),
]


@pytest.fixture(scope="module")
def table():
    schemas, problems = gather(load_schemas(ROOT))
    tables, more = gather(load_tables(ROOT, schemas))
    assert not problems + more, [str(p) for p in problems + more]
    return tables["indicators-13th"]


def test_all_36_rows_have_the_printed_values_and_expected_verdict(table):
    rows = {row["id"]: row for _, row, _ in verdicts.measured_rows(table)}
    assert sorted(rows) == sorted(r[0] for r in EXPECTED)
    assert len(rows) == 36
    got = verdicts.verdicts(table)
    for rid, target, result, expected in EXPECTED:
        assert str(rows[rid]["target_2020"]) == target, rid
        assert str(rows[rid]["result_2020"]) == result, rid
        assert got[rid].verdict == expected, (rid, got[rid])
        assert got[rid].reason, rid


def test_every_row_says_its_direction(table):
    for _, row, _ in verdicts.measured_rows(table):
        assert row.get("direction") in ("越高越好", "越低越好"), row["id"]


def test_tally_matches_expected(table):
    assert verdicts.tally(table) == dict(Counter(r[3] for r in EXPECTED))


@pytest.mark.parametrize("target,result,direction,expected", [
    ("低于22", "18", "越低越好", "已完成"),
    ("低于22", "22", "越低越好", "未完成"),
    ("22", "低于22", "越低越好", "已完成"),
    ("50", "40以上", "越高越好", None),      # cannot tell: needs an editor's verdict
])
def test_lower_is_better_and_undecided(target, result, direction, expected):
    row = {"id": "x", "target_2020": target, "result_2020": result, "direction": direction}
    assert verdicts.verdict_of(row).verdict == expected


def test_undecidable_row_without_verdict_is_a_problem(table, tmp_path):
    import copy
    t = copy.deepcopy(table)
    t.data["indicators"][0]["result_2020"] = "10以上"   # 13.5以上 vs 10以上: undecided
    problems = list(verdicts.check({"indicators-13th": t}))
    assert len(problems) == 1 and "verdict_reason" in problems[0].message
