"""The week view, overlap warnings, closing a case, the family record header and reassignment:
the rules, on a real migrated database with the demo data."""

from datetime import timedelta

import pytest
from sqlmodel import select

from familywork_app.domain import (
    ApplicationChannel,
    ApplicationStatus,
    FamilyStatus,
    MeetingPlace,
    MeetingStatus,
    Municipality,
    SupportArea,
)
from familywork_app.models import Meeting, utcnow
from familywork_app.services import NotAllowed, ServiceError, meetings, visits
from familywork_app.services.visit_rows import ChildRow, OverlapRow
from tests.visit_helpers import (
    HELSINKI,
    add_meeting,
    demo_people,
    family_named,
    helsinki_at,
    last_log_id,
    logs_since,
    monday_of,
)


def test_week_view_lists_own_open_meetings_of_the_helsinki_week(demo_db):
    people = demo_people(demo_db)
    worker, family = people["worker"], family_named(demo_db, "Kemppainen")
    agreed = demo_db.exec(
        select(Meeting).where(Meeting.family_id == family.id, Meeting.status == "agreed")
    ).one()
    monday = monday_of(agreed.starts_at.astimezone(HELSINKI).date())
    inside = add_meeting(demo_db, family, starts_at=helsinki_at(monday + timedelta(days=6), 23, 30))
    next_week = add_meeting(demo_db, family, starts_at=helsinki_at(monday + timedelta(days=7), 0))
    before = add_meeting(demo_db, family, starts_at=helsinki_at(monday - timedelta(days=1), 23, 59))
    held = add_meeting(demo_db, family, status="held", starts_at=helsinki_at(monday, 9))
    other = add_meeting(
        demo_db,
        family_named(demo_db, "Huttunen"),
        starts_at=helsinki_at(monday, 8),
        worker_id=people["supervisor"].id,
    )
    new = meetings.propose_meeting(
        demo_db, worker, family.id, agreed.starts_at, 30, "home", "", "Päällekkäin"
    )
    expected = [
        m
        for m in demo_db.exec(select(Meeting)).all()
        if m.worker_id == worker.id
        and m.status in meetings.OPEN_STATUSES
        and monday_of(m.starts_at.astimezone(HELSINKI).date()) == monday
    ]
    last = last_log_id(demo_db)
    week = visits.worker_week(demo_db, worker, monday + timedelta(days=2))
    ids = [row.id for row in week]
    assert set(ids) == {m.id for m in expected} and inside.id in ids and new.id in ids
    assert not {next_week.id, before.id, held.id, other.id} & set(ids)
    assert [row.starts_at for row in week] == sorted(row.starts_at for row in week)
    by_id = {row.id: row for row in week}
    assert by_id[agreed.id].overlaps == (new.id,)
    assert by_id[new.id].overlaps == (agreed.id,)
    assert by_id[new.id].status == MeetingStatus.PROPOSED
    assert by_id[new.id].place == MeetingPlace.HOME and by_id[new.id].topic == "Päällekkäin"
    assert all(not row.overlaps for row in week if row.id not in (agreed.id, new.id))
    assert by_id[agreed.id].family_name == "Kemppainen"
    logs = logs_since(demo_db, last)
    assert sorted(logs) == sorted((f, "view_week") for f in {row.family_id for row in week})
    assert [row.id for row in visits.worker_week(demo_db, worker, monday)] == ids
    own = visits.worker_week(demo_db, people["supervisor"], monday)
    assert [(row.id, row.family_name) for row in own] == [(other.id, "Huttunen")]


def test_overlapping_warns_about_own_open_meetings(demo_db):
    worker = demo_people(demo_db)["worker"]
    family = family_named(demo_db, "Kemppainen")
    agreed = demo_db.exec(
        select(Meeting).where(Meeting.family_id == family.id, Meeting.status == "agreed")
    ).one()
    start = agreed.starts_at
    last = last_log_id(demo_db)
    found = visits.overlapping(
        demo_db, worker, start - timedelta(minutes=30), start + timedelta(minutes=30)
    )
    assert found == [
        OverlapRow(
            id=agreed.id,
            family_name="Kemppainen",
            starts_at=agreed.starts_at,
            ends_at=agreed.ends_at,
            status=MeetingStatus.AGREED,
        )
    ]
    assert logs_since(demo_db, last) == [(family.id, "check_overlap")]
    last = last_log_id(demo_db)
    local = start.astimezone(HELSINKI)
    assert (
        visits.overlapping(
            demo_db, worker, local, local + timedelta(minutes=5), exclude_meeting_id=agreed.id
        )
        == []
    )
    assert visits.overlapping(demo_db, worker, start - timedelta(hours=1), start) == []
    assert (
        visits.overlapping(demo_db, worker, agreed.ends_at, agreed.ends_at + timedelta(hours=1))
        == []
    )
    assert logs_since(demo_db, last) == []
    add_meeting(demo_db, family, starts_at=start + timedelta(minutes=10))
    last = last_log_id(demo_db)
    assert len(visits.overlapping(demo_db, worker, start, start + timedelta(minutes=20))) == 2
    assert logs_since(demo_db, last) == [(family.id, "check_overlap")]


def test_close_case_cancels_future_meetings_and_freezes_the_family_side(demo_db):
    people = demo_people(demo_db)
    family = family_named(demo_db, "Kemppainen")
    begun = add_meeting(demo_db, family)
    rows = demo_db.exec(select(Meeting).where(Meeting.family_id == family.id)).all()
    future_open = {
        m.id for m in rows if m.status in meetings.OPEN_STATUSES and m.starts_at > utcnow()
    }
    unchanged = {m.id: m.status for m in rows if m.id not in future_open}
    assert len(future_open) == 2
    last = last_log_id(demo_db)
    summary = "  Tavoitteet saavutettiin. " + "x" * 1200
    assert visits.close_case(demo_db, people["worker"], family.id, summary) is None
    demo_db.refresh(family)
    assert family.status == "closed" and family.closing_summary == summary.strip()
    assert family.closed_on == utcnow().astimezone(HELSINKI).date()
    for meeting in demo_db.exec(select(Meeting).where(Meeting.family_id == family.id)).all():
        if meeting.id in future_open:
            assert meeting.status == "cancelled" and meeting.cancelled_by_id == people["worker"].id
            assert meeting.cancel_reason == summary.strip()[:1000]
        else:
            assert meeting.status == unchanged[meeting.id]
    assert logs_since(demo_db, last) == [(family.id, "close_case")]
    data = meetings.family_meetings(demo_db, people["family"], family.id)
    assert data.past and not data.upcoming
    for meeting_id in (begun.id, *future_open):
        with pytest.raises(NotAllowed):
            meetings.request_change(demo_db, people["family"], meeting_id, "Toinen aika?")
    with pytest.raises(ServiceError, match="error.invalid"):
        visits.close_case(demo_db, people["worker"], family.id, "Uudestaan")
    assert (
        visits.record_visit(demo_db, people["worker"], begun.id, "Jälkikirjaus.", "", []).status
        == MeetingStatus.HELD
    )


def test_close_case_checks_summary_and_status(demo_db):
    people = demo_people(demo_db)
    family = family_named(demo_db, "Ryynänen")
    for text, code in (
        ("", "error.note_required"),
        ("  ", "error.note_required"),
        (None, "error.invalid"),
        ("x" * 4001, "error.text_long"),
    ):
        with pytest.raises(ServiceError) as raised:
            visits.close_case(demo_db, people["worker2"], family.id, text)
        assert (raised.value.code, raised.value.field) == (code, "closing_summary")
    demo_db.refresh(family)
    assert family.status == "active" and family.closed_on is None
    for name in ("Tolonen", "Komulainen"):
        with pytest.raises(ServiceError, match="error.invalid"):
            visits.close_case(
                demo_db, people["supervisor"], family_named(demo_db, name).id, "Loppu."
            )
    visits.close_case(demo_db, people["supervisor"], family.id, "Perhe muutti.")
    assert family_named(demo_db, "Ryynänen").status == "closed"


def test_family_record_header(demo_db):
    people = demo_people(demo_db)
    family = family_named(demo_db, "Kemppainen")
    last = last_log_id(demo_db)
    data = visits.family_record(demo_db, people["worker"], family.id)
    assert (data.id, data.name, data.municipality, data.status) == (
        family.id,
        "Kemppainen",
        Municipality.KAJAANI,
        FamilyStatus.ACTIVE,
    )
    assert data.worker_id == people["worker"].id and data.worker_name == "Anna Heikkinen"
    assert data.opened_on == family.opened_on and data.closed_on is None
    assert {(g.name, g.email) for g in data.guardians} == {
        ("Laura Kemppainen", "family@example.org"),
        ("Jussi Kemppainen", "family2@example.org"),
    }
    assert all(g.phone and g.id for g in data.guardians)
    assert data.children == (
        ChildRow(first_name="Eetu", birth_year=2017),
        ChildRow(first_name="Aino", birth_year=2021),
    )
    application = data.application
    assert application is not None
    assert application.support_areas == (SupportArea.PARENTING, SupportArea.EVERYDAY)
    assert application.status == ApplicationStatus.ACCEPTED
    assert application.channel == ApplicationChannel.EFORM
    assert "Anna Heikkinen" in application.decision_note
    assert logs_since(demo_db, last) == [(family.id, "view_family_record")]
    tolonen = family_named(demo_db, "Tolonen")
    pending = visits.family_record(demo_db, people["supervisor"], tolonen.id)
    assert pending.worker_id is None and pending.worker_name == ""
    assert pending.application and pending.application.status == ApplicationStatus.SUBMITTED
    closed = visits.family_record(demo_db, people["worker"], family_named(demo_db, "Komulainen").id)
    assert closed.status == FamilyStatus.CLOSED and closed.closing_summary and closed.closed_on


def test_reassigned_familys_meetings_leave_the_old_workers_views(demo_db):
    people = demo_people(demo_db)
    family = family_named(demo_db, "Kemppainen")
    agreed = demo_db.exec(
        select(Meeting).where(Meeting.family_id == family.id, Meeting.status == "agreed")
    ).one()
    assert any(
        r.id == agreed.id
        for r in visits.worker_week(demo_db, people["worker"], agreed.starts_at.date())
    )
    family.worker_id = people["worker2"].id
    demo_db.add(family)
    demo_db.commit()
    last = last_log_id(demo_db)
    week = visits.worker_week(demo_db, people["worker"], agreed.starts_at.date())
    assert week and all(row.family_id != family.id for row in week)
    assert visits.overlapping(demo_db, people["worker"], agreed.starts_at, agreed.ends_at) == []
    assert all(family_id != family.id for family_id, _ in logs_since(demo_db, last))
