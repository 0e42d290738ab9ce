/* Links the web app manifest and registers the service worker; shows an offline banner and,
   offline, what the family last saw
   of its next meeting and goals (stored by the family home in localStorage, cleared at sign-out);
   offers "add to home screen" once, on the family home. Texts come from data attributes the
   app renders in the user's language. */
(function () {
  if ("serviceWorker" in navigator) {
    const register = () => navigator.serviceWorker.register("/sw.js").catch(() => {});
    // Loaded after the first paint (components/head_scripts.py): the page may have loaded.
    if (document.readyState === "complete") register();
    else window.addEventListener("load", register);
  }
  function el(id) { return document.getElementById(id); }

  function showSnapshot(box) {
    let saved = null;
    try { saved = JSON.parse(localStorage.getItem("fw_offline") || "null"); } catch (e) { saved = null; }
    box.replaceChildren();
    if (!saved) return;
    const title = document.createElement("p");
    title.className = "big";
    title.textContent = box.dataset.title || "";
    box.append(title);
    for (const line of [saved.next, ...(saved.goals || [])]) {
      if (!line) continue;
      const p = document.createElement("p");
      p.textContent = line;
      box.append(p);
    }
  }

  function update() {
    const banner = el("offline-banner");
    if (!banner) return;
    const offline = !navigator.onLine;
    banner.hidden = !offline;
    const box = el("offline-snapshot");
    if (box) { box.hidden = !offline; if (offline) showSnapshot(box); }
  }
  window.addEventListener("online", update);
  window.addEventListener("offline", update);
  update();
  setInterval(update, 3000);
  // Open conversations ask the server every 5 s whether a new message has arrived.
  setInterval(() => {
    if (document.visibilityState !== "visible" || !navigator.onLine) return;
    document.querySelectorAll("[data-poll]").forEach((button) => button.click());
  }, 5000);

  let deferred = null;
  window.addEventListener("beforeinstallprompt", (event) => {
    event.preventDefault();
    deferred = event;
    offerInstall();
  });
  // The manifest is linked here, after the first paint (its request would otherwise share the
  // slow phone's bandwidth with the page) and after the listener above, so the browser's
  // install check cannot finish before this page listens for it.
  if (!document.querySelector('link[rel="manifest"]')) {
    const manifest = document.createElement("link");
    manifest.rel = "manifest";
    manifest.href = "/manifest.webmanifest";
    document.head.append(manifest);
  }
  function offerInstall() {
    const offer = el("install-offer");
    if (!offer || !deferred || localStorage.getItem("fw_install_offered")) return;
    offer.hidden = false;
    localStorage.setItem("fw_install_offered", "1");
    offer.querySelector("button[data-install]")?.addEventListener("click", () => {
      deferred.prompt(); offer.hidden = true;
    });
    offer.querySelector("button[data-dismiss]")?.addEventListener("click", () => { offer.hidden = true; });
  }
  setInterval(offerInstall, 2000);
})();
