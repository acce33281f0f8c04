"""MkDocs hooks: thin glue around scripts/build_tables.py.

on_config  builds everything (load → validate → render) and sets the nav;
           takes our stylesheets and scripts to be joined (plansite.assets);
on_files   adds the generated pages and the joined stylesheet and script as
           virtual files (nothing is written into the repository) and
           points "edit this page" at the file an editor changes;
on_env     tells overrides/main.html where the joined script goes;
on_page_markdown expands markers in the hand-written pages of docs/;
on_post_build writes the search index, the plan text as open data (read from
           the built chapter pages) and the results page's script;
on_serve   reloads the preview when chapters, tables or templates change, and
           keeps serving the last good build while the check fails.

The build result lives on the config object, which MkDocs makes anew for
every (re)build, so nothing survives between `mkdocs serve` rebuilds.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from plansite import assets, plan_text, preview, revisions, search_index, titles
from plansite.cli import internal_error
from plansite.problems import BuildError
from plansite.site import build

ROOT = Path(__file__).resolve().parent.parent

WATCHED = ("chapters", "tables", "templates", "scripts")
KEY = "plan_site"
SEARCH = "plan_search"
DATES = "plan_dates"
ASSETS = "plan_assets"


def on_config(config):
    try:
        config[ASSETS] = assets.Bundles.take(config)
    except assets.AssetError as exc:
        preview.State.check_failed = True
        raise PluginError(str(exc)) from None
    try:
        site = build(ROOT)
    except BuildError as exc:
        preview.State.check_failed = True
        raise PluginError("\n" + exc.report()) from None
    except Exception as exc:  # noqa: BLE001 - `mkdocs serve` would print a traceback
        preview.State.check_failed = True
        raise PluginError("\n" + internal_error(exc)) from None
    config[KEY] = site
    config["nav"] = site.nav()
    config[SEARCH] = search_index.Collector(ROOT, search_index.reading_order(config["nav"]))
    config[DATES] = revisions.History(ROOT)
    return config


def on_files(files, config):
    site = config[KEY]
    for f in files:
        if not f.generated_by:
            f.edit_uri = f"docs/{f.src_uri}"
    for page in site.pages.values():
        f = File.generated(config, page.src_uri, content=page.markdown)
        f.edit_uri = page.edit
        files.append(f)
    for data in site.files.values():    # MkDocs copies a file that is not Markdown as it is
        files.append(File.generated(config, data.src_uri, content=data.data))
    bundles = config[ASSETS]
    try:
        joined = bundles.contents(Path(config["docs_dir"]))
    except assets.AssetError as exc:
        raise PluginError(str(exc)) from None
    sources = bundles.sources()
    for f in [f for f in files if f.src_uri in sources]:
        files.remove(f)                 # served only as part of the joined file
    for path, content in joined.items():
        files.append(File.generated(config, path, content=content))
    return files


def on_nav(nav, config, files):
    titles.escape_sections(nav.items)   # titles are data: markup in them must stay text
    return nav


def on_env(env, config, files):
    titles.escape_pages(files)          # every page is read now, none rendered yet
    env.globals["plan_script"] = assets.JS if config[ASSETS].js_sources else None
    env.globals["plan_results_script"] = assets.RESULTS
    return env


def on_page_markdown(markdown, page, config, files):
    # "最后更新": the date of the file an editor changes (chapter, YAML or docs/)
    config[DATES].stamp(page, page.file.edit_uri)
    if page.file.generated_by:
        return markdown
    return config[KEY].render_docs_page(markdown, page.file.src_uri)


def on_page_content(html, page, config, files):
    """Chapter pages feed the search index with the units as rendered."""
    if page.file.src_uri.startswith("chapters/"):
        config[SEARCH].add(page.file.src_uri, page.url, page.title, html)
    return html


def on_post_build(config):
    config[SEARCH].write(Path(config["site_dir"]))
    plan_text.write(Path(config["site_dir"]), config[SEARCH], config["site_url"])
    assets.write_results_script(Path(config["site_dir"]))   # needs the index just written


def on_serve(server, config, builder):
    for name in WATCHED:
        server.watch(str(ROOT / name))
    server.builder = preview.keep_last_good(server.builder)   # failed check: serve the last good build
    return server
