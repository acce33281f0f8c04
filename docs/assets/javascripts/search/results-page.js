// Search on every page (part 3 of 5: the full results page, ?q=…): every
// result, ordered by relevance or in plan order, filtered by chapter, kind
// and commitments; the choices are kept in the address.
(function (ns) {
  "use strict";
  var ui = ns.ui;
  if (!ui || ui.script !== document.currentScript) return;
  var el = ui.el;
  var clear = ui.clear;

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
    var ready = ui.ready();
    if (ready) {
      show(ready);
      return;
    }
    clear(container);
    container.appendChild(ui.note(ui.messages.loading));
    if (document.readyState === "loading") {
      // the page's own index script is still to come: draw when it has run,
      // or, if it never does (a network error), fetch it once more
      if (ui.data.indexEvent) {
        document.addEventListener(ui.data.indexEvent, function () {
          var engine = ui.ready();
          if (engine) show(engine);
        });
      }
      document.addEventListener("DOMContentLoaded", later);
    } else {
      later();
    }
    function later() {
      if (shown) return;
      ns.load().then(show, function () {
        clear(container);
        container.appendChild(ui.note(ui.messages.failed));
        container.setAttribute("data-state", "error");
      });
    }
    function show(engine) {
      if (shown) return;
      shown = true;
      var res = engine.search(query);
      clear(container);
      ui.outcome(engine, res, container);
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
        items.forEach(function (r) { list.appendChild(ui.resultItem(engine, r, query)); });
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
    // facet: kind (the index names every kind, const.kinds)
    var byKind = engine.c.kinds.map(function () { return 0; });
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

  ui.start(function () {
    var container = document.querySelector("[data-search-results]");
    if (container) resultsPage(container);   // first: the reader is waiting for it
  });
})(window.PlanSearch = window.PlanSearch || {});
