"""Read ``chapters/``: the plan text as Markdown, one file per chapter.

A chapter file is a sequence of blocks separated by blank lines:

* ``# 第四章 …``            the chapter heading (one per file);
* ``## 第一节 …``           a section heading;
* ``<!-- table: KEY -->``  a marker: the table or 专栏 box ``tables/KEY.yaml``;
* ``<!-- part-contents -->`` (part pages only) the list of the part's chapters;
* anything else          a paragraph of plan text, a citable unit.

Every unit gets a stable, readable id from its place: ``ch4-s1-p2`` is
chapter 4, section 1, paragraph 2; ``ch4-p1`` a paragraph before the first
section; ``preamble-p1`` a paragraph of the preamble.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from . import yamltext
from .messages import yaml_problem
from .numerals import chinese_to_int
from .problems import Found, Problem
from .tables import decode

MARKER = re.compile(r"^<!--\s*(\S+?):?\s+(.*?)\s*-->$|^<!--\s*([\w-]+)\s*-->$")
SECTION_NUMBER = re.compile(r"^第([一二三四五六七八九十]+)节")
CHAPTER_FILE = re.compile(r"^ch(\d+)\.md$")
PART_FILE = re.compile(r"^part(\d+)\.md$")
# The one inline markup chapters use: a bold lead phrase, **壮大科技企业集群规模。**
# (Unit.text drops it; glossary.Glossary.segments splits the text at it for the page).
EMPHASIS = re.compile(r"\*\*(.+?)\*\*")


@dataclass
class Unit:
    """A paragraph of plan text."""
    id: str
    markdown: str
    chapter: Chapter
    section: Section | None
    line: int

    @property
    def text(self) -> str:
        return EMPHASIS.sub(r"\1", self.markdown)


@dataclass
class Section:
    id: str
    number: int
    heading: str
    line: int


@dataclass
class Marker:
    name: str
    argument: str
    line: int
    section: Section | None


@dataclass
class Chapter:
    """A chapter file (or the preamble, or a part page)."""
    key: str                      # ch04, preamble, part1
    path: Path
    number: int | None            # chapter or part number
    kind: str                     # chapter | preamble | part
    title: str = ""
    anchor: str = ""              # id prefix of its units: ch4, preamble
    meta: dict = field(default_factory=dict)
    blocks: list = field(default_factory=list)   # Section | Unit | Marker, in order

    @property
    def src_uri(self) -> str:
        return f"chapters/{self.key}.md"

    @property
    def units(self) -> list[Unit]:
        return [b for b in self.blocks if isinstance(b, Unit)]

    @property
    def sections(self) -> list[Section]:
        return [b for b in self.blocks if isinstance(b, Section)]

    @property
    def markers(self) -> list[Marker]:
        return [b for b in self.blocks if isinstance(b, Marker)]


def split_front_matter(text: str) -> tuple[dict, str, int]:
    """Return (meta, body, number of lines taken by the front matter): meta
    maps field names to text (or lists of text), as typed. Raises yaml.YAMLError."""
    if not text.startswith("---\n"):
        return {}, text, 0
    end = text.find("\n---\n", 4)
    if end < 0:
        return {}, text, 0
    # The same failsafe reading as tables/ (yamltext): a title is its text as
    # typed (`title: 1:12` stays 1:12, not YAML 1.1's 72).
    loaded = yamltext.compose(text[4:end])
    meta = loaded.data if loaded is not None and loaded.data is not None else {}
    head = text[: end + 5]
    return meta, text[end + 5:], head.count("\n")


def read_chapter(path: Path, root: Path) -> Found[Chapter]:
    name = path.name
    if m := CHAPTER_FILE.match(name):
        ch = Chapter(path.stem, path, int(m.group(1)), "chapter", anchor=f"ch{int(m.group(1))}")
    elif m := PART_FILE.match(name):
        ch = Chapter(path.stem, path, int(m.group(1)), "part", anchor=f"part{int(m.group(1))}")
    else:
        ch = Chapter(path.stem, path, None, "preamble", anchor=path.stem)
    rel = path.relative_to(root).as_posix()
    raw = yield from decode(path.read_bytes(), rel)
    if raw is None:
        return ch
    raw = raw.replace("\r\n", "\n")
    try:
        ch.meta, body, offset = split_front_matter(raw)
    except yaml.YAMLError as exc:
        line, col, message = yaml_problem(exc, raw[4:])
        yield Problem(rel, line + 1, col, "front matter", f"文件开头 --- 之间的元数据有误：{message}")
        ch.meta, body, offset = {}, raw, 0
    if not isinstance(ch.meta, dict):
        yield Problem(rel, 2, 1, "front matter", "文件开头 --- 之间应是“字段名: 值”（如 title: 序言）")
        ch.meta = {}
    ch.title = str(ch.meta.get("title", ""))
    section: Section | None = None
    counter = 0
    for line_no, lines in iter_blocks(body, offset):
        block = join_lines(lines)
        if block.startswith("# "):
            ch.title = block[2:].strip()
            continue
        if block.startswith("## "):
            heading = block[3:].strip()
            m = SECTION_NUMBER.match(heading)
            try:
                number = chinese_to_int(m.group(1)) if m else len(ch.sections) + 1
            except KeyError:
                yield Problem(rel, line_no, 1, "", f"节标题“{heading}”的序号无法识别：应为“第一节”“第十二节”这样的写法")
                number = len(ch.sections) + 1
            section = Section(f"{ch.anchor}-s{number}", number, heading, line_no)
            ch.blocks.append(section)
            counter = 0
            continue
        if block.startswith("<!--"):
            m = MARKER.match(block)
            if not m:
                yield Problem(rel, line_no, 1, "", f"无法识别的标记 {block!r}；表格标记的写法是 <!-- table: 表格名 -->")
                continue
            name, arg = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), "")
            ch.blocks.append(Marker(name, arg, line_no, section))
            continue
        for at in merged_items(lines, line_no):
            yield Problem(rel, at, 1, "", "这一行看起来是新的一项，但与上一行之间没有空行，网页上会与上一行合成一段；"
                                          "若它是单独的一段，请在两行之间空一行（若本就是同一段，可忽略这条提醒）",
                          warning=True)
        counter += 1
        prefix = section.id if section else ch.anchor
        ch.blocks.append(Unit(f"{prefix}-p{counter}", block, ch, section, line_no))
    return ch


def iter_blocks(body: str, offset: int):
    """Yield (line number, lines) for blank-line separated blocks, each line stripped."""
    block: list[str] = []
    start = 0
    for i, line in enumerate(body.split("\n"), offset + 1):
        if line.strip():
            if not block:
                start = i
            block.append(line.strip())
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


# Han characters, CJK punctuation and full-width forms: a line break next to
# one of them is no space in Chinese text. Browsers render a newline inside a
# paragraph as a space (Chrome and Safari even between two Han characters),
# so we join a paragraph's lines here, once, for the page, search and the
# fidelity check alike: nothing between CJK, a space between other words
# (CSS Text 3's segment break transformation, which browsers do not apply).
CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uf900-\ufaff\uff00-\uffef\u201c\u201d\u2018\u2019\u00b7\u2014\u2026]")
# A line that starts like an item of a list: （1） (一) 1. 1、 一、 or the
# plan's bold lead phrase (**壮大科技企业集群规模。**…), one per paragraph.
ITEM_START = re.compile(r"^(?:[（(](?:\d+|[一二三四五六七八九十]+)[）)]|\d+[.、．]|[一二三四五六七八九十]+、|\*\*)")


def join_lines(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        gap = "" if CJK.match(text[-1]) or CJK.match(line[0]) else " "
        text += gap + line
    return text


def merged_items(lines: list[str], start: int) -> list[int]:
    """Line numbers where a second line of one paragraph starts like a new
    item (（2）… after （1）…): Markdown merges them into one paragraph."""
    return [start + i for i, line in enumerate(lines) if i and ITEM_START.match(line) and ITEM_START.match(lines[0])]


@dataclass
class Plan:
    preamble: list[Chapter]
    parts: list[Chapter]
    chapters: list[Chapter]

    @property
    def all(self) -> list[Chapter]:
        return self.preamble + self.parts + self.chapters

    def units(self) -> list[Unit]:
        return [u for c in self.all for u in c.units]

    @cached_property
    def units_by_id(self) -> dict[str, Unit]:
        return {u.id: u for u in self.units()}

    def chapters_of(self, part: Chapter) -> list[Chapter]:
        """The chapters a part page lists (front matter ``chapters:``), in its order."""
        by_key = {c.key: c for c in self.chapters}
        return [by_key[k] for k in part.meta.get("chapters", []) if k in by_key]


def load_plan(root: Path) -> Found[Plan]:
    """Every file in chapters/, read into a Plan; yields the problems found."""
    folder = root / "chapters"
    docs = []
    for path in sorted(p for p in folder.glob("*.md") if p.name != "README.md"):
        docs.append((yield from read_chapter(path, root)))
    return Plan(
        preamble=[d for d in docs if d.kind == "preamble"],
        parts=sorted((d for d in docs if d.kind == "part"), key=lambda d: d.number),
        chapters=sorted((d for d in docs if d.kind == "chapter"), key=lambda d: d.number),
    )
