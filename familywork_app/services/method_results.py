"""Reading the results of the methods done together, for the family's app, the worker's record
and the data export: evaluations over time, picked cards, role maps and network maps with the
changes since the one before, and the children's check-ins.
"""

import json

from sqlmodel import Session, col, select

from familywork_app.models import Child, MethodRecord, User
from familywork_app.services.access_log import log_access
from familywork_app.services.policy import acting_user, require_family


def _names(session: Session, records: list[MethodRecord]) -> tuple[dict, dict]:
    user_ids = {r.respondent_user_id for r in records} | {r.created_by_id for r in records}
    child_ids = {r.child_id for r in records if r.child_id}
    users = (
        {
            u.id: u
            for u in session.exec(select(User).where(col(User.id).in_([i for i in user_ids if i])))
        }
        if user_ids
        else {}
    )
    children = (
        {
            c.id: c.first_name
            for c in session.exec(select(Child).where(col(Child.id).in_(child_ids)))
        }
        if child_ids
        else {}
    )
    return users, children


def _common(record: MethodRecord, users: dict, children: dict) -> dict:
    if record.respondent == "child":
        who = children.get(record.child_id, "")
    else:
        person = users.get(record.respondent_user_id) or users.get(record.created_by_id)
        who = person.display_name if person else ""
    return {
        "id": record.id,
        "at": record.created_at,
        "phase": record.phase,
        "respondent": record.respondent or "",
        "who": who,
        "note": record.note,
        "meeting_id": record.meeting_id,
        **json.loads(record.data),
    }


def compare_rolemaps(old: dict | None, new: dict) -> list[str]:
    """The tasks whose doers changed since the earlier map."""
    if old is None:
        return []
    return [task for task, who in new["tasks"].items() if old["tasks"].get(task) != who]


def compare_networks(old: dict | None, new: dict) -> dict[str, list[str]]:
    """Names new on the map, gone from it, and whose closeness or effect changed."""
    if old is None:
        return {"added": [], "gone": [], "changed": []}
    before = {p["name"].casefold(): p for p in old["people"]}
    after = {p["name"].casefold(): p for p in new["people"]}
    return {
        "added": [p["name"] for key, p in after.items() if key not in before],
        "gone": [p["name"] for key, p in before.items() if key not in after],
        "changed": [
            p["name"]
            for key, p in after.items()
            if key in before
            and (before[key]["closeness"], before[key]["effect"]) != (p["closeness"], p["effect"])
        ],
    }


def _with_changes(maps: list[dict], compare) -> list[dict]:
    """Newest first, each with the changes since the one saved before it."""
    for index, current in enumerate(maps):
        earlier = maps[index + 1] if index + 1 < len(maps) else None
        current["changes"] = compare(earlier, current)
        current["earlier_at"] = earlier["at"] if earlier else None
    return maps


def results_data(session: Session, family_id: int) -> dict:
    """Every result of the family, grouped by method (no policy check: callers check)."""
    records = list(
        session.exec(
            select(MethodRecord)
            .where(MethodRecord.family_id == family_id)
            .order_by(col(MethodRecord.created_at), col(MethodRecord.id))
        )
    )
    users, children = _names(session, records)
    found: dict[str, list[dict]] = {
        "evaluation": [],
        "cards": [],
        "rolemap": [],
        "network": [],
        "child": [],
    }
    for record in records:
        found.setdefault(record.kind, []).append(_common(record, users, children))
    children = session.exec(
        select(Child)
        .where(Child.family_id == family_id)
        .order_by(col(Child.birth_year), col(Child.id))
    ).all()
    return {
        "children": [{"id": c.id, "name": c.first_name} for c in children],
        "evaluations": found["evaluation"],  # oldest first: they are drawn over time
        "cards": found["cards"][::-1],
        "rolemaps": _with_changes(found["rolemap"][::-1], compare_rolemaps),
        "networks": _with_changes(found["network"][::-1], compare_networks),
        "checkins": found["child"][::-1],
    }


def family_results(session: Session, user: User, family_id: object, ip: str = "") -> dict:
    """The family's results, for its guardians and for staff who may see the family."""
    family = require_family(session, acting_user(user, ip), family_id)
    data = results_data(session, family.id)
    log_access(session, user, family.id, "view_methods", ip=ip)
    session.commit()
    return data
