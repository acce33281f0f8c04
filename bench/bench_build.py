#!/usr/bin/env python3
"""Build time: `make build` (MkDocs + Material) and `make build-zensical`
against a plain Material build of the same text.

Baseline: a throw-away MkDocs project whose docs/ holds the same chapter
Markdown, with each table and box written out as a plain Markdown table or
list, built with Material's defaults (theme material, language zh, built-in
search) — what the plan would cost as a plain Material site, without our
validation, generated pages and cross-links.

The three builds run interleaved (ours with MkDocs, ours with Zensical, the
baseline; N rounds), after one warm-up each, so that a busy machine slows
all three alike. Reports the median (and min/max) wall time of each and the
ratios to the baseline.
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
        shutil.copytree(ROOT, ours, ignore=shutil.ignore_patterns(
            ".venv", "site", "site-zensical", ".site-*", "build", ".git", "__pycache__", "results"))
        (ours / ".venv").symlink_to(ROOT / ".venv")   # set up already: make must not redo it (-o)
        baseline = make_baseline(tmp / "baseline")
        py = str(ROOT / ".venv" / "bin" / "python")
        builds = {
            "make build (MkDocs + Material)": (["make", "-o", ".venv/.site-installed", "build"], ours),
            "make build-zensical (Zensical)": (["make", "-o", ".venv/.site-installed", "build-zensical"], ours),
            "plain Material, same text": ([py, "-m", "mkdocs", "build", "-q"], baseline),
        }
        # One warm-up each (jieba's and our caches, Python bytecode).
        for cmd, cwd in builds.values():
            time_runs(cmd, cwd, 1)
        times: dict[str, list[float]] = {name: [] for name in builds}
        for _ in range(args.runs):
            for name, (cmd, cwd) in builds.items():
                times[name] += time_runs(cmd, cwd, 1)
        pages = {"make build (MkDocs + Material)": len(list((ours / "site").rglob("*.html"))),
                 "make build-zensical (Zensical)": len(list((ours / "site-zensical").rglob("*.html"))),
                 "plain Material, same text": len(list((baseline / "site").rglob("*.html")))}
    medians = {name: statistics.median(t) for name, t in times.items()}
    base = medians["plain Material, same text"]
    print(f"{'build':<34}{'median s':>10}{'min':>8}{'max':>8}{'pages':>7}{'ratio':>7}")
    for name, t in times.items():
        print(f"{name:<34}{medians[name]:>10.2f}{min(t):>8.2f}{max(t):>8.2f}{pages[name]:>7}"
              f"{medians[name] / base:>7.2f}")
    print(f"ratio = median / plain Material median; {args.runs} interleaved runs each")
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "build.json").write_text(json.dumps(
        {"runs": args.runs, "times": times, "pages": pages, "medians": medians,
         "ratios": {name: m / base for name, m in medians.items()}}, indent=2, ensure_ascii=False),
        encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
