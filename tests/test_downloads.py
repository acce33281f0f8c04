"""Open data: the CSV and JSON files in the built site hold the same records
as the YAML in tables/, the plan text download holds every unit of the built
chapter pages, and the 数据下载 page links them all.

Expectations are read from the YAML and the schemas here, independently of
scripts/plansite/downloads.py: a record is a YAML record (a 13th-plan part
is a record carrying its parent's category, number and name).
"""
from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import urlsplit

import jsonschema
import pytest
import yaml
from plansite import plan_text as plan_text_module
from support.plantext import content, first, page_tree, squeeze
from support.site import ROOT

TABLES = ROOT / "tables"
SKIP = {"keywords", "parts"}          # the site's own search words, not data


def yaml_records(key: str) -> list[dict]:
    """The records as typed: YAML's failsafe schema (every value the text in the file)."""
    data = yaml.load((TABLES / f"{key}.yaml").read_text(encoding="utf-8"), Loader=yaml.CBaseLoader)
    if key.startswith("box-"):
        return data["items"]
    if key == "commitments":
        return data["commitments"]
    if key == "glossary":
        return data["terms"]
    out = []
    for rec in data["indicators"]:
        if rec.get("parts"):
            for part in rec["parts"]:
                out.append({"category": rec["category"], "number": rec["number"], "name": rec["name"],
                            **{k: v for k, v in part.items() if k != "name"}, "part": part["name"]})
        else:
            out.append({k: v for k, v in rec.items() if k not in SKIP})
    return out


def as_text(value) -> str:
    """A JSON value as its CSV cell: nothing as "", lists and records (a source) as JSON, the rest as text."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def typed(value):
    """A JSON value, or a value read as typed, as the text an editor typed:
    numbers as their digits, nothing (null, ~) as ""."""
    if value is None or value in ("null", "~"):
        return ""
    if isinstance(value, list):
        return [typed(v) for v in value]
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    return str(value)


KEYS = sorted(p.stem for p in TABLES.glob("*.yaml"))


@pytest.mark.parametrize("key", KEYS)
def test_csv_and_json_round_trip_to_the_yaml(built_site, key):
    raw = (built_site / "data" / f"{key}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 byte-order mark"
    doc = json.loads((built_site / "data" / f"{key}.json").read_text(encoding="utf-8"))
    fields = doc["fields"]
    stored = [f["name"] for f in fields if not f.get("derived")]
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == [f["title"] for f in fields]
    expected = yaml_records(key)
    assert len(rows) - 1 == len(doc["records"]) == len(expected)
    for want, row, rec in zip(expected, rows[1:], doc["records"]):
        by_name = dict(zip([f["name"] for f in fields], row))
        for name in stored:
            assert typed(rec[name]) == typed(want.get(name)), (key, want.get("id"), name)
            assert by_name[name] == as_text(rec[name]), (key, want.get("id"), name)
        names = [f["name"] for f in fields]
        assert set(want) <= set(names), f"{key}: YAML fields missing from the download: {set(want) - set(names)}"
        for name in set(names) - set(stored):
            # A derived field (the 13th-plan verdict) is the editor's value where the YAML gives one.
            if name in want:
                assert typed(rec[name]) == typed(want[name]) and by_name[name] == as_text(rec[name]), (key, name)
            else:
                assert rec[name] not in (None, ""), (key, want.get("id"), name)


@pytest.mark.parametrize("key", ["indicators-13th", "indicators-14th", "commitments"])
def test_field_descriptions_come_from_the_schema(built_site, key):
    schema = json.loads((TABLES / "schemas" / f"{key}.schema.json").read_text(encoding="utf-8"))
    props = {}
    for d in schema["$defs"].values():
        for name, prop in d.get("properties", {}).items():
            if "$ref" in prop:
                prop = schema["$defs"][prop["$ref"].rsplit("/", 1)[1]]
            props.setdefault(name, prop)
    doc = json.loads((built_site / "data" / f"{key}.json").read_text(encoding="utf-8"))
    for f in doc["fields"]:
        if f["name"] == "part":      # the part's own name field
            continue
        assert f["title"] == props[f["name"]]["title"], f["name"]
        assert f["description"] == props[f["name"]]["description"], f["name"]


def test_download_page_links_every_file(built_site):
    page = page_tree(built_site / "data" / "index.html")
    links = {a.get("href") for a in page.cssselect("article a[href]")}
    for key in KEYS:
        assert f"{key}.csv" in links and f"{key}.json" in links, key


@pytest.mark.parametrize("page_path,key", [
    ("indicators/index.html", "indicators-13th"),
    ("indicators/index.html", "indicators-14th"),
    ("commitments/index.html", "commitments"),
    ("boxes/box-4-1/index.html", "box-4-1"),
])
def test_table_pages_link_their_downloads(built_site, page_path, key):
    page = page_tree(built_site / page_path)
    hrefs = [a.get("href") for a in page.cssselect("article a[href]")]
    assert any(h.endswith(f"data/{key}.csv") for h in hrefs), hrefs[:20]
    assert any(h.endswith(f"data/{key}.json") for h in hrefs)


# -- the plan text, unit by unit (issue 12) ----------------------------------------
# Ground truth: every [data-para] element of the built chapter pages, read
# here with lxml (the download is written by HTMLParser in plansite).

HTML_SPACE = re.compile(r"[ \t\n\r\f]+")      # what a browser collapses when it shows text
SITE_URL = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)


# A piece of text inside a heading's permalink (an <a> whose classes include headerlink).
IN_PERMALINK = "ancestor::a[contains(concat(' ', normalize-space(@class), ' '), ' headerlink ')]"


def shown(el) -> str:
    """An element's text as the reader sees it, without heading permalinks."""
    parts = el.xpath(f".//text()[not({IN_PERMALINK})]")
    return HTML_SPACE.sub(" ", "".join(parts)).strip(" ")


def box_of(el):
    """The 专栏 (aside.plan-box) ``el`` stands in, or None."""
    return next((a for a in el.iterancestors("aside") if "plan-box" in a.classes), None)


def expected_kind(el) -> str:
    if el.tag == "caption":
        return "表题"
    if el.tag == "tr":
        return "表格行"
    return "专栏条目" if box_of(el) is not None else "段落"


def expected_group(el) -> str:
    if el.tag in ("caption", "tr"):
        return shown(next(el.iterancestors("table")).find(".//caption"))
    box = box_of(el)
    return shown(box.find(".//h3")) if box is not None else ""


@pytest.fixture(scope="module")
def chapter_units(built_site) -> dict[str, list]:
    """Page path (e.g. chapters/ch04/) → its [data-para] elements, in order."""
    out = {}
    for path in sorted((built_site / "chapters").glob("*/index.html")):
        els = page_tree(path).cssselect("[data-para]")
        if els:
            out[path.parent.relative_to(built_site).as_posix() + "/"] = els
    return out


@pytest.fixture(scope="module")
def plan_text(built_site):
    raw = (built_site / "data" / "plan-text.csv").read_bytes()
    doc = json.loads((built_site / "data" / "plan-text.json").read_text(encoding="utf-8"))
    return raw, doc


def test_plan_text_holds_every_unit_of_the_chapter_pages_as_the_reader_sees_it(built_site, chapter_units, plan_text):
    _, doc = plan_text
    records = doc["records"]
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)), "a unit is listed twice"
    assert len(records) == sum(len(els) for els in chapter_units.values()), "units missing or extra"
    by_page: dict[str, list] = {}
    for r in records:
        assert r["permalink"].startswith(SITE_URL), r["permalink"]
        page, _, fragment = r["permalink"][len(SITE_URL):].partition("#")
        assert fragment == r["id"], r
        by_page.setdefault(page, []).append(r)
    # each page's units together, and the pages are exactly the chapter pages with units
    pages_in_order = list(dict.fromkeys(urlsplit(r["permalink"]).path for r in records))
    assert len(pages_in_order) == len(by_page) and set(by_page) == set(chapter_units)
    for page, els in chapter_units.items():
        doc_page = page_tree(built_site / page / "index.html")
        h1 = content(doc_page).find(".//h1")
        got = by_page[page]
        assert [r["id"] for r in got] == [el.get("id") for el in els], page
        for r, el in zip(got, els):
            assert el.get("data-para") == el.get("id") == r["id"]
            assert r["text"] == shown(el), r["id"]
            assert squeeze(r["text"]) == squeeze(el.text_content()), r["id"]
            assert r["chapter"] == shown(h1), r["id"]
            # the heading that starts last before it (the unit's section, or the chapter's h1)
            head = el.xpath("(ancestor::h1 | ancestor::h2 | preceding::h1 | preceding::h2)[last()]")[0]
            assert r["section"] == (shown(head) if head.tag == "h2" else ""), r["id"]
            assert r["kind"] == expected_kind(el), r["id"]
            assert r["group"] == expected_group(el), r["id"]


def test_plan_text_permalinks_open_their_unit(built_site, plan_text):
    _, doc = plan_text
    pages: dict[str, object] = {}
    for r in doc["records"]:
        page, _, fragment = r["permalink"][len(SITE_URL):].partition("#")
        if page not in pages:
            file = built_site / page / "index.html"
            assert file.is_file(), r["permalink"]
            pages[page] = page_tree(file)
        target = pages[page].get_element_by_id(fragment, None)
        assert target is not None and target.get("data-para") == r["id"], r["permalink"]


def test_plan_text_csv_matches_the_json_and_opens_in_excel(plan_text):
    raw, doc = plan_text
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 byte-order mark"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    names = [f["name"] for f in doc["fields"]]
    assert rows[0] == [f["title"] for f in doc["fields"]]
    assert rows[1:] == [[r[n] for n in names] for r in doc["records"]]
    for r in doc["records"]:
        assert list(r) == names


def test_plan_text_fields_are_described_and_the_records_follow_them(built_site, plan_text):
    _, doc = plan_text
    schema = json.loads(plan_text_module.SCHEMA.read_text(encoding="utf-8"))
    assert [f["name"] for f in doc["fields"]] == list(schema["properties"])
    validator = jsonschema.Draft202012Validator(schema)
    for r in doc["records"]:
        errors = [e.message for e in validator.iter_errors(r)]
        assert not errors, (r["id"], errors)
    page = page_tree(built_site / "data" / "index.html")
    section = page.get_element_by_id("plan-text", None)
    assert section is not None, "数据下载 has no section for the plan text"
    links = {a.get("href") for a in content(page).cssselect(":scope a[href]")}
    for name in ("plan-text.csv", "plan-text.json"):
        assert name in links and (built_site / "data" / name).is_file(), name
    # the first field table after the heading (or in it)
    table = first([el for el in section.xpath("descendant::* | following::*") if "track-fields" in el.classes])
    described = {tr.find(".//code").text_content(): tr for tr in table.iterdescendants("tr")
                 if tr.find(".//code") is not None}
    for f in doc["fields"]:
        assert f["title"] and f["description"], f["name"]
        assert f["name"] in described and f["description"] in described[f["name"]].text_content(), f["name"]
