"""The interpreter a family needs (issue 17).

The worker records on the family's record whether the family needs an interpreter and in which
language; every meeting of the family then shows it to staff, with whether an interpreter is
booked for that meeting (asked on the proposal form; `Meeting.interpreter_booked`, None when
the family needs none). Staff only: the family's own pages do not show it. Reads and changes
are in the access log.
"""

import re
from dataclasses import dataclass

from sqlmodel import Session, col, select

from familywork_app.domain import LogAction
from familywork_app.models import Family, Meeting, User
from familywork_app.services import ServiceError
from familywork_app.services.access_log import log_access
from familywork_app.services.policy import (
    acting_user,
    require_family,
    require_record,
    require_staff,
    valid_id,
)

LANGUAGE_MAX = 60
# A language's name in any script: letters, spaces, hyphens, brackets, commas, slashes.
LANGUAGE_RE = re.compile(r"[^\W\d_]+(?:[ \-,/()']+[^\W\d_]*)*\)?")


@dataclass(frozen=True, slots=True)
class InterpreterNeed:
    """The family's need, and the meetings (ids) with an interpreter booked."""

    family_id: int
    needed: bool
    language: str  # "" when not needed
    booked_meetings: tuple[int, ...] = ()


def checked_language(needed: bool, language: object) -> str:
    """The language, tidied; required (and only kept) when an interpreter is needed."""
    if not isinstance(language, str):
        raise ServiceError("error.invalid", field="interpreter-language")
    text = " ".join(language.split())
    if not needed:
        return ""
    if not text:
        raise ServiceError("error.interpreter_language", field="interpreter-language")
    if len(text) > LANGUAGE_MAX:
        raise ServiceError("error.text_long", field="interpreter-language")
    if not LANGUAGE_RE.fullmatch(text):
        raise ServiceError("error.interpreter_language", field="interpreter-language")
    return text


def _booked(session: Session, family_id: int) -> tuple[int, ...]:
    ids = session.exec(
        select(Meeting.id).where(
            Meeting.family_id == family_id, col(Meeting.interpreter_booked).is_(True)
        )
    ).all()
    return tuple(valid_id(i) for i in ids)


def _need(session: Session, family: Family) -> InterpreterNeed:
    family_id = valid_id(family.id)
    needed = family.interpreter_needed
    return InterpreterNeed(
        family_id,
        needed,
        family.interpreter_language if needed else "",
        _booked(session, family_id) if needed else (),
    )


def interpreter_need(
    session: Session, user: User, family_id: object, ip: str = ""
) -> InterpreterNeed:
    """Staff: the family's interpreter need and the booked meetings."""
    require_staff(acting_user(user, ip))
    family = require_family(session, user, family_id)
    log_access(session, user, family.id, LogAction.VIEW_FAMILY_RECORD, detail="interpreter", ip=ip)
    session.commit()
    return _need(session, family)


def set_interpreter(
    session: Session, user: User, family_id: object, needed: object, language: object, ip: str = ""
) -> InterpreterNeed:
    """Staff: record whether the family needs an interpreter, and the language."""
    require_staff(acting_user(user, ip))
    family = require_family(session, user, family_id, change=True)
    if not isinstance(needed, bool):
        raise ServiceError("error.invalid", field="interpreter-needed")
    family.interpreter_language = checked_language(needed, language)  # checked first
    family.interpreter_needed = needed
    session.add(family)
    detail = f"needed {family.interpreter_language}" if needed else "not needed"
    log_access(session, user, family.id, LogAction.SET_INTERPRETER, detail=detail, ip=ip)
    session.commit()
    return _need(session, family)


def set_interpreter_booked(
    session: Session, user: User, meeting_id: object, booked: object, ip: str = ""
) -> bool | None:
    """Staff: whether an interpreter is booked for the meeting (None, kept as such, when the
    family needs none); the value saved."""
    require_staff(acting_user(user, ip))
    meeting = require_record(session, user, Meeting, meeting_id, change=True)
    family = require_family(session, user, meeting.family_id, change=True)
    if not isinstance(booked, bool):
        raise ServiceError("error.invalid", field="interpreter-booked")
    meeting.interpreter_booked = booked if family.interpreter_needed else None
    session.add(meeting)
    detail = f"meeting {meeting.id} booked {meeting.interpreter_booked}"
    log_access(session, user, family.id, LogAction.SET_INTERPRETER, detail=detail, ip=ip)
    session.commit()
    return meeting.interpreter_booked
