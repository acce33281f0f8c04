// Ranking (engine, part 5 of 7): the order of the units a query found.
// First by tier: the query in the unit's label (a 专栏 item's lead, an
// indicator's name), in the headings it stands under, as one phrase in its
// text; within a tier by BM25 over the plan's words; then in plan order.
(function (ns) {
  "use strict";

  // BM25's parameters (Robertson and Zaragoza's usual values): k1 how soon
  // more occurrences of a word stop counting, b how much a unit's length
  // matters. A word found inside a longer word of the unit (运河 in 大运河)
  // counts as `inside` of an occurrence as a word of its own.
  var BM25 = { k1: 1.2, b: 0.75, inside: 0.5 };
  // What a tier adds: a label, heading or phrase match ranks above any
  // difference BM25 makes (weight is beyond any BM25 score of the plan).
  var TIER = { label: 4, heading: 2, phrase: 1, weight: 1000 };

  function countIn(hay, needle) {
    var n = 0;
    var at = hay.indexOf(needle);
    while (at >= 0) {
      n++;
      at = hay.indexOf(needle, at + needle.length);
    }
    return n;
  }

  // Inverse document frequency of a word among units ({norm}).
  function idf(units, word) {
    var df = 0;
    units.forEach(function (u) { if (u.norm.indexOf(word) >= 0) df++; });
    return Math.log(1 + (units.length - df + 0.5) / (df + 0.5));
  }

  // BM25 of a unit ({norm, normWords: its words with sep around each,
  // length: how many words}) for words with their idfs.
  function bm25(unit, words, idfs, avgLength, sep) {
    var score = 0;
    words.forEach(function (w, i) {
      var whole = ns.words.wordCount(unit.normWords, w, sep);
      var inside = countIn(unit.norm, w) - whole;
      var tf = whole + BM25.inside * Math.max(0, inside);
      score += idfs[i] * (tf * (BM25.k1 + 1)) / (tf + BM25.k1 * (1 - BM25.b + BM25.b * unit.length / avgLength));
    });
    return score;
  }

  // The tier of a unit: hits = {label, heading, phrase} (booleans).
  function tier(hits) {
    return (hits.label ? TIER.label : 0) + (hits.heading ? TIER.heading : 0) + (hits.phrase ? TIER.phrase : 0);
  }

  // Results ({unit: {order}, score}) best first, ties in plan order.
  function order(results) {
    return results.sort(function (a, b) { return b.score - a.score || a.unit.order - b.unit.order; });
  }

  // The results of a plan (match.js) in order: [{unit, count, ranges, score,
  // tier}]. engine: its units, vocabulary, label(), headings() and
  // occurrences().
  function rank(p, engine) {
    var words = ns.match.uniq([].concat.apply([], p.terms.map(function (t) { return ns.words.segment(t, engine.vocab); })))
      .filter(function (w) { return !ns.form.isPunct(w); });
    var idfs = words.map(function (w) { return idf(engine.units, w); });
    var joined = p.terms.join("");
    var all = function (text) { return p.terms.every(function (t) { return text.indexOf(t) >= 0; }); };
    return order(p.found.map(function (u) {
      var occ = engine.occurrences(u, p.terms);
      var label = engine.label(u);
      var t = tier({
        label: !!label && all(label),
        heading: all(engine.headings(u)),
        phrase: p.mode === "exact" && u.norm.indexOf(joined) >= 0
      });
      var score = t * TIER.weight + bm25(u, words, idfs, engine.avgLength, engine.sep);
      return { unit: u, count: occ.count, ranges: occ.ranges, score: score, tier: t };
    }));
  }

  ns.rank = { BM25: BM25, TIER: TIER, idf: idf, bm25: bm25, tier: tier, order: order, rank: rank };
})(window.PlanSearch = window.PlanSearch || {});
