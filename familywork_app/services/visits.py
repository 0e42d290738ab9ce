"""The worker's side of the casework: visit records, the week view, overlap warnings, closing a
case and a family's record header.

Only staff call these. A visit record's summary is shared with the family once the meeting is
held; its internal note never is (see `meetings.meeting_row`). Weeks run Monday to Monday in
Europe/Helsinki time; stored times stay aware UTC. The rows returned are in `visit_rows`, the
checks of what staff send in `visit_checks`.
"""

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select

from familywork_app.domain import FamilyStatus, LogAction, MeetingStatus, SupportArea
from familywork_app.models import Application, Child, Family, FamilyGuardian, Meeting, User, utcnow
from familywork_app.services import ServiceError
from familywork_app.services.access_log import log_access, log_families
from familywork_app.services.meetings import OPEN_STATUSES, MeetingRow, meeting_row
from familywork_app.services.policy import (
    acting_user,
    may_view_family,
    require_family,
    require_record,
    require_staff,
    saved_id,
)
from familywork_app.services.visit_checks import (
    HELSINKI,
    aware_utc,
    checked_methods,
    checked_text,
    helsinki_week,
)
from familywork_app.services.visit_rows import (
    ApplicationSummary,
    ChildRow,
    FamilyRecord,
    GuardianContact,
    OverlapRow,
    WeekRow,
)

CANCEL_REASON_MAX = 1000
RECORDABLE_STATUSES = frozenset({MeetingStatus.AGREED, MeetingStatus.HELD})


def _staff(user: object, ip: object) -> User:
    return require_staff(acting_user(user, ip))


def _own_open(
    session: Session, user: User, *conditions: ColumnElement[bool]
) -> list[tuple[Meeting, Family]]:
    """The user's own open meetings matching `conditions`, in families they may see."""
    stmt = (
        select(Meeting, Family)
        .join(Family, col(Family.id) == col(Meeting.family_id))
        .where(Meeting.worker_id == user.id, col(Meeting.status).in_(OPEN_STATUSES), *conditions)
        .order_by(col(Meeting.starts_at), col(Meeting.id))
    )
    return [(m, f) for m, f in session.exec(stmt) if may_view_family(session, user, f)]


def _log_families(
    session: Session, user: User, rows: list[tuple[Meeting, Family]], action: LogAction, ip: str
) -> None:
    """One access-log row per distinct family in `rows`, then commit."""
    family_ids = list(dict.fromkeys(saved_id(family.id) for _m, family in rows))
    log_families(session, user, family_ids, action, ip)
    session.commit()


def record_visit(
    session: Session,
    user: User,
    meeting_id: object,
    summary: object,
    internal_note: object,
    methods: object,
    ip: str = "",
) -> MeetingRow:
    """Write (or edit) the record of an agreed meeting that has begun; it becomes "held"."""
    _staff(user, ip)
    meeting = require_record(session, user, Meeting, meeting_id, change=True)
    now = utcnow()
    if meeting.status not in RECORDABLE_STATUSES or meeting.starts_at > now:
        raise ServiceError("error.meeting_not_open")
    shared = checked_text(summary, "summary", required=True)
    internal = checked_text(internal_note, "internal_note", required=False)
    chosen = checked_methods(methods)
    meeting.summary, meeting.internal_note, meeting.methods = shared, internal, chosen
    meeting.status = MeetingStatus.HELD
    meeting.held_at = meeting.held_at or now
    session.add(meeting)
    log_access(
        session,
        user,
        meeting.family_id,
        LogAction.RECORD_VISIT,
        detail=f"meeting {meeting.id}",
        ip=ip,
    )
    session.commit()
    return meeting_row(session, meeting, user)


def _overlaps(meeting: Meeting, others: list[Meeting]) -> tuple[int, ...]:
    return tuple(
        saved_id(o.id)
        for o in others
        if o.id != meeting.id and o.starts_at < meeting.ends_at and meeting.starts_at < o.ends_at
    )


def worker_week(session: Session, user: User, week_start: object, ip: str = "") -> list[WeekRow]:
    """The user's own open meetings starting in the Helsinki week of `week_start`."""
    _staff(user, ip)
    start, end = helsinki_week(week_start)
    rows = _own_open(session, user, col(Meeting.starts_at) >= start, col(Meeting.starts_at) < end)
    found = [m for m, _f in rows]
    week = [
        WeekRow(
            id=saved_id(m.id),
            family_id=saved_id(f.id),
            family_name=f.name,
            status=MeetingStatus(m.status),
            starts_at=m.starts_at,
            ends_at=m.ends_at,
            place=m.place,
            topic=m.topic,
            overlaps=_overlaps(m, found),
            interpreter=f.interpreter_language if f.interpreter_needed else "",
            interpreter_booked=bool(m.interpreter_booked),
        )
        for m, f in rows
    ]
    _log_families(session, user, rows, LogAction.VIEW_WEEK, ip)
    return week


def overlapping(
    session: Session,
    user: User,
    starts_at: object,
    ends_at: object,
    exclude_meeting_id: object = None,
    ip: str = "",
) -> list[OverlapRow]:
    """The user's own open meetings overlapping [starts_at, ends_at): a warning before proposing."""
    _staff(user, ip)
    start, end = aware_utc(starts_at, "starts_at"), aware_utc(ends_at, "ends_at")
    if end <= start:
        raise ServiceError("error.date_invalid", field="ends_at")
    conditions = [col(Meeting.starts_at) < end, col(Meeting.ends_at) > start]
    if exclude_meeting_id is not None:
        excluded = require_record(session, user, Meeting, exclude_meeting_id)
        conditions.append(col(Meeting.id) != excluded.id)
    rows = _own_open(session, user, *conditions)
    clashes = [
        OverlapRow(
            id=saved_id(m.id),
            family_name=f.name,
            starts_at=m.starts_at,
            ends_at=m.ends_at,
            status=MeetingStatus(m.status),
        )
        for m, f in rows
    ]
    _log_families(session, user, rows, LogAction.CHECK_OVERLAP, ip)
    return clashes


def close_case(
    session: Session, user: User, family_id: object, closing_summary: object, ip: str = ""
) -> None:
    """Close an active family's case; its future open meetings are cancelled."""
    _staff(user, ip)
    family = require_family(session, user, family_id, change=True)
    if family.status != FamilyStatus.ACTIVE:
        raise ServiceError("error.invalid", field="status")
    text = checked_text(closing_summary, "closing_summary", required=True)
    now = utcnow()
    future = session.exec(
        select(Meeting).where(
            Meeting.family_id == family.id,
            col(Meeting.status).in_(OPEN_STATUSES),
            col(Meeting.starts_at) > now,
        )
    ).all()
    for meeting in future:
        meeting.status = MeetingStatus.CANCELLED
        meeting.cancel_reason = text[:CANCEL_REASON_MAX]
        meeting.cancelled_by_id = user.id
        session.add(meeting)
    family.status, family.closing_summary = FamilyStatus.CLOSED, text
    family.closed_on = now.astimezone(HELSINKI).date()
    session.add(family)
    log_access(
        session,
        user,
        family.id,
        LogAction.CLOSE_CASE,
        detail=f"cancelled {len(future)} meetings",
        ip=ip,
    )
    session.commit()


def _application(session: Session, family_id: int) -> ApplicationSummary | None:
    """The family's newest application, or None."""
    app = session.exec(
        select(Application)
        .where(Application.family_id == family_id)
        .order_by(col(Application.submitted_at).desc(), col(Application.id).desc())
    ).first()
    if app is None:
        return None
    return ApplicationSummary(
        channel=app.channel,
        support_areas=tuple(SupportArea(a) for a in app.support_areas),
        description=app.description,
        reachable=app.reachable,
        status=app.status,
        submitted_at=app.submitted_at,
        decision_note=app.decision_note,
    )


def _people(session: Session, family_id: int) -> tuple[list[User], list[Child]]:
    """The family's guardians (in the order they joined) and children (oldest first)."""
    guardians = session.exec(
        select(User)
        .join(FamilyGuardian, col(FamilyGuardian.user_id) == col(User.id))
        .where(FamilyGuardian.family_id == family_id)
        .order_by(col(FamilyGuardian.id))
    ).all()
    children = session.exec(
        select(Child)
        .where(Child.family_id == family_id)
        .order_by(col(Child.birth_year), col(Child.id))
    ).all()
    return list(guardians), list(children)


def family_record(session: Session, user: User, family_id: object, ip: str = "") -> FamilyRecord:
    """Staff view of a family's page header: the family, its people and its application."""
    _staff(user, ip)
    family = require_family(session, user, family_id)
    fid = saved_id(family.id)
    worker = session.get(User, family.worker_id) if family.worker_id else None
    guardians, children = _people(session, fid)
    record = FamilyRecord(
        id=fid,
        name=family.name,
        municipality=family.municipality,
        address=family.address,
        status=family.status,
        opened_on=family.opened_on,
        closed_on=family.closed_on,
        closing_summary=family.closing_summary,
        worker_id=family.worker_id,
        worker_name=worker.display_name if worker else "",
        guardians=tuple(
            GuardianContact(id=saved_id(g.id), name=g.display_name, email=g.email, phone=g.phone)
            for g in guardians
        ),
        children=tuple(
            ChildRow(first_name=c.first_name, birth_year=c.birth_year) for c in children
        ),
        application=_application(session, fid),
    )
    log_access(session, user, fid, LogAction.VIEW_FAMILY_RECORD, ip=ip)
    session.commit()
    return record
