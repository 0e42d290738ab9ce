"""The guardian's own data: download it, and see who has read or changed it."""

import reflex as rx

from familywork_app import routes
from familywork_app.components.shell import GUARDIAN_NAV, T, guardian_page, loading_or
from familywork_app.state.family_data import FamilyDataState as S
from familywork_app.state.log_presenters import FamilyLogItemView, FamilyLogView


def _log_group(group: FamilyLogView) -> rx.Component:
    """One person's day: the summary is the disclosure's visible label; opening it lists each
    time (a native <details>, so keyboards and screen readers know it without ARIA)."""
    return rx.el.li(
        rx.el.details(
            rx.el.summary(
                rx.el.span(group.day, class_name="muted block"),
                rx.el.span(group.who, " ", group.summary),
            ),
            rx.el.ul(rx.foreach(group.accesses, _log_item), class_name="plain-list"),
            class_name="log-group",
        ),
        class_name="goal-item",
    )


def _log_item(item: FamilyLogItemView) -> rx.Component:
    return rx.el.li(item.time, " ", item.what)


def family_data_page() -> rx.Component:
    return guardian_page(
        rx.el.h1(T["data.title"]),
        rx.el.p(T["data.lead"]),
        rx.el.div(
            rx.el.a(
                T["data.download_json"],
                href=routes.EXPORT_JSON,
                download="perhetyo-tiedot.json",
                class_name="btn btn-secondary",
                custom_attrs={"reloadDocument": True},
            ),
            rx.el.a(
                T["data.download_html"],
                href=routes.EXPORT_HTML,
                target="_blank",
                rel="noopener",
                class_name="btn btn-secondary",
                custom_attrs={"reloadDocument": True},
            ),
            class_name="actions",
        ),
        rx.el.section(
            rx.el.h2(T["data.log"], id="log"),
            loading_or(
                S.loaded,
                rx.cond(
                    S.log.length() > 0,
                    rx.fragment(
                        rx.el.p(T["data.log_hint"], class_name="muted"),
                        rx.el.ol(rx.foreach(S.log, _log_group), class_name="plain-list"),
                    ),
                    rx.el.p(T["data.log_empty"]),
                ),
            ),
            aria_labelledby="log",
            class_name="card",
        ),
        nav=GUARDIAN_NAV,
    )
