"""The glossary (tables/glossary.yaml): the plan's own terms, with the plan's
own explanation where it gives one (quoted verbatim, with the unit it comes
from) or an editor's note where it does not.

Chapter pages mark the first use of each term in each chapter. The unit's
text must stay exactly the plan's words, so we only split it into segments
(plain, bold, term) and the template wraps the term in an element; the
explanation lives outside the unit and in a CSS tooltip.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from .chapters import EMPHASIS, Plan, Unit
from .problems import Problem
from .records import Record
from .tables import TableFile


@dataclass
class Term(Record):
    data: dict
    unit: Unit | None = None       # where the plan explains it

    @property
    def forms(self) -> list[str]:
        """The term and the other ways the plan writes it, longest first."""
        return sorted([self.data["term"], *self.data.get("aliases", [])], key=len, reverse=True)

    @property
    def explanation(self) -> str:
        return self.data.get("definition") or self.data.get("note", "")

    @property
    def from_plan(self) -> bool:
        return bool(self.data.get("definition"))


@dataclass
class Segment:
    text: str
    strong: bool = False
    term: Term | None = None


@dataclass
class Glossary:
    terms: list[Term] = field(default_factory=list)
    _first: dict = field(default_factory=dict)     # unit id -> [Term] first used there

    def segments(self, unit: Unit) -> list[Segment]:
        """The unit's text as plain/bold runs, with its first-use terms split out."""
        runs = [Segment(text, bool(i % 2)) for i, text in enumerate(EMPHASIS.split(unit.markdown)) if text]
        todo = list(self._first.get(unit.id, []))
        out: list[Segment] = []
        for run in runs:
            rest = run.text
            while todo:
                hits = [(rest.find(form), -len(form), form, t) for t in todo for form in t.forms if form in rest]
                if not hits:
                    break
                pos, _, form, term = min(hits, key=lambda h: (h[0], h[1]))
                if pos:
                    out.append(Segment(rest[:pos], run.strong))
                out.append(Segment(form, run.strong, term))
                todo.remove(term)
                rest = rest[pos + len(form):]
            if rest:
                out.append(Segment(rest, run.strong))
        return out


def build(plan: Plan, tables: dict[str, TableFile]) -> Glossary:
    tf = tables.get("glossary")
    if tf is None:
        return Glossary()
    units = plan.units_by_id
    terms = [Term(rec, units.get(rec.get("unit"))) for rec in tf.data["terms"]]
    first: dict[str, list[Term]] = {}
    for chapter in plan.all:
        for term in terms:
            for u in chapter.units:
                if term.unit is u and term.from_plan:
                    break       # the paragraph that explains it needs no tooltip
                # Only where it stands outside bold runs' edges (see segments).
                if any(form in piece for piece in EMPHASIS.split(u.markdown) for form in term.forms):
                    first.setdefault(u.id, []).append(term)
                    break
    return Glossary(terms, first)


def check(plan: Plan, tables: dict[str, TableFile]) -> Iterator[Problem]:
    """Each term listed once, explained in the plan's own words where it cites
    a unit. (A unit that does not exist, or an id used twice, is reported by
    the schema's "x-ref" and "x-id".)"""
    tf = tables.get("glossary")
    if tf is None:
        return
    units = plan.units_by_id
    forms: dict[str, tuple[str, int]] = {}       # every way a term is written -> (id, line)
    for i, rec in enumerate(tf.data["terms"]):
        def problem(key: str, message: str, i: int = i) -> Problem:
            line, col = tf.where(("terms", i, key))
            return Problem(tf.path, line, col, f"terms[{i}].{key}", message)
        for key, form in [("term", rec["term"]), *(("aliases", a) for a in rec.get("aliases", []))]:
            if form in forms and forms[form][0] != rec["id"]:
                other, line = forms[form]
                yield problem(key, f"名词“{form}”已在第 {line} 行（编号 {other}）收录，名词解释里会出现两次；"
                                   f"请删除这一条，或把要补充的内容合并到 {other} 中")
            forms.setdefault(form, (rec["id"], tf.where(("terms", i, key))[0]))
        unit = units.get(rec.get("unit", ""))
        if unit is not None:
            if rec.get("definition") and rec["definition"] not in unit.text:
                yield problem("definition", f"规划原文的解释没有逐字出现在段落 {unit.id} 中；请照原文复制")
            if not any(form in unit.text for form in [rec["term"], *rec.get("aliases", [])]):
                yield problem("unit", f"段落 {unit.id} 中没有出现“{rec['term']}”")
