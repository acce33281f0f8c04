"""The JSON Schemas in tables/schemas/ are themselves checked against the
JSON Schema meta-schema (plansite.tables.load_schemas); a schema that passed
is remembered in the build cache by its text, so that only a changed schema
is checked again."""
from __future__ import annotations

import json
import shutil

import jsonschema
from plansite.problems import gather
from plansite.tables import load_schemas
from support.site import ROOT


def scratch(tmp_path):
    shutil.copytree(ROOT / "tables" / "schemas", tmp_path / "tables" / "schemas")
    return tmp_path


def test_a_schema_broken_after_a_good_build_is_still_refused(tmp_path):
    root, cache = scratch(tmp_path / "plan"), tmp_path / "cache"
    schemas, problems = gather(load_schemas(root, cache))
    assert problems == [] and all(schemas.values())
    path = root / "tables" / "schemas" / "box.schema.json"
    good = path.read_text(encoding="utf-8")
    schema = json.loads(good)
    schema["type"] = "objekt"                          # not a JSON Schema type
    path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    schemas, problems = gather(load_schemas(root, cache))
    assert [(p.file, schemas["box"]) for p in problems] == [("tables/schemas/box.schema.json", None)]
    assert "不是合法的 JSON Schema" in problems[0].message
    path.write_text(good, encoding="utf-8")
    assert gather(load_schemas(root, cache))[1] == []


def test_a_schema_that_passed_is_not_checked_again(tmp_path, monkeypatch):
    root, cache = scratch(tmp_path / "plan"), tmp_path / "cache"
    gather(load_schemas(root, cache))
    checked = []
    monkeypatch.setattr(jsonschema.Draft202012Validator, "check_schema", classmethod(
        lambda cls, schema, **kw: checked.append(schema)))
    gather(load_schemas(root, cache))
    assert checked == []
    gather(load_schemas(root, None))                   # no cache: every schema checked
    assert len(checked) == len(list((root / "tables" / "schemas").glob("*.schema.json")))
