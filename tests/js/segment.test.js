// Cutting a phrase into the plan's words the way jieba does: the most
// probable path through the vocabulary's words.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { loadEngine, plain } = require("./support");
const { planIndex } = require("./fixture");

const SEP = "\x7f";
// A vocabulary of these words, each as often as listed.
function vocabulary(words, counts) {
  const { words: W } = loadEngine();
  const list = [];
  Object.entries(counts).forEach(([w, n]) => { for (let i = 0; i < n; i++) list.push(w); });
  return { W, vocab: new W.Vocabulary(SEP + list.concat(words || []).join(SEP) + SEP, SEP, list.length) };
}

test("the most probable words: long known words beat pieces", () => {
  const { W, vocab } = vocabulary([], { 大运河: 3, 文化带: 2, 文化: 1, 运河: 1, 带: 1 });
  assert.deepEqual(plain(W.segment("大运河文化带", vocab)), ["大运河", "文化带"]);
  assert.deepEqual(plain(W.segment("运河文化", vocab)), ["运河", "文化"]);
});

test("frequencies decide between two cuts", () => {
  const a = vocabulary([], { 数字经济: 1, 数字: 50, 经济: 50, 济: 1 });
  // 数字|经济: 50 * 50 / total^2 beats 数字经济 alone: 1 / total
  assert.deepEqual(plain(a.W.segment("数字经济", a.vocab)), ["数字", "经济"]);
  const b = vocabulary([], { 数字经济: 30, 数字: 2, 经济: 2 });
  assert.deepEqual(plain(b.W.segment("数字经济", b.vocab)), ["数字经济"]);
  // each word is a probability (its count over all words'): two pieces of 3
  // each (9 / 8²) are less likely than the whole word's 2 (2 / 8)
  const c = vocabulary([], { 大运河: 2, 大: 3, 运河: 3 });
  assert.deepEqual(plain(c.W.segment("大运河", c.vocab)), ["大运河"]);
});

test("unknown characters stand alone; runs of Latin letters and digits stay together", () => {
  const { W, vocab } = vocabulary([], { 下降: 2, 浓度: 1 });
  assert.deepEqual(plain(W.segment("火星", vocab)), ["火", "星"]);
  assert.deepEqual(plain(W.segment("pm2.5浓度下降", vocab)), ["pm2.5", "浓度", "下降"]);
  assert.deepEqual(plain(W.segment("", vocab)), []);
});

test("a word counts where it stands as a word, not inside a longer one", () => {
  const { W, vocab } = vocabulary([], { 大运河: 2, 运河: 1 });
  assert.equal(vocab.freq("运河"), 1);
  assert.equal(vocab.freq("大运河"), 2);
  assert.equal(vocab.freq("河"), 0);
  assert.equal(W.wordCount(SEP + "运河" + SEP + "运河" + SEP, "运河", SEP), 2);   // neighbours share a separator
  assert.ok(vocab.starts("大运"));
  assert.ok(!vocab.starts("河"));
  assert.deepEqual(plain(vocab.words()), ["大运河", "运河"]);
});

test("the plan's vocabulary is jieba's words of the index", () => {
  const { Engine } = loadEngine();
  const e = new Engine(planIndex());
  // jieba cut the units at build time; every word it made is in the vocabulary
  for (const u of e.units) {
    for (const w of u.normWords.split(e.sep).filter(Boolean)) assert.ok(e.vocab.freq(w) > 0, w);
  }
  // suggestions come most frequent first
  const words = plain(e.vocab.words());
  assert.ok(words.includes("数字") && words.includes("大运河"));
  for (let i = 1; i < words.length; i++) assert.ok(e.vocab.freq(words[i - 1]) >= e.vocab.freq(words[i]), words[i]);
});
