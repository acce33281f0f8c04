"""A table file that passed is remembered in the build cache by its path,
text and schema (plansite.tables.LOADED), and the ids and references found
in it (plansite.integrity.DECLARED): the next build takes them from there. What comes back must be what reading the file gives (ground
truth: the same files read with no cache), and a file with problems is never
remembered, so its problems come back on every build."""
from __future__ import annotations

import functools
import shutil

import jsonschema
from plansite import integrity, tables
from plansite.chapters import load_plan
from plansite.memo import Memo, code_key
from plansite.problems import gather
from plansite.tables import load_schemas, load_tables
from support.site import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "check"


def distinct(paths) -> list:
    seen, out = set(), []
    for p in sorted(paths):
        if p.read_bytes() not in seen:
            seen.add(p.read_bytes())
            out.append(p)
    return out


# every table file of the project, and every other one of the check corpus
# that passes (good/: files with problems are never remembered)
FILES = distinct([*(ROOT / "tables").glob("*.yaml"), *FIXTURES.glob("*/good/tables/*.yaml")])


def scratch(tmp_path):
    root = tmp_path / "plan"
    shutil.copytree(ROOT / "tables", root / "tables")
    return root


@functools.cache
def schemas() -> dict:
    found, problems = gather(load_schemas(ROOT))
    assert problems == []
    return found


def load(root, cache):
    return gather(load_tables(root, schemas(), cache))


def as_read(loaded):
    return {key: (t.path, t.kind, t.data, t.marks, t.schema) for key, t in loaded.items()}


def counting(monkeypatch) -> list[str]:
    """The files read and validated from now on (not taken from the cache)."""
    read: list[str] = []
    original = tables.validated

    def validated(text, rel, *args):
        read.append(rel)
        return (yield from original(text, rel, *args))

    monkeypatch.setattr(tables, "validated", validated)
    return read


def test_every_file_remembered_reads_as_it_does_afresh(tmp_path):
    for n, source in enumerate(FILES):
        root, cache = tmp_path / str(n), tmp_path / f"{n}-cache"
        (root / "tables").mkdir(parents=True)
        shutil.copyfile(source, root / "tables" / source.name)      # the file alone (schemas: the project's)
        afresh = load(root, cache)          # read (the cache is empty), and remembered
        again = load(root, cache)           # from the cache
        assert afresh[1] == [] and again[1] == [], source
        assert as_read(again[0]) == as_read(afresh[0]), source
    assert (cache / tables.LOADED).is_file()


def test_a_file_with_problems_is_found_wrong_on_every_build(tmp_path):
    root, cache = scratch(tmp_path), tmp_path / "cache"
    load(root, cache)
    path = root / "tables" / "indicators-14th.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("target_2025: '1000'", "target_2025: [1000]", 1),
                    encoding="utf-8")
    _, problems = load(root, cache)
    assert [p.file for p in problems] == ["tables/indicators-14th.yaml"]
    assert load(root, cache)[1] == problems                          # not remembered
    assert "tables/indicators-14th.yaml" not in {t.path for t in load(root, cache)[0].values()}


def test_a_remembered_file_is_not_read_again_until_it_changes(tmp_path, monkeypatch):
    root, cache = scratch(tmp_path), tmp_path / "cache"
    load(root, cache)
    read = counting(monkeypatch)
    load(root, cache)
    assert read == []
    box = root / "tables" / "box-4-1.yaml"
    box.write_text(box.read_text(encoding="utf-8") + "# 复核\n", encoding="utf-8")
    load(root, cache)
    assert read == ["tables/box-4-1.yaml"]
    read.clear()
    load(root, None)                                                  # no cache: every file read
    assert sorted(read) == sorted(f"tables/{p.name}" for p in (root / "tables").glob("*.yaml"))


def test_changed_code_reads_every_file_again(tmp_path, monkeypatch):
    root, cache = scratch(tmp_path), tmp_path / "cache"
    load(root, cache)
    monkeypatch.setattr(tables, "code_key", lambda: "another version of the code")
    read = counting(monkeypatch)
    load(root, cache)
    assert len(read) == len(list((root / "tables").glob("*.yaml")))


def test_ids_and_references_remembered_are_those_found_afresh(tmp_path, monkeypatch):
    """What integrity.declared finds in each file (the walk of its data through
    its schema) is remembered too (integrity.DECLARED): read back, it is
    what walking finds; a changed file is walked again."""
    plan, problems = gather(load_plan(ROOT))
    loaded, more = gather(load_tables(ROOT, schemas()))
    assert problems == [] and more == []
    sources = [*loaded.values(), *(integrity.ChapterRefs.of(doc, schemas()["chapter"]) for doc in plan.all)]
    afresh = [integrity.declared(s) for s in sources]
    assert sum(map(len, afresh)) > 400
    first = Memo(tmp_path, integrity.DECLARED, code_key())
    assert [integrity.declared(s, first) for s in sources] == afresh
    first.save()
    walked = []
    monkeypatch.setattr(integrity, "_Walker", lambda schema: walked.append(schema) or jsonschema.Draft202012Validator({}))
    again = Memo(tmp_path, integrity.DECLARED, code_key())
    assert [integrity.declared(s, again) for s in sources] == afresh and walked == []
    box = loaded["box-4-1"]
    changed = tables.TableFile(box.key, box.path, box.kind, {**box.data, "id": "box-4-99"}, box.marks, box.schema)
    assert integrity.declared(changed, again) == [] and len(walked) == 1     # walked (by the stand-in walker)


def test_only_what_json_gives_back_as_it_is_is_remembered(tmp_path):
    """plansite.memo keeps a result only if a later build would recall exactly
    it: a tuple would come back a list, an integer key a string."""
    memo = Memo(tmp_path, "test.json", "key")
    assert memo.get("a", lambda _: [1, "二"]) == [1, "二"]
    assert memo.get("b", lambda _: (1, 2)) == (1, 2)
    assert memo.get("c", lambda _: {1: "x"}) == {1: "x"}
    memo.save()
    again = Memo(tmp_path, "test.json", "key")
    assert [again.recall(t) for t in "abc"] == [[1, "二"], None, None]
