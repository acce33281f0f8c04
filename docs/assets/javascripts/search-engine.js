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
// Matching itself never depends on the words: text and query are both in
// comparison form (compareForm: NFKC, case folded, white space and
// invisible characters out, look-alikes folded, thousands separators out,
// Traditional and regional variants → Simplified) and compared as plain
// substrings, so 运河 finds 大运河 and 2025年 finds 2025年 whatever jieba
// made of them.
(function () {
  "use strict";

  var SEP = "\x7f";             // between words, in the index and in the stream (DEL)
  // Words that are only punctuation or symbols are left out when a phrase
  // is cut into words: 「两新一智」 looks for 两新一智.
  var PUNCT = /^[\p{P}\p{S}]+$/u;
  var ALNUM = /^[0-9a-z.%]$/;
  var WS_ALL = /\s+/g;
  var UNIT = "\u0002";         // between units in the stream
  var MAX_WORD = 12;            // longest word tried when cutting a query

  // The comparison form, as scripts/plansite/textform.py defines it: the
  // browser's NFKC and lower case, then the index's tables.
  var REMOVE = /[\p{White_Space}\p{Cc}\p{Cf}\p{Variation_Selector}]/gu;
  var THOUSANDS = /(?<=[0-9])[,\u066c](?=[0-9]{3}(?![0-9]))/g;
  var SPLIT = /\p{White_Space}+/u;

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

  function TextForm(data) {
    var f = new Stage(data.fold);
    f.build();
    this.fold = f.table;
    var keys = Object.keys(this.fold);
    this.foldPattern = keys.length ? new RegExp("[" + keys.map(function (c) {
      return "\\u{" + c.codePointAt(0).toString(16) + "}";
    }).join("") + "]", "gu") : null;
    var fold = this.fold;
    this.foldOne = function (c) { return fold[c]; };
    this.stages = (data.variants || []).map(function (t) { return new Stage(t); });
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
  // from (UTF-16 offsets, never inside a surrogate pair): equal to
  // form(text) but for combining sequences NFKC merges only when together.
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

  // Characters that can merge with their neighbours when normalised: the
  // ones whose compatibility decomposition starts with a combining mark
  // (marks themselves, half-width kana voicing marks, Thai/Lao SARA AM) or
  // a Hangul jamo; and UTF-16 surrogates (an astral character may become
  // one code unit). A test checks the list against the browser's own
  // Unicode data.
  var MERGING = /[\p{M}\u0e33\u0eb3\u1100-\u11ff\u3130-\u318f\u3260-\u327e\ua960-\ua97f\ud7b0-\ud7ff\uff9e\uff9f\uffa0-\uffdc]/u;
  var SURROGATE = /[\ud800-\udfff]/;
  var SPACES = /\s/g;

  // The map of TextForm.map(text) as {norm, starts(i), ends(i)}, found
  // without normalising each character, when the text is one of the plain
  // ones (nearly all the plan): its comparison form is what the quick pass
  // at start-up makes of it (NFKC, lower case, \s out: the index lists the
  // units where it is not, "forms"), nothing in it can merge, and that form
  // is exactly as long as the text without whitespace, so no character grew
  // either (none shrinks to nothing but whitespace in the quick pass): each
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

  // The same map from TextForm.map()'s arrays.
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
  function Unit(row, order, norm, normWords, quick) {
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
    this.quick = quick;          // its form is the quick pass's (oneToOne may serve)
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
    var form = this.textForm = new TextForm(data);
    var forms = data.forms || {};
    // headings and page titles (for ranking): the quick pass, or the full
    // form for those the index lists
    function formOf(listed) {
      var full = new Set(listed || []);
      return function (text, i) {
        return full.has(i) ? form.form(text) : text.normalize("NFKC").toLowerCase().replace(WS_ALL, "");
      };
    }
    this.heads = data.heads.map(formOf(forms.heads));
    this.headText = data.heads;
    var title = formOf(forms.titles);
    this.pageTitles = data.pages.map(function (pg, i) { return title(pg.title, i); });
    // All the plan's words, normalised in one go, in one stream: SEP around
    // every word, UNIT between units. A unit's normalised text is its
    // stretch of the stream without the SEPs; how often a word stands as a
    // word is a count of SEP + word + SEP, worked out when a query needs it
    // (freq()). This quick pass gives nearly every unit its comparison form;
    // the few it does not (index: forms) get it word by word in the stream
    // and whole for matching (words may differ where they meet: 1 , 000).
    var rows = data.units;
    var full = new Set(forms.units || []);
    var stream = (SEP + rows.map(function (u, i) {
      // (SEP would be removed: a private-use character stands in for it)
      return full.has(i) ? form.form(u[7].split(SEP).join("\ue000")).split("\ue000").join(SEP) : u[7];
    }).join(SEP + UNIT + SEP) + SEP).normalize("NFKC").toLowerCase().replace(WS_ALL, "");
    this.stream = stream;
    var norms = stream.split(SEP).join("").split(UNIT);   // faster than a global replace
    var words = stream.split(UNIT);
    var total = 0;
    var longest = 0;
    this.units = rows.map(function (u, order) {
      total += u[9];
      if (norms[order].length > longest) longest = norms[order].length;
      var quick = !full.has(order);
      return new Unit(u, order, quick ? norms[order] : form.form(u[7].split(SEP).join("")), words[order], quick);
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
    return this.textForm.form(unit.text.slice(unit.labelStart, unit.labelEnd));
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

  // The comparison form of a text (string → string): the one every caller
  // uses (search, highlight, the 承诺清单 filter), and the tests.
  Engine.prototype.compareForm = function (text) {
    return this.textForm.form(text);
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

  // The terms of a query (textform.query_terms): the parts between white
  // space, in comparison form; a part of only punctuation and symbols is no
  // term (a query of nothing else is empty: it would match nearly all).
  Engine.prototype.terms = function (query) {
    var self = this;
    return uniq(String(query == null ? "" : query).normalize("NFKC").split(SPLIT)
      .map(function (t) { return self.compareForm(t); })
      .filter(function (t) { return t && !PUNCT.test(t); }));
  };

  // The query → what to look for. mode: "empty" | "exact" | "fallback" | "none".
  Engine.prototype.plan = function (query) {
    var raw = String(query == null ? "" : query);
    var self = this;
    var terms = this.terms(raw);
    var phrase = terms.join("");
    var shown = raw.trim().replace(/\s+/g, " ");
    if (!terms.length) return { mode: "empty", terms: [], shown: shown };
    var longest = Math.max.apply(null, terms.map(function (t) { return t.length; }));
    if (longest > this.longest) return { mode: "tooLong", terms: terms, shown: shown, length: Array.from(raw.trim()).length };
    var found = this.match(terms);
    if (found.length) return { mode: "exact", terms: terms, found: found, shown: shown };
    // Not found as written: the phrase cut into words of the plan of two or
    // more characters each (never a lone character, digit or letter, nor
    // punctuation) lists the units holding them all; if any part is no such
    // word, nothing is listed (suggestions, not fragments).
    if (terms.length === 1 && Array.from(phrase).length <= this.c.segmentMaxLength) {
      var words = uniq(this.segment(phrase).filter(function (w) { return !PUNCT.test(w); }));
      var meaningful = words.every(function (w) { return Array.from(w).length > 1 && self.freq(w) > 0; });
      if (words.length && meaningful && !(words.length === 1 && words[0] === phrase)) {
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
    if (!unit.map) unit.map = (unit.quick && oneToOne(unit.text, unit.norm)) || arrayMap(this.textForm.map(unit.text));
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
    return this.rangesIn(arrayMap(this.textForm.map(text)), p.terms).ranges;
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
    // (shared digits and Latin letters say nothing: 1,000万元 is not like 511)
    var chars = new Set(Array.from(phrase).filter(function (c) { return !PUNCT.test(c) && !ALNUM.test(c); }));
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
    var q = this.compareForm(query);
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
    // (the quick map serves only text whose form is the quick pass's)
    var quick = text.normalize("NFKC").toLowerCase().replace(WS_ALL, "") === norm;
    return slow ? arrayMap(engine.textForm.map(text)) : quick ? oneToOne(text, norm) : null;
  };

  window.PlanSearchEngine = Engine;
})();
