// Suggestions (engine, part 6 of 7): words of the plan to offer as the
// reader types, and when a search finds nothing.
(function (ns) {
  "use strict";

  // Words that do occur, closest to what was asked (p: a plan of match.js):
  // the query's own words that occur, then plan words sharing the most
  // characters with it. engine: its vocabulary, limits (c) and units.
  function closest(p, engine) {
    if (p.mode === "empty") return [];
    var limit = engine.c.suggestLimit;
    var maxLength = engine.c.segmentMaxLength;
    var phrase = p.terms.join("").slice(0, maxLength);
    var out = [];
    var add = function (w) {
      if (w && out.indexOf(w) < 0 && out.length < limit && ns.match.units(engine.units, [w]).length) out.push(w);
    };
    p.terms.forEach(function (t) {
      if (t.length <= maxLength) {
        ns.words.segment(t, engine.vocab).forEach(function (w) {
          if (Array.from(w).length > 1 && !ns.form.isPunct(w)) add(w);
        });
      }
    });
    // (shared digits and Latin letters say nothing: 1,000万元 is not like 511)
    var chars = new Set(Array.from(phrase).filter(function (c) { return !ns.form.isPunct(c) && !ns.words.isAlnum(c); }));
    if (chars.size && out.length < limit) {
      var scored = [];
      engine.vocab.words().forEach(function (w) {
        var shared = 0;
        var len = 0;
        for (var c of w) { len++; if (chars.has(c)) shared++; }
        if (shared) scored.push([shared / (len + chars.size - shared), w]);
      });
      scored.sort(function (a, b) { return b[0] - a[0]; });
      scored.slice(0, limit * 2).forEach(function (s) { add(s[1]); });
    }
    return out;
  }

  // Words of the plan that start with q (what is typed, in comparison
  // form), most frequent first.
  function complete(q, engine) {
    if (!q) return [];
    var out = [];
    var words = engine.vocab.words();
    for (var i = 0; i < words.length && out.length < engine.c.suggestLimit; i++) {
      var w = words[i];
      if (w !== q && w.indexOf(q) === 0) out.push(w);
    }
    return out;
  }

  ns.suggest = { closest: closest, complete: complete };
})(window.PlanSearch = window.PlanSearch || {});
