"""Demo data: staff, families, applications, meetings, goals and messages in Kainuu.

`load_demo_data(session)` fills an empty database (no users yet) and does nothing otherwise.
All dates are relative to now, so the demo always looks current. Every account signs in with
`DEMO_PASSWORD`; staff accounts have a second factor with the demo TOTP secret
(`totp.DEMO_SECRET`). Run `python -m familywork_app.services.demo_data` to load the configured database.
"""

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from familywork_app.models import (
    Application,
    Child,
    Family,
    FamilyGuardian,
    Goal,
    GoalEntry,
    Meeting,
    Message,
    MethodRecord,
    User,
    utcnow,
)
from familywork_app.services.demo_families import FAMILIES, STAFF, SUPERVISOR
from familywork_app.services.secret_box import seal
from familywork_app.services.security import hash_password
from familywork_app.services.totp import DEMO_SECRET as DEMO_TOTP_SECRET

DEMO_PASSWORD = "perhetyo-demo-2026"
HELSINKI = ZoneInfo("Europe/Helsinki")


def _local(now: datetime, days: int, hour: int, minute: int = 0) -> datetime:
    """`hour`:`minute` Helsinki time, `days` from today, as UTC."""
    day = (now.astimezone(HELSINKI) + timedelta(days=days)).date()
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=HELSINKI).astimezone(
        UTC
    )


def _users(session: Session, password_hash: str) -> dict[str, User]:
    """Staff and every family's guardians, keyed by e-mail."""
    people = list(STAFF)
    for spec in FAMILIES:
        people += [(email, "guardian", name) for email, name in spec["guardians"]]
    users = {}
    for i, (email, role, name) in enumerate(people):
        phone = f"040 555 {i:04d}" if role == "guardian" else ""
        users[email] = User(
            email=email,
            role=role,
            display_name=name,
            phone=phone,
            language="fi",
            password_hash=password_hash,
        )
        if role != "guardian":  # staff sign in with the demo second factor
            users[email].totp_secret, users[email].totp_enabled_at = (
                seal(DEMO_TOTP_SECRET),
                utcnow(),
            )
        session.add(users[email])
    session.flush()
    return users


def _application(family: Family, spec: dict, users: dict, now: datetime) -> Application:
    """The family's one application; a decided one also opens the family."""
    status, days_ago, channel, areas, description, reachable = spec["app"]
    submitted = now - timedelta(days=days_ago, hours=3)
    worker = users.get(spec["worker"] or "")
    app = Application(
        family_id=family.id,
        channel=channel,
        support_areas=areas,
        description=description,
        reachable=reachable,
        consent=True,
        status=status,
        submitted_at=submitted,
        submitted_by_id=users[spec["guardians"][0][0]].id,
    )
    if channel != "eform":
        app.submitted_by_id = (worker or users[SUPERVISOR]).id
    if status != "submitted":
        app.in_review_at = submitted + timedelta(days=1)
    if status == "accepted":
        app.decided_at = submitted + timedelta(days=3)
        app.decided_by_id = users[SUPERVISOR].id
        app.decision_note = f"Perhetyö alkaa. Työntekijänä {worker.display_name}."
        family.opened_on = app.decided_at.date()
    return app


def _meeting(family: Family, row: tuple, guardian: User, now: datetime) -> Meeting:
    """One meeting from a spec row, with the timestamps its status implies."""
    status, days, hour, minutes, place, topic, *extra = row
    text, internal, methods = (*extra, "", "", "")[:3]
    starts = _local(now, days, hour)
    worker_id = family.worker_id
    proposed = min(starts - timedelta(days=7), now - timedelta(days=2))
    meeting = Meeting(
        family_id=family.id,
        worker_id=worker_id,
        status=status,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=minutes),
        place=place,
        topic=topic,
        proposed_by_id=worker_id,
        proposed_at=proposed,
    )
    if status in ("agreed", "held"):
        meeting.agreed_at = proposed + timedelta(days=1)
    if status == "held":
        meeting.summary, meeting.internal_note, meeting.methods = text, internal, methods
        meeting.held_at = meeting.ends_at
    elif status == "change_requested":
        meeting.change_note = text
    elif status == "cancelled":
        meeting.cancel_reason, meeting.cancelled_by_id = text, guardian.id
    return meeting


def _goals(session: Session, family: Family, spec: dict, authors: dict, now: datetime) -> None:
    """Active goals with progress entries from both sides."""
    for area, title, what_we_do, entries in spec.get("goals", ()):
        first = max(days for days, *_ in entries) + 1
        goal = Goal(
            family_id=family.id,
            title=title,
            support_area=area,
            what_we_do=what_we_do,
            target_date=(now + timedelta(days=60)).date(),
            status="active",
            created_by_id=family.worker_id,
            created_at=now - timedelta(days=first),
        )
        session.add(goal)
        session.flush()
        for days, who, text, rating in entries:
            session.add(
                GoalEntry(
                    goal_id=goal.id,
                    author_id=authors[who].id,
                    text=text,
                    rating=rating,
                    created_at=now - timedelta(days=days, hours=2),
                )
            )


def _messages(session: Session, family: Family, spec: dict, authors: dict, now: datetime) -> None:
    """The family's conversation; unread ones have no read_at."""
    for days, who, body, read in spec.get("messages", ()):
        sent = now - timedelta(days=days, hours=5)
        reader = authors["g0"] if who == "w" else authors["w"]
        session.add(
            Message(
                family_id=family.id,
                sender_id=authors[who].id,
                body=body,
                sent_at=sent,
                read_at=sent + timedelta(hours=2) if read else None,
                read_by_id=reader.id if read else None,
            )
        )


def _methods(
    session: Session, family: Family, spec: dict, authors: dict, children: list, now: datetime
) -> None:
    """Earlier results of the methods done together (evaluations, maps, a child's check-in)."""
    keys = {
        **{who: f"g{user.id}" for who, user in authors.items() if who != "w"},
        **{f"c{i}": f"c{child.id}" for i, child in enumerate(children)},
    }
    names = {
        **{f"g{u.id}": u.display_name.split(" ")[0] for w, u in authors.items() if w != "w"},
        **{f"c{c.id}": c.first_name for c in children},
    }
    for days, kind, who, phase, data in spec.get("methods", ()):
        if kind == "rolemap":
            tasks = {task: [keys[m] for m in members] for task, members in data["tasks"].items()}
            data = {"tasks": tasks, "members": {k: names[k] for m in tasks.values() for k in m}}
        record = MethodRecord(
            family_id=family.id,
            kind=kind,
            phase=phase,
            data=json.dumps(data),
            created_by_id=authors["w"].id,
            created_at=now - timedelta(days=days, hours=3),
        )
        if who.startswith("c"):
            record.respondent, record.child_id = "child", children[int(who[1:])].id
        else:
            record.respondent = "worker" if who == "w" else "guardian"
            record.respondent_user_id = authors[who].id
        session.add(record)


def _family(session: Session, spec: dict, users: dict, now: datetime) -> None:
    """One family with its guardians, children, application and casework."""
    worker = users.get(spec["worker"] or "")
    status = {"accepted": "active"}.get(spec["app"][0], "applied")
    family = Family(
        name=spec["name"],
        municipality=spec["municipality"],
        address=spec["address"],
        status=status,
        worker_id=worker.id if worker else None,
        created_at=now - timedelta(days=spec["app"][1], hours=3),
    )
    if "closed" in spec:
        days_ago, family.closing_summary = spec["closed"]
        family.status, family.closed_on = "closed", (now - timedelta(days=days_ago)).date()
    session.add(family)
    session.flush()
    guardians = [users[email] for email, _ in spec["guardians"]]
    session.add(_application(family, spec, users, now))
    for guardian in guardians:
        session.add(
            FamilyGuardian(family_id=family.id, user_id=guardian.id, added_at=family.created_at)
        )
    children = [
        Child(family_id=family.id, first_name=first_name, birth_year=birth_year)
        for first_name, birth_year in spec["children"]
    ]
    session.add_all(children)
    session.flush()
    for row in spec.get("meetings", ()):
        session.add(_meeting(family, row, guardians[0], now))
    authors = {"w": worker, **{f"g{i}": g for i, g in enumerate(guardians)}}
    _goals(session, family, spec, authors, now)
    _messages(session, family, spec, authors, now)
    _methods(session, family, spec, authors, children, now)


def load_demo_data(session: Session) -> bool:
    """Insert the demo data into an empty database and commit; False if any user exists."""
    if session.exec(select(User).limit(1)).first() is not None:
        return False
    now = utcnow()
    users = _users(session, hash_password(DEMO_PASSWORD))
    for spec in FAMILIES:
        _family(session, spec, users, now)
    session.commit()
    return True


def main() -> None:
    """Load the demo data into the configured database."""
    from familywork_app.db import session_scope

    with session_scope() as session:
        loaded = load_demo_data(session)
    if loaded:
        print(
            f"Demo data loaded. Every account's password: {DEMO_PASSWORD}; staff TOTP "
            f"secret: {DEMO_TOTP_SECRET} (python -m familywork_app.services.totp code)"
        )
    else:
        print("The database already has users; demo data not loaded.")


if __name__ == "__main__":
    main()
