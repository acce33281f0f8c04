"""`mkdocs serve`: while the sources have problems, keep serving the last good
preview and print the problems.

MkDocs on its own stops answering page requests after a failed rebuild ("The
server will appear stuck until build errors are resolved"): an editor who
opens another page sees it hang. Our check runs in on_config, before MkDocs
cleans the site folder, so when it fails the folder still holds the last good
build and can be served as it is. Any later failure (which may have left the
folder half written) is passed on to MkDocs unchanged.
"""
from __future__ import annotations

import logging

from mkdocs.exceptions import Abort

log = logging.getLogger("mkdocs.plugins.plan")


class State:
    check_failed = False   # set by hooks/plan.py on_config for the current build


def keep_last_good(rebuild):
    def guarded(*args, **kwargs):
        State.check_failed = False
        try:
            return rebuild(*args, **kwargs)
        except Abort:
            if not State.check_failed:
                raise
            log.error("预览仍显示上一次成功生成的版本；改正上面的问题并保存后，页面会自动更新。")
    return guarded
