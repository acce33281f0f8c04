// Search on every page: the field in the header (keys / and s), instant
// results as you type, the full results page search/?q=…, and the
// highlight of the query in the unit a result leads to (…?h=query#unit).
//
// This file is small and loads with every page; the engine
// (search-engine.js) and the index (search/plan-index.js) load on first
// use only. Everything shown is built with DOM methods and textContent:
// nothing from a query or from the index is ever parsed as markup.
(function () {
  "use strict";
  if (window.PlanSearchUI) return;   // included twice: the first one serves
  // PlanSearchUI.engine(): a promise of the engine (loading it on first
  // use), for other code of the site that compares text the same way
  // (the 承诺清单 filter).
  window.PlanSearchUI = {};
  // Performance marks (plan-search:*) let the benchmark see where time goes.
  function mark(name) {
    if (window.performance && performance.mark) performance.mark("plan-search:" + name);
  }
  mark("start");

  // The site's root: the script element says where it is (data-root,
  // relative to the page; this code also runs from search/results.js);
  // without it, two folders up from assets/javascripts/, where site.js is.
  var script = document.currentScript;
  var root = script && script.getAttribute("data-root")
    ? new URL(script.getAttribute("data-root"), location.href)
    : new URL("../../", script ? script.src : location.href);
  var engineUrl = new URL("assets/javascripts/search-engine.js", root);
  var indexUrl = new URL("search/plan-index.js", root);
  var pageUrl = new URL("search/", root);
  var engine = null;
  var loading = null;
  var INDEX_EVENT = "plan-search-index";   // dispatched by search/plan-index.js
  // Shown before the index (which carries every other message) is loaded.
  var LOADING = "正在加载搜索索引…";
  var FAILED = "搜索索引加载失败，请刷新页面重试。";

  // The engine, if its code and the index are already here. On the results
  // page one script (search/results.js) holds the engine, then this code,
  // then the index; the index announces itself (INDEX_EVENT) and the results are
  // drawn then, within that script's run, while the page is still being
  // parsed and before the theme's bundle runs (waiting on a promise would
  // let the bundle's start-up go first).
  function ready() {
    if (!engine && window.PlanSearchEngine && window.PlanSearchIndex) {
      mark("fetched");
      engine = new window.PlanSearchEngine(window.PlanSearchIndex);
      mark("ready");
    }
    return engine;
  }

  // Elsewhere: add the two scripts on first use. (Where the page had them
  // and they did not run, e.g. a network error, this tries once more.)
  function loadScript(url, global) {
    return new Promise(function (resolve, reject) {
      if (window[global]) return resolve();
      var s = document.createElement("script");
      s.src = url.href;
      document.head.appendChild(s);
      s.addEventListener("load", function () { resolve(); });
      s.addEventListener("error", function () { reject(new Error(url.href + " did not load")); });
    });
  }

  function load() {
    if (ready()) return Promise.resolve(engine);
    if (!loading) {
      loading = Promise.all([loadScript(engineUrl, "PlanSearchEngine"), loadScript(indexUrl, "PlanSearchIndex")])
        .then(function () {
          if (!ready()) throw new Error("search did not start");
          return engine;
        });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  window.PlanSearchUI.engine = load;

  // -- building blocks ---------------------------------------------------------
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
    var page = pageHrefs[unit.page] || (pageHrefs[unit.page] = new URL(engine.pages[unit.page].url, root).href);
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
    if (res.mode === "empty") return el("p", { className: "plan-search__message", text: m.empty });
    if (res.mode === "tooLong") return el("p", { className: "plan-search__message", text: engine.format("tooLong", { n: res.length }) });
    if (res.mode === "fallback") {
      return el("p", { className: "plan-search__message", "data-search-fallback": res.terms.join(" ") },
        [engine.format("fallback", { q: res.shown, words: res.terms.join("、") })]);
    }
    if (res.mode === "none") return el("p", { className: "plan-search__message", text: engine.format("none", { q: res.shown }) });
    return null;
  }

  function suggestions(engine, words, label) {
    if (!words.length) return null;
    var list = el("ul", { className: "plan-search__suggest" }, words.map(function (w) {
      return el("li", {}, [el("a", { href: searchHref(w), "data-search-suggestion": w, text: w })]);
    }));
    return el("div", { className: "plan-search__suggestions" }, [el("p", { text: label }), list]);
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

  function summary(engine, res) {
    var count = el("span", { "data-search-count": "", text: String(res.results.length) });
    // role=status: screen readers announce the count, not every result
    return el("p", { className: "plan-search__summary", role: "status" }, [template(engine.c.messages.summary, {
      n: res.mentions, m: count, k: res.chapters
    })]);
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

  // -- the full results page -----------------------------------------------------
  function resultsPage(container) {
    var params = new URLSearchParams(location.search);
    var query = params.get("q") || "";
    var state = { order: params.get("order") === "plan" ? "plan" : "rank", ch: params.get("ch") || "", kind: params.get("kind") || "", commit: params.get("commit") === "1" ? "1" : "" };
    var input = document.querySelector("[data-search-page-input]");
    if (input) {
      input.value = query;
      window.PlanTyping.watch(input, function () {});   // an input method's Enter does not submit
    }
    var shown = false;
    container.setAttribute("data-state", "loading");
    if (ready()) {
      show(engine);
      return;
    }
    clear(container);
    container.appendChild(el("p", { className: "plan-search__message", text: LOADING }));
    if (document.readyState === "loading") {
      // the page's own index script is still to come: draw when it has run,
      // or, if it never does (a network error), fetch it once more
      document.addEventListener(INDEX_EVENT, function () { if (ready()) show(engine); });
      document.addEventListener("DOMContentLoaded", later);
    } else {
      later();
    }
    function later() {
      if (shown) return;
      load().then(show, function () {
        clear(container);
        container.appendChild(el("p", { className: "plan-search__message", text: FAILED }));
        container.setAttribute("data-state", "error");
      });
    }
    function show(engine) {
      if (shown) return;
      shown = true;
      var res = engine.search(query);
      clear(container);
      outcome(engine, res, container);
      var controls = el("div", { className: "plan-search__controls" });
      var shownNote = el("p", { className: "plan-search__filtered" });
      var list = el("ol", { className: "plan-search__list" });
      container.appendChild(controls);
      container.appendChild(shownNote);
      container.appendChild(list);
      if (res.results.length) buildControls(engine, res, state, controls, function () { draw(); });
      function draw() {
        var items = res.results.filter(function (r) {
          return (!state.ch || engine.pages[r.unit.page].url === state.ch) &&
            (state.kind === "" || String(r.unit.kind) === state.kind) &&
            (!state.commit || r.unit.commitments > 0);
        });
        if (state.order === "plan") items = items.slice().sort(function (a, b) { return a.unit.order - b.unit.order; });
        clear(list);
        items.forEach(function (r) { list.appendChild(resultItem(engine, r, query)); });
        shownNote.textContent = items.length !== res.results.length ? engine.format("filtered", { shown: items.length }) : "";
        var u = new URL(location.href);
        ["order", "ch", "kind", "commit"].forEach(function (k) {
          var v = k === "order" ? (state.order === "plan" ? "plan" : "") : state[k];
          if (v) u.searchParams.set(k, v); else u.searchParams.delete(k);
        });
        history.replaceState(history.state, "", u.href);
      }
      draw();
      container.setAttribute("data-state", "done");
      mark("done");
    }
  }

  // A group of chips of which one is pressed: [value, text] options;
  // pressing one sets state[key] to its value and redraws.
  function chipGroup(className, label, attr, key, options, state, redraw) {
    var group = el("div", { className: className, role: "group", "aria-label": label });
    options.forEach(function (o) {
      var attrs = { type: "button", className: "plan-search__chip", "aria-pressed": String(state[key] === o[0]), text: o[1] };
      attrs[attr] = o[0];
      var b = el("button", attrs);
      b.addEventListener("click", function () {
        state[key] = o[0];
        group.querySelectorAll("button").forEach(function (x) { x.setAttribute("aria-pressed", String(x === b)); });
        redraw();
      });
      group.appendChild(b);
    });
    return group;
  }

  function buildControls(engine, res, state, controls, redraw) {
    var m = engine.c.messages;
    // order: by relevance or in plan order
    controls.appendChild(chipGroup("plan-search__order", m.orderLabel, "data-order", "order",
      [["rank", m.orderRank], ["plan", m.orderPlan]], state, redraw));
    // facet: chapter
    var byPage = new Map();
    res.results.forEach(function (r) { byPage.set(r.unit.page, (byPage.get(r.unit.page) || 0) + 1); });
    var select = el("select", { id: "plan-search-chapter", "data-facet": "chapter" });
    select.appendChild(el("option", { value: "", text: m.allChapters + "（" + res.results.length + "）" }));
    Array.from(byPage.keys()).sort(function (a, b) { return a - b; }).forEach(function (p) {
      var page = engine.pages[p];
      var opt = el("option", { value: page.url, text: page.title + "（" + byPage.get(p) + "）" });
      if (page.url === state.ch) opt.selected = true;
      select.appendChild(opt);
    });
    select.addEventListener("change", function () { state.ch = select.value; redraw(); });
    controls.appendChild(el("div", { className: "plan-search__facet" }, [
      el("label", { for: "plan-search-chapter", text: m.chapterLabel }), select
    ]));
    // facet: kind
    var byKind = [0, 0, 0];
    res.results.forEach(function (r) { byKind[r.unit.kind]++; });
    var options = [["", m.allKinds + "（" + res.results.length + "）"]];
    engine.c.kinds.forEach(function (name, i) { if (byKind[i]) options.push([String(i), name + "（" + byKind[i] + "）"]); });
    controls.appendChild(chipGroup("plan-search__kinds", m.kindLabel, "data-facet-kind", "kind", options, state, redraw));
    // facet: only units that state commitments (承诺清单)
    var committed = res.results.filter(function (r) { return r.unit.commitments > 0; }).length;
    if (committed) {
      var only = el("input", { type: "checkbox", id: "plan-search-commitments", "data-facet-commitments": "" });
      only.checked = state.commit === "1";
      only.addEventListener("change", function () { state.commit = only.checked ? "1" : ""; redraw(); });
      controls.appendChild(el("div", { className: "plan-search__facet plan-search__commit" }, [
        only, el("label", { for: "plan-search-commitments", text: engine.format("commitmentsOnly", { n: committed }) })
      ]));
    }
  }

  // -- the header field ------------------------------------------------------------
  function header(box) {
    var input = box.querySelector("[data-search-input]");
    var panel = box.querySelector("[data-search-instant]");
    var toggle = document.getElementById("__search");
    if (!input || !panel) return;
    var typing = null;
    var pending = 0;

    function open() {
      if (toggle && !toggle.checked) toggle.checked = true;
      load().then(run, function () {
        clear(panel);
        panel.appendChild(el("p", { className: "plan-search__message", text: FAILED }));
      });
    }
    function close() {
      if (toggle) toggle.checked = false;
      input.blur();
    }
    function schedule() {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(function () { load().then(run); });
    }
    function run(engine) {
      if (typing.composing()) return;
      var query = input.value;
      if (panel.getAttribute("data-query") === query && panel.getAttribute("data-state") === "done") return;
      var res = engine.search(query);
      clear(panel);
      panel.setAttribute("data-query", query);
      var runs = Number(panel.getAttribute("data-runs") || 0) + 1;
      panel.setAttribute("data-runs", String(runs));
      if (res.mode === "empty") {
        // only punctuation, symbols or invisible characters: say so
        if (query.trim()) panel.appendChild(el("p", { className: "plan-search__message", text: engine.c.messages.empty }));
        panel.setAttribute("data-state", "done");
        return;
      }
      var typed = engine.complete(query);
      var s = suggestions(engine, typed, engine.c.messages.related);
      if (s) panel.appendChild(s);
      outcome(engine, res, panel);
      var list = el("ol", { className: "plan-search__list plan-search__list--instant" });
      res.results.slice(0, engine.c.instantLimit).forEach(function (r) {
        list.appendChild(resultItem(engine, r, query, 1));
      });
      panel.appendChild(list);
      if (res.results.length) {
        panel.appendChild(el("p", { className: "plan-search__all" }, [
          el("a", { href: searchHref(query), "data-search-all": "", text: engine.format("seeAll", { m: res.results.length }) })
        ]));
      }
      panel.setAttribute("data-state", "done");
    }

    input.addEventListener("focus", open);
    typing = window.PlanTyping.watch(input, schedule);
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { e.preventDefault(); close(); }
    });
    box.querySelector("form").addEventListener("reset", function () {
      setTimeout(function () { clear(panel); panel.removeAttribute("data-query"); input.focus(); }, 0);
    });
    if (toggle) {
      toggle.addEventListener("change", function () {
        if (toggle.checked && document.activeElement !== input) input.focus();
      });
    }
    document.addEventListener("keydown", function (e) {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      var t = e.target;
      var editable = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if (editable) return;
      if (e.key === "/" || e.key === "s" || e.key === "S") {
        e.preventDefault();
        input.focus();
        input.select();
      } else if (e.key === "Escape" && toggle && toggle.checked) {
        close();
      }
    });
  }

  // -- arriving from a result: highlight the query in the unit ---------------------
  function arrival() {
    var params = new URLSearchParams(location.search);
    var query = params.get("h");
    var id = decodeURIComponent(location.hash.slice(1));
    if (!query || !id) return;
    var unit = document.getElementById(id);
    if (!unit || !unit.hasAttribute("data-para")) return;
    unit.classList.add("plan-search-target");
    load().then(function (engine) {
      var ranges = engine.highlight(query, unit.textContent);
      markRanges(unit, ranges);
      unit.setAttribute("data-search-highlighted", String(ranges.length));
      unit.scrollIntoView({ block: "center" });
    });
  }

  function markRanges(node, ranges) {
    if (!ranges.length) return;
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    var texts = [];
    var at = 0;
    while (walker.nextNode()) {
      texts.push([walker.currentNode, at]);
      at += walker.currentNode.data.length;
    }
    // from the end, so earlier offsets stay valid
    for (var i = ranges.length - 1; i >= 0; i--) {
      var r = ranges[i];
      for (var j = texts.length - 1; j >= 0; j--) {
        var t = texts[j][0];
        var start = texts[j][1];
        var end = start + t.data.length;
        var a = Math.max(r[0], start);
        var b = Math.min(r[1], end);
        if (a >= b) continue;
        var middle = t.splitText(a - start);
        middle.splitText(b - a);
        var mark = el("mark", { className: "plan-search-hit" });
        middle.parentNode.replaceChild(mark, middle);
        mark.appendChild(middle);
      }
    }
  }

  // Arriving from a result, the engine is needed at once: start loading it
  // now rather than when the page has finished parsing.
  if (/[?&]h=/.test(location.search)) load();

  function init() {
    var container = document.querySelector("[data-search-results]");
    if (container) resultsPage(container);   // first: the reader is waiting for it
    var box = document.querySelector("[data-plan-search]");
    if (box) header(box);
    arrival();
  }

  // This script stands at the end of the body, or on the results page right
  // after the results container: the header and the container are already
  // parsed, so there is no need to wait for the rest.
  if (document.readyState !== "loading" || document.querySelector("[data-plan-search], [data-search-results]")) init();
  else document.addEventListener("DOMContentLoaded", init);
})();
