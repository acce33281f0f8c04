"""13th-plan verdicts: 已完成 / 未完成 / 无数据 / 定性 for every measured row of
钟楼区“十三五”期间主要指标完成情况表, from its 2020 target, its result and
the row's direction (越高越好 / 越低越好).

The printed cells are short phrases (13.5以上, 低于22, 与经济增长同步, -).
No library parses these, so a few regular expressions turn each into a
bound: "at least x", "below x", "exactly x", missing, or words. Where the
comparison is not mechanical the YAML gives ``verdict`` and
``verdict_reason`` and that wins; a row that is neither mechanical nor given
is reported by ``check`` so an editor fills it in.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .problems import Problem
from .tables import TableFile

VERDICTS = ("已完成", "未完成", "无数据", "定性")
NUMBER = r"(-?\d+(?:\.\d+)?)"
# (pattern, kind): kind says what the printed phrase tells about the value.
PHRASES = [
    (re.compile(rf"^{NUMBER}%?$"), "exact"),
    (re.compile(rf"^{NUMBER}%?(?:以上|及以上)$"), "min"),       # 以上 includes the number
    (re.compile(rf"^(?:不低于|不少于){NUMBER}%?$"), "min"),
    (re.compile(rf"^(?:低于|小于|少于){NUMBER}%?$"), "below"),   # strictly below
    (re.compile(rf"^(?:不高于|不超过){NUMBER}%?$"), "max"),
    (re.compile(rf"^{NUMBER}%?以下$"), "max"),
]
MISSING = {"", "-", "—", "－"}


@dataclass(frozen=True)
class Bound:
    kind: str            # exact | min | below | max | missing | words
    value: float | None = None


@dataclass(frozen=True)
class Verdict:
    verdict: str | None  # None: not mechanical and not given in the YAML
    reason: str
    given: bool          # True when the YAML states it


def parse(cell) -> Bound:
    text = "" if cell is None else str(cell).strip()
    if text in MISSING:
        return Bound("missing")
    for pattern, kind in PHRASES:
        if m := pattern.match(text):
            return Bound(kind, float(m.group(1)))
    return Bound("words")


INF = float("inf")


def _interval(b: Bound) -> tuple[float, bool, float, bool]:
    """The values a printed phrase allows: (low, low included, high, high included)."""
    v = b.value
    return {"exact": (v, True, v, True), "min": (v, True, INF, False),
            "below": (-INF, False, v, False), "max": (-INF, False, v, True)}[b.kind]


def _inside(a, b) -> bool:
    """Interval a lies within interval b."""
    lo_ok = a[0] > b[0] or (a[0] == b[0] and (b[1] or not a[1]))
    hi_ok = a[2] < b[2] or (a[2] == b[2] and (b[3] or not a[3]))
    return lo_ok and hi_ok


def _apart(a, b) -> bool:
    """Intervals a and b share no value."""
    def before(x, y):  # x ends before y starts
        return x[2] < y[0] or (x[2] == y[0] and not (x[3] and y[1]))
    return before(a, b) or before(b, a)


def _meets(target: Bound, result: Bound, higher: bool) -> bool | None:
    """True/False when the printed values decide it, None when they do not.
    A target reads as the values that count as done: "50" or "50以上" with
    越高越好 is [50, ∞); "低于22" with 越低越好 is (−∞, 22)."""
    t = target.value
    if higher and target.kind in ("exact", "min"):
        success = (t, True, INF, False)
    elif not higher and target.kind in ("exact", "max"):
        success = (-INF, False, t, True)
    elif not higher and target.kind == "below":
        success = (-INF, False, t, False)
    else:
        return None
    got = _interval(result)
    if _inside(got, success):
        return True
    if _apart(got, success):
        return False
    return None


def verdict_of(row: dict) -> Verdict:
    if row.get("verdict"):
        return Verdict(row["verdict"], row.get("verdict_reason", ""), True)
    target, result = parse(row.get("target_2020")), parse(row.get("result_2020"))
    t_text, r_text = str(row.get("target_2020", "")), str(row.get("result_2020", ""))
    if result.kind == "missing":
        return Verdict("无数据", "原表未给出完成情况。", False)
    if target.kind == "words" or result.kind == "words":
        return Verdict("定性", f"目标“{t_text}”与完成情况“{r_text}”无法按数值比较。", False)
    higher = row.get("direction", "越高越好") == "越高越好"
    met = _meets(target, result, higher)
    if met is None:
        return Verdict(None, f"目标“{t_text}”与完成情况“{r_text}”无法直接比较，需要编辑给出评价。", False)
    word = "达到" if met else "未达到"
    return Verdict("已完成" if met else "未完成",
                   f"完成情况 {r_text} {word}目标 {t_text}（{row.get('direction', '越高越好')}）。", False)


def measured_rows(table: TableFile) -> list[tuple[tuple, dict, dict]]:
    """(YAML path, row, parent indicator) of every row with a target: the 32
    indicators without parts and each part of the others."""
    out = []
    for i, ind in enumerate(table.data.get("indicators", [])):
        if ind.get("parts"):
            out += [(("indicators", i, "parts", j), part, ind) for j, part in enumerate(ind["parts"])]
        else:
            out.append((("indicators", i), ind, ind))
    return out


def verdicts(table: TableFile) -> dict[str, Verdict]:
    return {row["id"]: verdict_of(row) for _, row, _ in measured_rows(table)}


def tally(table: TableFile) -> dict[str, int]:
    counts = dict.fromkeys(VERDICTS, 0)
    for v in verdicts(table).values():
        if v.verdict:
            counts[v.verdict] += 1
    return counts


def check(tables: dict[str, TableFile]) -> Iterator[Problem]:
    """Every measured row has a verdict: computed, or given by the editor."""
    table = tables.get("indicators-13th")
    if table is None:
        return
    for path, row, _ in measured_rows(table):
        v = verdict_of(row)
        if v.verdict is None:
            line, col = table.where(path)
            yield Problem(table.path, line, col, "verdict",
                          f"{row['id']}：{v.reason}请填写 verdict（{'、'.join(VERDICTS)}）和 verdict_reason")
