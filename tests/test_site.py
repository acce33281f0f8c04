"""The built site, read back as HTML: nothing of the plan lost, tables and boxes
complete, pages cross-linked, every link resolving."""
from __future__ import annotations

import re
import subprocess
import urllib.request
from collections import Counter
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest
import yaml
from support.checking import build
from support.plantext import first, page_text, page_tree, plan_text, source_lines, squeeze, units
from support.site import ROOT, SITE_PATH, copy_project

SOURCE = ROOT / "source" / "zhonglou-14th-five-year-plan.txt"


@pytest.fixture(scope="module")
def chapter_docs(html_pages):
    return {k: page_tree(p) for k, p in html_pages.items() if k.startswith("chapters/")}


@pytest.fixture(scope="module")
def all_docs(html_pages):
    return {k: page_tree(p) for k, p in html_pages.items()}


def test_every_source_line_is_in_the_site(chapter_docs):
    parts = [squeeze(t) for doc in chapter_docs.values() for t in plan_text(doc)]
    missing = [line for line in source_lines(SOURCE) if not any(line in p for p in parts)]
    assert not missing, f"{len(missing)} source lines not found, e.g. {missing[:3]}"


def test_the_governments_oddities_stay(chapter_docs):
    text = "".join(squeeze(t) for doc in chapter_docs.values() for t in plan_text(doc))
    assert "培育龙头特色企业。培育龙头特色企业。" in text
    assert "研发设计:发展与制造业" in text          # 专栏5-2's half-width colon


def test_no_unit_appears_twice(all_docs):
    ids = Counter(uid for doc in all_docs.values() for uid, _ in units(doc))
    assert [i for i, n in ids.items() if n > 1] == []
    texts = Counter(squeeze(t) for doc in all_docs.values() for _, t in units(doc))
    assert [t[:30] for t, n in texts.items() if n > 1] == []


def test_data_para_only_on_plan_units_of_chapter_pages(all_docs):
    for key, doc in all_docs.items():
        marked = doc.cssselect("[data-para]")
        if not key.startswith("chapters/"):
            assert marked == [], f"{key} carries data-para"
        for el in marked:
            assert el.get("id") == el.get("data-para"), el
            assert el.tag in {"p", "li", "tr", "caption"}, el.tag
    total = sum(len(d.cssselect("[data-para]")) for d in all_docs.values())
    assert total > 250   # 170 paragraphs, 70 table rows, 40-odd box items


def rows(doc, table_id):
    return doc.cssselect(f"#{table_id} tbody tr[data-para]")


def cells(tr):
    return [squeeze(c.text_content()) for c in tr.iterdescendants("th", "td")]


def table_rows(key: str) -> tuple[list[str], list[str], list[str]]:
    """(row ids, sub-row ids, categories in order) as the YAML file lists
    them: the counts a page must show follow the data an editor may change."""
    data = yaml.load((ROOT / "tables" / f"{key}.yaml").read_text(encoding="utf-8"), Loader=yaml.CBaseLoader)
    ids, subs, categories = [], [], []
    for ind in data["indicators"]:
        parts = [p["id"] for p in ind.get("parts", [])]
        ids += parts or [ind["id"]]
        subs += parts
        if not categories or categories[-1] != ind["category"]:
            categories.append(ind["category"])
    return ids, subs, categories


def test_13th_plan_table_counts_and_values(chapter_docs):
    doc = chapter_docs["chapters/ch01/index.html"]
    trs = rows(doc, "indicators-13th")
    subs = [tr for tr in trs if re.fullmatch(r"ind13-\d+-\d+", tr.get("id"))]
    ids, sub_ids, categories = table_rows("indicators-13th")
    assert [tr.get("id") for tr in trs] == ids and [tr.get("id") for tr in subs] == sub_ids
    shown = [squeeze(th.text_content()) for th in doc.cssselect("#indicators-13th th[scope=rowgroup]")]
    assert shown == categories
    assert cells(doc.get_element_by_id("ind13-1")) == ["经济转型", "1", "人均地区生产总值", "万元", "预期性", "13.5以上", "11.4"]
    assert [cells(tr)[-5] for tr in subs] == ["化学需氧量", "二氧化硫", "氨氮", "氮氧化合物"]
    assert cells(subs[-1])[-1] == ""           # 氮氧化合物 has no 完成情况
    assert cells(doc.get_element_by_id("ind13-2"))[1] == "服务业占地区生产总值比重"


def test_14th_plan_table_counts_and_values(chapter_docs):
    doc = chapter_docs["chapters/ch03/index.html"]
    trs = rows(doc, "indicators-14th")
    ids, _, categories = table_rows("indicators-14th")
    assert [tr.get("id") for tr in trs] == ids
    assert [squeeze(th.text_content()) for th in doc.cssselect("#indicators-14th th[scope=rowgroup]")] == categories
    assert cells(doc.get_element_by_id("ind14-1")) == ["经济发展", "1", "地区生产总值", "亿元", "1000", "预期性"]
    # The table stands in 第三章 第四节.
    section = first(doc.cssselect("h2#ch3-s4"))
    assert section is not None and "“十四五”经济社会发展目标" in section.text_content()


def test_thirteen_boxes_in_place(chapter_docs, all_docs):
    boxes = [(k, a) for k, doc in chapter_docs.items() for a in doc.cssselect("aside.plan-box")]
    numbers = [re.match(r"专栏(\d+-\d+)", squeeze(a.find(".//h3").text_content())).group(1) for _, a in boxes]
    files = [p.stem.removeprefix("box-") for p in (ROOT / "tables").glob("box-*.yaml")]
    assert sorted(numbers) == sorted(files) and len(files) >= 13
    for key, aside in boxes:
        chapter = int(re.search(r"ch(\d+)", key).group(1))
        assert aside.find(".//h3").text_content().startswith(f"专栏{chapter}-"), key
        assert aside.cssselect(":scope li[data-para]")
    labelled = all_docs["chapters/ch07/index.html"].get_element_by_id("box-7-1-1")
    assert labelled.find(".//strong").text_content() == "铁路："
    overview = all_docs["boxes/index.html"]
    assert len(overview.cssselect("tbody tr")) == len(files)


def test_lead_sentences_are_bold(chapter_docs):
    p = chapter_docs["chapters/ch04/index.html"].get_element_by_id("ch4-s1-p1")
    assert p.find(".//strong").text_content() == "壮大科技企业集群规模。"


def test_headings_have_readable_anchors(all_docs):
    for key, doc in all_docs.items():
        for h in doc.cssselect("article h1[id], article h2[id], article h3[id]"):
            assert not re.fullmatch(r"_\d*", h.get("id")), (key, h.get("id"))
        if key.startswith("chapters/ch"):
            for h in doc.cssselect("article h2[id]"):
                assert re.fullmatch(r"ch\d+-s\d+", h.get("id")), (key, h.get("id"))


def targets(key: str, links) -> list[tuple[str, str]]:
    """Where links on page ``key`` lead: (built file, anchor)."""
    return [resolve(key, a.get("href")) for a in links]


def test_chapters_link_to_their_boxes_and_indicators(all_docs):
    ch4 = "chapters/ch04/index.html"
    assert targets(ch4, all_docs[ch4].cssselect("nav.plan-related a")) == [
        ("boxes/box-4-1/index.html", ""), ("boxes/box-4-2/index.html", "")]
    ch3 = "chapters/ch03/index.html"
    assert ("indicators/index.html", "indicators-14th") in targets(ch3, all_docs[ch3].cssselect("nav.plan-related a"))
    assert targets(ch3, all_docs[ch3].cssselect("#ind14-1 a")[:1]) == [("indicators/ind14-1/index.html", "")]


def test_indicator_pages_cross_link(all_docs):
    key = "indicators/ind14-6/index.html"
    page = all_docs[key]
    text = squeeze(page_text(page))
    assert "400以上" in text and "196" in text
    assert ("indicators/ind13-11/index.html", "") in targets(key, page.cssselect("article a[href]"))
    culture = squeeze(page_text(all_docs["indicators/ind14-17/index.html"]))
    assert "4.5左右" in culture and "3.2" in culture
    back = "indicators/ind13-11/index.html"
    assert ("indicators/ind14-6/index.html", "") in targets(back, all_docs[back].cssselect("article a[href]"))


def test_indicator_mentions_point_at_paragraphs_that_speak_of_it(all_docs, html_pages):
    tables = {p.stem: yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for p in (ROOT / "tables").glob("indicators-*.yaml")}
    checked = 0
    for table in tables.values():
        for ind in table["indicators"]:
            words = ind.get("keywords") or [ind["name"]]
            page = all_docs[f"indicators/{ind['id']}/index.html"]
            for a in page.cssselect("article li > a[href*='#']"):
                key, anchor = resolve(f"indicators/{ind['id']}/index.html", a.get("href"))
                unit = all_docs[key].get_element_by_id(anchor, None)
                assert unit is not None and "data-para" in unit.attrib
                assert any(w in unit.text_content() for w in words), (ind["id"], anchor)
                checked += 1
    assert checked > 50


def test_box_pages_link_back_to_their_section(all_docs):
    key = "boxes/box-4-1/index.html"
    found = targets(key, all_docs[key].cssselect("p.plan-source a"))
    assert ("chapters/ch04/index.html", "ch4-s1") in found and ("chapters/ch04/index.html", "box-4-1") in found


def test_edit_links_point_at_the_file_an_editor_changes(all_docs):
    def edit(key):
        a = first(all_docs[key].cssselect("a.md-content__button[href*='/edit/']"))
        return a.get("href") if a is not None else None
    assert edit("chapters/ch04/index.html").endswith("/edit/main/chapters/ch04.md")
    assert edit("indicators/ind14-1/index.html").endswith("/edit/main/tables/indicators-14th.yaml")
    assert edit("boxes/box-4-1/index.html").endswith("/edit/main/tables/box-4-1.yaml")
    assert edit("index.html").endswith("/edit/main/docs/index.md")


def test_navigation_is_parts_then_chapters(all_docs):
    nav = all_docs["index.html"].cssselect("nav.md-nav--primary")[0]
    labels = [squeeze(x.text_content()) for x in nav.cssselect(":scope .md-nav__item--nested > label.md-nav__link")]
    assert [label[:3] for label in labels[:3]] == ["第一篇", "第二篇", "第三篇"]
    links = [squeeze(a.text_content()) for a in nav.cssselect(":scope a.md-nav__link")]
    chapters = [link for link in links if re.match(r"第[一二三四五六七八九十]+章", link)]
    assert len(chapters) == len(list((ROOT / "chapters").glob("ch*.md")))


def test_home_page_leads_everywhere(all_docs):
    home = all_docs["index.html"].cssselect("article")[0]
    keys = {key for key, _ in targets("index.html", home.cssselect(":scope a[href]"))}
    assert {"indicators/index.html", "boxes/index.html", "search/index.html", "chapters/preamble/index.html",
            "chapters/ch16/index.html"} <= keys
    assert len([k for k in keys if k.startswith("chapters/ch")]) == len(list((ROOT / "chapters").glob("ch*.md")))


def resolve(base_key: str, href: str) -> tuple[str, str]:
    """(built file, anchor) a link on page ``base_key`` leads to, resolved as a
    browser does with the site served under site_url's path; a link that
    leaves that path (too many "../", or another absolute path) leads to
    OUTSIDE."""
    page = urljoin("http://site" + SITE_PATH, base_key.removesuffix("index.html"))
    url, anchor = urldefrag(urljoin(page, href))
    path = unquote(urlsplit(url).path)
    if not path.startswith(SITE_PATH):
        return OUTSIDE, anchor
    key = path[len(SITE_PATH):]
    if key == "" or key.endswith("/"):
        key += "index.html"
    return key, anchor


OUTSIDE = "__outside_site_path__"


def test_every_internal_link_and_anchor_resolves(all_docs, built_site, site_url):
    """Every link on every page, followed as a browser does with the site
    served under site_url's path (as deployed): the page it leads to is
    served there and holds the anchor."""
    broken, served, ids = [], {}, {}
    for key, doc in all_docs.items():
        for a in doc.xpath("//a[@href]"):
            href = a.get("href")
            if urlsplit(href).scheme or href.startswith(("//", "mailto:", "javascript:")):
                continue
            target, anchor = resolve(key, href)
            if target not in served:
                served[target] = fetch_ok(site_url + target) if target != OUTSIDE else False
            if not served[target]:
                broken.append((key, href))
                continue
            if anchor and target.endswith(".html"):
                if target not in ids:           # every id of the page, read once
                    tdoc = all_docs.get(target)
                    ids[target] = set() if tdoc is None else {el.get("id") for el in tdoc.xpath("//*[@id]")}
                if anchor not in ids[target]:
                    broken.append((key, href))
    assert len(served) > 100
    assert broken == []


def fetch_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status == 200
    except OSError:
        return False


def test_generated_pages_are_not_committed():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    if not tracked:
        pytest.fail("not a git checkout: cannot check what is committed")
    assert not [p for p in tracked if p.startswith(("docs/chapters/", "docs/indicators/", "docs/boxes/", "site/"))]


def test_a_new_row_shows_everywhere_after_a_rebuild(tmp_path, plan_cache):
    project = copy_project(tmp_path / "project")
    path = project / "tables" / "indicators-14th.yaml"
    text = path.read_text(encoding="utf-8")
    head, sep, tail = text.partition("chapter: 3\n")
    row = ("- id: ind14-35\n  category: 人民生活\n  number: 35\n  name: 测试新增指标甲\n"
           "  unit: '%'\n  target_2025: '12.5'\n  attribute: 预期性\n")
    path.write_text(head + row + sep + tail, encoding="utf-8")
    out = tmp_path / "site"
    result = build(project, out, cache=plan_cache)
    assert result.returncode == 0, result.stderr[-3000:]
    overview = page_tree(out / "indicators" / "index.html")
    link = first(overview.xpath("//a[text() = '测试新增指标甲']"))
    assert link is not None and resolve("indicators/index.html", link.get("href")) == ("indicators/ind14-35/index.html", "")
    own = page_tree(out / "indicators" / "ind14-35" / "index.html")
    assert "测试新增指标甲" in own.find(".//h1").text_content() and "12.5" in page_text(own)
    chapter = page_tree(out / "chapters" / "ch03" / "index.html")
    assert cells(chapter.get_element_by_id("ind14-35")) == ["35", "测试新增指标甲", "%", "12.5", "预期性"]
    group = [th for th in chapter.cssselect("#indicators-14th th[scope=rowgroup]") if "人民生活" in th.text_content()]
    assert int(group[0].get("rowspan")) == 11
