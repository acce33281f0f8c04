"""What a chapter file refers to (the chapters a part page lists, the tables
its markers show) is declared in tables/schemas/chapter.schema.json ("x-ref")
and resolved with every reference of the tables, by integrity.check_ids_and_refs
(the corpus in tests/fixtures/check holds the wording of each message)."""
from __future__ import annotations

import json
import shutil

import pytest
from plansite.problems import BuildError
from plansite.site import build
from support.site import ROOT


@pytest.fixture
def project(tmp_path):
    for name in ("chapters", "tables", "templates", "source"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def problems(project) -> list[str]:
    with pytest.raises(BuildError) as exc:
        build(project)
    return [str(p) for p in exc.value.problems]


def add_marker(project, name: str) -> int:
    """A marker for ``name`` after ch04's first one; its line number."""
    path = project / "chapters" / "ch04.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("<!-- table:")) + 1
    lines[at:at] = ["", f"<!-- table: {name} -->"]
    path.write_text("\n".join(lines), encoding="utf-8")
    return at + 2


def test_a_marker_for_a_register_says_it_has_a_page_of_its_own(project):
    line = add_marker(project, "glossary")
    assert problems(project) == [f"chapters/ch04.md:{line}:1: tables/glossary.yaml 是登记表，有自己的页面，"
                                 "不能用标记放进正文；请删去这个标记"]


def test_a_missing_table_is_named_even_when_another_table_fails_to_load(project):
    line = add_marker(project, "box-4-99")
    box = project / "tables" / "box-4-2.yaml"
    box.write_text("\t" + box.read_text(encoding="utf-8"), encoding="utf-8")    # a tab: not YAML
    found = problems(project)
    assert any(p.startswith(f"chapters/ch04.md:{line}:1: 标记指向不存在的表格“box-4-99”") for p in found), found
    assert any(p.startswith("tables/box-4-2.yaml:") for p in found), found


def test_the_reference_is_the_schemas(project):
    """Declared in the schema, resolved by the one walk: the schema's title
    for the field is the one the message names."""
    path = project / "tables" / "schemas" / "chapter.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["properties"]["markers"]["items"]["properties"]["table"]["title"] = "表格标记"
    path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    line = add_marker(project, "box-4-99")
    assert problems(project) == [f"chapters/ch04.md:{line}:1: 表格标记指向不存在的表格“box-4-99”："
                                 "没有文件 tables/box-4-99.yaml；请核对表格名（即 tables/ 中的文件名，不含 .yaml）"]
