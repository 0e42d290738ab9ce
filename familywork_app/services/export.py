"""Everything the service holds about a family, for the family itself (right of access)."""

import base64
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from familywork_app.domain import LogAction, Role
from familywork_app.models import (
    AccessLog,
    Application,
    Child,
    ClientPlan,
    Family,
    FamilyGuardian,
    Goal,
    GoalEntry,
    Meeting,
    Message,
    MessageFile,
    User,
)
from familywork_app.services.access_log import log_access
from familywork_app.services.client_plan_rows import PlanVersion, plan_rows
from familywork_app.services.export_rows import (
    ExportAcknowledgement,
    ExportApplication,
    ExportChild,
    ExportFamily,
    ExportFile,
    ExportGoal,
    ExportGoalEntry,
    ExportGuardian,
    ExportLogRow,
    ExportMeeting,
    ExportMessage,
    ExportMethod,
    ExportPlan,
    FamilyExport,
)
from familywork_app.services.family_home import own_family
from familywork_app.services.method_results import results_data
from familywork_app.services.policy import saved_id

LOG_LIMIT = 500


@dataclass(frozen=True, slots=True)
class FamilyLogEntry:
    """Who read or changed the family's records, and when (the guardian's own view)."""

    at: datetime
    who: str
    role: Role | None
    action: str


def _names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    users = session.exec(select(User).where(col(User.id).in_(ids)))
    return {saved_id(u.id): u.display_name for u in users}


def _methods(session: Session, family_id: int) -> tuple[ExportMethod, ...]:
    """The results of the methods done together, oldest first, each with its own answers."""
    results = sorted(results_data(session, family_id).every(), key=lambda r: r.at)
    return tuple(
        ExportMethod(
            kind=r.kind,
            at=r.at,
            phase=r.phase,
            respondent=r.respondent,
            who=r.who,
            note=r.note,
            answers=r.answers(),
        )
        for r in results
    )


def _family(family: Family, names: dict[int, str]) -> ExportFamily:
    return ExportFamily(
        name=family.name,
        municipality=family.municipality,
        address=family.address,
        status=family.status,
        worker=names.get(family.worker_id or 0, ""),
        opened_on=family.opened_on,
        closed_on=family.closed_on,
        closing_summary=family.closing_summary,
        interpreter_needed=family.interpreter_needed,
        interpreter_language=family.interpreter_language,
    )


def _guardians(session: Session, family_id: int) -> tuple[ExportGuardian, ...]:
    guardians = session.exec(
        select(User)
        .join(FamilyGuardian, col(FamilyGuardian.user_id) == User.id)
        .where(FamilyGuardian.family_id == family_id)
    )
    return tuple(
        ExportGuardian(name=g.display_name, email=g.email, phone=g.phone) for g in guardians
    )


def _children(session: Session, family_id: int) -> tuple[ExportChild, ...]:
    children = session.exec(select(Child).where(Child.family_id == family_id))
    return tuple(ExportChild(first_name=c.first_name, birth_year=c.birth_year) for c in children)


def _applications(session: Session, family_id: int) -> tuple[ExportApplication, ...]:
    return tuple(
        ExportApplication(
            channel=a.channel,
            support_areas=tuple(a.support_areas),
            description=a.description,
            reachable=a.reachable,
            status=a.status,
            submitted_at=a.submitted_at,
            decided_at=a.decided_at,
            decision_note=a.decision_note,
        )
        for a in session.exec(select(Application).where(Application.family_id == family_id))
    )


def _meeting(m: Meeting) -> ExportMeeting:
    return ExportMeeting(
        status=m.status,
        starts_at=m.starts_at,
        ends_at=m.ends_at,
        place=m.place,
        place_detail=m.place_detail,
        topic=m.topic,
        change_note=m.change_note,
        cancel_reason=m.cancel_reason,
        summary=m.summary,
        methods=tuple(m.methods),
    )


def _goals(
    goals: list[Goal], entries: list[GoalEntry], names: dict[int, str]
) -> tuple[ExportGoal, ...]:
    return tuple(
        ExportGoal(
            title=g.title,
            support_area=g.support_area,
            what_we_do=g.what_we_do,
            target_date=g.target_date,
            status=g.status,
            entries=tuple(
                ExportGoalEntry(
                    author=names.get(e.author_id, ""), text=e.text, rating=e.rating, at=e.created_at
                )
                for e in entries
                if e.goal_id == g.id
            ),
        )
        for g in goals
    )


def _plan(p: PlanVersion) -> ExportPlan:
    return ExportPlan(
        version=p.version,
        made_at=p.made_at,
        family_view=p.family_view,
        family_strengths=p.family_strengths,
        worker_view=p.worker_view,
        who_does_what=p.who_does_what,
        meeting_rhythm=p.meeting_rhythm,
        next_review=p.next_review,
        differences=p.differences,
        goals=tuple(g.title for g in p.goals),
        acknowledgements=tuple(
            ExportAcknowledgement(guardian=a.guardian_name, at=a.at, comment=a.comment)
            for a in p.acknowledgements
        ),
    )


def _plans(session: Session, family_id: int) -> tuple[ExportPlan, ...]:
    versions = session.exec(
        select(ClientPlan)
        .where(ClientPlan.family_id == family_id)
        .order_by(col(ClientPlan.version))
    ).all()
    return tuple(_plan(p) for p in plan_rows(session, list(versions)))


def _message_files(session: Session, family_id: int) -> dict[int, tuple[ExportFile, ...]]:
    """The sent files of the family's messages, bytes included, by message id."""
    rows = session.exec(
        select(MessageFile)
        .where(MessageFile.family_id == family_id, col(MessageFile.message_id).is_not(None))
        .order_by(col(MessageFile.id))
    ).all()
    found: dict[int, list[ExportFile]] = {}
    for f in rows:
        found.setdefault(f.message_id or 0, []).append(
            ExportFile(
                name=f.name,
                media_type=f.media_type,
                caption=f.caption,
                size=f.size,
                sha256=f.sha256,
                data_base64=base64.b64encode(f.data).decode("ascii"),
            )
        )
    return {message_id: tuple(files) for message_id, files in found.items()}


def family_export(session: Session, user: User, ip: str = "") -> FamilyExport:
    """The guardian's family's whole record, minus staff-only internal notes."""
    family = own_family(session, user)
    fid = saved_id(family.id)
    meetings = session.exec(
        select(Meeting).where(Meeting.family_id == fid).order_by(col(Meeting.starts_at))
    ).all()
    goals = list(session.exec(select(Goal).where(Goal.family_id == fid).order_by(col(Goal.id))))
    goal_ids = [saved_id(g.id) for g in goals]
    entries = (
        list(
            session.exec(
                select(GoalEntry)
                .where(col(GoalEntry.goal_id).in_(goal_ids))
                .order_by(col(GoalEntry.created_at))
            )
        )
        if goals
        else []
    )
    messages = session.exec(
        select(Message).where(Message.family_id == fid).order_by(col(Message.sent_at))
    ).all()
    files = _message_files(session, fid)
    log_rows = session.exec(
        select(AccessLog).where(AccessLog.family_id == fid).order_by(col(AccessLog.at))
    ).all()
    names = _names(
        session,
        {m.sender_id for m in messages}
        | {e.author_id for e in entries}
        | {r.user_id for r in log_rows if r.user_id}
        | {family.worker_id or 0},
    )
    export = FamilyExport(
        family=_family(family, names),
        guardians=_guardians(session, fid),
        children=_children(session, fid),
        applications=_applications(session, fid),
        meetings=tuple(_meeting(m) for m in meetings),
        goals=_goals(goals, entries, names),
        messages=tuple(
            ExportMessage(
                sender=names.get(m.sender_id, ""),
                body=m.body,
                sent_at=m.sent_at,
                read_at=m.read_at,
                files=files.get(saved_id(m.id), ()),
            )
            for m in messages
        ),
        methods=_methods(session, fid),
        access_log=tuple(
            ExportLogRow(at=r.at, who=names.get(r.user_id or 0, ""), role=r.role, action=r.action)
            for r in log_rows
        ),
        plans=_plans(session, fid),
    )
    log_access(session, user, fid, LogAction.EXPORT_DATA, ip=ip)
    session.commit()
    return export


def family_access_log(session: Session, user: User, ip: str = "") -> list[FamilyLogEntry]:
    """Who has read or changed the guardian's family's records, newest first."""
    family = own_family(session, user)
    rows = session.exec(
        select(AccessLog)
        .where(AccessLog.family_id == family.id)
        .order_by(col(AccessLog.at).desc())
        .limit(LOG_LIMIT)
    ).all()
    names = _names(session, {r.user_id for r in rows if r.user_id})
    log_access(session, user, family.id, LogAction.VIEW_ACCESS_LOG, ip=ip)
    session.commit()
    return [
        FamilyLogEntry(
            at=r.at,
            who=names.get(r.user_id or 0, ""),
            role=Role(r.role) if r.role else None,
            action=r.action,
        )
        for r in rows
    ]
