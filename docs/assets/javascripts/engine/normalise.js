// The comparison form (engine, part 1 of 7): what every place a reader
// types compares, as scripts/plansite/textform.py defines it: NFKC, lower
// case, white space and invisible characters out, look-alikes folded,
// thousands separators out, Traditional and regional variants → Simplified
// by the tables the index ships (textform.browser_tables, cut to what can
// be found in the plan).
//
// The engine's files are plain classic scripts that share one namespace,
// window.PlanSearch; the build joins them, in the order
// scripts/plansite/assets.py lists, into one file (assets.ENGINE). Each
// only defines things: none uses another's until called, so the tests
// (tests/js/) can load them in any order.
(function (ns) {
  "use strict";

  // Removed, as textform's removal classes.
  var REMOVE = /[\p{White_Space}\p{Cc}\p{Cf}\p{Variation_Selector}]/gu;
  var THOUSANDS = /(?<=[0-9])[,\u066c](?=[0-9]{3}(?![0-9]))/g;
  // What the quick pass removes: the browser's \s (White_Space and U+FEFF),
  // as search_index.quick_form.
  var QUICK_SPACE = /\s+/g;
  // Terms that are only punctuation or symbols are no terms.
  var PUNCT = /^[\p{P}\p{S}]+$/u;

  // textform.pack's text: "KEYS VALUES key:value …" (one-character entries
  // as two aligned strings, then the longer ones). The table is built on
  // first need: most texts hold none of the keys, which indexOf tells.
  function Stage(text) {
    var parts = (text || "").split(" ");
    this.keys = parts[0] || "";
    this.values = parts[1] || "";
    this.others = parts.slice(2).filter(Boolean);
    this.firsts = this.others.map(function (e) { return e[0]; }).join("");
    this.table = null;
    this.longest = 0;
  }

  Stage.prototype.holdsKey = function (s) {
    for (var i = 0; i < s.length; i++) {
      if (this.keys.indexOf(s[i]) >= 0 || this.firsts.indexOf(s[i]) >= 0) return true;
    }
    return false;
  };

  Stage.prototype.build = function () {
    var table = this.table = Object.create(null);
    var keys = Array.from(this.keys);
    var values = Array.from(this.values);
    var longest = 1;
    for (var i = 0; i < keys.length; i++) {
      table[keys[i]] = values[i];
      if (keys[i].length > longest) longest = keys[i].length;   // 2 for an astral character
    }
    this.others.forEach(function (e) {
      var at = e.indexOf(":");
      table[e.slice(0, at)] = e.slice(at + 1);
      if (at > longest) longest = at;
    });
    this.longest = longest;
  };

  // Forward maximum matching over one stage; with a map m ({norm, starts,
  // ends}), where each character comes from.
  function maxMatch(s, stage, m) {
    if (!stage.holdsKey(s)) return m || s;
    if (!stage.table) stage.build();
    var out = "";
    var starts = m ? [] : null;
    var ends = m ? [] : null;
    var i = 0;
    var n = s.length;
    while (i < n) {
      var value;
      var k = 0;
      for (k = Math.min(stage.longest, n - i); k > 0; k--) {
        value = stage.table[s.substr(i, k)];
        if (value !== undefined) break;
      }
      if (k === 0) { value = s[i]; k = 1; }
      out += value;
      if (m) {
        for (var j = 0; j < value.length; j++) {
          var same = value.length === k;
          starts.push(m.starts[same ? i + j : i]);
          ends.push(m.ends[same ? i + j : i + k - 1]);
        }
      }
      i += k;
    }
    return m ? { norm: out, starts: starts, ends: ends } : out;
  }

  // tables: the index's {fold, variants}.
  function TextForm(tables) {
    var f = new Stage(tables.fold);
    f.build();
    this.fold = f.table;
    var keys = Object.keys(this.fold);
    this.foldPattern = keys.length ? new RegExp("[" + keys.map(function (c) {
      return "\\u{" + c.codePointAt(0).toString(16) + "}";
    }).join("") + "]", "gu") : null;
    var fold = this.fold;
    this.foldOne = function (c) { return fold[c]; };
    this.stages = (tables.variants || []).map(function (t) { return new Stage(t); });
    this.cache = Object.create(null);
  }

  // The comparison form of a text (string → string).
  TextForm.prototype.form = function (text) {
    var s = String(text == null ? "" : text).normalize("NFKC").toLowerCase();
    if (this.foldPattern) s = s.replace(this.foldPattern, this.foldOne);
    s = s.replace(REMOVE, "").replace(THOUSANDS, "");
    for (var i = 0; i < this.stages.length; i++) s = maxMatch(s, this.stages[i]);
    return s;
  };

  // One character, without its neighbours (memoised).
  TextForm.prototype.charForm = function (ch) {
    var known = this.cache[ch];
    if (known !== undefined) return known;
    var out = "";
    for (var c of ch.normalize("NFKC").toLowerCase()) {
      var f = this.fold[c];
      out += (f !== undefined ? f : c).replace(REMOVE, "");
    }
    return (this.cache[ch] = out);
  };

  // The same, character by character, with where each character of it comes
  // from (UTF-16 offsets, never inside a surrogate pair): {norm, starts,
  // ends}, norm equal to form(text) but for combining sequences NFKC merges
  // only when together.
  TextForm.prototype.map = function (text) {
    var norm = "";
    var starts = [];
    var ends = [];
    var i = 0;
    for (var ch of text) {
      var n = this.charForm(ch);
      for (var k = 0; k < n.length; k++) {
        starts.push(i);
        ends.push(i + ch.length);
      }
      norm += n;
      i += ch.length;
    }
    var m = { norm: norm, starts: starts, ends: ends };
    THOUSANDS.lastIndex = 0;
    if (THOUSANDS.test(norm)) {
      var keep = { norm: "", starts: [], ends: [] };
      var drop = new Set();
      norm.replace(THOUSANDS, function (_, at) { drop.add(at); return ""; });
      for (var j = 0; j < norm.length; j++) {
        if (drop.has(j)) continue;
        keep.norm += norm[j];
        keep.starts.push(starts[j]);
        keep.ends.push(ends[j]);
      }
      m = keep;
    }
    for (var s = 0; s < this.stages.length; s++) m = maxMatch(m.norm, this.stages[s], m);
    return m;
  };

  // The quick pass the engine makes over the whole plan at start-up, in
  // native string operations: NFKC, lower case, \s out. For nearly all the
  // plan it is the comparison form; the index lists where it is not.
  function quickForm(text) {
    return text.normalize("NFKC").toLowerCase().replace(QUICK_SPACE, "");
  }

  function isPunct(s) {
    return PUNCT.test(s);
  }

  ns.form = { TextForm: TextForm, quickForm: quickForm, isPunct: isPunct };
})(window.PlanSearch = window.PlanSearch || {});
