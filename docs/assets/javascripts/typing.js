// Typing, everywhere a reader types (the header search field, the results
// page's field, the 承诺清单 filter): what changed is passed on only when
// it is text the reader means, never in the middle of an input method's
// composition.
//
// * While composing (compositionstart … compositionend) input events are
//   ignored; the text is passed on when the composition ends. Android
//   keyboards wrap ordinary Latin typing in compositions too, so the end
//   of one always passes the text on.
// * An Enter that commits a composition must not submit the form with the
//   text half typed. Chrome and Firefox mark that keydown isComposing (or
//   keyCode 229); Safari ends the composition first and then sends the
//   keydown, so an Enter right after compositionend (SETTLE ms) is the
//   input method's too.
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
