"""Open data of the plan text (issue 12): every plan unit (paragraph, table
caption, table row, 专栏 item) as CSV and JSON, so that researchers can cite
and compare plans.

The units are read back out of the built chapter pages, by the parser the
search index uses (``search_index.Collector`` holds them once the pages are
rendered), so the text is what the reader sees, glossary links and the bold
lead sentence included as plain text, whitespace runs as one space. The
files are therefore written after the build, beside the other downloads:

* ``data/plan-text.csv``  UTF-8 with BOM (Excel opens it), one header row of
  field titles, one row per unit, in reading order;
* ``data/plan-text.json`` ``{"id", "title", "source", "fields", "records"}``
  like every other download (``downloads.Dataset``), records keyed by field
  name.

The fields, their Chinese titles and descriptions are the JSON Schema of a
record, ``plan-text.schema.json`` beside this module: the 数据下载 page and
the JSON's ``fields`` both take them from there. ``permalink`` is absolute:
site_url + the page's path + ``#`` + id (a path from the site root when the
configuration has no site_url).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from .downloads import Dataset, Field
from .search_index import KIND_BOX, KIND_PARA, Collector, RawUnit

KEY = "plan-text"
SCHEMA = Path(__file__).with_name("plan-text.schema.json")
SOURCE = "chapters/*.md、tables/*.yaml（经网站章节页面）"
# What a browser collapses when it shows text: ASCII whitespace only. An
# ideographic space (U+3000) or a no-break space in the plan stays as written.
HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


def schema() -> dict:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def dataset(records: list[dict] | None = None) -> Dataset:
    """The download's description (title, fields from the schema) and, when
    given, its records."""
    doc = schema()
    fields = [Field(name, p["title"], p["description"]) for name, p in doc["properties"].items()]
    return Dataset(KEY, doc["title"], SOURCE, fields, records or [])


def kind(unit: RawUnit) -> str:
    """The schema's ``kind`` value of a unit."""
    if unit.kind == KIND_PARA:
        return "段落"
    if unit.kind == KIND_BOX:
        return "专栏条目"
    return "表题" if unit.tag == "caption" else "表格行"


def records(pages: list[tuple[str, str, list[RawUnit]]], site_url: str | None) -> list[dict]:
    """One record per unit of ``pages`` ((url from the site root, page
    title, units), in reading order)."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    out = []
    for url, title, units in pages:
        for u in units:
            out.append({
                "id": u.id,
                "chapter": title,
                "section": u.section,
                "group": "" if u.kind == KIND_PARA else u.group,
                "kind": kind(u),
                "text": HTML_SPACE.sub(" ", u.text).strip(" "),
                "permalink": f"{base}{url}#{u.id}",
            })
    return out


def write(site_dir: Path, collector: Collector, site_url: str | None) -> Dataset:
    """Write the CSV and the JSON into ``site_dir``; return what was written."""
    d = dataset(records(collector.in_order(), site_url))
    for name, data in ((d.csv_name, d.csv_bytes()), (d.json_name, d.json_bytes())):
        out = site_dir / name
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    return d
