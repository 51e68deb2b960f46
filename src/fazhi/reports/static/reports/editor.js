// The report part editor (reports/edit.html): the picker's buttons put a figure's name token
// ({学法活动}) at the cursor of the last text box used, and htmx refreshes the chips. Without
// this file the page still works: the picker shows each token to type, 预览 shows the chips.
(function () {
  "use strict";
  var editor = document.querySelector("[data-figure-editor]");
  if (!editor) {
    return;
  }
  var target = editor.querySelector("textarea");

  function reveal() {
    editor.querySelectorAll(".figure-insert").forEach(function (button) {
      button.hidden = false;
    });
    editor.querySelectorAll(".figure-token-hint, .js-hide").forEach(function (element) {
      element.hidden = true;
    });
  }

  editor.addEventListener("focusin", function (event) {
    if (event.target.tagName === "TEXTAREA") {
      target = event.target;
    }
  });

  editor.addEventListener("click", function (event) {
    var button = event.target.closest(".figure-insert");
    if (!button || !target) {
      return;
    }
    var token = button.dataset.insert;
    var start = target.selectionStart;
    var end = target.selectionEnd;
    target.value = target.value.slice(0, start) + token + target.value.slice(end);
    target.focus();
    target.setSelectionRange(start + token.length, start + token.length);
    // The same event typing sends: htmx refreshes the chips below the text.
    target.dispatchEvent(new Event("input", { bubbles: true }));
  });

  // Searching never reloads the page (that would lose unsaved text): htmx swaps the list.
  var search = editor.querySelector("[data-figure-search]");
  if (search) {
    search.addEventListener("submit", function (event) {
      if (typeof htmx !== "undefined") {
        event.preventDefault();
        htmx.trigger(search.querySelector("input[type=search]"), "search");
      }
    });
  }

  document.body.addEventListener("htmx:afterSettle", reveal);
  reveal();
})();
