"""Load and validate ``tables/*.yaml`` against the JSON Schemas in ``tables/schemas/``.

PyYAML accepts duplicate keys silently and forgets where values came from, so
we compose the node tree ourselves: that gives every value's line and column
(for messages editors can act on) and lets us reject duplicate keys.
Validation itself is the jsonschema library's; we only translate its errors.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from .messages import schema_message, show, yaml_problem
from .problems import Problem

SCHEMA_COMMENT = "# yaml-language-server: $schema=schemas/{kind}.schema.json"


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


def decode(raw: bytes, rel: str, problems: list[Problem]) -> str | None:
    """UTF-8 text (a byte-order mark is dropped), or a problem saying where it is not."""
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
    problems.append(Problem(
        rel, line, column, "",
        f"文件不是 UTF-8 编码（这里的字节 0x{raw[start]:02X} 无法识别）：{guess}"
        "请在编辑器中选择“以 UTF-8 编码保存”（VS Code：右下角的编码 → 通过编码保存 → UTF-8）",
    ))
    return None


def compose(text: str, rel: str, problems: list[Problem]) -> tuple[Any, dict, dict] | None:
    loader = None
    try:
        loader = yaml.SafeLoader(text)   # the reader rejects control characters here
        node = loader.get_single_node()
        if node is None:
            problems.append(Problem(rel, 1, 1, "", "文件是空的（或只有注释）：表格文件至少要有 id、title 等字段；若是误删，请从历史版本恢复"))
            return None
        marks: dict = {}
        keys: dict = {}
        ok = walk(node, (), marks, keys, rel, problems)
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        line, col, message = yaml_problem(exc, text)
        problems.append(Problem(rel, line, col, "", message))
        return None
    finally:
        if loader is not None:
            loader.dispose()
    return (data, marks, keys) if ok else None


def walk(node, path: tuple, marks: dict, keys: dict, rel: str, problems: list[Problem]) -> bool:
    marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    ok = True
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(Problem(
                    rel, line, key_node.start_mark.column + 1, format_path(path + (key,)),
                    f"字段“{key}”重复出现（第 {seen[key]} 行已有）；同一层级每个字段只能写一次，请删除或合并其中一个",
                ))
                ok = False
            seen[key] = line
            keys[path + (key,)] = (line, key_node.start_mark.column + 1)
            ok &= walk(value_node, path + (key,), marks, keys, rel, problems)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            ok &= walk(item, path + (i,), marks, keys, rel, problems)
    return ok


def format_path(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def load_schemas(root: Path, problems: list[Problem] | None = None) -> dict[str, dict | None]:
    """Every schema in tables/schemas/; a broken one is a problem, not a crash."""
    problems = [] if problems is None else problems
    schemas: dict[str, dict | None] = {}
    for p in sorted((root / "tables" / "schemas").glob("*.schema.json")):
        rel = p.relative_to(root).as_posix()
        try:
            schema = json.loads(p.read_text(encoding="utf-8"))
            jsonschema.Draft202012Validator.check_schema(schema)
        except json.JSONDecodeError as exc:
            problems.append(Problem(rel, exc.lineno, exc.colno, "", f"JSON Schema 文件不是合法的 JSON：{exc.msg}"))
            schema = None
        except UnicodeDecodeError:
            problems.append(Problem(rel, 1, 1, "", "JSON Schema 文件不是 UTF-8 编码"))
            schema = None
        except jsonschema.SchemaError as exc:
            where = "/".join(map(str, exc.absolute_path)) or "（顶层）"
            problems.append(Problem(rel, 1, 1, where, f"不是合法的 JSON Schema：{exc.message}"))
            schema = None
        # None: the schema is broken (reported above); its files are not checked
        schemas[p.name.removesuffix(".schema.json")] = schema
    return schemas


def load_tables(root: Path, problems: list[Problem]) -> dict[str, TableFile]:
    schemas = load_schemas(root, problems)
    tables: dict[str, TableFile] = {}
    folder = root / "tables"
    for path in sorted(folder.glob("*.yml")):
        problems.append(Problem(path.relative_to(root).as_posix(), 1, 1, "",
                                f"表格文件的扩展名应为 .yaml：请把 {path.name} 改名为 {path.stem}.yaml"))
    for path in sorted(folder.glob("*.yaml")):
        rel = path.relative_to(root).as_posix()
        try:
            table = load_table(path, rel, schemas, problems)
        except Exception as exc:  # noqa: BLE001 - an editor must never see a traceback
            problems.append(Problem(rel, 1, 1, "", f"检查这个文件时程序出错（{type(exc).__name__}: {exc}）：这可能不是你的错，请把这条信息告诉网站维护人员"))
            continue
        if table is not None:
            tables[table.key] = table
    return tables


def load_table(path: Path, rel: str, schemas: dict[str, dict], problems: list[Problem]) -> TableFile | None:
    text = decode(path.read_bytes(), rel, problems)
    if text is None:
        return None
    key = path.stem
    kind = kind_of(key)
    if kind in schemas and schemas[kind] is None:
        return None
    if kind not in schemas:
        problems.append(Problem(rel, 1, 1, "", f"不认识的表格文件名“{path.name}”：专栏的文件名应为 box-章-序号.yaml（如 box-4-1.yaml）；"
                                               "其他表格须在 tables/schemas/ 中有同名的 .schema.json"))
        return None
    composed = compose(text, rel, problems)
    if composed is None:
        return None
    data, marks, keys = composed
    if not isinstance(data, dict):
        what = "列表（以 - 开头的行）" if isinstance(data, list) else f"一个单独的值 {show(data)}"
        problems.append(Problem(rel, 1, 1, "", f"文件内容应是一组“字段名: 值”（第一项是 id: {key}），但读到的是{what}；请检查文件是否完整"))
        return None
    table = TableFile(key, rel, kind, data, marks, schemas[kind])
    errors = list(jsonschema.Draft202012Validator(schemas[kind]).iter_errors(data))
    for err in errors:
        path_ = tuple(err.absolute_path)
        line, col = table.where(path_)
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            extra = [k for k in err.instance if k not in err.schema.get("properties", {})]
            if extra and path_ + (extra[0],) in keys:
                path_ = path_ + (extra[0],)
                line, col = keys[path_]
        problems.append(Problem(rel, line, col, format_path(path_) or "（文件顶层）", schema_message(err)))
    if errors:
        return None
    if data.get("id") != key:
        line, col = table.where(("id",))
        problems.append(Problem(rel, line, col, "id", f"id 为“{data.get('id')}”，但文件名是“{path.name}”；两者必须一致（应为“{key}”）"))
        return None
    return table
