"""The client plan (asiakassuunnitelma, Social Welfare Act § 39), made with the family.

A plan has versions. Staff open a draft (the first plan, or at a review a copy of the version in
force), the family writes its own view and strengths into the draft (on the phone, or with the
worker on the tablet), staff write the rest and make it: a made version needs a goal and a next
review date that has not passed, and adds the case step "plan made" (the first) or "plan
reviewed". Made versions never change; the guardians acknowledge them, each once, with an
optional comment. The family's guardians, its worker and the supervisors read every version.
"""

from sqlmodel import Session, col, delete, func, select

from familywork_app.domain import (
    CaseStepKind,
    GoalStatus,
    LogAction,
    Role,
)
from familywork_app.models import (
    ClientPlan,
    Family,
    Goal,
    PlanAcknowledgement,
    PlanGoal,
    User,
    utcnow,
)
from familywork_app.services import NotAllowed, ServiceError
from familywork_app.services.access_log import log_access
from familywork_app.services.case_process import add_step, check_step, checked_day, helsinki_today
from familywork_app.services.client_plan_checks import (
    COMMENT_MAX,
    CheckedPlan,
    checked_plan,
    checked_text,
)
from familywork_app.services.client_plan_rows import (
    AcknowledgementRow,
    FamilyPlans,
    PlanEntry,
    PlanVersion,
    ack_row,
    acknowledgements_of,
    plan_rows,
)
from familywork_app.services.policy import (
    acting_user,
    require_family,
    require_record,
    require_staff,
    saved_id,
)

COPIED = (
    "family_view",
    "family_strengths",
    "worker_view",
    "who_does_what",
    "meeting_rhythm",
    "differences",
)  # a review's new draft starts from the version in force


def _versions(session: Session, family_id: int) -> list[ClientPlan]:
    """The family's plan versions, newest first."""
    return list(
        session.exec(
            select(ClientPlan)
            .where(ClientPlan.family_id == family_id)
            .order_by(col(ClientPlan.version).desc())
        )
    )


def _draft(session: Session, family_id: int) -> ClientPlan | None:
    versions = _versions(session, family_id)
    return versions[0] if versions and versions[0].made_at is None else None


def family_plans(session: Session, user: User, family_id: object, ip: str = "") -> FamilyPlans:
    """The draft, the version in force and the earlier versions of the family's plan."""
    family = require_family(session, acting_user(user, ip), family_id)
    rows = plan_rows(session, _versions(session, saved_id(family.id)))
    draft = rows[0] if rows and rows[0].is_draft else None
    made = [r for r in rows if not r.is_draft]
    log_access(session, user, family.id, LogAction.VIEW_CLIENT_PLAN, ip=ip)
    session.commit()
    return FamilyPlans(draft=draft, current=made[0] if made else None, earlier=tuple(made[1:]))


def _open_draft(session: Session, user: User, family_id: int) -> ClientPlan:
    """The family's draft; else a new one: version 1, or a copy of the version in force (its
    texts and its goals that are still active) for the review."""
    versions = _versions(session, family_id)
    if versions and versions[0].made_at is None:
        return versions[0]
    draft = ClientPlan(
        family_id=family_id,
        version=(versions[0].version + 1) if versions else 1,
        created_by_id=user.id,
    )
    if versions:
        for field in COPIED:
            setattr(draft, field, getattr(versions[0], field))
    session.add(draft)
    session.flush()
    if versions:
        kept = session.exec(
            select(PlanGoal.goal_id)
            .join(Goal, col(Goal.id) == PlanGoal.goal_id)
            .where(PlanGoal.plan_id == versions[0].id, Goal.status == GoalStatus.ACTIVE)
        ).all()
        session.add_all([PlanGoal(plan_id=saved_id(draft.id), goal_id=g) for g in kept])
    return draft


def _write(session: Session, draft: ClientPlan, values: CheckedPlan) -> None:
    """Write the checked values into the draft (None: keep the draft's)."""
    draft.worker_view, draft.who_does_what = values.worker_view, values.who_does_what
    draft.meeting_rhythm, draft.differences = values.meeting_rhythm, values.differences
    draft.next_review = values.next_review
    if values.family_view is not None:
        draft.family_view = values.family_view
    if values.family_strengths is not None:
        draft.family_strengths = values.family_strengths
    session.add(draft)
    if values.goal_ids is not None:
        plan_id = saved_id(draft.id)
        session.exec(delete(PlanGoal).where(col(PlanGoal.plan_id) == plan_id))
        session.add_all([PlanGoal(plan_id=plan_id, goal_id=g) for g in values.goal_ids])
    session.flush()


def _staff_family(session: Session, user: User, family_id: object, ip: object) -> Family:
    require_staff(acting_user(user, ip))
    return require_family(session, user, family_id, change=True)


def save_plan_draft(
    session: Session, user: User, family_id: object, entry: PlanEntry, ip: str = ""
) -> PlanVersion:
    """Staff save the draft (opening one if there is none) without making it."""
    family = _staff_family(session, user, family_id, ip)
    fid = saved_id(family.id)
    values = checked_plan(session, fid, entry)
    draft = _open_draft(session, user, fid)
    _write(session, draft, values)
    row = plan_rows(session, [draft])[0]
    log_access(session, user, fid, LogAction.SAVE_CLIENT_PLAN, detail=f"plan {draft.id}", ip=ip)
    session.commit()
    return row


def make_plan(
    session: Session,
    user: User,
    family_id: object,
    entry: PlanEntry,
    on: object = None,
    ip: str = "",
) -> PlanVersion:
    """Staff make the draft the plan in force on the day `on` (default today): it needs a goal
    and a next review date; the case gets the step "plan made" or "plan reviewed"."""
    family = _staff_family(session, user, family_id, ip)
    fid = saved_id(family.id)
    values = checked_plan(session, fid, entry)
    if values.next_review is None:
        raise ServiceError("error.review_required", field="next_review")
    day = helsinki_today() if on is None else checked_day(on, "on")
    versions = _versions(session, fid)
    first = not any(v.made_at is not None for v in versions)
    kind = CaseStepKind.PLAN_MADE if first else CaseStepKind.PLAN_REVIEWED
    goals = values.goal_ids
    if goals is None:
        draft = _draft(session, fid)
        goals = _kept_goals(session, draft, versions[0] if versions else None)
    if not goals:
        raise ServiceError("error.plan_goal_required", field="goals")
    check_step(session, family, kind, day)
    draft = _open_draft(session, user, fid)
    _write(session, draft, values)
    draft.made_at = utcnow()
    session.add(draft)
    add_step(session, user, family, kind, day)
    row = plan_rows(session, [draft])[0]
    log_access(session, user, fid, LogAction.MAKE_CLIENT_PLAN, detail=f"plan {draft.id}", ip=ip)
    session.commit()
    return row


def _kept_goals(session: Session, draft: ClientPlan | None, newest: ClientPlan | None) -> list[int]:
    """The goals a draft has (or, with no draft yet, the active goals it would copy)."""
    if draft is not None:
        return list(session.exec(select(PlanGoal.goal_id).where(PlanGoal.plan_id == draft.id)))
    if newest is None:
        return []
    return list(
        session.exec(
            select(PlanGoal.goal_id)
            .join(Goal, col(Goal.id) == PlanGoal.goal_id)
            .where(PlanGoal.plan_id == newest.id, Goal.status == GoalStatus.ACTIVE)
        )
    )


def write_family_view(
    session: Session,
    user: User,
    family_id: object,
    family_view: object,
    family_strengths: object,
    ip: str = "",
) -> PlanVersion:
    """The family writes its own view and strengths into the draft (only a draft)."""
    family = require_family(session, acting_user(user, ip), family_id, change=True)
    fid = saved_id(family.id)
    view = checked_text(family_view, "family_view")
    strengths = checked_text(family_strengths, "family_strengths")
    draft = _draft(session, fid)
    if draft is None:
        raise ServiceError("error.plan_no_draft")
    draft.family_view, draft.family_strengths = view, strengths
    session.add(draft)
    session.flush()
    row = plan_rows(session, [draft])[0]
    log_access(session, user, fid, LogAction.WRITE_FAMILY_VIEW, detail=f"plan {draft.id}", ip=ip)
    session.commit()
    return row


def acknowledge_plan(
    session: Session, user: User, plan_id: object, comment: object = "", ip: str = ""
) -> AcknowledgementRow:
    """A guardian of the plan's family acknowledges a made version, once, with a comment."""
    if acting_user(user, ip).role != Role.GUARDIAN:
        raise NotAllowed()
    plan = require_record(session, user, ClientPlan, plan_id, change=True)
    text = checked_text(comment, "comment", COMMENT_MAX)
    if plan.made_at is None:
        raise ServiceError("error.plan_not_made")
    already = session.exec(
        select(func.count())
        .select_from(PlanAcknowledgement)
        .where(PlanAcknowledgement.plan_id == plan.id, PlanAcknowledgement.guardian_id == user.id)
    ).one()
    if already:
        raise ServiceError("error.plan_acknowledged")
    ack = PlanAcknowledgement(
        plan_id=saved_id(plan.id), guardian_id=saved_id(user.id), comment=text
    )
    session.add(ack)
    session.flush()
    row = ack_row(ack, user)
    log_access(
        session, user, plan.family_id, LogAction.ACKNOWLEDGE_PLAN, detail=f"plan {plan.id}", ip=ip
    )
    session.commit()
    return row


def plan_acknowledgements(
    session: Session, user: User, plan_id: object, ip: str = ""
) -> list[AcknowledgementRow]:
    """Who acknowledged the version and when (for anyone who may read the family's plan)."""
    plan = require_record(session, acting_user(user, ip), ClientPlan, plan_id)
    plan_key = saved_id(plan.id)
    rows = acknowledgements_of(session, [plan_key])[plan_key]
    log_access(
        session, user, plan.family_id, LogAction.VIEW_CLIENT_PLAN, detail=f"plan {plan.id}", ip=ip
    )
    session.commit()
    return rows
