"""Agreed meetings download as .ics for the own family only."""

import pytest
from icalendar import Calendar
from sqlmodel import select

from familywork_app.domain import FamilyStatus, MeetingStatus
from familywork_app.i18n import t
from familywork_app.models import Meeting
from familywork_app.services import NotAllowed, ServiceError
from familywork_app.services.calendar import meeting_ics
from tests.factories import make_family, make_meeting


def _world(db):
    """A family with an agreed and a proposed meeting ahead."""
    world = make_family(db)
    agreed = make_meeting(db, world, days=3, status=MeetingStatus.AGREED)
    proposed = make_meeting(db, world, days=6)
    return world, agreed, proposed


def test_agreed_meeting_as_ics(db):
    world, agreed, proposed = _world(db)
    guardian = world.guardians[0]
    event = Calendar.from_ical(meeting_ics(db, guardian, agreed.id)).walk("VEVENT")[0]
    assert event.decoded("dtstart") == agreed.starts_at
    assert world.family.name not in event.to_ical().decode()  # no client details in it
    with pytest.raises(ServiceError):
        meeting_ics(db, guardian, proposed.id)


def test_other_families_meetings_are_refused(db):
    world, agreed, _ = _world(db)
    guardian = world.guardians[0]
    _world(db)  # another worker's family
    make_meeting(db, make_family(db, world.worker), days=2, status=MeetingStatus.AGREED)
    closed = make_family(db, world.worker, status=FamilyStatus.CLOSED)
    make_meeting(db, closed, days=-30, status=MeetingStatus.HELD)
    others = db.exec(select(Meeting).where(Meeting.family_id != world.id)).all()
    assert len(others) == 4
    for meeting in others:
        with pytest.raises(NotAllowed):
            meeting_ics(db, guardian, meeting.id)
    assert meeting_ics(db, guardian, agreed.id)


def test_the_event_names_the_service_and_the_place_in_the_users_language(db):
    world, agreed, _ = _world(db)
    guardian = world.guardians[0]
    agreed.place_detail = "Pohjolankatu 12 B 4"
    db.add(agreed)
    db.commit()
    event = Calendar.from_ical(meeting_ics(db, guardian, agreed.id)).walk("VEVENT")[0]
    lang = guardian.language
    assert str(event["summary"]) == f"{t(lang, 'app.name')}: {t(lang, f'place.{agreed.place}')}"
    assert str(event["location"]) == "Pohjolankatu 12 B 4"
    assert event.decoded("dtend") == agreed.ends_at
    with pytest.raises(NotAllowed):
        meeting_ics(db, None, agreed.id)
