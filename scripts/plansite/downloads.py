"""Open data: every table and register as CSV (UTF-8 with BOM, so Excel
opens it) and JSON, with field titles and descriptions from the schemas.

A dataset is a flat list of records, one per YAML record (a 13th-plan
indicator with parts gives one record per part, carrying its parent's
category, number and name). Fields are the schema's properties in order;
lists (progress) are JSON text inside a CSV cell. The csv and json modules
of the standard library do the writing.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from .tables import TableFile, box_order

# Fields for the site's own use (finding mentions), not data about the plan.
INTERNAL = {"keywords", "parts"}


@dataclass
class Field:
    name: str
    title: str
    description: str
    derived: bool = False       # computed by the site, not stored in the YAML


@dataclass
class Dataset:
    key: str
    title: str
    source: str                 # repository path of the YAML
    fields: list[Field]
    records: list[dict]

    @property
    def csv_name(self) -> str:
        return f"data/{self.key}.csv"

    @property
    def json_name(self) -> str:
        return f"data/{self.key}.json"

    def csv_bytes(self) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([f.title for f in self.fields])
        for rec in self.records:
            writer.writerow([cell(rec.get(f.name)) for f in self.fields])
        return out.getvalue().encode("utf-8-sig")

    def json_bytes(self) -> bytes:
        doc = {
            "id": self.key,
            "title": self.title,
            "source": self.source,
            "fields": [{"name": f.name, "title": f.title, "description": f.description,
                        **({"derived": True} if f.derived else {})} for f in self.fields],
            "records": [{f.name: rec.get(f.name) for f in self.fields} for rec in self.records],
        }
        return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def cell(value) -> str:
    """A value as CSV text: as typed, lists as JSON, nothing as ""."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _props(schema: dict, ref: str) -> dict:
    return schema["$defs"][ref]["properties"]


def _resolve(schema: dict, prop: dict) -> dict:
    if "$ref" in prop:
        return schema["$defs"][prop["$ref"].rsplit("/", 1)[1]]
    return prop


def _fields(schema: dict, props: dict) -> list[Field]:
    out = []
    for name, prop in props.items():
        if name in INTERNAL:
            continue
        prop = _resolve(schema, prop)
        out.append(Field(name, prop.get("title", name), prop.get("description", "")))
    return out


def indicators_13th(tf: TableFile, schema: dict, verdicts: dict) -> Dataset:
    ind, part = _props(schema, "indicator"), _props(schema, "part")
    fields = _fields(schema, {k: ind[k] for k in ("id", "category", "number", "name")})
    fields.append(Field("part", part["name"]["title"], part["name"]["description"]))
    fields += _fields(schema, {k: v for k, v in ind.items() if k not in ("id", "category", "number", "name")})
    records = []
    for rec in tf.data["indicators"]:
        rows = [{**{k: rec[k] for k in ("category", "number", "name")}, **p, "part": p["name"], "name": rec["name"]}
                for p in rec.get("parts", [])] or [{k: v for k, v in rec.items() if k not in INTERNAL}]
        for row in rows:
            records.append({k: v for k, v in row.items() if k not in INTERNAL})
    # The verdict and its reason: the editor's where given, else computed.
    for f in fields:
        if f.name in ("verdict", "verdict_reason"):
            f.derived = True
    for row in records:
        v = verdicts[row["id"]]
        row["verdict"], row["verdict_reason"] = v.verdict, v.reason
    return Dataset(tf.key, tf.data["title"], tf.path, fields, records)


def simple(tf: TableFile, schema: dict, list_name: str, ref: str, title: str) -> Dataset:
    fields = _fields(schema, _props(schema, ref))
    records = [{k: v for k, v in rec.items() if k not in INTERNAL} for rec in tf.data[list_name]]
    return Dataset(tf.key, title, tf.path, fields, records)


def datasets(tables: dict[str, TableFile], verdicts: dict) -> list[Dataset]:
    """Every dataset the site offers, in reading order, with each table's
    fields described by the schema it was validated against."""
    out = []
    if "indicators-14th" in tables:
        t = tables["indicators-14th"]
        out.append(simple(t, t.schema, "indicators", "indicator", t.data["title"]))
    if "indicators-13th" in tables:
        out.append(indicators_13th(tables["indicators-13th"], tables["indicators-13th"].schema, verdicts))
    for key in ("commitments", "glossary"):
        if key in tables:
            t = tables[key]
            out.append(simple(t, t.schema, "commitments" if key == "commitments" else "terms",
                              "commitment" if key == "commitments" else "term", t.data["title"]))
    boxes = sorted((t for t in tables.values() if t.kind == "box"), key=lambda t: box_order(t.data["number"]))
    for t in boxes:
        out.append(simple(t, t.schema, "items", "item", f"专栏{t.data['number']} {t.data['title']}"))
    return out
