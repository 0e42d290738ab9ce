"""The client plan as typed rows (`client_plan`), what staff send to save one, and the reading
of versions into rows (no policy here: the callers authorised the family)."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from familywork_app.domain import GoalStatus, SupportArea
from familywork_app.models import ClientPlan, Goal, PlanAcknowledgement, PlanGoal, User
from familywork_app.services.policy import saved_id


@dataclass(frozen=True, slots=True)
class PlanGoalRow:
    """A goal of a plan version (the goal itself lives on in `goals`, with its entries)."""

    id: int
    title: str
    support_area: SupportArea
    status: GoalStatus


@dataclass(frozen=True, slots=True)
class AcknowledgementRow:
    """A guardian read the plan version, when, and what they said."""

    plan_id: int
    guardian_id: int
    guardian_name: str
    at: datetime
    comment: str


@dataclass(frozen=True, slots=True)
class PlanVersion:
    """One version of the client plan. A draft (`made_at` None) is still being written: the
    family writes its view and strengths, the worker the rest; a made version is fixed."""

    id: int
    family_id: int
    version: int
    family_view: str
    family_strengths: str
    worker_view: str
    who_does_what: str
    meeting_rhythm: str
    next_review: date | None
    differences: str
    created_by: str
    created_at: datetime
    made_at: datetime | None
    goals: tuple[PlanGoalRow, ...]
    acknowledgements: tuple[AcknowledgementRow, ...]

    @property
    def is_draft(self) -> bool:
        return self.made_at is None


@dataclass(frozen=True, slots=True)
class FamilyPlans:
    """The family's plan: the draft being written, the version in force and the earlier ones
    (newest first)."""

    draft: PlanVersion | None
    current: PlanVersion | None
    earlier: tuple[PlanVersion, ...]


@dataclass(frozen=True, slots=True)
class PlanEntry:
    """What staff send to save or make a plan version, as the form sent it (checked by
    `client_plan`). `family_view` / `family_strengths` None: keep what the family wrote;
    `goal_ids` None: keep the version's goals."""

    worker_view: object = ""
    who_does_what: object = ""
    meeting_rhythm: object = ""
    next_review: object = None
    differences: object = ""
    goal_ids: object = None
    family_view: object = None
    family_strengths: object = None


def linked_goals(session: Session, plan_ids: list[int]) -> dict[int, list[PlanGoalRow]]:
    found: dict[int, list[PlanGoalRow]] = {plan_id: [] for plan_id in plan_ids}
    if not plan_ids:
        return found
    stmt = (
        select(PlanGoal.plan_id, Goal)
        .join(Goal, col(Goal.id) == PlanGoal.goal_id)
        .where(col(PlanGoal.plan_id).in_(plan_ids))
        .order_by(col(Goal.id))
    )
    for plan_id, goal in session.exec(stmt):
        found[plan_id].append(
            PlanGoalRow(
                id=saved_id(goal.id),
                title=goal.title,
                support_area=SupportArea(goal.support_area),
                status=GoalStatus(goal.status),
            )
        )
    return found


def acknowledgements_of(
    session: Session, plan_ids: list[int]
) -> dict[int, list[AcknowledgementRow]]:
    found: dict[int, list[AcknowledgementRow]] = {plan_id: [] for plan_id in plan_ids}
    if not plan_ids:
        return found
    stmt = (
        select(PlanAcknowledgement, User)
        .join(User, col(User.id) == PlanAcknowledgement.guardian_id)
        .where(col(PlanAcknowledgement.plan_id).in_(plan_ids))
        .order_by(col(PlanAcknowledgement.at), col(PlanAcknowledgement.id))
    )
    for ack, guardian in session.exec(stmt):
        found[ack.plan_id].append(ack_row(ack, guardian))
    return found


def ack_row(ack: PlanAcknowledgement, guardian: User) -> AcknowledgementRow:
    return AcknowledgementRow(
        plan_id=ack.plan_id,
        guardian_id=ack.guardian_id,
        guardian_name=guardian.display_name,
        at=ack.at,
        comment=ack.comment,
    )


def plan_rows(session: Session, plans: list[ClientPlan]) -> list[PlanVersion]:
    """The versions as rows, with their goals, acknowledgements and authors (no policy: for
    the services that already authorised the family)."""
    ids = [saved_id(p.id) for p in plans]
    goals, acks = linked_goals(session, ids), acknowledgements_of(session, ids)
    authors = {p.created_by_id for p in plans if p.created_by_id}
    names = (
        {
            saved_id(u.id): u.display_name
            for u in session.exec(select(User).where(col(User.id).in_(authors)))
        }
        if authors
        else {}
    )
    return [
        PlanVersion(
            id=saved_id(p.id),
            family_id=p.family_id,
            version=p.version,
            family_view=p.family_view,
            family_strengths=p.family_strengths,
            worker_view=p.worker_view,
            who_does_what=p.who_does_what,
            meeting_rhythm=p.meeting_rhythm,
            next_review=p.next_review,
            differences=p.differences,
            created_by=names.get(p.created_by_id or 0, ""),
            created_at=p.created_at,
            made_at=p.made_at,
            goals=tuple(goals[saved_id(p.id)]),
            acknowledgements=tuple(acks[saved_id(p.id)]),
        )
        for p in plans
    ]
