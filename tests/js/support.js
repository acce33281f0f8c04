// What the engine's tests share: the engine's parts loaded as the browser
// loads them (plain classic scripts, one shared global object), an index
// written by Python's own writer, and the comparison form's case table.
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const { execFileSync } = require("node:child_process");

const ROOT = path.resolve(__dirname, "..", "..");
const ENGINE_DIR = path.join(ROOT, "docs", "assets", "javascripts", "engine");

// A fresh global object with the engine's parts run in it, in file name
// order (each part only defines things, so any order serves): its
// window.PlanSearch.
function loadEngine() {
  const context = vm.createContext({ console });
  context.window = vm.runInContext("this", context);
  for (const name of fs.readdirSync(ENGINE_DIR).filter((f) => f.endsWith(".js")).sort()) {
    const file = path.join(ENGINE_DIR, name);
    vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
  }
  return context.window.PlanSearch;
}

// Values made in the engine's global object, as plain values of this one
// (so that assert.deepStrictEqual compares contents, not prototypes).
function plain(value) {
  return JSON.parse(JSON.stringify(value));
}

function python() {
  if (process.env.PYTHON) return process.env.PYTHON;
  const venv = path.join(ROOT, ".venv", "bin", "python");
  return fs.existsSync(venv) ? venv : "python3";
}

// The index Python writes for these pages (tests/js/make_index.py):
// pages [{url, title, html}], filtered [html]. Made once per input in this
// process, and once per run of all the files when PLAN_INDEX_CACHE names a
// folder for this run (tests/test_js.py gives each run a new one): `node
// --test` runs each file in a process of its own, and starting Python with
// jieba's dictionary takes longer than the file's tests.
const made = new Map();
function makeIndex(pages, filtered) {
  const input = JSON.stringify({ pages, filtered: filtered || [] });
  if (!made.has(input)) made.set(input, runWriter(input));
  return JSON.parse(made.get(input));
}

function runWriter(input) {
  const folder = process.env.PLAN_INDEX_CACHE;
  const saved = folder && path.join(folder, crypto.createHash("sha256").update(input).digest("hex") + ".json");
  if (saved && fs.existsSync(saved)) return fs.readFileSync(saved, "utf8");
  const out = execFileSync(python(), [path.join(__dirname, "make_index.py")], { input, cwd: ROOT, maxBuffer: 1 << 26 })
    .toString("utf8");
  if (saved) {   // whole or not at all: another file's process may read it at any moment
    const partial = `${saved}.${process.pid}.tmp`;
    fs.writeFileSync(partial, out);
    fs.renameSync(partial, saved);
  }
  return out;
}

// A chapter page of units: [[id, html]], each a paragraph.
function page(url, title, units) {
  const body = units.map(([id, html]) => `<p id="${id}" data-para="${id}">${html}</p>`).join("\n");
  return { url, title, html: `<h1>${title}</h1>\n${body}` };
}

// tests/cases/normalisation.tsv (as plansite.textform.read_cases reads it):
// [{cls, query, terms, note}].
function readCases() {
  const file = path.join(ROOT, "tests", "cases", "normalisation.tsv");
  const unescape = (s) => s.replace(/\\(u[0-9a-fA-F]{4}|t|n|\\)/g, (_, e) =>
    e === "t" ? "\t" : e === "n" ? "\n" : e === "\\" ? "\\" : String.fromCharCode(parseInt(e.slice(1), 16)));
  const out = [];
  fs.readFileSync(file, "utf8").split("\n").forEach((line, i) => {
    if (!line || line.startsWith("#") || line.startsWith("class\t")) return;
    const fields = line.split("\t");
    if (fields.length !== 4) throw new Error(`normalisation.tsv:${i + 1}: expected 4 fields, found ${fields.length}`);
    const [cls, query, terms, note] = fields;
    out.push({ cls, query: unescape(query), terms: unescape(terms).split(/\s+/).filter(Boolean), note });
  });
  return out;
}

module.exports = { ROOT, loadEngine, plain, makeIndex, page, readCases };
