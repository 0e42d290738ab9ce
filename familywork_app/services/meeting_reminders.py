# pyright: strict
"""Reminders of agreed meetings to the family's guardians: the evening before (at
`FAMILYWORK_REMINDER_EVENING_HOUR`, default 18:00 Helsinki time) and, for those who chose it on
/settings, two hours before. Each goes by the channels the guardian chose (`reminder_delivery`).

Exactly once, with any number of backend workers and across restarts, in three steps per run:
1. plan: every agreed meeting to come gets one `MeetingReminder` row per active guardian and
   kind, keyed by the meeting's start (the unique `uq_meetingreminder` makes a second planner's
   insert fail harmlessly);
2. claim: the due rows still "planned" are read with SELECT ... FOR UPDATE SKIP LOCKED on
   PostgreSQL (another worker skips the rows one holds; SQLite runs the one worker and ignores
   the clause), each is marked "sent" or "dropped", and the transaction commits before
   anything is sent: a restart or a second worker finds nothing left to claim. A reminder goes
   out at most once (a failed push is not tried again);
3. send what was claimed.

No stale reminder: a row is dropped instead of sent when its meeting is no longer agreed
(cancelled, or a change asked), when the meeting moved (its start differs from the row's: the
new start gets rows of its own), when the guardian left the family or turned the two-hour
reminder off, or when its moment has passed (the evening reminder once the meeting's day has
come, the two-hour one once the meeting has started).
"""

import os
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from familywork_app.domain import MeetingReminderKind, MeetingReminderStatus, MeetingStatus
from familywork_app.models import (
    FamilyGuardian,
    Meeting,
    MeetingReminder,
    MeetingReminderChoice,
    User,
    utcnow,
)
from familywork_app.services.policy import saved_id

HELSINKI = ZoneInfo("Europe/Helsinki")
DEFAULT_EVENING_HOUR = 18
BEFORE = timedelta(hours=2)
BATCH = 200  # rows claimed per transaction
Key = tuple[int, int, MeetingReminderKind, datetime]


@dataclass(frozen=True, slots=True)
class ClaimedReminder:
    """A reminder this run claimed and must now send."""

    id: int
    meeting_id: int
    user_id: int
    kind: MeetingReminderKind
    starts_at: datetime


def evening_hour() -> int:
    """The hour (Helsinki time) of the evening-before reminder."""
    raw = os.environ.get("FAMILYWORK_REMINDER_EVENING_HOUR", "")
    return int(raw) if raw.isdigit() and 0 <= int(raw) <= 23 else DEFAULT_EVENING_HOUR


def due_at(kind: MeetingReminderKind, starts_at: datetime) -> datetime:
    """When a reminder of a meeting starting at `starts_at` goes out (aware UTC)."""
    if kind == MeetingReminderKind.TWO_HOURS:
        return starts_at - BEFORE
    day_before = starts_at.astimezone(HELSINKI).date() - timedelta(days=1)
    evening = datetime.combine(day_before, time(evening_hour()), tzinfo=HELSINKI)
    return evening.astimezone(starts_at.tzinfo)


def timely(kind: MeetingReminderKind, starts_at: datetime, now: datetime) -> bool:
    """Whether the reminder still makes sense at `now`: the evening one until the meeting's
    day begins (Helsinki time), the two-hour one until the meeting starts."""
    if kind == MeetingReminderKind.TWO_HOURS:
        return now < starts_at
    return now.astimezone(HELSINKI).date() < starts_at.astimezone(HELSINKI).date()


def _kinds(choice: MeetingReminderChoice | None) -> tuple[MeetingReminderKind, ...]:
    if choice is not None and choice.two_hours:
        return (MeetingReminderKind.EVENING, MeetingReminderKind.TWO_HOURS)
    return (MeetingReminderKind.EVENING,)


def _guardians(session: Session, family_ids: list[int]) -> dict[int, list[int]]:
    """family id -> its active guardians' ids."""
    found: dict[int, list[int]] = {}
    if not family_ids:
        return found
    stmt = (
        select(FamilyGuardian.family_id, User.id)
        .join(User, col(User.id) == FamilyGuardian.user_id)
        .where(col(FamilyGuardian.family_id).in_(family_ids), col(User.is_active).is_(True))
    )
    for family_id, user_id in session.exec(stmt):
        found.setdefault(family_id, []).append(saved_id(user_id))
    return found


def _choices(session: Session, user_ids: set[int]) -> dict[int, MeetingReminderChoice]:
    if not user_ids:
        return {}
    rows = session.exec(
        select(MeetingReminderChoice).where(col(MeetingReminderChoice.user_id).in_(user_ids))
    )
    return {row.user_id: row for row in rows}


def _planned_keys(session: Session, meeting_ids: list[int]) -> set[Key]:
    if not meeting_ids:
        return set()
    stmt = select(
        MeetingReminder.meeting_id,
        MeetingReminder.user_id,
        MeetingReminder.kind,
        MeetingReminder.starts_at,
    ).where(col(MeetingReminder.meeting_id).in_(meeting_ids))
    return {(m, u, MeetingReminderKind(k), s) for m, u, k, s in session.exec(stmt)}


def plan_reminders(session: Session, now: datetime) -> int:
    """Plan the reminders of every agreed meeting to come that are still timely; how many new
    rows this call added."""
    meetings = session.exec(
        select(Meeting).where(Meeting.status == MeetingStatus.AGREED, Meeting.starts_at > now)
    ).all()
    guardians = _guardians(session, sorted({m.family_id for m in meetings}))
    choices = _choices(session, {u for ids in guardians.values() for u in ids})
    planned = _planned_keys(session, [saved_id(m.id) for m in meetings])
    added = 0
    for meeting in meetings:
        for user_id in guardians.get(meeting.family_id, []):
            for kind in _kinds(choices.get(user_id)):
                key = (saved_id(meeting.id), user_id, kind, meeting.starts_at)
                if key in planned or not timely(kind, meeting.starts_at, now):
                    continue
                added += _plan_one(session, key, now)
    session.commit()
    return added


def _plan_one(session: Session, key: Key, now: datetime) -> int:
    meeting_id, user_id, kind, starts_at = key
    row = MeetingReminder(
        meeting_id=meeting_id,
        user_id=user_id,
        kind=kind,
        starts_at=starts_at,
        due_at=due_at(kind, starts_at),
        planned_at=now,
    )
    try:
        with session.begin_nested():  # another worker planned it first: keep theirs
            session.add(row)
        return 1
    except IntegrityError:
        return 0


def _stale(session: Session, row: MeetingReminder, now: datetime) -> bool:
    meeting = session.get(Meeting, row.meeting_id)
    if meeting is None or meeting.status != MeetingStatus.AGREED:
        return True
    if meeting.starts_at != row.starts_at or not timely(row.kind, row.starts_at, now):
        return True
    if saved_id(row.user_id) not in _guardians(session, [meeting.family_id]).get(
        meeting.family_id, []
    ):
        return True
    if row.kind == MeetingReminderKind.TWO_HOURS:
        choice = _choices(session, {row.user_id}).get(row.user_id)
        return choice is None or not choice.two_hours
    return False


def claim_due(
    session: Session, now: datetime, limit: int = BATCH
) -> tuple[list[ClaimedReminder], int]:
    """Claim up to `limit` due reminders in one transaction: each row is marked sent (to be
    sent by this caller) or dropped (stale), and committed before anything goes out. Returns
    the claimed ones and how many rows were examined."""
    stmt = (
        select(MeetingReminder)
        .where(
            MeetingReminder.status == MeetingReminderStatus.PLANNED,
            MeetingReminder.due_at <= now,
        )
        .order_by(col(MeetingReminder.due_at), col(MeetingReminder.id))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = session.exec(stmt).all()
    claimed: list[ClaimedReminder] = []
    for row in rows:
        if _stale(session, row, now):
            row.status = MeetingReminderStatus.DROPPED
        else:
            row.status, row.sent_at = MeetingReminderStatus.SENT, now
            claimed.append(
                ClaimedReminder(
                    saved_id(row.id), row.meeting_id, row.user_id, row.kind, row.starts_at
                )
            )
        session.add(row)
    session.commit()
    return claimed, len(rows)


def claim_all_due(session: Session, now: datetime | None = None) -> list[ClaimedReminder]:
    """Plan, then claim every due reminder at `now` (default: now), batch by batch."""
    moment = now or utcnow()
    plan_reminders(session, moment)
    claimed: list[ClaimedReminder] = []
    while True:
        batch, examined = claim_due(session, moment)
        claimed.extend(batch)
        if examined < BATCH:
            return claimed
