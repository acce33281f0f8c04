"""Open data: the CSV and JSON files in the built site hold the same records
as the YAML in tables/, and the 数据下载 page links them all.

Expectations are read from the YAML and the schemas here, independently of
scripts/plansite/downloads.py: a record is a YAML record (a 13th-plan part
is a record carrying its parent's category, number and name).
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml
from support.plantext import soup

ROOT = Path(__file__).resolve().parent.parent
TABLES = ROOT / "tables"
SKIP = {"keywords", "parts"}          # the site's own search words, not data


def yaml_records(key: str) -> list[dict]:
    data = yaml.safe_load((TABLES / f"{key}.yaml").read_text(encoding="utf-8"))
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
    if value is None:
        return ""
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
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
            assert rec[name] == want.get(name), (key, want.get("id"), name)
            assert by_name[name] == as_text(want.get(name)), (key, want.get("id"), name)
        names = [f["name"] for f in fields]
        assert set(want) <= set(names), f"{key}: YAML fields missing from the download: {set(want) - set(names)}"
        for name in set(names) - set(stored):
            # A derived field (the 13th-plan verdict) is the editor's value where the YAML gives one.
            if name in want:
                assert rec[name] == want[name] and by_name[name] == as_text(want[name]), (key, name)
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
    page = soup(built_site / "data" / "index.html")
    links = {a["href"] for a in page.select("article a[href]")}
    for key in KEYS:
        assert f"{key}.csv" in links and f"{key}.json" in links, key


@pytest.mark.parametrize("page_path,key", [
    ("indicators/index.html", "indicators-13th"),
    ("indicators/index.html", "indicators-14th"),
    ("commitments/index.html", "commitments"),
    ("boxes/box-4-1/index.html", "box-4-1"),
])
def test_table_pages_link_their_downloads(built_site, page_path, key):
    page = soup(built_site / page_path)
    hrefs = [a["href"] for a in page.select("article a[href]")]
    assert any(h.endswith(f"data/{key}.csv") for h in hrefs), hrefs[:20]
    assert any(h.endswith(f"data/{key}.json") for h in hrefs)
