"""The guardian's client plan on the phone: the plan in force in plain words, "I have read the
plan" with a comment, the printable download, the family's own view while a draft is open, and
the earlier versions behind disclosures."""

import reflex as rx

from familywork_app.components.forms import error_summary, field_error
from familywork_app.components.icons import icon
from familywork_app.components.plan_view import earlier_versions, plan_version
from familywork_app.components.shell import GUARDIAN_NAV, T, fill, guardian_page, loading_or
from familywork_app.components.ui import empty_state
from familywork_app.services.client_plan_checks import COMMENT_MAX, TEXT_MAX
from familywork_app.state.family_plan import VIEW_ERRORS
from familywork_app.state.family_plan import FamilyPlanState as S

E = S.errors


def _box(name: str, fid: str, label: str, hint: str, default: rx.Var, limit: int) -> rx.Component:
    """A labelled text box with its hint and its error (aria-linked), starting from `default`."""
    return rx.el.div(
        rx.el.label(T[label], html_for=fid),
        rx.el.p(T[hint], id=f"{fid}-hint", class_name="hint") if hint else rx.fragment(),
        rx.el.textarea(
            id=fid,
            name=name,
            rows=4,
            default_value=default,
            max_length=limit,
            aria_invalid=rx.cond(E[name] != "", "true", "false"),
            aria_describedby=f"{fid}-error" + (f" {fid}-hint" if hint else ""),
            class_name="input",
        ),
        field_error(fid, E[name]),
        class_name="field",
    )


def _family_view() -> rx.Component:
    """The family's own view and strengths, into the open draft."""
    return rx.el.section(
        rx.el.h2(fill("plan.view_title", version=S.draft_version), id="family-view-title"),
        rx.el.p(T["plan.view_lead"]),
        rx.el.form(
            error_summary(VIEW_ERRORS, S.error_links, T["plan.fix_errors"]),
            _box(
                "family_view",
                "family-view",
                "plan.family_view",
                "plan.view_hint",
                S.draft_view,
                TEXT_MAX,
            ),
            _box(
                "family_strengths",
                "family-strengths",
                "plan.family_strengths",
                "plan.strengths_hint",
                S.draft_strengths,
                TEXT_MAX,
            ),
            field_error("view", E["view"]),
            rx.el.button(T["plan.save_view"], type="submit", class_name="btn btn-primary"),
            on_submit=S.write_view,
            reset_on_submit=False,
            no_validate=True,
            class_name="form",
        ),
        aria_labelledby="family-view-title",
        class_name="card",
    )


def _acknowledge() -> rx.Component:
    """ "I have read the plan" with a comment; once done, when and what was said."""
    done = rx.fragment(
        rx.el.p(
            icon("circle-check"), " ", fill("plan.acked_on", date=S.my_ack.on), class_name="ok"
        ),
        rx.cond(
            S.my_ack.comment != "",
            rx.el.p(rx.el.strong(T["plan.your_comment"]), ": ", S.my_ack.comment, class_name="pre"),
            rx.fragment(),
        ),
    )
    form = rx.el.form(
        rx.el.p(T["plan.ack_lead"]),
        rx.el.input(type="hidden", name="plan_id", value=S.current.id),
        _box("comment", "ack-comment", "plan.ack_comment", "", rx.Var.create(""), COMMENT_MAX),
        field_error("ack", E["ack"]),
        rx.el.button(T["plan.ack_button"], type="submit", class_name="btn btn-primary"),
        on_submit=S.acknowledge,
        reset_on_submit=False,
        no_validate=True,
        class_name="form",
    )
    return rx.el.div(
        rx.el.h3(T["plan.ack_title"]), rx.cond(S.acked, done, form), class_name="plan-ack"
    )


def _current() -> rx.Component:
    return rx.el.section(
        rx.el.h2(T["plan.in_force"], ": ", S.current.heading, id="plan-current"),
        rx.el.p(
            rx.el.a(
                icon("download"),
                rx.el.span(T["plan.download"]),
                href=S.download,
                download="asiakassuunnitelma.html",
                class_name="btn btn-secondary",
                custom_attrs={"reloadDocument": True},  # a file, not a page of the app
            )
        ),
        plan_version(S.current, 3),
        _acknowledge(),
        aria_labelledby="plan-current",
        class_name="card",
    )


def _content() -> rx.Component:
    return rx.fragment(
        rx.cond(S.has_current, _current(), rx.fragment()),
        rx.cond(S.has_draft, _family_view(), rx.fragment()),
        rx.cond(
            S.has_current | S.has_draft,
            rx.fragment(),
            rx.el.div(empty_state("file-text", "plan.empty", "empty.plan_next"), class_name="card"),
        ),
        rx.el.div(earlier_versions(S.earlier, 2), class_name="plan-earlier-list"),
    )


def family_plan_page() -> rx.Component:
    return guardian_page(
        rx.el.h1(T["plan.title"]),
        rx.el.p(T["plan.lead"], class_name="lead"),
        loading_or(S.loaded, _content()),
        nav=GUARDIAN_NAV,
    )
