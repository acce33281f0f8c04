// Matching (engine, part 3 of 7): every plan unit whose text contains the
// query, and nothing else. Text and query are both in comparison form
// (normalise.js) and compared as plain substrings, so 运河 finds 大运河 and
// 2025年 finds 2025年 whatever jieba made of them.
(function (ns) {
  "use strict";

  var SPLIT = /\p{White_Space}+/u;

  function uniq(list) {
    var seen = new Set();
    return list.filter(function (x) {
      if (seen.has(x)) return false;
      seen.add(x);
      return true;
    });
  }

  // The terms of a query (textform.query_terms): the parts between white
  // space, in comparison form (form: string → string); a part of only
  // punctuation and symbols is no term (a query of nothing else is empty:
  // it would match nearly all).
  function terms(query, form) {
    return uniq(String(query == null ? "" : query).normalize("NFKC").split(SPLIT)
      .map(form)
      .filter(function (t) { return t && !ns.form.isPunct(t); }));
  }

  // The units (each with its comparison form, norm) holding every term.
  function units(all, terms) {
    var out = [];
    for (var i = 0; i < all.length; i++) {
      var u = all[i];
      var every = true;
      for (var t = 0; t < terms.length; t++) {
        if (u.norm.indexOf(terms[t]) < 0) { every = false; break; }
      }
      if (every) out.push(u);
    }
    return out;
  }

  // The query → what to look for: {mode, terms, found, shown (the query as
  // typed, its spaces collapsed), length (tooLong: how many characters)}.
  // mode: "empty" | "tooLong" | "exact" | "fallback" | "none". engine: its
  // units, vocabulary, limits (c), longest unit and terms().
  function plan(query, engine) {
    var raw = String(query == null ? "" : query);
    var found = engine.terms(raw);
    var phrase = found.join("");
    var shown = raw.trim().replace(/\s+/g, " ");
    if (!found.length) return { mode: "empty", terms: [], shown: shown };
    var longest = Math.max.apply(null, found.map(function (t) { return t.length; }));
    if (longest > engine.longest) {
      return { mode: "tooLong", terms: found, shown: shown, length: Array.from(raw.trim()).length };
    }
    var hits = units(engine.units, found);
    if (hits.length) return { mode: "exact", terms: found, found: hits, shown: shown };
    // Not found as written: the phrase cut into words of the plan of two or
    // more characters each (never a lone character, digit or letter, nor
    // punctuation) lists the units holding them all; if any part is no such
    // word, nothing is listed (suggestions, not fragments).
    if (found.length === 1 && Array.from(phrase).length <= engine.c.segmentMaxLength) {
      var words = uniq(ns.words.segment(phrase, engine.vocab).filter(function (w) { return !ns.form.isPunct(w); }));
      var meaningful = words.every(function (w) { return Array.from(w).length > 1 && engine.vocab.freq(w) > 0; });
      if (words.length && meaningful && !(words.length === 1 && words[0] === phrase)) {
        hits = units(engine.units, words);
        if (hits.length) return { mode: "fallback", terms: words, found: hits, shown: shown };
      }
    }
    return { mode: "none", terms: found, found: [], shown: shown };
  }

  ns.match = { terms: terms, units: units, plan: plan, uniq: uniq };
})(window.PlanSearch = window.PlanSearch || {});
