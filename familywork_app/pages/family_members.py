"""Family members: who shares the family space, and inviting the other guardian."""

import reflex as rx

from familywork_app import routes
from familywork_app.components.forms import text_field
from familywork_app.components.shell import (
    GUARDIAN_NAV,
    T,
    fill,
    guardian_page,
    loading_or,
    public_page,
)
from familywork_app.state.family_members import FamilyMembersState as S
from familywork_app.state.family_members import InviteState as I


def family_members_page() -> rx.Component:
    return guardian_page(
        rx.el.h1(T["members.title"]),
        loading_or(
            S.loaded,
            rx.fragment(
                rx.el.section(
                    rx.el.h2(T["members.guardians"], id="guardians"),
                    rx.el.ul(rx.foreach(S.guardians, lambda name: rx.el.li(name))),
                    rx.cond(
                        S.pending.length() > 0,
                        rx.fragment(
                            rx.el.h3(T["members.pending"]),
                            rx.el.ul(rx.foreach(S.pending, lambda email: rx.el.li(email))),
                        ),
                        rx.fragment(),
                    ),
                    aria_labelledby="guardians",
                    class_name="card",
                ),
                rx.el.section(
                    rx.el.h2(T["members.invite"], id="invite"),
                    rx.el.p(T["members.invite_lead"]),
                    rx.el.form(
                        text_field(
                            "email",
                            T["signin.email"],
                            S.email_error,
                            input_type="email",
                            autocomplete="off",
                        ),
                        rx.cond(
                            S.sent_to != "",
                            rx.el.p(
                                fill("members.sent", email=S.sent_to),
                                role="status",
                                class_name="ok",
                            ),
                            rx.fragment(),
                        ),
                        rx.el.button(
                            T["members.send"], type="submit", class_name="btn btn-primary"
                        ),
                        on_submit=S.invite,
                        reset_on_submit=False,
                        class_name="form",
                        no_validate=True,
                    ),
                    aria_labelledby="invite",
                    class_name="card",
                ),
            ),
        ),
        nav=GUARDIAN_NAV,
    )


def invite_page() -> rx.Component:
    return public_page(
        rx.el.h1(T["invite.title"]),
        rx.cond(
            I.valid,
            rx.el.section(
                rx.el.p(fill("invite.lead", family=I.family_name, email=I.email)),
                rx.el.form(
                    text_field("name", T["apply.name"], I.errors["name"], autocomplete="name"),
                    text_field(
                        "password",
                        T["apply.password"],
                        I.errors["password"],
                        input_type="password",
                        autocomplete="new-password",
                        hint=T["apply.password_hint"],
                    ),
                    rx.el.p(
                        rx.cond(I.errors["form"] != "", T[I.errors["form"]], ""),
                        class_name="field-error",
                        role="alert",
                    ),
                    rx.el.button(T["invite.accept"], type="submit", class_name="btn btn-primary"),
                    on_submit=I.accept,
                    reset_on_submit=False,
                    class_name="form",
                    no_validate=True,
                ),
                class_name="card narrow",
            ),
            rx.el.p(
                T["error.invitation_invalid"],
                " ",
                rx.el.a(T["common.signin"], href=routes.SIGN_IN),
                class_name="card",
            ),
        ),
    )
