"""When each page's source last changed, from git, as a Chinese date.

Why not mkdocs-git-revision-date-localized-plugin: most of our pages are
generated (MkDocs virtual files), for which the plugin shows the build time,
and it finds no history at all for files last touched in the repository's
first commit (its `git log --diff-filter=r` drops that commit) — together
that is nearly every page here. One `git log` over the whole history gives
every file's last commit, and babel (already needed by MkDocs) formats it.

Without git (a scratch copy, a downloaded archive) a file's modification
time stands in, so the build never fails for want of history.
"""
from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

from babel.dates import format_date

CHINA = datetime.timezone(datetime.timedelta(hours=8), "CST")   # no daylight saving
META = "git_revision_date_localized"   # the front matter key the themes' source-file partial shows
# Pages that gather many files (lists, registers) count as changed with the data.
DATA = ("tables", "chapters")


class History:
    def __init__(self, root: Path):
        self.root = root
        self.last: dict[str, int] = last_commits(root)

    def timestamp(self, rel: str) -> float:
        if rel in self.last:
            return self.last[rel]
        path = self.root / rel
        return path.stat().st_mtime if path.exists() else datetime.datetime.now().timestamp()

    def newest(self, folders: tuple[str, ...] = DATA) -> float:
        files = [p for name in folders for p in (self.root / name).rglob("*") if p.is_file()]
        return max((self.timestamp(p.relative_to(self.root).as_posix()) for p in files), default=0.0)

    def shown(self, source: str | None) -> str:
        """What a page shows as 最后更新: when ``source`` (a repository path)
        last changed, or, for a page that gathers many files (None), the
        newest of the data; HTML, for Material's source-file partial (the
        page's front matter key ``META``)."""
        ts = self.timestamp(source) if source else self.newest()
        moment = datetime.datetime.fromtimestamp(ts, CHINA)
        text = format_date(moment.date(), format="long", locale="zh_CN")
        return f'最后更新：<time datetime="{moment.isoformat(timespec="seconds")}">{text}</time>'


def last_commits(root: Path) -> dict[str, int]:
    """Repository path → Unix time of the last commit that touched it; empty
    when ``root`` is not a git work tree or git is missing."""
    try:
        out = subprocess.run(
            ["git", "-c", "core.quotepath=off", "log", "--format=@%ct", "--name-only", "--no-renames", "--", "."],
            cwd=root, capture_output=True, text=True, check=True, timeout=60,
        ).stdout
        prefix = subprocess.run(["git", "rev-parse", "--show-prefix"], cwd=root, capture_output=True,
                                text=True, check=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return {}
    last: dict[str, int] = {}
    when = 0
    for line in out.splitlines():
        if line.startswith("@"):
            when = int(line[1:])
        elif line:
            rel = line[len(prefix):] if prefix and line.startswith(prefix) else line
            last.setdefault(rel, when)   # newest first: keep the first seen
    return last
