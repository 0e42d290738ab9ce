// Quick exit (issue 17): the "Leave quickly" button ([data-quick-exit], its value the neutral
// site), or Escape pressed three times within two seconds on a page that has the button.
// Loaded without defer in the head of every page, so the check below runs before a page shows.
//
// What a page can do, as domestic-violence services' sites do it:
// - location.replace(): the neutral site takes the place of the current page in the tab's
//   history, so Back from it does not return to that page;
// - earlier pages of the app in the same tab cannot be removed by any script. The tab is marked
//   as left (sessionStorage, this tab only), and an app page reached later with Back or Forward
//   (or restored from the back-forward cache) replaces itself with the neutral site at once,
//   before anything is drawn. A page opened on purpose (typed, a link, a reload) clears the mark;
// - the session is ended on the server and the offline copy of the family's data is removed.
(function () {
  "use strict";
  var LEFT = "fw_left";
  var ESCAPES = 3;
  var ESCAPE_WINDOW_MS = 2000;
  var escapes = [];

  function markedUrl() {
    try {
      return sessionStorage.getItem(LEFT);
    } catch (e) {
      return null;
    }
  }

  function hideAndGo(url) {
    document.documentElement.style.visibility = "hidden";
    window.location.replace(url);
  }

  function leave(url) {
    try {
      sessionStorage.setItem(LEFT, url);
    } catch (e) {
      /* storage off: the replace below still happens */
    }
    try {
      localStorage.removeItem("fw_offline");
    } catch (e) {
      /* nothing stored */
    }
    try {
      fetch("/auth/signout", { method: "POST", credentials: "same-origin", keepalive: true });
    } catch (e) {
      /* the page goes anyway */
    }
    document.title = "";
    hideAndGo(url);
  }

  // Came back with Back/Forward after leaving quickly: go to the neutral site again.
  var left = markedUrl();
  if (left) {
    var entry = performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
    if (entry && entry.type === "back_forward") {
      hideAndGo(left);
    } else {
      try {
        sessionStorage.removeItem(LEFT);
      } catch (e) {
        /* nothing to forget */
      }
    }
  }
  window.addEventListener("pageshow", function (event) {
    var url = markedUrl();
    if (event.persisted && url) hideAndGo(url);
  });

  document.addEventListener(
    "click",
    function (event) {
      var target = event.target;
      var button = target && target.closest ? target.closest("[data-quick-exit]") : null;
      if (!button) return;
      event.preventDefault();
      event.stopPropagation();
      leave(button.getAttribute("data-quick-exit"));
    },
    true,
  );

  document.addEventListener(
    "keydown",
    function (event) {
      if (event.key !== "Escape") return;
      var button = document.querySelector("[data-quick-exit]");
      if (!button) return;
      var now = Date.now();
      escapes = escapes.filter(function (t) {
        return now - t < ESCAPE_WINDOW_MS;
      });
      escapes.push(now);
      if (escapes.length >= ESCAPES) {
        escapes = [];
        leave(button.getAttribute("data-quick-exit"));
      }
    },
    true,
  );
})();
