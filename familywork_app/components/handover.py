"""Transfer and absence cover on the pages (issue 16).

- `transfer_form` and `handover_history`: the family record (staff; the form for supervisors).
- `cover_opener` (a staff row's button) and `cover_form`: the staff page's absence cover.
- `work_phone_form`: staff save that phone on their account page.
"""

import reflex as rx

from familywork_app.components.confirm import confirm_step
from familywork_app.components.forms import field_error, text_field
from familywork_app.components.shell import T, fill
from familywork_app.domain import FamilyStatus, Role
from familywork_app.services.handover import NOTE_MAX
from familywork_app.state.app_state import AppState
from familywork_app.state.handover import CoverState, HandoverState, HandoverView, WorkPhoneState


def _field(label: rx.Var, control: rx.Component, fid: str, error: rx.Var) -> rx.Component:
    return rx.el.div(
        rx.el.label(label, html_for=fid), control, field_error(fid, error), class_name="field"
    )


def _invalid(error: rx.Var) -> rx.Var:
    return rx.cond(error != "", "true", "false")


def _workers_select(fid: str, choices: rx.Var, error: rx.Var) -> rx.Component:
    return rx.el.select(
        rx.el.option(T["apply.choose"], value=""),
        rx.foreach(choices, lambda w: rx.el.option(w.name, value=w.id)),
        id=fid,
        name="worker_id",
        class_name="input",
        default_value="",
        aria_invalid=_invalid(error),
        aria_describedby=f"{fid}-error",
    )


def _note(fid: str, label: rx.Var, error: rx.Var, hint: rx.Var | None = None) -> rx.Component:
    described = f"{fid}-error" + (f" {fid}-hint" if hint is not None else "")
    return rx.el.div(
        rx.el.label(label, html_for=fid),
        rx.el.p(hint, id=f"{fid}-hint", class_name="hint") if hint is not None else rx.fragment(),
        rx.el.textarea(
            id=fid,
            name="note",
            rows=3,
            max_length=NOTE_MAX,
            class_name="input",
            aria_invalid=_invalid(error),
            aria_describedby=described,
        ),
        field_error(fid, error),
        class_name="field",
    )


def transfer_form() -> rx.Component:
    """The supervisor gives an active family to another worker, with a handover note."""
    S = HandoverState
    worker_error, note_error = S.errors["reassign"], S.errors["reassign-note"]
    return rx.cond(
        (S.user_role == Role.SUPERVISOR.value) & (S.family.status == FamilyStatus.ACTIVE.value),
        rx.el.form(
            _field(
                T["worker.reassign"],
                _workers_select("reassign-worker", S.workers, worker_error),
                "reassign-worker",
                worker_error,
            ),
            _note("reassign-note", T["handover.note"], note_error, T["handover.note_hint"]),
            rx.el.button(
                T["worker.reassign_button"], type="submit", class_name="btn btn-secondary"
            ),
            on_submit=S.transfer,
            reset_on_submit=False,
            class_name="form",
        ),
        rx.fragment(),
    )


def _handover_item(h: HandoverView) -> rx.Component:
    return rx.el.li(
        rx.el.p(rx.el.strong(h.moved), " · ", h.when),
        rx.el.p(h.by, rx.cond(h.cover != "", rx.fragment(" · ", h.cover), ""), class_name="muted"),
        rx.cond(h.note != "", rx.el.p(h.note, class_name="pre"), rx.fragment()),
        class_name="goal-item",
    )


def handover_history() -> rx.Component:
    """Every handover of the family, newest first (staff only: the record is staff's)."""
    S = HandoverState
    return rx.el.div(
        rx.el.h3(T["handover.history"], id="handover-history"),
        rx.cond(
            S.handovers.length() > 0,
            rx.el.ul(
                rx.foreach(S.handovers, _handover_item),
                class_name="plain-list",
                aria_labelledby="handover-history",
            ),
            rx.el.p(T["handover.history_empty"], class_name="muted"),
        ),
    )


def cover_opener(s) -> rx.Component:
    """`s`: a StaffView; an active worker's "Absence cover" button."""
    return rx.cond(
        s.active & (s.role == Role.WORKER.value),
        rx.el.button(
            T["cover.open"],
            type="button",
            class_name="btn btn-secondary btn-small",
            aria_label=fill("cover.open_named", name=s.name),
            on_click=CoverState.open_cover(s.id),
        ),
        rx.fragment(),
    )


def cover_form() -> rx.Component:
    """The absence cover of the worker chosen in the list: covering worker, last day, note."""
    S = CoverState
    errors = S.cover_errors
    return rx.cond(
        S.cover_for != "",
        rx.el.section(
            rx.el.h2(fill("cover.title", name=S.cover_name), id="cover-title", tab_index=-1),
            rx.el.p(T["cover.lead"], class_name="muted"),
            rx.el.form(
                field_error("cover-absent", errors["absent"]),
                _field(
                    T["cover.worker"],
                    _workers_select("cover-worker", S.cover_choices, errors["worker"]),
                    "cover-worker",
                    errors["worker"],
                ),
                _field(
                    T["cover.until"],
                    rx.el.input(
                        type="date",
                        id="cover-until",
                        name="until",
                        class_name="input",
                        aria_invalid=_invalid(errors["until"]),
                        aria_describedby="cover-until-error",
                    ),
                    "cover-until",
                    errors["until"],
                ),
                _note("cover-note", T["cover.note"], errors["note"]),
                rx.el.div(
                    confirm_step(
                        "cover-confirm",
                        opener=T["cover.save"],
                        title=fill("confirm.cover_title", name=S.cover_name),
                        consequence=fill("confirm.cover_text", name=S.cover_name),
                        confirm=T["confirm.cover"],
                        submit=True,
                        opener_class="btn btn-primary",
                    ),
                    rx.el.button(
                        T["cover.cancel"],
                        type="button",
                        class_name="btn btn-secondary",
                        on_click=S.close_cover,
                    ),
                    class_name="actions",
                ),
                on_submit=S.cover,
                reset_on_submit=False,
                class_name="form",
                no_validate=True,
            ),
            aria_labelledby="cover-title",
            class_name="card",
        ),
        rx.fragment(),
    )


def work_phone_form() -> rx.Component:
    """Staff only: the work phone the family is given."""
    S = WorkPhoneState
    return rx.cond(
        (AppState.user_role == Role.WORKER.value) | (AppState.user_role == Role.SUPERVISOR.value),
        rx.el.section(
            rx.el.h2(T["phone.title"], id="phone-title"),
            rx.el.p(T["phone.lead"], class_name="muted"),
            rx.el.form(
                text_field(
                    "work-phone",
                    T["phone.label"],
                    S.phone_error,
                    input_type="tel",
                    autocomplete="tel",
                    default_value=S.phone,
                    max_length=40,
                ),
                rx.el.button(T["phone.save"], type="submit", class_name="btn btn-primary"),
                on_submit=S.save_phone,
                reset_on_submit=False,
                class_name="form",
                no_validate=True,
            ),
            aria_labelledby="phone-title",
            class_name="card",
        ),
        rx.fragment(),
    )
