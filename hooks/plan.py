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
on_post_build  Finish tier (plansite.finish): search index, results page
            script, completeness checks;
on_serve    reloads the preview when chapters, tables, templates or our code
            change, and keeps serving the last good build while the check
            fails (plansite_adapters.preview).

The generated tree lives on the config object, which MkDocs makes anew for
every (re)build, so nothing survives between `mkdocs serve` rebuilds.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from plansite.assets import AssetError
from plansite.cli import internal_error
from plansite.finish import finish
from plansite.generate import generate
from plansite.problems import BuildError, report_warnings
from plansite.project import CACHE
from plansite_adapters import preview

ROOT = Path(__file__).resolve().parent.parent

WATCHED = ("chapters", "tables", "templates", "scripts")
TREE = "plan_tree"


def on_startup(command, dirty):
    """`mkdocs build` logs a line per page left out of the nav (on purpose) and
    timings: nothing an editor can act on. Warnings still show, and still stop
    a --strict build (`--quiet` would hide them and let it pass)."""
    if command == "build":
        logging.getLogger("mkdocs").setLevel(logging.WARNING)


def on_config(config):
    try:
        site, tree = generate(ROOT, ROOT / CACHE)
    except AssetError as exc:
        preview.State.check_failed = True
        raise PluginError(str(exc)) from None
    except BuildError as exc:
        preview.State.check_failed = True
        raise PluginError("\n" + exc.report()) from None
    except Exception as exc:  # noqa: BLE001 - `mkdocs serve` would print a traceback
        preview.State.check_failed = True
        raise PluginError("\n" + internal_error(exc)) from None
    if site.warnings:     # printed, not logged: `mkdocs build --strict` stops on logged warnings
        print(report_warnings(site.warnings), file=sys.stderr)
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


def on_post_build(config):
    problems = finish(Path(config["site_dir"]), ROOT, config[TREE].files, ROOT / CACHE)
    if problems:
        raise PluginError("\n".join(problems))


def on_serve(server, config, builder):
    for name in WATCHED:
        server.watch(str(ROOT / name))
    server.builder = preview.keep_last_good(server.builder)   # failed check: serve the last good build
    return server
