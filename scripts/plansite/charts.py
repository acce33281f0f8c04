"""Charts as SVG, drawn at build time: Python computes the geometry (plain
numbers), templates/charts/*.svg.j2 writes the markup. A chart script in the
browser would hide the picture from readers without JavaScript, and the two
shapes we need (stacked bars, a short line) take a few lines of arithmetic,
so no charting library is used.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .numerals import figure
from .verdicts import parse

WIDTH = 640
LABEL = 120          # left column for category names
BAR = 24
GAP = 12
TOP = 8
NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


@dataclass
class Segment:
    series: int          # index into Chart.series, for the colour class
    name: str
    count: int
    x: float
    width: float


@dataclass
class Row:
    label: str
    total: int
    y: float
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Chart:
    id: str
    title: str
    desc: str
    series: list[str]
    rows: list[Row]
    unit: str
    height: float
    width: int = WIDTH
    label_width: int = LABEL
    bar: int = BAR

    def count(self, row: Row, name: str) -> int:
        return next((s.count for s in row.segments if s.name == name), 0)

    def series_total(self, name: str) -> int:
        return sum(self.count(r, name) for r in self.rows)


def stacked(chart_id: str, title: str, desc: str, pairs: list[tuple[str, str]],
            series: list[str], unit: str = "") -> Chart:
    """Horizontal stacked bars: one row per category (in order of first
    appearance), one segment per series value, length proportional to count."""
    order: list[str] = []
    counts: dict[tuple[str, str], int] = {}
    for cat, s in pairs:
        if cat not in order:
            order.append(cat)
        counts[(cat, s)] = counts.get((cat, s), 0) + 1
    longest = max((sum(counts.get((c, s), 0) for s in series) for c in order), default=1) or 1
    scale = (WIDTH - LABEL - 40) / longest
    rows = []
    for i, cat in enumerate(order):
        row = Row(cat, 0, TOP + i * (BAR + GAP))
        x = float(LABEL)
        for k, s in enumerate(series):
            n = counts.get((cat, s), 0)
            if n:
                row.segments.append(Segment(k, s, n, x, n * scale))
                x += n * scale
            row.total += n
        rows.append(row)
    height = TOP + len(order) * (BAR + GAP) + 36      # room for the legend
    return Chart(chart_id, title, desc, series, rows, unit, height)


PLAN_START, PLAN_END = 2021, 2025     # the 14th plan's years: the x axis spans at least these


@dataclass
class Point:
    year: int
    value: float
    label: str           # the value as drawn (the entry's exact value)
    basis: str           # 统计 / 初步 / 预计 / 转载
    provisional: bool    # 初步 or 预计: a hollow point, dashed lines to it
    x: float
    y: float
    label_y: float = 0.0  # above the point, or below it when the target line is close


@dataclass
class Stroke:
    x1: float
    y1: float
    x2: float
    y2: float
    provisional: bool    # either end is provisional: dashed


@dataclass
class Line:
    id: str
    title: str
    desc: str
    points: list[Point]
    target: float | None           # the target's number (400以上 → 400), None for words
    target_text: str               # the target as printed
    target_y: float | None = None
    target_x: float | None = None  # at the target year
    width: int = 480
    height: int = 250
    left: int = 56
    bottom: int = 170
    top: int = 24
    right: int = 24
    ticks: list[tuple[float, str]] = field(default_factory=list)
    years: list[tuple[float, int]] = field(default_factory=list)
    segments: list[Stroke] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)   # entries without an exact value

    @property
    def has_final(self) -> bool:
        return any(not p.provisional for p in self.points)

    @property
    def has_provisional(self) -> bool:
        return any(p.provisional for p in self.points)


def progress(chart_id: str, title: str, entries: list[dict], target=None,
             provisional=frozenset({"初步", "预计"})) -> Line | None:
    """Target and sourced values on one chart: a point for each entry with an
    exact ``value`` (hollow, with dashed lines to it, when its basis is in
    ``provisional``), a dashed line and a mark at 2025 for the target when it
    is a number. Entries without an exact value are named in ``left_out``.
    None when no entry has an exact value."""
    ordered = sorted(entries, key=lambda e: e["year"])
    pts = [(e["year"], float(e["value"]), str(e["value"]), e.get("basis", ""))
           for e in ordered if e.get("value") is not None and NUMBER.match(str(e["value"]))]
    if not pts:
        return None
    bound = parse(target) if target is not None else None          # 400以上 → 400
    tval = bound.value if bound is not None and bound.value is not None else None
    line = Line(chart_id, title, "", [], tval, "" if target is None else str(target))
    line.left_out = [f"{e['year']}年 {e.get('stated', e.get('value'))}（{e.get('basis', '')}）"
                     for e in ordered if e.get("value") is None or not NUMBER.match(str(e["value"]))]
    values = [v for _, v, _, _ in pts] + ([tval] if tval is not None else [])
    lo, hi = min(0.0, min(values)), max(values) or 1.0
    first = min(PLAN_START, pts[0][0])
    last = max(PLAN_END, pts[-1][0])
    plot_w, plot_h = line.width - line.left - line.right, line.bottom - line.top

    def x_of(year: int) -> float:
        return round(line.left + (year - first) / ((last - first) or 1) * plot_w, 1)

    def y_of(v: float) -> float:
        return round(line.bottom - (v - lo) / ((hi - lo) or 1) * plot_h, 1)

    for year, v, label, basis in pts:
        line.points.append(Point(year, v, label, basis, basis in provisional, x_of(year), y_of(v)))
    for a, b in zip(line.points, line.points[1:]):
        line.segments.append(Stroke(a.x, a.y, b.x, b.y, a.provisional or b.provisional))
    if tval is not None:
        line.target_y, line.target_x = y_of(tval), x_of(PLAN_END)
    for p in line.points:
        near = line.target_y is not None and abs(p.y - 9 - line.target_y) < 12
        p.label_y = round(p.y + 18 if near or p.y - 9 < line.top else p.y - 9, 1)
    line.ticks = [(y_of(v), figure(v)) for v in (lo, (lo + hi) / 2, hi)]
    line.years = [(x_of(y), y) for y in range(first, last + 1)]
    line.desc = "；".join(f"{p.year}年 {p.label}（{p.basis}）" for p in line.points) + (
        f"；{PLAN_END}年目标 {target}" if tval is not None else "")
    return line


@dataclass
class Bar:
    label: str           # indicator (and part) name
    target: str          # as printed
    result: str          # as printed
    percent: float       # result as a share of the target's number
    qualifier: str       # "≥" "<" "≤" when the result is printed as a bound (98以上, 低于22)
    y: float
    width: float
    verdict: str


@dataclass
class Group:
    label: str           # category
    y: float
    bars: list[Bar] = field(default_factory=list)


@dataclass
class Ratios:
    id: str
    title: str
    desc: str
    groups: list[Group]
    height: float
    cap: float           # bars longer than this share are drawn cut at it
    reference_x: float   # x of the 100 % line
    width: int = WIDTH
    label_width: int = 250
    bar: int = 16
    left_out: list[str] = field(default_factory=list)   # rows without two numbers


def ratios(chart_id: str, title: str, rows: list[tuple[str, str, str, str, str]], cap: float = 200.0) -> Ratios:
    """Target against result, row by row, grouped by category: each bar is the
    result as a percentage of the target's number (13.5以上 → 13.5), with a
    line at 100 %. ``rows``: (category, name, target, result, verdict) as
    printed. Rows where either cell has no number are listed, not drawn."""
    chart = Ratios(chart_id, title, "", [], 0.0, cap, 0.0)
    plot = chart.width - chart.label_width - 56
    chart.reference_x = round(chart.label_width + plot * 100.0 / cap, 1)
    y = float(TOP)
    for category, name, target, result, verdict in rows:
        t, r = parse(target), parse(result)
        if t.value is None or r.value is None or t.value == 0:
            chart.left_out.append(f"{name}（目标 {target or '空白'}，完成情况 {result or '空白'}）")
            continue
        if not chart.groups or chart.groups[-1].label != category:
            chart.groups.append(Group(category, y))
            y += 20
        pct = round(r.value / t.value * 100, 1)
        qualifier = {"min": "≥", "below": "<", "max": "≤"}.get(r.kind, "")
        chart.groups[-1].bars.append(Bar(name, target, result, pct, qualifier, y,
                                         round(plot * min(pct, cap) / cap, 1), verdict))
        y += chart.bar + 6
    chart.height = y + 24
    chart.desc = "；".join(f"{b.label}：目标 {b.target}，完成 {b.result}，为目标的 {b.qualifier}{figure(b.percent)}%"
                          for g in chart.groups for b in g.bars)
    return chart
