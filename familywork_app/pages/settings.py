"""The settings page: notifications on this device (web push), e-mail notifications and the
private calendar link. Every signed-in user has it, guardians in their shell, staff in theirs;
linked at the foot of every signed-in page. The buttons call the browser's side by name
(`fwPushSubscribe`, `fwPushUnsubscribe`, `fwCopyFeedUrl` in assets/account.js)."""

import reflex as rx
from reflex_components_core.el.elements.forms import CheckboxInput  # on_change: bool

from familywork_app.components.reminder_settings import reminder_settings_card
from familywork_app.components.shell import (
    GUARDIAN_NAV,
    T,
    fill,
    guardian_page,
    loading_or,
    public_page,
    staff_page,
)
from familywork_app.domain import Role
from familywork_app.state.app_state import AppState
from familywork_app.state.settings import SettingsState as S


def _button(label: rx.Var, on_click, *, kind: str = "btn-secondary", **props) -> rx.Component:
    return rx.el.button(label, type="button", class_name=f"btn {kind}", on_click=on_click, **props)


def _push() -> rx.Component:
    return rx.el.section(
        rx.el.h2(T["settings.push"], id="push-title"),
        rx.el.p(T["settings.push_lead"], class_name="muted"),
        rx.el.p(
            rx.cond(S.device_on, T["settings.push_on_device"], T["settings.push_off_device"]),
            class_name=rx.cond(S.device_on, "ok", ""),
        ),
        rx.el.p(fill("settings.devices", count=S.devices), class_name="muted"),
        rx.el.div(
            rx.cond(
                S.device_on,
                _button(
                    T["settings.push_disable"],
                    rx.call_script("fwPushUnsubscribe()", callback=S.remove_subscription),
                ),
                _button(
                    T["settings.push_enable"],
                    rx.call_script("fwPushSubscribe()", callback=S.save_subscription),
                    kind="btn-primary",
                    id="push-enable",
                    data_key=S.vapid_key,
                    disabled=S.vapid_key == "",
                ),
            ),
            rx.cond(
                S.devices > 0,
                rx.fragment(
                    _button(T["settings.push_test"], S.send_test),
                    _button(T["settings.push_disable_all"], S.disable_all, kind="btn-danger"),
                ),
                rx.fragment(),
            ),
            class_name="actions",
        ),
        aria_labelledby="push-title",
        class_name="card",
    )


def _email() -> rx.Component:
    return rx.el.section(
        rx.el.h2(T["settings.email"], id="email-title"),
        rx.el.p(T["settings.email_lead"], id="email-lead", class_name="muted"),
        rx.el.div(
            CheckboxInput.create(
                type="checkbox",
                id="email-notify",
                class_name="check",
                checked=S.email_enabled,
                on_change=S.set_email,
                aria_describedby="email-lead",
            ),
            rx.el.label(T["settings.email_check"], html_for="email-notify"),
            class_name="check-row",
        ),
        aria_labelledby="email-title",
        class_name="card",
    )


def _feed() -> rx.Component:
    return rx.el.section(
        rx.el.h2(T["settings.feed"], id="feed-title"),
        rx.el.p(T["settings.feed_lead"], class_name="muted"),
        rx.el.p(
            rx.cond(
                S.feed_active,
                fill("settings.feed_active", time=S.feed_created),
                T["settings.feed_none"],
            )
        ),
        # Always in the page (hidden until used) so the script can fill it: the URL is never
        # held in the page's state.
        rx.el.div(
            rx.el.label(T["settings.feed_url"], html_for="feed-url"),
            rx.el.input(
                id="feed-url",
                type="text",
                read_only=True,
                class_name="input",
                auto_complete="off",
                spell_check=False,
            ),
            rx.el.div(
                _button(
                    T["settings.feed_copy"],
                    rx.call_script("fwCopyFeedUrl()", callback=S.feed_copied),
                ),
                class_name="actions",
            ),
            hidden=~S.feed_shown,
            class_name="field",
        ),
        rx.el.div(
            _button(
                rx.cond(S.feed_active, T["settings.feed_new"], T["settings.feed_create"]),
                S.create_feed,
                kind="btn-primary",
            ),
            rx.cond(
                S.feed_active,
                _button(T["settings.feed_revoke"], S.revoke_feed, kind="btn-danger"),
                rx.fragment(),
            ),
            class_name="actions",
        ),
        aria_labelledby="feed-title",
        class_name="card",
    )


def _content() -> rx.Component:
    return rx.fragment(
        rx.el.h1(T["settings.title"]),
        rx.el.p(S.notice, role="status", class_name="ok"),
        rx.el.p(S.error, role="alert", class_name="field-error"),
        loading_or(S.loaded, rx.fragment(_push(), reminder_settings_card(), _email(), _feed())),
    )


def settings_page() -> rx.Component:
    return rx.cond(
        AppState.user_role == Role.GUARDIAN,
        guardian_page(_content(), nav=GUARDIAN_NAV),
        rx.cond(
            AppState.user_role != "",
            staff_page(_content()),
            public_page(rx.el.p(T["common.loading"], class_name="muted", role="status")),
        ),
    )
