"""Material's templates compiled once, kept in the build cache.

MkDocs makes a new Jinja environment for every build and compiles each of
the theme's templates again (about a fifth of a second for Material's 40),
although they change only when Material is upgraded. Jinja's own bytecode
cache keeps the compiled code on disk, in the build cache
(project.CACHE/theme-templates), filed by source (plansite.render.
CompiledTemplates), and compiles a template again when its source differs
from what was compiled, so an upgraded or overridden template is never
served stale.

Both MkDocs adapters use it: the hook (on_env) and `make build`
(plansite_adapters.build), which adds ``CompiledTheme`` to the loaded
config's plugins.
"""
from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.plugins import BasePlugin
from plansite.render import CompiledTemplates

FOLDER = "theme-templates"


def keep_compiled(env: jinja2.Environment, cache: Path) -> jinja2.Environment:
    """``env`` with its compiled templates kept in ``cache``/theme-templates."""
    env.bytecode_cache = CompiledTemplates(cache / FOLDER)
    return env


class CompiledTheme(BasePlugin):
    """A plugin object (not an entry point): ``config.plugins[NAME] = CompiledTheme(cache)``."""

    NAME = "plansite-compiled-theme"

    def __init__(self, cache: Path):
        super().__init__()
        self.cache = cache

    def on_env(self, env, config, files):
        return keep_compiled(env, self.cache)
