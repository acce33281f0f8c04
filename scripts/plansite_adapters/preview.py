"""`mkdocs serve`: while the sources have problems, keep serving the last good
preview and print the problems.

MkDocs on its own stops answering page requests after a failed rebuild ("The
server will appear stuck until build errors are resolved"): an editor who
opens another page sees it hang. Our check runs in on_config, before MkDocs
cleans the site folder, so when it fails the folder still holds the last good
build and can be served as it is. Any later failure (which may have left the
folder half written) is passed on to MkDocs unchanged.

The problems are printed here, on every rebuild that fails: MkDocs' build
logger drops any message it has logged before in the process, so an editor
who makes the same mistake twice would otherwise see no problem at all.
"""
from __future__ import annotations

import logging
import sys

from mkdocs.exceptions import Abort, PluginError

log = logging.getLogger("mkdocs.plugins.plan")


class State:
    check_failed = False   # set by ``failed`` for the current build
    serving = False        # rebuilds of `mkdocs serve` (keep_last_good) under way


def failed(report: str) -> Exception:
    """What hooks/plan.py on_config raises when the check fails, ``report``
    being what to show the editor: while `mkdocs serve` rebuilds, the report
    printed and Abort (for keep_last_good); otherwise (a plain `mkdocs
    build`, the first build of `mkdocs serve`) PluginError(report), which
    MkDocs prints."""
    State.check_failed = True
    if not State.serving:
        return PluginError(report)
    print(report.strip("\n"), file=sys.stderr, flush=True)
    return Abort("check failed")


def keep_last_good(rebuild):
    def guarded(*args, **kwargs):
        State.check_failed = False
        State.serving = True
        try:
            return rebuild(*args, **kwargs)
        except Abort:
            if not State.check_failed:
                raise
            log.error("预览仍显示上一次成功生成的版本；改正上面的问题并保存后，页面会自动更新。")
    return guarded
