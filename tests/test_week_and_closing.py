"""The week view, overlap warnings, closing a case, the family record header and reassignment:
the rules, on a real migrated database with the data each test builds."""

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
from tests.factories import make_application, make_family, make_meeting
from tests.visit_helpers import (
    HELSINKI,
    add_meeting,
    agreed_visit,
    helsinki_at,
    last_log_id,
    logs_since,
    monday_of,
    visit_world,
)


def test_week_view_lists_own_open_meetings_of_the_helsinki_week(db):
    people, world = visit_world(db)
    worker, family = people["worker"], world.family
    agreed = agreed_visit(db, world.family)
    monday = monday_of(agreed.starts_at.astimezone(HELSINKI).date())
    inside = add_meeting(db, family, starts_at=helsinki_at(monday + timedelta(days=6), 23, 30))
    next_week = add_meeting(db, family, starts_at=helsinki_at(monday + timedelta(days=7), 0))
    before = add_meeting(db, family, starts_at=helsinki_at(monday - timedelta(days=1), 23, 59))
    held = add_meeting(db, family, status="held", starts_at=helsinki_at(monday, 9))
    second = make_family(db, worker)
    asked = add_meeting(db, second.family, "change_requested", helsinki_at(monday, 12))
    supervised = make_family(db, people["supervisor"])
    other = add_meeting(db, supervised.family, starts_at=helsinki_at(monday, 8))
    new = meetings.propose_meeting(
        db, worker, family.id, agreed.starts_at, 30, "home", "", "Päällekkäin"
    )
    expected = [
        m
        for m in db.exec(select(Meeting)).all()
        if m.worker_id == worker.id
        and m.status in meetings.OPEN_STATUSES
        and monday_of(m.starts_at.astimezone(HELSINKI).date()) == monday
    ]
    last = last_log_id(db)
    week = visits.worker_week(db, worker, monday + timedelta(days=2))
    ids = [row.id for row in week]
    assert set(ids) == {m.id for m in expected} == {agreed.id, inside.id, new.id, asked.id}
    assert not {next_week.id, before.id, held.id, other.id} & set(ids)
    assert [row.starts_at for row in week] == sorted(row.starts_at for row in week)
    by_id = {row.id: row for row in week}
    assert by_id[agreed.id].overlaps == (new.id,)
    assert by_id[new.id].overlaps == (agreed.id,)
    assert by_id[new.id].status == MeetingStatus.PROPOSED
    assert by_id[new.id].place == MeetingPlace.HOME and by_id[new.id].topic == "Päällekkäin"
    assert all(not row.overlaps for row in week if row.id not in (agreed.id, new.id))
    assert by_id[agreed.id].family_name == family.name
    assert by_id[asked.id].family_name == second.family.name
    logs = logs_since(db, last)
    assert sorted(logs) == sorted((f, "view_week") for f in {family.id, second.id})
    assert [row.id for row in visits.worker_week(db, worker, monday)] == ids
    own = visits.worker_week(db, people["supervisor"], monday)
    assert [(row.id, row.family_name) for row in own] == [(other.id, supervised.family.name)]


def test_overlapping_warns_about_own_open_meetings(db):
    people, world = visit_world(db)
    worker, family = people["worker"], world.family
    agreed = agreed_visit(db, world.family)
    start = agreed.starts_at
    last = last_log_id(db)
    found = visits.overlapping(
        db, worker, start - timedelta(minutes=30), start + timedelta(minutes=30)
    )
    assert found == [
        OverlapRow(
            id=agreed.id,
            family_name=family.name,
            starts_at=agreed.starts_at,
            ends_at=agreed.ends_at,
            status=MeetingStatus.AGREED,
        )
    ]
    assert logs_since(db, last) == [(family.id, "check_overlap")]
    last = last_log_id(db)
    local = start.astimezone(HELSINKI)
    assert (
        visits.overlapping(
            db, worker, local, local + timedelta(minutes=5), exclude_meeting_id=agreed.id
        )
        == []
    )
    assert visits.overlapping(db, worker, start - timedelta(hours=1), start) == []
    assert visits.overlapping(db, worker, agreed.ends_at, agreed.ends_at + timedelta(hours=1)) == []
    assert logs_since(db, last) == []
    add_meeting(db, family, starts_at=start + timedelta(minutes=10))
    last = last_log_id(db)
    assert len(visits.overlapping(db, worker, start, start + timedelta(minutes=20))) == 2
    assert logs_since(db, last) == [(family.id, "check_overlap")]


def test_close_case_cancels_future_meetings_and_freezes_the_family_side(db):
    people, world = visit_world(db)
    family = world.family
    begun = add_meeting(db, family)
    agreed_visit(db, world.family)
    make_meeting(db, world, days=10)  # proposed
    make_meeting(db, world, days=-7, status=MeetingStatus.HELD)
    make_meeting(db, world, days=5, status=MeetingStatus.CANCELLED)
    rows = db.exec(select(Meeting).where(Meeting.family_id == family.id)).all()
    future_open = {
        m.id for m in rows if m.status in meetings.OPEN_STATUSES and m.starts_at > utcnow()
    }
    unchanged = {m.id: m.status for m in rows if m.id not in future_open}
    assert len(future_open) == 2 and len(unchanged) == 3
    last = last_log_id(db)
    summary = "  Tavoitteet saavutettiin. " + "x" * 1200
    assert visits.close_case(db, people["worker"], family.id, summary) is None
    db.refresh(family)
    assert family.status == "closed" and family.closing_summary == summary.strip()
    assert family.closed_on == utcnow().astimezone(HELSINKI).date()
    for meeting in db.exec(select(Meeting).where(Meeting.family_id == family.id)).all():
        if meeting.id in future_open:
            assert meeting.status == "cancelled" and meeting.cancelled_by_id == people["worker"].id
            assert meeting.cancel_reason == summary.strip()[:1000]
        else:
            assert meeting.status == unchanged[meeting.id]
    assert logs_since(db, last) == [(family.id, "close_case")]
    data = meetings.family_meetings(db, people["family"], family.id)
    assert data.past and not data.upcoming
    for meeting_id in (begun.id, *future_open):
        with pytest.raises(NotAllowed):
            meetings.request_change(db, people["family"], meeting_id, "Toinen aika?")
    with pytest.raises(ServiceError, match="error.invalid"):
        visits.close_case(db, people["worker"], family.id, "Uudestaan")
    assert (
        visits.record_visit(db, people["worker"], begun.id, "Jälkikirjaus.", "", []).status
        == MeetingStatus.HELD
    )


def test_close_case_checks_summary_and_status(db):
    people, _ = visit_world(db)
    family = make_family(db, people["worker2"]).family
    for text, code in (
        ("", "error.note_required"),
        ("  ", "error.note_required"),
        (None, "error.invalid"),
        ("x" * 4001, "error.text_long"),
    ):
        with pytest.raises(ServiceError) as raised:
            visits.close_case(db, people["worker2"], family.id, text)
        assert (raised.value.code, raised.value.field) == (code, "closing_summary")
    db.refresh(family)
    assert family.status == "active" and family.closed_on is None
    for status in (FamilyStatus.APPLIED, FamilyStatus.CLOSED):
        with pytest.raises(ServiceError, match="error.invalid"):
            visits.close_case(db, people["supervisor"], make_family(db, status=status).id, "Loppu.")
    visits.close_case(db, people["supervisor"], family.id, "Perhe muutti.")
    db.refresh(family)
    assert family.status == "closed"


def test_family_record_header(db):
    people, world = visit_world(db)
    family, (laura, jussi) = world.family, world.guardians
    laura.phone, jussi.phone = "040 123 4567", "050 765 4321"
    world.children[0].first_name = "Eetu"
    application = make_application(
        db,
        world,
        days_ago=40,
        status=ApplicationStatus.ACCEPTED,
        areas=(SupportArea.PARENTING, SupportArea.EVERYDAY),
    )
    application.decision_note = "Työntekijäksi Anna Heikkinen."
    db.commit()
    last = last_log_id(db)
    data = visits.family_record(db, people["worker"], family.id)
    assert (data.id, data.name, data.municipality, data.status) == (
        family.id,
        family.name,
        Municipality.KAJAANI,
        FamilyStatus.ACTIVE,
    )
    assert data.worker_id == people["worker"].id and data.worker_name == "Anna Heikkinen"
    assert data.opened_on == family.opened_on and data.closed_on is None
    assert {(g.name, g.email, g.phone) for g in data.guardians} == {
        ("Laura Virtanen", laura.email, "040 123 4567"),
        ("Jussi Virtanen", jussi.email, "050 765 4321"),
    }
    assert all(g.id for g in data.guardians)
    assert data.children == (ChildRow(first_name="Eetu", birth_year=2016),)
    application = data.application
    assert application is not None
    assert application.support_areas == (SupportArea.PARENTING, SupportArea.EVERYDAY)
    assert application.status == ApplicationStatus.ACCEPTED
    assert application.channel == ApplicationChannel.EFORM
    assert "Anna Heikkinen" in application.decision_note
    assert logs_since(db, last) == [(family.id, "view_family_record")]
    applied = make_family(db, status=FamilyStatus.APPLIED)
    make_application(db, applied)
    pending = visits.family_record(db, people["supervisor"], applied.id)
    assert pending.worker_id is None and pending.worker_name == ""
    assert pending.application and pending.application.status == ApplicationStatus.SUBMITTED
    former = make_family(db, people["worker"], status=FamilyStatus.CLOSED)
    former.family.closing_summary = "Tavoitteet saavutettiin."
    db.commit()
    closed = visits.family_record(db, people["worker"], former.id)
    assert closed.status == FamilyStatus.CLOSED and closed.closing_summary and closed.closed_on


def test_reassigned_familys_meetings_leave_the_old_workers_views(db):
    people, world = visit_world(db)
    family = world.family
    agreed = agreed_visit(db, world.family)
    other = make_family(db, people["worker"])  # the worker's visit elsewhere the same day
    add_meeting(db, other.family, starts_at=agreed.starts_at + timedelta(hours=2))
    assert any(
        r.id == agreed.id for r in visits.worker_week(db, people["worker"], agreed.starts_at.date())
    )
    family.worker_id = people["worker2"].id
    db.add(family)
    db.commit()
    last = last_log_id(db)
    week = visits.worker_week(db, people["worker"], agreed.starts_at.date())
    assert week and all(row.family_id != family.id for row in week)
    assert visits.overlapping(db, people["worker"], agreed.starts_at, agreed.ends_at) == []
    assert all(family_id != family.id for family_id, _ in logs_since(db, last))
