// Highlighting: the ranges of the text as written (UTF-16 offsets, never
// half a surrogate pair) that hold each term, whatever the spelling.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { loadEngine, plain } = require("./support");
const { planIndex, TEXTS } = require("./fixture");

// The text of each range, as the reader sees it.
const marked = (text, ranges) => ranges.map(([a, b]) => text.slice(a, b));

test("ranges: every occurrence, in order, those that touch or overlap merged", () => {
  const { highlight } = loadEngine();
  const identity = (norm) => ({ norm, starts: (i) => i, ends: (i) => i + 1 });
  assert.deepEqual(plain(highlight.ranges(identity("abcabc"), ["abc", "bca"])), { count: 3, ranges: [[0, 6]] });
  assert.deepEqual(plain(highlight.ranges(identity("运河与运河"), ["运河"])), { count: 2, ranges: [[0, 2], [3, 5]] });
  assert.deepEqual(plain(highlight.ranges(identity("运河运河"), ["运河"])), { count: 2, ranges: [[0, 4]] });   // touching: one mark
  assert.deepEqual(plain(highlight.ranges(identity("运河"), ["火星"])), { count: 0, ranges: [] });
});

test("a query in any spelling marks the text as written", () => {
  const { Engine } = loadEngine();
  const e = new Engine(planIndex());
  const cases = [
    ["大運河", "保护大运河遗产", ["大运河"]],
    ["大运河", TEXTS.d, ["大運河"]],
    ["1000亿元", TEXTS.e, ["1,000亿元"]],
    ["ＰＭ２．５", TEXTS.e, ["PM2.5"]],
    ["运河新城", TEXTS.h, ["运河\u200b新城"]],
    ["运河", TEXTS.h, ["运河"]],
    ["🚄运河", TEXTS.h, ["🚄运河"]],            // an astral character: both its code units
  ];
  for (const [q, text, want] of cases) assert.deepEqual(marked(text, plain(e.highlight(q, text))), want, q);
  assert.deepEqual(plain(e.highlight("火星", TEXTS.a)), []);
  assert.deepEqual(plain(e.highlight("，", TEXTS.a)), []);
});

test("search results carry the same ranges in each unit's text", () => {
  const { Engine } = loadEngine();
  const e = new Engine(planIndex());
  for (const q of ["运河", "大運河", "1,000亿", "数字 经济"]) {
    const terms = plain(e.terms(q));
    for (const r of e.search(q).results) {
      const shown = marked(r.unit.text, plain(r.ranges)).map((m) => e.compareForm(m));
      assert.ok(shown.length && terms.every((t) => shown.some((m) => m.includes(t))), `${q} ${r.unit.id}`);
      assert.ok(r.count >= shown.length);
    }
  }
});

test("the quick map equals the one made character by character, where it serves", () => {
  const { Engine, form, highlight } = loadEngine();
  const e = new Engine(planIndex());
  const texts = [...Object.values(TEXTS), "大 运河（东部）ＧＤＰ", "① 2025年", "５㎡", "e\u0301", "ｶﾞ", "\u3000运河\u00a0文化", "ß\u200b"];
  let served = 0;
  for (const text of texts) {
    const full = highlight.fullMap(e.textForm, text);
    const norm = form.quickForm(text);
    const quick = norm === e.compareForm(text) ? highlight.quickMap(text, norm) : null;
    if (!quick) continue;
    served++;
    assert.equal(quick.norm, full.norm, text);
    for (let i = 0; i < full.norm.length; i++) {
      assert.deepEqual([quick.starts(i), quick.ends(i)], [full.starts(i), full.ends(i)], `${text} ${i}`);
    }
  }
  assert.ok(served >= 5);
  assert.equal(highlight.quickMap("e\u0301", "é"), null);    // a combining mark: never the quick map
});

test("every character that can merge with the one before it is in MERGING", () => {
  const { highlight } = loadEngine();
  const missing = [];
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    const d = ch.normalize("NFKD");
    if ((/^\p{M}/u.test(d) || /^[\u1161-\u11ff\ud7b0-\ud7ff]/.test(d)) && !highlight.MERGING.test(ch)) missing.push(c.toString(16));
  }
  assert.deepEqual(missing, []);
});
