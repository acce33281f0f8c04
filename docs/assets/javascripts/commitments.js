// 承诺清单: filter the rendered list by chapter, keyword and status, in
// place, without a server. Without JavaScript the form stays hidden and the
// whole list shows. The filter state is kept in the address (?chapter=&q=&status=)
// so a filtered view can be shared.
//
// The keyword is compared as search compares it: the search engine's
// comparison form (full-width and half-width, case, invisible characters,
// Traditional and regional variants, look-alikes, thousands separators),
// so the engine and its index load when a keyword is first used. Nothing
// filters, and the address is not rewritten, while an input method is
// composing (typing.js).
(function () {
  "use strict";
  function setup() {
    var form = document.getElementById("commit-filter");
    var groups = document.getElementById("commit-groups");
    if (!form || !groups || form.dataset.ready) return;
    form.dataset.ready = "1";
    var chapter = form.querySelector("#commit-chapter");
    var keyword = form.querySelector("#commit-keyword");
    var status = form.querySelector("#commit-status");
    var count = form.querySelector("#commit-count");
    var items = Array.prototype.slice.call(groups.querySelectorAll("li.commit"));
    var total = items.length;
    var engine = null;
    var texts = null;             // each item's text in comparison form
    var loading = false;

    // The engine, then the items' forms; apply() again once they are here.
    function need() {
      if (loading) return;
      loading = true;
      form.setAttribute("data-filter-state", "loading");
      window.PlanSearch.load().then(function (e) {
        engine = e;
        texts = items.map(function (li) { return e.compareForm(li.textContent); });
        // loaded mid-composition: the filter waits for it to end (typing.js calls apply then)
        if (!typing.composing()) apply();
      }, function () {
        loading = false;
        count.textContent = "关键词筛选暂不可用（搜索索引加载失败），请刷新页面重试。";
        form.setAttribute("data-filter-state", "error");
      });
    }

    function apply() {
      var ch = chapter.value, st = status.value;
      if (keyword.value.trim() && !engine) {
        need();
        return;
      }
      var words = engine ? engine.terms(keyword.value) : [];
      var shown = 0;
      items.forEach(function (li, i) {
        var ok = (!ch || li.dataset.chapter === ch) && (!st || li.dataset.status === st) &&
          words.every(function (w) { return texts[i].indexOf(w) >= 0; });
        li.hidden = !ok;
        if (ok) shown += 1;
      });
      Array.prototype.forEach.call(groups.querySelectorAll(".commit-group"), function (g) {
        g.hidden = !g.querySelector("li.commit:not([hidden])");
      });
      count.textContent = shown === total ? "共 " + total + " 项" : "显示 " + shown + " 项，共 " + total + " 项";
      var params = new URLSearchParams();
      if (ch) params.set("chapter", ch);
      if (keyword.value) params.set("q", keyword.value);
      if (st) params.set("status", st);
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
      form.setAttribute("data-filter-state", "done");
      form.setAttribute("data-filter-query", keyword.value);
    }

    var params = new URLSearchParams(location.search);
    if (params.get("chapter")) chapter.value = params.get("chapter");
    if (params.get("q")) keyword.value = params.get("q");
    if (params.get("status")) status.value = params.get("status");
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    [chapter, status].forEach(function (el) { el.addEventListener("change", apply); });
    var typing = window.PlanTyping.watch(keyword, apply);
    keyword.addEventListener("focus", need);     // the engine is ready by the first key
    form.hidden = false;
    apply();
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);   // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
