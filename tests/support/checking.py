"""Running our commands many times, fast: the editors' check
(`python scripts/build_tables.py --check`, plansite.cli) and the build
(`python scripts/build_site.py`, plansite_adapters.build).

``check_command(root)`` runs the real command line in a new interpreter: what
an editor runs, interpreter start, imports and all.

``run_mains(entry, argvs)`` gives what the command would for each argument
list without starting an interpreter and importing the package each time
(about a third of a check's time). Each call runs the command's main() in a
process of its own, forked from a server process that has imported our
commands and, for builds, MkDocs and jieba's dictionary, and done nothing
else (support/forks.py): no state carries over from one call to the next
or from the test session, and whatever reaches
the process's file descriptors 1 and 2 (print, logging, warnings, C code) is
captured, as from a subprocess. As many run at a time as the machine has
cores for this test process: all of them, or under pytest-xdist (several
test processes) the cores divided among its workers.
``check_many(roots, cache)`` is the check of each root; ``build`` and
``mkdocs_build`` are `make build` and `mkdocs build` of a project. (The
session's own builds, conftest.py, start an interpreter: one of them is
the cold start.)
"""
from __future__ import annotations

import atexit
import json
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from support.forks import JIEBA
from support.site import CACHE_NAME, ROOT, seed_cache, work_of

COMMAND = ROOT / "scripts" / "build_tables.py"
CHECK = "plansite.cli:main"
BUILD = "plansite_adapters.build:main"
FINISH = "plansite.finish:main"
MKDOCS = "mkdocs.__main__:cli"      # the `mkdocs` command (click: cli(argv) runs it)
# What a build's process imports and loads besides our commands, made once
# in the server (support/forks.py) for every build forked from it.
_ENGINE = ["mkdocs.commands.build", "mkdocs.config.defaults", "material.plugins.search.plugin",
           "pymdownx.highlight", "pymdownx.superfences", "pymdownx.slugs"]
FOR_BUILDS = {BUILD: [*_ENGINE, JIEBA], MKDOCS: ["mkdocs.__main__", *_ENGINE, JIEBA], FINISH: [JIEBA]}
SERVER = Path(__file__).with_name("forks.py")
# processes at a time: the cores, shared among pytest-xdist's workers
WORKERS = max(1, (os.cpu_count() or 1) // int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")))


@dataclass(frozen=True)
class Ran:
    """What a command printed and its exit status (as subprocess.CompletedProcess names them)."""
    returncode: int
    stdout: str
    stderr: str


def check_command(root: Path) -> Ran:
    """`python scripts/build_tables.py --check --root ROOT`, as its own process."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    r = subprocess.run([sys.executable, str(COMMAND), "--check", "--root", str(root)],
                       capture_output=True, text=True, env=env, timeout=120)
    return Ran(r.returncode, r.stdout, r.stderr)


class _Server:
    """support/forks.py, started once per test process: a batch of jobs in
    (one JSON line), one line out per finished job (in the order they finish)."""

    def __init__(self):
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", NO_MKDOCS_2_WARNING="1")
        self.proc = subprocess.Popen(
            [sys.executable, str(SERVER), str(WORKERS), CHECK.split(":")[0], BUILD.split(":")[0]],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8", env=env)
        self.lock = threading.Lock()
        atexit.register(self.close)

    def run(self, jobs: list[dict]) -> list[Ran]:
        with self.lock:
            self.proc.stdin.write(json.dumps([{"id": i, **job} for i, job in enumerate(jobs)]) + "\n")
            self.proc.stdin.flush()
            done: dict[int, Ran] = {}
            while len(done) < len(jobs):
                line = self.proc.stdout.readline()
                if not line:
                    raise RuntimeError(f"support/forks.py stopped (exit status {self.proc.wait()})")
                r = json.loads(line)
                done[r["id"]] = Ran(r["returncode"], r["stdout"], r["stderr"])
            return [done[i] for i in range(len(jobs))]

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            self.proc.wait(timeout=30)


_server: _Server | None = None


def run_mains(entry: str, argvs: list[list[str]], cwd: Path | None = None) -> list[Ran]:
    """``entry`` ("module:function", CHECK or BUILD) called with each
    argument list, in ``cwd``, each in a process of its own (in order)."""
    global _server
    if _server is None or _server.proc.poll() is not None:
        _server = _Server()
    return _server.run([{"entry": entry, "argv": argv, "cwd": None if cwd is None else str(cwd),
                         "preload": FOR_BUILDS.get(entry, [])} for argv in argvs])


def build(project: Path, site_dir: Path | None = None, cache: Path | None = None) -> Ran:
    """`make build` of ``project`` (scripts/build_site.py's main(), in a
    process of its own): into the project's own site/ and build/, as an
    editor runs it, or into ``site_dir`` with the generated docs tree next
    to it (support.site.work_of), its build cache a copy of ``cache``
    (support.site.seed_cache; None: cold)."""
    argv = ["--root", str(project)]
    if site_dir is not None:
        work = work_of(site_dir)
        seed_cache(cache, work / CACHE_NAME)
        argv += ["--site-dir", str(site_dir), "--work", str(work)]
    [r] = run_mains(BUILD, [argv], cwd=project)
    return r


def mkdocs_build(project: Path, site_dir: Path) -> Ran:
    """`mkdocs build --strict` of ``project`` (with hooks/plan.py, the
    adapter `mkdocs serve` uses) into ``site_dir``: the `mkdocs` command in
    a process of its own."""
    [r] = run_mains(MKDOCS, [["build", "--strict", "--site-dir", str(site_dir)]], cwd=project)
    return r


def check_many(roots: list[Path], cache: Path | None = None) -> list[Ran]:
    """`build_tables.py --check` of each root (in order), each in a process of
    its own. ``cache``: one build cache for all of them (compiled templates,
    schemas already checked: what an editor's second check reuses), instead
    of each root's own build/.plan-cache."""
    extra = ["--cache", str(cache)] if cache is not None else []
    return run_mains(CHECK, [["--check", "--root", str(r), *extra] for r in roots])
