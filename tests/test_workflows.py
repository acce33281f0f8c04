"""The repository's own automation: GitHub workflows (validated offline against
the GitHub workflow schema bundled with check-jsonschema) and the pre-commit
hook, which must run the same check as `make check`."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import yaml
from support.site import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
CHECK_JSONSCHEMA = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows"]


def load(name: str) -> dict:
    return yaml.load((WORKFLOWS / name).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def steps(workflow: dict) -> list[dict]:
    return [s for job in workflow["jobs"].values() for s in job.get("steps", [])]


def runs(workflow: dict) -> str:
    return "\n".join(s.get("run", "") for s in steps(workflow))


def uses(workflow: dict) -> list[str]:
    return [s["uses"].split("@")[0] for s in steps(workflow) if "uses" in s]


def test_workflows_validate_against_the_github_schema():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert {f.name for f in files} >= {"ci.yml", "deploy.yml"}
    r = subprocess.run([*CHECK_JSONSCHEMA, *map(str, files)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


def test_the_validator_rejects_a_broken_workflow(tmp_path):
    """So the test above can fail: a job without runs-on, a step with an unknown key."""
    broken = tmp_path / "broken.yml"
    text = (WORKFLOWS / "ci.yml").read_text(encoding="utf-8")
    broken.write_text(re.sub(r"\n    runs-on: .*\n", "\n", text, count=1).replace("      - name: 允许 git 读取工作目录\n        run:",
                                                                                   "      - name: 允许 git 读取工作目录\n        runn:"),
                      encoding="utf-8")
    r = subprocess.run([*CHECK_JSONSCHEMA, str(broken)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 1, r.stdout


def make_dry_run(target: str) -> str:
    """The commands `make TARGET` would run (nothing is run), as if every
    file-stamp prerequisite were up to date."""
    dry = subprocess.run(["make", "-n", "-o", ".venv/.site-installed", "-o", ".venv/.dev-installed", target],
                         cwd=ROOT, capture_output=True, text=True)
    assert dry.returncode == 0, dry.stderr
    return dry.stdout


def test_every_pull_request_runs_the_ci_script_with_full_history():
    ci = load("ci.yml")
    on = ci.get("on", ci.get(True))   # YAML 1.1 reads the key `on` as true
    assert "pull_request" in on
    assert "bash .ci/run" in runs(ci).splitlines()   # one CI definition, not a copy of its steps
    assert "pytest" not in runs(ci) and "pip install" not in runs(ci)
    checkout = next(s for s in steps(ci) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0   # page dates come from the full history


def test_the_ci_script_is_make_test_which_installs_lints_checks_and_tests():
    commands = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
    assert commands[-1] == "make test"
    script = make_dry_run("test")
    browser = script.index("ensure-test-tools.sh")
    lint = script.index("ruff check")
    check = script.index("build_tables.py --check")
    test = script.index("pytest")
    assert browser < test and lint < test and check < test


def test_the_fast_loop_sees_to_node_and_to_nothing_a_browser_needs():
    """`make test-fast` runs every test that needs no browser, the engine's
    unit tests under Node among them: it sees to nodejs first, as `make
    test` sees to everything."""
    script = make_dry_run("test-fast")
    [tools] = [line for line in script.splitlines() if "ensure-test-tools.sh" in line]
    assert tools.split()[-1] == "nodejs"
    assert script.index("ensure-test-tools.sh") < script.index("pytest")
    assert '-m "not browser"' in script


def without_tools(tmp_path, *wanted: str) -> subprocess.CompletedProcess:
    """scripts/ensure-test-tools.sh WANTED... on a machine with neither
    Chromium nor Node, as a user who is not root (as root it would apt-get
    what is missing)."""
    env = {"PATH": "/usr/bin:/bin", "CHROMIUM": str(tmp_path / "no-chromium"), "NODE": str(tmp_path / "no-node")}
    if os.getuid() == 0:   # run the not-root branch: hide apt-get behind a PATH without it
        fake = tmp_path / "bin"
        fake.mkdir()
        for tool in ("sh", "id", "dpkg", "fc-list", "grep", "echo"):
            found = shutil.which(tool)
            if found:
                (fake / tool).symlink_to(found)
        (fake / "id").unlink(missing_ok=True)
        (fake / "id").write_text("#!/bin/sh\necho 1000\n")
        (fake / "id").chmod(0o755)
        env["PATH"] = str(fake)
    return subprocess.run([shutil.which("sh"), str(ROOT / "scripts" / "ensure-test-tools.sh"), *wanted], env=env,
                          capture_output=True, text=True)


def test_the_browser_set_up_installs_or_says_what_to_install(tmp_path):
    """Without Chromium or Node and without root, `make test-tools` stops with
    one sentence naming what to install."""
    r = without_tools(tmp_path)
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "chromium" in lines[0] and "nodejs" in lines[0] and "apt-get install" in lines[0], r.stderr


def test_the_fast_loops_set_up_asks_for_node_alone(tmp_path):
    r = without_tools(tmp_path, "nodejs")
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Debian's nodejs: run 'sudo apt-get install -y nodejs'" in lines[0], r.stderr


def test_main_is_built_and_published_to_pages():
    deploy = load("deploy.yml")
    on = deploy.get("on", deploy.get(True))   # YAML 1.1 reads the key `on` as true
    assert on["push"]["branches"] == ["main"]
    assert "make build" in runs(deploy)
    upload = next(s for s in steps(deploy) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert "actions/deploy-pages" in uses(deploy)
    job = deploy["jobs"]["deploy"]
    assert job["needs"] == "build" and job["permissions"] == {"pages": "write", "id-token": "write"}


def test_pre_commit_runs_the_same_check_on_tables_and_chapters(tmp_path):
    config = yaml.load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    [repo] = config["repos"]
    [hook] = repo["hooks"]
    assert repo["repo"] == "local" and hook["language"] == "system" and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("tables/box-4-1.yaml") and files.search("tables/schemas/box.schema.json")
    assert files.search("chapters/ch04.md")
    assert not files.search("docs/index.md") and not files.search("scripts/build_tables.py")
    # the hook's command is `make check`, which runs build_tables.py --check
    entry = hook["entry"].split()
    assert entry[0] == "make" and entry[-1] == "check"
    dry = subprocess.run([*entry, "-n", "-o", ".venv/.site-installed"], cwd=ROOT, capture_output=True, text=True)
    assert dry.returncode == 0, dry.stderr
    assert "scripts/build_tables.py --check" in dry.stdout


def test_pull_request_template_and_contributing_point_to_the_guide():
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for text in (template, contributing):
        assert "tables/README.md" in text and "编辑指南" in text
    assert "make check" in template
