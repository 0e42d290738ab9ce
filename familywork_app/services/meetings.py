"""Meetings agreed by both sides: propose, agree, ask for another time, cancel, move.

Nothing is "agreed" until the side that did not propose the time has agreed to it. The family
never sees a meeting's internal note.
"""

from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from familywork_app.models import MEETING_PLACES, Meeting, User, utcnow
from familywork_app.services import ServiceError, notifications
from familywork_app.services.access_log import log_access
from familywork_app.services.policy import require_family, require_record, require_staff, side

OPEN_STATUSES = ("proposed", "agreed", "change_requested")
NOTE_MAX = 1000


def _note(value: object, field: str, required: bool = True) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if required and not text:
        raise ServiceError("error.note_required", field=field)
    if len(text) > NOTE_MAX:
        raise ServiceError("error.text_long", field=field)
    return text


def _meeting_for(session: Session, user: User, meeting_id: object) -> Meeting:
    """The meeting if the user may change its family's record."""
    return require_record(session, user, Meeting, meeting_id, change=True)


def meeting_data(
    session: Session, meeting: Meeting, viewer: User, people: dict[int, User | None] | None = None
) -> dict:
    """Plain data of a meeting for `viewer`. `people` keeps the users already looked up when
    many meetings are shown (the session's identity map holds them only weakly)."""
    people = {} if people is None else people
    for user_id in (meeting.proposed_by_id, meeting.worker_id):
        if user_id and user_id not in people:
            people[user_id] = session.get(User, user_id)
    proposer = people.get(meeting.proposed_by_id) if meeting.proposed_by_id else None
    worker = people.get(meeting.worker_id) if meeting.worker_id else None
    data = {
        "id": meeting.id,
        "status": meeting.status,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "place": meeting.place,
        "place_detail": meeting.place_detail,
        "topic": meeting.topic,
        "worker_name": worker.display_name if worker else "",
        "proposed_by_other_side": proposer is not None and side(proposer) != side(viewer),
        "change_note": meeting.change_note,
        "cancel_reason": meeting.cancel_reason,
        "summary": meeting.summary if meeting.status == "held" else "",
        "methods": [m for m in meeting.methods.split(",") if m],
    }
    if viewer.role != "guardian":
        data["internal_note"] = meeting.internal_note
    return data


def family_meetings(session: Session, user: User, family_id: object, ip: str = "") -> dict:
    """Upcoming open meetings (soonest first) and past ones (newest first)."""
    family = require_family(session, user, family_id)
    now = utcnow()
    meetings = session.exec(
        select(Meeting).where(Meeting.family_id == family.id).order_by(col(Meeting.starts_at))
    ).all()
    upcoming = [m for m in meetings if m.status in OPEN_STATUSES and m.ends_at >= now]
    open_ids = {m.id for m in upcoming}
    past = [m for m in reversed(meetings) if m.id not in open_ids]
    log_access(session, user, family.id, "view_meetings", ip=ip)
    session.commit()
    people: dict[int, User | None] = {user.id: user}
    return {
        "upcoming": [meeting_data(session, m, user, people) for m in upcoming],
        "past": [meeting_data(session, m, user, people) for m in past],
    }


def _commit(session: Session, user: User, meeting: Meeting, action: str, ip: str) -> dict:
    log_access(session, user, meeting.family_id, action, detail=f"meeting {meeting.id}", ip=ip)
    session.add(meeting)
    session.commit()
    data = meeting_data(session, meeting, user)
    notifications.meeting_changed(session, user, meeting, action)  # proposed, moved, cancelled
    return data


def agree_meeting(session: Session, user: User, meeting_id: object, ip: str = "") -> dict:
    """Agree to a time the other side proposed."""
    meeting = _meeting_for(session, user, meeting_id)
    proposer = session.get(User, meeting.proposed_by_id) if meeting.proposed_by_id else None
    if meeting.status != "proposed" or meeting.starts_at <= utcnow():
        raise ServiceError("error.meeting_not_open")
    if proposer is not None and side(proposer) == side(user):
        raise ServiceError("error.meeting_own_proposal")
    meeting.status = "agreed"
    meeting.agreed_at = utcnow()
    return _commit(session, user, meeting, "agree_meeting", ip)


def request_change(
    session: Session, user: User, meeting_id: object, note: object, ip: str = ""
) -> dict:
    """Ask for another time, saying why or what would suit."""
    text = _note(note, "change_note")
    meeting = _meeting_for(session, user, meeting_id)
    if meeting.status not in ("proposed", "agreed") or meeting.starts_at <= utcnow():
        raise ServiceError("error.meeting_not_open")
    meeting.status = "change_requested"
    meeting.change_note = text
    meeting.agreed_at = None
    return _commit(session, user, meeting, "request_meeting_change", ip)


def cancel_meeting(
    session: Session, user: User, meeting_id: object, reason: object, ip: str = ""
) -> dict:
    """Either side cancels an open meeting with a reason."""
    text = _note(reason, "cancel_reason")
    meeting = _meeting_for(session, user, meeting_id)
    if meeting.status not in OPEN_STATUSES or meeting.starts_at <= utcnow():
        raise ServiceError("error.meeting_not_open")
    meeting.status = "cancelled"
    meeting.cancel_reason = text
    meeting.cancelled_by_id = user.id
    return _commit(session, user, meeting, "cancel_meeting", ip)


def _check_time(starts_at: object, duration_minutes: object) -> tuple[datetime, datetime]:
    if not isinstance(starts_at, datetime) or starts_at.tzinfo is None:
        raise ServiceError("error.date_invalid", field="starts_at")
    starts_at = starts_at.astimezone(UTC)
    if starts_at <= utcnow():
        raise ServiceError("error.meeting_in_past", field="starts_at")
    if (
        not isinstance(duration_minutes, int)
        or isinstance(duration_minutes, bool)
        or not 15 <= duration_minutes <= 480
    ):
        raise ServiceError("error.duration_range", field="duration")
    return starts_at, starts_at + timedelta(minutes=duration_minutes)


def propose_meeting(
    session: Session,
    user: User,
    family_id: object,
    starts_at: object,
    duration_minutes: object,
    place: object,
    place_detail: object,
    topic: object,
    ip: str = "",
) -> dict:
    """A worker proposes a time; the family agrees or asks for another."""
    require_staff(user)
    family = require_family(session, user, family_id, change=True)
    start, end = _check_time(starts_at, duration_minutes)
    if place not in MEETING_PLACES:
        raise ServiceError("error.place_required", field="place")
    meeting = Meeting(
        family_id=family.id,
        worker_id=family.worker_id or user.id,
        status="proposed",
        starts_at=start,
        ends_at=end,
        place=place,
        place_detail=_note(place_detail, "place_detail", required=False)[:200],
        topic=_note(topic, "topic", required=False)[:200],
        proposed_by_id=user.id,
    )
    session.add(meeting)
    session.flush()
    return _commit(session, user, meeting, "propose_meeting", ip)


def move_meeting(
    session: Session,
    user: User,
    meeting_id: object,
    starts_at: object,
    duration_minutes: object,
    ip: str = "",
) -> dict:
    """Propose a new time for an open meeting (answering a change request, say)."""
    require_staff(user)
    meeting = _meeting_for(session, user, meeting_id)
    if meeting.status not in OPEN_STATUSES:
        raise ServiceError("error.meeting_not_open")
    meeting.starts_at, meeting.ends_at = _check_time(starts_at, duration_minutes)
    meeting.status = "proposed"
    meeting.proposed_by_id = user.id
    meeting.proposed_at = utcnow()
    meeting.agreed_at = None
    return _commit(session, user, meeting, "move_meeting", ip)
