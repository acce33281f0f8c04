// Search on every page (part 4 of 5: the header field): instant results as
// you type, keys / and s to start, Escape to leave.
(function (ns) {
  "use strict";
  var ui = ns.ui;
  if (!ui || ui.script !== document.currentScript) return;
  var el = ui.el;
  var clear = ui.clear;

  function header(box) {
    var input = box.querySelector("[data-search-input]");
    var panel = box.querySelector("[data-search-instant]");
    var toggle = document.getElementById("__search");
    if (!input || !panel) return;
    var typing = null;
    var pending = 0;

    function open() {
      if (toggle && !toggle.checked) toggle.checked = true;
      ns.load().then(run, function () {
        clear(panel);
        panel.appendChild(ui.note(ui.messages.failed));
      });
    }
    function close() {
      if (toggle) toggle.checked = false;
      input.blur();
    }
    function schedule() {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(function () { ns.load().then(run); });
    }
    function run(engine) {
      if (typing.composing()) return;
      var query = input.value;
      if (panel.getAttribute("data-query") === query && panel.getAttribute("data-state") === "done") return;
      var res = engine.search(query);
      clear(panel);
      panel.setAttribute("data-query", query);
      if (res.mode === "empty") {
        // only punctuation, symbols or invisible characters: say so
        if (query.trim()) panel.appendChild(ui.note(engine.c.messages.empty));
        panel.setAttribute("data-state", "done");
        return;
      }
      var typed = engine.complete(query);
      var s = ui.suggestions(engine, typed, engine.c.messages.related);
      if (s) panel.appendChild(s);
      ui.outcome(engine, res, panel);
      var list = el("ol", { className: "plan-search__list plan-search__list--instant" });
      res.results.slice(0, engine.c.instantLimit).forEach(function (r) {
        list.appendChild(ui.resultItem(engine, r, query, 1));
      });
      panel.appendChild(list);
      if (res.results.length) {
        panel.appendChild(el("p", { className: "plan-search__all" }, [
          el("a", { href: ui.searchHref(query), "data-search-all": "", text: engine.format("seeAll", { m: res.results.length }) })
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

  ui.start(function () {
    var box = document.querySelector("[data-plan-search]");
    if (box) header(box);
  });
})(window.PlanSearch = window.PlanSearch || {});
