"""Help in the editor's own tools and the editor guide: every YAML file names
its schema, every schema field has a Chinese title and description, and the
guide (tables/README.md, the site page 编辑指南) says what the checks say."""
from __future__ import annotations

import json
import re

import pytest
from support.site import ROOT

TABLES = ROOT / "tables"
SCHEMAS = TABLES / "schemas"
GUIDE = (TABLES / "README.md").read_text(encoding="utf-8")
CJK = re.compile(r"[\u4e00-\u9fff]")
CONDITIONS = {"if", "then", "else", "not", "allOf", "anyOf", "oneOf", "$comment"}
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def kind_of(stem: str) -> str:
    return "box" if stem.startswith("box-") else stem


@pytest.mark.parametrize("path", sorted(TABLES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_yaml_file_names_its_schema(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    m = SCHEMA_LINE.match(first)
    assert m, f"{path.name}: first line must be '# yaml-language-server: $schema=…', is {first!r}"
    target = (path.parent / m.group(1)).resolve()
    assert target == (SCHEMAS / f"{kind_of(path.stem)}.schema.json").resolve()
    assert target.is_file()


def field_schemas(schema: dict, where: str = ""):
    """(place, subschema) for every field a schema defines: the values of
    `properties`, array `items`, and `$defs`, recursively. Conditions
    (if/then/else/not/allOf/anyOf/oneOf) only restate fields defined elsewhere."""
    for name, sub in schema.get("properties", {}).items():
        yield f"{where}.{name}", sub
        yield from field_schemas(sub, f"{where}.{name}")
    items = schema.get("items")
    if isinstance(items, dict) and "$ref" not in items:
        yield f"{where}[]", items
        yield from field_schemas(items, f"{where}[]")
    for name, sub in schema.get("$defs", {}).items():
        if set(sub) <= CONDITIONS:
            continue   # a rule (if/then…) over fields defined elsewhere, not a field
        yield f"$defs.{name}", sub
        yield from field_schemas(sub, f"$defs.{name}")


@pytest.mark.parametrize("path", sorted(SCHEMAS.glob("*.schema.json")), ids=lambda p: p.name)
def test_schema_fields_have_chinese_titles_and_descriptions(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    places = [("（顶层）", schema), *field_schemas(schema)]
    assert len(places) > 5
    missing = []
    for place, sub in places:
        if set(sub) == {"$ref"}:
            continue   # titled where it is defined
        for key in ("title", "description"):
            if not CJK.search(str(sub.get(key, ""))):
                missing.append(f"{place}: {key}")
    assert not missing, f"{path.name}: {missing}"


def test_the_guide_names_every_file_in_tables():
    """Each file an editor may open in tables/ has its line in the guide."""
    names = {p.name for p in TABLES.iterdir() if p.is_file() and p.name != "README.md"}
    kinds = {("tables/box-章-序号.yaml" if n.startswith("box-") else f"tables/{n}") for n in names}
    for name in kinds:
        assert f"`{name}`" in GUIDE, name


def test_the_site_page_is_the_guide():
    page = (ROOT / "docs" / "editing.md").read_text(encoding="utf-8")
    assert page.split("\n\n", 1)[1] == GUIDE


@pytest.mark.parametrize("topic", ["## 改一个数值", "## 新增一项指标", "## 专栏条目和正文", "## 记录年度数值",
                                   "## 名词解释", "## 搜索词典", "## 段落编号从哪里看",
                                   "make serve", "## 检查报告怎么读", "## 提交与审核"])
def test_the_guide_covers(topic):
    assert topic in GUIDE


def test_the_guide_shows_messages_the_check_really_prints():
    example = GUIDE.split("## 检查报告怎么读", 1)[1].split("例如：", 1)[1].split("```")[1]
    shown = [line for line in example.splitlines() if re.match(r"^(tables|chapters)/", line)]
    assert len(shown) == 3, example
    printed = {line for f in (ROOT / "tests" / "fixtures" / "check").glob("*/expected.txt")
               for line in f.read_text(encoding="utf-8").splitlines()}
    for line in shown:
        assert line in printed, line


def test_the_guide_names_the_progress_fields_the_schema_has():
    """Every field of a progress entry, a related figure (context) and a
    source, every basis and every status the schema allows, is named in the
    guide's section on recording values."""
    schema = json.loads((SCHEMAS / "indicators-14th.schema.json").read_text(encoding="utf-8"))

    def resolve(node: dict) -> dict:
        while "$ref" in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
        return node

    indicator = schema["$defs"]["indicator"]["properties"]
    entry = resolve(resolve(indicator["progress"])["items"])
    context = resolve(resolve(indicator["context"])["items"])
    source = resolve(entry["properties"]["source"])
    section = GUIDE.split("## 记录年度数值", 1)[1].split("\n## ", 1)[0]
    fields = (set(entry["properties"]) | set(context["properties"]) | set(source["properties"])
              | {"progress", "context", "status", "status_reason", "status_source"})
    for name in fields:
        assert f"`{name}`" in section, name
    for status in schema["$defs"]["status"]["enum"]:
        assert f"`{status}`" in section, status
    for basis in entry["properties"]["basis"]["enum"]:
        assert f"`{basis}`" in section, basis
    for kind in source["properties"]["date_basis"]["enum"]:
        assert kind in section, kind


def test_indicators_and_commitments_define_progress_alike():
    """The two schemas hold the same definitions of a status, a source, a
    progress entry and a related figure (kept in both so each file stands
    alone for editors' tools): a change to one must be made to both."""
    a = json.loads((SCHEMAS / "indicators-14th.schema.json").read_text(encoding="utf-8"))["$defs"]
    b = json.loads((SCHEMAS / "commitments.schema.json").read_text(encoding="utf-8"))["$defs"]
    for name in ("status", "status_reason", "status_source", "source", "progress", "progress_entry",
                 "context", "context_entry", "status_rule"):
        assert a[name] == b[name], name


def test_the_guide_field_tables_match_the_schemas():
    """Every field the guide lists for a new indicator exists, and the required ones are all listed."""
    schema = json.loads((SCHEMAS / "indicators-14th.schema.json").read_text(encoding="utf-8"))
    indicator = schema["$defs"]["indicator"]
    section = GUIDE.split("## 新增一项指标", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `(\w+)` \|", section, re.M)
    assert set(listed) == set(indicator["required"])
    assert indicator["properties"]["attribute"]["enum"] == ["预期性", "约束性"]


def test_guide_is_in_the_navigation_and_built(built_site):
    page = built_site / "editing" / "index.html"
    assert page.is_file()
    html = page.read_text(encoding="utf-8")
    assert "<h1" in html and "编辑指南" in html
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="(\./)?editing/"[^>]*>\s*(<[^>]+>\s*)*编辑指南', home), "编辑指南 missing from the nav"
