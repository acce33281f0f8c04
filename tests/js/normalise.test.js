// The comparison form (issue 10) in the engine: every row of
// tests/cases/normalisation.tsv (read here from the file, as Python's tests
// read it) gives the terms the row lists, when the index's tables are made
// by Python for a plan that holds those terms (the tables ship only what
// can be found in the plan).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { loadEngine, makeIndex, page, plain, readCases } = require("./support");

const CASES = readCases();
const escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function engineFor(cases) {
  const units = cases.filter((c) => c.terms.length).map((c, i) => [`u${i}`, escape(c.terms.join("，"))]);
  const { Engine } = loadEngine();
  return new Engine(makeIndex([page("chapters/ch01/", "第一章", units)]));
}

test("the case table is read: every class, many rows", () => {
  assert.ok(CASES.length >= 60);
  const classes = new Set(CASES.map((c) => c.cls));
  for (const cls of ["plain", "nfkc", "case", "whitespace", "invisible", "variant", "thousands", "lookalike", "punct", "noise", "multi"]) {
    assert.ok(classes.has(cls), cls);
  }
});

test("every case's query becomes the case's terms", () => {
  const e = engineFor(CASES);
  const wrong = [];
  for (const c of CASES) {
    const got = plain(e.terms(c.query));
    if (JSON.stringify(got) !== JSON.stringify(c.terms)) wrong.push(`${c.cls} ${JSON.stringify(c.query)}: ${got.join(" ")} ≠ ${c.terms.join(" ")}`);
  }
  assert.deepEqual(wrong, []);
});

test("the comparison form is idempotent and takes any text", () => {
  const e = engineFor(CASES);
  for (const c of CASES) {
    const f = e.compareForm(c.query);
    assert.equal(e.compareForm(f), f, c.query);
  }
  for (const t of ["", "\x00", "\ud800", "😀😀", "𫫇", null, undefined]) assert.equal(typeof e.compareForm(t), "string");
});

test("the quick pass is NFKC, lower case and white space out", () => {
  const { form } = loadEngine();
  assert.equal(form.quickForm(" ＧＤＰ\u3000增长\t5％ "), "gdp增长5%");
  assert.equal(form.quickForm("\ufeff运河"), "运河");
});
