#!/usr/bin/env python3
"""The developers' loop: `make check` (the editors' check, run a second time,
its build cache warm) and `make test-fast` (every test that needs no browser).

Baseline: the same commands in a checkout of the git ref given with
``--against`` (a temporary worktree using this checkout's .venv, its own
`scripts/` first on the import path). Without ``--against`` only this
checkout is timed. The two checkouts run interleaved (N rounds) so that a
busy machine slows both alike. Reports the median (and min/max) wall time
of each and the ratio of this checkout's median to the baseline's.

Usage: python bench/bench_tests.py [--runs N] [--against REF] [--no-tests]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# .venv exists already: do not let make reinstall it
MAKE = ["make", "--no-print-directory", "-o", ".venv/.site-installed", "-o", ".venv/.dev-installed"]


def timed(tree: Path, cmd: list[str]) -> float:
    env = dict(os.environ, PYTHONPATH=str(tree / "scripts"), NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    r = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed in {tree}:\n{(r.stdout + r.stderr)[-3000:]}")
    return took


def worktree(ref: str, where: Path) -> Path:
    tree = where / "baseline"
    subprocess.run(["git", "worktree", "add", "--detach", "-q", str(tree), ref], cwd=ROOT, check=True)
    os.symlink(ROOT / ".venv", tree / ".venv")
    return tree


def row(name: str, times: list[float], base: list[float] | None) -> str:
    med = statistics.median(times)
    ratio = f"{med / statistics.median(base):.2f}" if base else "-"
    return f"{name:<28} {med:8.1f} {min(times):8.1f} {max(times):8.1f} {ratio:>6}"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--against", metavar="REF", help="git ref of the baseline checkout")
    ap.add_argument("--no-tests", action="store_true", help="time only the check")
    args = ap.parse_args()
    if not (ROOT / ".venv" / "bin" / "python").exists():
        sys.exit("run `make test-fast` once first (it creates .venv)")
    where = Path(tempfile.mkdtemp(prefix="bench-tests-"))
    trees = {"this checkout": ROOT}
    try:
        if args.against:
            trees[args.against] = worktree(args.against, where)
        jobs = {"check": [*MAKE, "check"]}
        if not args.no_tests:
            jobs["test-fast"] = [*MAKE, "test-fast"]
        times: dict[tuple[str, str], list[float]] = {}
        for tree in trees.values():
            timed(tree, jobs["check"])            # warm-up: the build cache the second check reuses
        for _ in range(args.runs):
            for job, cmd in jobs.items():
                for name, tree in trees.items():
                    times.setdefault((job, name), []).append(timed(tree, cmd))
        print(f"{'wall time, s':<28} {'median':>8} {'min':>8} {'max':>8} {'ratio':>6}")
        for job in jobs:
            base = times.get((job, args.against)) if args.against else None
            for name in trees:
                print(row(f"{job} ({name})", times[(job, name)], base if name != args.against else None))
        print(f"{args.runs} interleaved runs each; ratio: this checkout's median / the baseline's.")
    finally:
        if args.against:
            subprocess.run(["git", "worktree", "remove", "--force", str(where / "baseline")], cwd=ROOT)
        shutil.rmtree(where, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
