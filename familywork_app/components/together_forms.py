"""Forms of the methods done together, in large touch targets: the family-situation evaluation
and the child's check-in (the check-in also on a guardian's phone).

Answers are radio buttons inside their labels (tapping the text or the picture chooses), grouped
in fieldsets with a legend; an error appears under its group and the other answers stay.
"""

import reflex as rx

from familywork_app import method_content as mc
from familywork_app.components.shell import T
from familywork_app.domain import EvaluationPhase


def error_for(S, field: str) -> rx.Component:
    """The error of `field` (an i18n key in `S.errors`), announced when it appears."""
    code = S.errors.get(field, "").to(str)
    return rx.el.p(
        rx.cond(code != "", T[code], ""),
        id=f"{field}-error",
        class_name="field-error",
        aria_live="polite",
    )


def _tile(name: str, value: str, label, picture: str = "") -> rx.Component:
    return rx.el.label(
        rx.el.input(type="radio", name=name, value=value, class_name="tile-input"),
        rx.el.img(src=picture, alt="", width="56", height="56") if picture else rx.fragment(),
        rx.el.span(label),
        class_name="tile",
    )


def _group(S, field: str, legend, *tiles) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(legend),
        rx.el.div(*tiles, class_name="tiles"),
        error_for(S, field),
        class_name="big-group",
        aria_describedby=f"{field}-error",
    )


def _select(S, field: str, label_key: str, options) -> rx.Component:
    """A select of `options` (a list var of `method_presenters.Choice`)."""
    return rx.el.div(
        rx.el.label(T[label_key], html_for=f"sel-{field}"),
        rx.el.select(
            rx.el.option(T["apply.choose"], value=""),
            rx.foreach(options, lambda o: rx.el.option(o.label, value=o.value)),
            id=f"sel-{field}",
            name=field,
            class_name="input big-input",
            default_value="",
            aria_describedby=f"{field}-error",
        ),
        error_for(S, field),
        class_name="field",
    )


def _consent(S) -> rx.Component:
    return rx.el.div(
        rx.el.label(
            rx.el.input(type="checkbox", name="consent", class_name="big-check"),
            " ",
            T["eval.consent"],
            class_name="check-label",
        ),
        error_for(S, "consent"),
        class_name="field",
    )


def evaluation_form(S) -> rx.Component:
    """Who answers, the stage, and a 1–5 answer to one plain statement per support area."""
    return rx.el.form(
        _select(S, "respondent", "eval.who", S.respondents),
        _consent(S),
        _group(
            S,
            "phase",
            T["eval.phase"],
            *[_tile("phase", p, T[f"phase.{p}"]) for p in EvaluationPhase],
        ),
        *[
            _group(
                S,
                f"area-{area}",
                rx.fragment(
                    rx.el.strong(T[f"area.{area}"]), rx.el.br(), T[f"eval.statement.{area}"]
                ),
                *[_tile(f"area-{area}", str(n), T[f"scale.{n}"]) for n in mc.EVALUATION_SCALE],
            )
            for area in mc.EVALUATION_AREAS
        ],
        rx.el.button(T["eval.save"], type="submit", class_name="btn btn-primary big-btn"),
        on_submit=S.save_evaluation,
        reset_on_submit=False,
        class_name="form together-form",
    )


def _faces(S, question: str, legend, picture: str = "") -> rx.Component:
    return _group(
        S,
        f"q-{question}",
        rx.fragment(
            rx.el.img(src=picture, alt="", width="48", height="48", class_name="legend-pic")
            if picture
            else rx.fragment(),
            legend,
        ),
        *[
            _tile(f"q-{question}", str(n), T[f"face.{n}"], f"/symbols/face-{n}.svg")
            for n in mc.FACE_SCALE
        ],
    )


def child_checkin_form(S, with_consent: bool) -> rx.Component:
    """Which child, today's face, a face per picture question, and something to say."""
    return rx.el.form(
        _select(S, "child", "child.who", S.children),
        _consent(S) if with_consent else rx.fragment(),
        _faces(S, "today", T["child.today"]),
        *[_faces(S, q, T[f"child.q.{q}"], f"/symbols/child-{q}.svg") for q in mc.CHILD_QUESTIONS],
        rx.el.div(
            rx.el.label(T["child.note"], html_for="child-note"),
            rx.el.textarea(
                id="child-note",
                name="note",
                rows=2,
                max_length=2000,
                class_name="input",
                aria_describedby="note-error",
            ),
            error_for(S, "note"),
            class_name="field",
        ),
        rx.el.button(T["child.save"], type="submit", class_name="btn btn-primary big-btn"),
        on_submit=S.save_child,
        reset_on_submit=False,
        class_name="form together-form",
    )
