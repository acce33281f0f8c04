"""The command line of the build (`scripts/build_tables.py`): check, build,
and optionally write the generated pages out for inspection.

Exit status 0 when everything checks out, 1 when the check reports problems
(every one as `file:line:column: field: message`, in Chinese) or when the
checker itself fails (a sentence, never a traceback).
"""
from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from .problems import BuildError
from .site import build

__all__ = ["main", "internal_error"]


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
    ap.add_argument("--out", type=Path, help="把生成的页面写到这个目录")
    ap.add_argument("--root", type=Path, default=Path.cwd(), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    try:
        site = build(args.root)
    except BuildError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - editors get a sentence, never a traceback
        print(internal_error(exc), file=sys.stderr)
        return 1
    if args.out:
        for page in site.pages.values():
            path = args.out / page.src_uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page.markdown, encoding="utf-8")
        for data in site.files.values():
            path = args.out / data.src_uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data.data)
    units = len(site.plan.units())
    print(f"检查通过：{len(site.plan.chapters)} 章，{units} 个段落，"
          f"{len(site.model.indicators)} 项指标，{len(site.model.boxes)} 个专栏，"
          f"{len(site.pages)} 个生成页面。")
    return 0

