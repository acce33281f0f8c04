"""Tracking the plan: the pages and files of issue 4 (承诺清单, 实施情况,
数据下载, 名词解释) and what chapter pages need from them (commitment badges,
glossary terms). It describes its pages (``pages``, ``files``, ``nav``);
``site.SiteBuild`` renders and registers them.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from . import charts, downloads, evidence, glossary, plan_text, verdicts
from .commitments import Register, build_register
from .model import Model
from .pages import DataFile, PageSpec
from .tables import TableFile

COMMITMENT_UNITS = "data/commitment-units.json"


@dataclass
class Tracking:
    model: Model
    register: Register
    verdicts: dict
    datasets: list
    glossary: glossary.Glossary
    tables: dict = field(default_factory=dict)
    # The plan text download: described here, written after the build (plan_text).
    text_dataset: downloads.Dataset = field(default_factory=plan_text.dataset)
    no_public_data = evidence.NO_PUBLIC_DATA

    @classmethod
    def build(cls, model: Model, tables: dict[str, TableFile]) -> Tracking:
        by_id = {i.id: i for i in model.indicators}
        t13 = tables.get("indicators-13th")
        found = verdicts.verdicts(t13) if t13 else {}
        return cls(
            model=model,
            register=build_register(model.plan, tables, by_id),
            verdicts=found,
            datasets=downloads.datasets(tables, found),
            glossary=glossary.build(model.plan, tables),
            tables=tables,
        )

    # -- what chapter pages ask --------------------------------------------
    def commitments_in(self, unit_id: str) -> list:
        return self._by_unit.get(unit_id, [])

    @property
    def _by_unit(self) -> dict:
        if "_units" not in self.__dict__:
            self.__dict__["_units"] = self.register.by_unit()
        return self.__dict__["_units"]

    def unit(self, unit_id: str):
        return self.model.plan.units_by_id[unit_id]

    def segments(self, unit) -> list:
        return self.glossary.segments(unit)

    def box_datasets(self) -> list:
        return [d for d in self.datasets if d.key.startswith("box-")]

    def dataset(self, key: str):
        return next((d for d in self.datasets if d.key == key), None)

    # -- the 13th-plan results ---------------------------------------------
    def rows_13th(self) -> list[tuple[dict, dict, object]]:
        """(row, parent indicator, verdict) for each of the measured rows."""
        t = self.tables.get("indicators-13th")
        if t is None:
            return []
        return [(row, parent, self.verdicts[row["id"]]) for _, row, parent in verdicts.measured_rows(t)]

    def tally_13th(self) -> dict[str, int]:
        t = self.tables.get("indicators-13th")
        return verdicts.tally(t) if t else {}

    def chart_13th(self):
        rows = [(parent["category"], v.verdict) for row, parent, v in self.rows_13th()]
        return charts.stacked("chart-13th", "“十三五”主要指标完成情况（按类别）",
                              "每个类别中已完成、未完成、无数据和定性评价的指标行数。",
                              rows, list(verdicts.VERDICTS), unit="项")

    def chart_13th_ratios(self):
        rows = [(parent["category"], parent["name"] + (f"：{row['name']}" if row is not parent else ""),
                 str(row.get("target_2020", "")), str(row.get("result_2020", "")), v.verdict)
                for row, parent, v in self.rows_13th()]
        return charts.ratios("chart-13th-ratios", "“十三五”主要指标：完成情况与2020年目标对比（按类别）", rows)

    def chart_14th(self):
        inds = self.model.indicator_tables.get("indicators-14th")
        rows = [(i.category, i.attribute) for i in inds.indicators] if inds else []
        return charts.stacked("chart-14th", "“十四五”经济社会发展指标（按类别和属性）",
                              "每个类别中预期性和约束性指标的项数。", rows, ["预期性", "约束性"], unit="项")

    def progress_chart(self, key: str, title: str, progress: list[dict], target=None):
        return charts.progress(key, title, progress, target, evidence.PROVISIONAL)

    # -- pages and files ---------------------------------------------------
    def pages(self) -> list[PageSpec]:
        ctx = {"tracking": self}
        return [PageSpec("commitments.md", "pages/commitments.md.j2", "tables/commitments.yaml", "承诺清单", ctx),
                PageSpec("tracking.md", "pages/tracking.md.j2", None, "实施情况", ctx),
                PageSpec("data/index.md", "pages/downloads.md.j2", None, "数据下载", ctx),
                PageSpec("glossary.md", "pages/glossary.md.j2", "tables/glossary.yaml", "名词解释", ctx)]

    def files(self) -> list[DataFile]:
        """The downloads (CSV keeps its byte-order mark) and, for search,
        which units carry commitments."""
        out = [DataFile(COMMITMENT_UNITS, "承诺所在段落", self.commitment_units_json())]
        for d in self.datasets:
            out.append(DataFile(d.csv_name, d.title, d.csv_bytes()))
            out.append(DataFile(d.json_name, d.title, d.json_bytes()))
        return out

    def commitment_units_json(self) -> bytes:
        """For search: which units carry commitments, and which ones."""
        doc = {"units": {uid: [c.id for c in cs] for uid, cs in self._by_unit.items()}}
        return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")

    @staticmethod
    def nav() -> list:
        return [{"实施情况": ["tracking.md", {"承诺清单": "commitments.md"}]},
                {"名词解释": "glossary.md"}, {"数据下载": "data/index.md"}]
