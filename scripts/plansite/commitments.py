"""The commitments register (tables/commitments.yaml) and the checks of every
register-type file: files in tables/ that no chapter shows with a marker.

``check`` is the one entry point site.build calls for them: commitments
quote the plan verbatim and keep the plan's target in the quote;
13th-plan verdicts are decidable; progress is dated without repeats;
glossary terms are the plan's. That the units, indicators and ids they cite
exist and are unique is declared in their schemas ("x-ref", "x-id") and
checked by integrity.check_ids_and_refs.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from . import evidence, glossary, verdicts
from .chapters import Plan, Unit
from .problems import Problem
from .records import Record
from .tables import TableFile, format_path

STATUSES = ("提前实现", "快于预期", "基本符合预期", "滞后", "未评估")
BEFORE_VALUE = {"超", "突破", "不低于", "不少于", "跨上"}   # 超400家; 400家以上
# Entered on the indicator when a commitment cites one (Commitment.assessment).
ASSESSMENT = {"status": "评估状态", "status_reason": "评估理由", "status_source": "评估依据", "progress": "进展",
              "context": "相关数据"}


def target_text(rec: dict) -> str:
    """The target as a reader says it: 超400家, 5家以上, 翻番."""
    value = rec.get("target_value")
    q, unit = rec.get("target_qualifier", ""), rec.get("target_unit", "")
    return f"{q}{value}{unit}" if q in BEFORE_VALUE else f"{value}{unit}{q}"


@dataclass
class Commitment(Record):
    data: dict
    unit: Unit
    indicator: object = None          # model.Indicator or None

    @property
    def chapter(self):
        return self.unit.chapter

    @property
    def assessment(self) -> dict:
        """Where status, its reason and source, and progress are entered:
        the cited indicator's row when there is one (one fact, entered once;
        check_commitments refuses a second copy here), else this record."""
        return self.indicator.data if self.indicator is not None else self.data

    @property
    def evidence(self) -> evidence.Evidence:
        if self.indicator is not None:
            return self.indicator.evidence
        return evidence.Evidence(self.data, self.data.get("target_unit"))

    @property
    def status(self) -> str:
        return self.evidence.status

    @property
    def target(self) -> str:
        return target_text(self.data)

    @property
    def progress(self) -> list[dict]:
        return self.evidence.progress

    @property
    def latest(self) -> dict | None:
        return self.evidence.latest


@dataclass
class Register:
    file: TableFile | None
    commitments: list[Commitment] = field(default_factory=list)

    def by_unit(self) -> dict[str, list[Commitment]]:
        out: dict[str, list[Commitment]] = {}
        for c in self.commitments:
            out.setdefault(c.unit.id, []).append(c)
        return out

    def by_chapter(self) -> list[tuple[object, list[Commitment]]]:
        out: list[tuple[object, list[Commitment]]] = []
        for c in self.commitments:
            if out and out[-1][0] is c.chapter:
                out[-1][1].append(c)
            else:
                out.append((c.chapter, [c]))
        return out

    def status_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for c in self.commitments:
            counts[c.status] += 1
        return counts

    @property
    def exclusions(self) -> list[dict]:
        return self.file.data.get("exclusions", []) if self.file else []


def build_register(plan: Plan, tables: dict[str, TableFile], indicators: dict) -> Register:
    tf = tables.get("commitments")
    reg = Register(tf)
    if tf is None:
        return reg
    units = plan.units_by_id
    reg.commitments = [Commitment(rec, units[rec["unit"]], indicators.get(rec.get("indicator")))
                       for rec in tf.data["commitments"]]
    return reg


def check(plan: Plan, tables: dict[str, TableFile]) -> Iterator[Problem]:
    yield from verdicts.check(tables)
    yield from check_commitments(plan, tables)
    yield from evidence.check(tables)
    yield from glossary.check(plan, tables)


def check_commitments(plan: Plan, tables: dict[str, TableFile]) -> Iterator[Problem]:
    """Each commitment quotes its unit verbatim, with the target and deadline
    as printed; its assessment lives on the indicator it cites. (A unit or
    indicator that does not exist is reported by its "x-ref".)"""
    tf = tables.get("commitments")
    if tf is None:
        return
    units = plan.units_by_id

    def problem(path: tuple, message: str) -> Problem:
        line, col = tf.where(path)
        return Problem(tf.path, line, col, format_path(path), message)

    for i, rec in enumerate(tf.data["commitments"]):
        unit = units.get(rec["unit"])
        if unit is None:
            continue
        if rec["quote"] not in unit.text:
            yield problem(("commitments", i, "quote"),
                          f"原文摘录没有逐字出现在段落 {unit.id} 中；请照原文复制（段落原文：{unit.text[:60]}…）")
        shown = rec["target_value"]
        if shown not in rec["quote"]:
            yield problem(("commitments", i, "target_value"),
                          f"目标值“{shown}”没有出现在原文摘录中；目标值必须照原文，进展请写在 progress 中")
        if rec.get("deadline") and rec["deadline"] not in unit.text and not _in_section_lead(unit, rec["deadline"]):
            yield problem(("commitments", i, "deadline"),
                          f"期限“{rec['deadline']}”没有出现在段落 {unit.id} 或所在节的第一段中；请照原文填写，没有写明的填 null")
        ref = rec.get("indicator")
        for name in ASSESSMENT if ref else ():
            if name in rec:
                yield problem(("commitments", i, name),
                              f"这项承诺对应指标 {ref}，它的{ASSESSMENT[name]}只在 tables/indicators-14th.yaml 的 {ref} 中填写一次，"
                              f"承诺清单会自动显示；请把这一项移到那里（或删除这里的重复）")
    cited = {rec["unit"] for rec in tf.data["commitments"]}
    for j, ex in enumerate(tf.data.get("exclusions", [])):
        if ex["unit"] in cited:
            yield problem(("exclusions", j, "unit"), f"段落“{ex['unit']}”已有承诺，不能同时列为不列入的段落")


def _in_section_lead(unit: Unit, text: str) -> bool:
    """A deadline may be stated once at the head of a section (第三章第四节)."""
    same = [u for u in unit.chapter.units if u.section is unit.section]
    return bool(same) and text in same[0].text

