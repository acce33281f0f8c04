"""`mkdocs serve` in a scratch project, for tests of the live preview."""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

LIVERELOAD = re.compile(r"<script>\s*(?:var livereload|function livereload).*?</script>", re.S)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    """The page as served, without the live-reload script MkDocs injects
    (it carries a new request id on every request)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            html = r.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None
    return LIVERELOAD.sub("", html)


def wait_for(condition, seconds: float, step: float = 0.5):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    return None


@contextmanager
def mkdocs_serve(project: Path, log: Path):
    """Start `mkdocs serve` on a free loopback port; yield the base URL it
    prints (mounted at site_url's path). Always stopped afterwards. The
    server runs ``project``'s own code (its scripts/ first on the import
    path, ahead of the editable install of this repository's)."""
    path = os.pathsep.join(filter(None, [str(project / "scripts"), os.environ.get("PYTHONPATH")]))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1", PYTHONPATH=path)
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{free_port()}"],
            cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        served = wait_for(lambda: re.search(r"Serving on (http://\S+)", log.read_text(encoding="utf-8")), 240)
        assert served, log.read_text(encoding="utf-8")[-3000:]
        yield served.group(1).rstrip("/") + "/"
    finally:
        # Ctrl+C, as an editor stops it: `mkdocs serve` then removes the
        # temporary folder it builds into (a terminated one leaves it behind)
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=20)
