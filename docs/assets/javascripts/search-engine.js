// The plan's search engine: every plan unit (paragraph, table row, 专栏
// item) whose text contains the query, and nothing else.
//
// Loaded on first use of search (search.js adds it), with the index that
// scripts/plansite/search_index.py writes to search/plan-index.js. The
// index holds each unit's text already cut into words by jieba at build
// time (with the project dictionary tables/search-terms.txt); those words,
// with how often each occurs, are the vocabulary this file uses to cut
// queries into words the same way jieba does (the most probable path
// through the words of the plan), to rank results (BM25 over the words) and
// to suggest words.
//
// Matching itself never depends on the words: text and query are both
// normalised (NFKC, lower case, Traditional → Simplified, whitespace
// dropped) and compared as plain substrings, so 运河 finds 大运河 and 2025年
// finds 2025年 whatever jieba made of them.
(function () {
  "use strict";

  var SEP = "\t";               // between words, in the index and in the stream
  var WS = /\s/;
  // Words that are only punctuation or symbols are left out when a phrase
  // is cut into words: 「两新一智」 looks for 两新一智.
  var PUNCT = /^[\p{P}\p{S}]+$/u;
  var ALNUM = /^[0-9a-z.%]$/;
  var WS_ALL = /\s+/g;
  var WS_BUT_SEP = /[^\S\t]+/g; // the text never holds a tab: the index cut it at whitespace
  var UNIT = "\u0002";         // between units in the stream
  var MAX_WORD = 12;            // longest word tried when cutting a query

  // One character as search compares it (for highlighting: the mapping of
  // each normalised character back to the text), memoised per engine.
  function normChar(ch, t2s, cache) {
    var known = cache[ch];
    if (known !== undefined) return known;
    return (cache[ch] = normOne(ch, t2s));
  }

  function normOne(ch, t2s) {
    var code = ch.codePointAt(0);
    if (code < 128) return WS.test(ch) ? "" : ch.toLowerCase();
    if (code >= 0x4e00 && code <= 0x9fff) return t2s[ch] || ch;
    var s = ch.normalize("NFKC").toLowerCase();
    var out = "";
    for (var c of s) {
      if (!WS.test(c)) out += t2s[c] || c;
    }
    return out;
  }

  // Text as search compares it: NFKC, lower case, whitespace out,
  // Traditional → Simplified (the browser's own fast string operations for
  // the first three; the table, character by character, for short texts).
  function normText(text, t2s) {
    var s = String(text).normalize("NFKC").toLowerCase().replace(WS_ALL, "");
    var out = "";
    for (var ch of s) out += t2s[ch] || ch;
    return out;
  }

  // The same, character by character, with where each normalised character
  // comes from in the text (for highlighting; only for units shown).
  function normalise(text, t2s, cache, withMap) {
    var norm = "";
    var starts = withMap ? [] : null;
    var ends = withMap ? [] : null;
    var i = 0;
    for (var ch of text) {
      var n = normChar(ch, t2s, cache);
      if (withMap) {
        for (var k = 0; k < n.length; k++) {
          starts.push(i);
          ends.push(i + ch.length);
        }
      }
      norm += n;
      i += ch.length;
    }
    return { norm: norm, starts: starts, ends: ends };
  }

  // Characters that can merge with their neighbours when normalised: the
  // ones whose compatibility decomposition starts with a combining mark
  // (marks themselves, half-width kana voicing marks, Thai/Lao SARA AM) or
  // a Hangul jamo; and UTF-16 surrogates (an astral character may become
  // one code unit). A test checks the list against the browser's own
  // Unicode data.
  var MERGING = /[\p{M}\u0e33\u0eb3\u1100-\u11ff\u3130-\u318f\u3260-\u327e\ua960-\ua97f\ud7b0-\ud7ff\uff9e\uff9f\uffa0-\uffdc]/u;
  var SURROGATE = /[\ud800-\udfff]/;
  var SPACES = /\s/g;

  // The map of normalise(text, …, true) as {norm, starts(i), ends(i)}, found
  // without normalising each character, when the text is one of the plain
  // ones (nearly all the plan): nothing in it can merge, and its normalised
  // form is exactly as long as the text without whitespace, so no
  // character grew either (none shrinks to nothing but whitespace): each
  // character that is not whitespace became exactly one. Then a position
  // in the normalised text is its position in the text plus the
  // whitespace before it. null when that does not hold.
  function oneToOne(text, norm) {
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

  // The same map from normalise()'s arrays.
  function arrayMap(n) {
    return {
      norm: n.norm,
      starts: function (i) { return n.starts[i]; },
      ends: function (i) { return n.ends[i]; }
    };
  }

  function countIn(hay, needle) {
    var n = 0;
    var at = hay.indexOf(needle);
    while (at >= 0) {
      n++;
      at = hay.indexOf(needle, at + needle.length);
    }
    return n;
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) {
      return key in values ? String(values[key]) : "";
    });
  }

  // A plan unit. Its text (and label) are worked out when first asked for:
  // only the units a search shows need them.
  function Unit(row, order, norm, normWords) {
    this.order = order;
    this.id = row[0];
    this.page = row[1];
    this.section = row[2];
    this.group = row[3];
    this.kind = row[4];
    this.labelStart = row[5];
    this.labelEnd = row[6];
    this.words = row[7];
    this.commitments = row[8] || 0;
    this.length = row[9];        // how many words
    this.norm = norm;            // normalised text
    this.normWords = normWords;  // normalised words, SEP around each
    this.plain = null;
    this.map = null;             // normalised position → position in the text
  }
  Object.defineProperty(Unit.prototype, "text", {
    get: function () { return this.plain === null ? (this.plain = this.words.split(SEP).join("")) : this.plain; }
  });

  // Work done once per page, on the path of the first results: kept to
  // whole-string operations the browser does natively (one normalisation
  // of all the plan's words, a few splits), nothing per character.
  function Engine(data) {
    this.c = data.const;
    this.pages = data.pages;
    var t2s = Object.create(null);
    var pairs = Array.from(data.t2s);
    for (var i = 0; i + 1 < pairs.length; i += 2) t2s[pairs[i]] = pairs[i + 1];
    this.t2s = t2s;
    this.charCache = Object.create(null);
    this.heads = data.heads.map(function (h) { return normText(h, t2s); });
    this.headText = data.heads;
    this.pageTitles = data.pages.map(function (pg) { return normText(pg.title, t2s); });
    // All the plan's words, normalised in one go, in one stream: SEP around
    // every word, UNIT between units. A unit's normalised text is its
    // stretch of the stream without the SEPs; how often a word stands as a
    // word is a count of SEP + word + SEP, worked out when a query needs it
    // (freq()). Traditional characters are mapped with a pattern of just
    // those the plan's text holds (the index lists them: usually none).
    var rows = data.units;
    var stream = (SEP + rows.map(function (u) { return u[7]; }).join(SEP + UNIT + SEP) + SEP)
      .normalize("NFKC").toLowerCase().replace(WS_BUT_SEP, "");
    var inText = Array.from(data.t2sText || "");
    if (inText.length) {
      var pattern = new RegExp("[" + inText.map(function (c) {
        return "\\u{" + c.codePointAt(0).toString(16) + "}";
      }).join("") + "]", "gu");
      stream = stream.replace(pattern, function (c) { return t2s[c] || c; });
    }
    this.stream = stream;
    var norms = stream.split(SEP).join("").split(UNIT);   // faster than a global replace
    var words = stream.split(UNIT);
    var total = 0;
    var longest = 0;
    this.units = rows.map(function (u, order) {
      total += u[9];
      if (norms[order].length > longest) longest = norms[order].length;
      return new Unit(u, order, norms[order], words[order]);
    });
    this.total = total;
    this.avgLength = total / Math.max(1, this.units.length);
    this.longest = longest;
    this.freqs = new Map();
    this.prefixes = new Map();
    this.wordsByFrequency = null;
  }

  // How often a (normalised) word stands as a word in words with SEP
  // around each (neighbours share the SEP between them).
  function wordCount(words, word) {
    var needle = SEP + word + SEP;
    var n = 0;
    var at = words.indexOf(needle);
    while (at >= 0) {
      n++;
      at = words.indexOf(needle, at + needle.length - 1);
    }
    return n;
  }

  // How often a (normalised) word stands as a word in the plan.
  Engine.prototype.freq = function (word) {
    var f = this.freqs.get(word);
    if (f === undefined) this.freqs.set(word, (f = wordCount(this.stream, word)));
    return f;
  };

  // Does some word of the plan start with this?
  Engine.prototype.starts = function (prefix) {
    var known = this.prefixes.get(prefix);
    if (known === undefined) this.prefixes.set(prefix, (known = this.stream.indexOf(SEP + prefix) >= 0));
    return known;
  };

  // The unit's label (a 专栏 item's lead, an indicator's name), normalised.
  Engine.prototype.label = function (unit) {
    if (unit.labelEnd <= unit.labelStart) return "";
    return normText(unit.text.slice(unit.labelStart, unit.labelEnd), this.t2s);
  };

  // Words of the plan by frequency, for suggestions (made on first need).
  Engine.prototype.words = function () {
    if (!this.wordsByFrequency) {
      var counts = new Map();
      this.stream.split(SEP).forEach(function (w) {
        if (w && w !== UNIT) counts.set(w, (counts.get(w) || 0) + 1);
      });
      this.wordsByFrequency = Array.from(counts.keys()).filter(function (w) {
        return Array.from(w).length > 1 && !PUNCT.test(w);
      }).sort(function (a, b) { return counts.get(b) - counts.get(a) || (a < b ? -1 : 1); });
    }
    return this.wordsByFrequency;
  };

  Engine.prototype.norm = function (text) {
    return normText(text, this.t2s);
  };

  // Cut a normalised phrase into words the way jieba does: the most probable
  // path through the words of the plan's vocabulary (unknown characters stand
  // alone, runs of Latin letters and digits stay together).
  Engine.prototype.segment = function (phrase) {
    var chars = Array.from(phrase);
    var n = chars.length;
    var self = this;
    var logTotal = Math.log(this.total || 1);
    var best = new Array(n + 1);
    var next = new Array(n + 1);
    best[n] = 0;
    for (var i = n - 1; i >= 0; i--) {
      best[i] = -Infinity;
      var word = "";
      for (var j = i + 1; j <= Math.min(n, i + MAX_WORD); j++) {
        word += chars[j - 1];
        // no word of the plan starts like this: no longer one will either
        if (j > i + 1 && !self.starts(word)) break;
        var f = self.freq(word);
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
      if (next[k] === k + 1 && !self.freq(w) && ALNUM.test(w)) {
        run += w;
        continue;
      }
      if (run) { out.push(run); run = ""; }
      out.push(w);
    }
    if (run) out.push(run);
    return out;
  };

  function uniq(list) {
    var seen = new Set();
    return list.filter(function (x) {
      if (seen.has(x)) return false;
      seen.add(x);
      return true;
    });
  }

  // The query → what to look for. mode: "empty" | "exact" | "fallback" | "none".
  Engine.prototype.plan = function (query) {
    var raw = String(query == null ? "" : query);
    var spaced = raw.normalize("NFKC");
    var self = this;
    var terms = uniq(spaced.split(/\s+/).map(function (t) { return self.norm(t); }).filter(Boolean));
    var phrase = terms.join("");
    var shown = raw.trim().replace(/\s+/g, " ");
    if (!terms.length) return { mode: "empty", terms: [], shown: shown };
    var longest = Math.max.apply(null, terms.map(function (t) { return t.length; }));
    if (longest > this.longest) return { mode: "tooLong", terms: terms, shown: shown, length: Array.from(raw.trim()).length };
    var found = this.match(terms);
    if (found.length) return { mode: "exact", terms: terms, found: found, shown: shown };
    if (terms.length === 1 && Array.from(phrase).length <= this.c.segmentMaxLength) {
      var words = uniq(this.segment(phrase).filter(function (w) { return !PUNCT.test(w); }));
      if (words.length && !(words.length === 1 && words[0] === phrase)) {
        found = this.match(words);
        if (found.length) return { mode: "fallback", terms: words, found: found, shown: shown };
      }
    }
    return { mode: "none", terms: terms, found: [], shown: shown };
  };

  Engine.prototype.match = function (terms) {
    var out = [];
    var units = this.units;
    for (var i = 0; i < units.length; i++) {
      var u = units[i];
      var all = true;
      for (var t = 0; t < terms.length; t++) {
        if (u.norm.indexOf(terms[t]) < 0) { all = false; break; }
      }
      if (all) out.push(u);
    }
    return out;
  };

  // Occurrences of the terms in a unit: count and merged ranges in its text.
  Engine.prototype.occurrences = function (unit, terms) {
    // map.norm equals unit.norm but for exotic combining sequences
    if (!unit.map) unit.map = oneToOne(unit.text, unit.norm) || arrayMap(normalise(unit.text, this.t2s, this.charCache, true));
    return this.rangesIn(unit.map, terms);
  };

  Engine.prototype.rangesIn = function (map, terms) {
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
  };

  // Ranges to highlight in any text (a unit on its own page).
  Engine.prototype.highlight = function (query, text) {
    var p = this.plan(query);
    if (p.mode !== "exact" && p.mode !== "fallback") return [];
    var n = normalise(text, this.t2s, this.charCache, true);
    return this.rangesIn(arrayMap(n), p.terms).ranges;
  };

  Engine.prototype.search = function (query) {
    var p = this.plan(query);
    var self = this;
    var results = [];
    var mentions = 0;
    var chapters = new Set();
    if (p.found && p.found.length) {
      var words = uniq([].concat.apply([], p.terms.map(function (t) { return self.segment(t); })))
        .filter(function (w) { return !PUNCT.test(w); });
      var idf = words.map(function (w) {
        var df = 0;
        self.units.forEach(function (u) { if (u.norm.indexOf(w) >= 0) df++; });
        var N = self.units.length;
        return Math.log(1 + (N - df + 0.5) / (df + 0.5));
      });
      var joined = p.terms.join("");
      results = p.found.map(function (u) {
        var occ = self.occurrences(u, p.terms);
        mentions += occ.count;
        chapters.add(u.page);
        var label = self.label(u);
        var labelHit = !!label && p.terms.every(function (t) { return label.indexOf(t) >= 0; });
        var heads = self.pageTitles[u.page] + SEP + (u.section >= 0 ? self.heads[u.section] : "") + SEP +
          (u.group >= 0 ? self.heads[u.group] : "");
        var headHit = p.terms.every(function (t) { return heads.indexOf(t) >= 0; });
        var phraseHit = p.mode === "exact" && u.norm.indexOf(joined) >= 0;
        var bm25 = 0;
        words.forEach(function (w, i) {
          var whole = wordCount(u.normWords, w);
          var inside = countIn(u.norm, w) - whole;
          var tf = whole + 0.5 * Math.max(0, inside);
          var k1 = 1.2;
          var b = 0.75;
          bm25 += idf[i] * (tf * (k1 + 1)) / (tf + k1 * (1 - b + b * u.length / self.avgLength));
        });
        var tier = (labelHit ? 4 : 0) + (headHit ? 2 : 0) + (phraseHit ? 1 : 0);
        return { unit: u, count: occ.count, ranges: occ.ranges, score: tier * 1000 + bm25, tier: tier };
      });
      results.sort(function (a, b) { return b.score - a.score || a.unit.order - b.unit.order; });
    }
    return {
      mode: p.mode, terms: p.terms, shown: p.shown, length: p.length,
      results: results, mentions: mentions, chapters: chapters.size,
      suggestions: results.length ? [] : this.closest(p)
    };
  };

  // Words that do occur, closest to what was asked: the query's own words
  // that occur, then plan words sharing the most characters with it.
  Engine.prototype.closest = function (p) {
    if (p.mode === "empty") return [];
    var self = this;
    var limit = this.c.suggestLimit;
    var phrase = p.terms.join("").slice(0, this.c.segmentMaxLength);
    var out = [];
    var add = function (w) {
      if (w && out.indexOf(w) < 0 && out.length < limit && self.match([w]).length) out.push(w);
    };
    p.terms.forEach(function (t) {
      if (t.length <= self.c.segmentMaxLength) {
        self.segment(t).forEach(function (w) { if (Array.from(w).length > 1 && !PUNCT.test(w)) add(w); });
      }
    });
    var chars = new Set(Array.from(phrase).filter(function (c) { return !PUNCT.test(c); }));
    if (chars.size && out.length < limit) {
      var scored = [];
      this.words().forEach(function (w) {
        var shared = 0;
        var len = 0;
        for (var c of w) { len++; if (chars.has(c)) shared++; }
        if (shared) scored.push([shared / (len + chars.size - shared), w]);
      });
      scored.sort(function (a, b) { return b[0] - a[0]; });
      scored.slice(0, limit * 2).forEach(function (s) { add(s[1]); });
    }
    return out;
  };

  // Words of the plan that start with what is typed (suggestions as you type).
  Engine.prototype.complete = function (query) {
    var q = this.norm(query);
    if (!q) return [];
    var out = [];
    var words = this.words();
    for (var i = 0; i < words.length && out.length < this.c.suggestLimit; i++) {
      var w = words[i];
      if (w !== q && w.indexOf(q) === 0) out.push(w);
    }
    return out;
  };

  Engine.prototype.format = function (key, values) {
    return format(this.c.messages[key], values || {});
  };

  // for the tests: the fast map must equal the one made character by character
  Engine.MERGING = MERGING;
  Engine.mapText = function (engine, text, norm, slow) {
    return slow ? arrayMap(normalise(text, engine.t2s, engine.charCache, true)) : oneToOne(text, norm);
  };

  window.PlanSearchEngine = Engine;
})();
