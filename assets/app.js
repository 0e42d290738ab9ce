// Small functions the app's event handlers call by name (rx.call_script("fwSignOut('/signin')")),
// kept here rather than as JavaScript strings in Python. Every page loads it after its first paint.

// Sign out: the server ends the session and clears the HttpOnly cookie; this tab forgets the
// offline copy of the family's next meeting and its session storage, then loads sign-in.
window.fwSignOut = function (signInUrl) {
  fetch("/auth/signout", { method: "POST", credentials: "same-origin" }).finally(() => {
    try {
      localStorage.removeItem("fw_offline");
    } catch (e) {
      /* storage may be off: nothing to forget */
    }
    sessionStorage.clear();
    window.location.assign(signInUrl);
  });
};

// Empty the given inputs (a form saved: what was typed goes; on an error nothing calls this).
window.fwClearFields = function (ids) {
  for (const id of ids) {
    const field = document.getElementById(id);
    if (field) field.value = "";
  }
};

// Reset a whole form and show the top of the page (a paper application registered).
window.fwResetForm = function (formId) {
  const form = document.getElementById(formId);
  if (form) form.reset();
  window.scrollTo(0, 0);
};

window.fwScrollTop = function () {
  window.scrollTo(0, 0);
};

// The page's language attribute follows the chosen language; signed-in pages hold dates the
// server formatted, so they load again.
window.fwSetLanguage = function (lang, reload) {
  window.fwLangSet(lang);
  if (reload) window.location.reload();
};

// What the family last saw (next meeting, goals), for the offline page; removed at sign-out.
window.fwStoreOffline = function (snapshot) {
  try {
    localStorage.setItem("fw_offline", JSON.stringify(snapshot));
  } catch (e) {
    /* storage may be off: the offline page then says it has nothing */
  }
};

// Start a goal in a support area: choose it in the goal form and move there.
window.fwStartGoal = function (area) {
  const select = document.getElementById("goal-area");
  if (select) {
    select.value = area;
    document.getElementById("goal-title").focus();
  }
};

// A page restored from the back/forward cache after sign-out must not show old data.
window.addEventListener("pageshow", (event) => {
  if (event.persisted) window.location.reload();
});

// A confirmation step (components/confirm.py): a button with data-opens-dialog opens that
// native modal <dialog> with the focus on its safe choice; a button in it with
// data-closes-dialog closes it (this listener runs after the button's own click handler, and a
// confirming submit button still sends its form). Escape closes it too; the focus then goes
// back to the button that opened it.
document.addEventListener("click", (event) => {
  const target = event.target instanceof Element ? event.target : null;
  const opener = target && target.closest("[data-opens-dialog]");
  if (opener) {
    const dialog = document.getElementById(opener.getAttribute("data-opens-dialog"));
    if (dialog && typeof dialog.showModal === "function" && !dialog.open) {
      dialog.fwOpener = opener;
      dialog.showModal();
      const safe = dialog.querySelector("[data-initial-focus]");
      if (safe) safe.focus();
    }
    return;
  }
  const closer = target && target.closest("dialog [data-closes-dialog]");
  if (closer) closer.closest("dialog").close();
});
document.addEventListener(
  "close",
  (event) => {
    const dialog = event.target;
    if (dialog instanceof HTMLDialogElement && dialog.fwOpener && dialog.fwOpener.isConnected) {
      dialog.fwOpener.focus();
    }
  },
  true,
);

// A form came back with errors: move the focus to its error summary at the top of the form
// (the GOV.UK and Suomi.fi pattern), once the page shows it, and bring it into view.
window.fwFocusErrorSummary = function (summaryId) {
  let tries = 0;
  const focus = () => {
    const summary = document.getElementById(summaryId);
    if (summary && summary.offsetParent !== null) {
      summary.focus();
      summary.scrollIntoView({ block: "start" });
    } else if (tries++ < 50) {
      window.requestAnimationFrame(focus);
    }
  };
  focus();
};

// A link of an error summary moves the focus into its field (not only the view to it), with
// the field's label in view above it. Caught on the way down, before the page's router would
// treat the link as a navigation.
document.addEventListener(
  "click",
  (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const link = target && target.closest(".error-summary a[href*='#']");
    if (!link) return;
    const href = link.getAttribute("href"); // the router writes "#email" as "/apply/#email"
    const field = document.getElementById(href.slice(href.indexOf("#") + 1));
    if (!field) return;
    event.preventDefault();
    event.stopPropagation();
    const label = field.labels && field.labels.length ? field.labels[0] : field;
    label.scrollIntoView({ block: "start" });
    field.focus({ preventScroll: true });
  },
  true,
);

// After a save: the text goes into the page's polite live region (#toast, in every shell), so
// a screen reader says it without moving the focus; it shows for six seconds, then hides.
// The same text twice in a row is cleared first, so it is announced again.
window.fwToast = function (text) {
  const region = document.getElementById("toast");
  const line = document.getElementById("toast-text");
  if (!region || !line) return;
  clearTimeout(window.fwToastTimer);
  line.textContent = "";
  region.dataset.empty = "true";
  window.setTimeout(() => {
    line.textContent = text;
    region.dataset.empty = "false";
  }, 50);
  window.fwToastTimer = window.setTimeout(() => {
    region.dataset.empty = "true";
    line.textContent = "";
  }, 6000);
};
