// Search on every page (part 5 of 5: arriving from a result, …?h=query#unit):
// the query highlighted in the unit, the unit in view.
(function (ns) {
  "use strict";
  var ui = ns.ui;
  if (!ui || ui.script !== document.currentScript) return;

  function arrival() {
    var params = new URLSearchParams(location.search);
    var query = params.get("h");
    var id = decodeURIComponent(location.hash.slice(1));
    if (!query || !id) return;
    var unit = document.getElementById(id);
    if (!unit || !unit.hasAttribute("data-para")) return;
    unit.classList.add("plan-search-target");
    ns.load().then(function (engine) {
      var ranges = engine.highlight(query, unit.textContent);
      markRanges(unit, ranges);
      unit.scrollIntoView({ block: "center" });
    });
  }

  // Wrap the ranges (UTF-16 offsets in the node's text) in marks.
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
        var mark = ui.el("mark", { className: "plan-search-hit" });
        middle.parentNode.replaceChild(mark, middle);
        mark.appendChild(middle);
      }
    }
  }

  // Arriving from a result, the engine is needed at once: start loading it
  // now rather than when the page has finished parsing.
  if (/[?&]h=/.test(location.search)) ns.load();

  ui.start(arrival);
})(window.PlanSearch = window.PlanSearch || {});
