// Glossary terms in the plan text (a.plan-term): on hover or keyboard focus
// CSS shows the explanation. A touch screen has no hover, so there the first
// tap shows the explanation (by focusing the term) and a second tap follows
// the link to 名词解释.
(function () {
  "use strict";
  var noHover = window.matchMedia ? window.matchMedia("(hover: none)") : null;
  document.addEventListener("click", function (event) {
    var term = event.target.closest ? event.target.closest("a.plan-term") : null;
    if (!term || !noHover || !noHover.matches) return;
    if (term.getAttribute("data-shown") === "1") return;   // second tap: follow the link
    event.preventDefault();
    term.setAttribute("data-shown", "1");
    term.focus();
    term.addEventListener("blur", function () { term.removeAttribute("data-shown"); }, { once: true });
  });
})();
