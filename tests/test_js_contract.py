"""One contract between Python and the JavaScript (issue 14): every name,
path and reader-facing text that both sides need is defined in Python and
handed to the page (assets.search_contract on the script element, the
index's const, fields and sep); no script of ours repeats one. No browser:
the scripts' code is read as text, comments left out (they may name a file
for the reader)."""
from __future__ import annotations

import re

import pytest
from plansite import assets, search_index
from support.jscode import code_of
from support.site import ROOT

SCRIPTS = sorted((ROOT / "docs" / "assets" / "javascripts").rglob("*.js"))


def shared_values() -> dict[str, str]:
    """What only Python may write, by where Python defines it."""
    values = {f"search_contract[{k}]": v for k, v in assets.search_contract().items()}
    values |= {"assets.JS": assets.JS, "assets.CSS": assets.CSS, "assets.RESULTS": assets.RESULTS,
               "search_index.INDEX_GLOBAL": search_index.INDEX_GLOBAL}
    for path in (assets.ENGINE, assets.RESULTS, search_index.INDEX_PATH):
        values[f"file name {path}"] = path.rsplit("/", 1)[1]
    values |= {f"CONSTANTS[kinds][{i}]": name for i, name in enumerate(search_index.CONSTANTS["kinds"])}
    values |= {f"CONSTANTS[messages][{k}]": v for k, v in search_index.CONSTANTS["messages"].items()}
    # a message's text without its {placeholders}, piece by piece
    for k, v in search_index.CONSTANTS["messages"].items():
        for j, piece in enumerate(p for p in re.split(r"\{\w+\}", v) if len(p.strip(" ：:·（）“”")) >= 4):
            values[f"CONSTANTS[messages][{k}] part {j}"] = piece
    return values


SEPARATOR = re.compile(r"\\x7f|\\u007f|\\u\{7f\}|\x7f", re.I)


def repeated(code: str) -> list[str]:
    found = [name for name, value in shared_values().items() if value in code]
    if SEPARATOR.search(code):
        found.append("search_index.WORD_SEPARATOR")
    return found


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.relative_to(ROOT / "docs").as_posix())
def test_no_script_repeats_what_python_defines(script):
    assert repeated(code_of(script.read_text(encoding="utf-8"))) == []


def test_the_scan_finds_a_repeated_value_and_ignores_comments():
    """So the test above can fail: a literal in the code is found, whether a
    string, part of one or a name; the same in a comment is not."""
    assert len(SCRIPTS) >= 10
    index, event = search_index.INDEX_PATH, search_index.INDEX_EVENT
    failed = search_index.PAGE_MESSAGES["failed"]
    samples = {
        f'var u = new URL("{index}", root);': "search_contract[index]",
        f"var e = '{event}';": "search_contract[index-event]",
        f"if (window.{search_index.INDEX_GLOBAL}) go();": "search_index.INDEX_GLOBAL",
        f'var k = ["{search_index.CONSTANTS["kinds"][2]}"];': "CONSTANTS[kinds][2]",
        'p.textContent = "' + failed + '";': "search_contract[failed]",
        'var s = "没有找到“" + q + "”。";': "CONSTANTS[messages][none] part 0",
        'var SEP = "\\x7f";': "search_index.WORD_SEPARATOR",
        'var re = /["/]/; var f = "' + index.rsplit("/", 1)[1] + '";': "file name " + index,
    }
    for code, name in samples.items():
        assert name in repeated(code_of(code)), code
    quiet = (f"// the index ({index}) dispatches {event}\n/* {failed} */\n"
             'var re = /\\/\\/ not a comment/; var x = 1 / 2; // "' + index + '"\n')
    assert repeated(code_of(quiet)) == []
    assert "/\\/\\/ not a comment/" in code_of(quiet) and "1 / 2" in code_of(quiet)
