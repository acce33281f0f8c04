"""What is publicly known about a 14th-plan indicator or a commitment: its
sourced values over the years (``progress``), figures that measure something
close to it (``context``, shown as 相关数据, never used for its status or its
chart), and the status an editor set from them.

The fields are described in tables/schemas/indicators-14th.schema.json
(``$defs``: progress_entry, context_entry, source; commitments.schema.json
holds the same definitions). The schema makes every field required; ``check``
adds what a schema cannot say: one entry per year, a unit that differs from
the indicator's only with a stated conversion, and an exact value only where
the source states that exact number.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .problems import Problem
from .tables import TableFile, format_path

BASES = ("统计", "初步", "预计", "转载")
# Not final figures: drawn as hollow points with dashed lines.
PROVISIONAL = {"初步", "预计"}
UNASSESSED = "未评估"
NO_PUBLIC_DATA = "未找到公开数据"
UNDECIDED = "已有公开数据，但不足以判断目标是否实现"
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
# Words that make a stated figure a bound or an approximation, not an exact number.
NOT_EXACT = ("以上", "以下", "超", "突破", "近", "约", "左右", "多", "余", "不低于", "不少于", "不到", "以内", "逾")


@dataclass(frozen=True)
class Evidence:
    """The status and sourced values held by one record: an indicator's row,
    or a commitment that cites no indicator. ``unit`` is the unit its values
    are compared in (the indicator's unit, the commitment's target_unit)."""
    data: dict
    unit: str | None

    @property
    def progress(self) -> list[dict]:
        return sorted(self.data.get("progress", []), key=lambda e: e["year"])

    @property
    def context(self) -> list[dict]:
        return sorted(self.data.get("context", []), key=lambda e: e["year"])

    @property
    def latest(self) -> dict | None:
        return self.progress[-1] if self.progress else None

    @property
    def has_data(self) -> bool:
        """A sourced value of the measure itself (context does not count)."""
        return bool(self.data.get("progress"))

    @property
    def status(self) -> str:
        return self.data.get("status") or UNASSESSED

    @property
    def assessed(self) -> bool:
        return self.status != UNASSESSED

    @property
    def reason(self) -> str:
        """Why the status is what it is: the editor's reason, or for an
        unassessed record what the data allow."""
        if self.data.get("status_reason"):
            return self.data["status_reason"]
        return UNDECIDED if self.has_data else NO_PUBLIC_DATA

    @property
    def status_source(self) -> dict | None:
        return self.data.get("status_source")

    def drawn(self, entry: dict) -> bool:
        """An entry with an exact value in the compared unit: a point on the chart."""
        return entry.get("value") is not None


def provisional(entry: dict) -> bool:
    return entry["basis"] in PROVISIONAL


# -- the check ---------------------------------------------------------------

def check(tables: dict[str, TableFile]) -> Iterator[Problem]:
    """Every record of indicators-14th.yaml and commitments.yaml that holds
    progress: see the module docstring."""
    if "indicators-14th" in tables:
        tf = tables["indicators-14th"]
        for i, rec in enumerate(tf.data.get("indicators", [])):
            yield from check_record(tf, ("indicators", i), rec, rec.get("unit"), "指标的单位")
    if "commitments" in tables:
        tf = tables["commitments"]
        for i, rec in enumerate(tf.data.get("commitments", [])):
            yield from check_record(tf, ("commitments", i), rec, rec.get("target_unit"), "承诺的目标单位")


def check_record(tf: TableFile, at: tuple, rec: dict, unit: str | None, unit_name: str) -> Iterator[Problem]:
    years: set[int] = set()
    for j, entry in enumerate(rec.get("progress", [])):
        here = at + ("progress", j)

        def problem(name: str, message: str, here=here) -> Problem:
            line, col = tf.where(here + (name,))
            return Problem(tf.path, line, col, format_path(here + (name,)), f"{rec.get('id')}：{message}")

        if entry["year"] in years:
            yield problem("year", f"{entry['year']} 年的进展重复；每年只写一条")
        years.add(entry["year"])
        converted = "conversion" in entry
        if unit is not None and entry["unit"] != unit and not converted:
            yield problem("unit", f"单位“{entry['unit']}”与{unit_name}“{unit}”不同；同一度量换了单位的，"
                                  f"请加一行 conversion 写明由谁、怎样换算，并把 value 写成以“{unit}”计的数；"
                                  "度量的东西不同的，请把这一条移到 context（相关数据）中，并写明 difference")
        value = entry.get("value")
        if value is None:
            continue
        text = str(value)
        if not NUMBER.fullmatch(text):
            yield problem("value", f"确切数值“{text}”不是一个数：value 只写半角数字（如 942.32）；"
                                   "来源的原话写在 stated 中，没有确切数字的不写 value")
        elif not converted and text not in entry["stated"]:
            yield problem("value", f"确切数值 {text} 没有出现在原文数值“{entry['stated']}”中：value 必须照原文；"
                                   "来源没有给出确切数字的（如“首次突破千亿元”），不写 value")
        elif not converted and (word := next((w for w in NOT_EXACT if w in entry["stated"]), None)):
            yield problem("value", f"原文数值“{entry['stated']}”带有“{word}”，不是确切数字：请删除 value，"
                                   "网页照原文显示，图表不画这一年")

