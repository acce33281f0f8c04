"""The site's own search index (issue 5): every plan unit, its place, and its
jieba words, written as one script the browser loads on first use.

The text of a unit is read back out of the chapter page's HTML (the elements
with ``data-para``), so search sees exactly what the reader sees: a table
row's text is its cells as rendered, a 专栏 item includes its label.

``INDEX_PATH`` sets ``window[INDEX_GLOBAL]`` to a JSON document (parsed with
``JSON.parse``, which V8 reads faster than an object literal) and then
dispatches the event ``INDEX_EVENT`` on the document. A classic script
rather than a .json file because the results page runs it in document
order, before the theme's own bundle, as the last part of the results
page's script (plansite.assets): the search code just before it draws the
results on that event, while the page is still being parsed, with no wait
for a fetch. On other pages the search code adds it as a script element on
first use. The search code learns these names from the page
(``assets.search_contract``: data attributes of its script element), never
from a copy of its own.

The JSON holds:

* ``v``       the format version (``INDEX_VERSION``): the engine reads one
  format and refuses any other (docs/assets/javascripts/engine/engine.js);
* ``fields``  the names of the fields of a unit record (``UNIT_FIELDS``), by
  which the engine finds them: it refuses an index without one it reads;
* ``sep``     the separator between a unit's words (``WORD_SEPARATOR``);
* ``pages``   chapter pages in reading order: url (from the site root), title;
* ``heads``   section headings, 专栏 titles and table captions;
* ``units``   one array per unit, in reading order, its fields in the order of
  ``fields``: ``id``; ``page`` (in pages); ``section`` and ``group`` (the
  heads it stands under, or -1); ``kind`` (KIND_*: its name is
  ``const.kinds[kind]``); ``labelStart``, ``labelEnd`` (its label: a 专栏
  item's lead, an indicator's name); ``words``, the unit's text (whitespace
  runs collapsed to one space) cut by jieba, joined with ``sep``;
  ``commitments``, the number of entries of the 承诺清单 that cite the unit
  (its ``data-commitments``); ``length``, how many words;
* ``fold``, ``variants`` the tables the engine's comparison form needs
  (plansite.textform.browser_tables: look-alikes, case folding, OpenCC's
  variant tables), cut down to what can matter for this plan's text, and
  ``variantsSource``, where the variant tables come from;
* ``forms``   {"units", "heads", "titles"}: the indexes of the units,
  heads and page titles whose comparison form is not what the engine gets
  from its quick start-up pass (NFKC, lower case, white space out: the
  ``quick_form`` here), e.g. text holding a U+200B, a 1,000 or a variant:
  the engine gives only these few the full comparison form at start-up;
* ``const``   everything else the engine and the search pages share with
  Python (``CONSTANTS``): kind names, limits, reader-facing messages.

The browser derives all the rest (vocabulary, word frequencies, query
segmentation), so the file stays small.
"""
from __future__ import annotations

import functools
import json
import platform
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from . import textform
from .memo import Memo, digest
from .segments import Segmenter

SEARCH_PAGE = "search/"                 # the results page (docs/search.md)
INDEX_PATH = SEARCH_PAGE + "plan-index.js"
INDEX_GLOBAL = "PlanSearchIndex"
INDEX_EVENT = "plan-search-index"       # dispatched on document once the index is set
# Between the words of a unit: DEL, which the text never holds (the
# comparison form drops it, so no query holds it either) and which, unlike
# a tab, JSON writes as it is (a tab costs "\\t" in the script: 3 KB more
# gzipped).
WORD_SEPARATOR = "\x7f"
WHITESPACE = re.compile(r"\s+")
# Kept between builds (plansite.memo): the comparison form of each text, and
# the tables the browser needs for the whole corpus (and PAGES below).
FORMS = "forms.json"
PAGES = "pages-read.json"       # what read_page found on each page, by the page's digest
TABLES = "variant-tables.json"
# The index's format (see the module's docstring): raise it with any change
# to what the engine reads, and change the engine to read it.
INDEX_VERSION = 3
UNIT_FIELDS = ("id", "page", "section", "group", "kind", "labelStart", "labelEnd", "words", "commitments",
               "length")

KIND_PARA, KIND_TABLE, KIND_BOX = 0, 1, 2

# Shared with the engine and the search pages (docs/assets/javascripts/) through
# the index's "const".
CONSTANTS = {
    "kinds": ["正文", "指标表", "专栏"],
    "instantLimit": 8,           # results shown under the header field
    "suggestLimit": 6,           # words offered as you type / on no result
    "snippetContext": 24,        # characters shown either side of a match
    "snippetMaxSpans": 6,        # beyond this many windows, the rest is summarised
    "segmentMaxLength": 64,      # longer phrases are not cut into words
    "messages": {
        "empty": "请输入要查找的词语。",
        "none": "没有找到“{q}”。",
        "fallback": "未找到完整短语“{q}”，以下段落同时包含：{words}",
        "suggest": "试试这些出现在规划中的词：",
        "summary": "{n} 处提及 · {m} 个段落 · {k} 章",
        "tooLong": "查询太长（{n} 个字符），规划中没有这么长的连续文字。",
        "related": "相关词语：",
        "orderLabel": "排序",
        "chapterLabel": "章节",
        "kindLabel": "类型",
        "commitmentsOnly": "只看含承诺的段落（{n}）",
        "seeAll": "查看全部 {m} 个段落",
        "orderRank": "按相关度",
        "orderPlan": "按规划顺序",
        "allChapters": "全部章节",
        "allKinds": "全部类型",
        "filtered": "当前显示 {shown} 个",
        "count": "本段 {c} 处",
    },
}
# Shown before the index (which carries every other message) is there: handed
# to the page by assets.search_contract.
PAGE_MESSAGES = {
    "loading": "正在加载搜索索引…",
    "failed": "搜索索引加载失败，请刷新页面重试。",
}


# What the engine does to the whole plan at start-up, in one pass of the
# browser's native string operations (engine/normalise.js quickForm): NFKC, lower case,
# and its \s (White_Space and U+FEFF) removed.
QUICK_SPACE = re.compile(f"[{textform.WHITE_SPACE}\ufeff]+")


def quick_form(text: str) -> str:
    return QUICK_SPACE.sub("", unicodedata.normalize("NFKC", text).lower())


# -- reading units out of the built HTML ----------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class RawUnit:
    id: str
    kind: int
    text: str = ""
    label: tuple[int, int] = (0, 0)
    section: str = ""
    group: str = ""
    commitments: int = 0        # measurable targets the unit states (issue 4)
    tag: str = ""               # p, tr, li or caption: the element that carries data-para


class _UnitParser(HTMLParser):
    """Collects [data-para] elements with their text, the h1/h2 headings they
    stand under, and the 专栏 title or table caption they belong to."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.units: list[RawUnit] = []
        self.title = ""                            # the page's h1, as the reader sees it
        self.stack: list[tuple[str, dict]] = []
        self.unit: RawUnit | None = None
        self.unit_depth = 0
        self.label_tag: str | None = None
        self.label_start = -1
        self.heading: list[str] | None = None     # text being collected for h2/h3/caption
        self.heading_tag = ""
        self.skip_depth = 0                        # inside a.headerlink
        self.section = ""
        self.group = ""
        self.box_depth = 0
        self.table_depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in VOID:
            return
        self.stack.append((tag, a))
        depth = len(self.stack)
        cls = (a.get("class") or "").split()
        if self.skip_depth:
            return
        if tag == "a" and "headerlink" in cls:
            self.skip_depth = depth
            return
        if tag == "aside" and "plan-box" in cls:
            self.box_depth = depth
        if tag == "table":
            self.table_depth = depth
            self.group = ""
        if tag in ("h1", "h2"):
            self.heading, self.heading_tag = [], tag
            if tag == "h1":
                self.section = ""
        if tag == "h3" and self.box_depth:
            self.heading, self.heading_tag = [], tag
        if self.unit is None and a.get("data-para") is not None:
            kind = KIND_BOX if self.box_depth else KIND_TABLE if self.table_depth else KIND_PARA
            self.unit = RawUnit(a.get("id") or a["data-para"], kind, section=self.section,
                                commitments=int(a.get("data-commitments") or 0), tag=tag)
            self.unit_depth = depth
            if tag == "caption":
                self.heading, self.heading_tag = [], "caption"
            return
        if self.unit is not None and self.label_tag is None and self.unit.label == (0, 0):
            first_strong = tag == "strong" and not self.unit.text.strip()
            first_link = tag == "a" and self.unit.kind == KIND_TABLE
            if first_strong or first_link:
                self.label_tag, self.label_start = tag, len(self.unit.text)

    def handle_endtag(self, tag):
        if tag in VOID or not self.stack:
            return
        # tolerate unclosed elements: pop up to the matching tag
        while self.stack:
            open_tag, _ = self.stack.pop()
            depth = len(self.stack) + 1
            if self.skip_depth and depth == self.skip_depth:
                self.skip_depth = 0
            if self.unit is not None and self.label_tag == open_tag:
                self.unit.label = (self.label_start, len(self.unit.text))
                self.label_tag = None
            if self.heading is not None and open_tag == self.heading_tag:
                text = WHITESPACE.sub(" ", "".join(self.heading)).strip()
                if open_tag == "h2":
                    self.section = text
                elif open_tag == "h1" and not self.title:
                    self.title = text
                elif open_tag in ("h3", "caption"):
                    self.group = text
                self.heading = None
            if self.unit is not None and depth == self.unit_depth:
                if self.unit.kind != KIND_PARA:
                    self.unit.group = self.group
                self.units.append(self.unit)
                self.unit = None
                self.label_tag = None
            if depth == self.box_depth:
                self.box_depth = 0
                self.group = ""
            if depth == self.table_depth:
                self.table_depth = 0
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.skip_depth:
            return
        if self.heading is not None:
            self.heading.append(data)
        if self.unit is not None:
            self.unit.text += data


class _TextParser(HTMLParser):
    """The text of a page's article (its content: not the engine's header,
    nav or footer, which differ between MkDocs and Zensical and which no
    text filter reads), scripts and styles left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.article = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "article":
            self.article += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        elif tag == "article" and self.article:
            self.article -= 1

    def handle_data(self, data):
        if self.article and not self.skip:
            self.parts.append(data)


def article_text(html: str) -> str:
    """The text of a page's article, whitespace runs as one space (the
    engines' layout whitespace differs)."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(parser.parts).split())


def read_page(html: str) -> tuple[str, list[RawUnit]]:
    """(text of the page's h1, its units)."""
    parser = _UnitParser()
    parser.feed(html)
    parser.close()
    return parser.title, parser.units


def collapse(text: str, start: int, end: int) -> tuple[str, int, int]:
    """Whitespace runs → one space, trimmed; label offsets carried along."""
    out: list[str] = []
    new_start = new_end = None
    last_space = True
    for i, ch in enumerate(text):
        if i == start:
            new_start = len(out)
        if i == end:
            new_end = len(out)
        if ch.isspace():
            if not last_space:
                out.append(" ")
            last_space = True
        else:
            out.append(ch)
            last_space = False
    if new_start is None:
        new_start = len(out)
    if new_end is None:
        new_end = len(out)
    while out and out[-1] == " ":
        out.pop()
    n = len(out)
    return "".join(out), min(new_start, n), min(new_end, n)


# -- the index -------------------------------------------------------------------

@dataclass
class Collector:
    """Gathers chapter pages during a build; ``write`` makes the index."""
    root: Path
    order: list[str]                          # src_uris in reading order
    pages: dict[str, tuple[str, str, list[RawUnit]]] = field(default_factory=dict)
    other_text: list[str] = field(default_factory=list)   # of pages with a text filter
    cache: Path | None = None                 # where the segmenter and the forms are kept between builds

    def __post_init__(self) -> None:
        # Reading a page's units takes a fortieth of a second, and most
        # chapter pages are the same from one build to the next (`mkdocs
        # serve`): what was read is kept, by the page's digest, as long as
        # this module and Python (its html.parser) are unchanged.
        self._read = Memo(self.cache, PAGES, digest(Path(__file__).read_bytes(), platform.python_version()))

    def add_filtered(self, html: str) -> None:
        """A page whose text a reader filters with the same comparison form
        (承诺清单): the characters of its article count as the plan's, so that the tables
        shipped cover them too."""
        self.other_text.append(article_text(html))

    def add(self, src_uri: str, url: str, title: str, html: str) -> None:
        """A rendered page; ``title`` is used when the page has no h1 of its
        own (the preamble), as plain text."""
        def read(_: str) -> dict:
            heading, units = read_page(html)
            return {"heading": heading, "units": [{**asdict(u), "label": list(u.label)} for u in units]}

        found = self._read.get(digest(html), read)
        units = [RawUnit(**{**u, "label": tuple(u["label"])}) for u in found["units"]]
        if units:
            self.pages[src_uri] = (url, found["heading"] or title, units)

    def in_order(self) -> list[tuple[str, str, list[RawUnit]]]:
        """(url, title, units) of each page collected, in reading order."""
        rank = {uri: i for i, uri in enumerate(self.order)}
        return [self.pages[u] for u in sorted(self.pages, key=lambda u: (rank.get(u, len(rank)), u))]

    def index(self) -> dict:
        segmenter = Segmenter(self.root, self.cache)
        key = textform.version_key()
        form_memo = Memo(self.cache, FORMS, key)
        compare_form = functools.partial(form_memo.get, compute=textform.compare_form)
        pages, heads, units = [], [], []
        head_index: dict[str, int] = {}
        corpus: list[str] = []                     # the comparison forms of everything searched
        forms: dict[str, list[int]] = {"units": [], "heads": [], "titles": []}

        def head(text: str) -> int:
            if not text:
                return -1
            if text not in head_index:
                head_index[text] = len(heads)
                heads.append(text)
            return head_index[text]

        for url, title, raw_units in self.in_order():
            pages.append({"url": url, "title": title})
            for u in raw_units:
                text, ls, le = collapse(u.text, *u.label)
                words = segmenter.cut(text)
                assert WORD_SEPARATOR not in text
                form = compare_form(text)
                corpus.append(form)
                if form != quick_form(text):
                    forms["units"].append(len(units))
                record = {"id": u.id, "page": len(pages) - 1, "section": head(u.section), "group": head(u.group),
                          "kind": u.kind, "labelStart": ls, "labelEnd": le, "words": WORD_SEPARATOR.join(words),
                          "commitments": u.commitments, "length": max(1, len(words))}
                units.append([record[f] for f in UNIT_FIELDS])
        segmenter.save()
        self._read.save()
        for key, texts in (("heads", heads), ("titles", [p["title"] for p in pages])):
            for i, text in enumerate(texts):
                corpus.append(compare_form(text))
                if corpus[-1] != quick_form(text):
                    forms[key].append(i)
        corpus += [compare_form(t) for t in self.other_text]
        form_memo.save()
        # The cut-down tables depend on the whole corpus: one entry, under its digest.
        table_memo = Memo(self.cache, TABLES, key)
        tables = table_memo.get(digest(*corpus), lambda _: textform.browser_tables(corpus))
        table_memo.save()
        return {"v": INDEX_VERSION, "fields": list(UNIT_FIELDS), "sep": WORD_SEPARATOR, "const": CONSTANTS,
                "pages": pages, "heads": heads, "units": units, "forms": forms, **tables}

    def write(self, site_dir: Path) -> Path:
        out = site_dir / INDEX_PATH
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(as_script(self.index()), encoding="utf-8")
        return out


def as_script(index: dict) -> str:
    """The index as the script the browser runs: one JSON string literal."""
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    # a JSON string is a JS string literal; U+2028/2029 escaped for old parsers
    literal = json.dumps(text, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.{INDEX_GLOBAL}=JSON.parse({literal});document.dispatchEvent(new Event({json.dumps(INDEX_EVENT)}));\n"


def read_script(text: str) -> dict:
    """The index back from its script (for tests and tools)."""
    prefix = f"window.{INDEX_GLOBAL}=JSON.parse("
    end = text.rfind(");document.dispatchEvent(")
    if not text.startswith(prefix) or end < 0:
        raise ValueError("not a search index script")
    return json.loads(json.loads(text[len(prefix):end]))
