// Permalinks for citable plan units: every element with [data-para] gets a
// small link button; activating it copies the unit's address and shows it
// in the address bar. The button has no text content of its own (its mark is
// drawn by CSS), so the unit's text stays exactly the plan's words.
(function () {
  "use strict";
  var status = null;
  function announce(button, text) {
    if (!status) {
      status = document.createElement("div");
      status.className = "plan-sr-only";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = text;
    button.setAttribute("data-copied", text);
    window.setTimeout(function () { button.removeAttribute("data-copied"); }, 1600);
  }
  function attach(unit) {
    if (unit.querySelector(":scope > .unit-link")) return;
    var id = unit.id;
    var link = document.createElement("a");
    link.className = "unit-link";
    link.href = "#" + id;
    link.setAttribute("aria-label", "复制本段链接（" + id + "）");
    link.title = "复制本段链接";
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var url = location.href.split("#")[0] + "#" + id;
      history.replaceState(null, "", "#" + id);
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(
          function () { announce(link, "已复制链接"); },
          function () { announce(link, "链接已显示在地址栏"); });
      } else {
        announce(link, "链接已显示在地址栏");
      }
    });
    var host = unit.tagName === "TR" ? unit.querySelector("td:last-child") : unit;
    host.appendChild(link);
  }
  function init() {
    document.querySelectorAll("[data-para][id]").forEach(attach);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
