// Words (engine, part 2 of 7): the plan's vocabulary and cutting a query
// into its words the way jieba cut the plan.
//
// The index holds each unit's text cut into words by jieba at build time
// (with the project dictionary tables/search-terms.txt). The engine joins
// all of them, in comparison form, into one stream: the index's word
// separator around every word, UNIT between units. How often a word stands
// as a word is a count in that stream, worked out when a query needs it.
// Matching never depends on the words (match.js compares substrings); they
// rank results (rank.js) and suggest words (suggest.js).
(function (ns) {
  "use strict";

  var UNIT = "\u0002";          // between units in the stream
  var MAX_WORD = 12;            // longest word tried when cutting a query
  var ALNUM = /^[0-9a-z.%]$/;

  // How often a (normalised) word stands as a word in words with sep
  // around each (neighbours share the sep between them).
  function wordCount(words, word, sep) {
    var needle = sep + word + sep;
    var n = 0;
    var at = words.indexOf(needle);
    while (at >= 0) {
      n++;
      at = words.indexOf(needle, at + needle.length - 1);
    }
    return n;
  }

  // stream: sep + words of unit 1 + sep + UNIT + sep + … + sep; total: how
  // many words the plan has.
  function Vocabulary(stream, sep, total) {
    this.stream = stream;
    this.sep = sep;
    this.total = total;
    this.freqs = new Map();
    this.prefixes = new Map();
    this.byFrequency = null;
  }

  // How often a (normalised) word stands as a word in the plan.
  Vocabulary.prototype.freq = function (word) {
    var f = this.freqs.get(word);
    if (f === undefined) this.freqs.set(word, (f = wordCount(this.stream, word, this.sep)));
    return f;
  };

  // Does some word of the plan start with this?
  Vocabulary.prototype.starts = function (prefix) {
    var known = this.prefixes.get(prefix);
    if (known === undefined) this.prefixes.set(prefix, (known = this.stream.indexOf(this.sep + prefix) >= 0));
    return known;
  };

  // Words of the plan (two characters or more, not punctuation) by
  // frequency, then in code point order (made on first need).
  Vocabulary.prototype.words = function () {
    if (!this.byFrequency) {
      var counts = new Map();
      this.stream.split(this.sep).forEach(function (w) {
        if (w && w !== UNIT) counts.set(w, (counts.get(w) || 0) + 1);
      });
      this.byFrequency = Array.from(counts.keys()).filter(function (w) {
        return Array.from(w).length > 1 && !ns.form.isPunct(w);
      }).sort(function (a, b) { return counts.get(b) - counts.get(a) || (a < b ? -1 : 1); });
    }
    return this.byFrequency;
  };

  // Cut a normalised phrase into words the way jieba does: the most probable
  // path through the words of the vocabulary (unknown characters stand
  // alone, runs of Latin letters and digits stay together). vocab: freq(w),
  // starts(prefix), total.
  function segment(phrase, vocab) {
    var chars = Array.from(phrase);
    var n = chars.length;
    var logTotal = Math.log(vocab.total || 1);
    var best = new Array(n + 1);
    var next = new Array(n + 1);
    best[n] = 0;
    for (var i = n - 1; i >= 0; i--) {
      best[i] = -Infinity;
      var word = "";
      for (var j = i + 1; j <= Math.min(n, i + MAX_WORD); j++) {
        word += chars[j - 1];
        // no word of the plan starts like this: no longer one will either
        if (j > i + 1 && !vocab.starts(word)) break;
        var f = vocab.freq(word);
        if (!f && j > i + 1) continue;
        var score = Math.log(f || 0.5) - logTotal + best[j];
        if (score > best[i]) {
          best[i] = score;
          next[i] = j;
        }
      }
    }
    var out = [];
    var run = "";
    for (var k = 0; k < n; k = next[k]) {
      var w = chars.slice(k, next[k]).join("");
      if (next[k] === k + 1 && !vocab.freq(w) && ALNUM.test(w)) {
        run += w;
        continue;
      }
      if (run) { out.push(run); run = ""; }
      out.push(w);
    }
    if (run) out.push(run);
    return out;
  }

  // A single digit, Latin letter, "." or "%": says nothing on its own.
  function isAlnum(ch) {
    return ALNUM.test(ch);
  }

  ns.words = { UNIT: UNIT, Vocabulary: Vocabulary, wordCount: wordCount, segment: segment, isAlnum: isAlnum };
})(window.PlanSearch = window.PlanSearch || {});
