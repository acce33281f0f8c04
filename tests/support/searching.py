"""Searching the built site in Chromium, for the tests: the ground truth (a
plain scan of the text of every [data-para] unit of the chapter pages, each
in comparison form: plansite.textform, the one normalisation), and the
check that a results page lists exactly it."""
from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from plansite import textform

from support.plantext import page_tree, units

norm = textform.compare_form
terms_of = textform.query_terms
EMPTY = "请输入要查找的词语。"


def read_plan_units(html_pages) -> list[tuple[str, str, str, str]]:
    """[(page path, unit id, comparison form, raw text)] in reading order of
    the pages as files (preamble, ch01 … ch16)."""
    out = []
    for key, path in html_pages.items():
        if re.fullmatch(r"chapters/[^/]+/index\.html", key):
            for uid, text in units(page_tree(path)):
                out.append((key[: -len("index.html")], uid, norm(text), text))
    assert len(out) > 250
    return out


def ground_truth(plan_units, terms: list[str]) -> list[str]:
    return [uid for _, uid, text, _ in plan_units if all(t in text for t in terms)]


def open_results(page, site_url, query: str):
    page.goto(site_url + "search/?q=" + quote(query, safe=""))
    page.wait_for_selector("[data-search-results][data-state=done]")
    links = page.eval_on_selector_all(
        "[data-search-results] [data-search-result]",
        "els => els.map(e => e.querySelector('a[href]').href)")
    count = page.text_content("[data-search-results] [data-search-count]")
    fallback = page.get_attribute("[data-search-results] [data-search-fallback]", "data-search-fallback") \
        if page.query_selector("[data-search-results] [data-search-fallback]") else None
    return links, int(count), fallback


def unit_ids(site_url, links, plan_units):
    """Unit ids the links lead to; each link must lead to the page that
    holds that unit."""
    where = {uid: page_path for page_path, uid, _, _ in plan_units}
    ids = []
    for href in links:
        parts = urlsplit(href)
        uid = parts.fragment
        assert uid in where, href
        assert parts.path.endswith("/" + where[uid]), (href, where[uid])
        ids.append(uid)
    return ids


def check_query(page, site_url, plan_units, query: str) -> dict:
    """Results page for ``query`` == ground truth; returns what was found.

    A query with no terms (nothing but white space, invisible characters,
    punctuation and symbols) is empty: the page says so and lists nothing.
    A query not found as written may fall back to words of the plan, each of
    two or more characters and each found on its own (never lone digits,
    letters or punctuation), and then lists the units holding all of them."""
    links, count, fallback = open_results(page, site_url, query)
    ids = unit_ids(site_url, links, plan_units)
    assert len(ids) == len(set(ids)), f"{query!r}: a unit listed twice"
    assert count == len(ids), f"{query!r}: count {count} but {len(ids)} results listed"
    terms = terms_of(query)
    if not terms:
        assert ids == [] and fallback is None, f"{query!r} is an empty query, yet units are listed"
        assert EMPTY in page.text_content("[data-search-results]"), f"{query!r}: no message for an empty query"
        return {"ids": [], "fallback": None}
    expected = ground_truth(plan_units, terms)
    if expected or fallback is None:
        assert fallback is None, f"{query!r} occurs as written, yet the page fell back to words"
        assert set(ids) == set(expected), (
            f"{query!r}: missing {sorted(set(expected) - set(ids))}, extra {sorted(set(ids) - set(expected))}")
        return {"ids": ids, "fallback": None}
    # Not found as written: the words named must be the query's own pieces,
    # in order, leaving out only punctuation, and the results must be the
    # units that contain every one of them.
    words = fallback.split(" ")
    assert len(terms) == 1 and len(words) >= 1
    rest = terms[0]
    for w in words:
        assert len(w) > 1 and ground_truth(plan_units, [w]), f"{query!r}: fallback word {w!r} carries no meaning alone"
        at = rest.find(w)
        assert at >= 0, f"{query!r}: fallback word {w!r} is not part of the query"
        assert textform.is_punct(rest[:at]) or at == 0
        rest = rest[at + len(w):]
    assert rest == "" or textform.is_punct(rest)
    expected = ground_truth(plan_units, words)
    assert expected, f"{query!r}: a fallback with no result should say nothing was found"
    assert set(ids) == set(expected)
    message = page.text_content("[data-search-results] [data-search-fallback]")
    assert "未找到完整短语" in message and "以下段落同时包含" in message
    return {"ids": ids, "fallback": words}
