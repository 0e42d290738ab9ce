"""The family's worker as the family sees it (issue 17): name, work phone and the hours they are
usually reachable.

Staff keep the hours on their own account page beside the work phone (`services.work_phone`):
weekdays and a time span, Helsinki time; everything empty removes them. The family home shows
the card only to the guardians of an accepted (active) family, through `services.family_home`,
whose read is in the access log.
"""

import re
from dataclasses import dataclass
from datetime import time

from sqlmodel import Session

from familywork_app.domain import FamilyStatus
from familywork_app.models import Family, User
from familywork_app.services import ServiceError
from familywork_app.services.policy import acting_user, require_staff

WEEKDAYS = range(7)  # Monday 0 ... Sunday 6
TIME_RE = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])")
EARLIEST, LATEST = time(6, 0), time(22, 0)  # a work phone is not called at night


@dataclass(frozen=True, slots=True)
class ReachableHours:
    """Weekdays (0 Monday ... 6 Sunday) and a span; `days` empty: not given."""

    days: tuple[int, ...] = ()
    start: time | None = None
    end: time | None = None

    @property
    def given(self) -> bool:
        return bool(self.days) and self.start is not None and self.end is not None


@dataclass(frozen=True, slots=True)
class WorkerCard:
    """Who the family's worker is and how to reach them."""

    name: str
    phone: str  # "" when the worker saved none
    hours: ReachableHours


def reachable_hours_of(staff: User) -> ReachableHours:
    """The hours a staff member saved (nothing read of any family)."""
    days = tuple(sorted({d for d in staff.reachable_days if d in WEEKDAYS}))
    if not days or staff.reachable_from is None or staff.reachable_until is None:
        return ReachableHours()
    return ReachableHours(days, staff.reachable_from, staff.reachable_until)


def _days(value: object) -> tuple[int, ...]:
    if not isinstance(value, (list, tuple)):
        raise ServiceError("error.invalid", field="reachable-days")
    days: set[int] = set()
    for item in value:  # pyright: ignore[reportUnknownVariableType]  (checked item by item)
        text = str(item)  # pyright: ignore[reportUnknownArgumentType]  (any value: refused)
        if not (text.isascii() and text.isdigit() and int(text) in WEEKDAYS):
            raise ServiceError("error.invalid", field="reachable-days")
        days.add(int(text))
    return tuple(sorted(days))


def _time(value: object, field: str) -> time | None:
    if not isinstance(value, str):
        raise ServiceError("error.invalid", field=field)
    text = value.strip()
    if not text:
        return None
    match = TIME_RE.fullmatch(text)
    if match is None:
        raise ServiceError("error.reachable_time", field=field)
    return time(int(match.group(1)), int(match.group(2)))


def checked_hours(days: object, start: object, end: object) -> ReachableHours:
    """The hours from a form: all empty removes them; otherwise at least one weekday and a span
    from `start` to a later `end` within 06:00-22:00."""
    weekdays = _days(days)
    begins, ends = _time(start, "reachable-from"), _time(end, "reachable-until")
    if not weekdays and begins is None and ends is None:
        return ReachableHours()
    if not weekdays:
        raise ServiceError("error.reachable_days", field="reachable-days")
    if begins is None:
        raise ServiceError("error.reachable_time", field="reachable-from")
    if ends is None:
        raise ServiceError("error.reachable_time", field="reachable-until")
    if not EARLIEST <= begins < ends <= LATEST:
        raise ServiceError("error.reachable_order", field="reachable-until")
    return ReachableHours(weekdays, begins, ends)


def set_reachable_hours(
    session: Session, user: User, days: object, start: object, end: object, ip: str = ""
) -> ReachableHours:
    """Save the signed-in staff member's own reachable hours; the hours saved."""
    require_staff(acting_user(user, ip))
    hours = checked_hours(days, start, end)
    user.reachable_days = list(hours.days)
    user.reachable_from, user.reachable_until = hours.start, hours.end
    session.add(user)
    session.commit()
    return hours


def worker_card_for(session: Session, family: Family) -> WorkerCard | None:
    """The card of an accepted family's worker; None before acceptance, after closing, or
    without a worker. The caller has authorised the family and logs the read."""
    if family.status != FamilyStatus.ACTIVE or family.worker_id is None:
        return None
    worker = session.get(User, family.worker_id)
    if worker is None:
        return None
    return WorkerCard(worker.display_name, worker.phone, reachable_hours_of(worker))
