"""The worker's caseload: their families as cards that fit a tablet, with search and filters."""

import reflex as rx
from reflex_components_core.el.elements.forms import CheckboxInput  # on_change: bool

from familywork_app import routes
from familywork_app.components.icons import icon
from familywork_app.components.shell import T, fill, loading_or, staff_page
from familywork_app.components.ui import empty_state, status_badge
from familywork_app.domain import FamilyStatus, Municipality, values
from familywork_app.state.caseload import CaseloadState as S


def _family_card(f) -> rx.Component:
    """`f`: a `CaseloadView`: the name and status first, then what is next, then the figures."""
    return rx.el.li(
        rx.el.div(
            rx.el.h2(rx.el.a(f.name, href=routes.FAMILY_RECORD_PREFIX + f.id), class_name="h3"),
            status_badge(f.status, f.status_key),
            class_name="card-head",
        ),
        rx.el.p(icon("map-pin"), " ", f.municipality, class_name="muted"),
        rx.el.p(icon("calendar"), " ", T["caseload.next_meeting"], ": ", f.next),
        rx.cond(
            (f.answers != "") | (f.unread != ""),
            rx.el.p(icon("triangle-alert"), " ", f.answers, " ", f.unread, class_name="attention"),
            rx.fragment(),
        ),
        rx.el.p(f.goals, " · ", f.weeks, class_name="muted card-foot"),
        class_name="card family-card",
    )


def _filters() -> rx.Component:
    def select(fid, label_key, options, handler):
        return rx.el.div(
            rx.el.label(T[label_key], html_for=fid),
            rx.el.select(
                rx.el.option(T["caseload.all"], value=""),
                *options,
                id=fid,
                class_name="input",
                on_change=handler,
            ),
            class_name="field",
        )

    return rx.el.div(
        rx.el.div(
            rx.el.label(T["caseload.search"], html_for="search"),
            rx.el.input(
                id="search", type="search", class_name="input", on_change=S.search.debounce(200)
            ),
            class_name="field",
        ),
        select(
            "filter-municipality",
            "apply.municipality",
            [rx.el.option(m, value=m) for m in values(Municipality)],
            S.filter_municipality,
        ),
        select(
            "filter-status",
            "caseload.status",
            [
                rx.el.option(T[f"status.family.{s}"], value=s)
                for s in values(FamilyStatus)
                if s != FamilyStatus.APPLIED
            ],
            S.filter_status,
        ),
        rx.el.div(
            CheckboxInput.create(
                type="checkbox", id="attention", class_name="check", on_change=S.toggle_attention
            ),
            rx.el.label(T["caseload.attention"], html_for="attention"),
            class_name="check-row",
        ),
        role="search",
        class_name="filters",
    )


def caseload_page() -> rx.Component:
    return staff_page(
        rx.el.h1(T["caseload.title"]),
        loading_or(
            S.loaded,
            rx.cond(
                S.total > 0,
                rx.fragment(
                    _filters(),
                    rx.el.p(
                        fill("caseload.count", count=S.families.length()),
                        class_name="muted",
                        role="status",
                    ),
                    rx.el.ul(rx.foreach(S.families, _family_card), class_name="cards"),
                ),
                empty_state("users", "caseload.empty", "empty.caseload_next"),
            ),
        ),
    )
