"""Test data by factories: a worker, a family with its guardians and children, an application, a
meeting, a goal and its entries, a message. Service tests build exactly the world they need on
the migrated empty database (the `db` fixture) instead of depending on the demo data's names;
the browser tests keep the demo.

    world = make_family(db)                       # an active family of a new worker
    meeting = make_meeting(db, world, days=3)     # proposed by the worker, three days ahead
    guardian = world.guardians[0]
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache

from sqlmodel import Session

from familywork_app.domain import (
    ApplicationStatus,
    FamilyStatus,
    GoalStatus,
    MeetingPlace,
    MeetingStatus,
    Municipality,
    Role,
    SupportArea,
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
    User,
    utcnow,
)
from familywork_app.services.security import hash_password

PASSWORD = "factory password 2026 long"  # every factory account signs in with this
_numbers = itertools.count(1)


@cache
def _password_hash() -> str:
    return hash_password(PASSWORD)  # argon2 once per test run, not once per account


def _saved(db: Session, *rows: object) -> None:
    for row in rows:
        db.add(row)
    db.commit()
    for row in rows:
        db.refresh(row)


def make_user(db: Session, role: Role = Role.WORKER, name: str = "") -> User:
    """An active account of `role` with a unique e-mail address."""
    number = next(_numbers)
    user = User(
        email=f"{role.value}{number}@factory.example.org",
        password_hash=_password_hash(),
        role=role,
        display_name=name or f"{role.value.title()} {number}",
    )
    _saved(db, user)
    return user


@dataclass
class FamilyWorld:
    """A family with the people around it."""

    family: Family
    worker: User | None
    guardians: list[User] = field(default_factory=list)
    children: list[Child] = field(default_factory=list)

    @property
    def id(self) -> int:
        assert self.family.id is not None
        return self.family.id


def make_family(
    db: Session,
    worker: User | None = None,
    *,
    status: FamilyStatus = FamilyStatus.ACTIVE,
    guardians: int | Sequence[str] = 1,
    children: int = 1,
    municipality: Municipality = Municipality.KAJAANI,
    name: str = "",
) -> FamilyWorld:
    """A family with `guardians` guardian accounts (a number, or their display names) and
    `children` children; an active or closed one gets a new worker unless `worker` is given
    (an applied family has none)."""
    if worker is None and status != FamilyStatus.APPLIED:
        worker = make_user(db, Role.WORKER)
    number = next(_numbers)
    family = Family(
        name=name or f"Family {number}",
        municipality=municipality,
        status=status,
        worker_id=worker.id if worker else None,
        opened_on=date.today() - timedelta(days=30) if status != FamilyStatus.APPLIED else None,
        closed_on=date.today() if status == FamilyStatus.CLOSED else None,
    )
    _saved(db, family)
    assert family.id is not None
    names = [""] * guardians if isinstance(guardians, int) else list(guardians)
    people = [make_user(db, Role.GUARDIAN, name) for name in names]
    links = [FamilyGuardian(family_id=family.id, user_id=p.id or 0) for p in people]
    kids = [
        Child(family_id=family.id, first_name=f"Child{i}", birth_year=2016 + i)
        for i in range(children)
    ]
    _saved(db, *links, *kids)
    return FamilyWorld(family, worker, people, kids)


def make_application(
    db: Session,
    world: FamilyWorld,
    *,
    days_ago: float = 0,
    status: ApplicationStatus = ApplicationStatus.SUBMITTED,
    areas: Sequence[SupportArea] = (SupportArea.EVERYDAY,),
) -> Application:
    """An e-form application of the family, sent `days_ago` days ago by its first guardian."""
    application = Application(
        family_id=world.id,
        support_areas=[area.value for area in areas],
        description="We would like help with the mornings.",
        consent=True,
        status=status,
        submitted_at=utcnow() - timedelta(days=days_ago),
        submitted_by_id=world.guardians[0].id if world.guardians else None,
    )
    _saved(db, application)
    return application


def make_meeting(
    db: Session,
    world: FamilyWorld,
    *,
    days: float = 3,
    minutes: int = 60,
    status: MeetingStatus = MeetingStatus.PROPOSED,
    place: MeetingPlace = MeetingPlace.HOME,
) -> Meeting:
    """A meeting of the family with its worker, `days` from now (negative: in the past)."""
    starts = (utcnow() + timedelta(days=days)).replace(second=0, microsecond=0)
    worker_id = world.worker.id if world.worker else None
    meeting = Meeting(
        family_id=world.id,
        worker_id=worker_id,
        status=status,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=minutes),
        place=place,
        topic="Everyday routines",
        proposed_by_id=worker_id,
        agreed_at=utcnow() if status in (MeetingStatus.AGREED, MeetingStatus.HELD) else None,
        held_at=starts if status == MeetingStatus.HELD else None,
    )
    _saved(db, meeting)
    return meeting


def make_goal(
    db: Session,
    world: FamilyWorld,
    *,
    title: str = "Calmer mornings",
    area: SupportArea = SupportArea.EVERYDAY,
    status: GoalStatus = GoalStatus.ACTIVE,
) -> Goal:
    """A goal the family and its worker share."""
    goal = Goal(
        family_id=world.id,
        title=title,
        support_area=area,
        status=status,
        created_by_id=world.worker.id if world.worker else None,
        ended_at=None if status == GoalStatus.ACTIVE else utcnow(),
    )
    _saved(db, goal)
    return goal


def make_entry(
    db: Session,
    goal: Goal,
    author: User,
    text: str = "",
    rating: int | None = None,
    *,
    at: datetime | None = None,
) -> GoalEntry:
    """A progress entry on the goal (optionally rated, optionally at a given time)."""
    entry = GoalEntry(goal_id=goal.id or 0, author_id=author.id or 0, text=text, rating=rating)
    if at is not None:
        entry.created_at = at
    _saved(db, entry)
    return entry


def make_message(
    db: Session,
    world: FamilyWorld,
    sender: User,
    body: str = "Hello",
    *,
    at: datetime | None = None,
) -> Message:
    """A message in the family's conversation."""
    message = Message(family_id=world.id, sender_id=sender.id or 0, body=body)
    if at is not None:
        message.sent_at = at
    _saved(db, message)
    return message
