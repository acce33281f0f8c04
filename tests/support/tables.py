"""Editing a copy's tables/ in tests, and the shape of a sourced figure.

``edit`` rewrites a YAML file with ruamel.yaml's round trip, as an editor's
text editor would: every other value keeps the text typed (942.32 stays
942.32, 188.60 stays 188.60, a date stays a date), which a safe_load and
safe_dump would not. ``source`` and ``entry`` build progress entries of the
shape tables/schemas/indicators-14th.schema.json describes; the figures in
tests are fixtures, not data about the district.
"""
from __future__ import annotations

import copy
import functools
import io
from pathlib import Path

from ruamel.yaml import YAML


@functools.lru_cache(maxsize=16)
def _loaded(text: str):
    """The round-trip document of ``text``, read once (reading the register
    takes a sixth of a second, copying it a thirtieth): callers get copies."""
    return _yaml().load(text)


def _yaml() -> YAML:
    y = YAML()
    y.preserve_quotes = True
    y.width = 4096
    return y


def edit(path: Path, change) -> None:
    """Load ``path``, call ``change(data)``, write it back."""
    y = _yaml()
    data = copy.deepcopy(_loaded(path.read_text(encoding="utf-8")))
    change(data)
    out = io.StringIO()
    y.dump(data, out)
    path.write_text(out.getvalue(), encoding="utf-8")


def indicator(data: dict, indicator_id: str) -> dict:
    return next(i for i in data["indicators"] if i["id"] == indicator_id)


def source(title: str) -> dict:
    return {"title": title, "publisher": "测试发布者", "date": "2024-03-01", "url": "https://example.org/" + title}


def entry(year: int, stated: str, unit: str, basis: str = "统计", value: str | None = None,
          title: str = "测试夹具") -> dict:
    """A progress entry: ``value`` (the exact number, as text) only when given."""
    out = {"year": year, "stated": stated}
    if value is not None:
        out["value"] = value
    out.update(unit=unit, basis=basis, source=source(title))
    return out
