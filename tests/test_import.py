"""scripts/import_plan.py: converts the source once, and never silently
overwrites what editors have changed since."""
from __future__ import annotations

import subprocess
import sys

import yaml
from support.plantext import source_lines, squeeze
from support.site import ROOT

IMPORTER = ROOT / "scripts" / "import_plan.py"


def run(*args):
    return subprocess.run([sys.executable, str(IMPORTER), *map(str, args)], capture_output=True, text=True)


def test_import_writes_chapters_and_tables(tmp_path):
    result = run("--root", tmp_path)
    assert result.returncode == 0, result.stderr
    chapters = sorted(p.name for p in (tmp_path / "chapters").glob("ch*.md"))
    assert chapters == [f"ch{n:02d}.md" for n in range(1, 17)]
    assert sorted(p.name for p in (tmp_path / "chapters").glob("part*.md")) == ["part1.md", "part2.md", "part3.md"]
    assert (tmp_path / "chapters" / "preamble.md").exists()
    tables = sorted(p.stem for p in (tmp_path / "tables").glob("*.yaml"))
    assert len([t for t in tables if t.startswith("box-")]) == 13
    assert {"indicators-13th", "indicators-14th"} <= set(tables)


def test_imported_text_keeps_every_paragraph_verbatim(tmp_path):
    run("--root", tmp_path)
    text = squeeze("".join(p.read_text(encoding="utf-8") for p in (tmp_path / "chapters").glob("*.md")))
    text = text.replace("**", "")
    for box in (tmp_path / "tables").glob("box-*.yaml"):
        for item in yaml.load(box.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)["items"]:
            label = item["label"] + item.get("label_separator", "：") if "label" in item else ""
            text += "\n" + squeeze(label + item["text"])
    paragraphs = [line for line in source_lines(ROOT / "source" / "zhonglou-14th-five-year-plan.txt") if len(line) > 40]
    assert paragraphs and all(p in text for p in paragraphs)


def test_import_refuses_to_overwrite_edited_files(tmp_path):
    assert run("--root", tmp_path).returncode == 0
    edited = tmp_path / "chapters" / "ch04.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n编辑过的内容\n", encoding="utf-8")
    before = edited.read_bytes()
    again = run("--root", tmp_path)
    assert again.returncode == 1
    assert "chapters/ch04.md" in again.stderr and "--force" in again.stderr
    assert "Traceback" not in again.stderr
    assert edited.read_bytes() == before
    forced = run("--root", tmp_path, "--force")
    assert forced.returncode == 0 and edited.read_bytes() != before
