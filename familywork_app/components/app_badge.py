"""The unread count as the installed app's badge (`navigator.setAppBadge`, where supported).

A small head script: it reads the unread badge the guardian shell already shows in its bottom
navigation (rendered from `AppState.unread`) once the page has loaded its data, and sets or
clears the app badge when the number changes. Staff and public pages clear it."""

import reflex as rx

BADGE_SCRIPT = """(() => {
  if (!("setAppBadge" in navigator)) return;
  let last = null, queued = false;
  const update = () => {
    queued = false;
    const layout = document.querySelector(".layout-guardian, .layout-staff, .layout-public");
    const loaded = layout && (layout.dataset.ready === "true"
                              || layout.classList.contains("layout-public"));
    if (!loaded) return;
    const badge = layout.querySelector(".bottom-nav .badge");
    const count = badge ? parseInt(badge.textContent, 10) || 0 : 0;
    if (count === last) return;
    last = count;
    (count > 0 ? navigator.setAppBadge(count) : navigator.clearAppBadge()).catch(() => {});
  };
  new MutationObserver(() => { if (!queued) { queued = true; setTimeout(update, 300); } })
    .observe(document.documentElement, {subtree: true, childList: true, characterData: true,
                                        attributes: true, attributeFilter: ["data-ready"]});
})();"""


def app_badge_script() -> rx.Component:
    """The head tag that keeps the app badge in step with the unread count."""
    return rx.el.script(BADGE_SCRIPT)
