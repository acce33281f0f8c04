"""MkDocs hooks: a thin adapter over plansite's tiers, for `mkdocs serve`
(`make serve`) and a plain `mkdocs build`.

on_startup  quiets `mkdocs build` to warnings (editors cannot act on INFO
            lines);
on_config   Generate tier in memory (plansite.generate): load, validate,
            render; the nav, the joined stylesheet and the values our
            templates read from config.extra;
on_files    the docs tree replaces docs/ (virtual files: nothing is written
            into the repository); it is the same tree `make build` writes
            to build/docs;
on_env      Material's templates compiled once, kept in the build cache
            (plansite_adapters.theme_cache);
on_post_build  Finish tier (plansite.finish): search index, results page
            script, completeness checks;
on_serve    reloads the preview when chapters, tables, templates or our code
            change, and keeps serving the last good build while the check
            fails (plansite_adapters.preview).

The generated tree lives on the config object, which MkDocs makes anew for
every (re)build, so nothing survives between `mkdocs serve` rebuilds. MkDocs
imports this module once per process, so plansite is not imported here: each
build takes it from plansite_adapters.live, which imports it afresh when its
code changed (an edit under scripts/plansite shows in the preview).
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from plansite_adapters import live, preview, theme_cache

ROOT = Path(__file__).resolve().parent.parent

WATCHED = ("chapters", "tables", "templates", "scripts", "hooks")
TREE = "plan_tree"
log = logging.getLogger("mkdocs.plugins.plan")


def on_startup(command, dirty):
    """`mkdocs build` logs a line per page left out of the nav (on purpose) and
    timings: nothing an editor can act on. Warnings still show, and still stop
    a --strict build (`--quiet` would hide them and let it pass)."""
    if command == "build":
        logging.getLogger("mkdocs").setLevel(logging.WARNING)


def on_config(config):
    if restart := live.restart_needed():
        log.warning(restart)
    try:
        core = live.core()
    except Exception as exc:  # noqa: BLE001 - an edited plansite that does not import
        raise preview.failed(live.import_failed(exc)) from None
    try:
        site, tree = core.generate(ROOT, ROOT / core.CACHE)
    except core.AssetError as exc:
        raise preview.failed(str(exc)) from None
    except core.BuildError as exc:
        raise preview.failed("\n" + exc.report()) from None
    except Exception as exc:  # noqa: BLE001 - `mkdocs serve` would print a traceback
        raise preview.failed("\n" + core.internal_error(exc)) from None
    if site.warnings:     # printed, not logged: `mkdocs build --strict` stops on logged warnings
        print(core.report_warnings(site.warnings), file=sys.stderr)
    config[TREE] = tree
    config["nav"] = tree.nav
    config["extra_css"] = tree.css
    config["extra_javascript"] = []
    config["extra"].update(tree.extra)
    return config


def on_files(files, config):
    docs = Path(config["docs_dir"]).resolve()
    for f in [f for f in files if f.abs_src_path and Path(f.abs_src_path).resolve().is_relative_to(docs)]:
        files.remove(f)                 # docs/ as written: the tree holds it, markers expanded
    for path, data in config[TREE].files.items():
        files.append(File.generated(config, path, content=data))
    return files


def on_env(env, config, files):
    return theme_cache.keep_compiled(env, ROOT / live.core().CACHE)


def on_post_build(config):
    core = live.core()
    problems = core.finish(Path(config["site_dir"]), ROOT, config[TREE].files, ROOT / core.CACHE)
    if problems:
        raise PluginError("\n".join(problems))


def on_serve(server, config, builder):
    for name in WATCHED:
        server.watch(str(ROOT / name))
    server.builder = preview.keep_last_good(server.builder)   # failed check: serve the last good build
    return server
