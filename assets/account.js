// The browser's side of signing in, push notifications, the calendar link and the app badge.
// Event handlers call these by name (rx.call_script("fwPushDevice()", callback=...)); each one
// that answers returns a promise of plain JSON, which Reflex hands to the callback.
// Every page loads it after its first paint, next to app.js (components/head_scripts.py).

// Sign-in: trade the one-minute ticket for the HttpOnly session cookie (services/auth.py), then
// load the person's home with a fresh websocket that carries it; on failure, back to sign-in.
window.fwSignInWith = function (ticket, sessionUrl, signInUrl) {
  return fetch(sessionUrl, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ticket: ticket }),
  })
    .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
    .then((d) => {
      sessionStorage.clear();
      window.location.replace(d.home);
    })
    .catch(() => window.location.replace(signInUrl));
};

// --- Web push (state/settings.py). A subscription is made on a click, so the browser's
// permission prompt follows the person's gesture.

function fwServiceWorkerReady() {
  return Promise.race([
    navigator.serviceWorker.ready,
    new Promise((_, no) => setTimeout(() => no(new Error("no worker")), 10000)),
  ]);
}

function fwKeyBytes(key) {
  const b64 = key.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (key.length % 4)) % 4);
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

// Subscribe this browser to the server's VAPID key (the enable button's data-key): the
// subscription's JSON, or {error: "unsupported" | "denied" | "failed"}.
window.fwPushSubscribe = async function () {
  try {
    if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window))
      return { error: "unsupported" };
    if ((await Notification.requestPermission()) !== "granted") return { error: "denied" };
    const bytes = fwKeyBytes(document.getElementById("push-enable").dataset.key || "");
    const registration = await fwServiceWorkerReady();
    let sub = await registration.pushManager.getSubscription();
    const old = sub && sub.options && sub.options.applicationServerKey;
    const text = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer)));
    if (old && text(old) !== text(bytes)) {
      await sub.unsubscribe(); // made for another key: it would never get our pushes
      sub = null;
    }
    if (!sub)
      sub = await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: bytes,
      });
    return sub.toJSON();
  } catch (e) {
    return { error: "failed" };
  }
};

// This browser's own subscription endpoint ("" when it has none).
window.fwPushDevice = async function () {
  try {
    if (!("serviceWorker" in navigator) || !("PushManager" in window)) return "";
    const registration = await navigator.serviceWorker.getRegistration();
    const sub = registration && (await registration.pushManager.getSubscription());
    return sub ? sub.endpoint : "";
  } catch (e) {
    return "";
  }
};

// Unsubscribe this browser; its endpoint, for the server to forget ("" when there was none).
window.fwPushUnsubscribe = async function () {
  try {
    const registration = await navigator.serviceWorker.getRegistration();
    const sub = registration && (await registration.pushManager.getSubscription());
    if (!sub) return "";
    const endpoint = sub.endpoint;
    await sub.unsubscribe();
    return endpoint;
  } catch (e) {
    return "";
  }
};

// --- The calendar link (state/settings.py): its URL goes straight into the page's input and
// is never held in the page's state.

window.fwShowFeedUrl = function (path) {
  const input = document.getElementById("feed-url");
  input.value = location.origin + path;
  input.focus();
  input.select();
};

window.fwClearFeedUrl = function () {
  document.getElementById("feed-url").value = "";
};

// Copy the link to the clipboard: true when it worked.
window.fwCopyFeedUrl = function () {
  return navigator.clipboard.writeText(document.getElementById("feed-url").value).then(
    () => true,
    () => false,
  );
};

// --- The unread count as the installed app's badge (navigator.setAppBadge, where supported).
// Reads the unread badge the guardian shell shows in its bottom navigation (from
// AppState.unread) once the page has loaded its data, and sets or clears the app badge when the
// number changes. Staff and public pages clear it.
window.fwWatchAppBadge = function () {
  if (!("setAppBadge" in navigator)) return;
  let last = null;
  const update = () => {
    if (document.visibilityState !== "visible") return;
    const layout = document.querySelector(".layout-guardian, .layout-staff, .layout-public");
    const loaded =
      layout && (layout.dataset.ready === "true" || layout.classList.contains("layout-public"));
    if (!loaded) return;
    const badge = layout.querySelector(".bottom-nav .badge");
    const count = badge ? parseInt(badge.textContent, 10) || 0 : 0;
    if (count === last) return;
    last = count;
    (count > 0 ? navigator.setAppBadge(count) : navigator.clearAppBadge()).catch(() => {});
  };
  // A look every two seconds, not a MutationObserver of the whole document: that one was handed
  // every change React made while the page rendered (the main thread's longest task on load).
  setInterval(update, 2000);
  update();
};

window.fwWatchAppBadge();
