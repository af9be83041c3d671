// Keyboard shortcuts for the review page, on top of forms that work without this script.
// Alt+Down / Alt+Up: next / previous segment. Ctrl+Enter: save and approve (the server then
// lands on the next unreviewed segment). Ctrl+Shift+Enter: save without approving.
// Ctrl+Shift+C: copy the source into the translation. Esc: undo the edit in this box.
// "?": show or hide the list of shortcuts. Leaving with unsaved edits asks first.
"use strict";

(function () {
  const boxes = () => Array.from(document.querySelectorAll("tr.segment textarea"));
  const help = document.getElementById("help");
  let submitting = false;

  function focusBox(box) {
    if (box) {
      box.focus();
      box.closest("tr").scrollIntoView({ block: "center" });
    }
  }

  function press(box, action) {
    const button = box.form.querySelector(`button[value="${action}"]`);
    submitting = true;
    box.form.requestSubmit(button);
  }

  function toggleHelp() {
    help.hidden = !help.hidden;
    if (!help.hidden) help.focus();
  }

  document.addEventListener("submit", () => { submitting = true; });

  window.addEventListener("beforeunload", (event) => {
    if (!submitting && boxes().some((box) => box.value !== box.defaultValue)) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  document.addEventListener("keydown", (event) => {
    const box = event.target.closest ? event.target.closest("tr.segment textarea") : null;
    const all = boxes();
    const at = box ? all.indexOf(box) : -1;
    if (event.altKey && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      focusBox(all[event.key === "ArrowDown" ? at + 1 : Math.max(at - 1, 0)]);
    } else if (box && event.ctrlKey && event.key === "Enter") {
      event.preventDefault();
      press(box, event.shiftKey ? "save" : "approve");
    } else if (box && event.ctrlKey && event.shiftKey && event.key.toLowerCase() === "c") {
      event.preventDefault();
      box.value = box.closest("tr").querySelector("td.source p").textContent;
    } else if (event.key === "Escape") {
      if (!help.hidden) {
        toggleHelp();
      } else if (box) {
        box.value = box.defaultValue;
        box.blur();
      }
    } else if (event.key === "?" && !event.target.matches("textarea, input, select")) {
      event.preventDefault();
      toggleHelp();
    }
  });

  // After the browser has scrolled to the fragment (which would take the focus away).
  window.addEventListener("load", () => setTimeout(() => {
    const target = /^#segment-(\d+)$/.exec(window.location.hash);
    if (target) focusBox(document.querySelector(`#segment-${target[1]} textarea`));
  }, 0));
})();
