// Keyboard shortcuts and in-place saving for the review page, on top of forms that work
// without this script. Alt+Down / Alt+Up: next / previous segment. Ctrl+Enter: save and
// approve, then go to the next unreviewed segment. Ctrl+Shift+Enter: save without approving.
// Ctrl+Shift+C: copy the source into the translation. Esc: undo the edit in this box.
// "?": show or hide the list of shortcuts. Leaving with unsaved edits asks first.
//
// In-place saving: a segment form (Save, Save and approve, Revert, a memory suggestion,
// "Keep mine") is sent with fetch to the same URL with the same fields, asking for JSON. The
// answer holds the review page rendered with only that row as stored now: the script swaps
// in the row, the version status, the filter counts and the publish button, and announces
// the result in the live region. A save that lost a race shows the conflict view under the
// row, with the typed text in it. Any failure leaves the typed text where it was.
// "Add to glossary" for a name in a sentence is sent the same way; one refused (the glossary
// has the name already) is announced and leaves the typed English form where it was.
"use strict";

(function () {
  const boxes = () => Array.from(document.querySelectorAll("tr.segment textarea"));
  const help = document.getElementById("help");
  const live = document.getElementById("live");
  const SEGMENT = /\/segments\/(\d+)(\/glossary)?$/;
  const pending = new WeakSet();
  // getAttribute, not form.action: the forms' buttons are named "action".
  const target = (form) => new URL(form.getAttribute("action"), window.location.href);
  let leaving = false; // a form is navigating away: its page takes over

  function focusBox(box) {
    if (box) {
      box.focus();
      box.closest("tr").scrollIntoView({ block: "center" });
    }
  }

  function press(box, action) {
    box.form.requestSubmit(box.form.querySelector(`button[value="${action}"]`));
  }

  function toggleHelp() {
    help.hidden = !help.hidden;
    if (!help.hidden) help.focus();
  }

  function announce(text) {
    live.textContent = "";
    live.textContent = text;
  }

  function swapIn(element, fresh) {
    if (element && fresh) element.replaceWith(fresh);
  }

  // The row, version status, filter counts and publish button from the one-row page.
  function swap(answer) {
    const parsed = new DOMParser().parseFromString(answer.page, "text/html");
    const id = `segment-${answer.position}`;
    swapIn(document.getElementById(id), parsed.getElementById(id));
    const status = (doc) => doc.getElementById("version-status");
    swapIn(status(document)?.parentElement, status(parsed)?.parentElement);
    for (const selector of [".version-actions", "nav.show"]) {
      swapIn(document.querySelector(selector), parsed.querySelector(selector));
    }
  }

  // The conflict view (their text, the typed text, the machine's) in a row under the segment.
  function showConflict(answer) {
    const parsed = new DOMParser().parseFromString(answer.conflict, "text/html");
    const row = document.createElement("tr");
    const cell = document.createElement("td");
    const box = document.createElement("section");
    const heading = document.createElement("h2");
    row.id = `conflict-${answer.position}`;
    row.className = "conflict-row";
    cell.colSpan = 4;
    heading.id = `conflict-h-${answer.position}`;
    heading.textContent = parsed.querySelector("h1").textContent;
    box.setAttribute("aria-labelledby", heading.id);
    box.append(heading, ...parsed.querySelectorAll("main > p:not(.live)"));
    box.append(parsed.querySelector(".conflict"));
    cell.append(box);
    row.append(cell);
    document.getElementById(row.id)?.remove();
    document.getElementById(`segment-${answer.position}`).after(row);
    box.querySelector("textarea").focus();
  }

  // Sends ``form`` as its submit button would: {answer} (the server's JSON answer) or
  // {failure} (why there is none: the server's error, e.g. a stale token, or no connection).
  async function send(form, submitter) {
    const data = new URLSearchParams(new FormData(form));
    if (submitter && submitter.name) data.set(submitter.name, submitter.value);
    try {
      const response = await fetch(target(form), {
        method: "POST",
        body: data,
        headers: { Accept: "application/json" },
      });
      const json = (response.headers.get("content-type") || "").startsWith("application/json");
      const body = json ? await response.json() : {};
      if (typeof body.page === "string") return { answer: body };
      if (body.error) return { failure: body.error };
      return { failure: `the server answered ${response.status}` };
    } catch (error) {
      return { failure: "the server could not be reached" };
    }
  }

  async function save(form, submitter) {
    const row = form.closest("tr");
    const box = form.querySelector("textarea");
    pending.add(form);
    row.setAttribute("aria-busy", "true");
    if (box) box.readOnly = true; // what is sent is what the answer's row will show
    const { answer, failure } = await send(form, submitter);
    pending.delete(form);
    row.removeAttribute("aria-busy");
    if (box) box.readOnly = false;
    if (!answer) {
      announce(`Not saved: ${failure}. Your text is still in the box.`);
    } else if (answer.done === "empty" || answer.done === "refused") {
      announce(answer.message);
    } else {
      swap(answer);
      announce(answer.message);
      if (answer.done === "lost") {
        showConflict(answer);
      } else {
        document.getElementById(`conflict-${answer.position}`)?.remove();
        focusBox(document.getElementById(`text-${answer.focus}`));
      }
    }
  }

  function takeTheirs(form) {
    const row = form.closest(".conflict-row");
    const at = Number(row.id.slice("conflict-".length));
    row.remove();
    announce(`Segment ${at + 1} keeps their text.`);
    focusBox(document.getElementById(`text-${at}`));
  }

  document.addEventListener("submit", (event) => {
    const form = event.target;
    const post = form.getAttribute("method") === "post";
    const inPlace = post && SEGMENT.test(target(form).pathname);
    if (form.classList.contains("take-theirs") && form.closest(".conflict-row")) {
      event.preventDefault();
      takeTheirs(form);
    } else if (inPlace) {
      event.preventDefault();
      if (!pending.has(form)) save(form, event.submitter);
    } else {
      leaving = true;
    }
  });

  window.addEventListener("beforeunload", (event) => {
    const edited = boxes().some((box) => box.value !== box.defaultValue);
    if (!leaving && (edited || document.querySelector(".conflict-row"))) {
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
