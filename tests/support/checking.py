"""Running our commands many times, fast: the editors' check
(`python scripts/build_tables.py --check`, plansite.cli) and the build
(`python scripts/build_site.py`, plansite_adapters.build).

``check_command(root)`` runs the real command line in a new interpreter: what
an editor runs, interpreter start, imports and all.

``run_mains(entry, argvs)`` gives what the command would for each argument
list without starting an interpreter and importing the package each time
(about a third of a check's time). Each call runs the command's main() in a
process of its own, forked from a server process that has imported our
commands and done nothing else (multiprocessing's "forkserver"): no state
carries over from one call to the next or from the test session, and
whatever reaches the process's file descriptors 1 and 2 (print, logging,
warnings, C code) is captured, as from a subprocess. As many run at a time
as the machine has cores for this test process: all of them, or under
pytest-xdist (several test processes) the cores divided among its workers.
``check_many(roots)`` is the check of each root.
"""
from __future__ import annotations

import importlib
import multiprocessing
import os
import subprocess
import sys
import tempfile
import traceback
from dataclasses import dataclass
from pathlib import Path

from support.site import ROOT

COMMAND = ROOT / "scripts" / "build_tables.py"
CHECK = "plansite.cli:main"
BUILD = "plansite_adapters.build:main"
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


def _run_here(job: tuple[str, list[str], str | None]) -> Ran:
    """In a fresh child of the fork server: the command's main() in ``cwd``
    with file descriptors 1 and 2 sent to files, and the exit status an
    interpreter would give (an uncaught exception prints its traceback and
    gives 1)."""
    entry, argv, cwd = job
    module, name = entry.split(":")
    main = getattr(importlib.import_module(module), name)
    if cwd is not None:
        os.chdir(cwd)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        sys.stdout.flush()
        sys.stderr.flush()
        saved = os.dup(1), os.dup(2)
        os.dup2(out.fileno(), 1)
        os.dup2(err.fileno(), 2)
        try:
            try:
                code = main(argv)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            except BaseException:   # noqa: BLE001 - what the interpreter would print
                traceback.print_exc()
                code = 1
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
        texts = []
        for f, stream in ((out, sys.stdout), (err, sys.stderr)):
            f.seek(0)
            texts.append(f.read().decode(stream.encoding or "utf-8"))
    return Ran(code or 0, *texts)


def run_mains(entry: str, argvs: list[list[str]], cwd: Path | None = None) -> list[Ran]:
    """``entry`` ("module:function", CHECK or BUILD) called with each
    argument list, in ``cwd``, each in a process of its own (in order)."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([CHECK.split(":")[0], BUILD.split(":")[0]])
    jobs = [(entry, argv, None if cwd is None else str(cwd)) for argv in argvs]
    with ctx.Pool(min(WORKERS, len(jobs)) or 1, maxtasksperchild=1) as pool:
        return pool.map(_run_here, jobs, chunksize=1)


def check_many(roots: list[Path]) -> list[Ran]:
    """`build_tables.py --check` of each root (in order), each in a process of its own."""
    return run_mains(CHECK, [["--check", "--root", str(r)] for r in roots])
