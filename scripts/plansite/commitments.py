"""The commitments register (tables/commitments.yaml) and the checks of every
register-type file: files in tables/ that no chapter shows with a marker.

``check`` is the one entry point integrity.check calls: commitments cite
existing units and indicators, quote the plan verbatim, and keep the plan's
target in the quote; 13th-plan verdicts are decidable; progress is dated
without repeats; glossary terms point at real units.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import evidence, glossary, verdicts
from .chapters import Plan, Unit
from .problems import Problem
from .records import Record
from .tables import TableFile

# Register-type files: validated by their schema, never placed by a marker.
REGISTERS = {"commitments", "glossary"}
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


def check(plan: Plan, tables: dict[str, TableFile]) -> list[Problem]:
    problems = verdicts.check(tables)
    problems += check_commitments(plan, tables)
    problems += evidence.check(tables)
    problems += glossary.check(plan, tables)
    return problems


def check_commitments(plan: Plan, tables: dict[str, TableFile]) -> list[Problem]:
    tf = tables.get("commitments")
    if tf is None:
        return []
    units = plan.units_by_id
    indicators = {r["id"] for t in tables.values() if t.kind == "indicators-14th"
                  for r in t.data.get("indicators", [])}
    problems: list[Problem] = []
    seen: dict[str, int] = {}

    def add(path: tuple, field_: str, message: str) -> None:
        line, col = tf.where(path)
        problems.append(Problem(tf.path, line, col, field_, message))

    for i, rec in enumerate(tf.data["commitments"]):
        here = f"commitments[{i}]"
        rid = rec["id"]
        if rid in seen:
            add(("commitments", i, "id"), f"{here}.id", f"编号“{rid}”重复：第 {seen[rid]} 行已使用；每个编号必须唯一")
        seen[rid] = tf.where(("commitments", i, "id"))[0]
        unit = units.get(rec["unit"])
        if unit is None:
            add(("commitments", i, "unit"), f"{here}.unit",
                f"段落“{rec['unit']}”不存在；请填写规划中已有的段落编号（如 ch4-s1-p1，可在网页上段落的链接中看到）")
            continue
        if rec["quote"] not in unit.text:
            add(("commitments", i, "quote"), f"{here}.quote",
                f"原文摘录没有逐字出现在段落 {unit.id} 中；请照原文复制（段落原文：{unit.text[:60]}…）")
        shown = rec["target_value"]
        if shown not in rec["quote"]:
            add(("commitments", i, "target_value"), f"{here}.target_value",
                f"目标值“{shown}”没有出现在原文摘录中；目标值必须照原文，进展请写在 progress 中")
        if rec.get("deadline") and rec["deadline"] not in unit.text and not _in_section_lead(unit, rec["deadline"]):
            add(("commitments", i, "deadline"), f"{here}.deadline",
                f"期限“{rec['deadline']}”没有出现在段落 {unit.id} 或所在节的第一段中；请照原文填写，没有写明的填 null")
        ref = rec.get("indicator")
        # When indicators-14th.yaml itself has problems it is not loaded: say nothing more.
        if ref and "indicators-14th" in tables and ref not in indicators:
            add(("commitments", i, "indicator"), f"{here}.indicator",
                f"相关指标“{ref}”不存在；请填写 indicators-14th.yaml 中已有的编号")
        for name in ASSESSMENT if ref else ():
            if name in rec:
                add(("commitments", i, name), f"{here}.{name}",
                    f"这项承诺对应指标 {ref}，它的{ASSESSMENT[name]}只在 tables/indicators-14th.yaml 的 {ref} 中填写一次，"
                    f"承诺清单会自动显示；请把这一项移到那里（或删除这里的重复）")
    cited = {rec["unit"] for rec in tf.data["commitments"]}
    for j, ex in enumerate(tf.data.get("exclusions", [])):
        if ex["unit"] not in units:
            add(("exclusions", j, "unit"), f"exclusions[{j}].unit", f"段落“{ex['unit']}”不存在")
        elif ex["unit"] in cited:
            add(("exclusions", j, "unit"), f"exclusions[{j}].unit",
                f"段落“{ex['unit']}”已有承诺，不能同时列为不列入的段落")
    return problems


def _in_section_lead(unit: Unit, text: str) -> bool:
    """A deadline may be stated once at the head of a section (第三章第四节)."""
    same = [u for u in unit.chapter.units if u.section is unit.section]
    return bool(same) and text in same[0].text

