"""The command line of the build (`scripts/build_tables.py`): check, and with
``--out DIR`` write the complete docs tree (Generate tier: DIR/mkdocs.yml,
DIR/docs/, DIR/overrides/; plansite.generate) that any MkDocs-compatible
generator builds as it is.

Both keep what later runs can reuse in the build cache (project.CACHE:
compiled templates, schemas and table files that passed, ...), as `make
build` does.

Exit status 0 when everything checks out, 1 when the check reports problems
(every one as `file:line:column: field: message`, in Chinese) or when the
checker itself fails (a sentence, never a traceback).
"""
from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from .assets import AssetError
from .generate import generate, write
from .problems import BuildError, report_warnings
from .project import CACHE
from .site import SiteBuild, build

__all__ = ["main", "internal_error", "summary"]


def internal_error(exc: BaseException) -> str:
    """What an editor sees when the checker itself fails: a sentence, the
    place in our code for whoever fixes it, and no traceback."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    return (f"检查程序自身出错，未生成网站：{type(exc).__name__}: {exc}（{where}）。\n"
            "这多半不是数据的问题：请把这段信息告诉网站维护人员。")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="检查并生成规划表格页面")
    ap.add_argument("--check", action="store_true", help="只检查，不输出页面")
    ap.add_argument("--out", type=Path, help="把完整的 docs 树（mkdocs.yml、docs/、overrides/）写到这个目录，如 build")
    ap.add_argument("--root", type=Path, default=Path.cwd(), help=argparse.SUPPRESS)
    # the build cache (project.CACHE); default ROOT/build/.plan-cache
    ap.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    cache = args.cache or args.root / CACHE
    try:
        if args.out:
            site, tree = generate(args.root, cache)
            write(tree, args.root, args.out)
        else:
            site = build(args.root, cache=cache)
    except BuildError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except AssetError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - editors get a sentence, never a traceback
        print(internal_error(exc), file=sys.stderr)
        return 1
    if site.warnings:
        print(report_warnings(site.warnings), file=sys.stderr)
    print(summary(site))
    return 0


def summary(site: SiteBuild) -> str:
    """The line that says the check passed, with what it counted."""
    return (f"检查通过：{len(site.plan.chapters)} 章，{len(site.plan.units())} 个段落，"
            f"{len(site.model.indicators)} 项指标，{len(site.model.boxes)} 个专栏，"
            f"{len(site.pages)} 个生成页面。")
