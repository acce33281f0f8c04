// Everywhere a reader types (header search, results page, 承诺清单 filter):
// nothing is passed on during an input method's composition, and the text
// is when it ends (Android wraps Latin typing in compositions too). An Enter
// that commits a composition does not submit: Chrome marks it isComposing
// or keyCode 229; Safari sends it just after compositionend (SETTLE ms).
(function () {
  "use strict";
  var SETTLE = 60;

  // changed(): called when the field's text may have changed and no
  // composition is under way. Returns {composing()}.
  function watch(input, changed) {
    var composing = false;
    var ended = -Infinity;
    input.addEventListener("compositionstart", function () { composing = true; });
    input.addEventListener("compositionend", function (e) {
      composing = false;
      ended = e.timeStamp;
      changed();
    });
    input.addEventListener("input", function (e) {
      if (composing || e.isComposing) return;
      changed();
    });
    input.addEventListener("keydown", function (e) {
      if (e.key !== "Enter" && e.keyCode !== 229) return;
      if (composing || e.isComposing || e.keyCode === 229 || e.timeStamp - ended < SETTLE) {
        e.preventDefault();            // no form submission: the input method's Enter
      }
    });
    return { composing: function () { return composing; } };
  }

  window.PlanTyping = { watch: watch };
})();
