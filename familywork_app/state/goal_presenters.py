"""Goals and messages turned into display rows in the user's language (shared by the family's
and the staff's pages). Pure functions: no database, no state.

The rows are frozen dataclasses that Reflex sends as plain objects; pages read their attributes
(`goal.title`, `message.receipt`). Their field names avoid the names of Reflex's object-var
methods (`entries`, `keys`, `values`, `length`...), which would shadow them in a page.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from familywork_app.domain import GoalStatus
from familywork_app.i18n import fmt_date, fmt_datetime, fmt_day_month, fmt_number, t
from familywork_app.services.family_home import GoalAtAGlance
from familywork_app.services.goals import GoalRow, RatingPoint
from familywork_app.services.messages import MessageRow
from familywork_app.state.file_presenters import FileView, present_file

LOWEST_BAR = 0.2  # a rating of 0 still shows a sliver of a bar


@dataclass(frozen=True, slots=True)
class GoalEntryView:
    who: str
    when: str
    text: str
    rating: str  # "Rating 7/10", or "" for a text-only entry


@dataclass(frozen=True, slots=True)
class RatingBarView:
    """One bar of a goal's ratings chart (and one row of its table for screen readers)."""

    date: str  # the full date, for the table
    short_date: str  # day and month under the bar, e.g. "12.3." / "12 Mar"
    rating: str
    height: str  # CSS height of the bar, e.g. "70.0%"


@dataclass(frozen=True, slots=True)
class GoalView:
    id: str
    title: str
    area: str
    what: str
    status: str  # a GoalStatus value
    status_label: str
    target: str  # "Target date 1.5.2026", or ""
    open: bool  # active: both sides may still add entries
    progress: tuple[GoalEntryView, ...]  # the entries, oldest first
    chart: tuple[RatingBarView, ...]


@dataclass(frozen=True, slots=True)
class GoalGlanceView:
    """A goal on the family home page."""

    id: str
    title: str
    area: str
    rating: str  # "Latest rating 6/10" or "Not rated yet"


@dataclass(frozen=True, slots=True)
class MessageView:
    id: str
    who: str
    mine: bool
    body: str
    when: str
    receipt: str  # for the sender only: "Delivered" or "Read 1.2.2026 10.00"
    files: tuple[FileView, ...] = ()  # photos and PDFs sent with it


def _bar(point: RatingPoint, lang: str) -> RatingBarView:
    return RatingBarView(
        date=fmt_date(point.at, lang),
        short_date=fmt_day_month(point.at, lang),
        rating=fmt_number(point.rating, lang),
        height=f"{max(point.rating, LOWEST_BAR) * 10}%",
    )


def present_goal(goal: GoalRow, lang: str) -> GoalView:
    """One goal with its entries and its ratings chart."""
    target = (
        t(lang, "goals.target", date=fmt_date(goal.target_date, lang)) if goal.target_date else ""
    )
    return GoalView(
        id=str(goal.id),
        title=goal.title,
        area=t(lang, f"area.{goal.support_area}"),
        what=goal.what_we_do,
        status=str(goal.status),
        status_label=t(lang, f"goals.status.{goal.status}"),
        target=target,
        open=goal.status == GoalStatus.ACTIVE,
        progress=tuple(
            GoalEntryView(
                who=e.author_name,
                when=fmt_date(e.created_at, lang),
                text=e.text,
                rating="" if e.rating is None else t(lang, "goals.rating_value", rating=e.rating),
            )
            for e in goal.entries
        ),
        chart=tuple(_bar(point, lang) for point in goal.ratings),
    )


def present_goals(goals: Iterable[GoalRow], lang: str) -> list[GoalView]:
    """The goals pages' cards, in the service's order."""
    return [present_goal(goal, lang) for goal in goals]


def present_goal_glances(goals: Iterable[GoalAtAGlance], lang: str) -> list[GoalGlanceView]:
    """The active goals on the family home page, each with its newest rating."""
    return [
        GoalGlanceView(
            id=str(g.id),
            title=g.title,
            area=t(lang, f"area.{g.area}"),
            rating=t(lang, "home.not_rated")
            if g.rating is None
            else t(lang, "home.latest_rating", rating=g.rating),
        )
        for g in goals
    ]


def present_message(m: MessageRow, lang: str) -> MessageView:
    """One message with the read receipt shown to its sender."""
    receipt = ""
    if m.mine:
        receipt = (
            f"{t(lang, 'messages.read')} {fmt_datetime(m.read_at, lang)}"
            if m.read_at
            else t(lang, "messages.delivered")
        )
    return MessageView(
        id=str(m.id),
        who=t(lang, "messages.you") if m.mine else m.sender_name,
        mine=m.mine,
        body=m.body,
        when=fmt_datetime(m.sent_at, lang),
        receipt=receipt,
        files=tuple(present_file(f, lang) for f in m.files),
    )
