"""Helpers of the visit, week-view and closing tests: the people and their family (built by the
factories), meetings written straight into the database, access-log rows since a point, Helsinki
times."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import col, func, select

from familywork_app.domain import MeetingStatus, Role
from familywork_app.models import AccessLog, Meeting, utcnow
from tests.factories import FamilyWorld, make_family, make_user

HELSINKI = ZoneInfo("Europe/Helsinki")
BAD_IDS = (None, "1", -1, 0, True, 10**12, {"$gt": 0})


def visit_world(db) -> tuple[dict, FamilyWorld]:
    """The people (`worker` Anna Heikkinen, `worker2`, `supervisor`, and `family`: the first of
    the family's guardians Laura and Jussi) and the worker's family, with no meetings yet."""
    worker = make_user(db, Role.WORKER, "Anna Heikkinen")
    world = make_family(db, worker, guardians=["Laura Virtanen", "Jussi Virtanen"])
    people = {
        "worker": worker,
        "worker2": make_user(db, Role.WORKER),
        "supervisor": make_user(db, Role.SUPERVISOR),
        "family": world.guardians[0],
    }
    return people, world


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


def agreed_visit(db, family, days: int = 3, hour: int = 10):
    """An agreed visit `days` ahead at `hour` o'clock Helsinki time (a fixed hour, so that the
    tests' other meetings of that week never overlap it by chance)."""
    day = datetime.now(HELSINKI).date() + timedelta(days=days)
    return add_meeting(db, family, starts_at=helsinki_at(day, hour))


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def helsinki_at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=HELSINKI).astimezone(UTC)
