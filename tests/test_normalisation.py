"""One comparison form for every place a reader types (issue 10).

tests/cases/normalisation.tsv holds the cases: a query, the terms it must
become in comparison form (plansite.textform, the one definition) and the
class it belongs to. Every row runs

* in Python: plansite.textform.query_terms gives exactly the listed terms;
* in Chromium, through the engine's own compareForm/terms (they may differ
  from Python's only where neither occurs in the plan: the index ships only
  the tables that can change what is found);
* on the search results page: the units listed are the ground truth, a plain
  scan of the built chapter pages in comparison form (support.searching);
* in the 承诺清单 filter: the items shown are those whose text, in
  comparison form, holds every term.

Beyond the rows: every single code point of the first two planes gets the
same form in both languages (up to what cannot occur).
"""
from __future__ import annotations

import re
import unicodedata

import pytest
from opencc import OpenCC
from plansite import textform
from support.plantext import page_text, page_tree
from support.searching import check_query, ground_truth
from support.site import ROOT

CASES_FILE = ROOT / "tests" / "cases" / "normalisation.tsv"
CLASSES = {"plain", "nfkc", "case", "whitespace", "invisible", "variant", "thousands", "lookalike", "punct",
           "noise", "multi"}
# The issue's table, every input of it
ISSUE_ROWS = ["２０２５", "ＧＤＰ", "鍾樓", "億元", "钟楼\u200b区", "衞生", "著力", "著名", "1,000亿元", "二○三五",
              "，", "、", "“"]


CASES = textform.read_cases(CASES_FILE)


def test_the_case_file_covers_the_issue_table_and_every_class():
    assert len(CASES) >= 60
    assert {c.cls for c in CASES} == CLASSES
    queries = {c.query for c in CASES}
    assert not [q for q in ISSUE_ROWS if q not in queries]
    for cls in CLASSES:
        assert sum(1 for c in CASES if c.cls == cls) >= 2, cls
    assert len(queries) == len(CASES), "a query listed twice"


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.cls}:{c.query!r}")
def test_python_comparison_form(case):
    assert tuple(textform.query_terms(case.query)) == case.terms, case.note


def test_variants_are_opencc_conversions():
    """Each variant case's form is what OpenCC's own converters (Hong Kong or
    Taiwan to Simplified, as opencc-python-reimplemented runs them) make of
    the query, or, for a Simplified query, what they make of the same word
    written in Traditional (its form must not depend on the script)."""
    hk, tw = OpenCC("hk2s"), OpenCC("tw2s")
    for case in (c for c in CASES if c.cls == "variant"):
        theirs = {textform.folded(hk.convert(case.query)), textform.folded(tw.convert(case.query))}
        assert textform.compare_form(case.query) in theirs or case.query == "显著", case
    assert textform.compare_form("显著") == textform.compare_form("顯著") == "显著"


def test_comparison_form_is_idempotent_and_never_raises():
    for case in CASES:
        form = textform.compare_form(case.query)
        assert textform.compare_form(form) == form
    for text in ["", "\x00", "\ud800", "😀" * 3, "𫫇"]:
        textform.compare_form(text)


# -- in Chromium -----------------------------------------------------------------


def corpus_of(plan_units, html_pages) -> textform.Corpus:
    """What a form may occur in: the units and the 承诺清单 page."""
    forms = [form for _, _, form, _ in plan_units]
    forms.append(textform.compare_form(page_text(page_tree(html_pages["commitments/index.html"]))))
    return textform.Corpus(forms)


@pytest.fixture(scope="module")
def engine_page(browser, site_url):
    context = browser.new_context(locale="zh-CN")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.goto(site_url + "search/?q=")
    pg.wait_for_selector("[data-search-results][data-state=done]")
    pg.evaluate("window.__engine = new PlanSearch.Engine(window.PlanSearchIndex)")
    yield pg
    context.close()
    assert not errors


@pytest.mark.browser
def test_engine_terms_agree_with_python(engine_page, plan_units, html_pages):
    corpus = corpus_of(plan_units, html_pages)
    got = engine_page.evaluate("qs => qs.map(q => window.__engine.terms(q))", [c.query for c in CASES])
    for case, theirs in zip(CASES, got, strict=True):
        ours = textform.query_terms(case.query)
        assert len(theirs) == len(ours) and all(corpus.equivalent(a, b) for a, b in zip(theirs, ours, strict=True)), \
            (case, theirs, ours)


@pytest.mark.browser
def test_every_code_point_has_the_same_form_in_both(engine_page, plan_units, html_pages):
    """Every code point of the first two planes, alone and between two plan
    characters, gets the same form from the engine as from Python, or two
    forms that both occur nowhere (the tables shipped are cut to what can be
    found). Code points that Python's Unicode data (unicodedata.unidata_version)
    does not assign yet are left out: the browser's may be newer."""
    corpus = corpus_of(plan_units, html_pages)
    chars = [chr(c) for c in range(0x20000)
             if not 0xD800 <= c <= 0xDFFF and unicodedata.category(chr(c)) != "Cn"]
    theirs: list[str] = []
    for i in range(0, len(chars), 20000):
        theirs += engine_page.evaluate("cs => cs.map(c => window.__engine.compareForm('钟' + c + '楼'))",
                                       chars[i:i + 20000])
    bad = [(f"U+{ord(c):04X}", a, b) for c, a in zip(chars, theirs, strict=True)
           if not corpus.equivalent(a, b := textform.compare_form("钟" + c + "楼"))]
    assert bad[:20] == [] and len(bad) == 0


@pytest.mark.browser
def test_results_page_lists_the_ground_truth_for_every_case(page, site_url, plan_units):
    """…and highlights it: in every result's snippet, the marks hold each
    term (or each word of a fallback), whatever the spelling of the query;
    when nothing is found, it suggests words that are."""
    found = 0
    for case in CASES:
        try:
            result = check_query(page, site_url, plan_units, case.query)
        except AssertionError as exc:
            raise AssertionError(f"{case.cls} {case.query!r} ({case.note}): {exc}") from None
        found += bool(result["ids"])
        terms = result["fallback"] or textform.query_terms(case.query)
        if terms and not result["ids"]:
            # nothing found: words to try instead, each found, none a number
            # or a Latin run that merely shares a digit or letter
            words = page.eval_on_selector_all("[data-search-suggestion]", "els => els.map(e => e.dataset.searchSuggestion)")
            # (digits, Latin letters and punctuation alone share nothing)
            assert words or all(re.fullmatch(r"[0-9a-z.%]", c) or textform.is_punct(c) for c in "".join(terms)), case
            for w in words:
                assert ground_truth(plan_units, [textform.compare_form(w)]), (case, w)
                assert not re.fullmatch(r"[0-9a-z.%]+", w) or w in "".join(terms), (case, w)
        marks = page.eval_on_selector_all("[data-search-results] [data-search-result]", """els => els.map(
          e => Array.from(e.querySelectorAll('.plan-search__snippet mark'), m => m.textContent))""")
        for item in marks:
            forms = [textform.compare_form(m) for m in item]
            assert forms and all(forms), (case, item)
            assert all(any(t in f for f in forms) for t in terms), (case, item)
    # the cases are not trivially satisfied: most find something
    assert found >= len(CASES) // 2


@pytest.mark.browser
def test_the_issue_table(page, site_url, plan_units):
    """Each row of the issue's table finds what its plain form finds."""
    same = {"２０２５": "2025", "ＧＤＰ": "gdp", "鍾樓": "钟楼", "億元": "亿元", "钟楼\u200b区": "钟楼区",
            "衞生": "卫生", "著力": "着力", "1,000亿元": "1000亿元", "二○三五": "二〇三五"}
    for query, plain in same.items():
        assert check_query(page, site_url, plan_units, query)["ids"] == \
            check_query(page, site_url, plan_units, plain)["ids"], query
    # 著名 stays 著名: it finds only units that hold 著名, and no fragments
    assert set(check_query(page, site_url, plan_units, "著名")["ids"]) == set(ground_truth(plan_units, ["著名"]))


def commitment_items(html_pages) -> list[tuple[str, str]]:
    """(id, comparison form of its text) of every 承诺清单 item."""
    doc = page_tree(html_pages["commitments/index.html"])
    return [(li.get("id"), textform.compare_form(li.text_content())) for li in doc.cssselect("li.commit")]


@pytest.mark.browser
def test_commitments_filter_shows_the_ground_truth_for_every_case(page, site_url, html_pages):
    items = commitment_items(html_pages)
    page.goto(site_url + "commitments/")
    keyword = page.locator("#commit-keyword")
    keyword.focus()
    some = 0
    for case in CASES:
        keyword.fill(case.query)
        value = keyword.input_value()      # a text field drops line breaks
        page.wait_for_function(
            "q => { const f = document.getElementById('commit-filter');"
            " return f.dataset.filterState === 'done' && f.dataset.filterQuery === q; }", arg=value)
        shown = page.eval_on_selector_all("li.commit:not([hidden])", "els => els.map(e => e.id)")
        terms = textform.query_terms(value)
        expected = [i for i, form in items if all(t in form for t in terms)]
        assert shown == expected, f"{case.cls} {case.query!r} ({case.note})"
        some += 0 < len(expected) < len(items)
    assert some >= 10
