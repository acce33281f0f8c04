"""`python scripts/build_tables.py --check` against a corpus of broken inputs.

Each case in tests/fixtures/check/<case>/ is a pair laid over a copy of the
project's chapters/ and tables/: ``good/`` passes the check, ``with-problems/``
(same files with one kind of mistake, and the paths in ``with-problems.remove``
taken away) fails it with exactly the text in ``expected.txt`` (or, when that
text holds only 提醒 — warnings — passes the check printing it). Those messages
are what an editor reads, so the exact text is the specification.

The corpus is checked by the command's own main() in a fresh process per
check (support.checking.check_many: no interpreter start, no re-import);
a few tests run the real command line and hold it to the same output.
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from support.checking import Ran, check_command, check_many
from support.site import ROOT, link_file

FIXTURES = ROOT / "tests" / "fixtures" / "check"
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
COPIED = ("chapters", "tables")
# The registers of issue 4 cite indicators and paragraphs by the hundred and
# have tests of their own; left in, one broken indicator file would add their
# follow-on messages to every expected text here.
REGISTERS = ("tables/commitments.yaml", "tables/glossary.yaml")


def scratch_root(dest: Path, overlay: Path | None, remove: list[str], link: bool = False) -> Path:
    """chapters/ and tables/ copied, everything else the check reads linked.
    ``link``: for a project that is only read, chapters/ and tables/ too are
    links (support.site.link_file), each file (or a folder whole) that the
    overlay does not replace."""
    dest.mkdir(parents=True)
    changed = {src.relative_to(overlay).as_posix() for src in overlay.rglob("*") if src.is_file()} \
        if overlay is not None else set()
    changed |= {*REGISTERS, *remove}

    def link_unchanged(folder: str) -> None:
        if not any(rel.startswith(folder + "/") for rel in changed):
            os.symlink(ROOT / folder, dest / folder)
            return
        (dest / folder).mkdir()
        for src in sorted((ROOT / folder).iterdir()):
            rel = src.relative_to(ROOT).as_posix()
            if src.is_dir() and src.name != "__pycache__":
                link_unchanged(rel)
            elif src.is_file() and rel not in changed:
                link_file(src, dest / rel)

    for name in COPIED:
        if link:
            link_unchanged(name)
        else:
            shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    os.symlink(ROOT / "templates", dest / "templates")
    os.symlink(ROOT / "source", dest / "source")
    for rel in (*REGISTERS, *remove):
        (dest / rel).unlink(missing_ok=True)
    if overlay is not None:
        for src in overlay.rglob("*"):
            if src.is_file():
                target = dest / src.relative_to(overlay)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.unlink(missing_ok=True)      # never write through a link
                shutil.copyfile(src, target)
    return dest


def only_warnings(report: str) -> bool:
    """A report of things worth a look that do not stop the build (提醒)."""
    return report.rstrip("\n").rsplit("\n", 1)[-1].endswith("条提醒（网站照常生成）。")


@pytest.fixture(scope="module")
def roots(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """A scratch project for every variant of every case; a good/ that is
    today's file is checked as the baseline, ("baseline", "")."""
    base = tmp_path_factory.mktemp("check")
    jobs = {("baseline", ""): scratch_root(base / "baseline", None, [], link=True)}
    same_as_baseline = []
    for case in CASES:
        remove_file = FIXTURES / case / "with-problems.remove"
        remove = remove_file.read_text(encoding="utf-8").split() if remove_file.exists() else []
        good = FIXTURES / case / "good"
        if all(f.read_bytes() == (ROOT / f.relative_to(good)).read_bytes()
               for f in good.rglob("*") if f.is_file() and (ROOT / f.relative_to(good)).is_file()) \
                and all((ROOT / f.relative_to(good)).is_file() for f in good.rglob("*") if f.is_file()):
            same_as_baseline.append(case)   # good/ is today's file: the baseline run covers it
        else:
            jobs[(case, "good")] = scratch_root(base / case / "good", good, [], link=True)
        jobs[(case, "with-problems")] = scratch_root(base / case / "bad", FIXTURES / case / "with-problems", remove,
                                                     link=True)
    for case in same_as_baseline:
        jobs[(case, "good")] = jobs[("baseline", "")]
    return jobs


@pytest.fixture(scope="module")
def results(roots, tmp_path_factory) -> dict[tuple[str, str], Ran]:
    """Every variant of every case checked (each distinct project once), the
    checks sharing one build cache: the templates are the same in every
    scratch project (checking the real command's own cache is
    test_the_command_line_prints_what_main_prints)."""
    distinct = sorted(set(roots.values()))
    done = dict(zip(distinct, check_many(distinct, tmp_path_factory.mktemp("check-cache"))))
    return {key: done[root] for key, root in roots.items()}


def test_corpus_is_large_enough():
    assert len(CASES) >= 30
    for case in CASES:
        assert (FIXTURES / case / "good").is_dir() and (FIXTURES / case / "with-problems").is_dir(), case
        assert (FIXTURES / case / "expected.txt").is_file(), case


def test_the_project_as_it_is_passes(results):
    r = results[("baseline", "")]
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("检查通过："), r.stdout


@pytest.mark.parametrize("key", [("baseline", ""), (CASES[0], "with-problems")], ids=["passes", "fails"])
def test_the_command_line_prints_what_main_prints(roots, results, key):
    """The real command (interpreter start, imports, exit status) gives
    exactly what the corpus tests read, for a passing and a failing project."""
    r = check_command(roots[key])
    assert "Traceback" not in r.stderr + r.stdout
    assert r == results[key]


@pytest.mark.parametrize("case", CASES)
def test_good_variant_passes(results, case):
    r = results[(case, "good")]
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("case", CASES)
def test_problem_is_reported_exactly(results, case):
    r = results[(case, "with-problems")]
    assert "Traceback" not in r.stderr + r.stdout
    expected = (FIXTURES / case / "expected.txt").read_text(encoding="utf-8")
    assert r.returncode == (0 if only_warnings(expected) else 1)
    assert r.stderr == expected


@pytest.mark.parametrize("case", CASES)
def test_every_problem_line_has_place_field_and_count(results, case):
    """file:line:column: [field path: ]message, then the count."""
    lines = results[(case, "with-problems")].stderr.splitlines()
    *problems, total = lines
    if only_warnings(results[(case, "with-problems")].stderr):
        assert total == f"共 {len(problems)} 条提醒（网站照常生成）。"
        assert all(": 提醒：" in line for line in problems)
    else:
        assert total == f"共发现 {len(problems)} 个问题，未生成网站。"
    for line in problems:
        file, row, col, rest = line.split(":", 3)
        assert (file.startswith(("tables/", "chapters/")) and row.isdigit() and col.isdigit()
                and rest.startswith(" ")), line


def test_schema_declared_reference_must_resolve(tmp_path):
    """A field whose schema says "x-ref": "unit" must name an existing paragraph
    (the mechanism registers use for their links into the text)."""
    root = scratch_root(tmp_path / "root", None, [])
    schema_path = root / "tables" / "schemas" / "box.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["$defs"]["item"]["properties"]["see"] = {
        "title": "参见", "description": "相关段落的编号。", "type": "string", "x-ref": "unit"}
    schema_path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    box = root / "tables" / "box-4-1.yaml"
    text = box.read_text(encoding="utf-8")
    text = text.replace("  label: 省级\n", "  label: 省级\n  see: ch4-s1-p1\n", 1)
    text = text.replace("  label: 区级\n", "  label: 区级\n  see: ch4-s9-p9\n", 1)
    box.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  see: ch4-s9-p9") + 1
    [r] = check_many([root])
    assert r.returncode == 1
    assert r.stderr == (f"tables/box-4-1.yaml:{line}:8: items[2].see: 引用的段落“ch4-s9-p9”不存在（参见）："
                        "请填写规划正文中已有的段落编号，如 ch4-s1-p2（网页上段落旁的 ¶ 链接里能看到）\n"
                        "共发现 1 个问题，未生成网站。\n")


def test_a_failure_of_the_checker_itself_is_a_sentence_not_a_traceback(tmp_path):
    root = scratch_root(tmp_path / "root", None, [])
    (root / "templates").unlink()
    shutil.copytree(ROOT / "templates", root / "templates")
    with (root / "templates" / "pages" / "box.md.j2").open("a", encoding="utf-8") as f:
        f.write("{{ box.no_such_field.anything }}\n")
    r = check_command(root)     # the real command line: no traceback reaches the editor
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert r.stderr.startswith("检查程序自身出错，未生成网站：UndefinedError: ")
    assert r.stderr.rstrip().endswith("这多半不是数据的问题：请把这段信息告诉网站维护人员。")
