// Search on every page (part 1 of 5: the start): the field in the header
// (panel.js), the full results page (results-page.js) and the highlight of
// the query in the unit a result leads to (arrival.js). These parts are
// plain classic scripts joined into site.js (mkdocs.yml lists them, in
// order); they share the namespace window.PlanSearch with the engine, and
// what this part sets up in it (PlanSearch.ui).
//
// The engine and the index load on first use only. Where they are, and the
// names and messages this code shares with Python, come from the script
// element's data attributes (plansite.assets.search_contract): root (the
// site's root, relative to the page), engine, index and page (paths from
// the root), index-global (what the index script sets), index-event (what
// it dispatches on the document once set), loading and failed (messages
// shown before the index, which carries every other message, is there).
(function (ns) {
  "use strict";
  if (ns.ui) return;   // included twice: the first one serves
  var script = document.currentScript;
  var data = (script && script.dataset) || {};
  var root = new URL(data.root || ".", location.href);
  var engine = null;
  var failure = null;
  var loading = null;

  // The engine, if its code and the index are already here. On the results
  // page one script holds the engine, then this code, then the index; the
  // index announces itself (index-event) and the results are drawn then,
  // within that script's run, while the page is still being parsed and
  // before the theme's bundle runs (waiting on a promise would let the
  // bundle's start-up go first). An index the engine cannot read is said
  // on the console, once, and search says it could not load.
  function ready() {
    if (!engine && !failure && ns.Engine && data.indexGlobal && window[data.indexGlobal]) {
      try {
        engine = new ns.Engine(window[data.indexGlobal]);
      } catch (e) {
        failure = e;
        console.error(e);
      }
    }
    return engine;
  }

  // Elsewhere: add a script on first use. (Where the page had it and it did
  // not run, e.g. a network error, this tries once more.)
  function loadScript(path, present) {
    return new Promise(function (resolve, reject) {
      if (present()) return resolve();
      if (!path) return reject(new Error("search: the page does not say where its scripts are (data attributes)"));
      var url = new URL(path, root);
      var s = document.createElement("script");
      s.src = url.href;
      document.head.appendChild(s);
      s.addEventListener("load", function () { resolve(); });
      s.addEventListener("error", function () { reject(new Error(url.href + " did not load")); });
    });
  }

  // A promise of the engine, loading it and the index on first use.
  function load() {
    if (ready()) return Promise.resolve(engine);
    if (failure) return Promise.reject(failure);
    if (!loading) {
      loading = Promise.all([
        loadScript(data.engine, function () { return !!ns.Engine; }),
        loadScript(data.index, function () { return !!(data.indexGlobal && window[data.indexGlobal]); })
      ]).then(function () {
        if (!ready()) throw failure || new Error("search did not start");
        return engine;
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  // Run fn once the header and the results container are parsed: this
  // script stands at the end of the body, or on the results page right
  // after the results container, so there is usually no need to wait.
  function start(fn) {
    if (document.readyState !== "loading" || document.querySelector("[data-plan-search], [data-search-results]")) fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  ns.ui = {
    script: script,          // the other parts run only from the same script
    data: data,
    root: root,
    ready: ready,
    start: start,
    messages: { loading: data.loading || "", failed: data.failed || "" }
  };
  // For other code of the site that compares text the same way (the 承诺清单
  // filter): a promise of the engine.
  ns.load = load;
})(window.PlanSearch = window.PlanSearch || {});
