"""Every value an editor types is shown as typed, or the check refuses it.

The ground truth is the YAML text itself, read with the YAML failsafe schema
(PyYAML's BaseLoader: every scalar is the text between the delimiters), not
our loader: for every scalar of every file in tables/ that a page shows, the
page's text contains exactly that text. Then the values YAML 1.1 would turn
into other numbers (1:12 → 72, 010 → 8, 3.50 → 3.5, 2025-12-31 → a date,
yes → true …) are typed into a copy and must come out unchanged; where the
schema wants an integer they are refused with a message instead.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from plansite.problems import BuildError
from plansite.site import build
from support.plantext import page_text, page_tree, squeeze
from support.site import ROOT

TABLES = ROOT / "tables"
# Fields that place or find a thing rather than show text: ids, references
# (shown as links named after what they point to), search keywords, the
# table's place, and the 13th-plan direction (used to decide 完成/未完成).
NOT_SHOWN = {"id", "unit", "keywords", "counterpart", "indicator", "aliases", "label_separator",
             "chapter", "section", "columns", "direction", "exclusions"}
# Fields whose schema allows nothing: there `null` is the guide's way to write "none".
NULLABLE = {"deadline"}


def typed(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CBaseLoader)


def page_of(key: str, record_id: str | None) -> str:
    if key.startswith("indicators-"):
        return f"indicators/{record_id}" if record_id else "indicators"
    if key.startswith("box-"):
        return f"boxes/{key}"
    return key                       # glossary, commitments


def shown_scalars(key: str, data: dict) -> list[tuple[str, str, str]]:
    """(page, field, text) for every scalar a page shows: an indicator's
    fields (its 13th-plan parts included) on its own page, the rest on the
    page of their file."""
    found: list[tuple[str, str, str]] = []

    def walk(value, page: str, name: str) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                if k not in NOT_SHOWN:
                    walk(v, page, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, page, name)
        elif value != "" and not (name in NULLABLE and value in ("null", "~")):
            found.append((page, name, value))

    for k, v in data.items():
        if k == "indicators":
            for rec in v:
                walk(rec, page_of(key, rec["id"]), k)
        elif k not in NOT_SHOWN:
            walk(v, page_of(key, None), k)
    return found


@pytest.mark.parametrize("path", sorted(TABLES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_shown_scalar_is_on_its_page_as_typed(built_site, path):
    found = shown_scalars(path.stem, typed(path))
    assert found
    texts: dict[str, str] = {}
    missing = []
    for page, name, value in found:
        if page not in texts:
            texts[page] = squeeze(page_text(page_tree(built_site / page / "index.html")))
        if squeeze(value) not in texts[page]:
            missing.append((page, name, value))
    assert not missing, missing[:5]


# -- values YAML 1.1 would change ------------------------------------------------

KEPT = ["1:12", "010", "3.50", "1e3", "0x1F", ".inf", "+5", "1_000", "2025-12-31", "yes", "off", "null", "~"]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("typed")
    for name in ("chapters", "tables", "templates", "source"):
        shutil.copytree(ROOT / name, root / name)
    return root


def set_value(project: Path, rel: str, record: str, field: str, text: str) -> None:
    """Type ``field: text`` (unquoted) into the record ``- id: record``."""
    path = project / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index(f"- id: {record}")
    at = next(i for i in range(start + 1, len(lines)) if lines[i].startswith(f"  {field}:"))
    lines[at] = f"  {field}: {text}"
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def kept(project, template_cache):
    """Each of KEPT typed, unquoted, as a 2025 target (a text-or-number field)."""
    indicators = [f"ind14-{n}" for n in range(1, len(KEPT) + 1)]
    for ind, text in zip(indicators, KEPT):
        set_value(project, "tables/indicators-14th.yaml", ind, "target_2025", text)
    return dict(zip(indicators, KEPT)), build(project, cache=template_cache)


@pytest.mark.parametrize("text", KEPT)
def test_a_target_is_shown_exactly_as_typed(kept, text):
    chosen, site = kept
    ind = next(i for i, t in chosen.items() if t == text)
    md = site.pages[f"indicators/{ind}.md"].markdown
    assert f"<dt>2025年目标</dt><dd>{text}</dd>" in md


@pytest.mark.parametrize("text", ["yes", "2025-12-31", "1:12", "3.50", "null"])
def test_an_editors_note_that_looks_like_a_date_or_a_boolean_is_shown_as_typed(tmp_path, template_cache, text):
    for name in ("chapters", "tables", "templates", "source"):
        shutil.copytree(ROOT / name, tmp_path / name)
    term = typed(TABLES / "glossary.yaml")["terms"][0]["id"]
    set_value(tmp_path, "tables/glossary.yaml", term, "note", text)
    md = build(tmp_path, cache=template_cache).pages["glossary.md"].markdown
    assert f"编者说明：</span>{text}</p>" in md


@pytest.mark.parametrize("text", ["010", "3.50", "1:12", "1e3", "0x1F", "+5", "1_000", "２", "1,000", "yes", "~"])
def test_an_integer_field_refuses_what_is_not_a_plain_integer(tmp_path, template_cache, text):
    for name in ("chapters", "tables", "templates", "source"):
        shutil.copytree(ROOT / name, tmp_path / name)
    set_value(tmp_path, "tables/indicators-14th.yaml", "ind14-1", "number", text)
    with pytest.raises(BuildError) as exc:
        build(tmp_path, cache=template_cache)
    (problem,) = exc.value.problems
    assert problem.path == "indicators[0].number" and problem.line == 16
    assert f'"{text}"' in problem.message and "（序号）" in problem.message


def test_chapter_front_matter_is_read_as_typed():
    """A chapter's front matter goes through the same failsafe reading as
    tables/: YAML 1.1 would read 1:12 as 72, 010 as 8 and yes as True."""
    from plansite.chapters import split_front_matter

    meta, body, lines = split_front_matter("---\ntitle: 1:12\nchapters: [ch01, 010, yes]\n---\n\n# 第一篇\n")
    assert meta == {"title": "1:12", "chapters": ["ch01", "010", "yes"]}
    assert body == "\n# 第一篇\n" and lines == 4
