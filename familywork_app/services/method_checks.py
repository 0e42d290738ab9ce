"""Checking the answers of the methods done together, for `services.methods`: a value on a
scale, a note, a dict sent from the browser, and who answered (a guardian or a child of this
family, or the worker). Each refusal is a `ServiceError` naming the field it belongs to.
"""

from dataclasses import dataclass
from typing import cast

from sqlmodel import Session, select

from familywork_app.domain import Respondent
from familywork_app.models import Child, Family, FamilyGuardian, User
from familywork_app.services import NotAllowed, ServiceError
from familywork_app.services.policy import valid_id

NOTE_MAX = 2000  # MethodRecord.note


@dataclass(frozen=True, slots=True)
class Answerer:
    """Who answered an evaluation or a check-in."""

    respondent: Respondent
    user_id: int | None = None
    child_id: int | None = None


def scale(value: object, allowed: tuple[int, ...], field: str) -> int:
    """An int (or a string of digits) from `allowed`."""
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 3:
        value = int(value.strip())
    if not isinstance(value, int) or isinstance(value, bool) or value not in allowed:
        raise ServiceError("error.answer_required", field=field)
    return value


def mapping(value: object, field: str) -> dict[object, object]:
    """`value` if it is a dict (of anything: the caller checks each entry)."""
    if not isinstance(value, dict):
        raise ServiceError("error.invalid", field=field)
    return cast(dict[object, object], value)


def items(value: object) -> list[object] | None:
    """`value` if it is a list (of anything: the caller checks each item), else None."""
    return cast(list[object], value) if isinstance(value, list) else None


def note(value: object) -> str:
    """A note of at most `NOTE_MAX` characters, trimmed (none: "")."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ServiceError("error.invalid", field="note")
    if len(value.strip()) > NOTE_MAX:
        raise ServiceError("error.text_long", field="note")
    return value.strip()


def child_of(session: Session, family: Family, child_id: object) -> Child:
    """A child of `family`, else a refusal on the respondent field."""
    try:
        child = session.get(Child, valid_id(child_id))
    except NotAllowed:
        child = None
    if child is None or child.family_id != family.id:
        raise ServiceError("error.respondent_required", field="respondent")
    return child


def _guardian_of(session: Session, family: Family, user_id: object) -> User:
    try:
        uid = valid_id(user_id)
    except NotAllowed:
        uid = 0
    link = session.exec(
        select(FamilyGuardian).where(
            FamilyGuardian.family_id == family.id, FamilyGuardian.user_id == uid
        )
    ).first()
    guardian = session.get(User, uid) if link is not None else None
    if guardian is None:
        raise ServiceError("error.respondent_required", field="respondent")
    return guardian


def answerer(
    session: Session, family: Family, worker_id: int | None, respondent: object, consent: object
) -> Answerer:
    """ "worker" (the one saving, `worker_id`), "guardian:<id>" or "child:<id>" of `family`;
    a child answers only with a guardian's consent ticked."""
    if respondent == Respondent.WORKER:
        return Answerer(Respondent.WORKER, user_id=worker_id)
    kind, _, raw_id = respondent.partition(":") if isinstance(respondent, str) else ("", "", "")
    number = int(raw_id) if raw_id.isdigit() and len(raw_id) < 11 else 0
    if kind == Respondent.GUARDIAN:
        return Answerer(Respondent.GUARDIAN, user_id=_guardian_of(session, family, number).id)
    if kind == Respondent.CHILD:
        child = child_of(session, family, number)
        if consent is not True:
            raise ServiceError("error.child_consent_required", field="consent")
        return Answerer(Respondent.CHILD, child_id=child.id)
    raise ServiceError("error.respondent_required", field="respondent")
