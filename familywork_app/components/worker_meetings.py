"""The meetings section of a family's page for staff: propose, move, cancel, record the visit."""

import reflex as rx

from familywork_app.components.interpreter import booked_question, meeting_interpreter
from familywork_app.components.shell import T
from familywork_app.components.ui import status_badge
from familywork_app.domain import MeetingPlace, MeetingStatus, Method
from familywork_app.state.meeting_presenters import MeetingView
from familywork_app.state.worker_family_actions import WorkerFamilyActions as S

DURATIONS = (30, 45, 60, 90, 120, 180)


def _error(key) -> rx.Component:
    error = S.errors[key]
    return rx.el.p(rx.cond(error != "", T[error], ""), class_name="field-error", role="alert")


def _field(label_key: str, field_id, control: rx.Component) -> rx.Component:
    return rx.el.div(rx.el.label(T[label_key], html_for=field_id), control, class_name="field")


def _when_fields(prefix) -> list[rx.Component]:
    return [
        _field(
            "worker.date",
            prefix + "-date",
            rx.el.input(type="date", id=prefix + "-date", name="date", class_name="input"),
        ),
        _field(
            "worker.time",
            prefix + "-time",
            rx.el.input(
                type="time", id=prefix + "-time", name="time", class_name="input", step=300
            ),
        ),
        _field(
            "worker.duration",
            prefix + "-duration",
            rx.el.select(
                *[rx.el.option(f"{d} min", value=str(d)) for d in DURATIONS],
                id=prefix + "-duration",
                name="duration",
                class_name="input",
                default_value="60",
            ),
        ),
    ]


def propose_form() -> rx.Component:
    return rx.el.form(
        rx.el.h3(T["worker.propose"]),
        rx.el.div(*_when_fields("propose"), class_name="form-grid"),
        _field(
            "worker.place",
            "propose-place",
            rx.el.select(
                *[rx.el.option(T[f"place.{p.value}"], value=p.value) for p in MeetingPlace],
                id="propose-place",
                name="place",
                class_name="input",
                default_value=MeetingPlace.HOME.value,
            ),
        ),
        _field(
            "worker.place_detail",
            "propose-detail",
            rx.el.input(
                id="propose-detail", name="place_detail", class_name="input", max_length=200
            ),
        ),
        _field(
            "worker.topic",
            "propose-topic",
            rx.el.input(id="propose-topic", name="topic", class_name="input", max_length=200),
        ),
        rx.cond(
            S.overlap_warning != "",
            rx.el.div(
                rx.el.p(S.overlap_warning, class_name="attention", role="alert"),
                rx.el.div(
                    rx.el.input(
                        type="checkbox",
                        id="confirm_overlap",
                        name="confirm_overlap",
                        class_name="check",
                    ),
                    rx.el.label(T["worker.propose_anyway"], html_for="confirm_overlap"),
                    class_name="check-row",
                ),
            ),
            rx.fragment(),
        ),
        booked_question(),  # issue 17: when the family needs an interpreter
        _error("propose"),
        rx.el.button(T["worker.send_proposal"], type="submit", class_name="btn btn-primary"),
        on_submit=S.propose,
        reset_on_submit=False,
        class_name="form card",
    )


def _hidden(m: MeetingView) -> rx.Component:
    return rx.el.input(type="hidden", name="meeting_id", value=m.id)


def _buttons(*buttons) -> rx.Component:
    return rx.el.div(
        *buttons,
        rx.el.button(
            T["meetings.close"],
            type="button",
            class_name="btn btn-secondary",
            on_click=S.close_form,
        ),
        class_name="actions",
    )


def _move_form(m: MeetingView) -> rx.Component:
    return rx.el.form(
        _hidden(m),
        rx.el.div(*_when_fields("move-" + m.id), class_name="form-grid"),
        _error("move-" + m.id),
        _buttons(
            rx.el.button(T["worker.send_proposal"], type="submit", class_name="btn btn-primary")
        ),
        on_submit=S.move,
        reset_on_submit=False,
        class_name="form",
    )


def _cancel_form(m: MeetingView) -> rx.Component:
    field_id = "cancel-" + m.id
    return rx.el.form(
        _hidden(m),
        _field(
            "meetings.cancel_reason",
            field_id,
            rx.el.textarea(id=field_id, name="reason", rows=2, class_name="input", max_length=1000),
        ),
        _error(field_id),
        _buttons(
            rx.el.button(T["meetings.confirm_cancel"], type="submit", class_name="btn btn-danger")
        ),
        on_submit=S.cancel,
        reset_on_submit=False,
        class_name="form",
    )


def _record_form(m: MeetingView) -> rx.Component:
    key = "record-" + m.id
    return rx.el.form(
        _hidden(m),
        _field(
            "worker.summary",
            key + "-summary",
            rx.el.textarea(
                id=key + "-summary",
                name="summary",
                rows=4,
                class_name="input",
                max_length=4000,
                default_value=m.summary,
            ),
        ),
        _field(
            "worker.internal_note",
            key + "-internal",
            rx.el.textarea(
                id=key + "-internal",
                name="internal_note",
                rows=3,
                class_name="input",
                max_length=4000,
                default_value=m.internal_note,
            ),
        ),
        rx.el.fieldset(
            rx.el.legend(T["worker.methods"], class_name="legend"),
            *[
                rx.el.div(
                    rx.el.input(
                        type="checkbox", id=key + f"-{x}", name=f"method_{x}", class_name="check"
                    ),
                    rx.el.label(T[f"method.{x}"], html_for=key + f"-{x}"),
                    class_name="check-row",
                )
                for x in (method.value for method in Method)
            ],
            class_name="fieldset",
        ),
        _error(key),
        _buttons(
            rx.el.button(T["worker.save_record"], type="submit", class_name="btn btn-primary")
        ),
        on_submit=S.record,
        reset_on_submit=False,
        class_name="form",
    )


def _open_button(label_key: str, which, style: str = "btn btn-secondary") -> rx.Component:
    return rx.el.button(T[label_key], type="button", class_name=style, on_click=S.show_form(which))


def meeting_card(m: MeetingView) -> rx.Component:
    is_open = (
        (m.status == MeetingStatus.PROPOSED.value)
        | (m.status == MeetingStatus.AGREED.value)
        | (m.status == MeetingStatus.CHANGE_REQUESTED.value)
    )
    return rx.el.li(
        rx.el.p(status_badge(m.status_label, m.status)),
        rx.el.h4(m.when),
        rx.el.p(m.place, " · ", m.topic),
        meeting_interpreter(m.id),  # issue 17
        rx.cond(
            m.change_note != "",
            rx.el.p(T["worker.family_note"], ": ", m.change_note, class_name="attention"),
            rx.fragment(),
        ),
        rx.cond(
            m.cancel_reason != "",
            rx.el.p(T["worker.cancel_reason"], ": ", m.cancel_reason, class_name="muted"),
            rx.fragment(),
        ),
        rx.cond(
            m.summary != "",
            rx.el.div(
                rx.el.p(rx.el.strong(T["meetings.summary"]), ": ", m.summary),
                rx.el.p(rx.el.strong(T["worker.internal_note"]), ": ", m.internal_note),
                rx.el.p(rx.el.strong(T["worker.methods"]), ": ", m.methods),
            ),
            rx.fragment(),
        ),
        rx.match(
            S.open_form,
            ("move-" + m.id, _move_form(m)),
            ("cancel-" + m.id, _cancel_form(m)),
            ("record-" + m.id, _record_form(m)),
            rx.el.div(
                rx.cond(is_open, _open_button("worker.move", "move-" + m.id), rx.fragment()),
                rx.cond(
                    is_open,
                    _open_button("meetings.cancel", "cancel-" + m.id, "btn btn-danger"),
                    rx.fragment(),
                ),
                rx.cond(
                    ((m.status == MeetingStatus.AGREED.value) & m.started)
                    | (m.status == MeetingStatus.HELD.value),
                    _open_button("worker.record", "record-" + m.id),
                    rx.fragment(),
                ),
                class_name="actions",
            ),
        ),
        class_name="card",
    )
