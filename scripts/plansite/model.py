"""The plan's tables as objects the templates can walk: indicators with their
counterparts and the paragraphs that speak of them, boxes with their place."""
from __future__ import annotations

from dataclasses import dataclass, field

from .chapters import Chapter, Plan, Unit
from .evidence import Evidence
from .records import Record
from .tables import REGISTERS, TableFile, box_order


def show_value(value) -> str:
    """A cell as printed: the text typed (values are loaded as text, see
    yamltext.py), an integer field's digits, or "" for nothing."""
    return "" if value is None else str(value)


@dataclass
class Indicator(Record):
    table: IndicatorTable
    data: dict
    counterpart: Indicator | None = None
    mentions: list[Unit] = field(default_factory=list)

    @property
    def src_uri(self) -> str:
        return f"indicators/{self.data['id']}.md"

    @property
    def parts(self) -> list[dict]:
        return self.data.get("parts", [])

    @property
    def row_count(self) -> int:
        return len(self.parts) or 1

    @property
    def keywords(self) -> list[str]:
        return self.data.get("keywords") or [self.data["name"]]

    def value(self, key: str) -> str:
        return show_value(self.data.get(key))

    @property
    def evidence(self) -> Evidence:
        """Status, sourced values and related figures (14th-plan rows)."""
        return Evidence(self.data, self.data.get("unit"))


class FromFile:
    """A table or box shown in a chapter, backed by one file in tables/."""
    file: TableFile

    @property
    def key(self) -> str:
        return self.file.key

    @property
    def data(self) -> dict:
        return self.file.data


@dataclass
class IndicatorTable(FromFile):
    file: TableFile
    indicators: list[Indicator] = field(default_factory=list)
    chapter: Chapter | None = None

    kind = "indicators"

    @property
    def plan(self) -> str:
        return "十三五" if self.key == "indicators-13th" else "十四五"

    def categories(self) -> list[tuple[str, list[Indicator]]]:
        """Consecutive runs of rows with the same category, for rowspans."""
        runs: list[tuple[str, list[Indicator]]] = []
        for ind in self.indicators:
            if runs and runs[-1][0] == ind.category:
                runs[-1][1].append(ind)
            else:
                runs.append((ind.category, [ind]))
        return runs


@dataclass
class Box(FromFile):
    file: TableFile
    chapter: Chapter | None = None
    kind = "box"

    @property
    def src_uri(self) -> str:
        return f"boxes/{self.key}.md"

    @property
    def heading(self) -> str:
        return f"专栏{self.data['number']} {self.data['title']}"

    @property
    def section(self):
        return next((s for s in self.chapter.sections if s.number == self.data.get("section")), None) if self.chapter else None


@dataclass
class Model:
    plan: Plan
    indicator_tables: dict[str, IndicatorTable]
    boxes: dict[str, Box]

    @property
    def indicators(self) -> list[Indicator]:
        return [i for t in self.indicator_tables.values() for i in t.indicators]

    def tables_in(self, chapter: Chapter) -> list:
        names = [m.argument for m in chapter.markers if m.name == "table"]
        found = {**self.indicator_tables, **self.boxes}
        return [found[n] for n in names if n in found]


def build_model(plan: Plan, tables: dict[str, TableFile]) -> Model:
    located = {m.argument: c for c in plan.all for m in c.markers if m.name == "table"}
    indicator_tables: dict[str, IndicatorTable] = {}
    boxes: dict[str, Box] = {}
    for key, tf in tables.items():
        if tf.kind in REGISTERS:      # commitments, glossary: not tables of the plan
            continue
        if tf.kind == "box":
            boxes[key] = Box(tf, located.get(key))
        else:
            t = IndicatorTable(tf, chapter=located.get(key))
            t.indicators = [Indicator(t, d) for d in tf.data["indicators"]]
            indicator_tables[key] = t
    by_id = {i.id: i for t in indicator_tables.values() for i in t.indicators}
    for ind in by_id.values():
        ref = ind.data.get("counterpart")
        if ref in by_id:
            ind.counterpart = by_id[ref]
            by_id[ref].counterpart = ind
    texts = [(u, u.text) for u in plan.units()]     # Unit.text is computed on each use
    for ind in by_id.values():
        keywords = ind.keywords
        ind.mentions = [u for u, text in texts if any(k in text for k in keywords)]
    boxes = dict(sorted(boxes.items(), key=lambda kv: box_order(kv[1].data["number"])))
    return Model(plan, indicator_tables, boxes)
