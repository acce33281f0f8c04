// The search engine (engine, part 7 of 7): reads the index that
// scripts/plansite/search_index.py writes and answers queries with the
// other parts (normalise, segment, match, rank, highlight, suggest).
//
// The index describes itself: its format version (v) and the names of the
// fields of its unit records (fields). The engine reads each field by its
// name and refuses an index of another version or without a field it
// needs, with an Error saying which (search.js shows the reader its
// message that the index could not be loaded): an index and an engine from
// different builds (a cached file) never give wrong results quietly.
(function (ns) {
  "use strict";

  // The index format this code reads. Deliberately written here, not taken
  // from the page: when Python writes another format, this code has to be
  // changed to read it, and until then it says so.
  var READS = 3;
  // Fields of a unit record this code reads.
  var NEEDS = ["id", "page", "section", "group", "kind", "labelStart", "labelEnd", "words", "commitments", "length"];

  // Where each field stands in a unit record; throws on an index this code
  // cannot read.
  function positions(data) {
    if (!data || typeof data !== "object") throw new Error("search index: not an index");
    if (data.v !== READS) {
      throw new Error("search index: format " + data.v + ", this engine reads format " + READS +
        " (the index and the engine come from different builds)");
    }
    var fields = Array.isArray(data.fields) ? data.fields : [];
    var missing = NEEDS.filter(function (f) { return fields.indexOf(f) < 0; });
    if (missing.length) throw new Error("search index: its units lack the fields " + missing.join(", "));
    if (typeof data.sep !== "string" || data.sep.length !== 1) throw new Error("search index: no word separator (sep)");
    var short = (data.units || []).findIndex(function (row) { return !Array.isArray(row) || row.length !== fields.length; });
    if (short >= 0) throw new Error("search index: unit " + short + " does not have the " + fields.length + " fields listed");
    var at = {};
    fields.forEach(function (f, i) { at[f] = i; });
    return at;
  }

  // A plan unit. Its text is worked out when first asked for: only the
  // units a search shows need it.
  function Unit(row, at, order, norm, normWords, quick, sep) {
    this.order = order;
    this.id = row[at.id];
    this.page = row[at.page];
    this.section = row[at.section];
    this.group = row[at.group];
    this.kind = row[at.kind];
    this.labelStart = row[at.labelStart];
    this.labelEnd = row[at.labelEnd];
    this.words = row[at.words];
    this.commitments = row[at.commitments] || 0;
    this.length = row[at.length];  // how many words
    this.norm = norm;            // normalised text
    this.normWords = normWords;  // normalised words, sep around each
    this.quick = quick;          // its form is the quick pass's (highlight.quickMap may serve)
    this.sep = sep;
    this.plain = null;
    this.map = null;             // normalised position → position in the text
  }
  Object.defineProperty(Unit.prototype, "text", {
    get: function () { return this.plain === null ? (this.plain = this.words.split(this.sep).join("")) : this.plain; }
  });

  // Work done once per page, on the path of the first results: kept to
  // whole-string operations the browser does natively (one normalisation
  // of all the plan's words, a few splits), nothing per character.
  function Engine(data) {
    var at = positions(data);
    var sep = this.sep = data.sep;
    var UNIT = ns.words.UNIT;
    this.c = data.const;
    this.pages = data.pages;
    var form = this.textForm = new ns.form.TextForm(data);
    var quickForm = ns.form.quickForm;
    var forms = data.forms || {};
    // headings and page titles (for ranking): the quick pass, or the full
    // form for those the index lists
    function formOf(listed) {
      var full = new Set(listed || []);
      return function (text, i) { return full.has(i) ? form.form(text) : quickForm(text); };
    }
    this.heads = data.heads.map(formOf(forms.heads));
    this.headText = data.heads;
    var title = formOf(forms.titles);
    this.pageTitles = data.pages.map(function (pg, i) { return title(pg.title, i); });
    // All the plan's words, normalised in one go, in one stream (segment.js).
    // A unit's normalised text is its stretch of the stream without the
    // separators. This quick pass gives nearly every unit its comparison
    // form; the few it does not (index: forms) get it word by word in the
    // stream and whole for matching (words may differ where they meet: 1 , 000).
    var rows = data.units;
    var full = new Set(forms.units || []);
    var stream = quickForm(sep + rows.map(function (u, i) {
      // (sep would be removed: a private-use character stands in for it)
      return full.has(i) ? form.form(u[at.words].split(sep).join("\ue000")).split("\ue000").join(sep) : u[at.words];
    }).join(sep + UNIT + sep) + sep);
    var norms = stream.split(sep).join("").split(UNIT);   // faster than a global replace
    var words = stream.split(UNIT);
    var total = 0;
    var longest = 0;
    this.units = rows.map(function (u, order) {
      total += u[at.length];
      if (norms[order].length > longest) longest = norms[order].length;
      var quick = !full.has(order);
      var norm = quick ? norms[order] : form.form(u[at.words].split(sep).join(""));
      return new Unit(u, at, order, norm, words[order], quick, sep);
    });
    this.vocab = new ns.words.Vocabulary(stream, sep, total);
    this.avgLength = total / Math.max(1, this.units.length);
    this.longest = longest;
  }

  // The comparison form of a text (string → string): the one every caller
  // uses (search, highlight, the 承诺清单 filter).
  Engine.prototype.compareForm = function (text) {
    return this.textForm.form(text);
  };

  // The terms of a query, in comparison form (match.js).
  Engine.prototype.terms = function (query) {
    return ns.match.terms(query, this.textForm.form.bind(this.textForm));
  };

  // The unit's label (a 专栏 item's lead, an indicator's name), normalised.
  Engine.prototype.label = function (unit) {
    if (unit.labelEnd <= unit.labelStart) return "";
    return this.textForm.form(unit.text.slice(unit.labelStart, unit.labelEnd));
  };

  // The page title and headings a unit stands under, normalised, in one text.
  Engine.prototype.headings = function (unit) {
    return this.pageTitles[unit.page] + this.sep + (unit.section >= 0 ? this.heads[unit.section] : "") + this.sep +
      (unit.group >= 0 ? this.heads[unit.group] : "");
  };

  // Occurrences of the terms in a unit: count and merged ranges in its text.
  Engine.prototype.occurrences = function (unit, terms) {
    // map.norm equals unit.norm but for exotic combining sequences
    if (!unit.map) {
      unit.map = (unit.quick && ns.highlight.quickMap(unit.text, unit.norm)) || ns.highlight.fullMap(this.textForm, unit.text);
    }
    return ns.highlight.ranges(unit.map, terms);
  };

  // Ranges to highlight in any text (a unit on its own page).
  Engine.prototype.highlight = function (query, text) {
    var p = ns.match.plan(query, this);
    if (p.mode !== "exact" && p.mode !== "fallback") return [];
    return ns.highlight.ranges(ns.highlight.fullMap(this.textForm, text), p.terms).ranges;
  };

  // A query → {mode, terms, shown, length, results (rank.js), mentions
  // (occurrences in all results), chapters (pages they stand on),
  // suggestions (when there are no results)}.
  Engine.prototype.search = function (query) {
    var p = ns.match.plan(query, this);
    var results = p.found && p.found.length ? ns.rank.rank(p, this) : [];
    var mentions = 0;
    var chapters = new Set();
    results.forEach(function (r) {
      mentions += r.count;
      chapters.add(r.unit.page);
    });
    return {
      mode: p.mode, terms: p.terms, shown: p.shown, length: p.length,
      results: results, mentions: mentions, chapters: chapters.size,
      suggestions: results.length ? [] : ns.suggest.closest(p, this)
    };
  };

  // Words of the plan that start with what is typed (suggestions as you type).
  Engine.prototype.complete = function (query) {
    return ns.suggest.complete(this.compareForm(query), this);
  };

  // A reader-facing message of the index (const.messages) with its
  // {placeholders} filled in.
  Engine.prototype.format = function (key, values) {
    var v = values || {};
    return this.c.messages[key].replace(/\{(\w+)\}/g, function (_, name) {
      return name in v ? String(v[name]) : "";
    });
  };

  ns.Engine = Engine;
})(window.PlanSearch = window.PlanSearch || {});
