"""Goals written together with the family, and progress entries with 0–10 ratings.

Both sides may add entries to an active goal; only staff create and end goals. A guardian of a
closed family may still read the goals but no longer add to them (see `policy.require_family`).
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from familywork_app.domain import GoalStatus, LogAction, Role, SupportArea, values
from familywork_app.models import Goal, GoalEntry, User, utcnow
from familywork_app.services import ServiceError
from familywork_app.services.access_log import log_access
from familywork_app.services.policy import (
    acting_user,
    require_family,
    require_record,
    require_staff,
    valid_id,
)

TITLE_MAX = 200
TEXT_MAX = 2000
RATING_MAX = 10
STATUS_ORDER = {status: order for order, status in enumerate(GoalStatus)}  # active first
END_STATUSES = frozenset({GoalStatus.ACHIEVED, GoalStatus.DROPPED})
SUPPORT_AREAS = frozenset(values(SupportArea))
RATING_TEXT = re.compile(r"[0-9]{1,2}")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True, slots=True)
class GoalEntryRow:
    """One progress entry on a goal: a text, a 0–10 rating or both, with its author."""

    id: int
    author_name: str
    author_role: Role
    text: str
    rating: int | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class RatingPoint:
    """One rating of a goal over time (for the chart)."""

    at: datetime
    rating: int


@dataclass(frozen=True, slots=True)
class GoalRow:
    """A goal of the family with its entries, oldest first."""

    id: int
    title: str
    support_area: SupportArea
    what_we_do: str
    target_date: date | None
    status: GoalStatus
    entries: tuple[GoalEntryRow, ...] = ()

    @property
    def ratings(self) -> tuple[RatingPoint, ...]:
        """The entries that carry a rating, oldest first."""
        return tuple(
            RatingPoint(at=entry.created_at, rating=entry.rating)
            for entry in self.entries
            if entry.rating is not None
        )


def _text(
    value: object, field: str, code_long: str = "error.text_long", limit: int = TEXT_MAX
) -> str:
    """A stripped string of at most `limit` characters."""
    if not isinstance(value, str):
        raise ServiceError("error.invalid", field=field)
    text = value.strip()
    if len(text) > limit:
        raise ServiceError(code_long, field=field)
    return text


def _rating(value: object) -> int | None:
    """None, or 0–10 as an int or a string of digits ("" means no rating)."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if text == "":
            return None
        if not RATING_TEXT.fullmatch(text):
            raise ServiceError("error.rating_range", field="rating")
        value = int(text)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= RATING_MAX:
        raise ServiceError("error.rating_range", field="rating")
    return value


def _target_date(value: object) -> date | None:
    """A date, an ISO "YYYY-MM-DD" string, or nothing."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and ISO_DATE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ServiceError("error.date_invalid", field="target_date")


def _goal_for(session: Session, user: User, goal_id: object) -> Goal:
    """The goal if the user may change its family's record."""
    return require_record(session, user, Goal, goal_id, change=True)


def _entry_row(entry: GoalEntry, author: User) -> GoalEntryRow:
    return GoalEntryRow(
        id=valid_id(entry.id),
        author_name=author.display_name,
        author_role=Role(author.role),
        text=entry.text,
        rating=entry.rating,
        created_at=entry.created_at,
    )


def _goal_row(goal: Goal, entries: tuple[GoalEntryRow, ...] = ()) -> GoalRow:
    return GoalRow(
        id=valid_id(goal.id),
        title=goal.title,
        support_area=SupportArea(goal.support_area),
        what_we_do=goal.what_we_do,
        target_date=goal.target_date,
        status=GoalStatus(goal.status),
        entries=entries,
    )


def _entries_by_goal(session: Session, goal_ids: list[int]) -> dict[int, list[GoalEntryRow]]:
    """Each goal's entries, oldest first, with their authors."""
    found: dict[int, list[GoalEntryRow]] = {goal_id: [] for goal_id in goal_ids}
    if not goal_ids:
        return found
    stmt = (
        select(GoalEntry, User)
        .join(User, col(User.id) == GoalEntry.author_id)
        .where(col(GoalEntry.goal_id).in_(goal_ids))
        .order_by(col(GoalEntry.created_at), col(GoalEntry.id))
    )
    for entry, author in session.exec(stmt):
        found[entry.goal_id].append(_entry_row(entry, author))
    return found


def family_goals(session: Session, user: User, family_id: object, ip: str = "") -> list[GoalRow]:
    """All goals of the family: active first, then achieved, then dropped; by id within."""
    family = require_family(session, acting_user(user, ip), family_id)
    goals = list(
        session.exec(select(Goal).where(Goal.family_id == family.id).order_by(col(Goal.id)))
    )
    goals.sort(key=lambda goal: STATUS_ORDER.get(GoalStatus(goal.status), len(STATUS_ORDER)))
    entries = _entries_by_goal(session, [valid_id(goal.id) for goal in goals])
    rows = [_goal_row(goal, tuple(entries[valid_id(goal.id)])) for goal in goals]
    log_access(session, user, family.id, LogAction.VIEW_GOALS, ip=ip)
    session.commit()
    return rows


def add_goal_entry(
    session: Session, user: User, goal_id: object, text: object, rating: object, ip: str = ""
) -> GoalEntryRow:
    """A progress entry (text, a 0–10 rating or both) on an active goal, from either side."""
    goal = _goal_for(session, acting_user(user, ip), goal_id)
    if goal.status != GoalStatus.ACTIVE:
        raise ServiceError("error.goal_not_active")
    body = _text(text, "text")
    value = _rating(rating)
    if not body and value is None:
        raise ServiceError("error.entry_empty", field="text")
    entry = GoalEntry(
        goal_id=valid_id(goal.id), author_id=valid_id(user.id), text=body, rating=value
    )
    session.add(entry)
    session.flush()
    row = _entry_row(entry, user)
    log_access(
        session, user, goal.family_id, LogAction.ADD_GOAL_ENTRY, detail=f"goal {goal.id}", ip=ip
    )
    session.commit()
    return row


def create_goal(
    session: Session,
    user: User,
    family_id: object,
    title: object,
    support_area: object,
    what_we_do: object,
    target_date: object,
    ip: str = "",
) -> GoalRow:
    """Staff write down a goal agreed with the family."""
    require_staff(acting_user(user, ip))
    family = require_family(session, user, family_id, change=True)
    name = _text(title, "title", "error.title_long", TITLE_MAX)
    if not name:
        raise ServiceError("error.title_required", field="title")
    if not isinstance(support_area, str) or support_area not in SUPPORT_AREAS:
        raise ServiceError("error.area_required", field="support_area")
    goal = Goal(
        family_id=valid_id(family.id),
        title=name,
        support_area=SupportArea(support_area),
        what_we_do=_text(what_we_do, "what_we_do"),
        target_date=_target_date(target_date),
        status=GoalStatus.ACTIVE,
        created_by_id=user.id,
    )
    session.add(goal)
    session.flush()
    row = _goal_row(goal)
    log_access(session, user, family.id, LogAction.CREATE_GOAL, detail=f"goal {goal.id}", ip=ip)
    session.commit()
    return row


def end_goal(session: Session, user: User, goal_id: object, status: object, ip: str = "") -> None:
    """Staff mark an active goal achieved or dropped."""
    require_staff(acting_user(user, ip))
    goal = _goal_for(session, user, goal_id)
    if not isinstance(status, str) or status not in END_STATUSES:
        raise ServiceError("error.invalid", field="status")
    if goal.status != GoalStatus.ACTIVE:
        raise ServiceError("error.goal_not_active")
    goal.status = GoalStatus(status)
    goal.ended_at = utcnow()
    session.add(goal)
    log_access(
        session, user, goal.family_id, LogAction.END_GOAL, detail=f"goal {goal.id}: {status}", ip=ip
    )
    session.commit()
