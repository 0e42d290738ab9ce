"""Checking what staff send to the visit services (`visits`): texts of bounded length, the
methods used in a visit, aware times and the Helsinki week of a date. Each raises ServiceError
naming the field when the value is wrong.
"""

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import cast
from zoneinfo import ZoneInfo

from familywork_app.domain import Method, values
from familywork_app.services import ServiceError

HELSINKI = ZoneInfo("Europe/Helsinki")
TEXT_MAX = 4000
METHODS_MAX_ITEMS = 50
METHOD_VALUES = frozenset(values(Method))
FIRST_YEAR, LAST_YEAR = 2000, 2100


def checked_text(value: object, field: str, required: bool) -> str:
    """A stripped string of at most TEXT_MAX characters (non-empty when `required`)."""
    if not isinstance(value, str):
        raise ServiceError("error.invalid", field=field)
    text = value.strip()
    if required and not text:
        raise ServiceError("error.note_required", field=field)
    if len(text) > TEXT_MAX:
        raise ServiceError("error.text_long", field=field)
    return text


def checked_methods(value: object) -> list[str]:
    """A list of methods as stored: each once, in the order of `Method`."""
    if not isinstance(value, (list, tuple)):
        raise ServiceError("error.invalid", field="methods")
    chosen = cast("Sequence[object]", value)  # anything from outside: each item checked here
    if len(chosen) > METHODS_MAX_ITEMS or any(
        not isinstance(m, str) or m not in METHOD_VALUES for m in chosen
    ):
        raise ServiceError("error.invalid", field="methods")
    return [m.value for m in Method if m in chosen]


def aware_utc(value: object, field: str) -> datetime:
    """An aware datetime in FIRST_YEAR..LAST_YEAR, as UTC."""
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise ServiceError("error.date_invalid", field=field)
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ServiceError("error.date_invalid", field=field)
    return value.astimezone(UTC)


def helsinki_week(value: object) -> tuple[datetime, datetime]:
    """[Monday 00:00, next Monday 00:00) in Helsinki, as UTC, for the week holding `value`."""
    if (
        not isinstance(value, date)
        or isinstance(value, datetime)
        or not FIRST_YEAR <= value.year <= LAST_YEAR
    ):
        raise ServiceError("error.date_invalid", field="week_start")
    monday = value - timedelta(days=value.weekday())
    start = datetime.combine(monday, time(0), tzinfo=HELSINKI)
    end = datetime.combine(monday + timedelta(days=7), time(0), tzinfo=HELSINKI)
    return start.astimezone(UTC), end.astimezone(UTC)
