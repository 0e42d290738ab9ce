"""The supervisor's staff page (invite, deactivate) and the public set-password page."""

import reflex as rx

from familywork_app.components.confirm import confirm_step
from familywork_app.components.forms import text_field
from familywork_app.components.handover import cover_form, cover_opener
from familywork_app.components.shell import T, fill, loading_or, public_page, staff_page
from familywork_app.domain import Role
from familywork_app.state.staff_admin import SetPasswordState, StaffState


def _staff_row(s) -> rx.Component:
    """`s`: a `StaffView`."""
    return rx.el.tr(
        # The address under the name: four columns fit a phone without breaking words.
        rx.el.td(s.name, rx.el.br(), rx.el.span(s.email, class_name="muted")),
        rx.el.td(T["role." + s.role]),
        rx.el.td(s.families),
        rx.el.td(
            rx.cond(
                s.active,
                rx.cond(
                    s.role == Role.WORKER.value,
                    confirm_step(
                        "deactivate-" + s.id,
                        opener=T["staff.deactivate"],
                        opener_name=fill("staff.deactivate_named", name=s.name),
                        title=fill("confirm.deactivate_title", name=s.name),
                        consequence=fill("confirm.deactivate_text", name=s.name),
                        confirm=T["confirm.deactivate"],
                        on_confirm=StaffState.deactivate(s.id),
                    ),
                    T["staff.active"],
                ),
                T["staff.inactive"],
            ),
            cover_opener(s),
        ),
    )


def staff_admin_page() -> rx.Component:
    S = StaffState
    return staff_page(
        rx.el.h1(T["staff.title"]),
        loading_or(
            S.loaded,
            rx.fragment(
                rx.el.table(
                    rx.el.thead(
                        rx.el.tr(
                            *[
                                rx.el.th(T[k], scope="col")
                                for k in (
                                    "staff.name_email",
                                    "staff.role",
                                    "overview.families",
                                    "staff.status",
                                )
                            ]
                        )
                    ),
                    rx.el.tbody(rx.foreach(S.staff, _staff_row)),
                    class_name="table card staff-table",
                ),
                rx.el.p(
                    rx.cond(S.errors["list"] != "", T[S.errors["list"]], ""),
                    class_name="field-error",
                    role="alert",
                ),
                cover_form(),
                rx.el.section(
                    rx.el.h2(T["staff.invite"], id="invite-worker"),
                    rx.el.form(
                        text_field("staff-name", T["staff.invite_name"], S.errors["name"]),
                        text_field(
                            "staff-email", T["signin.email"], S.errors["email"], input_type="email"
                        ),
                        rx.cond(
                            S.invited != "",
                            rx.el.p(
                                fill("members.sent", email=S.invited),
                                role="status",
                                class_name="ok",
                            ),
                            rx.fragment(),
                        ),
                        rx.el.button(
                            T["staff.send_invite"], type="submit", class_name="btn btn-primary"
                        ),
                        on_submit=S.invite,
                        reset_on_submit=False,
                        class_name="form",
                        no_validate=True,
                    ),
                    aria_labelledby="invite-worker",
                    class_name="card",
                ),
            ),
        ),
    )


def set_password_page() -> rx.Component:
    S = SetPasswordState
    return public_page(
        rx.el.h1(T["setpw.title"]),
        rx.cond(
            S.valid,
            rx.el.form(
                text_field(
                    "password",
                    T["signin.password"],
                    S.error,
                    input_type="password",
                    autocomplete="new-password",
                    hint=T["apply.password_hint"],
                ),
                rx.el.button(T["setpw.submit"], type="submit", class_name="btn btn-primary"),
                on_submit=S.submit,
                reset_on_submit=False,
                class_name="form card narrow",
                no_validate=True,
            ),
            rx.el.p(T["error.invitation_invalid"], class_name="card"),
        ),
    )
