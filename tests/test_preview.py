"""`mkdocs serve` (what `make serve` runs), in one scratch copy served once
for all its tests: the preview reloads when a YAML file, a template or the
code (scripts/plansite) changes (nothing generated is cached between
rebuilds; the code is imported afresh when it changed); a change that fails
the check keeps the last good version served and prints the problem. Each
test puts back what it changed; the one that changes most comes last, so
that nothing waits for the preview to show what it put back."""
from __future__ import annotations

import pytest
from support.serving import fetch, mkdocs_serve, wait_for
from support.site import copy_project


@pytest.fixture(scope="module")
def served(tmp_path_factory, plan_cache):
    """(project, log of the server, base URL) of `mkdocs serve` in a scratch copy."""
    folder = tmp_path_factory.mktemp("serve")
    project = copy_project(folder / "plan", plan_cache)
    log = folder / "serve.log"
    with mkdocs_serve(project, log) as base:
        yield project, log, base


def test_serve_keeps_the_last_good_version_and_prints_the_problem(served):
    project, log, base = served
    box = project / "tables" / "box-4-2.yaml"
    good = box.read_text(encoding="utf-8")
    url = base + "boxes/box-4-2/"
    broken = good.replace("  label: 市级", "\tlabel: 市级")
    problem = "tables/box-4-2.yaml:15:1: YAML 语法错误：YAML 不允许用 Tab 键缩进"

    def printed() -> str:
        return log.read_text(encoding="utf-8")

    try:
        first = wait_for(lambda: fetch(url), 30)
        assert first and "重点双创平台" in first, printed()[-3000:]
        box.write_text(broken, encoding="utf-8")
        assert wait_for(lambda: "YAML 语法错误" in printed(), 120), printed()[-3000:]
        text = printed()
        assert problem in text
        assert "共发现 1 个问题，未生成网站。" in text
        assert "Traceback" not in text
        # MkDocs alone would hold every request until the error is fixed
        assert wait_for(lambda: "预览仍显示上一次成功生成的版本" in printed(), 30)
        assert fetch(url) == first          # the last good version, unchanged
        assert fetch(url.replace("box-4-2", "box-4-1")) is not None   # and every other page
        # the same mistake saved again: the problem is printed again (MkDocs'
        # own logger drops any message it has logged before in the process,
        # however many builds passed in between)
        box.write_text(broken, encoding="utf-8")
        assert wait_for(lambda: printed().count(problem) == 2, 120), printed()[-3000:]
        assert printed().count("预览仍显示上一次成功生成的版本") == 2
    finally:
        box.write_text(good, encoding="utf-8")


def test_preview_reloads_after_yaml_template_and_code_edits(served):
    project, log, base = served
    url = base + "chapters/ch03/"
    first = wait_for(lambda: fetch(url), 60)
    assert first and "<td>1000</td>" in first, log.read_text(encoding="utf-8")[-3000:]

    table = project / "tables" / "indicators-14th.yaml"
    template = project / "templates" / "blocks" / "box.html.j2"
    code = project / "scripts" / "plansite" / "model.py"
    saved = {path: path.read_text(encoding="utf-8") for path in (table, template, code)}
    try:
        table.write_text(saved[table].replace("target_2025: '1000'", "target_2025: '1200'", 1), encoding="utf-8")
        assert wait_for(lambda: "<td>1200</td>" in (fetch(url) or ""), 300), log.read_text(encoding="utf-8")[-3000:]

        template.write_text(saved[template].replace(
            'class="plan-box__title"', 'class="plan-box__title preview-reloaded"'), encoding="utf-8")
        assert wait_for(lambda: "preview-reloaded" in (fetch(url) or ""), 300), log.read_text(encoding="utf-8")[-3000:]

        # MkDocs keeps the hook module for the whole process: this edit shows
        # only because the hook takes plansite afresh (plansite_adapters.live).
        # show_value is bound by name in render.py too: the whole package is re-imported.
        shown = 'return "" if value is None else str(value)'
        assert shown in saved[code]
        code.write_text(saved[code].replace(shown, 'return "" if value is None else f"{value}（代码已更新）"'),
                        encoding="utf-8")
        assert wait_for(lambda: "<td>1200（代码已更新）</td>" in (fetch(url) or ""), 300), \
            log.read_text(encoding="utf-8")[-3000:]
    finally:
        for path, text in saved.items():
            path.write_text(text, encoding="utf-8")
