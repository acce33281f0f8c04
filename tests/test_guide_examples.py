"""The editors' guide followed as a new editor would: every example in
tables/README.md — a code block whose first line names its file
(``# 文件：tables/…``) — is applied to a copy of the project, which must then
pass `make check`'s check and the strict build, and show what the example typed.

The examples are read from the guide's text, not copied here: a guide that
shows an edit the check refuses, or that the site does not show, fails.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from plansite import search_index
from ruamel.yaml import YAML
from support.checking import check_many, mkdocs_build
from support.plantext import page_text, page_tree, squeeze
from support.site import ROOT, copy_project

GUIDE = (ROOT / "tables" / "README.md").read_text(encoding="utf-8")
EXAMPLE = re.compile(r"```(yaml|text)\n# 文件：(\S+)\n(.*?)```", re.S)
PAGES = {"indicators-14th": "indicators/{id}", "indicators-13th": "indicators/{id}",
         "glossary": "glossary", "commitments": "commitments"}
# Fields that say where a thing is or how it is found, not text a page shows.
NOT_SHOWN = {"id", "unit", "keywords", "counterpart", "indicator", "aliases", "label_separator"}


def examples() -> list[tuple[str, str, str]]:
    found = EXAMPLE.findall(GUIDE)
    assert len(found) >= 5, "the guide's examples name their file on their first line"
    return found


def rt() -> YAML:
    """ruamel.yaml round-trip: the file keeps its comments, quotes and order."""
    y = YAML()
    y.preserve_quotes = True
    y.width = 4096
    return y


def records_of(data) -> list:
    """The list of records (dicts with an id) in a table file."""
    return next(v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict) and "id" in v[0])


def apply(project: Path, rel: str, lang: str, body: str) -> list[dict]:
    """Do what the example shows; return its records (for yaml)."""
    path = project / rel
    if lang == "text":
        words = [w for w in body.splitlines() if w.strip() and not w.startswith("#")]
        path.write_text(path.read_text(encoding="utf-8") + "\n".join(words) + "\n", encoding="utf-8")
        return [{"word": w} for w in words]
    y = rt()
    data = y.load(path.read_text(encoding="utf-8"))
    records = records_of(data)
    shown = y.load(body)
    for rec in shown:
        old = next((r for r in records if r["id"] == rec["id"]), None)
        if old is None:
            records.append(rec)
        else:
            old.update(rec)
    out = io.StringIO()
    y.dump(data, out)
    path.write_text(out.getvalue(), encoding="utf-8")
    return [dict(r) for r in shown]


@pytest.fixture(scope="module")
def followed(tmp_path_factory, plan_cache):
    project = copy_project(tmp_path_factory.mktemp("guide") / "plan", plan_cache)
    applied = [(rel, lang, apply(project, rel, lang, body)) for lang, rel, body in examples()]
    [check] = check_many([project])        # build_tables.py --check, in a fresh process
    site = tmp_path_factory.mktemp("guide-site")
    build = mkdocs_build(project, site)
    return applied, check, build, site


def test_every_example_passes_the_check(followed):
    _, check, _, _ = followed
    assert check.returncode == 0, check.stderr
    assert check.stdout.startswith("检查通过：") and not check.stderr


def test_every_example_builds(followed):
    _, _, build, _ = followed
    assert build.returncode == 0, build.stderr[-3000:]


def scalars(value, name=""):
    if isinstance(value, dict):
        for key, sub in value.items():
            if key not in NOT_SHOWN:
                yield from scalars(sub, key)
    elif isinstance(value, list):
        for sub in value:
            yield from scalars(sub, name)
    elif value is not None:
        yield name, str(value)


def test_the_site_shows_what_each_example_typed(followed):
    applied, _, build, site = followed
    assert build.returncode == 0
    for rel, lang, records in applied:
        key = Path(rel).stem
        if lang == "text":      # the dictionary: the index cuts the word whole
            index = search_index.read_script((site / search_index.INDEX_PATH).read_text(encoding="utf-8"))
            words = {w for unit in index["units"] for w in unit[7].split(search_index.WORD_SEPARATOR)}
            for rec in records:
                assert rec["word"] in words, rec["word"]
            continue
        for rec in records:
            page = PAGES.get(key, "boxes/" + key).format(id=rec["id"])
            text = squeeze(page_text(page_tree(site / page / "index.html")))
            for name, typed in scalars(rec):
                assert squeeze(typed) in text, (rel, rec["id"], name, typed)


def test_a_commitment_citing_an_example_indicator_shows_its_status(followed):
    applied, _, _, site = followed
    statuses = {rec["id"]: rec["status"] for rel, _, recs in applied if rel.endswith("indicators-14th.yaml")
                for rec in recs if "status" in rec}
    assert statuses, "the guide shows how to record a status"
    register = rt().load((ROOT / "tables" / "commitments.yaml").read_text(encoding="utf-8"))
    page = page_tree(site / "commitments" / "index.html")
    # (the guide's ind14-6 is cited by commitments today; any other choice is checked the same way)
    citing = [c for c in register["commitments"] if c.get("indicator") in statuses]
    for c in citing:
        assert page.cssselect(f'li#{c["id"]}')[0].get("data-status") == statuses[c["indicator"]], c["id"]
