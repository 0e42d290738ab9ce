"""Visit records: recording a held visit, the internal note, bad input, and who may do any of it
(the rules, on a real migrated database with the demo data)."""

from datetime import date, datetime, timedelta

import pytest
from sqlmodel import select

from familywork_app.domain import MeetingStatus, Method
from familywork_app.models import AccessLog, Meeting, utcnow
from familywork_app.services import NotAllowed, ServiceError, meetings, visits
from tests.visit_helpers import (
    BAD_IDS,
    add_meeting,
    demo_people,
    family_named,
    last_log_id,
    logs_since,
)


def test_record_visit_marks_held_and_keeps_the_first_held_at(demo_db):
    worker = demo_people(demo_db)["worker"]
    family = family_named(demo_db, "Kemppainen")
    meeting = add_meeting(demo_db, family)
    last = last_log_id(demo_db)
    data = visits.record_visit(
        demo_db,
        worker,
        meeting.id,
        "  Kävimme läpi illan.  ",
        " Isä väsynyt. ",
        ["cards", "discussion", "cards"],
        ip="10.0.0.1",
    )
    assert data.status == MeetingStatus.HELD and data.summary == "Kävimme läpi illan."
    assert data.methods == (Method.DISCUSSION, Method.CARDS)
    assert data.internal_note == "Isä väsynyt."
    stored = demo_db.get(Meeting, meeting.id)
    first_held = stored.held_at
    assert first_held is not None and stored.methods == ["discussion", "cards"]
    assert logs_since(demo_db, last) == [(family.id, "record_visit")]
    assert demo_db.get(AccessLog, last + 1).ip == "10.0.0.1"
    last = last_log_id(demo_db)
    again = visits.record_visit(demo_db, worker, meeting.id, "Korjattu.", "", [])
    assert again.summary == "Korjattu." and again.methods == () and again.internal_note == ""
    assert demo_db.get(Meeting, meeting.id).held_at == first_held
    assert logs_since(demo_db, last) == [(family.id, "record_visit")]


def test_internal_note_is_for_staff_only(demo_db):
    people = demo_people(demo_db)
    family = family_named(demo_db, "Kemppainen")
    meeting = add_meeting(demo_db, family)
    visits.record_visit(
        demo_db,
        people["worker"],
        meeting.id,
        "Yhteinen yhteenveto",
        "SALAINEN-HUOMIO",
        ["guidance"],
    )
    staff_view = meetings.family_meetings(demo_db, people["worker"], family.id)
    row = next(m for m in staff_view.past if m.id == meeting.id)
    assert row.internal_note == "SALAINEN-HUOMIO" and row.summary == "Yhteinen yhteenveto"
    assert row.methods == (Method.GUIDANCE,)
    family_view = meetings.family_meetings(demo_db, people["family"], family.id)
    row = next(m for m in family_view.past if m.id == meeting.id)
    assert row.internal_note is None and row.summary == "Yhteinen yhteenveto"
    assert "SALAINEN-HUOMIO" not in repr(family_view)


@pytest.mark.parametrize(
    "summary, note, methods, code, field",
    [
        ("", "", ["discussion"], "error.note_required", "summary"),
        ("   ", "", ["discussion"], "error.note_required", "summary"),
        (None, "", ["discussion"], "error.invalid", "summary"),
        (5, "", ["discussion"], "error.invalid", "summary"),
        ("x" * 4001, "", ["discussion"], "error.text_long", "summary"),
        ("ok", None, ["discussion"], "error.invalid", "internal_note"),
        ("ok", "x" * 4001, ["discussion"], "error.text_long", "internal_note"),
        ("ok", "", "x", "error.invalid", "methods"),
        ("ok", "", ["nope"], "error.invalid", "methods"),
        ("ok", "", "discussion", "error.invalid", "methods"),
        ("ok", "", [1], "error.invalid", "methods"),
        ("ok", "", ["discussion", None], "error.invalid", "methods"),
        ("ok", "", None, "error.invalid", "methods"),
        ("ok", "", {"discussion": 1}, "error.invalid", "methods"),
    ],
)
def test_record_visit_refuses_bad_input(demo_db, summary, note, methods, code, field):
    worker = demo_people(demo_db)["worker"]
    meeting = add_meeting(demo_db, family_named(demo_db, "Kemppainen"))
    last = last_log_id(demo_db)
    with pytest.raises(ServiceError) as raised:
        visits.record_visit(demo_db, worker, meeting.id, summary, note, methods)
    assert (raised.value.code, raised.value.field) == (code, field)
    demo_db.refresh(meeting)
    assert meeting.status == "agreed" and meeting.summary == "" and meeting.held_at is None
    assert logs_since(demo_db, last) == []


def test_only_a_begun_agreed_meeting_can_be_recorded(demo_db):
    worker = demo_people(demo_db)["worker"]
    family = family_named(demo_db, "Kemppainen")
    future = add_meeting(demo_db, family, starts_at=utcnow() + timedelta(hours=1))
    refused = [future] + [
        add_meeting(demo_db, family, status=s)
        for s in ("proposed", "change_requested", "cancelled")
    ]
    for meeting in refused:
        with pytest.raises(ServiceError, match="error.meeting_not_open"):
            visits.record_visit(demo_db, worker, meeting.id, "Kävimme.", "", [])
        demo_db.refresh(meeting)
        assert meeting.status != "held" and meeting.summary == ""


def test_guardian_and_inactive_staff_are_refused_everything(demo_db):
    people = demo_people(demo_db)
    family = family_named(demo_db, "Kemppainen")
    meeting = add_meeting(demo_db, family)
    now = utcnow()
    last = last_log_id(demo_db)
    worker = people["worker"]
    worker.is_active = False
    for user in (people["family"], worker, None, "worker@example.org"):
        for call in (
            lambda u=user: visits.record_visit(demo_db, u, meeting.id, "Kävimme.", "", []),
            lambda u=user: visits.close_case(demo_db, u, family.id, "Loppu."),
            lambda u=user: visits.family_record(demo_db, u, family.id),
            lambda u=user: visits.worker_week(demo_db, u, now.date()),
            lambda u=user: visits.overlapping(demo_db, u, now, now + timedelta(hours=1)),
        ):
            with pytest.raises(NotAllowed):
                call()
    demo_db.refresh(meeting)
    assert meeting.status == "agreed" and family_named(demo_db, "Kemppainen").status == "active"
    assert logs_since(demo_db, last) == []


def test_worker2_cannot_touch_kemppainen(demo_db):
    worker2 = demo_people(demo_db)["worker2"]
    family = family_named(demo_db, "Kemppainen")
    past = add_meeting(demo_db, family)
    upcoming = demo_db.exec(
        select(Meeting).where(
            Meeting.family_id == family.id, Meeting.status == "agreed", Meeting.starts_at > utcnow()
        )
    ).one()
    last = last_log_id(demo_db)
    for call in (
        lambda: visits.record_visit(demo_db, worker2, past.id, "Kävimme.", "", []),
        lambda: visits.close_case(demo_db, worker2, family.id, "Loppu."),
        lambda: visits.family_record(demo_db, worker2, family.id),
    ):
        with pytest.raises(NotAllowed):
            call()
    week = visits.worker_week(demo_db, worker2, upcoming.starts_at.date())
    assert all(row.family_id != family.id for row in week)
    assert visits.overlapping(demo_db, worker2, upcoming.starts_at, upcoming.ends_at) == []
    assert all(family_id != family.id for family_id, _ in logs_since(demo_db, last))
    assert family_named(demo_db, "Kemppainen").status == "active"


def test_bad_ids_and_arguments_are_refused(demo_db):
    worker = demo_people(demo_db)["worker"]
    now = utcnow()
    last = last_log_id(demo_db)
    for bad in BAD_IDS:
        for call in (
            lambda b=bad: visits.record_visit(demo_db, worker, b, "Kävimme.", "", []),
            lambda b=bad: visits.close_case(demo_db, worker, b, "Loppu."),
            lambda b=bad: visits.family_record(demo_db, worker, b),
        ):
            with pytest.raises(NotAllowed):
                call()
        if bad is not None:
            with pytest.raises(NotAllowed):
                visits.overlapping(demo_db, worker, now, now + timedelta(hours=1), bad)
    for week_start in (None, "2026-01-05", now, 20260105, date(1999, 12, 27)):
        with pytest.raises(ServiceError, match="error.date_invalid"):
            visits.worker_week(demo_db, worker, week_start)
    naive = datetime(2030, 1, 1, 10, 0)
    for start, end in (
        (naive, naive + timedelta(hours=1)),
        (now, now),
        (now, now - timedelta(1)),
        ("2030-01-01", now),
        (now, None),
    ):
        with pytest.raises(ServiceError, match="error.date_invalid"):
            visits.overlapping(demo_db, worker, start, end)
    with pytest.raises(ServiceError, match="error.invalid"):
        visits.family_record(demo_db, worker, family_named(demo_db, "Kemppainen").id, ip=None)
    assert logs_since(demo_db, last) == []


def test_the_summary_reaches_the_family_only_once_the_visit_is_held(demo_db):
    people = demo_people(demo_db)
    family = family_named(demo_db, "Kemppainen")
    meeting = add_meeting(demo_db, family)
    meeting.summary = "Luonnos"  # written before the record was saved
    demo_db.add(meeting)
    demo_db.commit()
    rows = meetings.family_meetings(demo_db, people["family"], family.id)
    row = next(m for m in rows.past + rows.upcoming if m.id == meeting.id)
    assert row.status == MeetingStatus.AGREED and row.summary == ""
    visits.record_visit(demo_db, people["worker"], meeting.id, "Valmis", "", ["child"])
    rows = meetings.family_meetings(demo_db, people["family"], family.id)
    row = next(m for m in rows.past if m.id == meeting.id)
    assert (row.summary, row.methods, row.internal_note) == ("Valmis", (Method.CHILD,), None)
