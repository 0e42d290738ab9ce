"""Saving the results of the methods done together: the family-situation evaluation, picked
conversation cards, a role map, a network map and a child's check-in.

Staff save them for a family they may change (in together mode the family id comes from the
locked session, never from the browser); a guardian saves only their own children's check-ins.
Every argument is checked against the keys in `method_content`; results are stored as JSON
(the shapes in `method_rows`). A result saved during an agreed visit is attached to that visit
and its method noted.
"""

import json
from datetime import timedelta

from sqlmodel import Session, col, select

from familywork_app import method_content as mc
from familywork_app.domain import (
    SAVED_METHOD,
    EvaluationPhase,
    FamilyStatus,
    MeetingStatus,
    Method,
    MethodKind,
    Respondent,
    Role,
    values,
)
from familywork_app.models import Child, Family, FamilyGuardian, Meeting, MethodRecord, User, utcnow
from familywork_app.services import ServiceError
from familywork_app.services import method_checks as check
from familywork_app.services.access_log import log_access
from familywork_app.services.method_rows import MethodData, NetworkPerson, SavedResult
from familywork_app.services.policy import acting_user, require_family, require_staff, saved_id

# MethodRecord.kind -> the visit-record method it counts as (Meeting.methods)
VISIT_METHOD = {
    MethodKind.EVALUATION: Method.EVALUATION,
    MethodKind.CARDS: Method.CARDS,
    MethodKind.ROLEMAP: Method.ROLEMAP,
    MethodKind.NETWORK: Method.NETWORKING,
    MethodKind.CHILD: Method.CHILD,
}
PHASES = frozenset(values(EvaluationPhase))


def _active_family(session: Session, user: User, family_id: object) -> Family:
    family = require_family(session, user, family_id, change=True)
    if family.status != FamilyStatus.ACTIVE:
        raise ServiceError("together.family_not_active")
    return family


def _staff_family(session: Session, user: User, family_id: object, ip: object) -> Family:
    require_staff(acting_user(user, ip))
    return _active_family(session, user, family_id)


def _todays_visit(session: Session, family_id: int) -> Meeting | None:
    """The family's agreed or held visit going on now: begun in the last 12 hours or beginning
    within 2 (the nearest such one), if any."""
    now = utcnow()
    rows = session.exec(
        select(Meeting).where(
            Meeting.family_id == family_id,
            col(Meeting.status).in_((MeetingStatus.AGREED, MeetingStatus.HELD)),
            Meeting.starts_at >= now - timedelta(hours=12),
            Meeting.starts_at <= now + timedelta(hours=2),
        )
    ).all()
    return min(rows, key=lambda m: abs((m.starts_at - now).total_seconds()), default=None)


def _save(
    session: Session,
    user: User,
    family: Family,
    kind: MethodKind,
    data: MethodData,
    ip: str,
    *,
    answerer: check.Answerer | None = None,
    phase: EvaluationPhase | None = None,
    text: str = "",
) -> SavedResult:
    """Store one result (attached to today's visit when staff save it), log, commit."""
    family_id = saved_id(family.id)
    record = MethodRecord(
        family_id=family_id,
        kind=kind,
        phase=phase,
        respondent=answerer.respondent if answerer else None,
        respondent_user_id=answerer.user_id if answerer else None,
        child_id=answerer.child_id if answerer else None,
        created_by_id=saved_id(user.id),
        data=json.dumps(data, ensure_ascii=False, sort_keys=True),
        note=text,
    )
    visit = _todays_visit(session, family_id) if user.role != Role.GUARDIAN else None
    if visit is not None:
        record.meeting_id = visit.id
        if VISIT_METHOD[kind] not in visit.methods:
            visit.methods = [*visit.methods, VISIT_METHOD[kind]]
            session.add(visit)
    session.add(record)
    session.flush()
    log_access(session, user, family_id, SAVED_METHOD[kind], detail=f"record {record.id}", ip=ip)
    session.commit()
    return SavedResult(id=saved_id(record.id), kind=kind, meeting_id=record.meeting_id)


def save_evaluation(
    session: Session,
    user: User,
    family_id: object,
    respondent: object,
    phase: object,
    scores: object,
    child_consent: object = False,
    ip: str = "",
) -> SavedResult:
    """One respondent's ratings (1–5) of the five support areas at a start, review or end."""
    family = _staff_family(session, user, family_id, ip)
    who = check.answerer(session, family, user.id, respondent, child_consent)
    if not isinstance(phase, str) or phase not in PHASES:
        raise ServiceError("error.phase_required", field="phase")
    given = check.mapping(scores, "scores")
    ratings = {
        area.value: check.scale(given.get(area.value), mc.EVALUATION_SCALE, f"area-{area}")
        for area in mc.EVALUATION_AREAS
    }
    return _save(
        session,
        user,
        family,
        MethodKind.EVALUATION,
        {"scores": ratings},
        ip,
        answerer=who,
        phase=EvaluationPhase(phase),
    )


def save_cards(
    session: Session, user: User, family_id: object, cards: object, note: object, ip: str = ""
) -> SavedResult:
    """The cards the family picked (1–12 known cards, in the order picked) and a note."""
    family = _staff_family(session, user, family_id, ip)
    given = check.items(cards)
    if given is None or len(given) > mc.MAX_PICKED_CARDS:
        raise ServiceError("error.cards_required", field="cards")
    picked = list(dict.fromkeys(c for c in given if isinstance(c, str) and c in mc.ALL_CARDS))
    if not picked or len(picked) != len(given):
        raise ServiceError("error.cards_required", field="cards")
    return _save(
        session, user, family, MethodKind.CARDS, {"cards": picked}, ip, text=check.note(note)
    )


def family_members(session: Session, family: Family) -> dict[str, str]:
    """Member keys for the role map ("g<user id>", "c<child id>", "other") -> first names."""
    guardians = session.exec(
        select(User)
        .join(FamilyGuardian, col(FamilyGuardian.user_id) == col(User.id))
        .where(FamilyGuardian.family_id == family.id)
    ).all()
    children = session.exec(select(Child).where(Child.family_id == family.id)).all()
    members = {f"g{g.id}": g.display_name.split(" ")[0] for g in guardians}
    members.update({f"c{c.id}": c.first_name for c in children})
    return {**members, mc.OTHER_MEMBER: ""}


def _doers(who: object, members: dict[str, str]) -> list[str] | None:
    """The member keys chosen for a task, in the family's order; None unless every one is a
    member and there is at least one."""
    chosen = check.items(who)
    if (
        not chosen
        or len(chosen) > len(members)
        or not all(isinstance(m, str) and m in members for m in chosen)
    ):
        return None
    return [m for m in members if m in chosen]  # family order, no repeats


def save_rolemap(
    session: Session, user: User, family_id: object, tasks: object, ip: str = ""
) -> SavedResult:
    """Who does which everyday task: {task: [member keys]}; every task needs someone."""
    family = _staff_family(session, user, family_id, ip)
    members = family_members(session, family)
    given = check.mapping(tasks, "tasks")
    chosen: dict[str, list[str]] = {}
    for task in mc.ROLE_TASKS:
        doers = _doers(given.get(task), members)
        if doers is None:
            raise ServiceError("error.rolemap_incomplete", field=f"task-{task}")
        chosen[task] = doers
    named = {m: members[m] for m in {m for who in chosen.values() for m in who}}
    return _save(session, user, family, MethodKind.ROLEMAP, {"members": named, "tasks": chosen}, ip)


def check_person(entry: object) -> NetworkPerson:
    """One person or service of the network map, validated (also used by the form before
    the whole map is saved)."""
    given = check.mapping(entry, "network")
    name = given.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ServiceError("error.net_name_required", field="name")
    if len(name.strip()) > mc.NETWORK_NAME_MAX:
        raise ServiceError("error.text_long", field="name")
    category, effect = given.get("category"), given.get("effect")
    if not isinstance(category, str) or category not in mc.NETWORK_CATEGORIES:
        raise ServiceError("error.category_required", field="category")
    if not isinstance(effect, str) or effect not in mc.EFFECTS:
        raise ServiceError("error.effect_required", field="effect")
    return NetworkPerson(
        name=name.strip(),
        category=category,
        effect=effect,
        closeness=check.scale(given.get("closeness"), mc.CLOSENESS, "closeness"),
    )


def save_network(
    session: Session, user: User, family_id: object, people: object, ip: str = ""
) -> SavedResult:
    """The people and services around the family (1–24), each with closeness and effect."""
    family = _staff_family(session, user, family_id, ip)
    given = check.items(people)
    if not given or len(given) > mc.MAX_NETWORK_PEOPLE:
        raise ServiceError("error.network_empty", field="network")
    drawn = [check_person(p).data() for p in given]
    return _save(session, user, family, MethodKind.NETWORK, {"people": drawn}, ip)


def save_child_checkin(
    session: Session,
    user: User,
    family_id: object,
    child_id: object,
    answers: object,
    note: object,
    child_consent: object = False,
    ip: str = "",
) -> SavedResult:
    """A child's check-in: today's face (1–5) and a face for each picture question.

    A guardian answers with their own child on their phone; staff in together mode need a
    guardian's consent ticked."""
    acting_user(user, ip)
    family = _active_family(session, user, family_id)
    child = check.child_of(session, family, child_id)
    if user.role != Role.GUARDIAN and child_consent is not True:
        raise ServiceError("error.child_consent_required", field="consent")
    given = check.mapping(answers, "answers")
    faces = {
        q: check.scale(given.get(q), mc.FACE_SCALE, f"q-{q}")
        for q in ("today", *mc.CHILD_QUESTIONS)
    }
    return _save(
        session,
        user,
        family,
        MethodKind.CHILD,
        {"faces": faces},
        ip,
        answerer=check.Answerer(Respondent.CHILD, child_id=child.id),
        text=check.note(note),
    )
