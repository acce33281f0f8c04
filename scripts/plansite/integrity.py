"""Checks across files: markers, placement, unique ids, references."""
from __future__ import annotations

import jsonschema

from .chapters import Plan
from .messages import ref_message, show
from .problems import Problem
from .tables import TableFile, format_path

KNOWN_MARKERS = {"table", "part-contents"}


def check(plan: Plan, tables: dict[str, TableFile], table_files: set[str]) -> list[Problem]:
    """``table_files``: stems of every YAML file in tables/, valid or not, so an
    invalid table is not also reported as unknown."""
    problems: list[Problem] = []
    shown: dict[str, tuple[str, int]] = {}
    for doc in plan.all:
        rel = f"chapters/{doc.path.name}"
        for m in doc.markers:
            if m.name not in KNOWN_MARKERS:
                problems.append(Problem(rel, m.line, 1, "", f"不认识的标记“{m.name}”；可用的标记：<!-- table: 表格名 -->"))
                continue
            if m.name == "part-contents":
                if doc.kind != "part":
                    problems.append(Problem(rel, m.line, 1, "", "<!-- part-contents --> 只能用在篇的页面（partN.md）"))
                continue
            key = m.argument
            if not key:
                problems.append(Problem(rel, m.line, 1, "", "标记里缺少表格名：应写成 <!-- table: 表格名 -->，如 <!-- table: box-4-1 -->"))
                continue
            if key not in table_files:
                problems.append(Problem(rel, m.line, 1, "", f"标记指向不存在的表格“{key}”：没有文件 tables/{key}.yaml；"
                                                            "请核对表格名（即 tables/ 中的文件名，不含 .yaml）"))
                continue
            if key in shown:
                first = shown[key]
                problems.append(Problem(rel, m.line, 1, "", f"表格“{key}”已在 {first[0]}:{first[1]} 出现，同一表格只能放在一处"))
                continue
            shown[key] = (rel, m.line)
            table = tables.get(key)
            if table is None:
                continue
            want_ch = doc.number if doc.kind == "chapter" else None
            want_sec = m.section.number if m.section else None
            got_ch, got_sec = table.data.get("chapter"), table.data.get("section")
            if (got_ch, got_sec) != (want_ch, want_sec):
                line, col = table.where(("chapter",))
                problems.append(Problem(
                    table.path, line, col, "chapter/section",
                    f"记录的位置是第 {got_ch} 章第 {got_sec} 节，但它在 {rel}:{m.line} 中的位置是第 {want_ch} 章第 {want_sec} 节；请改为 chapter: {want_ch}, section: {want_sec if want_sec is not None else 'null'}",
                ))
    for key in sorted(table_files - set(shown)):
        problems.append(Problem(f"tables/{key}.yaml", 1, 1, "", f"没有任何章节显示这个表格：请在相应章节文件中加入 <!-- table: {key} -->"))

    problems += check_ids(plan, tables)
    # A reference into a file that did not load would only repeat its problem.
    if table_files <= set(tables):
        problems += check_refs(plan, tables)
    problems += check_parts(plan)
    problems += check_documents(plan)
    return problems


def check_ids(plan: Plan, tables: dict[str, TableFile]) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for u in plan.units():
        seen[u.id] = f"chapters/{u.chapter.path.name}:{u.line}"
    for t in tables.values():
        records = [("", t.data)]
        for name in ("indicators", "items"):
            for i, rec in enumerate(t.data.get(name, [])):
                records.append((f"{name}[{i}]", rec))
                for j, part in enumerate(rec.get("parts", [])):
                    records.append((f"{name}[{i}].parts[{j}]", part))
        for path, rec in records:
            rid = rec.get("id")
            line, col = t.where(tuple(_split(path)) + ("id",))
            here = f"{t.path}:{line}"
            if rid in seen:
                problems.append(Problem(t.path, line, col, f"{path}.id" if path else "id",
                                        f"编号“{rid}”重复：{seen[rid]} 已使用；每个编号必须唯一"))
            else:
                seen[rid] = here
    # References (counterpart, unit, section …) are checked by check_refs,
    # from "x-ref" in the schemas.
    return problems


# References between files are declared in the schemas: a field whose schema
# has "x-ref": KIND must name an existing thing of that KIND (see REF_KINDS in
# messages.py), e.g. "counterpart": {"type": "string", "x-ref": "indicator"}.
# We let jsonschema walk the data (properties, items, $ref) with a validator
# that knows only these structural keywords plus "x-ref", so a schema author
# can mark a reference anywhere without code here knowing the field names.
# Put "x-ref" on the field itself, not inside if/then/anyOf/not.
_WALK = ("$ref", "$dynamicRef", "properties", "patternProperties", "additionalProperties",
         "items", "prefixItems", "allOf")


def _ref_checker(known: dict[str, set[str]]):
    def x_ref(validator, kind, instance, schema):
        ids = known.get(kind)
        if isinstance(instance, str) and ids is not None and instance not in ids:
            yield jsonschema.ValidationError(ref_message(instance, kind))

    walk = {k: jsonschema.Draft202012Validator.VALIDATORS[k] for k in _WALK}
    return jsonschema.validators.create(
        meta_schema=jsonschema.Draft202012Validator.META_SCHEMA,
        validators={**walk, "x-ref": x_ref},
    )


def known_ids(plan: Plan, tables: dict[str, TableFile]) -> dict[str, set[str]]:
    indicators, indicators_13th, box_items = set(), set(), set()
    for t in tables.values():
        for rec in t.data.get("indicators", []):
            indicators.add(rec.get("id"))
            if t.kind == "indicators-13th":
                indicators_13th.add(rec.get("id"))
            indicators.update(p.get("id") for p in rec.get("parts", []))
        box_items.update(item.get("id") for item in t.data.get("items", []) if t.kind == "box")
    return {
        "unit": set(plan.units_by_id),
        "section": {s.id for c in plan.all for s in c.sections},
        "indicator": indicators,
        # Unknown (not checked) when that file did not load: no cascade of errors.
        **({"indicator-13th": indicators_13th} if "indicators-13th" in tables else {}),
        "box-item": box_items,
        "table": set(tables),
    }


def check_refs(plan: Plan, tables: dict[str, TableFile]) -> list[Problem]:
    problems: list[Problem] = []
    checker_class = _ref_checker(known_ids(plan, tables))
    for t in tables.values():
        if not t.schema:
            continue
        for err in checker_class(t.schema).iter_errors(t.data):
            path = tuple(err.absolute_path)
            line, col = t.where(path)
            title = err.schema.get("title") if isinstance(err.schema, dict) else None
            problems.append(Problem(t.path, line, col, format_path(path),
                                    ref_message(err.instance, err.validator_value, f"（{title}）" if title else "")))
    return problems


def check_documents(plan: Plan) -> list[Problem]:
    """A chapter file that lost its text or its heading."""
    problems: list[Problem] = []
    for doc in plan.all:
        rel = f"chapters/{doc.path.name}"
        raw = doc.path.read_bytes()
        if not raw.strip():
            problems.append(Problem(rel, 1, 1, "", "文件是空的：若是误删了内容，请从历史版本恢复"))
        elif not doc.title and (doc.blocks or doc.meta):   # else unreadable, reported already
            example = {"chapter": "# 第四章 坚持科技创新核心地位", "part": "# 第一篇 ……"}.get(doc.kind, "# 序言")
            problems.append(Problem(rel, 1, 1, "", f"缺少标题：文件第一行应为标题，如“{example}”（# 后有一个空格）"))
    return problems


def check_parts(plan: Plan) -> list[Problem]:
    problems: list[Problem] = []
    chapters = {c.key for c in plan.chapters}
    placed: dict[str, str] = {}
    for part in plan.parts:
        rel = f"chapters/{part.path.name}"
        listed = part.meta.get("chapters", [])
        if not isinstance(listed, list):
            problems.append(Problem(rel, 2, 1, "chapters", f"值 {show(listed)} 应为列表：写成 chapters: [ch01, ch02, ch03]"))
            continue
        for key in listed:
            if key not in chapters:
                problems.append(Problem(rel, 2, 1, "chapters", f"篇中列出的章“{key}”不存在（应有文件 chapters/{key}.md）"))
            elif key in placed:
                problems.append(Problem(rel, 2, 1, "chapters", f"章“{key}”已列在 {placed[key]} 中"))
            placed[key] = rel
    for key in sorted(chapters - set(placed)):
        problems.append(Problem(f"chapters/{key}.md", 1, 1, "", "这一章没有列在任何篇（chapters/partN.md 的 chapters:）中，导航里将找不到它"))
    return problems


def _split(path: str):
    out = []
    for piece in path.replace("]", "").replace("[", ".").split("."):
        if piece:
            out.append(int(piece) if piece.isdigit() else piece)
    return out
