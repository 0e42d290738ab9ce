"""Demo data: staff, families, applications, meetings, goals and messages in Kainuu.

`load_demo_data(session)` fills an empty database (no users yet) and does nothing otherwise.
All dates are relative to now, so the demo always looks current. Every account signs in with
`DEMO_PASSWORD`; staff accounts have a second factor with the demo TOTP secret
(`totp.DEMO_SECRET`). Run `python -m familywork_app.services.demo_data` to load the configured
database. The table itself is `demo_families.py`.
"""

import json
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from familywork_app.domain import (
    ApplicationChannel,
    ApplicationStatus,
    FamilyStatus,
    GoalStatus,
    Language,
    MeetingStatus,
    MethodKind,
    Respondent,
    Role,
)
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
from familywork_app.services.demo_identity import add_demo_identities
from familywork_app.services.demo_plans import add_demo_plans
from familywork_app.services.demo_process import add_demo_process
from familywork_app.services.demo_specs import FamilySpec, MeetingSpec
from familywork_app.services.policy import saved_id
from familywork_app.services.secret_box import seal
from familywork_app.services.security import hash_password
from familywork_app.services.totp import DEMO_SECRET as DEMO_TOTP_SECRET

DEMO_PASSWORD = "perhetyo-demo-2026"
HELSINKI = ZoneInfo("Europe/Helsinki")


def _local(now: datetime, days: int, hour: int, minute: int = 0) -> datetime:
    """`hour`:`minute` Helsinki time, `days` from today, as UTC."""
    day = (now.astimezone(HELSINKI) + timedelta(days=days)).date()
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=HELSINKI).astimezone(UTC)


def _users(session: Session, password_hash: str) -> dict[str, User]:
    """Staff and every family's guardians, keyed by e-mail."""
    people = list(STAFF)
    for spec in FAMILIES:
        people += [(email, Role.GUARDIAN, name) for email, name in spec.guardians]
    users: dict[str, User] = {}
    for i, (email, role, name) in enumerate(people):
        user = User(
            email=email,
            role=role,
            display_name=name,
            phone=f"040 555 {i:04d}" if role == Role.GUARDIAN else "",
            language=Language.FI,
            password_hash=password_hash,
        )
        if role != Role.GUARDIAN:  # staff sign in with the demo second factor
            user.totp_secret, user.totp_enabled_at = seal(DEMO_TOTP_SECRET), utcnow()
        if role == Role.WORKER:  # the family home names the worker's phone and hours
            user.phone = f"044 555 01{i:02d}"
            user.reachable_days = [0, 1, 2, 3, 4]
            user.reachable_from, user.reachable_until = time(9), time(11)
        users[email] = user
        session.add(user)
    session.flush()
    return users


def _application(
    family: Family, spec: FamilySpec, users: dict[str, User], now: datetime
) -> Application:
    """The family's one application; a decided one also opens the family."""
    app_spec = spec.app
    submitted = now - timedelta(days=app_spec.days_ago, hours=3)
    worker = users[spec.worker] if spec.worker else None
    app = Application(
        family_id=saved_id(family.id),
        channel=app_spec.channel,
        support_areas=list(app_spec.areas),
        description=app_spec.description,
        reachable=app_spec.reachable,
        consent=True,
        status=app_spec.status,
        submitted_at=submitted,
        submitted_by_id=users[spec.guardians[0][0]].id,
    )
    if app_spec.channel != ApplicationChannel.EFORM:
        app.submitted_by_id = (worker or users[SUPERVISOR]).id
    if app_spec.status != ApplicationStatus.SUBMITTED:
        app.in_review_at = submitted + timedelta(days=1)
    if app_spec.status == ApplicationStatus.ACCEPTED and worker is not None:
        decided = submitted + timedelta(days=3)
        app.decided_at, app.decided_by_id = decided, users[SUPERVISOR].id
        app.decision_note = f"Perhetyö alkaa. Työntekijänä {worker.display_name}."
        family.opened_on = decided.date()
    return app


def _meeting(family: Family, row: MeetingSpec, guardian: User, now: datetime) -> Meeting:
    """One meeting from a spec row, with the timestamps its status implies."""
    starts = _local(now, row.days, row.hour)
    proposed = min(starts - timedelta(days=7), now - timedelta(days=2))
    meeting = Meeting(
        family_id=saved_id(family.id),
        worker_id=family.worker_id,
        status=row.status,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=row.minutes),
        place=row.place,
        topic=row.topic,
        proposed_by_id=family.worker_id,
        proposed_at=proposed,
    )
    if row.status in (MeetingStatus.AGREED, MeetingStatus.HELD):
        meeting.agreed_at = proposed + timedelta(days=1)
    if row.status == MeetingStatus.HELD:
        meeting.summary, meeting.internal_note = row.text, row.internal
        meeting.methods = list(row.methods)
        meeting.held_at = meeting.ends_at
    elif row.status == MeetingStatus.CHANGE_REQUESTED:
        meeting.change_note = row.text
    elif row.status == MeetingStatus.CANCELLED:
        meeting.cancel_reason, meeting.cancelled_by_id = row.text, guardian.id
    return meeting


def _goals(
    session: Session, family: Family, spec: FamilySpec, authors: dict[str, User], now: datetime
) -> None:
    """Active goals with progress entries from both sides."""
    for goal_spec in spec.goals:
        first = max(entry.days_ago for entry in goal_spec.entries) + 1
        goal = Goal(
            family_id=saved_id(family.id),
            title=goal_spec.title,
            support_area=goal_spec.area,
            what_we_do=goal_spec.what_we_do,
            target_date=(now + timedelta(days=60)).date(),
            status=GoalStatus.ACTIVE,
            created_by_id=family.worker_id,
            created_at=now - timedelta(days=first),
        )
        session.add(goal)
        session.flush()
        for entry in goal_spec.entries:
            session.add(
                GoalEntry(
                    goal_id=saved_id(goal.id),
                    author_id=saved_id(authors[entry.author].id),
                    text=entry.text,
                    rating=entry.rating,
                    created_at=now - timedelta(days=entry.days_ago, hours=2),
                )
            )


def _messages(
    session: Session, family: Family, spec: FamilySpec, authors: dict[str, User], now: datetime
) -> None:
    """The family's conversation; unread ones have no read_at."""
    for message in spec.messages:
        sent = now - timedelta(days=message.days_ago, hours=5)
        reader = authors["g0"] if message.author == "w" else authors["w"]
        session.add(
            Message(
                family_id=saved_id(family.id),
                sender_id=saved_id(authors[message.author].id),
                body=message.body,
                sent_at=sent,
                read_at=sent + timedelta(hours=2) if message.read else None,
                read_by_id=reader.id if message.read else None,
            )
        )


def _methods(
    session: Session,
    family: Family,
    spec: FamilySpec,
    authors: dict[str, User],
    children: list[Child],
    now: datetime,
) -> None:
    """Earlier results of the methods done together (evaluations, maps, a child's check-in)."""
    guardians = {who: user for who, user in authors.items() if who != "w"}
    keys = {
        **{who: f"g{user.id}" for who, user in guardians.items()},
        **{f"c{i}": f"c{child.id}" for i, child in enumerate(children)},
    }
    names = {
        **{f"g{u.id}": u.display_name.split(" ")[0] for u in guardians.values()},
        **{f"c{c.id}": c.first_name for c in children},
    }
    for row in spec.methods:
        data: dict[str, Any] = row.data
        if row.kind == MethodKind.ROLEMAP:
            tasks = {task: [keys[m] for m in members] for task, members in data["tasks"].items()}
            data = {"tasks": tasks, "members": {k: names[k] for m in tasks.values() for k in m}}
        record = MethodRecord(
            family_id=saved_id(family.id),
            kind=row.kind,
            phase=row.phase,
            data=json.dumps(data),
            created_by_id=saved_id(authors["w"].id),
            created_at=now - timedelta(days=row.days_ago, hours=3),
        )
        if row.respondent.startswith("c"):
            record.respondent = Respondent.CHILD
            record.child_id = children[int(row.respondent[1:])].id
        else:
            record.respondent = Respondent.WORKER if row.respondent == "w" else Respondent.GUARDIAN
            record.respondent_user_id = authors[row.respondent].id
        session.add(record)


def _new_family(spec: FamilySpec, users: dict[str, User], now: datetime) -> Family:
    """The family row: open (active) once its application is accepted, closed if the spec
    says so."""
    worker = users[spec.worker] if spec.worker else None
    accepted = spec.app.status == ApplicationStatus.ACCEPTED
    family = Family(
        name=spec.name,
        municipality=spec.municipality,
        address=spec.address,
        status=FamilyStatus.ACTIVE if accepted else FamilyStatus.APPLIED,
        worker_id=worker.id if worker else None,
        created_at=now - timedelta(days=spec.app.days_ago, hours=3),
    )
    if spec.closed is not None:
        days_ago, family.closing_summary = spec.closed
        family.status = FamilyStatus.CLOSED
        family.closed_on = (now - timedelta(days=days_ago)).date()
    return family


def _family(session: Session, spec: FamilySpec, users: dict[str, User], now: datetime) -> None:
    """One family with its guardians, children, application and casework."""
    family = _new_family(spec, users, now)
    session.add(family)
    session.flush()
    family_id = saved_id(family.id)
    guardians = [users[email] for email, _ in spec.guardians]
    session.add(_application(family, spec, users, now))
    for guardian in guardians:
        session.add(
            FamilyGuardian(
                family_id=family_id, user_id=saved_id(guardian.id), added_at=family.created_at
            )
        )
    children = [
        Child(family_id=family_id, first_name=first_name, birth_year=birth_year)
        for first_name, birth_year in spec.children
    ]
    session.add_all(children)
    session.flush()
    for row in spec.meetings:
        session.add(_meeting(family, row, guardians[0], now))
    authors = {f"g{i}": g for i, g in enumerate(guardians)}
    if spec.worker:
        authors["w"] = users[spec.worker]
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
    add_demo_process(session, now)
    add_demo_plans(session, now)
    session.flush()
    add_demo_identities(session)  # Suomi.fi (test) links of the Kemppainens (issue 15)
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
