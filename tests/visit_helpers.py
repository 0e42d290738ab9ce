"""Helpers of the visit, week-view and closing tests: the demo people and families, meetings
written straight into the database, access-log rows since a point, Helsinki times."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import col, func, select

from familywork_app.domain import MeetingStatus
from familywork_app.models import AccessLog, Family, Meeting, utcnow
from tests.conftest import user_by_email

HELSINKI = ZoneInfo("Europe/Helsinki")
BAD_IDS = (None, "1", -1, 0, True, 10**12, {"$gt": 0})


def family_named(db, name):
    return db.exec(select(Family).where(Family.name == name)).one()


def demo_people(db):
    return {
        key: user_by_email(db, f"{key}@example.org")
        for key in ("worker", "worker2", "supervisor", "family")
    }


def last_log_id(db) -> int:
    return db.exec(select(func.max(AccessLog.id))).one() or 0


def logs_since(db, last: int) -> list[tuple[int | None, str]]:
    rows = db.exec(select(AccessLog).where(AccessLog.id > last).order_by(col(AccessLog.id)))
    return [(row.family_id, row.action) for row in rows]


def add_meeting(
    db, family, status=MeetingStatus.AGREED, starts_at=None, minutes=60, worker_id=None
):
    """A meeting written straight into the database (past and agreed states need this)."""
    start = starts_at or utcnow() - timedelta(hours=2)
    meeting = Meeting(
        family_id=family.id,
        worker_id=worker_id or family.worker_id,
        status=status,
        starts_at=start,
        ends_at=start + timedelta(minutes=minutes),
        proposed_by_id=family.worker_id,
        topic="Testikäynti",
    )
    db.add(meeting)
    db.commit()
    return meeting


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def helsinki_at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=HELSINKI).astimezone(UTC)
