"""Fields of the application form, shared by the public e-form and staff registering a paper
or phone application. `S` is a state class with `errors`, `children`, `description_length`,
`add_child`, `remove_child` and `count_description`."""

import reflex as rx

from familywork_app.components.forms import field_error, text_field
from familywork_app.components.shell import T, fill
from familywork_app.domain import Municipality, SupportArea, values
from familywork_app.state.apply import DESCRIPTION_MAX


def municipality_field(S) -> rx.Component:
    E = S.errors
    return rx.el.div(
        rx.el.label(T["apply.municipality"], html_for="municipality"),
        rx.el.select(
            rx.el.option(T["apply.choose"], value=""),
            *[rx.el.option(m, value=m) for m in values(Municipality)],
            id="municipality",
            name="municipality",
            class_name="input",
            default_value="",
            aria_invalid=rx.cond(E["municipality"] != "", "true", "false"),
            aria_describedby="municipality-error",
        ),
        field_error("municipality", E["municipality"]),
        class_name="field",
    )


def _child_row(S, index: rx.Var) -> rx.Component:
    E = S.errors
    number = (index.to(int) + 1).to_string()
    name_id = "child_" + index.to_string() + "_name"
    year_id = "child_" + index.to_string() + "_year"
    return rx.el.div(
        rx.el.div(
            rx.el.label(fill("apply.child_name", n=number), html_for=name_id),
            rx.el.input(
                id=name_id,
                name=name_id,
                class_name="input",
                auto_complete="off",
                max_length=60,
                aria_describedby=name_id + "-error",
                aria_invalid=rx.cond(E[name_id] != "", "true", "false"),
            ),
            rx.el.p(
                rx.cond(E[name_id] != "", T[E[name_id]], ""),
                id=name_id + "-error",
                class_name="field-error",
            ),
            class_name="field",
        ),
        rx.el.div(
            rx.el.label(fill("apply.child_year", n=number), html_for=year_id),
            rx.el.input(
                id=year_id,
                name=year_id,
                class_name="input",
                input_mode="numeric",
                max_length=4,
                auto_complete="off",
                aria_describedby=year_id + "-error",
                aria_invalid=rx.cond(E[year_id] != "", "true", "false"),
            ),
            rx.el.p(
                rx.cond(E[year_id] != "", T[E[year_id]], ""),
                id=year_id + "-error",
                class_name="field-error",
            ),
            class_name="field",
        ),
        class_name="child-row",
    )


def children_fields(S) -> rx.Component:
    E = S.errors
    return rx.el.fieldset(
        rx.el.legend(T["apply.children"], class_name="legend"),
        rx.foreach(S.children, lambda i: _child_row(S, i)),
        field_error("children", E["children"]),
        rx.el.div(
            rx.el.button(
                T["apply.add_child"],
                type="button",
                class_name="btn btn-secondary",
                on_click=S.add_child,
            ),
            rx.cond(
                S.children.length() > 1,
                rx.el.button(
                    T["apply.remove_child"],
                    type="button",
                    class_name="btn btn-secondary",
                    on_click=S.remove_child,
                ),
                rx.fragment(),
            ),
            class_name="actions",
        ),
        class_name="fieldset",
    )


def checkbox(name: str, label: rx.Var, described_by: str = "") -> rx.Component:
    return rx.el.div(
        rx.el.input(
            type="checkbox",
            id=name,
            name=name,
            class_name="check",
            aria_describedby=described_by or None,
        ),
        rx.el.label(label, html_for=name),
        class_name="check-row",
    )


def areas_field(S) -> rx.Component:
    E = S.errors
    return rx.el.fieldset(
        rx.el.legend(T["apply.areas"], class_name="legend"),
        *[
            checkbox(f"area_{a}", T[f"area.{a}"], "support_areas-error")
            for a in values(SupportArea)
        ],
        field_error("support_areas", E["support_areas"]),
        class_name="fieldset",
    )


def description_field(S) -> rx.Component:
    E = S.errors
    return rx.el.div(
        rx.el.label(T["apply.description"], html_for="description"),
        rx.el.p(T["apply.description_hint"], id="description-hint", class_name="hint"),
        rx.el.textarea(
            id="description",
            name="description",
            rows=5,
            class_name="input",
            max_length=DESCRIPTION_MAX,
            on_change=S.count_description.debounce(300),
            aria_describedby="description-hint description-count description-error",
        ),
        rx.el.p(
            S.description_length.to_string() + f" / {DESCRIPTION_MAX}",
            id="description-count",
            class_name="hint counter",
        ),
        field_error("description", E["description"]),
        class_name="field",
    )


def contact_fields(S) -> list[rx.Component]:
    """Name, e-mail, phone, municipality and address."""
    E = S.errors
    return [
        text_field("name", T["apply.name"], E["name"], autocomplete="name"),
        text_field(
            "email", T["signin.email"], E["email"], input_type="email", autocomplete="email"
        ),
        text_field("phone", T["apply.phone"], E["phone"], input_type="tel", autocomplete="tel"),
        municipality_field(S),
        text_field(
            "address",
            T["apply.address"],
            E["address"],
            autocomplete="street-address",
            hint=T["apply.address_hint"],
        ),
    ]
