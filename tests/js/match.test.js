// Matching: every unit whose text, in comparison form, holds every term of
// the query, and nothing else. Ground truth: the units' texts as written in
// fixture.js, read by eye (each case says why).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { loadEngine, plain } = require("./support");
const { planIndex, TEXTS } = require("./fixture");

function engine() {
  const { Engine } = loadEngine();
  return new Engine(planIndex());
}
const ids = (e, q) => plain(e.search(q).results.map((r) => r.unit.id)).sort();

test("运河 finds 大运河, in Simplified and Traditional text", () => {
  const e = engine();
  // a, d (保護大運河), g, i: 大运河; b: 运河 alone; h: 运河 before a zero-width space
  assert.deepEqual(ids(e, "运河"), ["a", "b", "d", "g", "h", "i"]);
  assert.deepEqual(ids(e, "大运河"), ["a", "d", "g", "i"]);
});

test("a Traditional or variant query finds what its Simplified form finds", () => {
  const e = engine();
  assert.deepEqual(ids(e, "大運河"), ids(e, "大运河"));
  assert.deepEqual(ids(e, "文化帶"), ["a", "d"]);
  assert.deepEqual(plain(e.terms("大運河 文化帶")), ["大运河", "文化带"]);
});

test("every term of a query must be in the unit", () => {
  const e = engine();
  assert.deepEqual(ids(e, "运河 数字"), ["g"]);
  assert.deepEqual(ids(e, "  运河\u3000沿线 "), ["b", "g"]);
  assert.equal(e.search("运河 数字").mode, "exact");
});

test("numbers, Latin letters and invisible characters are compared in comparison form", () => {
  const e = engine();
  assert.deepEqual(ids(e, "1000亿元"), ["e"]);
  assert.deepEqual(ids(e, "１，０００亿"), ["e"]);
  assert.deepEqual(ids(e, "pm2.5"), ["e"]);
  assert.deepEqual(ids(e, "ＰＭ２．５"), ["e"]);
  assert.deepEqual(ids(e, "运河新城"), ["h"]);          // the U+200B between them is not there
  assert.deepEqual(ids(e, "🚄运河"), ["h"]);
});

test("a phrase not in the plan falls back to its words, each found, all in every unit listed", () => {
  const e = engine();
  const res = e.search("数字经济政府");
  assert.equal(res.mode, "fallback");
  const words = plain(res.terms);
  assert.ok(words.length > 1 && words.every((w) => Array.from(w).length > 1), words.join("|"));
  const truth = Object.keys(TEXTS).filter((id) => words.every((w) => e.compareForm(TEXTS[id]).includes(w))).sort();
  assert.ok(truth.length);
  assert.deepEqual(ids(e, "数字经济政府"), truth);
});

test("nothing found says so and suggests words that occur", () => {
  const e = engine();
  const res = e.search("火星运河基地");
  assert.equal(res.mode, "none");
  assert.equal(res.results.length, 0);
  assert.ok(res.suggestions.length);
  for (const w of res.suggestions) assert.ok(e.search(w).results.length, w);
});

test("a query of punctuation alone is empty; one longer than any unit is too long", () => {
  const e = engine();
  for (const q of ["", "   ", "，。", "“”", "\u200b"]) assert.equal(e.search(q).mode, "empty", JSON.stringify(q));
  const long = e.search("运".repeat(200));
  assert.equal(long.mode, "tooLong");
  assert.equal(long.length, 200);
});

test("the match is a pure function of units and terms", () => {
  const { match } = loadEngine();
  const units = [{ norm: "大运河文化带" }, { norm: "运河沿线" }, { norm: "数字" }];
  assert.deepEqual(plain(match.units(units, ["运河"])), [units[0], units[1]]);
  assert.deepEqual(plain(match.units(units, ["运河", "沿线"])), [units[1]]);
  assert.deepEqual(plain(match.units(units, ["火星"])), []);
});
