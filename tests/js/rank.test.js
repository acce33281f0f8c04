// Ranking: a label match first, then a heading match, then the phrase as
// written; within a tier BM25 over the plan's words; then plan order.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { loadEngine, plain } = require("./support");
const { planIndex } = require("./fixture");

const SEP = "\x7f";
// A unit of these words (its norm and normWords as the engine makes them).
function unit(order, words) {
  return { order, norm: words.join(""), normWords: SEP + words.join(SEP) + SEP, length: words.length };
}

test("BM25: more occurrences, a shorter unit, a rarer word score higher", () => {
  const { rank } = loadEngine();
  const score = (u, words, idfs, avg) => rank.bm25(u, words, idfs, avg || 4, SEP);
  // more occurrences of the word, same length
  assert.ok(score(unit(0, ["运河", "运河", "沿线", "整治"]), ["运河"], [1]) >
            score(unit(1, ["运河", "环境", "沿线", "整治"]), ["运河"], [1]));
  // the same occurrences in a shorter unit
  assert.ok(score(unit(0, ["运河", "整治"]), ["运河"], [1]) > score(unit(1, ["运河", "环境", "沿线", "整治"]), ["运河"], [1]));
  // inside a longer word counts less than as a word of its own
  assert.ok(score(unit(0, ["运河", "整治"]), ["运河"], [1]) > score(unit(1, ["大运河", "整治"]), ["运河"], [1]));
  assert.ok(score(unit(1, ["大运河", "整治"]), ["运河"], [1]) > 0);
  // idf: a word in fewer units weighs more
  const units = [unit(0, ["运河", "数字"]), unit(1, ["数字"]), unit(2, ["数字", "经济"])];
  assert.ok(rank.idf(units, "运河") > rank.idf(units, "数字"));
  assert.ok(rank.idf(units, "数字") > 0);
});

test("BM25's parameters are named, and saturate as BM25 does", () => {
  const { rank } = loadEngine();
  assert.deepEqual(plain(rank.BM25), { k1: 1.2, b: 0.75, inside: 0.5 });
  const tf = (n) => rank.bm25(unit(0, Array(n).fill("运河")), ["运河"], [1], n, SEP);
  // with a unit of average length, tf(k1 + 1) / (tf + k1): bounded by k1 + 1
  assert.ok(Math.abs(tf(1) - 1) < 1e-12);
  assert.ok(tf(50) < rank.BM25.k1 + 1 && tf(50) > tf(10));
});

test("tiers: label above heading above phrase, above any BM25 difference; ties in plan order", () => {
  const { rank } = loadEngine();
  const t = (label, heading, phrase) => rank.tier({ label, heading, phrase });
  assert.ok(t(true, false, false) > t(false, true, true));
  assert.ok(t(false, true, false) > t(false, false, true));
  assert.ok(t(false, false, true) > t(false, false, false));
  const results = [
    { unit: { order: 5 }, score: 1.5 }, { unit: { order: 2 }, score: rank.TIER.weight },
    { unit: { order: 1 }, score: 1.5 }, { unit: { order: 0 }, score: 0.2 }];
  assert.deepEqual(plain(rank.order(results).map((r) => r.unit.order)), [2, 1, 5, 0]);
});

test("in a search: the label match first, then the heading match, then BM25", () => {
  const { Engine } = loadEngine();
  const e = new Engine(planIndex());
  const order = (q) => plain(e.search(q).results.map((r) => r.unit.id));
  // a's label is 大运河文化带; d holds it too, in Traditional, not as a label
  assert.deepEqual(order("大运河文化带"), ["a", "d"]);
  // f stands under the heading 第二章 数字经济 (and holds the phrase); c only holds the phrase
  assert.deepEqual(order("数字经济"), ["f", "c"]);
  const tiers = plain(e.search("运河").results.map((r) => r.tier));
  assert.deepEqual(tiers, tiers.slice().sort((x, y) => y - x));
  // within one tier, BM25: a holds 运河 three times, inside longer words
  const res = e.search("运河").results;
  for (let i = 1; i < res.length; i++) assert.ok(res[i - 1].score >= res[i].score);
});
