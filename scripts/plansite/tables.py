"""Load and validate ``tables/*.yaml`` against the JSON Schemas in ``tables/schemas/``.

Values are read as the text typed, with each one's line and column, and
duplicate keys refused (yamltext.py says how and why). Validation itself is
the jsonschema library's; we only translate its errors.

A file that passed is remembered in the build cache (``LOADED``) by its
path, its text and its schema: the next build that finds all three
unchanged, with the same code and libraries, takes its values from there
instead of reading and validating it again. A file with any problem is
never remembered, so its problems are found again on every build.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import jsonschema
import yaml

from . import messages, yamltext
from .memo import Memo, code_key, digest
from .messages import schema_message, show, yaml_problem
from .problems import Found, Problem, gather

# Register-type files: validated by their schema, never placed by a marker.
REGISTERS = {"commitments", "glossary"}
LOADED = "tables-loaded.json"    # in the build cache: the files that passed (see above)


@dataclass
class TableFile:
    key: str                 # file stem, e.g. indicators-14th, box-4-1
    path: str                # relative to root
    kind: str                # indicators-13th | indicators-14th | box
    data: dict
    marks: dict = field(default_factory=dict)   # path tuple -> (line, column)
    schema: dict | None = None                  # the JSON Schema it was validated against

    def where(self, path: tuple) -> tuple[int, int]:
        """Line and column of the value at ``path`` (or of its nearest parent)."""
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (1, 1))


def kind_of(key: str) -> str:
    return "box" if key.startswith("box-") else key


def box_order(number: str) -> tuple[int, ...]:
    """Sort key of a 专栏 by its number as printed: "4-2" before "4-10"."""
    return tuple(int(x) for x in number.split("-"))


def decode(raw: bytes, rel: str) -> Found[str | None]:
    """UTF-8 text (a byte-order mark is dropped), or None and a problem saying where it is not."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start
    line = raw.count(b"\n", 0, start) + 1
    line_start = raw.rfind(b"\n", 0, start) + 1
    column = len(raw[line_start:start].decode("utf-8", "replace")) + 1
    try:
        raw.decode("gb18030")
        guess = "看起来是用 GBK（GB2312/GB18030）编码保存的；"
    except UnicodeDecodeError:
        guess = ""
    yield Problem(
        rel, line, column, "",
        f"文件不是 UTF-8 编码（这里的字节 0x{raw[start]:02X} 无法识别）：{guess}"
        "请在编辑器中选择“以 UTF-8 编码保存”（VS Code：右下角的编码 → 通过编码保存 → UTF-8）",
    )
    return None


def read_yaml(text: str, rel: str) -> Found[yamltext.Loaded | None]:
    """The file's values as typed (see yamltext.py), or None after yielding
    every problem found."""
    findings, clean = yamltext.lint(text)
    broken = False
    try:
        loaded = yamltext.compose(clean)
    except yaml.YAMLError as exc:
        loaded, broken = None, True
        if not findings:     # else the findings are the likely cause
            line, col, message = yaml_problem(exc, clean)
            yield Problem(rel, line, col, "", message)
    for f in findings:
        path = format_path(yamltext.field_at(loaded, f.line)) or f.key
        yield Problem(rel, f.line, f.column, path, f.message)
    if findings or broken:
        return None
    if loaded is None:
        yield Problem(rel, 1, 1, "", "文件是空的（或只有注释）：表格文件至少要有 id、title 等字段；若是误删，请从历史版本恢复")
        return None
    found = list(_layout_problems(text, rel, loaded))
    yield from found
    return None if found else loaded


def _layout_problems(text: str, rel: str, loaded: yamltext.Loaded) -> Iterator[Problem]:
    """Keys written twice, values over several lines, values that are only a comment."""
    lines = text.split("\n")
    for path, line, col, first in loaded.duplicates:
        yield Problem(rel, line, col, format_path(path),
                      f"字段“{path[-1]}”重复出现（第 {first} 行已有）；同一层级每个字段只能写一次，请删除或合并其中一个")
    for path, start, end in loaded.spans:
        if start != end:
            line, col = loaded.marks[path]
            yield Problem(rel, line, col, format_path(path), messages.multiline_value(start, end))
    for path in sorted(loaded.plain, key=lambda p: loaded.keys.get(p, (0, 0))):
        if path in loaded.keys and yamltext.get(loaded.data, path) is None:
            line, col = loaded.keys[path]
            after = lines[line - 1][col - 1 + len(str(path[-1])):].lstrip(" :")
            if after.startswith("#"):
                yield Problem(rel, line, col, format_path(path), messages.comment_only_value())


def misplaced(path: tuple, name: str, shapes: dict) -> str | None:
    """A field the schema has one or more levels up (``status`` written
    inside a progress entry): say where it belongs."""
    for depth in range(len(path) - 1, -1, -1):
        owner = path[:depth]
        shape = shapes.get(owner)
        if shape and name in shape["fields"]:
            title = shape.get("title") or "上一层"
            sibling = path[depth] if isinstance(path[depth], str) else None
            return messages.misplaced_field(name, title, format_path(owner) or "文件顶层", sibling)
    return None


def format_path(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def load_schemas(root: Path, cache: Path | None = None) -> Found[dict[str, dict | None]]:
    """Every schema in tables/schemas/, by kind (``kind_of``): the one place
    they are read. A broken one is a problem (and None), not a crash.
    ``cache``: the build cache; a schema whose text passed the meta-schema
    check in an earlier build (same jsonschema) is not checked again."""
    schemas: dict[str, dict | None] = {}
    passed = Memo(cache, "schemas-checked.json", digest(version("jsonschema")))
    for p in sorted((root / "tables" / "schemas").glob("*.schema.json")):
        rel = p.relative_to(root).as_posix()
        try:
            text = p.read_text(encoding="utf-8")
            schema = json.loads(text)
            passed.get(digest(text), lambda _, schema=schema: check_schema(schema))
        except json.JSONDecodeError as exc:
            yield Problem(rel, exc.lineno, exc.colno, "", f"JSON Schema 文件不是合法的 JSON：{exc.msg}")
            schema = None
        except UnicodeDecodeError:
            yield Problem(rel, 1, 1, "", "JSON Schema 文件不是 UTF-8 编码")
            schema = None
        except jsonschema.SchemaError as exc:
            where = "/".join(map(str, exc.absolute_path)) or "（顶层）"
            yield Problem(rel, 1, 1, where, f"不是合法的 JSON Schema：{exc.message}")
            schema = None
        # None: the schema is broken (reported above); its files are not checked
        schemas[p.name.removesuffix(".schema.json")] = schema
    passed.save()
    return schemas


def check_schema(schema: dict) -> bool:
    """True, or raise jsonschema.SchemaError (what Memo keeps: only passes)."""
    jsonschema.Draft202012Validator.check_schema(schema)
    return True


def load_tables(root: Path, schemas: dict[str, dict | None],
                cache: Path | None = None) -> Found[dict[str, TableFile]]:
    """Every file in tables/ that is valid against its schema (``schemas``:
    ``load_schemas``), by file stem. ``cache``: the build cache (files
    that passed before, see the module's docstring); None: read every file."""
    passed = Remembered(cache, schemas)
    tables: dict[str, TableFile] = {}
    folder = root / "tables"
    for path in sorted(folder.glob("*.yml")):
        yield Problem(path.relative_to(root).as_posix(), 1, 1, "",
                      f"表格文件的扩展名应为 .yaml：请把 {path.name} 改名为 {path.stem}.yaml")
    for path in sorted(folder.glob("*.yaml")):
        rel = path.relative_to(root).as_posix()
        try:
            table = yield from load_table(path, rel, schemas, passed)
        except Exception as exc:  # noqa: BLE001 - an editor must never see a traceback
            yield Problem(rel, 1, 1, "", f"检查这个文件时程序出错（{type(exc).__name__}: {exc}）：这可能不是你的错，请把这条信息告诉网站维护人员")
            continue
        if table is not None:
            tables[table.key] = table
    passed.memo.save()
    return tables


class Remembered:
    """The table files that passed in earlier builds (``LOADED``), by path,
    text and schema; besides these, their values depend on our code and the
    libraries (memo.code_key)."""

    def __init__(self, cache: Path | None, schemas: dict[str, dict | None]):
        self.memo = Memo(cache, LOADED, code_key())
        self.schemas = {kind: digest(json.dumps(s, ensure_ascii=False, sort_keys=True))
                        for kind, s in schemas.items() if s is not None}

    def _entry(self, rel: str, text: str, kind: str) -> str:
        return digest(rel, text, self.schemas[kind])

    def recall(self, rel: str, text: str, key: str, kind: str, schema: dict) -> TableFile | None:
        kept = self.memo.recall(self._entry(rel, text, kind))
        if kept is None:
            return None
        return TableFile(key, rel, kind, kept["data"], {tuple(p): (line, col) for p, line, col in kept["marks"]}, schema)

    def keep(self, text: str, table: TableFile) -> None:
        self.memo.keep(self._entry(table.path, text, table.kind),
                       {"data": table.data, "marks": [[list(p), line, col] for p, (line, col) in table.marks.items()]})


def load_table(path: Path, rel: str, schemas: dict[str, dict | None],
               passed: Remembered) -> Found[TableFile | None]:
    """The file's values, validated; None after yielding every problem found.
    ``passed``: the files that passed in earlier builds (``LOADED``)."""
    text = yield from decode(path.read_bytes(), rel)
    if text is None:
        return None
    key = path.stem
    kind = kind_of(key)
    if kind in schemas and schemas[kind] is None:
        return None
    if kind not in schemas:
        yield Problem(rel, 1, 1, "", f"不认识的表格文件名“{path.name}”：专栏的文件名应为 box-章-序号.yaml（如 box-4-1.yaml）；"
                                     "其他表格须在 tables/schemas/ 中有同名的 .schema.json")
        return None
    schema = schemas[kind]
    table = passed.recall(rel, text, key, kind, schema)
    if table is not None:
        return table
    table, problems = gather(validated(text, rel, key, kind, schema))
    yield from problems
    if table is not None and not problems:
        passed.keep(text, table)
    return table


def validated(text: str, rel: str, key: str, kind: str, schema: dict) -> Found[TableFile | None]:
    """The file's values read, typed by ``schema`` and validated against it."""
    loaded = yield from read_yaml(text, rel)
    if loaded is None:
        return None
    data = loaded.data
    if not isinstance(data, dict):
        what = "列表（以 - 开头的行）" if isinstance(data, list) else f"一个单独的值 {show(data)}"
        yield Problem(rel, 1, 1, "", f"文件内容应是一组“字段名: 值”（第一项是 id: {key}），但读到的是{what}；请检查文件是否完整")
        return None
    table = TableFile(key, rel, kind, data, loaded.marks, schema)
    typed, shapes = yamltext.type_by_schema(loaded, schema)
    for path_, message in typed:
        line, col = table.where(path_)
        yield Problem(rel, line, col, format_path(path_), message)
    reported = {path_ for path_, _ in typed}
    errors = [e for e in jsonschema.Draft202012Validator(schema).iter_errors(data)
              if tuple(e.absolute_path) not in reported]
    for err in errors:
        path_ = tuple(err.absolute_path)
        line, col = table.where(path_)
        message = schema_message(err)
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            extra = [k for k in err.instance if k not in err.schema.get("properties", {})]
            if extra and path_ + (extra[0],) in loaded.keys:
                message = misplaced(path_, extra[0], shapes) or message
                path_ = path_ + (extra[0],)
                line, col = loaded.keys[path_]
        yield Problem(rel, line, col, format_path(path_) or "（文件顶层）", message)
    if errors or typed:
        return None
    if data.get("id") != key:
        line, col = table.where(("id",))
        yield Problem(rel, line, col, "id", f"id 为“{data.get('id')}”，但文件名是“{Path(rel).name}”；两者必须一致（应为“{key}”）")
        return None
    return table
