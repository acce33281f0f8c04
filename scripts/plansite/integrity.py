"""Checks across files: markers, placement, unique ids, references."""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jsonschema

from .chapters import Plan
from .memo import Memo, code_key, digest
from .messages import ref_message, show
from .problems import Problem
from .tables import REGISTERS, TableFile, format_path, kind_of

KNOWN_MARKERS = {"table", "part-contents"}


def check(plan: Plan, tables: dict[str, TableFile], table_files: set[str],
          schemas: dict[str, dict | None], cache: Path | None = None) -> Iterator[Problem]:
    """Markers and placement, ids and references, parts and documents.
    ``table_files``: stems of every YAML file in tables/, valid or not, so an
    invalid table is not also reported as unknown; ``schemas``: by kind;
    ``cache``: the build cache (``DECLARED``)."""
    yield from check_markers(plan, tables, table_files)
    yield from check_ids_and_refs(plan, tables, table_files, schemas, cache)
    yield from check_parts(plan)
    yield from check_documents(plan)


def check_markers(plan: Plan, tables: dict[str, TableFile], table_files: set[str]) -> Iterator[Problem]:
    """Each table shown by one marker, where its chapter and section say.
    (A marker naming no file in tables/ is reported by its "x-ref" in
    chapter.schema.json: check_ids_and_refs.)"""
    table_files = table_files - REGISTERS
    shown: dict[str, tuple[str, int]] = {}
    for doc in plan.all:
        rel = f"chapters/{doc.path.name}"
        for m in doc.markers:
            if m.name not in KNOWN_MARKERS:
                yield Problem(rel, m.line, 1, "", f"不认识的标记“{m.name}”；可用的标记：<!-- table: 表格名 -->")
                continue
            if m.name == "part-contents":
                if doc.kind != "part":
                    yield Problem(rel, m.line, 1, "", "<!-- part-contents --> 只能用在篇的页面（partN.md）")
                continue
            key = m.argument
            if not key:
                yield Problem(rel, m.line, 1, "", "标记里缺少表格名：应写成 <!-- table: 表格名 -->，如 <!-- table: box-4-1 -->")
                continue
            if key not in table_files:
                if key in REGISTERS:
                    yield Problem(rel, m.line, 1, "", f"tables/{key}.yaml 是登记表，有自己的页面，不能用标记放进正文；"
                                                      "请删去这个标记")
                continue
            if key in shown:
                first = shown[key]
                yield Problem(rel, m.line, 1, "", f"表格“{key}”已在 {first[0]}:{first[1]} 出现，同一表格只能放在一处")
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
                yield Problem(
                    table.path, line, col, "chapter/section",
                    f"记录的位置是第 {got_ch} 章第 {got_sec} 节，但它在 {rel}:{m.line} 中的位置是第 {want_ch} 章第 {want_sec} 节；请改为 chapter: {want_ch}, section: {want_sec if want_sec is not None else 'null'}",
                )
    for key in sorted(table_files - set(shown)):
        yield Problem(f"tables/{key}.yaml", 1, 1, "", f"没有任何章节显示这个表格：请在相应章节文件中加入 <!-- table: {key} -->")


# Identifiers and the references between files are declared in the schemas,
# and this is the one place that checks them:
#
#   "x-id": KIND (or a list of kinds) on a field that names a thing: the
#       value is that thing's id. Every id is an anchor or a link, so ids are
#       unique across the site (and unique against the plan's unit ids).
#   "x-ref": KIND on a field that names a thing: it must exist.
#
# KINDs are the nouns of REF_KINDS in messages.py. "unit", "section" and
# "chapter" are the plan's paragraphs, sections and chapter files, "table"
# the files in tables/: these four are known from the files themselves.
# Every other kind is what some schema declares with x-id, e.g.
# "counterpart": {"type": "string", "x-ref": "indicator-13th"}.
#
# The chapter files are Markdown, not YAML: ChapterRefs puts what each one
# refers to (the chapters a part lists, the tables its markers show) into
# data that tables/schemas/chapter.schema.json declares, so that those
# references are resolved here too, by the same walk.
#
# We let jsonschema walk the data (properties, items, $ref) with a validator
# that knows only these structural keywords plus "x-id" and "x-ref", so a
# schema author can declare an id or a reference anywhere without code here
# knowing the field names. Put them on the field itself, not inside
# if/then/anyOf/not.
_WALK = ("$ref", "$dynamicRef", "properties", "patternProperties", "additionalProperties",
         "items", "prefixItems", "allOf")


def _declared(validator, kinds, instance, schema):
    yield jsonschema.ValidationError("declared")


_Walker = jsonschema.validators.create(
    meta_schema=jsonschema.Draft202012Validator.META_SCHEMA,
    validators={**{k: jsonschema.Draft202012Validator.VALIDATORS[k] for k in _WALK},
                "x-id": _declared, "x-ref": _declared},
)


@dataclass(frozen=True)
class Declared:
    """One value a schema declares as an id ("x-id") or a reference ("x-ref")."""
    keyword: str              # x-id | x-ref
    kinds: tuple[str, ...]
    value: object
    path: tuple               # where in the file's data
    title: str                # the field's title in the schema, or ""


@dataclass(frozen=True)
class ChapterRefs:
    """What a chapter file refers to, as data of chapter.schema.json:
    ``{"chapters": [key, ...], "markers": [{"table": key}, ...]}``
    (chapters: a part page's front matter; markers: <!-- table: KEY -->),
    with the line of each value. Read by ``declared`` as a TableFile is."""
    path: str                   # chapters/ch04.md
    schema: dict | None
    data: dict
    lines: dict[tuple, int]

    @classmethod
    def of(cls, doc, schema: dict | None) -> ChapterRefs:
        shown = [m for m in doc.markers if m.name == "table" and m.argument]
        data: dict = {"markers": [{"table": m.argument} for m in shown]}
        lines = {("markers", i, "table"): m.line for i, m in enumerate(shown)}
        listed = doc.meta.get("chapters") if doc.kind == "part" else None
        if isinstance(listed, list):        # not a list: check_parts says so
            data["chapters"] = listed
            lines |= {("chapters", i): 2 for i in range(len(listed))}   # the front matter
        return cls(f"chapters/{doc.path.name}", schema, data, lines)

    def where(self, path) -> tuple[int, int]:
        return self.lines.get(tuple(path), 1), 1

    @staticmethod
    def field(path) -> str:
        """The field an editor sees: chapters (front matter); a marker has none."""
        return "chapters" if path and path[0] == "chapters" else ""


# In the build cache: what ``declared`` found in each file's data, by the
# digest of the data and its schema. Walking a file's data through its
# schema is most of what a check of unchanged files costs.
DECLARED = "declared.json"


def declared(table: TableFile | ChapterRefs, memo: Memo | None = None) -> list[Declared]:
    """Every id and reference ``table``'s schema declares, in file order.
    ``memo``: what earlier builds found (``DECLARED``)."""
    if not table.schema:
        return []
    if memo is None:
        found = _walk(table)
    else:
        key = digest(json.dumps([table.data, table.schema], ensure_ascii=False, sort_keys=True))
        found = memo.get(key, lambda _: _walk(table))
    out = [Declared(keyword, tuple(kinds), value, tuple(path), title) for keyword, kinds, value, path, title in found]
    return sorted(out, key=lambda d: table.where(d.path))


def _walk(table: TableFile | ChapterRefs) -> list[list]:
    """[keyword, kinds, value, path, title] of each id and reference, in the walk's order."""
    out = []
    for err in _Walker(table.schema).iter_errors(table.data):
        kinds = err.validator_value
        title = err.schema.get("title", "") if isinstance(err.schema, dict) else ""
        out.append([err.validator, [kinds] if isinstance(kinds, str) else list(kinds),
                    err.instance, list(err.absolute_path), title])
    return out


def declared_kinds(schema: dict | None) -> set[str] | None:
    """The kinds a schema declares ids of; None: unknown (no usable schema)."""
    if not isinstance(schema, dict):
        return None
    found: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, dict):
            kinds = node.get("x-id")
            found.update([kinds] if isinstance(kinds, str) else kinds or [])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return found


def check_ids_and_refs(plan: Plan, tables: dict[str, TableFile], table_files: set[str],
                       schemas: dict[str, dict | None], cache: Path | None = None) -> Iterator[Problem]:
    """Ids unique, references resolved. ``table_files``: stems of every YAML
    file in tables/, valid or not; ``schemas``: by kind (tables.load_schemas).
    A reference to a kind that a file which did not load may declare is not
    checked: it would only repeat that file's problem."""
    seen = {u.id: f"chapters/{u.chapter.path.name}:{u.line}" for u in plan.units()}
    known: dict[str, set] = {"unit": set(plan.units_by_id),
                             "section": {s.id for c in plan.all for s in c.sections},
                             "chapter": {c.key for c in plan.chapters},
                             "table": set(table_files)}
    complete = set(known)                   # known from the files, whatever failed to load
    refs: list[tuple[TableFile | ChapterRefs, Declared, str]] = []
    memo = Memo(cache, DECLARED, code_key())
    for doc in plan.all:
        source = ChapterRefs.of(doc, schemas.get("chapter"))
        refs += [(source, d, source.field(d.path)) for d in declared(source, memo) if d.keyword == "x-ref"]
    for t in tables.values():
        for d in declared(t, memo):
            if d.keyword == "x-ref":
                refs.append((t, d, format_path(d.path)))
                continue
            for kind in d.kinds:
                known.setdefault(kind, set()).add(d.value)
            line, col = t.where(d.path)
            if d.value in seen:
                yield Problem(t.path, line, col, format_path(d.path),
                              f"编号“{d.value}”重复：{seen[d.value]} 已使用；每个编号必须唯一")
            else:
                seen[d.value] = f"{t.path}:{line}"
    memo.save()
    unchecked: set[str] = set()
    for stem in table_files - set(tables):
        kinds = declared_kinds(schemas.get(kind_of(stem)))
        if kinds is None:
            unchecked = None
            break
        unchecked |= kinds
    for t, d, where in refs:
        kind = d.kinds[0]
        if d.value in known.get(kind, ()):
            continue
        if kind not in complete and (unchecked is None or kind in unchecked):
            continue                        # a file that did not load may declare it
        line, col = t.where(d.path)
        yield Problem(t.path, line, col, where, ref_message(d.value, kind, d.title))


def check_documents(plan: Plan) -> Iterator[Problem]:
    """A chapter file that lost its text or its heading."""
    for doc in plan.all:
        rel = f"chapters/{doc.path.name}"
        raw = doc.path.read_bytes()
        if not raw.strip():
            yield Problem(rel, 1, 1, "", "文件是空的：若是误删了内容，请从历史版本恢复")
        elif not doc.title and (doc.blocks or doc.meta):   # else unreadable, reported already
            example = {"chapter": "# 第四章 坚持科技创新核心地位", "part": "# 第一篇 ……"}.get(doc.kind, "# 序言")
            yield Problem(rel, 1, 1, "", f"缺少标题：文件第一行应为标题，如“{example}”（# 后有一个空格）")


def check_parts(plan: Plan) -> Iterator[Problem]:
    chapters = {c.key for c in plan.chapters}
    placed: dict[str, str] = {}
    for part in plan.parts:
        rel = f"chapters/{part.path.name}"
        listed = part.meta.get("chapters", [])
        if not isinstance(listed, list):
            yield Problem(rel, 2, 1, "chapters", f"值 {show(listed)} 应为列表：写成 chapters: [ch01, ch02, ch03]")
            continue
        for key in listed:
            if key not in chapters:
                continue                    # reported by its "x-ref" (chapter.schema.json)
            if key in placed:
                yield Problem(rel, 2, 1, "chapters", f"章“{key}”已列在 {placed[key]} 中")
            placed[key] = rel
    for key in sorted(chapters - set(placed)):
        yield Problem(f"chapters/{key}.md", 1, 1, "", "这一章没有列在任何篇（chapters/partN.md 的 chapters:）中，导航里将找不到它")
