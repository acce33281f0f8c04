"""Runs commands' main() functions, each in a fresh process forked from this
one (support.checking.run_mains starts it once per test process).

    python forks.py WORKERS MODULE...

imports the MODULEs, then reads batches of jobs from stdin, each a JSON
list on one line, each job {"id", "entry": "module:function", "argv": [...],
"cwd": path or null, "preload": [...]}. Before a batch whose jobs name
them, this process imports the modules in "preload" (MkDocs and Material
for a build: half a second a process), and for the name "jieba's
dictionary" loads jieba's default tokenizer (jieba.dt, which our code only
copies, never changes: plansite.segments) as a process that cuts text does
the first time. Each job runs in a child forked from this process,
its file descriptors 1 and 2 sent to files, with the exit status an
interpreter would give (an uncaught exception prints its traceback and
gives 1); WORKERS run at a time. For each finished job one JSON line goes
to stdout: {"id", "returncode", "stdout", "stderr"}.

Why not multiprocessing's forkserver and Pool: a Pool that starts a fresh
process for each task (maxtasksperchild=1, so that nothing carries over from
one job to the next) spends about a third of a check's time per task on
starting it; a plain fork of this process costs a few milliseconds. This
process is single-threaded, so forking it is safe.
"""
from __future__ import annotations

import importlib
import json
import os
import sys
import tempfile
import traceback


def child(job: dict, out: int, err: int) -> None:
    """In the forked child: run the job, never return."""
    code = 1
    try:
        os.dup2(out, 1)
        os.dup2(err, 2)
        module, name = job["entry"].split(":")
        main = getattr(importlib.import_module(module), name)
        if job["cwd"] is not None:
            os.chdir(job["cwd"])
        try:
            code = main(job["argv"])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except BaseException:   # noqa: BLE001 - what the interpreter would print
            traceback.print_exc()
            code = 1
        code = code or 0
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def read(f) -> str:
    f.seek(0)
    return f.read().decode("utf-8", "replace")


JIEBA = "jieba's dictionary"


def preload(names: list[str]) -> None:
    """What every child of this process starts with from now on."""
    for name in names:
        if name == JIEBA:
            import logging

            import jieba

            jieba.setLogLevel(logging.WARNING)
            jieba.dt.check_initialized()
        else:
            importlib.import_module(name)


def run_batch(jobs: list[dict], workers: int) -> None:
    """Every job of the batch, ``workers`` at a time; a line out for each as it finishes."""
    preload([name for job in jobs for name in job.get("preload", [])])
    pending = list(jobs)
    running: dict[int, tuple[dict, object, object]] = {}
    while pending or running:
        while pending and len(running) < workers:
            job = pending.pop(0)
            out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
            sys.stdout.flush()
            pid = os.fork()
            if pid == 0:
                child(job, out.fileno(), err.fileno())
            running[pid] = (job, out, err)
        pid, status = os.wait()
        job, out, err = running.pop(pid)
        code = os.waitstatus_to_exitcode(status)
        result = {"id": job["id"], "returncode": code if code >= 0 else 1, "stdout": read(out), "stderr": read(err)}
        out.close()
        err.close()
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()


def main() -> None:
    workers = int(sys.argv[1])
    for module in sys.argv[2:]:
        importlib.import_module(module)
    for line in sys.stdin:
        run_batch(json.loads(line), workers)


if __name__ == "__main__":
    main()
