#!/usr/bin/env python3
"""Build time: `make build` against a plain Material build of the same text.

Baseline: a throw-away MkDocs project whose docs/ holds the same chapter
Markdown, with each table and box written out as a plain Markdown table or
list, built with Material's defaults (theme material, language zh, built-in
search) — what the plan would cost as a plain Material site, without our
validation, generated pages and cross-links.

Reports the median (and min/max) wall time of N runs of each, and the ratio.
Usage: python bench/bench_build.py [--runs N]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
MARKER = re.compile(r"<!--\s*table:\s*(\S+)\s*-->")
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


def plain_table(data: dict) -> str:
    """A table or box as plain Markdown (the baseline has no templates)."""
    if "items" in data:
        items = [f"- {i.get('label', '')}{i.get('label_separator', '：') if 'label' in i else ''}{i['text']}"
                 for i in data["items"]]
        return f"**专栏{data['number']} {data['title']}**\n\n" + "\n".join(items)
    cols = [k for k in data["indicators"][0] if k not in ("id", "keywords", "counterpart", "parts")]
    lines = [f"**{data['title']}**", "", "| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for ind in data["indicators"]:
        for row in ind.get("parts") or [ind]:
            lines.append("| " + " | ".join(str(row.get(c, ind.get(c, ""))) for c in cols) + " |")
    return "\n".join(lines)


def make_baseline(dest: Path) -> Path:
    docs = dest / "docs"
    docs.mkdir(parents=True)
    tables = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / "tables").glob("*.yaml")}
    (docs / "index.md").write_text("# 钟楼区“十四五”规划纲要\n", encoding="utf-8")
    for md in sorted((ROOT / "chapters").glob("*.md")):
        if md.name == "README.md":
            continue
        text = md.read_text(encoding="utf-8")
        text = MARKER.sub(lambda m: plain_table(tables[m.group(1)]) if m.group(1) in tables else "", text)
        (docs / md.name).write_text(text, encoding="utf-8")
    (dest / "mkdocs.yml").write_text(
        "site_name: 钟楼区“十四五”规划纲要\ntheme:\n  name: material\n  language: zh\n"
        "plugins:\n  - search:\n      lang: zh\n", encoding="utf-8")
    return dest


def time_runs(cmd: list[str], cwd: Path, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True)
        out.append(time.perf_counter() - start)
        if result.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed:\n{result.stderr[-2000:]}")
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args, _ = ap.parse_known_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ours = tmp / "ours"
        shutil.copytree(ROOT, ours, ignore=shutil.ignore_patterns(".venv", "site", ".site-*", ".git", "__pycache__"))
        (ours / ".venv").symlink_to(ROOT / ".venv")
        baseline = make_baseline(tmp / "baseline")
        py = str(ROOT / ".venv" / "bin" / "python")
        # One warm-up each (jieba's dictionary cache, Python bytecode).
        time_runs(["make", "build"], ours, 1)
        time_runs([py, "-m", "mkdocs", "build", "-q"], baseline, 1)
        a = time_runs(["make", "build"], ours, args.runs)
        b = time_runs([py, "-m", "mkdocs", "build", "-q"], baseline, args.runs)
        pages = len(list((ours / "site").rglob("*.html")))
        base_pages = len(list((baseline / "site").rglob("*.html")))
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"{'build':<34}{'median s':>10}{'min':>8}{'max':>8}{'pages':>7}")
    print(f"{'make build (this site)':<34}{ma:>10.2f}{min(a):>8.2f}{max(a):>8.2f}{pages:>7}")
    print(f"{'plain Material, same text':<34}{mb:>10.2f}{min(b):>8.2f}{max(b):>8.2f}{base_pages:>7}")
    print(f"ratio (this site / plain Material): {ma / mb:.2f}  ({args.runs} runs each)")
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "build.json").write_text(json.dumps(
        {"runs": args.runs, "ours": a, "baseline": b, "pages": pages, "baseline_pages": base_pages,
         "median_ours": ma, "median_baseline": mb, "ratio": ma / mb}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
