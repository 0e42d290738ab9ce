"""Visit records: recording a held visit, the internal note, bad input, and who may do any of it
(the rules, on a real migrated database with the data each test builds)."""

from datetime import date, datetime, timedelta

import pytest

from familywork_app.domain import MeetingStatus, Method
from familywork_app.models import AccessLog, Meeting, utcnow
from familywork_app.services import NotAllowed, ServiceError, meetings, visits
from tests.factories import make_family
from tests.visit_helpers import (
    BAD_IDS,
    add_meeting,
    agreed_visit,
    last_log_id,
    logs_since,
    visit_world,
)


def test_record_visit_marks_held_and_keeps_the_first_held_at(db):
    people, world = visit_world(db)
    worker, family = people["worker"], world.family
    meeting = add_meeting(db, family)
    last = last_log_id(db)
    data = visits.record_visit(
        db,
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
    stored = db.get(Meeting, meeting.id)
    first_held = stored.held_at
    assert first_held is not None and stored.methods == ["discussion", "cards"]
    assert logs_since(db, last) == [(family.id, "record_visit")]
    assert db.get(AccessLog, last + 1).ip == "10.0.0.1"
    last = last_log_id(db)
    again = visits.record_visit(db, worker, meeting.id, "Korjattu.", "", [])
    assert again.summary == "Korjattu." and again.methods == () and again.internal_note == ""
    assert db.get(Meeting, meeting.id).held_at == first_held
    assert logs_since(db, last) == [(family.id, "record_visit")]


def test_internal_note_is_for_staff_only(db):
    people, world = visit_world(db)
    family = world.family
    meeting = add_meeting(db, family)
    visits.record_visit(
        db,
        people["worker"],
        meeting.id,
        "Yhteinen yhteenveto",
        "SALAINEN-HUOMIO",
        ["guidance"],
    )
    staff_view = meetings.family_meetings(db, people["worker"], family.id)
    row = next(m for m in staff_view.past if m.id == meeting.id)
    assert row.internal_note == "SALAINEN-HUOMIO" and row.summary == "Yhteinen yhteenveto"
    assert row.methods == (Method.GUIDANCE,)
    family_view = meetings.family_meetings(db, people["family"], family.id)
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
def test_record_visit_refuses_bad_input(db, summary, note, methods, code, field):
    people, world = visit_world(db)
    worker, meeting = people["worker"], add_meeting(db, world.family)
    last = last_log_id(db)
    with pytest.raises(ServiceError) as raised:
        visits.record_visit(db, worker, meeting.id, summary, note, methods)
    assert (raised.value.code, raised.value.field) == (code, field)
    db.refresh(meeting)
    assert meeting.status == "agreed" and meeting.summary == "" and meeting.held_at is None
    assert logs_since(db, last) == []


def test_only_a_begun_agreed_meeting_can_be_recorded(db):
    people, world = visit_world(db)
    worker, family = people["worker"], world.family
    future = add_meeting(db, family, starts_at=utcnow() + timedelta(hours=1))
    refused = [future] + [
        add_meeting(db, family, status=s) for s in ("proposed", "change_requested", "cancelled")
    ]
    for meeting in refused:
        with pytest.raises(ServiceError, match="error.meeting_not_open"):
            visits.record_visit(db, worker, meeting.id, "Kävimme.", "", [])
        db.refresh(meeting)
        assert meeting.status != "held" and meeting.summary == ""


def test_guardian_and_inactive_staff_are_refused_everything(db):
    people, world = visit_world(db)
    family = world.family
    meeting = add_meeting(db, family)
    now = utcnow()
    last = last_log_id(db)
    worker = people["worker"]
    worker.is_active = False
    for user in (people["family"], worker, None, worker.email):
        for call in (
            lambda u=user: visits.record_visit(db, u, meeting.id, "Kävimme.", "", []),
            lambda u=user: visits.close_case(db, u, family.id, "Loppu."),
            lambda u=user: visits.family_record(db, u, family.id),
            lambda u=user: visits.worker_week(db, u, now.date()),
            lambda u=user: visits.overlapping(db, u, now, now + timedelta(hours=1)),
        ):
            with pytest.raises(NotAllowed):
                call()
    db.refresh(meeting)
    db.refresh(family)
    assert meeting.status == "agreed" and family.status == "active"
    assert logs_since(db, last) == []


def test_worker2_cannot_touch_another_workers_family(db):
    people, world = visit_world(db)
    worker2, family = people["worker2"], world.family
    past = add_meeting(db, family)
    upcoming = agreed_visit(db, family)
    own = make_family(db, worker2)  # worker2's own visit the same day, later
    add_meeting(db, own.family, starts_at=upcoming.starts_at + timedelta(hours=3))
    last = last_log_id(db)
    for call in (
        lambda: visits.record_visit(db, worker2, past.id, "Kävimme.", "", []),
        lambda: visits.close_case(db, worker2, family.id, "Loppu."),
        lambda: visits.family_record(db, worker2, family.id),
    ):
        with pytest.raises(NotAllowed):
            call()
    week = visits.worker_week(db, worker2, upcoming.starts_at.date())
    assert week and all(row.family_id != family.id for row in week)
    assert visits.overlapping(db, worker2, upcoming.starts_at, upcoming.ends_at) == []
    assert all(family_id != family.id for family_id, _ in logs_since(db, last))
    db.refresh(family)
    assert family.status == "active"


def test_bad_ids_and_arguments_are_refused(db):
    people, world = visit_world(db)
    worker = people["worker"]
    now = utcnow()
    last = last_log_id(db)
    for bad in BAD_IDS:
        for call in (
            lambda b=bad: visits.record_visit(db, worker, b, "Kävimme.", "", []),
            lambda b=bad: visits.close_case(db, worker, b, "Loppu."),
            lambda b=bad: visits.family_record(db, worker, b),
        ):
            with pytest.raises(NotAllowed):
                call()
        if bad is not None:
            with pytest.raises(NotAllowed):
                visits.overlapping(db, worker, now, now + timedelta(hours=1), bad)
    for week_start in (None, "2026-01-05", now, 20260105, date(1999, 12, 27)):
        with pytest.raises(ServiceError, match="error.date_invalid"):
            visits.worker_week(db, worker, week_start)
    naive = datetime(2030, 1, 1, 10, 0)
    for start, end in (
        (naive, naive + timedelta(hours=1)),
        (now, now),
        (now, now - timedelta(1)),
        ("2030-01-01", now),
        (now, None),
    ):
        with pytest.raises(ServiceError, match="error.date_invalid"):
            visits.overlapping(db, worker, start, end)
    with pytest.raises(ServiceError, match="error.invalid"):
        visits.family_record(db, worker, world.id, ip=None)
    assert logs_since(db, last) == []


def test_the_summary_reaches_the_family_only_once_the_visit_is_held(db):
    people, world = visit_world(db)
    family = world.family
    meeting = add_meeting(db, family)
    meeting.summary = "Luonnos"  # written before the record was saved
    db.add(meeting)
    db.commit()
    rows = meetings.family_meetings(db, people["family"], family.id)
    row = next(m for m in rows.past + rows.upcoming if m.id == meeting.id)
    assert row.status == MeetingStatus.AGREED and row.summary == ""
    visits.record_visit(db, people["worker"], meeting.id, "Valmis", "", ["child"])
    rows = meetings.family_meetings(db, people["family"], family.id)
    row = next(m for m in rows.past if m.id == meeting.id)
    assert (row.summary, row.methods, row.internal_note) == ("Valmis", (Method.CHILD,), None)
