#!/usr/bin/env python3
"""Convert the published plan (text export of the official .docx) into
``chapters/`` (Markdown) and ``tables/`` (YAML).

This is a one-off conversion: after it, ``chapters/`` and ``tables/`` are what
people edit. The importer therefore refuses to overwrite any existing file
unless ``--force`` is given.

Source layout (see ``source/``):
  * ``[bookmark: …]`` markers are export noise and are dropped;
  * headings are lines ``第X篇 …``, ``第X章 …``, ``第X节 …``;
  * a table is a title line ending in 表 followed by rows of tab-indented
    cells, one cell per line, a cell broken over several lines continuing
    without a tab, rows separated by blank lines;
  * a 专栏 box is a tab-indented ``专栏N-M title`` line followed by its items,
    one per line, up to a blank line.

Usage: python scripts/import_plan.py [--source FILE] [--root DIR] [--force]
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from plansite.numerals import chinese_to_int

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT / "source" / "zhonglou-14th-five-year-plan.txt"

BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
HEADING = re.compile(r"^(第([一二三四五六七八九十]+)(篇|章|节))\s*(.*)$")
BOX_START = re.compile(r"^专栏(\d+-\d+)\s*(.*)$")
# A lead sentence: short, no comma, closed by 。 and followed by more text.
LEAD = re.compile(r"^([^，。；：,]{2,21}。)(?=.)")
# Box item label such as 「省级：」, 「“12个没有”：」; the half-width colon is
# kept as printed (专栏5-2 uses it).
LABEL = re.compile(r"^([^：:，。；]{1,16})([：:])(.+)$")

INDICATOR_TITLES = {
    "钟楼区“十三五”期间主要指标完成情况表": "indicators-13th",
    "钟楼区“十四五”经济社会发展指标体系表": "indicators-14th",
}


@dataclass
class Chapter:
    number: int
    heading: str
    blocks: list[str] = field(default_factory=list)


@dataclass
class Part:
    number: int
    heading: str
    chapters: list[Chapter] = field(default_factory=list)


@dataclass
class Plan:
    preamble: list[str] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    tables: dict[str, dict] = field(default_factory=dict)


def clean(line: str) -> str:
    return BOOKMARK.sub("", line.rstrip("\n"))


def read_rows(lines: list[str], i: int) -> tuple[list[list[str]], int]:
    """Read tab-indented table rows starting at ``lines[i]``.

    Returns the rows (lists of cells, broken cells joined) and the index of
    the first line after the table.
    """
    rows: list[list[str]] = []
    row: list[str] = []
    while i < len(lines):
        line = lines[i]
        if line.startswith("\t"):
            row.append(line[1:].strip())
        elif line.strip() == "":
            if row:
                rows.append(row)
                row = []
            # A blank line followed by a line without a tab ends the table.
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            if not nxt.startswith("\t") and nxt.strip() != "":
                i += 1
                break
        elif HEADING.match(line.strip()):
            break
        else:  # continuation of a cell broken over lines
            row[-1] += line.strip()
        i += 1
    if row:
        rows.append(row)
    return rows, i


def indicators_13th(title: str, rows: list[list[str]]) -> dict:
    header, body = rows[0], rows[1:]
    records: list[dict] = []
    category = ""
    for cells in body:
        if cells[0]:
            category = cells[0]
        if len(cells) == 8:  # indicator with sub-rows (主要污染物排放减少率)
            _, number, name, sub, unit, attribute, target, result = cells
            if number:
                records.append({
                    "id": f"ind13-{number}", "category": category,
                    "number": int(number), "name": name, "parts": [],
                })
            parent = records[-1]
            parent["parts"].append({
                "id": f"{parent['id']}-{len(parent['parts']) + 1}",
                "name": sub, "unit": unit, "attribute": attribute,
                "target_2020": target, "result_2020": result,
            })
            continue
        _, number, name, unit, attribute, target, result = cells
        records.append({
            "id": f"ind13-{number}", "category": category, "number": int(number),
            "name": name, "unit": unit, "attribute": attribute,
            "target_2020": target, "result_2020": result,
        })
    return {"title": title, "columns": header, "indicators": records}


def indicators_14th(title: str, rows: list[list[str]]) -> dict:
    header, body = rows[0], rows[1:]
    records = []
    category = ""
    for cells in body:
        cat, number, name, unit, target, attribute = cells
        category = cat or category
        records.append({
            "id": f"ind14-{number}", "category": category, "number": int(number),
            "name": name, "unit": unit, "target_2025": target, "attribute": attribute,
        })
    return {"title": title, "columns": header, "indicators": records}


def box(number: str, title: str, items: list[str]) -> dict:
    out = []
    for k, text in enumerate(items, 1):
        item = {"id": f"box-{number}-{k}"}
        m = LABEL.match(text)
        if m:
            item["label"] = m.group(1)
            if m.group(2) != "：":
                item["label_separator"] = m.group(2)
            item["text"] = m.group(3)
        else:
            item["text"] = text
        out.append(item)
    return {"number": number, "title": title, "items": out}


def paragraph(text: str) -> str:
    m = LEAD.match(text)
    if m:
        return f"**{m.group(1)}**{text[m.end():]}"
    return text


def parse(source: Path) -> Plan:
    lines = [clean(x) for x in source.read_text(encoding="utf-8").splitlines()]
    plan = Plan()
    part: Part | None = None
    chapter: Chapter | None = None
    section = 0
    i = 0

    def add(block: str) -> None:
        (chapter.blocks if chapter else plan.preamble).append(block)

    while i < len(lines):
        line = lines[i].strip()
        if not line:
            i += 1
            continue
        h = HEADING.match(line)
        if h:
            kind, n = h.group(3), chinese_to_int(h.group(2))
            heading = lines[i].strip()
            if kind == "篇":
                part = Part(n, heading)
                plan.parts.append(part)
                chapter = None
            elif kind == "章":
                chapter = Chapter(n, heading)
                part.chapters.append(chapter)
                section = 0
            else:
                section = n
                add(f"## {heading}")
            i += 1
            continue
        if line in INDICATOR_TITLES:
            rows, i = read_rows(lines, i + 1)
            key = INDICATOR_TITLES[line]
            build = indicators_13th if key == "indicators-13th" else indicators_14th
            data = build(line, rows)
            data.update(chapter=chapter.number, section=section or None)
            plan.tables[key] = data
            add(f"<!-- table: {key} -->")
            continue
        b = BOX_START.match(line)
        if b:
            items = []
            i += 1
            while i < len(lines) and lines[i].strip():
                items.append(lines[i].strip())
                i += 1
            key = f"box-{b.group(1)}"
            data = box(b.group(1), b.group(2), items)
            data.update(chapter=chapter.number, section=section or None)
            plan.tables[key] = data
            add(f"<!-- table: {key} -->")
            continue
        add(paragraph(line))
        i += 1
    return plan


def dump_yaml(key: str, data: dict) -> str:
    kind = "box" if key.startswith("box-") else key
    ordered = {"id": key}
    ordered.update(data)
    head = (
        f"# yaml-language-server: $schema=schemas/{kind}.schema.json\n"
        "# 本文件由 scripts/import_plan.py 从规划原文导入，现由编辑直接维护。\n"
        "# 修改方法见 tables/README.md（编辑指南）。\n"
    )
    body = yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=1000)
    return head + body


def outputs(plan: Plan) -> dict[str, str]:
    files: dict[str, str] = {}
    files["chapters/preamble.md"] = (
        "---\ntitle: 序言\n---\n\n" + "\n\n".join(plan.preamble) + "\n"
    )
    for part in plan.parts:
        ids = ", ".join(f"ch{c.number:02d}" for c in part.chapters)
        files[f"chapters/part{part.number}.md"] = (
            f"---\nchapters: [{ids}]\n---\n\n# {part.heading}\n\n<!-- part-contents -->\n"
        )
        for c in part.chapters:
            body = "\n\n".join([f"# {c.heading}"] + c.blocks)
            files[f"chapters/ch{c.number:02d}.md"] = body + "\n"
    for key, data in plan.tables.items():
        files[f"tables/{key}.yaml"] = dump_yaml(key, data)
    return files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--root", type=Path, default=ROOT)
    ap.add_argument("--force", action="store_true",
                    help="overwrite existing chapters/ and tables/ files")
    args = ap.parse_args(argv)
    files = outputs(parse(args.source))
    existing = [p for p in files if (args.root / p).exists()]
    if existing and not args.force:
        print("import_plan: 以下文件已存在，可能已被编辑，未覆盖（如确需覆盖请加 --force）：",
              file=sys.stderr)
        for p in existing:
            print(f"  {p}", file=sys.stderr)
        return 1
    for rel, text in files.items():
        path = args.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(f"import_plan: wrote {len(files)} files under {args.root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
