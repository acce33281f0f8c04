#!/usr/bin/env python3
"""Search: the site's own search beside mkdocs-material's built-in search
(plugin `search`, `lang: zh`, which segments with jieba), built from the same
content and measured in one run in headless Chromium.

Two builds of a scratch copy of the project: ours as configured, and one
with a config that INHERITs mkdocs.yml and turns Material's search plugin on
(our header override removed, so Material's own search is in the page).

Measured, for a list of queries of every kind:
* recall and precision against ground truth from the built pages: the
  [data-para] units of the chapter pages whose text, in comparison form
  (plansite.textform: NFKC, case folded, invisible characters and white
  space out, look-alikes folded, thousands separators out, Traditional and
  regional variants → Simplified), contains every term of the query.
  Unit level for ours (Material has no units); section level for both (a
  unit's section is the h2 it stands under; Material's results are mapped to
  the same sections, results outside the chapter pages are left out, as are
  the page entries Material adds with score 0 to group its results).
  Micro-averaged over all queries.
* engine time per query, p50 and p95: ours `engine.search(q)` in the page;
  Material's, a query message to its search worker and the answer back.
* time from opening the results URL on localhost (fresh browser context,
  empty cache) until the results are done, median: ours search/?q=… until
  its results container says data-state="done" (the issue's contract),
  Material's ?q=… (its deep link, which opens the search with results)
  until its result line stops saying it is starting up; and until those
  results are first drawn on screen (Element Timing). Beside it, the floor:
  a copy of our results page whose only script marks the container done,
  so what the theme and the page cost before any search work; and the
  same URL opened from a chapter page, and opened a second time.
* everything search downloads, gzip -9 of each file the browser fetched for
  it: ours search/results.js (engine, site.js and index in one, on the
  results page), search-engine.js, plan-index.js, and the whole of site.js
  and site.css, which carry the search code and styles joined with the
  site's other scripts and styles (so ours is counted high);
  Material's search worker, the lunr files it imports and search_index.json.

With --against REF (e.g. main), a third build from that git ref is timed
and measured beside ours, load by load in turn with ours and the floor in
the same run: the baseline a change is judged against. The query list includes every query of
tests/cases/normalisation.tsv (what readers type and paste, issue 10).

Usage: python bench/bench_search.py [--reps N] [--loads N] [--against REF]
Writes bench/results/search.json.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import quote, urlsplit

import lxml.html
from plansite import textform

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")

QUERIES = [
    "运河", "大运河", "镇坪", "老城厢", "皇粮浜", "殷杏泰", "邹区镇", "两新一智", "高新技术企业",
    "2025年", "1000亿", "2号线", "80%", "11.6%", "400家", "12个", "13.5以上", "预期性", "约束性",
    "经济发展", "万元", "省级", "国家级", "PM2.5", "GDP", "5G", "LOGO", "ＧＤＰ", "（东部）",
    "“两新一智”", "大運河", "產業園", "創新", "文化", "数字经济", "智能制造", "养老", "人才",
    "运河 文化", "两新一智 企业", "高新技术企业 2025年", "科技 金融 服务",
    "区块链火星基地", "量子纠缠",
]
CASES = [c.query for c in textform.read_cases(Path(__file__).resolve().parent.parent / "tests" / "cases" / "normalisation.tsv")]
QUERIES += [q for q in CASES if q not in QUERIES]
TIMED = ["运河", "2025年", "高新技术企业", "大運河", "运河 文化"]

norm = textform.compare_form
terms_of = textform.query_terms


def build(project: Path, out: Path, config: str | None = None) -> None:
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)]
    if config:
        cmd += ["-f", config]
    # the project's own package first (a baseline's plansite, not ours)
    env = dict(ENV, PYTHONPATH=str(project / "scripts"))
    r = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True)
    if r.returncode:
        sys.exit(f"build failed ({config or 'mkdocs.yml'}):\n{r.stderr[-3000:]}")


def chapter_model(site: Path):
    """units: [(page url, id, normalised text)]; section_of: page → id → h2 id."""
    units, section_of = [], {}
    for path in sorted(site.glob("chapters/*/index.html")):
        page = path.relative_to(site).parent.as_posix() + "/"
        doc = lxml.html.document_fromstring(path.read_text(encoding="utf-8"))
        art = next(iter(doc.cssselect("article")), doc)
        current, ids = "", {}
        for el in art.iterdescendants("*"):          # every element (no comments), in order
            if el.tag == "h2" and el.get("id"):
                current = el.get("id")
            if el.get("id"):
                ids[el.get("id")] = current
            if el.get("data-para") is not None:
                units.append((page, el.get("id"), norm(el.text_content())))
        section_of[page] = ids
    return units, section_of


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):  # a page closed mid-download
        pass


def serve(directory: Path):
    server = QuietServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


OURS_JS = """async ({queries, reps}) => {
  const add = (src) => new Promise((ok, ko) => { const s = document.createElement('script');
    s.src = new URL(src, location.href).href; s.onload = ok; s.onerror = ko; document.head.appendChild(s); });
  await add('../assets/javascripts/search-engine.js');
  await add('plan-index.js');
  // (PlanSearchEngine: the engine's name before issue 14, for a baseline built from then)
  const engine = new (window.PlanSearch ? window.PlanSearch.Engine : window.PlanSearchEngine)(window.PlanSearchIndex);
  const out = {};
  for (const q of queries) {
    const res = engine.search(q);
    const times = [];
    for (let i = 0; i < reps; i++) { const t = performance.now(); engine.search(q); times.push(performance.now() - t); }
    out[q] = {ids: res.results.map(r => [engine.pages[r.unit.page].url, r.unit.id]), times,
              mode: res.mode, terms: res.terms};
  }
  return out;
}"""

MATERIAL_JS = """async ({queries, reps, worker}) => {
  const w = new Worker(worker);
  const index = await (await fetch(new URL('search/search_index.json', location.href).href)).json();
  let waiting = null;
  w.onmessage = (e) => { const f = waiting; waiting = null; f(e.data); };
  const ask = (msg) => new Promise(ok => { waiting = ok; w.postMessage(msg); });
  // what Material's bundle sends (search.suggest is not enabled)
  await ask({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}});
  const out = {};
  for (const q of queries) {
    const res = await ask({type: 2, data: q});
    const times = [];
    for (let i = 0; i < reps; i++) { const t = performance.now(); await ask({type: 2, data: q}); times.push(performance.now() - t); }
    const locs = [];
    for (const group of res.data.items) for (const d of group) if (d.score > 0) locs.push(d.location);
    out[q] = {locations: locs, times};
  }
  w.terminate();
  return out;
}"""

# Records when the results are complete: ours when the container is done
# (the contract), Material's when its result line no longer says it
# is starting up; and when they have been drawn on screen after that.
DONE_SCRIPT = """(() => {
  const mark = () => {
    if (window.__searchDone) return;
    const ours = document.querySelector('[data-search-results][data-state=done]');
    const meta = document.querySelector('.md-search-result__meta');
    const theirs = meta && document.querySelector('.md-search__input') && document.querySelector('.md-search__input').value &&
      !/初始化|键入/.test(meta.textContent);
    if (ours || theirs) {
      window.__searchDone = performance.now();
      // on screen: Element Timing reports when the first result's text
      // (Material's: its result line) is first drawn
      const shown = (ours && (ours.querySelector('[data-search-result] p') || ours.querySelector('p'))) || meta;
      if (shown) shown.setAttribute('elementtiming', 'search-results');
    }
  };
  new MutationObserver(mark).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.identifier === 'search-results' && window.__searchPainted === undefined) window.__searchPainted = e.renderTime;
    }
  }).observe({type: 'element', buffered: true});
})();"""


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    k = (len(s) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def scores(pairs):
    """Micro-averaged (recall, precision) over [(results set, truth set)]."""
    tp = sum(len(r & g) for r, g in pairs)
    got = sum(len(r) for r, _ in pairs)
    want = sum(len(g) for _, g in pairs)
    return (tp / want if want else 1.0), (tp / got if got else 1.0)


def time_to_results(browser, url: str, loads: int):
    """Median (done, painted) over fresh browser contexts, and what was fetched."""
    times, painted, fetched = [], [], set()
    for _ in range(loads):
        ctx = browser.new_context(locale="zh-CN")
        ctx.add_init_script(DONE_SCRIPT)
        page = ctx.new_page()
        page.on("request", lambda r: fetched.add(r.url))
        page.goto(url)
        page.wait_for_function("window.__searchDone !== undefined", timeout=30000)
        times.append(page.evaluate("window.__searchDone"))
        try:
            page.wait_for_function("window.__searchPainted !== undefined", timeout=5000)
            painted.append(page.evaluate("window.__searchPainted"))
        except Exception:   # no Element Timing entry: left out, and said so below
            pass
        ctx.close()
    return statistics.median(times), (statistics.median(painted) if painted else float("nan")), fetched


def interleaved(browser, urls: list[str], loads: int):
    """time_to_results for several URLs, one load of each in turn (the order
    reversed every other round), so that the machine's drifts in speed fall
    on all of them alike: [(median done, median painted, fetched)] per URL."""
    done: list[list[float]] = [[] for _ in urls]
    painted: list[list[float]] = [[] for _ in urls]
    fetched: list[set] = [set() for _ in urls]
    for i in range(loads):
        for k in (range(len(urls)) if i % 2 == 0 else reversed(range(len(urls)))):
            t, p, f = time_to_results(browser, urls[k], 1)
            done[k].append(t)
            if p == p:                   # not NaN: the paint was seen
                painted[k].append(p)
            fetched[k] |= f
    return [(statistics.median(d), statistics.median(p) if p else float("nan"), f)
            for d, p, f in zip(done, painted, fetched, strict=True)]


def time_to_results_warm(browser, url: str, loads: int) -> float:
    """The same, for a reader who has been on the site before: one browser
    context (HTTP and code caches warm), the results URL opened again."""
    ctx = browser.new_context(locale="zh-CN")
    ctx.add_init_script(DONE_SCRIPT)
    page = ctx.new_page()
    times = []
    for i in range(loads + 1):
        page.goto(url)
        page.wait_for_function("window.__searchDone !== undefined", timeout=30000)
        if i:                      # the first load only warms the caches
            times.append(page.evaluate("window.__searchDone"))
    ctx.close()
    return statistics.median(times)


def time_to_results_from_site(browser, first: str, url: str, loads: int) -> float:
    """The path of a reader already on the site: a chapter page is open (the
    theme's assets are cached, the search index and engine are not: they
    load on first use), then the results URL is opened."""
    times = []
    for _ in range(loads):
        ctx = browser.new_context(locale="zh-CN")
        ctx.add_init_script(DONE_SCRIPT)
        page = ctx.new_page()
        page.goto(first)
        page.goto(url)
        page.wait_for_function("window.__searchDone !== undefined", timeout=30000)
        times.append(page.evaluate("window.__searchDone"))
        ctx.close()
    return statistics.median(times)


def page_ready(browser, url: str, loads: int) -> float:
    """Median time to DOMContentLoaded of a page with no search on it: the
    floor any results page of this site stands on."""
    times = []
    for _ in range(loads):
        ctx = browser.new_context(locale="zh-CN")
        page = ctx.new_page()
        page.goto(url)
        times.append(page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"))
        ctx.close()
    return statistics.median(times)


SEARCH_FILES = {"results.js", "search-engine.js", "plan-index.js", "site.js", "site.css"}


def floor_page(site: Path) -> str:
    """A copy of the results page whose only script marks the results
    container done at once: no index, no engine, no search. Its time to
    "done" is what the theme and the page cost before any search work, the
    floor our time stands on. The site's own script (site.js) still loads,
    at the end of the page as on every other page. Written as search-floor/
    beside search/."""
    html = (site / "search" / "index.html").read_text(encoding="utf-8")
    html = re.sub(r'<link rel="preload"[^>]*>\s*', "", html)
    scripts = re.compile(r'<script src="results\.js"[^>]*></script>')
    html, n = scripts.subn('<script>document.querySelector("[data-search-results]")'
                           '.setAttribute("data-state", "done");</script>', html)
    html, m = re.subn(r'(<script src="[^"]*/bundle\.[^"]*\.js"></script>)',
                      r'\1<script src="../assets/javascripts/site.js"></script>', html)
    if n != 1 or m != 1:
        sys.exit("bench: the results page no longer has its script (results.js) and the theme's bundle; update floor_page()")
    out = site / "search-floor"
    out.mkdir(exist_ok=True)
    (out / "index.html").write_text(html, encoding="utf-8")
    return "search-floor/"


def gzip_size(site: Path, base: str, urls, keep) -> tuple[int, list[str]]:
    total, names = 0, []
    for u in sorted(urls):
        path = urlsplit(u).path
        if not u.startswith(base) or not keep(path):
            continue
        f = site / path.lstrip("/")
        if f.is_dir():
            continue
        total += len(gzip.compress(f.read_bytes(), 9))
        names.append(path.lstrip("/"))
    return total, names


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=20, help="timed repetitions of each query")
    ap.add_argument("--loads", type=int, default=7, help="page loads for time to results")
    ap.add_argument("--against", metavar="REF", help="also time and measure this git ref's build (the baseline)")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        project = tmp / "project"
        shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
            ".venv", "site", ".site-*", ".git", "__pycache__", ".pytest_cache", "results"))
        build(project, tmp / "ours")
        if args.against:
            base_src = tmp / "base-src"
            base_src.mkdir()
            archive = subprocess.run(["git", "archive", args.against], cwd=ROOT, capture_output=True, check=True).stdout
            subprocess.run(["tar", "-x", "-C", str(base_src)], input=archive, check=True)
            build(base_src, tmp / "base")
        # Material's build: its search plugin on, our header search out.
        for name in ("header.html", "search.html"):
            (project / "overrides" / "partials" / name).unlink(missing_ok=True)
        (project / "bench-material.yml").write_text(
            "INHERIT: mkdocs.yml\nplugins:\n  - search:\n      lang: zh\n", encoding="utf-8")
        build(project, tmp / "material", "bench-material.yml")

        units, section_of = chapter_model(tmp / "ours")

        def containing(terms):
            return {(p, i) for p, i, t in units if terms and all(x in t for x in terms)}

        truth = {q: containing(terms_of(q)) for q in QUERIES}

        def section(page: str, anchor: str) -> tuple[str, str]:
            return page, section_of.get(page, {}).get(anchor, "")

        floor_path = floor_page(tmp / "ours")
        ours_srv, ours_url = serve(tmp / "ours")
        base_srv, base_url = serve(tmp / "base") if args.against else (None, None)
        mat_srv, mat_url = serve(tmp / "material")
        worker = next((tmp / "material" / "assets/javascripts/workers").glob("search.*.js"))
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(ours_url + "search/")
            ours = page.evaluate(OURS_JS, {"queries": QUERIES, "reps": args.reps})
            if args.against:
                page.goto(base_url + "search/")
                base = page.evaluate(OURS_JS, {"queries": QUERIES, "reps": args.reps})
            page.goto(mat_url)
            theirs = page.evaluate(MATERIAL_JS, {"queries": QUERIES, "reps": args.reps,
                                                 "worker": mat_url + worker.relative_to(tmp / "material").as_posix()})
            page.close()
            ours_load, ours_fetched = [], set()
            mat_load, mat_fetched = [], set()
            ours_warm, mat_warm = [], []
            ours_site, mat_site = [], []
            ours_paint, mat_paint, floor_done = [], [], []
            base_load, base_paint, base_fetched = [], [], set()
            for q in TIMED:
                urls = [ours_url + floor_path + "?q=" + quote(q), ours_url + "search/?q=" + quote(q)]
                if args.against:
                    urls.append(base_url + "search/?q=" + quote(q))
                timed = interleaved(browser, urls, args.loads)
                floor_done.append(timed[0][0])
                t, t_paint, f = timed[1]
                ours_load.append(t)
                ours_paint.append(t_paint)
                ours_fetched |= f
                if args.against:
                    t, t_paint, f = timed[2]
                    base_load.append(t)
                    base_paint.append(t_paint)
                    base_fetched |= f
                t, t_paint, f = time_to_results(browser, mat_url + "?q=" + quote(q), args.loads)
                mat_load.append(t)
                mat_paint.append(t_paint)
                mat_fetched |= f
                ours_warm.append(time_to_results_warm(browser, ours_url + "search/?q=" + quote(q), args.loads))
                mat_warm.append(time_to_results_warm(browser, mat_url + "?q=" + quote(q), args.loads))
                ours_site.append(time_to_results_from_site(browser, ours_url + "chapters/ch04/",
                                                           ours_url + "search/?q=" + quote(q), args.loads))
                mat_site.append(time_to_results_from_site(browser, mat_url + "chapters/ch04/",
                                                          mat_url + "?q=" + quote(q), args.loads))
            floor = page_ready(browser, ours_url + "404.html", args.loads * 2)
            chapter_floor = page_ready(browser, ours_url + "chapters/ch04/", args.loads * 2)
            browser.close()
        ours_srv.shutdown()
        mat_srv.shutdown()
        if base_srv:
            base_srv.shutdown()

        # A query not found as written may fall back to words of the plan
        # (each of two or more characters, each found, the query's own
        # pieces in order with only punctuation between): then the truth is
        # the units holding all of them; any other fallback counts as wrong.
        for q in QUERIES:
            words = ours[q]["terms"] if ours[q]["mode"] == "fallback" else None
            if truth[q] or not words:
                continue
            rest, fair = "".join(terms_of(q)), len(terms_of(q)) == 1
            for w in words:
                at = rest.find(w)
                fair = fair and len(w) > 1 and bool(containing([w])) and at >= 0 and \
                    (at == 0 or textform.is_punct(rest[:at]))
                rest = rest[at + len(w):] if at >= 0 else rest
            if fair and (not rest or textform.is_punct(rest)):
                truth[q] = containing(words)
        unit_pairs, ours_sec, mat_sec, misses = [], [], [], {}
        for q in QUERIES:
            got = {(p, i) for p, i in ours[q]["ids"]}
            unit_pairs.append((got, truth[q]))
            g_sec = {section(p, i) for p, i in truth[q]}
            ours_sec.append(({section(p, i) for p, i in got}, g_sec))
            m = set()
            for loc in theirs[q]["locations"]:
                page_url, _, anchor = loc.partition("#")
                if page_url.startswith("chapters/"):
                    m.add(section(page_url, anchor))
            mat_sec.append((m, g_sec))
            if got != truth[q]:
                misses[q] = {"missing": sorted(i for _, i in truth[q] - got), "extra": sorted(i for _, i in got - truth[q])}
        ours_times = [t for q in QUERIES for t in ours[q]["times"]]
        mat_times = [t for q in QUERIES for t in theirs[q]["times"]]
        ours_size, ours_files = gzip_size(tmp / "ours", ours_url, ours_fetched,
                                          lambda p: p.rsplit("/", 1)[-1] in SEARCH_FILES)
        if args.against:
            base_size, _ = gzip_size(tmp / "base", base_url, base_fetched, lambda p: p.rsplit("/", 1)[-1] in SEARCH_FILES)
            base_pairs = [({(p, i) for p, i in base[q]["ids"]}, truth[q]) for q in QUERIES]
        mat_size, mat_files = gzip_size(tmp / "material", mat_url, mat_fetched,
                                        lambda p: "/workers/" in p or "/lunr/" in p or p.endswith("search_index.json"))

    r_unit = scores(unit_pairs)
    r_ours = scores(ours_sec)
    r_mat = scores(mat_sec)
    rows = [
        ("queries", f"{len(QUERIES)}", f"{len(QUERIES)}"),
        ("recall, units", f"{r_unit[0]:.3f}", "—"),
        ("precision, units", f"{r_unit[1]:.3f}", "—"),
        ("recall, sections", f"{r_ours[0]:.3f}", f"{r_mat[0]:.3f}"),
        ("precision, sections", f"{r_ours[1]:.3f}", f"{r_mat[1]:.3f}"),
        ("engine time per query p50 (ms)", f"{pct(ours_times, .5):.3f}", f"{pct(mat_times, .5):.3f}"),
        ("engine time per query p95 (ms)", f"{pct(ours_times, .95):.3f}", f"{pct(mat_times, .95):.3f}"),
        ("open results URL → results done, median (ms)", f"{statistics.median(ours_load):.0f}",
         f"{statistics.median(mat_load):.0f}"),
        ("  the same → results drawn on screen, median (ms)", f"{statistics.median(ours_paint):.0f}",
         f"{statistics.median(mat_paint):.0f}"),
        ("  floor: the same page marked done by one script, no search (ms)", f"{statistics.median(floor_done):.0f}", ""),
        ("  the same, opened from a chapter page (search not yet loaded) (ms)", f"{statistics.median(ours_site):.0f}",
         f"{statistics.median(mat_site):.0f}"),
        ("  the same, warm caches (second visit), median (ms)", f"{statistics.median(ours_warm):.0f}",
         f"{statistics.median(mat_warm):.0f}"),
        ("  for reference: a page without search, DOMContentLoaded (ms)", f"{floor:.0f}", ""),
        ("  for reference: a chapter page, DOMContentLoaded (ms)", f"{chapter_floor:.0f}", ""),
        ("search downloads, gzip (KB)", f"{ours_size / 1024:.1f}", f"{mat_size / 1024:.1f}"),
    ]
    if args.against:
        r_base = scores(base_pairs)
        rows[1:1] = [(f"  {args.against}: recall / precision, units, same queries",
                      f"{r_base[0]:.3f} / {r_base[1]:.3f}", "")]
        base_times = [t for q in QUERIES for t in base[q]["times"]]
        rows += [(f"  {args.against}: engine time per query p50 / p95 (ms)",
                  f"{pct(base_times, .5):.3f} / {pct(base_times, .95):.3f}", ""),
                 (f"  {args.against}: open results URL → results done, median (ms)", f"{statistics.median(base_load):.0f}", ""),
                 (f"  {args.against}: the same → results drawn on screen (ms)", f"{statistics.median(base_paint):.0f}", ""),
                 (f"  {args.against}: search downloads, gzip (KB)", f"{base_size / 1024:.1f}", "")]

    def ratio(a: str, b: str) -> str:
        try:
            return f"{float(a) / float(b):.2f}" if float(b) else ""
        except ValueError:
            return ""

    w = max(len(r[0]) for r in rows)
    print(f"{'':{w}}  {'ours':>10}  {'Material':>10}  {'ours/Mat.':>9}")
    for name, a, b in rows:
        print(f"{name:{w}}  {a:>10}  {b:>10}  {ratio(a, b) if name != 'queries' else '':>9}")
    print(f"\nours downloads: {', '.join(ours_files)}\nMaterial downloads: {', '.join(mat_files)}")
    budgets = {
        "recall and precision 1.000": r_unit == (1.0, 1.0),
        "engine p95 <= 2 ms": pct(ours_times, .95) <= 2.0,
        "time to results median <= 150 ms": statistics.median(ours_load) <= 150,
        "downloads <= Material's": ours_size <= mat_size,
    }
    if args.against:
        budgets[f"time to results <= {args.against}'s (same run)"] = statistics.median(ours_load) <= statistics.median(base_load)
        budgets[f"downloads <= {args.against}'s"] = ours_size <= base_size
    for name, ok in budgets.items():
        print(f"budget {name}: {'met' if ok else 'NOT MET'}")
    if misses:
        print("ours differs from the ground truth:", json.dumps(misses, ensure_ascii=False))
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "search.json").write_text(json.dumps({
        "rows": rows, "budgets": budgets, "ours_files": ours_files, "material_files": mat_files,
        "per_query_material_sections": {q: sorted(map(list, m)) for q, (m, _) in zip(QUERIES, mat_sec)},
    }, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0 if all(budgets.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
