"""The plan's own words stay as published: every heading and paragraph in
chapters/ and every 专栏 item in tables/box-*.yaml must occur in the published text kept in
source/ (whitespace and line breaks aside, **bold** marks removed).

This is the check's copy of the rule the fidelity test proves on the built
site, so an editor who changes a word of the plan hears it from `make check`
in Chinese, with the place, instead of from a failing test.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from .chapters import Plan
from .problems import Problem
from .tables import TableFile

SOURCE = "source/zhonglou-14th-five-year-plan.txt"
BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
WHITESPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    return WHITESPACE.sub("", text)


def published(root: Path) -> str | None:
    """The published plan as one string without whitespace; None when absent."""
    path = root / SOURCE
    if not path.is_file():
        return None
    return squeeze(BOOKMARK.sub("", path.read_text(encoding="utf-8")))


def differs_from(text: str, source: str) -> str:
    """The part of ``text`` from where it stops matching the source (the
    longest prefix that occurs there), a few characters of it."""
    low, high = 0, len(text)
    while low < high:                  # a prefix that occurs: every shorter one does too
        mid = (low + high + 1) // 2
        if text[:mid] in source:
            low = mid
        else:
            high = mid - 1
    start = max(low - 4, 0)
    return text[start:low + 8] + ("…" if low + 8 < len(text) else "")


def message(text: str, source: str, what: str) -> str:
    return (f"{what}与已发布的规划原文不一致（从「{differs_from(text, source)}」附近起不同）："
            f"正文和专栏是政府发布的原文，必须照录，原文里的错字也照录；请恢复原文的文字（原文见 {SOURCE}）")


def check(root: Path, plan: Plan, tables: dict[str, TableFile], reported: set[str]) -> Iterator[Problem]:
    """``reported``: files that already have a problem; their text is not
    compared (a broken header read as a paragraph is not a changed word)."""
    source = published(root)
    if source is None:
        yield Problem(SOURCE, 1, 1, "", "找不到已发布的规划原文：正文和专栏要与它逐字比对；请从历史版本恢复这个文件")
        return
    for doc in plan.all:
        rel = f"chapters/{doc.path.name}"
        if rel in reported:
            continue
        # The preamble's title 序言 is ours: the published plan has none.
        headings = ([(1, doc.title)] if doc.title and doc.kind != "preamble" else [])
        headings += [(s.line, s.heading) for s in doc.sections]
        for line, heading in headings:
            if squeeze(heading) not in source:
                yield Problem(rel, line, 1, "", message(squeeze(heading), source, "标题"))
    for unit in plan.units():
        text = squeeze(unit.text)
        if text not in source and f"chapters/{unit.chapter.path.name}" not in reported:
            yield Problem(f"chapters/{unit.chapter.path.name}", unit.line, 1, "",
                          message(text, source, f"段落 {unit.id} "))
    for table in tables.values():
        if table.kind != "box":
            continue
        for i, item in enumerate(table.data["items"]):
            label = item["label"] + item.get("label_separator", "：") if "label" in item else ""
            text = squeeze(label + item["text"])
            if text not in source:
                line, col = table.where(("items", i, "text"))
                yield Problem(table.path, line, col, f"items[{i}].text",
                              message(text, source, f"专栏条目 {item['id']} "))
