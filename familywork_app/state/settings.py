"""State of the settings page: web push on this device, e-mail notifications, the calendar feed.

The browser does the push subscription itself (the scripts below run on a click, so the
permission prompt follows the user's gesture) and hands the subscription JSON to
`save_subscription`, which the push service checks strictly. The calendar feed's URL is put
straight into the page's input by a script and never kept in this state.
"""

import json
import logging

import reflex as rx

from familywork_app.db import session_scope
from familywork_app.i18n import fmt_datetime, t
from familywork_app.models import ROLES
from familywork_app.services import ServiceError, calendar_feed, notifications, push
from familywork_app.state.app_state import AppState

log = logging.getLogger("familywork.notify")

_READY = (
    "Promise.race([navigator.serviceWorker.ready,"
    "new Promise((_, no) => setTimeout(() => no(new Error('no worker')), 10000))])"
)
SUBSCRIBE_SCRIPT = """(async () => {
  try {
    if (!("serviceWorker" in navigator) || !("PushManager" in window)
        || !("Notification" in window)) return {error: "unsupported"};
    if (await Notification.requestPermission() !== "granted") return {error: "denied"};
    const key = document.getElementById("push-enable").dataset.key || "";
    const b64 = key.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - key.length % 4) % 4);
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const registration = await __READY__;
    let sub = await registration.pushManager.getSubscription();
    const old = sub && sub.options && sub.options.applicationServerKey;
    const text = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer)));
    if (old && text(old) !== text(bytes)) {
      await sub.unsubscribe();
      sub = null;
    }
    if (!sub) sub = await registration.pushManager.subscribe(
      {userVisibleOnly: true, applicationServerKey: bytes});
    return sub.toJSON();
  } catch (e) { return {error: "failed"}; }
})()""".replace("__READY__", _READY)
DEVICE_SCRIPT = """(async () => {
  try {
    if (!("serviceWorker" in navigator) || !("PushManager" in window)) return "";
    const registration = await navigator.serviceWorker.getRegistration();
    const sub = registration && await registration.pushManager.getSubscription();
    return sub ? sub.endpoint : "";
  } catch (e) { return ""; }
})()"""
UNSUBSCRIBE_SCRIPT = """(async () => {
  try {
    const registration = await navigator.serviceWorker.getRegistration();
    const sub = registration && await registration.pushManager.getSubscription();
    if (!sub) return "";
    const endpoint = sub.endpoint;
    await sub.unsubscribe();
    return endpoint;
  } catch (e) { return ""; }
})()"""
COPY_SCRIPT = (
    "navigator.clipboard.writeText(document.getElementById('feed-url').value)"
    ".then(() => true, () => false)"
)
_BROWSER_ERRORS = {"unsupported": "settings.push_unsupported", "denied": "settings.push_denied"}


class SettingsState(AppState):
    loaded: bool = False
    vapid_key: str = ""  # the server's public key (not a secret): the browser subscribes to it
    device_on: bool = False
    devices: int = 0
    email_enabled: bool = False
    feed_active: bool = False
    feed_created: str = ""
    feed_shown: bool = False  # the input that a script just filled with a new feed URL
    notice: str = ""  # what just happened, as text
    error: str = ""  # what went wrong, as text

    def _reload(self, db, user) -> None:
        self.devices = push.device_count(db, user)
        self.email_enabled = notifications.email_enabled(db, user)
        feed = calendar_feed.feed_status(db, user)
        self.feed_active = feed["active"]
        self.feed_created = fmt_datetime(feed["created_at"], self.lang)
        self.loaded = True

    def _done(self, key: str, **values) -> None:
        self.notice, self.error = t(self.lang, key, **values), ""

    def _failed(self, key: str) -> None:
        self.notice, self.error = "", t(self.lang, key)

    def load(self):
        self.loaded, self.feed_shown, self.notice, self.error = False, False, "", ""
        with session_scope() as db:
            user, redirect = self._guard_with_badge(db, *ROLES)
            if redirect:
                return redirect
            try:
                self.vapid_key = push.vapid_keys().public_key
            except Exception as error:  # noqa: BLE001 - a broken key setting: push stays off
                log.warning("VAPID keys unavailable: %s", type(error).__name__)
                self.vapid_key = ""
            self._reload(db, user)
        return rx.call_script(DEVICE_SCRIPT, callback=SettingsState.set_device_status)

    def set_device_status(self, endpoint: str):
        """Whether this browser's own subscription (its endpoint, from the script) is ours."""
        with session_scope() as db:
            user = self._user(db)
            if user is None:
                return
            self.device_on = push.is_subscribed(db, user, endpoint)

    def save_subscription(self, subscription: dict):
        """Keep the subscription the browser just made (or say why there is none)."""
        if isinstance(subscription, dict) and subscription.get("error") in _BROWSER_ERRORS:
            self._failed(_BROWSER_ERRORS[subscription["error"]])
            return
        with session_scope() as db:
            user = self._user(db)
            if user is None:
                return
            try:
                push.subscribe(db, user, subscription, self._ip())
            except ServiceError:
                self._failed("settings.push_failed")
                return
            self.device_on = True
            self._done("settings.push_enabled")
            self._reload(db, user)

    def remove_subscription(self, endpoint: str):
        """Forget this browser's subscription (the script has already unsubscribed it)."""
        with session_scope() as db:
            user = self._user(db)
            if user is None:
                return
            push.unsubscribe(db, user, endpoint, self._ip())
            self.device_on = False
            self._done("settings.push_disabled")
            self._reload(db, user)

    def disable_all(self):
        """Turn notifications off on every device of the user."""
        with session_scope() as db:
            user = self._user(db)
            if user is None:
                return
            count = push.unsubscribe_all(db, user, self._ip())
            self.device_on = False
            self._done("settings.push_disabled_all", count=count)
            self._reload(db, user)

    def send_test(self):
        """A test notification to the user's own devices."""
        with session_scope() as db:
            user = self._user(db)
            if user is None:
                return
            try:
                result = notifications.send_test(db, user, self._ip())
            except ServiceError as problem:
                self._failed(problem.code)
                return
            self._done("settings.test_sent", sent=result["sent"], failed=result["failed"])
            self._reload(db, user)

    def set_email(self, enabled: bool):
        """Turn the e-mail notifications on or off."""
        if not isinstance(enabled, bool):
            return
        with session_scope() as db:
            user = self._user(db)
            if user is None:
                return
            notifications.set_email_notifications(db, user, enabled, self._ip())
            self._done("settings.email_on" if enabled else "settings.email_off")
            self._reload(db, user)

    def create_feed(self):
        """A new calendar feed URL, shown once in the page's copy field; the old one stops."""
        with session_scope() as db:
            user = self._user(db)
            if user is None:
                return
            token = calendar_feed.create_feed(db, user, self._ip())
            self._done("settings.feed_created")
            self._reload(db, user)
        self.feed_shown = True
        path = json.dumps(calendar_feed.feed_path(token))
        return rx.call_script(
            "(() => { const input = document.getElementById('feed-url');"
            f" input.value = location.origin + {path};"
            " input.focus(); input.select(); })()"
        )

    def revoke_feed(self):
        """Turn the calendar feed off at once."""
        with session_scope() as db:
            user = self._user(db)
            if user is None:
                return
            calendar_feed.revoke_feed(db, user, self._ip())
            self.feed_shown = False
            self._done("settings.feed_revoked")
            self._reload(db, user)
        return rx.call_script("document.getElementById('feed-url').value = ''")

    def feed_copied(self, ok: bool):
        """The copy button's outcome (from the browser's clipboard)."""
        if ok is True:
            self._done("settings.feed_copied")
