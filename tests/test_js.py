"""The search engine's unit tests (tests/js/*.test.js), run by Node's own
test runner (`node --test`): each loads the engine's parts, plain classic
scripts, into a fresh global object (node:vm) as the browser does, with an
index written by Python's own writer (tests/js/make_index.py), once per
index for the whole run (PLAN_INDEX_CACHE, a folder new to this test). No
site is built and no browser started.

Node never skips: without it this test fails saying what to install
(`make test` installs Debian's nodejs where it can, as in CI).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
from support.site import ROOT

JS_TESTS = ROOT / "tests" / "js"


def test_the_engines_unit_tests_pass(tmp_path):
    node = os.environ.get("NODE") or shutil.which("node")
    if not node:
        pytest.fail("Node.js not found: apt-get install -y nodejs (or set NODE=/path/to/node); "
                    "`make test` installs it where it can.", pytrace=False)
    files = sorted(JS_TESTS.glob("*.test.js"))
    assert len(files) >= 6, files
    result = subprocess.run([node, "--test", *map(str, files)], cwd=ROOT, capture_output=True, text=True,
                            env=dict(os.environ, PYTHON=sys.executable, PLAN_INDEX_CACHE=str(tmp_path)),
                            timeout=600)
    report = result.stdout + result.stderr
    assert result.returncode == 0, report[-8000:]
    passed = re.search(r"^# pass (\d+)$", result.stdout, re.M)
    failed = re.search(r"^# fail (\d+)$", result.stdout, re.M)
    assert passed and failed and int(failed.group(1)) == 0, report[-4000:]
    assert int(passed.group(1)) >= 30, report[-4000:]     # every file's tests ran
