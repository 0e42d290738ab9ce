"""The supervision tests' world: staff, families, applications and meetings on known dates
(Helsinki time), and the form of a paper or phone application."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from familywork_app.models import (
    Application,
    Family,
    Meeting,
    User,
)
from familywork_app.services.application_checks import (
    ApplicationEntry,
    ChildEntry,
)

HEL = ZoneInfo("Europe/Helsinki")
TODAY = date(2025, 3, 12)  # a Wednesday: this week is 10.–16.3., next week 17.–23.3.
FORM = ApplicationEntry(
    name="Paula Paperinen",
    email="",
    phone="040 111 2222",
    municipality="Suomussalmi",
    address="Kirkkotie 1, 89600 Suomussalmi",
    children=(ChildEntry("Eino", "2020"), ChildEntry("Aili", " 2022 ")),
    support_areas=("resources", "everyday", "bogus"),
    description="Soitti neuvolasta.",
    reachable="iltapäivisin",
    consent=True,
)
GARBAGE = (None, "", "1", 1.5, True, -1, 0, 10**12, [], {"$gt": 0}, b"x", object())


def hel(month, day, hour=10, minute=0, year=2025):
    return datetime(year, month, day, hour, minute, tzinfo=HEL)


def _user(db, email, role, name="", active=True):
    user = User(email=email, role=role, display_name=name or email, is_active=active)
    db.add(user)
    db.commit()
    return user


def _family(db, name, municipality, status="active", worker=None):
    family = Family(
        name=name, municipality=municipality, status=status, worker_id=worker.id if worker else None
    )
    db.add(family)
    db.commit()
    return family


def _application(db, family, submitted_at, areas, status="accepted"):
    application = Application(
        family_id=family.id,
        submitted_at=submitted_at,
        support_areas=areas.split(","),
        status=status,
        consent=True,
    )
    db.add(application)
    db.commit()
    return application


def _meeting(db, family, status, starts_at, agreed_at=None, worker_id=None):
    meeting = Meeting(
        family_id=family.id,
        worker_id=worker_id or family.worker_id,
        status=status,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=1),
        agreed_at=agreed_at,
    )
    db.add(meeting)
    db.commit()
    return meeting


@pytest.fixture
def people(db):
    return {
        "sup": _user(db, "sari@example.org", "supervisor", "Sari Esihenkilö"),
        "a": _user(db, "aino@example.org", "worker", "Aino Aalto"),
        "b": _user(db, "bertta@example.org", "worker", "Bertta Berg"),
        "gone": _user(db, "cecilia@example.org", "worker", "Cecilia Ex", active=False),
        "guardian": _user(db, "huoltaja@example.org", "guardian", "Hilla Huoltaja"),
    }


@pytest.fixture
def dataset(db, people):
    a, b = people["a"], people["b"]
    f1 = _family(db, "Aaltonen", "Kajaani", worker=a)
    _application(db, f1, hel(2, 1), "parenting,growth")
    _meeting(db, f1, "held", hel(5, 1, year=2024))  # before this application: not its first
    _meeting(db, f1, "held", hel(2, 11), agreed_at=hel(2, 6, 22))  # 5.5 days
    _meeting(db, f1, "held", hel(3, 10, 0, 30))  # Helsinki Monday 00.30: this week
    _meeting(db, f1, "proposed", hel(3, 12))  # not agreed: not counted
    f2 = _family(db, "Bergman", "Kuhmo", worker=b)
    _application(db, f2, hel(1, 10), "everyday")
    _meeting(db, f2, "proposed", hel(1, 11))
    _meeting(db, f2, "cancelled", hel(1, 12))
    _meeting(db, f2, "agreed", hel(1, 30))  # 20 days (no agreed_at: its start)
    _meeting(db, f2, "agreed", hel(3, 9, 23, 30))  # Sunday before this week
    _meeting(db, f2, "agreed", hel(3, 21))
    _meeting(db, f2, "held", hel(3, 23, 23))
    _meeting(db, f2, "agreed", hel(3, 24, 0, 30))  # the week after next
    f3 = _family(db, "Cederberg", "Sotkamo", worker=a)
    _application(db, f3, hel(12, 1, year=2024), "parenting")
    _meeting(db, f3, "held", hel(12, 9, year=2024), agreed_at=hel(12, 3, year=2024))  # 2 days
    _meeting(db, f3, "agreed", hel(3, 16, 23, 30))  # Sunday 23.30: still this week
    _meeting(db, f3, "cancelled", hel(3, 13))
    f4 = _family(db, "Dahl", "Paltamo", worker=a)
    _application(db, f4, hel(1, 20), "parenting")
    _meeting(db, f4, "agreed", hel(2, 3), agreed_at=hel(1, 30, 22))  # 10.5 days
    _meeting(db, f4, "agreed", hel(3, 17, 0, 30))  # Monday 00.30: next week
    _meeting(db, f4, "agreed", hel(3, 11), worker_id=people["gone"].id)  # not a listed worker
    f5 = _family(db, "Eerola", "Kajaani", status="closed", worker=b)
    _application(db, f5, hel(11, 1, year=2023), "growth")  # accepted, no meeting, outside window
    waiting = _family(db, "Eskola", "Hyrynsalmi", status="applied")
    later = _application(db, waiting, hel(3, 2, 9), "interaction", status="submitted")
    review = _family(db, "Forsman", "Kajaani", status="applied")
    older = _application(db, review, hel(2, 20, 0, 30), "parenting,bogus", status="in_review")
    declined = _family(db, "Granqvist", "Puolanka", status="applied")
    _application(db, declined, hel(3, 31, 23, 30, year=2024), "growth", status="declined")
    _application(db, declined, hel(4, 1, 0, 30, year=2024), "resources", status="declined")
    return {"later": later.id, "older": older.id}
