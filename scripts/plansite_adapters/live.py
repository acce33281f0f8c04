"""`mkdocs serve` with plansite as it is on disk now.

MkDocs imports a hook module once per process (its ``hooks`` option caches
the module), and with it every module the hook imports: without this, an
edit under scripts/plansite would be rebuilt by the code `mkdocs serve`
started with. So the hook imports nothing from plansite at module level; on
every build it asks ``core()`` for what it needs. When a source file of the
package changed since the package was imported, every ``plansite`` module is
dropped from ``sys.modules`` and imported afresh. All of them at once: a
module that did not change still holds names bound from one that did (``from
.tables import TableFile``), so reloading only the changed ones, in whatever
order, would mix old and new classes (an ``except BuildError`` that no
longer catches the BuildError raised).

Which sources a package object was imported from is kept on that package
object (``SOURCES``), so nothing else remembers anything between builds.

The adapters themselves (this package and hooks/) cannot be swapped under
the running server: ``restart_needed()`` tells when they changed since it
started, and the hook prints one sentence asking for a restart.
"""
from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace

SOURCES = "__plansite_sources__"
PACKAGE = "plansite"
ADAPTERS = Path(__file__).resolve().parent
HOOKS = ADAPTERS.parent.parent / "hooks"      # the repository's hooks/ (editable install)


def sources(*folders: Path) -> tuple:
    """(path, modification time, size) of every .py and .json file under ``folders``."""
    found = []
    for folder in folders:
        for p in sorted(folder.rglob("*")):
            if p.suffix in (".py", ".json") and "__pycache__" not in p.parts:
                stat = p.stat()
                found.append((p.as_posix(), stat.st_mtime_ns, stat.st_size))
    return tuple(found)


def fresh(name: str = PACKAGE) -> ModuleType:
    """The package ``name``, imported again (with every module of it) when
    one of its source files changed since it was imported."""
    package = importlib.import_module(name)
    now = sources(*map(Path, package.__path__))
    if getattr(package, SOURCES, now) != now:
        for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            del sys.modules[module]
        importlib.invalidate_caches()
        package = importlib.import_module(name)
    setattr(package, SOURCES, now)
    return package


def core() -> SimpleNamespace:
    """What the hook calls, from plansite as it is on disk now. Raises
    whatever importing it raises (a syntax error in an edited module)."""
    fresh()

    def get(module: str, attribute: str):
        return getattr(importlib.import_module(f"{PACKAGE}.{module}"), attribute)

    return SimpleNamespace(
        generate=get("generate", "generate"), finish=get("finish", "finish"),
        BuildError=get("problems", "BuildError"), report_warnings=get("problems", "report_warnings"),
        AssetError=get("assets", "AssetError"), internal_error=get("cli", "internal_error"),
        CACHE=get("project", "CACHE"),
    )


def import_failed(exc: BaseException) -> str:
    """What the preview prints when the edited plansite cannot be imported."""
    where = ""
    if isinstance(exc, SyntaxError) and exc.filename:
        where = f"（{Path(exc.filename).name}:{exc.lineno}）"
    return (f"scripts/plansite 的代码无法载入，预览未更新：{type(exc).__name__}: {exc}{where}。"
            "改正并保存后，预览会自动更新。")


# The adapters' sources when this process imported them (they are not swapped).
_STARTED_WITH = sources(ADAPTERS, *([HOOKS] if HOOKS.is_dir() else []))


def restart_needed() -> str | None:
    """One sentence when hooks/ or scripts/plansite_adapters/ changed since
    `mkdocs serve` started (those changes take effect only after a restart)."""
    if sources(ADAPTERS, *([HOOKS] if HOOKS.is_dir() else [])) == _STARTED_WITH:
        return None
    return ("hooks/ 或 scripts/plansite_adapters/ 的代码改动要重新启动预览才生效："
            "请按 Ctrl+C 停止 make serve，再重新运行 make serve。")
