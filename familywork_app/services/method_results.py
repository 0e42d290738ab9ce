"""Reading the results of the methods done together, for the family's app, the worker's record
and the data export: evaluations over time, picked cards, role maps and network maps with the
changes since the one before, and the children's check-ins (the rows in `method_rows`).
"""

import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TypedDict, TypeVar, cast

from sqlmodel import Session, col, select

from familywork_app.domain import EvaluationPhase, LogAction, MethodKind, Respondent, SupportArea
from familywork_app.models import Child, MethodRecord, User
from familywork_app.services.access_log import log_access
from familywork_app.services.method_rows import (
    CardsData,
    CardsResult,
    CheckinData,
    CheckinResult,
    EvaluationData,
    EvaluationResult,
    FamilyResults,
    NetworkChanges,
    NetworkData,
    NetworkPerson,
    NetworkResult,
    Person,
    RoleMapData,
    RoleMapResult,
)
from familywork_app.services.policy import acting_user, require_family, saved_id


class _Common(TypedDict):
    """The fields every result has (`method_rows.MethodResult`)."""

    id: int
    at: datetime
    phase: EvaluationPhase | None
    respondent: Respondent | None
    who: str
    note: str
    meeting_id: int | None


class _Names:
    """The names of the people who answered or saved the results."""

    def __init__(self, session: Session, records: Sequence[MethodRecord]) -> None:
        user_ids = {r.respondent_user_id for r in records if r.respondent_user_id}
        user_ids |= {r.created_by_id for r in records}
        child_ids = {r.child_id for r in records if r.child_id}
        self.users = (
            {
                saved_id(u.id): u
                for u in session.exec(select(User).where(col(User.id).in_(user_ids)))
            }
            if user_ids
            else {}
        )
        self.children = (
            {
                saved_id(c.id): c.first_name
                for c in session.exec(select(Child).where(col(Child.id).in_(child_ids)))
            }
            if child_ids
            else {}
        )

    def who(self, record: MethodRecord) -> str:
        """A child who answered by first name; else whoever answered (or saved it) in full."""
        if record.respondent == Respondent.CHILD:
            return self.children.get(record.child_id or 0, "")
        person = self.users.get(record.respondent_user_id or 0) or self.users.get(
            record.created_by_id
        )
        return person.display_name if person else ""


def _common(record: MethodRecord, names: _Names) -> _Common:
    return {
        "id": saved_id(record.id),
        "at": record.created_at,
        "phase": record.phase,
        "respondent": record.respondent,
        "who": names.who(record),
        "note": record.note,
        "meeting_id": record.meeting_id,
    }


def _evaluation(record: MethodRecord, names: _Names) -> EvaluationResult:
    data = cast(EvaluationData, json.loads(record.data))
    scores = {SupportArea(area): score for area, score in data["scores"].items()}
    return EvaluationResult(**_common(record, names), scores=scores)


def _cards(record: MethodRecord, names: _Names) -> CardsResult:
    data = cast(CardsData, json.loads(record.data))
    return CardsResult(**_common(record, names), cards=tuple(data["cards"]))


def _rolemap(record: MethodRecord, names: _Names) -> RoleMapResult:
    data = cast(RoleMapData, json.loads(record.data))
    tasks = {task: tuple(who) for task, who in data["tasks"].items()}
    return RoleMapResult(**_common(record, names), members=data["members"], tasks=tasks)


def _network(record: MethodRecord, names: _Names) -> NetworkResult:
    data = cast(NetworkData, json.loads(record.data))
    people = tuple(
        NetworkPerson(
            name=p["name"], category=p["category"], effect=p["effect"], closeness=p["closeness"]
        )
        for p in data["people"]
    )
    return NetworkResult(**_common(record, names), people=people)


def _checkin(record: MethodRecord, names: _Names) -> CheckinResult:
    data = cast(CheckinData, json.loads(record.data))
    return CheckinResult(**_common(record, names), faces=data["faces"])


def compare_rolemaps(old: RoleMapResult | None, new: RoleMapResult) -> tuple[str, ...]:
    """The tasks whose doers changed since the earlier map."""
    if old is None:
        return ()
    return tuple(task for task, who in new.tasks.items() if old.tasks.get(task) != who)


def compare_networks(old: NetworkResult | None, new: NetworkResult) -> NetworkChanges:
    """Names new on the map, gone from it, and whose closeness or effect changed."""
    if old is None:
        return NetworkChanges()
    before = {p.name.casefold(): p for p in old.people}
    after = {p.name.casefold(): p for p in new.people}
    return NetworkChanges(
        added=tuple(p.name for key, p in after.items() if key not in before),
        gone=tuple(p.name for key, p in before.items() if key not in after),
        changed=tuple(
            p.name
            for key, p in after.items()
            if key in before
            and (before[key].closeness, before[key].effect) != (p.closeness, p.effect)
        ),
    )


Map = TypeVar("Map", RoleMapResult, NetworkResult)


def _with_changes(
    maps: Sequence[Map], compare: Callable[[Map | None, Map], object]
) -> tuple[Map, ...]:
    """Newest first, each with the changes since the one saved before it."""
    earlier: list[Map | None] = [*maps[1:], None] if maps else []
    return tuple(
        replace(map_, changes=compare(before, map_), earlier_at=before.at if before else None)
        for map_, before in zip(maps, earlier, strict=True)
    )


def results_data(session: Session, family_id: int) -> FamilyResults:
    """Every result of the family, by method (no policy check: callers check)."""
    records = session.exec(
        select(MethodRecord)
        .where(MethodRecord.family_id == family_id)
        .order_by(col(MethodRecord.created_at), col(MethodRecord.id))
    ).all()
    names = _Names(session, records)
    newest_first = records[::-1]

    def of(kind: MethodKind, in_order: Sequence[MethodRecord]) -> list[MethodRecord]:
        return [r for r in in_order if r.kind == kind]

    children = session.exec(
        select(Child)
        .where(Child.family_id == family_id)
        .order_by(col(Child.birth_year), col(Child.id))
    ).all()
    return FamilyResults(
        children=tuple(Person(id=saved_id(c.id), name=c.first_name) for c in children),
        evaluations=tuple(_evaluation(r, names) for r in of(MethodKind.EVALUATION, records)),
        cards=tuple(_cards(r, names) for r in of(MethodKind.CARDS, newest_first)),
        rolemaps=_with_changes(
            [_rolemap(r, names) for r in of(MethodKind.ROLEMAP, newest_first)], compare_rolemaps
        ),
        networks=_with_changes(
            [_network(r, names) for r in of(MethodKind.NETWORK, newest_first)], compare_networks
        ),
        checkins=tuple(_checkin(r, names) for r in of(MethodKind.CHILD, newest_first)),
    )


def family_results(session: Session, user: User, family_id: object, ip: str = "") -> FamilyResults:
    """The family's results, for its guardians and for staff who may see the family."""
    family = require_family(session, acting_user(user, ip), family_id)
    data = results_data(session, saved_id(family.id))
    log_access(session, user, family.id, LogAction.VIEW_METHODS, ip=ip)
    session.commit()
    return data
