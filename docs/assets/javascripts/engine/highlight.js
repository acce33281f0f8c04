// Highlighting (engine, part 4 of 7): where the terms lie in a text as the
// reader sees it. Terms are found in the text's comparison form; a map from
// positions in that form back to positions in the text (UTF-16 offsets,
// never inside a surrogate pair) gives the ranges to mark.
//
// A map is {norm, starts(i), ends(i)}: norm the comparison form, and for
// its character i the range of the text it comes from.
(function (ns) {
  "use strict";

  // Characters that can merge with their neighbours when normalised: the
  // ones whose compatibility decomposition starts with a combining mark
  // (marks themselves, half-width kana voicing marks, Thai/Lao SARA AM) or
  // a Hangul jamo; and UTF-16 surrogates (an astral character may become
  // one code unit). A test checks the list against the browser's own
  // Unicode data.
  var MERGING = /[\p{M}\u0e33\u0eb3\u1100-\u11ff\u3130-\u318f\u3260-\u327e\ua960-\ua97f\ud7b0-\ud7ff\uff9e\uff9f\uffa0-\uffdc]/u;
  var SURROGATE = /[\ud800-\udfff]/;
  var SPACES = /\s/g;

  // The map of a text whose comparison form, norm, is the quick pass's
  // (normalise.js quickForm), found without normalising each character,
  // when the text is one of the plain ones (nearly all the plan): nothing
  // in it can merge, and its form is exactly as long as the text without
  // whitespace, so no character grew either (none shrinks to nothing but
  // whitespace in the quick pass): each character that is not whitespace
  // became exactly one. Then a position in the normalised text is its
  // position in the text plus the whitespace before it. null when that
  // does not hold.
  function quickMap(text, norm) {
    if (MERGING.test(text) || SURROGATE.test(text)) return null;
    var gaps = [];
    SPACES.lastIndex = 0;
    for (var m = SPACES.exec(text); m; m = SPACES.exec(text)) gaps.push(m.index);
    if (text.length - gaps.length !== norm.length) return null;
    function at(i) {
      for (var g = 0; g < gaps.length && gaps[g] <= i; g++) i++;
      return i;
    }
    return { norm: norm, starts: at, ends: function (i) { return at(i) + 1; } };
  }

  // The map of any text, made character by character (textForm: a
  // normalise.js TextForm).
  function fullMap(textForm, text) {
    var n = textForm.map(text);
    return {
      norm: n.norm,
      starts: function (i) { return n.starts[i]; },
      ends: function (i) { return n.ends[i]; }
    };
  }

  // Every occurrence of the terms in a map's text: {count, ranges}, the
  // ranges in the text, in order, those that touch or overlap merged.
  function ranges(map, terms) {
    var norm = map.norm;
    var spans = [];
    var count = 0;
    terms.forEach(function (t) {
      var at = norm.indexOf(t);
      while (at >= 0) {
        count++;
        spans.push([map.starts(at), map.ends(at + t.length - 1)]);
        at = norm.indexOf(t, at + t.length);
      }
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    spans.forEach(function (s) {
      var last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else merged.push([s[0], s[1]]);
    });
    return { count: count, ranges: merged };
  }

  ns.highlight = { MERGING: MERGING, quickMap: quickMap, fullMap: fullMap, ranges: ranges };
})(window.PlanSearch = window.PlanSearch || {});
