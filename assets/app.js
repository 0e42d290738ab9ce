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
