"""State of the supervisor's closing figures on the overview (components/closing_figures.py):
the closing feedback per quarter and the median days from application to start and to close."""

from dataclasses import dataclass

import reflex as rx

from familywork_app.domain import Role
from familywork_app.i18n import fmt_number, t
from familywork_app.services.closing_figures import (
    MIN_ANSWERS,
    ClosingFigures,
    ClosingQuarter,
    FeedbackQuarter,
    closing_figures,
)
from familywork_app.state.app_state import AppState
from familywork_app.state.handler import Acting, data_handler

SCALE_TOP = 5


@dataclass(frozen=True, slots=True)
class FeedbackQuarterView:
    """A quarter's answers and means (text, and each bar's CSS width)."""

    quarter: str
    answers: str
    helped: str
    helped_width: str
    listened: str
    listened_width: str
    meetings: str
    meetings_width: str


@dataclass(frozen=True, slots=True)
class ClosingQuarterView:
    """A quarter of closing: the cases closed and the median days (bars: share of the most)."""

    quarter: str
    closed: str
    to_start: str
    to_start_width: str
    to_close: str
    to_close_width: str


@dataclass(frozen=True, slots=True)
class CommentsView:
    quarter: str
    comments: list[str]


def quarter_label(quarter: str, lang: str) -> str:
    """ "2026Q4" as the language writes it."""
    year, number = quarter.split("Q")
    return t(lang, "closing.quarter", year=year, number=number)


def _width(value: float | None, top: float) -> str:
    return f"{round(value * 100 / top)}%" if value is not None and top > 0 else "0%"


def _shown(value: float | None, lang: str, key: str) -> str:
    return t(lang, key, value=value) if value is not None else t(lang, "closing.none")


def present_feedback(rows: tuple[FeedbackQuarter, ...], lang: str) -> list[FeedbackQuarterView]:
    def mean(value: float | None) -> tuple[str, str]:
        if value is None:
            return t(lang, "closing.too_few", count=MIN_ANSWERS), "0%"
        return fmt_number(value, lang), _width(value, SCALE_TOP)

    views: list[FeedbackQuarterView] = []
    for r in rows:
        (helped, hw), (listened, lw), (meetings, mw) = (
            mean(r.helped),
            mean(r.listened),
            mean(r.meetings),
        )
        views.append(
            FeedbackQuarterView(
                quarter_label(r.quarter, lang),
                fmt_number(r.answers, lang),
                helped,
                hw,
                listened,
                lw,
                meetings,
                mw,
            )
        )
    return views


def present_closing(rows: tuple[ClosingQuarter, ...], lang: str) -> list[ClosingQuarterView]:
    top = max((d for r in rows for d in (r.days_to_start, r.days_to_close) if d), default=0.0)
    return [
        ClosingQuarterView(
            quarter=quarter_label(r.quarter, lang),
            closed=fmt_number(r.closed, lang),
            to_start=_shown(r.days_to_start, lang, "closing.days"),
            to_start_width=_width(r.days_to_start, top),
            to_close=_shown(r.days_to_close, lang, "closing.days"),
            to_close_width=_width(r.days_to_close, top),
        )
        for r in rows
    ]


class ClosingFiguresState(AppState):
    closing_loaded: rx.Field[bool] = rx.field(False)
    feedback: rx.Field[list[FeedbackQuarterView]] = rx.field(default_factory=list)
    comments: rx.Field[list[CommentsView]] = rx.field(default_factory=list)
    closing: rx.Field[list[ClosingQuarterView]] = rx.field(default_factory=list)

    @rx.event
    @data_handler(Role.SUPERVISOR, page=True)
    def load(self, acting: Acting):
        """on_load of the overview (supervisors only)."""
        self.closing_loaded = False
        self._show(closing_figures(acting.db, acting.user, ip=acting.ip))
        self.closing_loaded = True

    def _show(self, data: ClosingFigures) -> None:
        lang = self.lang
        self.feedback = present_feedback(data.feedback, lang)
        self.comments = [
            CommentsView(quarter_label(c.quarter, lang), list(c.comments)) for c in data.comments
        ]
        self.closing = present_closing(data.closing, lang)
