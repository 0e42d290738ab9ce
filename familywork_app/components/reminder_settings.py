"""The meeting-reminder card of /settings, for guardians: by which channels the evening-before
reminder comes, and whether a second one comes two hours before."""

import reflex as rx

from familywork_app.components.shell import T, fill
from familywork_app.state.reminder_settings import ReminderSettingsState as S


def _check(name: str, label: rx.Var, checked: rx.Var, **props) -> rx.Component:
    field_id = "reminder-" + name.replace("_", "-")
    return rx.el.div(
        rx.el.input(
            type="checkbox",
            id=field_id,
            name=name,
            class_name="check",
            default_checked=checked,
            **props,
        ),
        rx.el.label(label, html_for=field_id),
        class_name="check-row",
    )


def _sms() -> rx.Component:
    return rx.cond(
        S.sms_available,
        rx.cond(
            S.phone != "",
            _check("sms", fill("settings.reminder_sms", phone=S.phone), S.sms),
            rx.el.p(T["settings.reminder_sms_no_phone"], class_name="muted"),
        ),
        rx.fragment(),
    )


def reminder_settings_card() -> rx.Component:
    """The card (rendered once the choices are loaded, so the boxes start as saved)."""
    return rx.cond(
        S.loaded,
        rx.el.section(
            rx.el.h2(T["settings.reminders"], id="reminders-title"),
            rx.el.p(T["settings.reminders_lead"], class_name="muted"),
            rx.el.form(
                rx.el.fieldset(
                    rx.el.legend(T["settings.reminders"], class_name="sr-only"),
                    _check("push", T["settings.reminder_push"], S.push),
                    _check("email", T["settings.reminder_email"], S.email),
                    _sms(),
                    _check("two_hours", T["settings.reminder_two_hours"], S.two_hours),
                ),
                rx.el.p(
                    rx.cond(S.error != "", T[S.error], ""),
                    class_name="field-error",
                    aria_live="polite",
                ),
                rx.el.div(
                    rx.el.button(
                        T["settings.reminders_save"], type="submit", class_name="btn btn-primary"
                    ),
                    class_name="actions",
                ),
                on_submit=S.save,
                reset_on_submit=False,
            ),
            aria_labelledby="reminders-title",
            class_name="card",
        ),
        rx.fragment(),
    )
