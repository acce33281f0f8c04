"""JavaScript read as text, for the tests: its code without its comments."""
from __future__ import annotations

import re


def code_of(js: str) -> str:
    """The script without its comments: strings, template literals and
    regular expressions kept as they are (a // inside one is no comment)."""
    out: list[str] = []
    i, n = 0, len(js)
    last = ""                                  # the last character of code that is not space
    while i < n:
        c = js[i]
        if js.startswith("//", i):
            i = js.find("\n", i) if "\n" in js[i:] else n
            continue
        if js.startswith("/*", i):
            i = js.index("*/", i + 2) + 2
            continue
        start = i
        if c in "\"'`":
            i += 1
            while js[i] != c:
                i += 2 if js[i] == "\\" else 1
            i += 1
        elif c == "/" and (not last or last in "(,=:[!&|?{};+-*%<>~^" or re.search(r"\breturn\s*$", "".join(out))):
            i += 1
            in_class = False
            while in_class or js[i] != "/":
                if js[i] == "\\":
                    i += 1
                elif js[i] == "[":
                    in_class = True
                elif js[i] == "]":
                    in_class = False
                i += 1
            i += 1
        else:
            i += 1
        out.append(js[start:i])
        if not js[start:i].isspace():
            last = js[i - 1]
    return "".join(out)
