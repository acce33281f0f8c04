"""Read an editor's YAML so that every value is the text they typed.

Why not an off-the-shelf schema: YAML 1.1 (PyYAML's ``SafeLoader``) reads
``1:12`` as 72, ``010`` as 8, ``3.50`` as 3.5, ``yes`` as true and
``2025-12-31`` as a date. The YAML 1.2 core schema (ruamel.yaml, or a
PyYAML resolver for it) fixes the first two only: it still reads ``010`` as
10, ``3.50`` as 3.5, ``1e3`` as 1000 and ``null`` as nothing, and
ruamel.yaml's round-trip types keep a number's width only until it is
printed with ``str``. Whatever a resolver guesses, the guess is made without
knowing what the field is for.

So we load with the YAML *failsafe* schema (every scalar is text; PyYAML's
``BaseResolver`` has no implicit types) and let the JSON Schema decide: a
plain value becomes an integer only where the schema wants one and the text
is a plain decimal integer, and ``null``/``~`` become nothing only where the
schema allows nothing. Everything else stays the exact text, so a page shows
what the file says. PyYAML's composer gives every node its line, column and
style (plain or quoted), which the messages need; ruamel.yaml would add a
build dependency for no gain here. PyYAML's C parser (libyaml, in its
wheels) reads a file about six times faster than its Python one; it reads
the same nodes, but words its errors differently, and the messages are
built from the Python parser's words: so a file is read by the C parser
first and, only when that fails, again by the Python one, whose error is
the one reported (tests/test_yamltext.py holds the two to the same nodes
for every table and every broken file of the check's corpus).

Two things no YAML library reports, because the file is valid YAML, are
checked on the lines themselves (``lint``): characters nobody can see
(zero-width, no-break and full-width spaces) and a plain value that YAML
reads differently from how it looks (a second ``: ``, `` #`` that starts a
comment, a first character such as ``>``, ``|``, ``&``, ``*``, ``!``, ``-``).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import jsonschema
import yaml

from . import messages
from .messages import invisible

KEY_LINE = re.compile(r"^(?P<lead>[ ]*(?:-[ ]+)*)(?:(?P<key>[A-Za-z_][\w-]*)[ ]*:(?=[ ]|$)[ ]*)?(?P<value>.*)$")
INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
NULLS = {"null", "Null", "NULL", "~"}
# Full-width digits or a thousands separator: a number a reader recognises
# that no program reads as one (the chart of a progress value skips it).
FULLWIDTH_NUMBER = re.compile(r"[-－]?[0-9０-９]*[０-９][0-9０-９]*(?:[.．][0-9０-９]+)?")
GROUPED_NUMBER = re.compile(r"-?[0-9]{1,3}(?:[,，][0-9]{3})+(?:\.[0-9]+)?")


@dataclass
class Finding:
    """A problem found on a line before the YAML is parsed: 1-based line and
    column, and the Chinese message; the field path is filled in later."""
    line: int
    column: int
    message: str
    key: str = ""


@dataclass
class Loaded:
    data: object
    marks: dict = field(default_factory=dict)      # path -> (line, column) of the value
    keys: dict = field(default_factory=dict)       # path -> (line, column) of the key
    plain: set = field(default_factory=set)        # paths of unquoted scalars
    spans: list = field(default_factory=list)      # (path, start line, end line) of scalars
    duplicates: list = field(default_factory=list)  # (path, line, column, line of the first)


# The indentation a character other than a space stands for, in spaces.
WIDTH = {" ": " ", "\u3000": "  ", "\u00a0": " "}


def lint(text: str) -> tuple[list[Finding], str]:
    """Findings on the lines, and the text with each offending value replaced
    by '' and each invisible character removed (parsed only to name the
    field of a finding)."""
    findings: list[Finding] = []
    out: list[str] = []
    for number, line in enumerate(text.split("\n"), start=1):
        clean = line
        indent_end = len(line) - len(line.lstrip(" \u3000\u00a0"))
        comment = line.lstrip(" \u3000\u00a0").startswith("#")
        if any(invisible(c) for c in set(line)):     # each different character asked once
            indented = False
            for column, char in enumerate(line, start=1):
                if invisible(char):
                    at_start = column <= indent_end
                    if at_start and indented:     # one indentation, one problem: the first character names it
                        continue
                    indented |= at_start
                    at_end = not "".join(c for c in line[column:] if c != " " and not invisible(c))
                    findings.append(Finding(number, column, messages.invisible_char(char, at_start, at_end, comment)))
            # the indentation meant: a full-width space is two columns wide, a no-break space one
            clean = "".join(WIDTH.get(c, "") if i < indent_end else "" if invisible(c) else c
                            for i, c in enumerate(line))
        m = KEY_LINE.match(clean)
        value = m.group("value") if m else ""
        key = m.group("key") if m else None
        if m and (key or m.group("lead").strip()) and value and not value.startswith("#"):
            problem = messages.plain_value_problem(key, value)
            if problem:
                findings.append(Finding(number, m.start("value") + 1, problem, key or ""))
                clean = clean[: m.start("value")] + "''"
        out.append(clean)
    return findings, "\n".join(out)


class _Refusing:
    """Anchors, aliases and tags are refused: an editor who types ``&`` or
    ``*`` or ``!`` at the start of a value means text (lint reports it first)."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) or getattr(event, "tag", None):
            raise yaml.composer.ComposerError(None, None, "found a character that cannot start any token",
                                              event.start_mark)
        return super().compose_node(parent, index)


class Loader(_Refusing, yaml.BaseLoader):
    """PyYAML's reader, scanner, parser and composer with the failsafe schema:
    the reference, and the one whose errors are reported."""


if getattr(yaml, "__with_libyaml__", False):
    class FastLoader(_Refusing, yaml.composer.Composer, yaml.cyaml.CParser, yaml.resolver.BaseResolver):
        """libyaml's scanner and parser, PyYAML's composer and failsafe
        schema: the same nodes as Loader (a plain scalar's style is "" here,
        None there; _build reads both as plain)."""

        def __init__(self, stream):
            yaml.cyaml.CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.resolver.BaseResolver.__init__(self)
else:       # PyYAML built without libyaml: the Python parser alone
    FastLoader = None


def _node(loader_class, text: str):
    loader = loader_class(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def compose(text: str, loader_class=None) -> Loaded | None:
    """The document as dicts, lists and strings (plain empty values are None);
    None when the file has no document. Raises yaml.YAMLError, as Loader
    words it. ``loader_class``: one parser only (for tests), else FastLoader
    with Loader after a failure."""
    if loader_class is not None:
        node = _node(loader_class, text)
    elif FastLoader is None:
        node = _node(Loader, text)
    else:
        try:
            node = _node(FastLoader, text)
        except yaml.YAMLError:
            node = _node(Loader, text)
    if node is None:
        return None
    loaded = Loaded(None)
    loaded.data = _build(node, (), loaded)
    return loaded


def _build(node, path: tuple, loaded: Loaded):
    loaded.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in out:
                loaded.duplicates.append((path + (key,), *where, loaded.keys[path + (key,)][0]))
                continue
            loaded.keys[path + (key,)] = where
            out[key] = _build(value_node, path + (key,), loaded)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), loaded) for i, item in enumerate(node.value)]
    loaded.spans.append((path, node.start_mark.line + 1, node.end_mark.line + 1 - (node.end_mark.column == 0)))
    if not node.style:                 # None (Loader) or "" (FastLoader): unquoted
        loaded.plain.add(path)
        if node.value == "":
            return None            # nothing typed after the colon
    return node.value


def field_at(loaded: Loaded | None, line: int) -> tuple:
    """The path of the scalar that starts on ``line`` (or () when unknown)."""
    if loaded is None:
        return ()
    for path, start, _end in loaded.spans:
        if start == line:
            return path
    return ()


# --- typing by the schema ------------------------------------------------------

def _shapes(schema: dict, data) -> dict[tuple, dict]:
    """For every path in ``data`` the schema describes: the types it allows
    and the fields its object takes. jsonschema does the walking ($ref,
    properties, items, allOf) with two extra keywords that always "fail", so
    each visit comes back as an error carrying its absolute path."""
    shapes: dict[tuple, dict] = {}
    for err in _prober()(schema).iter_errors(data):
        shape = shapes.setdefault(tuple(err.absolute_path), {"types": set(), "fields": {}})
        sub = err.schema
        if err.validator == "type":
            types = sub["type"]
            shape["types"] |= set(types if isinstance(types, list) else [types])
            shape.setdefault("field", sub.get("title", ""))
        elif err.validator == "properties":
            shape["fields"].update(sub.get("properties", {}))
            shape.setdefault("title", sub.get("title"))
    return shapes


@functools.cache
def _prober():
    """The walking validator class of _shapes (made once: making it takes
    about a millisecond, and every table file needs it)."""
    def probe(validator, _value, instance, schema):
        yield jsonschema.ValidationError("probe")

    walk = {k: jsonschema.Draft202012Validator.VALIDATORS[k]
            for k in ("$ref", "properties", "additionalProperties", "items", "prefixItems", "allOf")}
    validators = {**walk, "type": probe, "properties": _properties_probe(walk["properties"])}
    return jsonschema.validators.create(meta_schema=jsonschema.Draft202012Validator.META_SCHEMA,
                                        validators=validators)


def _properties_probe(descend):
    def properties(validator, value, instance, schema):
        yield jsonschema.ValidationError("probe")
        yield from descend(validator, value, instance, schema)
    return properties


def get(data, path: tuple):
    for part in path:
        data = data[part]
    return data


def _set(data, path: tuple, value) -> None:
    get(data, path[:-1])[path[-1]] = value


def type_by_schema(loaded: Loaded, schema: dict) -> tuple[list[tuple[tuple, str]], dict[tuple, dict]]:
    """Turn plain text into an integer or nothing where the schema wants it;
    (path, message) for each value that cannot be what the field wants, and
    the shapes (for messages about fields in the wrong place)."""
    found: list[tuple[tuple, str]] = []
    shapes = _shapes(schema, loaded.data)
    for path, shape in shapes.items():
        types = shape["types"]
        try:
            value = get(loaded.data, path)
        except (KeyError, IndexError, TypeError):
            continue
        if not isinstance(value, str):
            continue
        numeric = bool(types & {"integer", "number"})
        if numeric and (FULLWIDTH_NUMBER.fullmatch(value) or GROUPED_NUMBER.fullmatch(value)):
            found.append((path, messages.number_form(value, shape.get("field", ""))))
            continue
        if path not in loaded.plain:
            continue
        if "null" in types and value in NULLS:      # the schema's "nothing", e.g. deadline: null
            _set(loaded.data, path, None)
        elif "string" in types:
            continue
        elif "integer" in types and INTEGER.fullmatch(value):
            _set(loaded.data, path, int(value))
        elif numeric:
            # No field takes only a non-integer number: each that may hold one
            # (targets, progress values) also takes text, and keeps it as typed.
            # A number-only field would need a type that keeps its text (Decimal).
            found.append((path, messages.not_a_plain_number(value, "integer" in types, "null" in types,
                                                                  shape.get("field", ""))))
    return found, shapes
