"""Goals written together with the family, and progress entries with 0–10 ratings.

Both sides may add entries to an active goal; only staff create and end goals. A guardian of a
closed family may still read the goals but no longer add to them (see `policy.require_family`).
"""

import re
from datetime import date, datetime

from sqlmodel import Session, col, select

from familywork_app.models import SUPPORT_AREAS, Goal, GoalEntry, User, utcnow
from familywork_app.services import ServiceError
from familywork_app.services.access_log import log_access
from familywork_app.services.policy import (
    acting_user,
    require_family,
    require_record,
    require_staff,
)

TITLE_MAX = 200
TEXT_MAX = 2000
STATUS_ORDER = {"active": 0, "achieved": 1, "dropped": 2}
END_STATUSES = ("achieved", "dropped")
RATING_TEXT = re.compile(r"[0-9]{1,2}")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


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
        value = value.strip()
        if value == "":
            return None
        if not RATING_TEXT.fullmatch(value):
            raise ServiceError("error.rating_range", field="rating")
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 10:
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


def _entry_data(entry: GoalEntry, author: User | None) -> dict:
    return {
        "id": entry.id,
        "author_name": author.display_name if author else "",
        "author_role": author.role if author else "",
        "text": entry.text,
        "rating": entry.rating,
        "created_at": entry.created_at,
    }


def _goal_data(goal: Goal, entries: list[dict]) -> dict:
    return {
        "id": goal.id,
        "title": goal.title,
        "support_area": goal.support_area,
        "what_we_do": goal.what_we_do,
        "target_date": goal.target_date,
        "status": goal.status,
        "entries": entries,
        "ratings": [
            {"at": e["created_at"], "rating": e["rating"]}
            for e in entries
            if e["rating"] is not None
        ],
    }


def _entries_by_goal(session: Session, goal_ids: list[int]) -> dict[int, list[dict]]:
    """Each goal's entries, oldest first, with their authors."""
    found: dict[int, list[dict]] = {goal_id: [] for goal_id in goal_ids}
    if not goal_ids:
        return found
    stmt = (
        select(GoalEntry, User)
        .join(User, User.id == GoalEntry.author_id)
        .where(col(GoalEntry.goal_id).in_(goal_ids))
        .order_by(col(GoalEntry.created_at), col(GoalEntry.id))
    )
    for entry, author in session.exec(stmt):
        found[entry.goal_id].append(_entry_data(entry, author))
    return found


def family_goals(session: Session, user: User, family_id: object, ip: str = "") -> list[dict]:
    """All goals of the family: active first, then achieved, then dropped; by id within."""
    family = require_family(session, acting_user(user, ip), family_id)
    goals = list(
        session.exec(select(Goal).where(Goal.family_id == family.id).order_by(col(Goal.id)))
    )
    goals.sort(key=lambda goal: STATUS_ORDER.get(goal.status, len(STATUS_ORDER)))
    entries = _entries_by_goal(session, [goal.id for goal in goals])
    data = [_goal_data(goal, entries[goal.id]) for goal in goals]
    log_access(session, user, family.id, "view_goals", ip=ip)
    session.commit()
    return data


def add_goal_entry(
    session: Session, user: User, goal_id: object, text: object, rating: object, ip: str = ""
) -> dict:
    """A progress entry (text, a 0–10 rating or both) on an active goal, from either side."""
    goal = _goal_for(session, acting_user(user, ip), goal_id)
    if goal.status != "active":
        raise ServiceError("error.goal_not_active")
    body = _text(text, "text")
    value = _rating(rating)
    if not body and value is None:
        raise ServiceError("error.entry_empty", field="text")
    entry = GoalEntry(goal_id=goal.id, author_id=user.id, text=body, rating=value)
    session.add(entry)
    session.flush()
    data = _entry_data(entry, user)
    log_access(session, user, goal.family_id, "add_goal_entry", detail=f"goal {goal.id}", ip=ip)
    session.commit()
    return data


def create_goal(
    session: Session,
    user: User,
    family_id: object,
    title: object,
    support_area: object,
    what_we_do: object,
    target_date: object,
    ip: str = "",
) -> dict:
    """Staff write down a goal agreed with the family."""
    require_staff(acting_user(user, ip))
    family = require_family(session, user, family_id, change=True)
    name = _text(title, "title", "error.title_long", TITLE_MAX)
    if not name:
        raise ServiceError("error.title_required", field="title")
    if not isinstance(support_area, str) or support_area not in SUPPORT_AREAS:
        raise ServiceError("error.area_required", field="support_area")
    goal = Goal(
        family_id=family.id,
        title=name,
        support_area=support_area,
        what_we_do=_text(what_we_do, "what_we_do"),
        target_date=_target_date(target_date),
        status="active",
        created_by_id=user.id,
    )
    session.add(goal)
    session.flush()
    data = _goal_data(goal, [])
    log_access(session, user, family.id, "create_goal", detail=f"goal {goal.id}", ip=ip)
    session.commit()
    return data


def end_goal(session: Session, user: User, goal_id: object, status: object, ip: str = "") -> None:
    """Staff mark an active goal achieved or dropped."""
    require_staff(acting_user(user, ip))
    goal = _goal_for(session, user, goal_id)
    if not isinstance(status, str) or status not in END_STATUSES:
        raise ServiceError("error.invalid", field="status")
    if goal.status != "active":
        raise ServiceError("error.goal_not_active")
    goal.status = status
    goal.ended_at = utcnow()
    session.add(goal)
    log_access(session, user, goal.family_id, "end_goal", detail=f"goal {goal.id}: {status}", ip=ip)
    session.commit()
