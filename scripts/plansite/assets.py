"""One stylesheet and one script for the site's own front-end code.

mkdocs.yml lists our stylesheets (extra_css) and scripts (extra_javascript)
file by file, as they are written and reviewed. Served that way, every page
asked for seven files of ours besides the theme's: three stylesheets, each
of which blocks rendering and every script after it, and four scripts. Each
request costs the browser and the server time before anything is drawn; on
the results page the three stylesheets alone held the results back by
about 25 ms (bench/bench_search.py, same build, same minutes). So the build
joins each list, in its order, into one file: one stylesheet and one script
per page.

No bundler is used: the files are plain CSS and classic scripts, each
script one self-contained function, so joining them in order is all there
is to it, and the output stays readable (each part starts with a comment
naming its source). Of a script, the lines that are only a // comment are
left out (``shipped_code``): the sources explain themselves at length, and
the reader need not download that (about a quarter of each joined script,
gzipped). A module or async script could not be joined this way;
such an entry is refused with a message saying so.

The search engine is loaded on first use, not with every page: its parts
(ENGINE_SOURCES, one job each, in docs/assets/javascripts/engine/) are
joined the same way into a file of its own, ENGINE.

What the search code needs to know of Python's side (where the engine, the
index and the results page are, the names the index script sets and
dispatches, the messages shown before the index is there) it reads from its
script element's data attributes, which overrides/main.html writes from
``search_contract()`` (through config.extra): no name or path is written
twice.

The joining happens before the build, into the generated docs tree
(plansite.generate), so that any engine serves the joined files: the
generated mkdocs.yml lists the joined stylesheet as its one extra_css entry,
and the joined script is placed by overrides/main.html (from config.extra)
at the end of every page, except
the search results page. That page has one script of its own, RESULTS,
right after the results: the engine, site.js and the index joined in that
order, so that the results are drawn while the page is parsed, by one
script. Each further script there cost about 15-20 ms to the results (a
request, and a point where the parser may stop to draw the page first:
bench/bench_search.py's runs with three, two and one, same build, same
minutes). If that file does not load, the page falls back to site.js, whose
search part then fetches the engine and the index as on any other page.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import search_index

CSS = "assets/stylesheets/site.css"
JS = "assets/javascripts/site.js"
ENGINE = "assets/javascripts/search-engine.js"
# The engine's parts, in the order they are joined (each only defines; see
# engine/normalise.js).
ENGINE_SOURCES = tuple(f"assets/javascripts/engine/{name}.js"
                       for name in ("normalise", "segment", "match", "highlight", "rank", "suggest", "engine"))
# The results page's script: the engine, then site.js (whose search part
# finds the engine and waits for the index), then the index, whose run
# draws the results. Written after the build, from the built files.
RESULTS = "search/results.js"
RESULTS_PARTS = (ENGINE, JS, search_index.INDEX_PATH)


# How scripts are joined: each part headed by its path; ";" keeps a part that
# ends without one from running into the next.
JS_JOIN = ("// {}\n", "\n;\n")


def shipped_code(script: str) -> str:
    """A script without its lines that are only a // comment. (Our scripts
    hold no template literal that spans lines, where such a line would be
    text: tests/test_assets.py checks that the shipped code is the sources'
    code, comments aside.)"""
    return "\n".join(line for line in script.split("\n") if not line.lstrip().startswith("//"))


class AssetError(Exception):
    """An entry of extra_css or extra_javascript that cannot be joined."""


@dataclass
class Bundles:
    css_sources: list[str]
    js_sources: list[str]

    @classmethod
    def listed(cls, config: dict) -> Bundles:
        """The lists of mkdocs.yml (as read by ``project.read_config``); an
        entry that cannot be joined raises AssetError."""
        css = [str(p) for p in config.get("extra_css") or []]
        js = []
        for entry in config.get("extra_javascript") or []:
            path = str(entry.get("path") if isinstance(entry, dict) else entry)
            if isinstance(entry, dict) and (entry.get("type") or entry.get("async") or entry.get("defer")):
                raise AssetError(f"mkdocs.yml extra_javascript：{path} 带有 type、async 或 defer 属性，"
                                 "无法与其他脚本合并为 site.js；请改为普通脚本，或从列表中移出并在模板中单独引用。")
            js.append(path)
        for path in css + js:
            if "://" in path or path.startswith("/"):
                raise AssetError(f"mkdocs.yml extra_css/extra_javascript：{path} 不是 docs/ 中的文件，无法合并。")
        return cls(css, js)

    def css_list(self) -> list[str]:
        """extra_css of the built site: the one joined stylesheet."""
        return [CSS] if self.css_sources else []

    def extra(self) -> dict:
        """What overrides/main.html reads from config.extra: the joined
        script (None without scripts), the results page's script and the
        search contract (``search_contract``)."""
        return {"plan_script": JS if self.js_sources else None, "plan_results_script": RESULTS,
                "plan_search": search_contract()}

    def contents(self, docs_dir: Path) -> dict[str, str]:
        """The joined files, by their path in the site."""
        out = {ENGINE: join(docs_dir, ENGINE_SOURCES, *JS_JOIN, shipped_code)}
        if self.css_sources:
            out[CSS] = join(docs_dir, self.css_sources, "/* {} */\n", "\n")
        if self.js_sources:
            out[JS] = join(docs_dir, self.js_sources, *JS_JOIN, shipped_code)
        return out

    def sources(self) -> set[str]:
        return set(self.css_sources) | set(self.js_sources) | set(ENGINE_SOURCES)


def search_contract() -> dict[str, str]:
    """What the search code reads from its script element: data-KEY="value"
    for each item (paths from the site's root). The one place these names
    reach the browser; tests/test_js_contract.py checks that no script of
    ours repeats one."""
    return {
        "engine": ENGINE,
        "index": search_index.INDEX_PATH,
        "index-global": search_index.INDEX_GLOBAL,
        "index-event": search_index.INDEX_EVENT,
        "page": search_index.SEARCH_PAGE,
        **search_index.PAGE_MESSAGES,
    }


def join(root: Path, paths, head: str, sep: str, keep=lambda text: text) -> str:
    """The files at paths under root, in order, each headed by its path;
    ``keep``: what of each file is joined."""
    parts = []
    for path in paths:
        f = root / path
        if not f.is_file():
            raise AssetError(f"mkdocs.yml extra_css/extra_javascript（或 plansite/assets.py ENGINE_SOURCES）："
                             f"找不到文件 {root.name}/{path}。")
        parts.append(head.format(path) + keep(f.read_text(encoding="utf-8")).rstrip("\n") + "\n")
    return sep.join(parts)


def write_results_script(site_dir: Path) -> None:
    """search/results.js: the built engine, site.js and index, joined."""
    (site_dir / RESULTS).write_text(join(site_dir, RESULTS_PARTS, *JS_JOIN), encoding="utf-8")
