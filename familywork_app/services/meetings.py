"""Meetings agreed by both sides: propose, agree, ask for another time, cancel, move.

Nothing is "agreed" until the side that did not propose the time has agreed to it. The family
never sees a meeting's internal note.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from familywork_app.domain import LogAction, MeetingPlace, MeetingStatus, Method, Role, values
from familywork_app.models import Meeting, User, utcnow
from familywork_app.services import ServiceError, notifications
from familywork_app.services.access_log import log_access
from familywork_app.services.policy import (
    require_family,
    require_record,
    require_staff,
    saved_id,
    side,
)

OPEN_STATUSES = (MeetingStatus.PROPOSED, MeetingStatus.AGREED, MeetingStatus.CHANGE_REQUESTED)
ANSWERABLE_STATUSES = frozenset({MeetingStatus.PROPOSED, MeetingStatus.AGREED})
PLACES = frozenset(values(MeetingPlace))
NOTE_MAX = 1000
SHORT_MAX = 200  # place detail and topic are cut to their column length
MINUTES_MIN, MINUTES_MAX = 15, 480


@dataclass(frozen=True, slots=True)
class MeetingRow:
    """A meeting as `viewer` may see it. `internal_note` is None for a guardian: the family
    never receives it. `proposed_by_other_side`: the viewer's side may answer the proposal."""

    id: int
    status: MeetingStatus
    starts_at: datetime
    ends_at: datetime
    place: MeetingPlace
    place_detail: str
    topic: str
    worker_name: str
    proposed_by_other_side: bool
    change_note: str
    cancel_reason: str
    summary: str  # shared with the family once the meeting is held
    methods: tuple[Method, ...]
    internal_note: str | None


@dataclass(frozen=True, slots=True)
class FamilyMeetings:
    """A family's meetings: the open ones to come (soonest first), then the rest (newest first)."""

    upcoming: tuple[MeetingRow, ...]
    past: tuple[MeetingRow, ...]


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


def meeting_row(
    session: Session, meeting: Meeting, viewer: User, people: dict[int, User | None] | None = None
) -> MeetingRow:
    """A meeting as `viewer` sees it. `people` keeps the users already looked up when many
    meetings are shown (the session's identity map holds them only weakly)."""
    people = {} if people is None else people
    for user_id in (meeting.proposed_by_id, meeting.worker_id):
        if user_id and user_id not in people:
            people[user_id] = session.get(User, user_id)
    proposer = people.get(meeting.proposed_by_id) if meeting.proposed_by_id else None
    worker = people.get(meeting.worker_id) if meeting.worker_id else None
    status = MeetingStatus(meeting.status)
    return MeetingRow(
        id=saved_id(meeting.id),
        status=status,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        place=MeetingPlace(meeting.place),
        place_detail=meeting.place_detail,
        topic=meeting.topic,
        worker_name=worker.display_name if worker else "",
        proposed_by_other_side=proposer is not None and side(proposer) != side(viewer),
        change_note=meeting.change_note,
        cancel_reason=meeting.cancel_reason,
        summary=meeting.summary if status == MeetingStatus.HELD else "",
        methods=tuple(Method(m) for m in meeting.methods),
        internal_note=None if viewer.role == Role.GUARDIAN else meeting.internal_note,
    )


def family_meetings(
    session: Session, user: User, family_id: object, ip: str = ""
) -> FamilyMeetings:
    """Upcoming open meetings (soonest first) and past ones (newest first)."""
    family = require_family(session, user, family_id)
    now = utcnow()
    meetings = session.exec(
        select(Meeting).where(Meeting.family_id == family.id).order_by(col(Meeting.starts_at))
    ).all()
    upcoming = [m for m in meetings if m.status in OPEN_STATUSES and m.ends_at >= now]
    open_ids = {m.id for m in upcoming}
    past = [m for m in reversed(meetings) if m.id not in open_ids]
    log_access(session, user, family.id, LogAction.VIEW_MEETINGS, ip=ip)
    session.commit()
    people: dict[int, User | None] = {saved_id(user.id): user}
    return FamilyMeetings(
        upcoming=tuple(meeting_row(session, m, user, people) for m in upcoming),
        past=tuple(meeting_row(session, m, user, people) for m in past),
    )


def _commit(
    session: Session, user: User, meeting: Meeting, action: LogAction, ip: str
) -> MeetingRow:
    log_access(session, user, meeting.family_id, action, detail=f"meeting {meeting.id}", ip=ip)
    session.add(meeting)
    session.commit()
    row = meeting_row(session, meeting, user)
    notifications.meeting_changed(session, user, meeting, action)  # proposed, moved, cancelled
    return row


def agree_meeting(session: Session, user: User, meeting_id: object, ip: str = "") -> MeetingRow:
    """Agree to a time the other side proposed."""
    meeting = _meeting_for(session, user, meeting_id)
    proposer = session.get(User, meeting.proposed_by_id) if meeting.proposed_by_id else None
    if meeting.status != MeetingStatus.PROPOSED or meeting.starts_at <= utcnow():
        raise ServiceError("error.meeting_not_open")
    if proposer is not None and side(proposer) == side(user):
        raise ServiceError("error.meeting_own_proposal")
    meeting.status = MeetingStatus.AGREED
    meeting.agreed_at = utcnow()
    return _commit(session, user, meeting, LogAction.AGREE_MEETING, ip)


def request_change(
    session: Session, user: User, meeting_id: object, note: object, ip: str = ""
) -> MeetingRow:
    """Ask for another time, saying why or what would suit."""
    text = _note(note, "change_note")
    meeting = _meeting_for(session, user, meeting_id)
    if meeting.status not in ANSWERABLE_STATUSES or meeting.starts_at <= utcnow():
        raise ServiceError("error.meeting_not_open")
    meeting.status = MeetingStatus.CHANGE_REQUESTED
    meeting.change_note = text
    meeting.agreed_at = None
    return _commit(session, user, meeting, LogAction.REQUEST_MEETING_CHANGE, ip)


def cancel_meeting(
    session: Session, user: User, meeting_id: object, reason: object, ip: str = ""
) -> MeetingRow:
    """Either side cancels an open meeting with a reason."""
    text = _note(reason, "cancel_reason")
    meeting = _meeting_for(session, user, meeting_id)
    if meeting.status not in OPEN_STATUSES or meeting.starts_at <= utcnow():
        raise ServiceError("error.meeting_not_open")
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancel_reason = text
    meeting.cancelled_by_id = user.id
    return _commit(session, user, meeting, LogAction.CANCEL_MEETING, ip)


def _check_time(starts_at: object, duration_minutes: object) -> tuple[datetime, datetime]:
    if not isinstance(starts_at, datetime) or starts_at.tzinfo is None:
        raise ServiceError("error.date_invalid", field="starts_at")
    start = starts_at.astimezone(UTC)
    if start <= utcnow():
        raise ServiceError("error.meeting_in_past", field="starts_at")
    if (
        not isinstance(duration_minutes, int)
        or isinstance(duration_minutes, bool)
        or not MINUTES_MIN <= duration_minutes <= MINUTES_MAX
    ):
        raise ServiceError("error.duration_range", field="duration")
    return start, start + timedelta(minutes=duration_minutes)


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
) -> MeetingRow:
    """A worker proposes a time; the family agrees or asks for another."""
    require_staff(user)
    family = require_family(session, user, family_id, change=True)
    start, end = _check_time(starts_at, duration_minutes)
    if not isinstance(place, str) or place not in PLACES:
        raise ServiceError("error.place_required", field="place")
    meeting = Meeting(
        family_id=saved_id(family.id),
        worker_id=family.worker_id or user.id,
        status=MeetingStatus.PROPOSED,
        starts_at=start,
        ends_at=end,
        place=MeetingPlace(place),
        place_detail=_note(place_detail, "place_detail", required=False)[:SHORT_MAX],
        topic=_note(topic, "topic", required=False)[:SHORT_MAX],
        proposed_by_id=user.id,
    )
    session.add(meeting)
    session.flush()
    return _commit(session, user, meeting, LogAction.PROPOSE_MEETING, ip)


def move_meeting(
    session: Session,
    user: User,
    meeting_id: object,
    starts_at: object,
    duration_minutes: object,
    ip: str = "",
) -> MeetingRow:
    """Propose a new time for an open meeting (answering a change request, say)."""
    require_staff(user)
    meeting = _meeting_for(session, user, meeting_id)
    if meeting.status not in OPEN_STATUSES:
        raise ServiceError("error.meeting_not_open")
    meeting.starts_at, meeting.ends_at = _check_time(starts_at, duration_minutes)
    meeting.status = MeetingStatus.PROPOSED
    meeting.proposed_by_id = user.id
    meeting.proposed_at = utcnow()
    meeting.agreed_at = None
    meeting.change_note = ""  # the request is answered by the new proposal
    return _commit(session, user, meeting, LogAction.MOVE_MEETING, ip)
