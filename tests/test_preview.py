"""`mkdocs serve` (what `make serve` runs) reloads the preview when a YAML
file, a template or the code (scripts/plansite) changes: nothing generated is
cached between rebuilds, and the code is imported afresh when it changed."""
from __future__ import annotations

from support.serving import fetch, mkdocs_serve, wait_for
from support.site import copy_project


def test_preview_reloads_after_yaml_template_and_code_edits(tmp_path):
    project = copy_project(tmp_path / "plan")
    log = tmp_path / "serve.log"
    with mkdocs_serve(project, log) as base:
        url = base + "chapters/ch03/"
        first = wait_for(lambda: fetch(url), 60)
        assert first and "<td>1000</td>" in first, log.read_text(encoding="utf-8")[-3000:]

        table = project / "tables" / "indicators-14th.yaml"
        table.write_text(table.read_text(encoding="utf-8").replace("target_2025: '1000'", "target_2025: '1200'", 1),
                         encoding="utf-8")
        assert wait_for(lambda: "<td>1200</td>" in (fetch(url) or ""), 300), log.read_text(encoding="utf-8")[-3000:]

        template = project / "templates" / "blocks" / "box.html.j2"
        template.write_text(template.read_text(encoding="utf-8").replace(
            'class="plan-box__title"', 'class="plan-box__title preview-reloaded"'), encoding="utf-8")
        assert wait_for(lambda: "preview-reloaded" in (fetch(url) or ""), 300), log.read_text(encoding="utf-8")[-3000:]

        # MkDocs keeps the hook module for the whole process: this edit shows
        # only because the hook takes plansite afresh (plansite_adapters.live).
        # show_value is bound by name in render.py too: the whole package is re-imported.
        code = project / "scripts" / "plansite" / "model.py"
        source = code.read_text(encoding="utf-8")
        shown = 'return "" if value is None else str(value)'
        assert shown in source
        code.write_text(source.replace(shown, 'return "" if value is None else f"{value}（代码已更新）"'), encoding="utf-8")
        assert wait_for(lambda: "<td>1200（代码已更新）</td>" in (fetch(url) or ""), 300), \
            log.read_text(encoding="utf-8")[-3000:]
