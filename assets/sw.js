/* Perhetyö service worker: app shell and static files cached; pages network-first so a new
   deploy is picked up; files whose name carries no content hash (/app.js, /styles.css...) are
   served from the cache and refreshed behind it, so a deploy reaches them at the next visit;
   the websocket and backend routes are never cached. */
const VERSION = "fw-v6";
const SHELL = ["/", "/signin", "/family", "/styles.css", "/offline.js", "/app.js", "/account.js",
               "/manifest.webmanifest", "/icon-192.png", "/icon-512.png", "/favicon.ico",
               "/fonts/source-sans-3-latin-wght-normal.woff2"];
const NEVER = ["/_event", "/_upload", "/ping", "/_health", "/auth/", "/export/", "/calendar/",
               "/files/"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== VERSION).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

function networkFirst(request) {
  return fetch(request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(VERSION).then((cache) => cache.put(request, copy));
    }
    return response;
  }).catch(() => caches.match(request, {ignoreSearch: true})
    .then((hit) => hit || caches.match(new URL(request.url).pathname.replace(/\/$/, "") || "/"))
    .then((hit) => hit || caches.match("/")));
}

// A built file (/assets/...) or a content-hashed one (texts/dynamic.<hash>.js) never changes.
const HASHED = /^\/assets\/|\.[0-9a-f]{8,}\.[a-z0-9]+$/;

function staleWhileRevalidate(request) {
  const fresh = fetch(request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(VERSION).then((cache) => cache.put(request, copy));
    }
    return response;
  });
  return caches.match(request).then((hit) => {
    if (hit) {
      fresh.catch(() => {});  // offline: the cached copy is all there is
      return hit;
    }
    return fresh;
  });
}

function cacheFirst(request) {
  return caches.match(request).then((hit) => hit || fetch(request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(VERSION).then((cache) => cache.put(request, copy));
    }
    return response;
  }));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (NEVER.some((prefix) => url.pathname.startsWith(prefix))) return;
  if (request.mode === "navigate" || request.headers.get("accept")?.includes("text/html")) {
    event.respondWith(networkFirst(request));
  } else if (/\.(js|css|png|ico|svg|woff2?|webmanifest|json)$/.test(url.pathname)) {
    if (url.pathname === "/sw.js") event.respondWith(fetch(request));
    else if (HASHED.test(url.pathname)) event.respondWith(cacheFirst(request));
    else event.respondWith(staleWhileRevalidate(request));
  }
});

/* Web push (services/push.py): the message only says something new is waiting; a click opens
   (or focuses) the app at the page the server named, always on this site. */
self.addEventListener("push", (event) => {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch (e) { data = {}; }
  const url = typeof data.url === "string" && data.url.startsWith("/") && !data.url.startsWith("//")
    ? data.url : "/";
  const shown = self.registration.showNotification(data.title || "Perhetyö", {
    body: data.body || "", icon: "/icon-192.png", badge: "/icon-192.png", tag: "perhetyo",
    renotify: true, data: {url},
  });
  const badge = self.navigator && self.navigator.setAppBadge
    ? self.navigator.setAppBadge().catch(() => {}) : Promise.resolve();
  event.waitUntil(Promise.all([shown, badge]));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL((event.notification.data && event.notification.data.url) || "/",
                         self.location.origin);
  if (target.origin !== self.location.origin) return;
  event.waitUntil(self.clients.matchAll({type: "window", includeUncontrolled: true}).then((list) => {
    const open = list.find((client) => new URL(client.url).origin === self.location.origin);
    if (open) {
      return (open.navigate ? open.navigate(target.href).catch(() => open) : Promise.resolve(open))
        .then((client) => (client || open).focus());
    }
    return self.clients.openWindow(target.href);
  }));
});
