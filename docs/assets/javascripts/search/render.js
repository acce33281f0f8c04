// Search on every page (part 2 of 5: what the results page and the header
// panel both show): a result, its snippet, the messages and the counts.
// Everything shown is built with DOM methods and textContent: nothing from
// a query or from the index is ever parsed as markup.
(function (ns) {
  "use strict";
  var ui = ns.ui;
  if (!ui || ui.script !== document.currentScript) return;
  var pageUrl = new URL(ui.data.page || ".", ui.root);

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      if (c != null) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  // A message template with {placeholders} → nodes; values are nodes or text.
  function template(text, values) {
    var frag = document.createDocumentFragment();
    text.split(/(\{\w+\})/).forEach(function (part) {
      var m = /^\{(\w+)\}$/.exec(part);
      if (!m) {
        if (part) frag.appendChild(document.createTextNode(part));
        return;
      }
      var v = values[m[1]];
      frag.appendChild(v instanceof Node ? v : document.createTextNode(v == null ? "" : String(v)));
    });
    return frag;
  }

  // A paragraph saying something about the search (loading, failed, none …).
  function note(text) {
    return el("p", { className: "plan-search__message", text: text });
  }

  function searchHref(query, extra) {
    var u = new URL(pageUrl.href);
    u.searchParams.set("q", query);
    Object.keys(extra || {}).forEach(function (k) {
      if (extra[k]) u.searchParams.set(k, extra[k]);
    });
    return u.href;
  }

  // …/chapters/ch04/?h=query#unit: the page's address and the encoded
  // query are worked out once per page and per query, not per result.
  var pageHrefs = {};
  var queryParam = { query: null, encoded: "" };
  function unitHref(engine, unit, query) {
    var page = pageHrefs[unit.page] || (pageHrefs[unit.page] = new URL(engine.pages[unit.page].url, ui.root).href);
    if (queryParam.query !== query) {
      queryParam.query = query;
      queryParam.encoded = new URLSearchParams({ h: query }).toString();
    }
    if (!/^[\w-]+$/.test(unit.id)) {
      var u = new URL(page);
      u.searchParams.set("h", query);
      u.hash = unit.id;
      return u.href;
    }
    return page + "?" + queryParam.encoded + "#" + unit.id;
  }

  function place(engine, unit) {
    var parts = [engine.pages[unit.page].title];
    if (unit.section >= 0) parts.push(engine.headText[unit.section]);
    if (unit.group >= 0) parts.push(engine.headText[unit.group]);
    return parts.join(" › ");
  }

  // The text around every match, matches in <mark>; windows that touch are
  // joined, gaps shown as "…". maxWindows (optional) caps the windows shown.
  function snippet(text, ranges, context, maxWindows) {
    var frag = document.createDocumentFragment();
    var windows = [];
    ranges.forEach(function (r) {
      var w = [Math.max(0, r[0] - context), Math.min(text.length, r[1] + context), [r]];
      var last = windows[windows.length - 1];
      if (last && w[0] <= last[1]) {
        last[1] = Math.max(last[1], w[1]);
        last[2].push(r);
      } else {
        windows.push(w);
      }
    });
    if (!windows.length) windows.push([0, Math.min(text.length, context * 3), []]);
    var shown = maxWindows ? windows.slice(0, maxWindows) : windows;
    shown.forEach(function (w, i) {
      if (w[0] > 0 || i > 0) frag.appendChild(document.createTextNode("…"));
      var at = w[0];
      w[2].forEach(function (r) {
        if (r[0] > at) frag.appendChild(document.createTextNode(text.slice(at, r[0])));
        frag.appendChild(el("mark", { text: text.slice(r[0], r[1]) }));
        at = r[1];
      });
      frag.appendChild(document.createTextNode(text.slice(at, w[1])));
    });
    var lastShown = shown[shown.length - 1];
    if (lastShown[1] < text.length || shown.length < windows.length) frag.appendChild(document.createTextNode("…"));
    return frag;
  }

  function message(engine, res) {
    var m = engine.c.messages;
    if (res.mode === "empty") return note(m.empty);
    if (res.mode === "tooLong") return note(engine.format("tooLong", { n: res.length }));
    if (res.mode === "fallback") {
      return el("p", { className: "plan-search__message", "data-search-fallback": res.terms.join(" ") },
        [engine.format("fallback", { q: res.shown, words: res.terms.join("、") })]);
    }
    if (res.mode === "none") return note(engine.format("none", { q: res.shown }));
    return null;
  }

  function suggestions(engine, words, label) {
    if (!words.length) return null;
    var list = el("ul", { className: "plan-search__suggest" }, words.map(function (w) {
      return el("li", {}, [el("a", { href: searchHref(w), "data-search-suggestion": w, text: w })]);
    }));
    return el("div", { className: "plan-search__suggestions" }, [el("p", { text: label }), list]);
  }

  function summary(engine, res) {
    var count = el("span", { "data-search-count": "", text: String(res.results.length) });
    // role=status: screen readers announce the count, not every result
    return el("p", { className: "plan-search__summary", role: "status" }, [template(engine.c.messages.summary, {
      n: res.mentions, m: count, k: res.chapters
    })]);
  }

  // What both the results page and the header panel say about a search:
  // the message (fallback, none …), words to try when nothing is found, the
  // counts line.
  function outcome(engine, res, target) {
    var msg = message(engine, res);
    if (msg) target.appendChild(msg);
    if (!res.results.length) {
      var more = suggestions(engine, res.suggestions, engine.c.messages.suggest);
      if (more) target.appendChild(more);
    }
    target.appendChild(summary(engine, res));
  }

  // One result, cloned from a skeleton made once: cheaper than making each
  // element and attribute anew for every result of a long list.
  var skeleton = null;
  function resultItem(engine, r, query, maxWindows) {
    if (!skeleton) {
      skeleton = el("li", { className: "plan-search__result", "data-search-result": "" }, [
        el("a", { className: "plan-search__link" }, [el("span", { className: "plan-search__place" })]),
        el("span", { className: "plan-search__meta" }, [el("span", { className: "plan-search__kind" }), ""]),
        el("p", { className: "plan-search__snippet" })
      ]);
    }
    var u = r.unit;
    var li = skeleton.cloneNode(true);
    var link = li.firstChild;
    var meta = link.nextSibling;
    li.setAttribute("data-unit", u.id);
    link.setAttribute("href", unitHref(engine, u, query));
    link.firstChild.textContent = place(engine, u);
    meta.firstChild.textContent = engine.c.kinds[u.kind];
    meta.lastChild.data = " · " + engine.format("count", { c: r.count }) + " · " + u.id;
    meta.nextSibling.appendChild(snippet(u.text, r.ranges, engine.c.snippetContext, maxWindows));
    return li;
  }

  ui.el = el;
  ui.clear = clear;
  ui.note = note;
  ui.searchHref = searchHref;
  ui.suggestions = suggestions;
  ui.outcome = outcome;
  ui.resultItem = resultItem;
})(window.PlanSearch = window.PlanSearch || {});
