"""State of the settings page: web push on this device, e-mail notifications, the calendar feed.

The browser does the push subscription itself (`fwPushSubscribe` in assets/account.js runs on a
click, so the permission prompt follows the user's gesture) and hands the subscription JSON to
`save_subscription`, which the push service checks strictly. The calendar feed's URL is put
straight into the page's input by `fwShowFeedUrl` and never kept in this state.
"""

import json
import logging

import reflex as rx

from familywork_app.domain import Role
from familywork_app.i18n import fmt_datetime, t
from familywork_app.services import ServiceError, calendar_feed, notifications, push, vapid
from familywork_app.state.app_state import AppState
from familywork_app.state.handler import Acting, data_handler

log = logging.getLogger("familywork.notify")

EVERYONE = tuple(Role)  # every signed-in person has a settings page
_BROWSER_ERRORS = {"unsupported": "settings.push_unsupported", "denied": "settings.push_denied"}
# A refusal's message: a subscription the push service refused is said in the page's words.
_MESSAGES = {"error.push_invalid": "settings.push_failed"}


class SettingsState(AppState):
    loaded: rx.Field[bool] = rx.field(False)
    # the server's public key (not a secret): the browser subscribes to it
    vapid_key: rx.Field[str] = rx.field("")
    device_on: rx.Field[bool] = rx.field(False)
    devices: rx.Field[int] = rx.field(0)
    email_enabled: rx.Field[bool] = rx.field(False)
    feed_active: rx.Field[bool] = rx.field(False)
    feed_created: rx.Field[str] = rx.field("")
    # the input that a script just filled with a new feed URL
    feed_shown: rx.Field[bool] = rx.field(False)
    notice: rx.Field[str] = rx.field("")  # what just happened, as text
    error: rx.Field[str] = rx.field("")  # what went wrong, as text

    def _reload(self, acting: Acting) -> None:
        self.devices = push.device_count(acting.db, acting.user)
        self.email_enabled = notifications.email_enabled(acting.db, acting.user)
        feed = calendar_feed.feed_status(acting.db, acting.user)
        self.feed_active = feed.active
        self.feed_created = fmt_datetime(feed.created_at, self.lang)
        self.loaded = True

    def _done(self, key: str, **values: object) -> None:
        self.notice, self.error = t(self.lang, key, **values), ""

    def _failed(self, key: str) -> None:
        self.notice, self.error = "", t(self.lang, key)

    def _refused(self, problem: ServiceError) -> None:
        self._failed(_MESSAGES.get(problem.code, problem.code))

    @rx.event
    @data_handler(*EVERYONE, page=True, badge=True)
    def load(self, acting: Acting):
        self.loaded, self.feed_shown, self.notice, self.error = False, False, "", ""
        try:
            self.vapid_key = vapid.vapid_keys().public_key
        except Exception as error:  # noqa: BLE001 - a broken key setting: push stays off
            log.warning("VAPID keys unavailable: %s", type(error).__name__)
            self.vapid_key = ""
        self._reload(acting)
        return rx.call_script("fwPushDevice()", callback=SettingsState.set_device_status)

    @rx.event
    @data_handler(*EVERYONE)
    def set_device_status(self, acting: Acting, endpoint: str):
        """Whether this browser's own subscription (its endpoint, from the script) is ours."""
        self.device_on = push.is_subscribed(acting.db, acting.user, endpoint)

    @rx.event
    @data_handler(*EVERYONE)
    def save_subscription(self, acting: Acting, subscription: dict):
        """Keep the subscription the browser just made (or say why there is none)."""
        if isinstance(subscription, dict) and subscription.get("error") in _BROWSER_ERRORS:
            self._failed(_BROWSER_ERRORS[subscription["error"]])
            return
        push.subscribe(acting.db, acting.user, subscription, acting.ip)
        self.device_on = True
        self._done("settings.push_enabled")
        self._reload(acting)

    @rx.event
    @data_handler(*EVERYONE)
    def remove_subscription(self, acting: Acting, endpoint: str):
        """Forget this browser's subscription (the script has already unsubscribed it)."""
        push.unsubscribe(acting.db, acting.user, endpoint, acting.ip)
        self.device_on = False
        self._done("settings.push_disabled")
        self._reload(acting)

    @rx.event
    @data_handler(*EVERYONE)
    def disable_all(self, acting: Acting):
        """Turn notifications off on every device of the user."""
        count = push.unsubscribe_all(acting.db, acting.user, acting.ip)
        self.device_on = False
        self._done("settings.push_disabled_all", count=count)
        self._reload(acting)

    @rx.event
    @data_handler(*EVERYONE)
    def send_test(self, acting: Acting):
        """A test notification to the user's own devices."""
        result = notifications.send_test(acting.db, acting.user, acting.ip)
        self._done("settings.test_sent", sent=result.sent, failed=result.failed)
        self._reload(acting)

    @rx.event
    @data_handler(*EVERYONE)
    def set_email(self, acting: Acting, enabled: bool):
        """Turn the e-mail notifications on or off."""
        if not isinstance(enabled, bool):
            return
        notifications.set_email_notifications(acting.db, acting.user, enabled, acting.ip)
        self._done("settings.email_on" if enabled else "settings.email_off")
        self._reload(acting)

    @rx.event
    @data_handler(*EVERYONE)
    def create_feed(self, acting: Acting):
        """A new calendar feed URL, shown once in the page's copy field; the old one stops."""
        token = calendar_feed.create_feed(acting.db, acting.user, acting.ip)
        self._done("settings.feed_created")
        self._reload(acting)
        self.feed_shown = True
        path = json.dumps(calendar_feed.feed_path(token))
        return rx.call_script(f"fwShowFeedUrl({path})")  # assets/account.js

    @rx.event
    @data_handler(*EVERYONE)
    def revoke_feed(self, acting: Acting):
        """Turn the calendar feed off at once."""
        calendar_feed.revoke_feed(acting.db, acting.user, acting.ip)
        self.feed_shown = False
        self._done("settings.feed_revoked")
        self._reload(acting)
        return rx.call_script("fwClearFeedUrl()")

    @rx.event
    def feed_copied(self, ok: bool):
        """The copy button's outcome (from the browser's clipboard)."""
        if ok is True:
            self._done("settings.feed_copied")
