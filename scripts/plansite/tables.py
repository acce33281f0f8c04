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

from .problems import Problem
from .messages import schema_message, yaml_message


@dataclass
class TableFile:
    key: str                 # file stem, e.g. indicators-14th, box-4-1
    path: str                # relative to root
    kind: str                # indicators-13th | indicators-14th | box
    data: dict
    marks: dict = field(default_factory=dict)   # path tuple -> (line, column)

    def where(self, path: tuple) -> tuple[int, int]:
        """Line and column of the value at ``path`` (or of its nearest parent)."""
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (1, 1))


def kind_of(key: str) -> str:
    return "box" if key.startswith("box-") else key


def compose(text: str, rel: str, problems: list[Problem]) -> tuple[Any, dict] | None:
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            problems.append(Problem(rel, 1, 1, "", "文件是空的：每个表格文件至少要有 id、title 等字段"))
            return None
        marks: dict = {}
        ok = walk(node, (), marks, rel, problems)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problems.append(Problem(rel, line, col, "", yaml_message(exc, text)))
        return None
    except yaml.YAMLError as exc:  # pragma: no cover - reader errors without marks
        problems.append(Problem(rel, 1, 1, "", yaml_message(exc, text)))
        return None
    finally:
        loader.dispose()
    return (data, marks) if ok else None


def walk(node, path: tuple, marks: dict, rel: str, problems: list[Problem]) -> bool:
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
            ok &= walk(value_node, path + (key,), marks, rel, problems)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            ok &= walk(item, path + (i,), marks, rel, problems)
    return ok


def format_path(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def load_schemas(root: Path) -> dict[str, dict]:
    folder = root / "tables" / "schemas"
    return {p.name.removesuffix(".schema.json"): json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(folder.glob("*.schema.json"))}


def load_tables(root: Path, problems: list[Problem]) -> dict[str, TableFile]:
    schemas = load_schemas(root)
    tables: dict[str, TableFile] = {}
    for path in sorted((root / "tables").glob("*.yaml")):
        rel = path.relative_to(root).as_posix()
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(Problem(rel, 1, 1, "", f"文件不是 UTF-8 编码（第 {exc.start + 1} 个字节无法识别）；请在编辑器中以 UTF-8 编码保存"))
            continue
        key = path.stem
        kind = kind_of(key)
        if kind not in schemas:
            problems.append(Problem(rel, 1, 1, "", f"不认识的表格文件名“{path.name}”：文件名应为 indicators-13th.yaml、indicators-14th.yaml 或 box-章-序号.yaml"))
            continue
        composed = compose(text, rel, problems)
        if composed is None:
            continue
        data, marks = composed
        table = TableFile(key, rel, kind, data, marks)
        errors = list(jsonschema.Draft202012Validator(schemas[kind]).iter_errors(data))
        for err in errors:
            path_ = tuple(err.absolute_path)
            line, col = table.where(path_)
            problems.append(Problem(rel, line, col, format_path(path_) or "（文件顶层）", schema_message(err)))
        if errors:
            continue
        if data.get("id") != key:
            line, col = table.where(("id",))
            problems.append(Problem(rel, line, col, "id", f"id 为“{data.get('id')}”，但文件名是“{path.name}”；两者必须一致（应为“{key}”）"))
            continue
        tables[key] = table
    return tables
