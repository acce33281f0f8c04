"""The site's own search (issue 5), in Chromium, against ground truth read
from the built HTML.

The ground truth never comes from the code under test: it is a plain scan of
the text of every [data-para] element on the chapter pages, in comparison
form (plansite.textform, the one normalisation; support.searching). A query
found as written must list exactly the units containing it (every
space-separated term); a query that is not found as written may fall back to
the words the page names, and then must list exactly the units containing
all of those words.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urljoin, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from plansite import assets, search_index
from support.plantext import first, page_tree, parse
from support.searching import check_query, ground_truth, norm, open_results, terms_of, unit_ids
from support.site import SITE_PATH

pytestmark = pytest.mark.browser


# Queries of every kind the issue names; each comment says what it exercises.
QUERIES = [
    "运河",            # inside longer words (大运河)
    "大运河",
    "镇坪",            # missed by other engines
    "老城厢", "皇粮浜", "殷杏泰", "邹区镇", "两新一智",   # project dictionary terms
    "高新技术企业",
    "2025年", "1000亿", "2号线", "80%", "11.6%", "400家", "12个",   # numbers with units
    "13.5以上", "预期性", "约束性", "经济发展", "万元",   # indicator table rows
    "省级", "国家级",  # 专栏 items
    "PM2.5", "pm2.5", "GDP", "5G", "LOGO", "5G基站",    # Latin letters
    "ＧＤＰ", "ＰＭ２．５", "（东部）", "１０００亿",     # full-width
    "“两新一智”", "大运河·乡愁",                          # punctuation
    "大運河", "國家", "產業園", "創新",                   # Traditional
    "运河 文化", "两新一智 企业", "大运河 LOGO", "高新技术企业 2025年", "科技 金融 服务",
    "  运河　文化  ",  # several terms, odd spacing (ideographic space)
    "区块链火星基地", "zzzz", "量子纠缠",                   # no match
]

FALLBACKS = ["「两新一智」", "科技金融服务创新体系", "大运河文化遗产保护", "数字经济核心产业"]


def test_results_equal_ground_truth(page, site_url, plan_units):
    assert len(QUERIES) >= 30
    found = {}
    for q in QUERIES:
        found[q] = check_query(page, site_url, plan_units, q)
    # the list is not trivially satisfied: most queries find something,
    # some find nothing, and 运河 finds more than 大运河
    assert sum(1 for r in found.values() if r["ids"]) >= 35
    assert not found["zzzz"]["ids"]
    assert set(found["大运河"]["ids"]) < set(found["运河"]["ids"])
    assert found["大運河"]["ids"] and set(found["大運河"]["ids"]) == set(found["大运河"]["ids"])


def test_phrase_not_found_falls_back_to_words(page, site_url, plan_units):
    for q in FALLBACKS:
        result = check_query(page, site_url, plan_units, q)
        assert result["fallback"], f"{q!r} should fall back to jieba words"
        assert result["ids"]


def test_no_result_says_so_and_suggests_words_that_occur(page, site_url, plan_units):
    for q in ["区块链火星基地", "运河 火星"]:
        links, count, _ = open_results(page, site_url, q)
        assert links == [] and count == 0
        text = page.text_content("[data-search-results]")
        assert "没有找到" in text
        words = page.eval_on_selector_all("[data-search-suggestion]", "els => els.map(e => e.dataset.searchSuggestion)")
        assert words, f"{q!r}: no suggestion offered"
        for w in words:
            assert ground_truth(plan_units, [norm(w)]), f"suggested {w!r} does not occur"
    # a suggestion is a link to its own results
    page.click("[data-search-suggestion]")
    page.wait_for_selector("[data-search-results][data-state=done]")
    assert int(page.text_content("[data-search-count]")) > 0


def labels_and_heads(html_pages):
    """unit id → (its label: lead sentence, 专栏 item label or indicator name;
    the headings it stands under: chapter, section, 专栏 title, caption)."""
    out = {}
    for key, path in html_pages.items():
        if not re.fullmatch(r"chapters/[^/]+/index\.html", key):
            continue
        doc = parse(path)                  # changed below: a document of its own
        for link in doc.cssselect("a.headerlink"):
            link.drop_tree()               # the link and its ¶ out, the text after it kept
        section = ""
        h1 = first(doc.cssselect("article h1"))
        title = h1.text_content() if h1 is not None else ""
        for el in doc.cssselect("article h2, article [data-para]"):
            if el.tag == "h2":
                section = el.text_content()
                continue
            label = el.find(".//strong") if el.tag in ("p", "li") else el.find(".//a")
            box = next(el.iterancestors("aside"), None)
            table = next(el.iterancestors("table"), None)
            caption = table.find(".//caption") if table is not None else None
            group = box.find(".//h3").text_content() if box is not None else \
                caption.text_content() if caption is not None else ""
            out[el.get("id")] = (norm(label.text_content()) if label is not None else "",
                                 [norm(h) for h in (title, section, group) if h])
    return out


def tier(marks, uid, text, terms):
    """How the issue ranks a result: a label match first, then a heading
    match, then the exact phrase (all terms adjacent) — as a number."""
    label, heads = marks[uid]
    in_label = all(t in label for t in terms)
    in_heads = all(any(t in h for h in heads) for t in terms)
    phrase = "".join(terms) in text
    return 4 * in_label + 2 * in_heads + phrase


def test_label_heading_and_phrase_matches_come_first_then_plan_order(page, site_url, plan_units, html_pages):
    marks = labels_and_heads(html_pages)
    text = {uid: t for _, uid, t, _ in plan_units}
    seen = set()
    for q in ["运河", "创新", "预期性", "数字经济", "运河 文化", "科技 金融", "企业 2025年"]:
        links, _, _ = open_results(page, site_url, q)
        ids = unit_ids(site_url, links, plan_units)
        tiers = [tier(marks, i, text[i], terms_of(q)) for i in ids]
        assert tiers == sorted(tiers, reverse=True), (q, tiers)
        seen.update(tiers)
    assert {7, 3, 1} <= seen or {6, 3, 1} <= seen, f"the queries do not exercise the ranking: {seen}"
    # the toggle shows the same results in plan order
    page.click("button[data-order=plan]")
    plan_ids = page.eval_on_selector_all("[data-search-result]", "els => els.map(e => e.dataset.unit)")
    order = {uid: n for n, (_, uid, _, _) in enumerate(sorted(
        plan_units, key=lambda u: (0 if "preamble" in u[0] else int(re.search(r"ch(\d+)", u[0]).group(1)),)))}
    assert sorted(plan_ids) == sorted(ids) and plan_ids != ids
    assert plan_ids == sorted(plan_ids, key=order.get)
    assert "order=plan" in page.url


def test_results_show_place_snippet_counts_and_facets(page, site_url, plan_units):
    q = "运河"
    links, count, _ = open_results(page, site_url, q)
    by_id = {uid: (p, raw) for p, uid, _, raw in plan_units}
    items = page.query_selector_all("[data-search-result]")
    total = 0
    chapters = set()
    for item in items:
        uid = item.get_attribute("data-unit")
        text = norm(by_id[uid][1])
        n = text.count(q)
        total += n
        chapters.add(by_id[uid][0])
        meta = item.query_selector(".plan-search__meta").text_content()
        assert f"本段 {n} 处" in meta, (uid, meta)
        marks = [m.text_content() for m in item.query_selector_all("mark")]
        assert len(marks) == n and all(norm(m) == q for m in marks), (uid, marks)
        place = item.query_selector("a").text_content()
        assert place.startswith("第") or place.startswith("序言")
    summary = page.text_content(".plan-search__summary")
    assert summary == f"{total} 处提及 · {count} 个段落 · {len(chapters)} 章"
    # facets: by kind, then by chapter; the count of all results stays
    page.click("button[data-facet-kind='2']")
    box_ids = page.eval_on_selector_all("[data-search-result]", "els => els.map(e => e.dataset.unit)")
    assert box_ids and all(i.startswith("box-") for i in box_ids)
    page.click("button[data-facet-kind='']")
    page.select_option("select[data-facet=chapter]", "chapters/ch09/")
    ch9 = page.eval_on_selector_all("[data-search-result] a", "els => els.map(e => e.href)")
    assert ch9 and all("/chapters/ch09/" in h for h in ch9)
    assert len(ch9) == sum(1 for p, uid, t, _ in plan_units if p == "chapters/ch09/" and q in t)
    assert page.text_content("[data-search-count]") == str(count)


def test_header_field_gives_instant_results_and_opens_the_full_list(page, site_url, plan_units):
    page.goto(site_url + "chapters/ch04/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.hasAttribute('data-search-input')")
    page.keyboard.type("运河")
    page.wait_for_selector("[data-search-instant][data-state=done][data-query='运河']")
    instant = page.eval_on_selector_all("[data-search-instant] [data-search-result]", "els => els.map(e => e.dataset.unit)")
    everything = ground_truth(plan_units, ["运河"])
    assert instant and len(instant) < len(everything) and set(instant) <= set(everything)
    page.click("[data-search-all]")
    page.wait_for_selector("[data-search-results][data-state=done]")
    assert parse_qs(urlsplit(page.url).query)["q"] == ["运河"]
    full = page.eval_on_selector_all("[data-search-result]", "els => els.map(e => e.dataset.unit)")
    assert full[: len(instant)] == instant and set(full) == set(everything)
    # Latin letters typed key by key go into the field (no page shortcut
    # such as Material's n/p takes them)
    page.goto(site_url + "chapters/ch04/")
    page.keyboard.press("/")
    page.keyboard.type("pm2.5 np")
    page.wait_for_selector("[data-search-instant][data-state=done][data-query='pm2.5 np']")
    assert urlsplit(page.url).path.endswith("/chapters/ch04/")
    # Enter in the header field opens the same page
    page.goto(site_url + "chapters/ch09/")
    page.keyboard.press("s")
    page.keyboard.type("2025年")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-search-results][data-state=done]")
    assert parse_qs(urlsplit(page.url).query)["q"] == ["2025年"]
    assert int(page.text_content("[data-search-count]")) == len(ground_truth(plan_units, ["2025年"]))


def test_nothing_fires_during_input_method_composition(page, site_url):
    page.goto(site_url + "chapters/ch04/")
    page.click("[data-search-input]")
    page.wait_for_function("window.PlanSearch && window.PlanSearch.Engine !== undefined")
    page.keyboard.type("两")
    page.wait_for_selector("[data-search-instant][data-query='两']")
    # a real IME session through the DevTools protocol: composition text
    # "yun he" arrives with input events, then "运河" is committed
    cdp = page.context.new_cdp_session(page)
    for text in ["y", "yu", "yun", "yun h", "yun he"]:
        cdp.send("Input.imeSetComposition", {"text": text, "selectionStart": len(text), "selectionEnd": len(text)})
    page.wait_for_timeout(300)
    assert page.input_value("[data-search-input]") == "两yun he"
    assert page.get_attribute("[data-search-instant]", "data-query") == "两"
    cdp.send("Input.insertText", {"text": "运河"})
    page.wait_for_selector("[data-search-instant][data-query='两运河']")
    # and the same with synthetic events where the input event does not say
    # it is part of a composition
    page.evaluate("""() => {
        const i = document.querySelector('[data-search-input]');
        i.dispatchEvent(new CompositionEvent('compositionstart', {data: ''}));
        i.value = 'da';
        i.dispatchEvent(new InputEvent('input', {data: 'da'}));
    }""")
    page.wait_for_timeout(300)
    assert page.get_attribute("[data-search-instant]", "data-query") == "两运河"
    page.evaluate("""() => {
        const i = document.querySelector('[data-search-input]');
        i.value = '大运河';
        i.dispatchEvent(new CompositionEvent('compositionend', {data: '大运河'}));
    }""")
    page.wait_for_selector("[data-search-instant][data-query='大运河']")


def test_result_leads_to_the_unit_highlighted_and_back_returns(page, site_url, plan_units):
    links, _, _ = open_results(page, site_url, "大運河")
    target = page.query_selector_all("[data-search-result]")[2]
    uid = target.get_attribute("data-unit")
    target.query_selector("a").click()
    page.wait_for_selector(f"[id='{uid}'] mark.plan-search-hit")
    assert urlsplit(page.url).fragment == uid
    marks = page.eval_on_selector_all(f"[id='{uid}'] mark", "els => els.map(e => e.textContent)")
    raw = next(r for _, i, _, r in plan_units if i == uid)
    assert marks and all(norm(m) == "大运河" for m in marks) and len(marks) == norm(raw).count("大运河")
    box = page.eval_on_selector(f"[id='{uid}']", "e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom, innerHeight]; }")
    assert box[0] < box[2] and box[1] > 0, "the unit is not in view"
    page.go_back()
    page.wait_for_selector("[data-search-results][data-state=done]")
    assert parse_qs(urlsplit(page.url).query)["q"] == ["大運河"]
    again = page.eval_on_selector_all("[data-search-result] a", "els => els.map(e => e.href)")
    assert again == links


def test_index_loads_on_first_use_only(page, site_url):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(site_url + "chapters/ch04/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if u.endswith((assets.ENGINE, search_index.INDEX_PATH))]
    page.click("[data-search-input]")
    page.wait_for_function("window.PlanSearch && window.PlanSearch.Engine !== undefined")
    page.wait_for_load_state("networkidle")
    assert [u for u in requested if u.endswith(search_index.INDEX_PATH)]
    assert [u for u in requested if u.endswith(assets.ENGINE)]


def test_results_page_draws_the_results_while_it_is_parsed(page, site_url, plan_units):
    """The results are complete before the page has finished parsing (the
    index and engine are classic scripts ahead of the theme's bundle), not
    after the theme's start-up."""
    page.add_init_script("""document.addEventListener('DOMContentLoaded', () => {
      const c = document.querySelector('[data-search-results]');
      window.__atParsed = c && c.getAttribute('data-state');
      window.__resultsAtParsed = document.querySelectorAll('[data-search-result]').length;
    });""")
    check_query(page, site_url, plan_units, "运河")
    assert page.evaluate("window.__atParsed") == "done"
    assert page.evaluate("window.__resultsAtParsed") == len(ground_truth(plan_units, ["运河"]))


def test_results_page_says_so_when_the_index_does_not_load(browser, site_url):
    """Neither the page's own script (engine, site.js and index in one) nor
    the index on its own loads: the page falls back to site.js, whose search
    part says the index could not be loaded."""
    context = browser.new_context(locale="zh-CN")
    pg = context.new_page()
    pg.route("**/search/results.js", lambda route: route.abort())
    pg.route("**/search/plan-index.js", lambda route: route.abort())
    pg.goto(site_url + "search/?q=" + quote("运河"))
    pg.wait_for_selector("[data-search-results][data-state=error]")
    assert "搜索索引加载失败" in pg.text_content("[data-search-results]")
    assert pg.query_selector("[data-search-result]") is None
    context.close()


def test_results_page_falls_back_to_engine_and_index_when_its_script_fails(browser, site_url, plan_units):
    context = browser.new_context(locale="zh-CN")
    pg = context.new_page()
    errors, requested = [], []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("request", lambda r: requested.append(urlsplit(r.url).path))
    pg.route("**/search/results.js", lambda route: route.abort())
    pg.goto(site_url + "search/?q=" + quote("运河"))
    pg.wait_for_selector("[data-search-results][data-state=done]")
    assert int(pg.text_content("[data-search-count]")) == len(ground_truth(plan_units, ["运河"]))
    for name in (assets.JS, assets.ENGINE, search_index.INDEX_PATH):
        assert SITE_PATH + name in requested, name
    # the links still lead into the site (the site's root was passed on)
    hrefs = pg.eval_on_selector_all("[data-search-result] a", "els => els.map(e => e.getAttribute('href'))")
    assert hrefs and all(urlsplit(urljoin(pg.url, h)).path.startswith(SITE_PATH + "chapters/") for h in hrefs)
    assert errors == []
    context.close()


@pytest.mark.parametrize("change", ["version", "field"])
def test_an_index_the_engine_cannot_read_is_refused_clearly(browser, site_url, change):
    """An index of another format or without a field the engine reads (say,
    a cached file from another build): the engine refuses it, the console
    says why, and the reader is told the index could not be loaded, on the
    results page and in the header panel; nothing is drawn from it."""
    context = browser.new_context(locale="zh-CN")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    def stale(route):
        data = search_index.read_script(route.fetch().text())
        if change == "version":
            data["v"] += 1
        else:
            data["fields"].remove("words")
        route.fulfill(body=search_index.as_script(data), content_type="text/javascript")

    pg.route("**/" + search_index.INDEX_PATH, stale)
    pg.route("**/" + assets.RESULTS, lambda route: route.abort())    # its own copy of the index
    failed = search_index.PAGE_MESSAGES["failed"]
    pg.goto(site_url + "search/?q=" + quote("运河"))
    pg.wait_for_selector("[data-search-results][data-state=error]")
    assert failed in pg.text_content("[data-search-results]")
    assert pg.query_selector("[data-search-result]") is None
    assert any("search index" in e and ("format" in e if change == "version" else "words" in e) for e in errors), errors
    pg.goto(site_url + "chapters/ch04/")
    pg.click("[data-search-input]")
    pg.wait_for_function("t => document.querySelector('[data-search-instant]').textContent.includes(t)", arg=failed)
    context.close()


def test_fast_highlight_map_equals_the_character_by_character_one(page, site_url):
    """The engine finds where a match lies in a unit's text without
    normalising each character when nothing in the text can merge or grow
    (engine/highlight.js quickMap). Ground truth: the map made character by
    character, for every unit of the plan and for texts with what can go
    wrong; and the browser's own Unicode data for the characters that can
    merge. Also: every unit's text, normalised as a query is, equals what
    the engine matches it against (start-up normalises the whole plan in
    one go, and gives the full comparison form to the units the index names),
    and the character-by-character map gives every text its comparison form."""
    page.goto(site_url + "search/?q=" + quote("运河"))
    page.wait_for_selector("[data-search-results][data-state=done]")
    out = page.evaluate(r"""() => {
      const P = window.PlanSearch, e = new P.Engine(window.PlanSearchIndex), bad = [];
      const H = P.highlight, MERGING = H.MERGING;
      const same = (id, text, norm) => {
        // (the quick map serves only text whose form is the quick pass's)
        const slow = H.fullMap(e.textForm, text);
        const quick = P.form.quickForm(text) === norm ? H.quickMap(text, norm) : null;
        if (slow.norm !== norm && !MERGING.test(text)) bad.push(['slow norm', id]);
        if (!quick) return 0;
        if (quick.norm !== slow.norm) bad.push(['norm', id]);
        for (let i = 0; i < slow.norm.length; i++) {
          if (quick.starts(i) !== slow.starts(i) || quick.ends(i) !== slow.ends(i)) { bad.push(['map', id, i]); break; }
        }
        return 1;
      };
      let fast = 0;
      for (const u of e.units) {
        if (e.compareForm(u.text) !== u.norm) bad.push(['unit norm', u.id]);
        fast += same(u.id, u.text, u.norm);
      }
      const hard = ['大 运河（东部）ＧＤＰ', '① 2025年', '５㎡', 'e\u0301', '🚄运河', '\u3000运河\u00a0文化',
        '大運河', 'Ǆ', 'İstanbul', 'ﬁ', '…', 'ｶﾞ', 'ｶﾞ㎡', '\ufeff运河', 'ㄱㅏ', 'ᄀ\u1161㎡', '\u0e01\u0e33',
        'ß\u200b', '1,000亿元', '钟楼\u200b区', '二○三五', '衞生', '显著', '1,000㎡', '🚄 1,000'];
      for (const t of hard) same(t, t, e.compareForm(t));
      // every character whose decomposition starts with a combining mark or
      // a jamo (so it can merge with what stands before it) is in MERGING
      const missing = [];
      for (let c = 0; c < 0x10000; c++) {
        if (c >= 0xd800 && c <= 0xdfff) continue;
        const ch = String.fromCharCode(c), d = ch.normalize('NFKD');
        if ((/^\p{M}/u.test(d) || /^[\u1161-\u11ff\ud7b0-\ud7ff]/.test(d)) && !MERGING.test(ch)) missing.push(c.toString(16));
      }
      return {bad, fast, all: e.units.length, missing};
    }""")
    assert out["bad"] == []
    assert out["missing"] == []
    assert out["fast"] >= out["all"] * 0.9, "the fast map should serve nearly every unit"


BAD = [
    "* ~ : + - ^ ( ) [ ] \\ . \" '", "*", "~", ":", "+", "-", "^", "(", ")", "[", "]", "\\", ".", '"', "'",
    "运河*", "运河~2", "title:运河", "+运河 -文化", "(运河)", "\"大运河\"",
    "<img src=x onerror=\"window.__pwned=1\">", "<script>window.__pwned=1</script>",
    "</mark><b>运河</b>", "javascript:window.__pwned=1", "&lt;b&gt;", "%3Cscript%3E",
    # long queries: 10,000 characters in the URL (a Chinese character takes
    # 9 bytes there, and servers refuse request lines past 64 KB, so 2,000 of
    # them; the header field below takes 10,000)
    "x" * 10000, "运" * 2000, "运河" + "。" * 3000,
    "🚄运河", "😀", "👨‍👩‍👧", "\u200b", "",
    "   ", "\u3000\u3000", "\t\n",
]


def test_bad_inputs_answer_sensibly_and_run_nothing(page, site_url, plan_units):
    for q in BAD:
        try:
            check_query(page, site_url, plan_units, q)
        except Exception as exc:
            raise AssertionError(f"query {q[:40]!r}…: {exc}") from None
        assert page.evaluate("window.__pwned") is None, q
        assert page.query_selector("[data-search-results] img, [data-search-results] script, "
                                   "[data-search-results] b") is None, q
        text = page.text_content("[data-search-results]")
        assert text.strip(), f"{q[:20]!r}: the page says nothing"
    # the header field too
    page.goto(site_url + "chapters/ch04/")
    page.click("[data-search-input]")
    for q in ["<img src=x onerror=\"window.__pwned=1\">", "运河<script>window.__pwned=1</script>", "运" * 10000, "🚄"]:
        page.fill("[data-search-input]", q)
        page.wait_for_selector("[data-search-instant][data-state=done]")
        page.wait_for_function("q => document.querySelector('[data-search-instant]').dataset.query === q", arg=q)
        assert page.evaluate("window.__pwned") is None
        assert page.query_selector("[data-search-instant] img, [data-search-instant] script") is None


def test_search_ui_has_no_serious_accessibility_violation(browser, site_url):
    axe = Axe()
    found = []
    for scheme in ["light", "dark"]:
        context = browser.new_context(color_scheme=scheme, locale="zh-CN", viewport={"width": 375, "height": 800})
        pg = context.new_page()
        try:
            pg.goto(site_url + "search/?q=" + quote("运河"))
            pg.wait_for_selector("[data-search-results][data-state=done]")
            for v in axe.run(pg).response["violations"]:
                if v.get("impact") in {"serious", "critical"}:
                    found.append(f"{scheme} results page: {v['id']} {[n['target'] for n in v['nodes']][:3]}")
            pg.goto(site_url + "chapters/ch04/")
            pg.click("label.md-header__button[for='__search']")
            pg.keyboard.type("运河")
            pg.wait_for_selector("[data-search-instant][data-state=done]")
            # the panel fades in (CSS transitions): judge colours once every transition has ended
            pg.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
            for v in axe.run(pg, context={"include": [["[data-plan-search]"]]}).response["violations"]:
                if v.get("impact") in {"serious", "critical"}:
                    found.append(f"{scheme} instant results: {v['id']} {[n['target'] for n in v['nodes']][:3]}")
            # on a phone the results fit the width
            width = pg.evaluate("document.documentElement.scrollWidth")
            assert width <= 375, f"{scheme}: page is {width}px wide on a 375px phone"
        finally:
            context.close()
    assert found == [], "\n".join(found)


def test_results_can_narrow_to_units_that_state_commitments(page, site_url, plan_units, html_pages):
    """Issue 4: search narrows to units carrying commitments (the chapter
    pages mark them with data-commitments; the ground truth reads that)."""
    committed = {el.get("id") for key, path in html_pages.items() if key.startswith("chapters/")
                 for el in page_tree(path).cssselect("[data-para][data-commitments]")}
    assert len(committed) > 30
    query = "2025年"
    everything = ground_truth(plan_units, terms_of(query))
    expected = [uid for uid in everything if uid in committed]
    assert 0 < len(expected) < len(everything)
    open_results(page, site_url, query)
    box = page.locator("[data-facet-commitments]")
    assert str(len(expected)) in page.locator("label[for=plan-search-commitments]").text_content()
    box.check()
    links = page.eval_on_selector_all("[data-search-results] [data-search-result] a[href*='#']",
                                      "els => els.map(a => a.getAttribute('href'))")
    shown = sorted({href.split("#")[1] for href in links})
    assert shown == sorted(expected)
    assert "commit=1" in page.url
    # The narrowed list is shareable: opening its URL shows the same units.
    page.goto(page.url)
    page.wait_for_selector("[data-search-results][data-state=done]")
    assert page.locator("[data-facet-commitments]").is_checked()
    again = page.eval_on_selector_all("[data-search-results] [data-search-result] a[href*='#']",
                                      "els => els.map(a => a.getAttribute('href'))")
    assert sorted({href.split("#")[1] for href in again}) == sorted(expected)


def test_highlight_spans_inline_elements_and_any_spelling(page, site_url, html_pages):
    """Arriving from a result, the highlight covers a match that runs across
    a unit's bold lead sentence or a glossary term link, for a query in
    another script or width too: the marks, read in order, are the match."""
    doc = page_tree(html_pages["chapters/ch04/index.html"])
    cases = []
    for el in doc.cssselect("[data-para]"):
        inline = next(el.iterdescendants("strong", "a"), None)
        if inline is None or inline.text_content() == el.text_content():
            continue
        raw = el.text_content()
        before = 0                       # characters of the unit before the element
        for piece in el.xpath(".//text()"):
            # the element a piece of text stands in (a tail stands in its element's parent)
            holder = piece.getparent() if piece.is_text else piece.getparent().getparent()
            if holder is inline or inline in holder.iterancestors():
                break
            before += len(piece)
        at = before + len(inline.text_content())   # where the element ends
        cases.append((el.get("id"), raw[at - 3: at + 3]))
        if len(cases) == 4:
            break
    assert len(cases) == 4
    cases.append((cases[0][0], "".join({"规": "規", "模": "模", "企": "企", "业": "業"}.get(ch, ch)
                                       for ch in cases[0][1]).replace("。", "｡")))
    for uid, query in cases:
        page.goto(site_url + "chapters/ch04/?h=" + quote(query) + "#" + uid)
        page.wait_for_selector(f"[id='{uid}'] mark.plan-search-hit")
        marks = page.eval_on_selector_all(f"[id='{uid}'] mark", "els => els.map(e => e.textContent)")
        assert len(marks) >= 2, (uid, query, marks)      # one each side of the element's edge
        assert norm(query) in norm("".join(marks)), (uid, query, marks)
