"""Running the editors' check (`python scripts/build_tables.py --check`) on
many scratch projects, fast.

``check_command(root)`` runs the real command line in a new interpreter: what
an editor runs, interpreter start, imports and all.

``check_many(roots)`` gives the same result for each root without starting an
interpreter and importing the package each time (about a third of the
command's time). Each check runs `plansite.cli.main` in a process of its own,
forked from a server process that has imported `plansite.cli` and done
nothing else (multiprocessing's "forkserver"): no state carries over from one
check to the next or from the test session, and whatever reaches the
process's file descriptors 1 and 2 (print, logging, warnings, C code) is
captured, as from a subprocess. Two checks run at a time (the machine has two
cores).
"""
from __future__ import annotations

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
WORKERS = 2


@dataclass(frozen=True)
class Checked:
    """What the check printed and its exit status (as subprocess.CompletedProcess names them)."""
    returncode: int
    stdout: str
    stderr: str


def check_command(root: Path) -> Checked:
    """`python scripts/build_tables.py --check --root ROOT`, as its own process."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    r = subprocess.run([sys.executable, str(COMMAND), "--check", "--root", str(root)],
                       capture_output=True, text=True, env=env, timeout=120)
    return Checked(r.returncode, r.stdout, r.stderr)


def _check_here(root: str) -> Checked:
    """In a fresh child of the fork server: the command's main() with file
    descriptors 1 and 2 sent to files, and the exit status an interpreter
    would give (an uncaught exception prints its traceback and gives 1)."""
    from plansite.cli import main

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        sys.stdout.flush()
        sys.stderr.flush()
        saved = os.dup(1), os.dup(2)
        os.dup2(out.fileno(), 1)
        os.dup2(err.fileno(), 2)
        try:
            try:
                code = main(["--check", "--root", root])
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
    return Checked(code, *texts)


def check_many(roots: list[Path]) -> list[Checked]:
    """The check of each root (in order), each in a process of its own."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["plansite.cli"])
    with ctx.Pool(WORKERS, maxtasksperchild=1) as pool:
        return pool.map(_check_here, [str(r) for r in roots], chunksize=1)
