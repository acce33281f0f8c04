"""The build command for both engines (scripts/build_site.py).

One process does the whole build: Generate (plansite.generate: load, check,
render, write build/), the engine, Finish (plansite.finish), and the swap
into the site folder. The check runs once, here, not in a process of its
own before the build.

MkDocs runs in this process (its Python API: no second interpreter start, no
second import of Material); Zensical runs as its own command, as a user runs
it, on the generated build/mkdocs.yml. Zensical keeps its site folder inside
the project that holds the config (it refuses any other), so both engines
build into build/.site-ENGINE first.
"""
from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from plansite.assets import AssetError
from plansite.cli import internal_error, summary
from plansite.finish import finish
from plansite.generate import CONFIG, generate, write
from plansite.problems import BuildError, report_warnings
from plansite.project import CACHE

SITE_DIRS = {"mkdocs": "site", "zensical": "site-zensical"}
WORK = "build"
CACHE_NAME = Path(CACHE).name     # inside the work folder


class EngineFailed(Exception):
    """The engine reported a problem (already printed)."""


def run_mkdocs(config_file: Path, scratch: Path, cache: Path) -> None:
    from mkdocs import exceptions
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from .theme_cache import CompiledTheme

    log = logging.getLogger("mkdocs")
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
        log.addHandler(handler)
    log.setLevel(logging.WARNING)
    try:
        config = load_config(str(config_file), site_dir=str(scratch), strict=True)
        config.plugins[CompiledTheme.NAME] = CompiledTheme(cache)
        build(config)
    except exceptions.MkDocsException as exc:
        print(f"MkDocs：{exc}", file=sys.stderr)
        raise EngineFailed from None


def run_zensical(config_file: Path, scratch: Path, cache: Path) -> None:
    # The generated config sets no site_dir: Zensical writes to site/ next
    # to it; that folder is moved to the scratch place afterwards.
    out = config_file.parent / "site"
    shutil.rmtree(out, ignore_errors=True)
    done = subprocess.run([sys.executable, "-m", "zensical", "build", "-f", str(config_file)],
                          cwd=config_file.parent, capture_output=True, text=True)
    if done.returncode != 0:
        print(done.stdout[-4000:] + done.stderr[-4000:], file=sys.stderr)
        raise EngineFailed
    shutil.move(out, scratch)


ENGINES = {"mkdocs": run_mkdocs, "zensical": run_zensical}


def swap(scratch: Path, site_dir: Path) -> None:
    """Put the finished build in place of the old one."""
    previous = site_dir.with_name(f".{site_dir.name}-prev")
    shutil.rmtree(previous, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(previous)
    shutil.move(scratch, site_dir)
    shutil.rmtree(previous, ignore_errors=True)


def build_site(root: Path, engine: str, site_dir: Path, work: Path) -> int:
    try:
        site, tree = generate(root, work / CACHE_NAME)
    except BuildError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except AssetError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - editors get a sentence, never a traceback
        print(internal_error(exc), file=sys.stderr)
        return 1
    if site.warnings:                   # reported; the site is built all the same
        print(report_warnings(site.warnings), file=sys.stderr)
    print(summary(site), flush=True)
    write(tree, root, work)
    scratch = work / f".site-{engine}"
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        ENGINES[engine](work / CONFIG, scratch, work / CACHE_NAME)
        problems = finish(scratch, root, tree.files, work / CACHE_NAME)
    except EngineFailed:
        problems = ["生成网站失败。"]
    if problems:
        shutil.rmtree(scratch, ignore_errors=True)
        print("\n".join(problems) + "\n原有的网站目录保持不变。", file=sys.stderr)
        return 1
    swap(scratch, site_dir)
    shown = site_dir.relative_to(root) if site_dir.is_relative_to(root) else site_dir
    print(f"网站已生成到 {shown.as_posix()}/。")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="生成网站（MkDocs 或 Zensical）")
    ap.add_argument("--engine", choices=sorted(ENGINES), default="mkdocs")
    ap.add_argument("--site-dir", type=Path, help="网站目录（默认 site/ 或 site-zensical/）")
    ap.add_argument("--work", type=Path, help="生成的 docs 树所在目录（默认 build/）")
    ap.add_argument("--root", type=Path, default=Path.cwd(), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    root = args.root.resolve()
    site_dir = (args.site_dir or root / SITE_DIRS[args.engine]).resolve()
    return build_site(root, args.engine, site_dir, (args.work or root / WORK).resolve())
