"""Saving the results of the methods done together: the family-situation evaluation, picked
conversation cards, a role map, a network map and a child's check-in.

Staff save them for a family they may change (in together mode the family id comes from the
locked session, never from the browser); a guardian saves only their own children's check-ins.
Every argument is checked against the keys in `method_content`; results are stored as JSON.
A result saved during an agreed visit is attached to that visit and its method noted.
"""

import json
from datetime import timedelta

from sqlmodel import Session, col, select

from familywork_app.models import (
    EVALUATION_PHASES,
    Child,
    Family,
    FamilyGuardian,
    Meeting,
    MethodRecord,
    User,
    utcnow,
)
from familywork_app.services import NotAllowed, ServiceError
from familywork_app.services import method_content as mc
from familywork_app.services.access_log import log_access
from familywork_app.services.policy import acting_user, require_family, require_staff, valid_id

NOTE_MAX = 2000
# MethodRecord.kind -> the visit-record method it counts as (models.METHODS)
VISIT_METHOD = {
    "evaluation": "evaluation",
    "cards": "cards",
    "rolemap": "rolemap",
    "network": "networking",
    "child": "child",
}


def _scale(value: object, allowed: tuple[int, ...], field: str) -> int:
    """An int (or a string of digits) from `allowed`."""
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 3:
        value = int(value.strip())
    if not isinstance(value, int) or isinstance(value, bool) or value not in allowed:
        raise ServiceError("error.answer_required", field=field)
    return value


def _note(value: object) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ServiceError("error.invalid", field="note")
    if len(value.strip()) > NOTE_MAX:
        raise ServiceError("error.text_long", field="note")
    return value.strip()


def _active_family(session: Session, user: User, family_id: object) -> Family:
    family = require_family(session, user, family_id, change=True)
    if family.status != "active":
        raise ServiceError("together.family_not_active")
    return family


def _staff_family(session: Session, user: User, family_id: object, ip: object) -> Family:
    require_staff(acting_user(user, ip))
    return _active_family(session, user, family_id)


def _child_of(session: Session, family: Family, child_id: object) -> Child:
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
    if link is None:
        raise ServiceError("error.respondent_required", field="respondent")
    return session.get(User, uid)


def _todays_visit(session: Session, family_id: int) -> Meeting | None:
    """The family's agreed or held visit going on now: begun in the last 12 hours or beginning
    within 2 (the nearest such one), if any."""
    now = utcnow()
    rows = session.exec(
        select(Meeting).where(
            Meeting.family_id == family_id,
            col(Meeting.status).in_(("agreed", "held")),
            Meeting.starts_at >= now - timedelta(hours=12),
            Meeting.starts_at <= now + timedelta(hours=2),
        )
    ).all()
    return min(rows, key=lambda m: abs((m.starts_at - now).total_seconds()), default=None)


def _save(
    session: Session, user: User, family: Family, kind: str, data: dict, ip: str, **fields
) -> dict:
    """Store one result (attached to today's visit when staff save it), log, commit."""
    record = MethodRecord(
        family_id=family.id,
        kind=kind,
        created_by_id=user.id,
        data=json.dumps(data, ensure_ascii=False, sort_keys=True),
        **fields,
    )
    visit = _todays_visit(session, family.id) if user.role != "guardian" else None
    if visit is not None:
        record.meeting_id = visit.id
        methods = [m for m in visit.methods.split(",") if m]
        if VISIT_METHOD[kind] not in methods:
            visit.methods = ",".join([*methods, VISIT_METHOD[kind]])
            session.add(visit)
    session.add(record)
    session.flush()
    log_access(session, user, family.id, f"save_{kind}", detail=f"record {record.id}", ip=ip)
    session.commit()
    return {"id": record.id, "kind": kind, "meeting_id": record.meeting_id}


def _respondent(
    session: Session, user: User, family: Family, respondent: object, child_consent: object
) -> dict:
    """ "worker", "guardian:<id>" or "child:<id>" (a child only with a guardian's consent)."""
    if respondent == "worker":
        return {"respondent": "worker", "respondent_user_id": user.id}
    kind, _, raw_id = respondent.partition(":") if isinstance(respondent, str) else ("", "", "")
    number = int(raw_id) if raw_id.isdigit() and len(raw_id) < 11 else 0
    if kind == "guardian":
        return {
            "respondent": "guardian",
            "respondent_user_id": _guardian_of(session, family, number).id,
        }
    if kind == "child":
        child = _child_of(session, family, number)
        if child_consent is not True:
            raise ServiceError("error.child_consent_required", field="consent")
        return {"respondent": "child", "child_id": child.id}
    raise ServiceError("error.respondent_required", field="respondent")


def save_evaluation(
    session: Session,
    user: User,
    family_id: object,
    respondent: object,
    phase: object,
    scores: object,
    child_consent: object = False,
    ip: str = "",
) -> dict:
    """One respondent's ratings (1–5) of the five support areas at a start, review or end."""
    family = _staff_family(session, user, family_id, ip)
    who = _respondent(session, user, family, respondent, child_consent)
    if not isinstance(phase, str) or phase not in EVALUATION_PHASES:
        raise ServiceError("error.phase_required", field="phase")
    if not isinstance(scores, dict):
        raise ServiceError("error.invalid", field="scores")
    values = {
        area: _scale(scores.get(area), mc.EVALUATION_SCALE, f"area-{area}")
        for area in mc.EVALUATION_AREAS
    }
    return _save(session, user, family, "evaluation", {"scores": values}, ip, phase=phase, **who)


def save_cards(
    session: Session, user: User, family_id: object, cards: object, note: object, ip: str = ""
) -> dict:
    """The cards the family picked (1–12 known cards, in the order picked) and a note."""
    family = _staff_family(session, user, family_id, ip)
    if not isinstance(cards, list) or len(cards) > mc.MAX_PICKED_CARDS:
        raise ServiceError("error.cards_required", field="cards")
    picked = list(dict.fromkeys(c for c in cards if isinstance(c, str) and c in mc.ALL_CARDS))
    if not picked or len(picked) != len(cards):
        raise ServiceError("error.cards_required", field="cards")
    return _save(session, user, family, "cards", {"cards": picked}, ip, note=_note(note))


def family_members(session: Session, family: Family) -> dict[str, str]:
    """Member keys for the role map ("g<user id>", "c<child id>", "other") -> first names."""
    guardians = session.exec(
        select(User)
        .join(FamilyGuardian, FamilyGuardian.user_id == User.id)
        .where(FamilyGuardian.family_id == family.id)
    ).all()
    children = session.exec(select(Child).where(Child.family_id == family.id)).all()
    members = {f"g{g.id}": g.display_name.split(" ")[0] for g in guardians}
    members.update({f"c{c.id}": c.first_name for c in children})
    return {**members, mc.OTHER_MEMBER: ""}


def save_rolemap(
    session: Session, user: User, family_id: object, tasks: object, ip: str = ""
) -> dict:
    """Who does which everyday task: {task: [member keys]}; every task needs someone."""
    family = _staff_family(session, user, family_id, ip)
    members = family_members(session, family)
    if not isinstance(tasks, dict):
        raise ServiceError("error.invalid", field="tasks")
    chosen = {}
    for task in mc.ROLE_TASKS:
        who = tasks.get(task)
        if (
            not isinstance(who, list)
            or not who
            or len(who) > len(members)
            or not all(isinstance(m, str) and m in members for m in who)
        ):
            raise ServiceError("error.rolemap_incomplete", field=f"task-{task}")
        chosen[task] = [m for m in members if m in who]  # family order, no repeats
    named = {m: members[m] for m in {m for who in chosen.values() for m in who}}
    return _save(session, user, family, "rolemap", {"members": named, "tasks": chosen}, ip)


def check_person(entry: object) -> dict:
    """One person or service of the network map, validated (also used by the form before
    the whole map is saved)."""
    if not isinstance(entry, dict):
        raise ServiceError("error.invalid", field="network")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ServiceError("error.net_name_required", field="name")
    if len(name.strip()) > mc.NETWORK_NAME_MAX:
        raise ServiceError("error.text_long", field="name")
    category, effect = entry.get("category"), entry.get("effect")
    if not isinstance(category, str) or category not in mc.NETWORK_CATEGORIES:
        raise ServiceError("error.category_required", field="category")
    if not isinstance(effect, str) or effect not in mc.EFFECTS:
        raise ServiceError("error.effect_required", field="effect")
    return {
        "name": name.strip(),
        "category": category,
        "effect": effect,
        "closeness": _scale(entry.get("closeness"), mc.CLOSENESS, "closeness"),
    }


def save_network(
    session: Session, user: User, family_id: object, people: object, ip: str = ""
) -> dict:
    """The people and services around the family (1–24), each with closeness and effect."""
    family = _staff_family(session, user, family_id, ip)
    if not isinstance(people, list) or not people or len(people) > mc.MAX_NETWORK_PEOPLE:
        raise ServiceError("error.network_empty", field="network")
    return _save(
        session, user, family, "network", {"people": [check_person(p) for p in people]}, ip
    )


def save_child_checkin(
    session: Session,
    user: User,
    family_id: object,
    child_id: object,
    answers: object,
    note: object,
    child_consent: object = False,
    ip: str = "",
) -> dict:
    """A child's check-in: today's face (1–5) and a face for each picture question.

    A guardian answers with their own child on their phone; staff in together mode need a
    guardian's consent ticked."""
    acting_user(user, ip)
    family = _active_family(session, user, family_id)
    child = _child_of(session, family, child_id)
    if user.role != "guardian" and child_consent is not True:
        raise ServiceError("error.child_consent_required", field="consent")
    if not isinstance(answers, dict):
        raise ServiceError("error.invalid", field="answers")
    faces = {
        q: _scale(answers.get(q), mc.FACE_SCALE, f"q-{q}") for q in ("today", *mc.CHILD_QUESTIONS)
    }
    return _save(
        session,
        user,
        family,
        "child",
        {"faces": faces},
        ip,
        respondent="child",
        child_id=child.id,
        note=_note(note),
    )
