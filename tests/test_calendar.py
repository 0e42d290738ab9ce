"""Agreed meetings download as .ics for the own family only."""

import pytest
from icalendar import Calendar
from sqlmodel import select

from familywork_app.i18n import t
from familywork_app.models import Family, Meeting
from familywork_app.services import NotAllowed, ServiceError
from familywork_app.services.calendar import meeting_ics
from tests.conftest import user_by_email


def _meetings(db, name):
    family = db.exec(select(Family).where(Family.name == name)).one()
    return db.exec(select(Meeting).where(Meeting.family_id == family.id)).all()


def test_agreed_meeting_as_ics(demo_db):
    guardian = user_by_email(demo_db, "family@example.org")
    agreed = next(m for m in _meetings(demo_db, "Kemppainen") if m.status == "agreed")
    event = Calendar.from_ical(meeting_ics(demo_db, guardian, agreed.id)).walk("VEVENT")[0]
    assert event.decoded("dtstart") == agreed.starts_at
    assert "Kemppainen" not in event.to_ical().decode()  # no client details in the calendar
    proposed = next(m for m in _meetings(demo_db, "Kemppainen") if m.status == "proposed")
    with pytest.raises(ServiceError):
        meeting_ics(demo_db, guardian, proposed.id)


def test_other_families_meetings_are_refused(demo_db):
    guardian = user_by_email(demo_db, "family@example.org")
    for meeting in demo_db.exec(select(Meeting)).all():
        if meeting.family_id != _meetings(demo_db, "Kemppainen")[0].family_id:
            with pytest.raises(NotAllowed):
                meeting_ics(demo_db, guardian, meeting.id)


def test_the_event_names_the_service_and_the_place_in_the_users_language(demo_db):
    guardian = user_by_email(demo_db, "family@example.org")
    agreed = next(m for m in _meetings(demo_db, "Kemppainen") if m.status == "agreed")
    agreed.place_detail = "Pohjolankatu 12 B 4"
    demo_db.add(agreed)
    demo_db.commit()
    event = Calendar.from_ical(meeting_ics(demo_db, guardian, agreed.id)).walk("VEVENT")[0]
    lang = guardian.language
    assert str(event["summary"]) == f"{t(lang, 'app.name')}: {t(lang, f'place.{agreed.place}')}"
    assert str(event["location"]) == "Pohjolankatu 12 B 4"
    assert event.decoded("dtend") == agreed.ends_at
    with pytest.raises(NotAllowed):
        meeting_ics(demo_db, None, agreed.id)
