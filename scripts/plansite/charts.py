"""Charts as SVG, drawn at build time: Python computes the geometry (plain
numbers), templates/charts/*.svg.j2 writes the markup. A chart script in the
browser would hide the picture from readers without JavaScript, and the two
shapes we need (stacked bars, a short line) take a few lines of arithmetic,
so no charting library is used.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

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
    line.ticks = [(round(y_of(v), 1), f"{v:g}") for v in (lo, (lo + hi) / 2, hi)]
    line.desc = "；".join(f"{p.year}年 {p.label}" for p in line.points) + (
        f"；目标 {target}" if tval is not None else "")
    return line
