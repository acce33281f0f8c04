"""A problem found in the sources, reported to editors in Chinese."""
from __future__ import annotations

from dataclasses import dataclass


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
