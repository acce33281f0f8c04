"""A problem found in the sources, reported to editors in Chinese.

Every check is a generator that yields its ``Problem``s (``check_x(...) ->
Iterator[Problem]``); callers collect them with ``list(...)`` or ``+=``. A
reader that also returns what it read (a file's text, the plan, the tables)
is a generator of the same kind that *returns* its value: a caller that is
itself a check writes ``value = yield from read_x(...)``, any other caller
``value, problems = gather(read_x(...))``.
"""
from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True, order=True)
class Problem:
    file: str        # path relative to the repository root
    line: int
    column: int
    path: str        # field path such as indicators[5].unit, or ""
    message: str
    warning: bool = False   # worth a look, but the site is still built

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        message = f"提醒：{self.message}" if self.warning else self.message
        return f"{where}: {self.path}: {message}" if self.path else f"{where}: {message}"


# A reader: yields the problems it finds, returns what it read.
Found = Generator["Problem", None, T]


def gather(found: Found[T]) -> tuple[T, list[Problem]]:
    """Run a reader to its end: (what it returned, the problems it yielded)."""
    problems: list[Problem] = []
    while True:
        try:
            problems.append(next(found))
        except StopIteration as done:
            return done.value, problems


def report_warnings(warnings: list[Problem]) -> str:
    lines = [str(p) for p in sorted(warnings)]
    lines.append(f"共 {len(warnings)} 条提醒（网站照常生成）。")
    return "\n".join(lines)


class BuildError(Exception):
    """The sources have problems; nothing should be written."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        lines.append(f"共发现 {len(self.problems)} 个问题，未生成网站。")
        return "\n".join(lines)
