"""The checks of what staff and the family send for a client plan (`client_plan`): every field
is checked before anything is written, and a refusal names its field."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import cast

from sqlmodel import Session, col, select

from familywork_app.models import Goal
from familywork_app.services import NotAllowed, ServiceError
from familywork_app.services.case_process import ISO_DATE, helsinki_today
from familywork_app.services.client_plan_rows import PlanEntry
from familywork_app.services.policy import valid_id

TEXT_MAX = 4000
RHYTHM_MAX = 200
COMMENT_MAX = 1000


@dataclass(frozen=True, slots=True)
class CheckedPlan:
    """A `PlanEntry` after its checks (None: keep what the version has)."""

    worker_view: str
    who_does_what: str
    meeting_rhythm: str
    differences: str
    next_review: date | None
    family_view: str | None
    family_strengths: str | None
    goal_ids: tuple[int, ...] | None


def checked_text(value: object, field: str, limit: int = TEXT_MAX) -> str:
    """A stripped text of at most `limit` characters."""
    if not isinstance(value, str):
        raise ServiceError("error.invalid", field=field)
    text = value.strip()
    if len(text) > limit:
        raise ServiceError("error.text_long", field=field)
    return text


def review_day(value: object) -> date | None:
    """Nothing, or a date (or ISO text) from today on."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    day: date | None = None
    if isinstance(value, date) and not isinstance(value, datetime):
        day = value
    elif isinstance(value, str) and ISO_DATE.fullmatch(value.strip()):
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            day = None
    if day is None:
        raise ServiceError("error.date_invalid", field="next_review")
    if day < helsinki_today():
        raise ServiceError("error.review_in_past", field="next_review")
    return day


def goal_ids(session: Session, family_id: int, value: object) -> tuple[int, ...] | None:
    """The goals chosen for the plan: ids of this family's own goals (another family's goal, or
    an unknown id, is refused like any forged id)."""
    if value is None:
        return None
    if not isinstance(value, list | tuple):
        raise ServiceError("error.invalid", field="goals")
    ids = tuple(dict.fromkeys(valid_id(v) for v in cast("Sequence[object]", value)))
    if ids:
        found = session.exec(
            select(Goal.id).where(col(Goal.id).in_(ids), Goal.family_id == family_id)
        ).all()
        if len(found) != len(ids):
            raise NotAllowed()
    return ids


def _optional(value: object, field: str) -> str | None:
    return None if value is None else checked_text(value, field)


def checked_plan(session: Session, family_id: int, entry: PlanEntry) -> CheckedPlan:
    """Every field of `entry` checked, in the form's order."""
    return CheckedPlan(
        family_view=_optional(entry.family_view, "family_view"),
        family_strengths=_optional(entry.family_strengths, "family_strengths"),
        worker_view=checked_text(entry.worker_view, "worker_view"),
        who_does_what=checked_text(entry.who_does_what, "who_does_what"),
        meeting_rhythm=checked_text(entry.meeting_rhythm, "meeting_rhythm", RHYTHM_MAX),
        differences=checked_text(entry.differences, "differences"),
        next_review=review_day(entry.next_review),
        goal_ids=goal_ids(session, family_id, entry.goal_ids),
    )
