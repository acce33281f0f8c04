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


@dataclass
class Point:
    year: int
    value: float
    label: str
    x: float
    y: float


@dataclass
class Line:
    id: str
    title: str
    desc: str
    points: list[Point]
    target: float | None
    target_y: float | None
    width: int = 480
    height: int = 200
    left: int = 56
    bottom: int = 170
    top: int = 16
    ticks: list[tuple[float, str]] = field(default_factory=list)


def progress(chart_id: str, title: str, entries: list[dict], target=None) -> Line | None:
    """A line of the numeric progress values over the years, with the target
    as a dashed line when it is a number; None when there is nothing to draw."""
    pts = [(e["year"], float(e["value"]), str(e["value"])) for e in sorted(entries, key=lambda e: e["year"])
           if NUMBER.match(str(e["value"]))]
    if not pts:
        return None
    bound = parse(target) if target is not None else None          # 400以上 → 400
    tval = bound.value if bound is not None and bound.value is not None else None
    values = [v for _, v, _ in pts] + ([tval] if tval is not None else [])
    lo, hi = min(0.0, min(values)), max(values) or 1.0
    line = Line(chart_id, title, "", [], tval, None)
    years = [y for y, _, _ in pts]
    span_x = (max(years) - min(years)) or 1
    plot_w, plot_h = line.width - line.left - 24, line.bottom - line.top

    def y_of(v: float) -> float:
        return line.bottom - (v - lo) / ((hi - lo) or 1) * plot_h

    for year, v, label in pts:
        x = line.left + (year - min(years)) / span_x * plot_w if len(pts) > 1 else line.left + plot_w / 2
        line.points.append(Point(year, v, label, round(x, 1), round(y_of(v), 1)))
    if tval is not None:
        line.target_y = round(y_of(tval), 1)
    line.ticks = [(round(y_of(v), 1), figure(v)) for v in (lo, (lo + hi) / 2, hi)]
    line.desc = "；".join(f"{p.year}年 {p.label}" for p in line.points) + (
        f"；目标 {target}" if tval is not None else "")
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
