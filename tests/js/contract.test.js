// The index as Python writes it is what the engine reads: by the names of
// its fields, of the one format version it reads; anything else is refused
// with an error saying what is wrong, never read into wrong results.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { loadEngine, plain } = require("./support");
const { planIndex } = require("./fixture");

const ids = (engine, q) => plain(engine.search(q).results.map((r) => r.unit.id));

test("the engine reads the index Python writes", () => {
  const { Engine } = loadEngine();
  const index = planIndex();
  const engine = new Engine(index);
  assert.equal(engine.units.length, index.units.length);
  assert.deepEqual(plain(engine.units.map((u) => u.id)), ["a", "b", "c", "d", "e", "f", "g", "h", "i"]);
  const a = engine.units[0];
  assert.equal(a.text, "大运河文化带：保护大运河遗产，建设大运河文化带。");
  assert.equal(a.text.slice(a.labelStart, a.labelEnd), "大运河文化带：");
  const i = engine.units[8];
  assert.equal(engine.c.kinds[i.kind], "专栏");
  assert.equal(engine.headText[i.group], "专栏2-1 重点项目");
  assert.equal(engine.pages[i.page].title, "第二章 数字经济");
  assert.equal(i.text.slice(i.labelStart, i.labelEnd), "省级：");
});

test("fields are found by their names, wherever they stand", () => {
  const { Engine } = loadEngine();
  const index = planIndex();
  const before = new Engine(index);
  const reversed = JSON.parse(JSON.stringify(index));
  reversed.fields.reverse();
  reversed.units = reversed.units.map((row) => row.slice().reverse());
  const after = new Engine(reversed);
  for (const q of ["运河", "数字经济", "大運河", "1000亿元"]) {
    assert.deepEqual(ids(after, q), ids(before, q), q);
    assert.ok(ids(after, q).length, q);
  }
  const record = (u) => [u.id, u.page, u.section, u.group, u.kind, u.labelStart, u.labelEnd, u.words, u.commitments, u.length];
  assert.deepEqual(plain(after.units.map(record)), plain(before.units.map(record)));
});

test("another format version is refused, saying so", () => {
  const { Engine } = loadEngine();
  for (const v of [undefined, 2, 4, "3"]) {
    const index = planIndex();
    index.v = v;
    assert.throws(() => new Engine(index), /format/, String(v));
  }
});

test("an index without a field the engine reads is refused, naming it", () => {
  const { Engine } = loadEngine();
  const index = planIndex();
  const at = index.fields.indexOf("words");
  index.fields.splice(at, 1);
  index.units.forEach((row) => row.splice(at, 1));
  assert.throws(() => new Engine(index), /words/);
});

test("a unit record that does not match the fields is refused", () => {
  const { Engine } = loadEngine();
  const index = planIndex();
  index.units[3].pop();
  assert.throws(() => new Engine(index), /unit 3/);
  const noSep = planIndex();
  delete noSep.sep;
  assert.throws(() => new Engine(noSep), /sep/);
  assert.throws(() => new Engine(null), /not an index/);
});
