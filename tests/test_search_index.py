"""The search index as Python writes it (no browser): units read back from
chapter HTML with their place, label and kind; the project dictionary; the
Traditional → Simplified pairs."""
from __future__ import annotations

import lxml.html
import pytest
from plansite import assets, search_index, segments, textform
from plansite import terms as dictionary
from support.site import ROOT, seed_cache


def add_engine(page) -> None:
    """The engine's parts, as written, into a blank page."""
    for part in assets.ENGINE_SOURCES:
        page.add_script_tag(path=str(ROOT / "docs" / part))

HTML = """
<h1 id="ch4">第四章 坚持创新<a class="headerlink" href="#ch4">#</a></h1>
<p id="ch4-p1" data-para="ch4-p1">开篇&lt;b&gt;文字</p>
<h2 id="ch4-s1">第一节 提升能力<a class="headerlink" href="#ch4-s1">#</a></h2>
<p id="ch4-s1-p1" data-para="ch4-s1-p1"><strong>壮大规模。</strong>到2025年，<br>实现目标。</p>
<aside class="plan-box" id="box-4-1"><h3 class="plan-box__title">专栏4-1 重点平台</h3>
<ul><li id="box-4-1-1" data-para="box-4-1-1"><strong>省级：</strong>5家企业。</li></ul>
<p class="plan-box__more"><a href="x">详情</a></p></aside>
<table><caption id="t-title" data-para="t-title">指标表</caption><tbody>
<tr id="ind14-1" data-para="ind14-1">
<th rowspan="2">经济发展</th>
<td>1</td>
<td><a href="y">地区生产总值</a></td>
<td>亿元</td>
</tr>
<tr id="ind14-2" data-para="ind14-2"><td>2</td><td><a href="z">收入</a></td></tr>
</tbody></table>
<p id="ch4-s1-p2" data-para="ch4-s1-p2">表后段落</p>
"""


def test_units_are_read_with_kind_place_and_label():
    title, found = search_index.read_page(HTML)
    assert title == "第四章 坚持创新"
    units = {u.id: u for u in found}
    assert list(units) == ["ch4-p1", "ch4-s1-p1", "box-4-1-1", "t-title", "ind14-1", "ind14-2", "ch4-s1-p2"]
    p = units["ch4-s1-p1"]
    assert (p.kind, p.section, p.group) == (search_index.KIND_PARA, "第一节 提升能力", "")
    assert p.text[slice(*p.label)] == "壮大规模。"
    assert units["ch4-p1"].text == "开篇<b>文字" and units["ch4-p1"].section == ""
    box = units["box-4-1-1"]
    assert (box.kind, box.group) == (search_index.KIND_BOX, "专栏4-1 重点平台")
    assert box.text[slice(*box.label)] == "省级："
    row = units["ind14-1"]
    assert (row.kind, row.group) == (search_index.KIND_TABLE, "指标表")
    text, start, end = search_index.collapse(row.text, *row.label)
    assert text == "经济发展 1 地区生产总值 亿元" and text[start:end] == "地区生产总值"
    assert units["ch4-s1-p2"].kind == search_index.KIND_PARA and units["ch4-s1-p2"].group == ""


def test_index_cuts_words_with_the_project_dictionary(tmp_path):
    (tmp_path / "tables").mkdir()
    (tmp_path / "tables" / "search-terms.txt").write_text("# 说明\n两新一智\n皇粮浜 2000 n\n", encoding="utf-8")
    c = search_index.Collector(tmp_path, ["chapters/ch04.md"])
    c.add("chapters/ch04.md", "chapters/ch04/", "第四章",
          '<p id="a" data-para="a">围绕“两新一智”建设皇粮浜大運河</p>')
    out = c.write(tmp_path / "site")
    data = search_index.read_script(out.read_text(encoding="utf-8"))
    words = data["units"][0][7].split(search_index.WORD_SEPARATOR)
    assert "两新一智" in words and "皇粮浜" in words
    assert "".join(words) == "围绕“两新一智”建设皇粮浜大運河"
    pairs = textform.unpack(data["variants"][1])
    assert pairs["運"] == "运"                      # 运 occurs (in the text's comparison form)
    assert "國" not in pairs                         # 国 does not occur: no need for 國
    assert data["forms"] == {"units": [0], "heads": [], "titles": []}   # 運: the quick pass is not enough
    assert data["pages"] == [{"url": "chapters/ch04/", "title": "第四章"}]


def test_index_from_the_build_cache_is_the_index_computed_afresh(tmp_path):
    """Units read from a page, words, comparison forms and variant tables
    remembered between builds (plansite.memo) give the same index as
    computing them; a changed text is computed, not served stale."""
    def index(text: str, cache):
        c = search_index.Collector(ROOT, ["chapters/ch04.md"], cache=cache)
        c.add("chapters/ch04.md", "chapters/ch04/", "第四章",
              f'<h1>第四章</h1><h2>第一节</h2><p id="a" data-para="a"><strong>一是</strong>{text}</p>')
        c.add_filtered('<article><form data-text-filter></form><p>臺灣的承諾</p></article>')
        return c.index()

    cache = tmp_path / "cache"
    first = "推进大運河文化带建设，打造１，０００亿级产业"
    fresh = index(first, None)
    assert index(first, cache) == fresh                 # computed, then saved
    assert {p.name for p in cache.iterdir()} >= {"segments.json", "forms.json", "variant-tables.json",
                                                  "pages-read.json"}
    assert index(first, cache) == fresh                 # read back
    second = "老城厢的皇粮浜與運河"
    assert index(second, cache) == index(second, None)  # another text: not the first one's results


def test_a_filtered_page_gives_the_same_text_under_both_engines(mkdocs_site, zensical_site):
    """What the index takes of a page with a text filter (承诺清单) is its
    article, every character of every commitment a reader filters in it
    (ground truth: the page read with lxml),
    and the same text under MkDocs and Zensical, whose header, nav and footer
    differ, so one build cache serves both engines."""
    texts = {}
    for name, site in (("mkdocs", mkdocs_site), ("zensical", zensical_site)):
        pages = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}
        filtered = {rel: html for rel, html in pages.items() if "data-text-filter" in html}
        assert filtered, name
        texts[name] = {rel: search_index.article_text(html) for rel, html in filtered.items()}
        for rel, html in filtered.items():
            items = lxml.html.document_fromstring(html).cssselect("article li.commit")
            assert items, rel
            # the characters are what counts (the tables shipped must cover them)
            assert set("".join(li.text_content() for li in items)) - set(texts[name][rel]) <= set(" \n\t"), rel
    assert texts["mkdocs"] == texts["zensical"]


def test_words_cut_under_another_project_dictionary_are_cut_again(tmp_path, plan_cache):
    """Words remembered in the build cache were cut with one project
    dictionary: after it changes, they are cut again. (Scratch builds in
    the tests start from the session build's cache: conftest.plan_cache.)"""
    terms_file = tmp_path / "tables" / "search-terms.txt"
    terms_file.parent.mkdir()
    terms_file.write_text("", encoding="utf-8")
    cache = tmp_path / "cache"
    seed_cache(plan_cache, cache)          # jieba's own dictionary cache: not built again here
    text = "围绕两新一智建设"
    first = segments.Segmenter(tmp_path, cache)
    assert "两新一智" not in first.cut(text)
    first.save()
    assert segments.Segmenter(tmp_path, cache).cut(text) == first.cut(text)
    terms_file.write_text("两新一智\n", encoding="utf-8")
    assert "两新一智" in segments.Segmenter(tmp_path, cache).cut(text)


def test_project_dictionary_lists_the_plan_terms():
    terms = [t.word for t in dictionary.entries(ROOT)]
    for term in ["两新一智", "老城厢", "大运河文化带", "皇粮浜", "殷杏泰", "邹区镇"]:
        assert term in terms
    chapters = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "chapters").glob("*.md"))
    tables = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "tables").glob("*.yaml"))
    missing = [t for t in terms if t not in chapters and t not in tables]
    assert not missing, f"terms that occur nowhere in the plan: {missing}"


@pytest.mark.browser
def test_index_script_gives_the_browser_the_index_python_wrote(page):
    """The index travels as a script (a JSON string literal); text with
    quotes, backslashes, a closing script tag, line and paragraph
    separators and emoji arrives in the browser unchanged."""
    tricky = '他说："大运河"\\ </script><b>x</b> \u2028\u2029 \t🚄 \\u0041'
    index = {"v": 1, "heads": [tricky], "units": [["a", 0, 0, -1, 0, 0, 0, tricky, 0, 1]], "variants": ["運运"]}
    page.add_script_tag(content=search_index.as_script(index))
    assert page.evaluate("window.PlanSearchIndex") == index
    assert search_index.read_script(search_index.as_script(index)) == index


@pytest.mark.browser
def test_traditional_characters_in_the_plan_text_are_found_both_ways(page, tmp_path):
    """When the plan's own text holds Traditional characters, the index lists
    the unit (forms) and the engine gives it its full comparison form at
    start-up: a query in either script finds the unit, and its highlight
    covers the characters as written."""
    (tmp_path / "tables").mkdir()
    c = search_index.Collector(tmp_path, ["chapters/ch04.md"])
    c.add("chapters/ch04.md", "chapters/ch04/", "第四章",
          '<p id="a" data-para="a">保護大運河文化帶。</p><p id="b" data-para="b">发展数字经济。</p>')
    index = c.index()
    assert index["forms"]["units"] == [0]
    add_engine(page)
    page.add_script_tag(content=search_index.as_script(index))
    found = page.evaluate("""() => {
      const e = new PlanSearch.Engine(window.PlanSearchIndex);
      return ['大运河文化带', '大運河', '保护', '数字'].map(q => e.search(q).results.map(r => [r.unit.id, r.ranges]));
    }""")
    assert found == [[["a", [[2, 8]]]], [["a", [[2, 5]]]], [["a", [[0, 2]]]], [["b", [[2, 4]]]]]


def test_dictionary_saved_with_a_byte_order_mark_keeps_its_first_entry(tmp_path):
    """Windows editors save "UTF-8 with BOM": the first entry must still be the word."""
    (tmp_path / "tables").mkdir()
    (tmp_path / dictionary.TERMS_FILE).write_bytes("\ufeff两新一智\n皇粮浜 2000 n\n".encode("utf-8"))
    entries = dictionary.entries(tmp_path)
    assert [(e.word, e.freq, e.tag) for e in entries] == [("两新一智", None, None), ("皇粮浜", 2000, "n")]
    assert "两新一智" in segments.tokenizer(tmp_path).lcut("围绕两新一智建设")


def test_a_process_loads_jieba_once_for_each_dictionary(tmp_path):
    """`mkdocs serve` cuts each rebuild's new text without loading jieba's
    dictionary again; a changed project dictionary gets a tokenizer of its own."""
    (tmp_path / "tables").mkdir()
    terms = tmp_path / dictionary.TERMS_FILE
    terms.write_text("两新一智\n", encoding="utf-8")
    first = segments.tokenizer(tmp_path, tmp_path / "cache")
    assert segments.tokenizer(tmp_path, tmp_path / "cache") is first
    terms.write_text("两新一智\n皇粮浜\n", encoding="utf-8")
    other = segments.tokenizer(tmp_path, tmp_path / "cache")
    assert other is not first
    assert "皇粮浜" in other.lcut("修缮皇粮浜沿岸") and "皇粮浜" not in first.lcut("修缮皇粮浜沿岸")


def test_dictionary_words_are_checked_with_jiebas_own_pattern():
    import jieba
    assert dictionary.WORD.pattern == jieba.re_han_default.pattern


@pytest.mark.browser
def test_text_with_invisible_characters_separators_and_astral_characters_is_found_and_highlighted(page, tmp_path):
    """A unit whose text holds a U+200B between two words, a thousands
    separator and characters outside the BMP: a query finds it across them,
    in either script, and each highlight covers exactly the text it found
    (its comparison form is the query's), never half of a surrogate pair."""
    (tmp_path / "tables").mkdir()
    c = search_index.Collector(tmp_path, ["chapters/ch04.md"])
    text = "🚄钟楼\u200b区投资1,000亿元，𫫇英排放显著下降；二〇三五年卫生健康"
    c.add("chapters/ch04.md", "chapters/ch04/", "第四章",
          f'<p id="a" data-para="a">{text}</p><p id="b" data-para="b">发展数字经济。</p>')
    index = c.index()
    assert index["forms"]["units"] == [0]
    add_engine(page)
    page.add_script_tag(content=search_index.as_script(index))
    queries = ["钟楼区", "钟楼\u200b区", "1000亿元", "1,000亿元", "１，０００亿", "二○三五", "衞生健康", "顯著下降",
               "显著", "🚄钟楼", "𫫇英", "楼区投资1"]
    found = page.evaluate("""qs => {
      const e = new PlanSearch.Engine(window.PlanSearchIndex);
      return qs.map(q => { const r = e.search(q); return [r.mode, r.results.map(x => [x.unit.id, x.ranges])]; });
    }""", queries)
    for q, (mode, results) in zip(queries, found, strict=True):
        assert mode == "exact" and [r[0] for r in results] == ["a"], q
        ranges = results[0][1]
        assert len(ranges) == 1, (q, ranges)
        start, end = ranges[0]
        # JavaScript offsets are UTF-16 code units
        units16 = text.encode("utf-16-le")
        shown = units16[2 * start:2 * end].decode("utf-16-le")   # raises on half a surrogate pair
        assert textform.compare_form(shown) == textform.compare_form(q), (q, shown)
