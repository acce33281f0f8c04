"""The project's paths, and building and serving a site, for tests."""
from __future__ import annotations

import fcntl
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from plansite.project import CACHE

ROOT = Path(__file__).resolve().parents[2]

# The site is served under the path of its site_url (as it will be deployed),
# so pages that use site-absolute links, such as 404.html, work as in production.
SITE_PATH = urlsplit(re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                               re.M).group(1)).path


ENGINES = ("mkdocs", "zensical")


# The build's cache folder inside its work folder (plansite.project.CACHE
# is build/.plan-cache: the work folder build/ of `make build`).
CACHE_NAME = Path(CACHE).name


def work_of(site_dir: Path) -> Path:
    """Where build_site() puts the generated docs tree and the cache for ``site_dir``."""
    return site_dir.with_name(site_dir.name + "-work")


def seed_cache(cache: Path | None, dest: Path) -> None:
    """Start the build cache ``dest`` as a copy of ``cache`` (None: cold).

    The files are links (link_file), not copies (jieba's dictionary cache
    alone is 9 MB, and a test session seeds a dozen caches): whatever writes
    into a build cache writes a new file and renames it over the old one
    (jieba, Jinja's bytecode cache, plansite.memo), so a seeded cache never
    changes the one it came from."""
    if cache is not None:
        shutil.copytree(cache, dest, dirs_exist_ok=True, copy_function=link_file)


def link_file(src: str | Path, dst: str | Path) -> None:
    """``dst`` the same file as ``src``, replacing any ``dst`` there was: a
    hard link (a symbolic link where the two are on different file
    systems). Hard links, because making thousands of symbolic links is
    slow on some file systems (ext4 here: about 1 ms each after the first
    thousand, 0.02 ms for a hard link). Whoever changes ``dst`` must
    remove it first or rename a new file over it, never write through it."""
    if os.path.lexists(dst):     # never write through a link into the source
        os.unlink(dst)
    try:
        os.link(src, dst)
    except OSError:              # another file system
        os.symlink(src, dst)


def build_site(project: Path, site_dir: Path, engine: str = "mkdocs",
               cache: Path | None = None) -> subprocess.CompletedProcess:
    """`make build` (engine mkdocs) or `make build-zensical` for ``project``,
    into ``site_dir``; the generated docs tree goes next to it (work_of),
    its cache starting as a copy of ``cache`` (the plan_cache fixture)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    work = work_of(site_dir)
    seed_cache(cache, work / CACHE_NAME)
    return subprocess.run(
        [sys.executable, str(project / "scripts" / "build_site.py"), "--engine", engine,
         "--site-dir", str(site_dir), "--work", str(work)],
        cwd=project, env=env, capture_output=True, text=True,
    )


def shared_build(tmp_path_factory, name: str, make: Callable[[Path], Path]) -> Path:
    """What ``make(folder)`` returns, made once per test session in a folder
    ``name`` that every pytest-xdist worker of the session shares (the
    parent of the workers' own temporary folders; without xdist, the
    session's temporary folder). The first worker to ask makes it while
    holding a lock on the folder; the others wait for the lock, then find
    it made. A ``make`` that fails leaves nothing behind: the next worker
    to ask tries again (and fails the same way, with its own message)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    folder, done = base / name, base / f"{name}.done"
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)          # released when the file closes
        if done.exists():
            return Path(done.read_text(encoding="utf-8"))
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        made = make(folder)
        done.write_text(str(made), encoding="utf-8")
        return made


def copy_project(dest: Path, cache: Path | None = None) -> Path:
    """A scratch copy of the project sources (no venv, no built site, no
    tests: what the build, the check and `mkdocs serve` read), its
    build/.plan-cache (`make build`, `mkdocs serve`) a copy of ``cache``.
    The files are copies, not links: tests change them in place."""
    skip = shutil.ignore_patterns(".venv", "site", "site-zensical", ".site-*", "build", ".git", "__pycache__",
                                  ".pytest_cache", ".ruff_cache", "*.egg-info")

    def ignore(folder: str, names: list[str]) -> set[str]:
        # tests/ (three quarters of the project's files, its fixtures) is read by no build
        return skip(folder, names) | ({"tests"} if Path(folder) == ROOT else set())

    shutil.copytree(ROOT, dest, ignore=ignore)
    seed_cache(cache, dest / CACHE)
    return dest


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site under SITE_PATH; anything outside it is 404."""

    def translate_path(self, path):
        if not path.startswith(SITE_PATH):
            return str(Path(self.directory) / "__outside_site_path__")
        return super().translate_path("/" + path[len(SITE_PATH):])

    def log_message(self, *args):  # keep test output readable
        pass


@contextmanager
def serve(site_dir: Path):
    """Serve a built site on a free loopback port; yield its base URL (ends with /)."""
    handler = functools.partial(SiteHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SITE_PATH}"
    finally:
        server.shutdown()
        server.server_close()
