// Small functions the app's event handlers call by name (rx.call_script("fwSignOut('/signin')")),
// kept here rather than as JavaScript strings in Python. Loaded (deferred) by every page.

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
  document.documentElement.lang = lang;
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
