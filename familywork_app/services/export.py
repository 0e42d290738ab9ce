"""Everything the service holds about a family, for the family itself (right of access)."""

from sqlmodel import Session, col, select

from familywork_app.models import (
    AccessLog,
    Application,
    Child,
    FamilyGuardian,
    Goal,
    GoalEntry,
    Meeting,
    Message,
    User,
)
from familywork_app.services.access_log import log_access
from familywork_app.services.family_home import own_family
from familywork_app.services.method_results import results_data


def _names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return {u.id: u.display_name for u in session.exec(select(User).where(col(User.id).in_(ids)))}


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _methods(session: Session, family_id: int) -> list[dict]:
    """The results of the methods done together, oldest first, each with its own answers."""
    data = results_data(session, family_id)
    rows = []
    for kind, key in (
        ("evaluation", "evaluations"),
        ("cards", "cards"),
        ("rolemap", "rolemaps"),
        ("network", "networks"),
        ("child", "checkins"),
    ):
        for r in data[key]:
            answers = {
                k: v
                for k, v in r.items()
                if k in ("scores", "cards", "tasks", "members", "people", "faces")
            }
            rows.append(
                {
                    "kind": kind,
                    "at": _iso(r["at"]),
                    "phase": r["phase"],
                    "respondent": r["respondent"],
                    "who": r["who"],
                    "note": r["note"],
                    "answers": answers,
                }
            )
    return sorted(rows, key=lambda row: row["at"])


def family_export(session: Session, user: User, ip: str = "") -> dict:
    """The guardian's family's whole record, minus staff-only internal notes."""
    family = own_family(session, user)
    fid = family.id
    guardians = session.exec(
        select(User)
        .join(FamilyGuardian, FamilyGuardian.user_id == User.id)
        .where(FamilyGuardian.family_id == fid)
    ).all()
    meetings = session.exec(
        select(Meeting).where(Meeting.family_id == fid).order_by(col(Meeting.starts_at))
    ).all()
    goals = session.exec(select(Goal).where(Goal.family_id == fid).order_by(col(Goal.id))).all()
    entries = (
        session.exec(
            select(GoalEntry)
            .where(col(GoalEntry.goal_id).in_([g.id for g in goals]))
            .order_by(col(GoalEntry.created_at))
        ).all()
        if goals
        else []
    )
    messages = session.exec(
        select(Message).where(Message.family_id == fid).order_by(col(Message.sent_at))
    ).all()
    log_rows = session.exec(
        select(AccessLog).where(AccessLog.family_id == fid).order_by(col(AccessLog.at))
    ).all()
    names = _names(
        session,
        {m.sender_id for m in messages}
        | {e.author_id for e in entries}
        | {r.user_id for r in log_rows if r.user_id}
        | {family.worker_id or 0},
    )
    methods = _methods(session, fid)
    log_access(session, user, fid, "export_data", ip=ip)
    session.commit()
    return {
        "family": {
            "name": family.name,
            "municipality": family.municipality,
            "address": family.address,
            "status": family.status,
            "worker": names.get(family.worker_id, ""),
            "opened_on": _iso(family.opened_on),
            "closed_on": _iso(family.closed_on),
            "closing_summary": family.closing_summary,
        },
        "guardians": [
            {"name": g.display_name, "email": g.email, "phone": g.phone} for g in guardians
        ],
        "children": [
            {"first_name": c.first_name, "birth_year": c.birth_year}
            for c in session.exec(select(Child).where(Child.family_id == fid))
        ],
        "applications": [
            {
                "channel": a.channel,
                "support_areas": a.support_areas.split(","),
                "description": a.description,
                "reachable": a.reachable,
                "status": a.status,
                "submitted_at": _iso(a.submitted_at),
                "decided_at": _iso(a.decided_at),
                "decision_note": a.decision_note,
            }
            for a in session.exec(select(Application).where(Application.family_id == fid))
        ],
        "meetings": [
            {
                "status": m.status,
                "starts_at": _iso(m.starts_at),
                "ends_at": _iso(m.ends_at),
                "place": m.place,
                "place_detail": m.place_detail,
                "topic": m.topic,
                "change_note": m.change_note,
                "cancel_reason": m.cancel_reason,
                "summary": m.summary,
                "methods": [x for x in m.methods.split(",") if x],
            }
            for m in meetings
        ],
        "goals": [
            {
                "title": g.title,
                "support_area": g.support_area,
                "what_we_do": g.what_we_do,
                "target_date": _iso(g.target_date),
                "status": g.status,
                "entries": [
                    {
                        "author": names.get(e.author_id, ""),
                        "text": e.text,
                        "rating": e.rating,
                        "at": _iso(e.created_at),
                    }
                    for e in entries
                    if e.goal_id == g.id
                ],
            }
            for g in goals
        ],
        "messages": [
            {
                "sender": names.get(m.sender_id, ""),
                "body": m.body,
                "sent_at": _iso(m.sent_at),
                "read_at": _iso(m.read_at),
            }
            for m in messages
        ],
        "methods": methods,
        "access_log": [
            {"at": _iso(r.at), "who": names.get(r.user_id, ""), "role": r.role, "action": r.action}
            for r in log_rows
        ],
    }


def family_access_log(session: Session, user: User, ip: str = "") -> list[dict]:
    """Who has read or changed the guardian's family's records, newest first."""
    family = own_family(session, user)
    rows = session.exec(
        select(AccessLog)
        .where(AccessLog.family_id == family.id)
        .order_by(col(AccessLog.at).desc())
        .limit(500)
    ).all()
    names = _names(session, {r.user_id for r in rows if r.user_id})
    log_access(session, user, family.id, "view_access_log", ip=ip)
    session.commit()
    return [
        {"at": r.at, "who": names.get(r.user_id, ""), "role": r.role, "action": r.action}
        for r in rows
    ]
