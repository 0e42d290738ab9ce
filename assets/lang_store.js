// The browser's language (components/texts.py reads it through useSyncExternalStore), inlined
// at the top of every page's head so it exists before React hydrates: the
// language cookie first, so a visit with the network off is in the chosen language; then what
// the server decided once a page loaded (the account's language); then the person's switch.
(function () {
  const known = ["fi", "sv", "en"];
  const saved = /(?:^|; )fw_lang=([a-z]{2})/.exec(document.cookie);
  let lang = saved && known.includes(saved[1]) ? saved[1] : "fi";
  const listeners = new Set();
  document.documentElement.lang = lang;
  window.fwLangGet = () => lang;
  window.fwLangSubscribe = (listener) => {
    // React subscribes once the page has hydrated, after it rendered <html lang="fi">
    document.documentElement.lang = lang;
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  window.fwLangSet = (next) => {
    if (!known.includes(next) || next === lang) return;
    lang = next;
    document.documentElement.lang = next;
    // Remembered at once, not only when the server's answer sets the cookie: a reload right
    // after the tap (or a tap with the network off) keeps the chosen language.
    document.cookie = `fw_lang=${next}; path=/; max-age=31536000; samesite=lax`;
    listeners.forEach((listener) => listener());
  };
})();
