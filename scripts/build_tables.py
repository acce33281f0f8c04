#!/usr/bin/env python3
"""Load, validate and render the plan's tables and chapters.

  python scripts/build_tables.py --check     validate everything; report every
                                             problem as file:line:column and exit 1
  python scripts/build_tables.py --out DIR   also write the generated pages to DIR
                                             (for inspection; MkDocs does not need it)

MkDocs calls ``build()`` through hooks/plan.py during `mkdocs build` and
`mkdocs serve`; nothing generated is written into the repository.
"""
from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from plansite.problems import BuildError  # noqa: E402
from plansite.site import SiteBuild, build  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

__all__ = ["build", "BuildError", "SiteBuild", "ROOT", "main", "internal_error"]


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
    ap.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
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
    units = len(site.plan.units())
    print(f"检查通过：{len(site.plan.chapters)} 章，{units} 个段落，"
          f"{len(site.model.indicators)} 项指标，{len(site.model.boxes)} 个专栏，"
          f"{len(site.pages)} 个生成页面。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
