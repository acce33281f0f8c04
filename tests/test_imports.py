"""No import cycle anywhere in scripts/plansite: every module's imports of its
siblings, at any depth (a "late" import inside a function hides a cycle, it
does not remove it), form a graph without cycles. Ground truth is the source
text, read with ast."""
from __future__ import annotations

import ast
from pathlib import Path

from support.site import ROOT

PACKAGE = ROOT / "scripts" / "plansite"


def imports_of(package: Path) -> dict[str, set[str]]:
    """Module name → names of the package's modules it imports (anywhere in it)."""
    modules = {p.stem for p in package.glob("*.py")}
    graph: dict[str, set[str]] = {}
    for path in sorted(package.glob("*.py")):
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level == 1 and node.module:                      # from .x import y
                    found.add(node.module.split(".")[0])
                elif node.level == 1:                                     # from . import x, y
                    found.update(a.name for a in node.names)
                elif node.level == 0 and (node.module or "").startswith(f"{package.name}."):
                    found.add(node.module.split(".")[1])                  # from plansite.x import y
                elif node.level == 0 and node.module == package.name:     # from plansite import x
                    found.update(a.name for a in node.names)
            elif isinstance(node, ast.Import):
                found.update(a.name.split(".")[1] for a in node.names if a.name.startswith(f"{package.name}."))
        graph[path.stem] = found & modules - {path.stem}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle for each back edge found by a depth-first walk."""
    found, state, stack = [], {}, []

    def walk(node: str) -> None:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                walk(nxt)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            walk(node)
    return found


def test_no_import_cycle_in_plansite():
    graph = imports_of(PACKAGE)
    assert sum(len(v) for v in graph.values()) > 20      # the walk sees the package's imports
    assert cycles(graph) == []


def test_the_walk_finds_a_late_import_cycle(tmp_path):
    """The detector itself: a cycle closed by an import inside a function."""
    pkg = tmp_path / "plansite"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from .b import thing\n")
    (pkg / "b.py").write_text("def thing():\n    from . import a\n    return a\n")
    (pkg / "c.py").write_text("from plansite.a import thing\n")
    graph = imports_of(pkg)
    assert graph == {"__init__": set(), "a": {"b"}, "b": {"a"}, "c": {"a"}}
    assert cycles(graph) == [["a", "b", "a"]]


def test_the_core_imports_no_engine():
    """plansite (load, validate, model, render, generate, finish) runs without
    MkDocs or Zensical; only plansite_adapters and hooks/ may import them."""
    engines = ("mkdocs", "material", "zensical")
    found = []
    for path in sorted(PACKAGE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else []
            found += [(path.name, n) for n in names if n.split(".")[0] in engines]
    assert found == []
