"""The client plan turned into display rows in the user's language (shared by the guardian's
plan page and the worker's record). Pure functions: no database, no state.

Field names avoid the names of Reflex's object-var methods (`entries`, `keys`, `values`...).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from familywork_app.domain import GoalStatus
from familywork_app.i18n import fmt_date, t
from familywork_app.services.client_plan_rows import AcknowledgementRow, PlanGoalRow, PlanVersion
from familywork_app.services.goals import GoalRow


@dataclass(frozen=True, slots=True)
class PlanGoalView:
    title: str
    area: str
    status: str  # a GoalStatus value
    status_label: str


@dataclass(frozen=True, slots=True)
class AckView:
    """A guardian acknowledged a version: who, on which day, what they said."""

    name: str
    on: str
    comment: str


@dataclass(frozen=True, slots=True)
class PlanVersionView:
    """One version of the plan as the pages show it (texts "" when not written)."""

    id: str = ""
    version: str = ""
    heading: str = ""  # "Version 2"
    made: str = ""  # "Made on 3.12.2026 by Anna Worker"; a draft: "Draft, started ..."
    family_view: str = ""
    family_strengths: str = ""
    worker_view: str = ""
    who_does_what: str = ""
    meeting_rhythm: str = ""
    next_review: str = ""  # the formatted date
    differences: str = ""
    goals: tuple[PlanGoalView, ...] = ()
    acks: tuple[AckView, ...] = ()


@dataclass(frozen=True, slots=True)
class PlanFormDefaults:
    """What the worker's plan form starts from: the draft, else the version in force (as a
    review would copy it), else nothing."""

    family_view: str = ""
    family_strengths: str = ""
    worker_view: str = ""
    who_does_what: str = ""
    meeting_rhythm: str = ""
    next_review: str = ""  # ISO date for the date input ("" when none, or already past)
    differences: str = ""


@dataclass(frozen=True, slots=True)
class GoalChoiceView:
    """An active goal of the family as a checkbox of the worker's plan form."""

    id: str
    title: str
    area: str
    chosen: bool


def present_ack(ack: AcknowledgementRow, lang: str) -> AckView:
    return AckView(name=ack.guardian_name, on=fmt_date(ack.at, lang), comment=ack.comment)


def _goal(goal: PlanGoalRow, lang: str) -> PlanGoalView:
    return PlanGoalView(
        title=goal.title,
        area=t(lang, f"area.{goal.support_area}"),
        status=str(goal.status),
        status_label=t(lang, f"goals.status.{goal.status}"),
    )


def present_version(plan: PlanVersion, lang: str) -> PlanVersionView:
    """A made version (or a draft) with its goals and acknowledgements."""
    if plan.made_at is None:
        made = t(lang, "plan.draft_started", date=fmt_date(plan.created_at, lang))
    else:
        made = t(lang, "plan.made_by", date=fmt_date(plan.made_at, lang), name=plan.created_by)
    return PlanVersionView(
        id=str(plan.id),
        version=str(plan.version),
        heading=t(lang, "plan.version", version=str(plan.version)),
        made=made,
        family_view=plan.family_view,
        family_strengths=plan.family_strengths,
        worker_view=plan.worker_view,
        who_does_what=plan.who_does_what,
        meeting_rhythm=plan.meeting_rhythm,
        next_review=fmt_date(plan.next_review, lang),
        differences=plan.differences,
        goals=tuple(_goal(g, lang) for g in plan.goals),
        acks=tuple(present_ack(a, lang) for a in plan.acknowledgements),
    )


def form_defaults(draft: PlanVersion | None, current: PlanVersion | None) -> PlanFormDefaults:
    """The worker's form starts from the draft, else from the version in force (a review
    copies its texts, not its review date, which has come or passed)."""
    source = draft or current
    if source is None:
        return PlanFormDefaults()
    review = source.next_review.isoformat() if draft is not None and source.next_review else ""
    return PlanFormDefaults(
        family_view=source.family_view,
        family_strengths=source.family_strengths,
        worker_view=source.worker_view,
        who_does_what=source.who_does_what,
        meeting_rhythm=source.meeting_rhythm,
        next_review=review,
        differences=source.differences,
    )


def goal_choices(
    goals: Iterable[GoalRow], draft: PlanVersion | None, current: PlanVersion | None, lang: str
) -> list[GoalChoiceView]:
    """The family's active goals, ticked as the service would fill the draft: the draft's
    goals; else the version in force's goals; else (a first plan) every active goal."""
    active = [g for g in goals if g.status == GoalStatus.ACTIVE]
    source = draft or current
    chosen = {g.id for g in source.goals} if source is not None else {g.id for g in active}
    return [
        GoalChoiceView(
            id=str(g.id),
            title=g.title,
            area=t(lang, f"area.{g.support_area}"),
            chosen=g.id in chosen,
        )
        for g in active
    ]
