"""`mkdocs serve` (what `make serve` runs) reloads the preview when a YAML
file or a template changes: nothing generated is cached between rebuilds."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import SITE_PATH, copy_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.read().decode("utf-8")
    except OSError:
        return None


def wait_for(condition, seconds: float):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.5)
    return None


def test_preview_reloads_after_yaml_and_template_edits(tmp_path):
    project = copy_project(tmp_path / "plan")
    port = free_port()
    log = tmp_path / "serve.log"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}{SITE_PATH}chapters/ch03/"
        first = wait_for(lambda: fetch(url), 240)
        assert first and "<td>1000</td>" in first, log.read_text(encoding="utf-8")[-3000:]

        table = project / "tables" / "indicators-14th.yaml"
        table.write_text(table.read_text(encoding="utf-8").replace("target_2025: '1000'", "target_2025: '1200'", 1),
                         encoding="utf-8")
        assert wait_for(lambda: "<td>1200</td>" in (fetch(url) or ""), 300), log.read_text(encoding="utf-8")[-3000:]

        template = project / "templates" / "blocks" / "box.html.j2"
        template.write_text(template.read_text(encoding="utf-8").replace(
            'class="plan-box__title"', 'class="plan-box__title preview-reloaded"'), encoding="utf-8")
        assert wait_for(lambda: "preview-reloaded" in (fetch(url) or ""), 300), log.read_text(encoding="utf-8")[-3000:]
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=20)
