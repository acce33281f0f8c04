"""The repository's own automation: GitHub workflows (validated offline against
the GitHub workflow schema bundled with check-jsonschema) and the pre-commit
hook, which must run the same check as `make check`."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
CHECK_JSONSCHEMA = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows"]


def load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


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
    broken.write_text(re.sub(r"\n    runs-on: .*\n", "\n", text, count=1).replace("      - name: 检查表格和章节\n        run:",
                                                                                   "      - name: 检查表格和章节\n        runn:"),
                      encoding="utf-8")
    r = subprocess.run([*CHECK_JSONSCHEMA, str(broken)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 1, r.stdout


def test_every_pull_request_installs_checks_builds_strictly_and_tests():
    ci = load("ci.yml")
    on = ci.get("on", ci.get(True))   # YAML 1.1 reads the key `on` as true
    assert "pull_request" in on
    script = runs(ci)
    assert "apt-get install" in script and "chromium" in script and "fonts-noto-cjk" in script
    install = script.index(".dev-installed")
    check = script.index("make check")
    build = script.index("mkdocs build --strict")
    test = script.index("pytest")
    assert install < check < build < test
    checkout = next(s for s in steps(ci) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0   # page dates come from the full history


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
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
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
