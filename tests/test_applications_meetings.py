"""Applying, deciding, and agreeing meetings: the rules, on a real migrated database."""

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlmodel import func, select

from familywork_app.domain import FamilyStatus, MeetingStatus, Role
from familywork_app.models import AccessLog, Application, Family, Meeting, utcnow
from familywork_app.services import NotAllowed, ServiceError, meetings
from familywork_app.services import applications as apps
from familywork_app.services.application_checks import ApplicationEntry, ChildEntry, FormErrors
from tests.factories import make_application, make_family, make_meeting, make_user

GOOD = ApplicationEntry(
    name="Minna Mustonen",
    email="minna@example.org",
    phone="040 765 4321",
    municipality="Kuhmo",
    address="Koulukatu 3, 88900 Kuhmo",
    children=(ChildEntry("Veeti", "2019"),),
    support_areas=("parenting",),
    description="",
    reachable="aamulla",
    consent=True,
    password="kuhmon kesä on kaunis",
)


def test_application_creates_account_family_and_application(db):
    user = apps.submit_application(db, GOOD, "sv")
    family = db.exec(select(Family)).one()
    application = db.exec(select(Application)).one()
    assert user.role == "guardian" and user.language == "sv" and user.password_hash
    assert family.status == "applied" and family.municipality == "Kuhmo"
    assert application.status == "submitted" and application.support_areas == ["parenting"]
    assert db.exec(select(func.count()).select_from(AccessLog)).one() == 1


def test_every_wrong_field_is_reported_at_once(db):
    bad = replace(
        GOOD,
        email="x@",
        phone="abc",
        municipality="Oulu",
        address="",
        children=(ChildEntry("", "1900"),),
        support_areas=("nope",),
        consent=False,
        password="Password1234",
        description="x" * 2001,
    )
    with pytest.raises(FormErrors) as raised:
        apps.submit_application(db, bad)
    assert set(raised.value.errors) == {
        "email",
        "phone",
        "municipality",
        "address",
        "child_0_name",
        "child_0_year",
        "support_areas",
        "consent",
        "password",
        "description",
    }
    assert db.exec(select(func.count()).select_from(Family)).one() == 0


def test_email_in_use_and_garbage_forms(db):
    taken = make_family(db).guardians[0].email
    with pytest.raises(FormErrors) as raised:
        apps.submit_application(db, replace(GOOD, email=taken.title()))
    assert raised.value.errors == {"email": "error.email_unavailable"}
    for garbage in (None, [], "form", {"children": "x", "support_areas": {"$ne": 1}}):
        with pytest.raises(FormErrors):
            apps.submit_application(db, garbage)
    assert db.exec(select(func.count()).select_from(Family)).one() == 1


def test_supervisor_accepts_and_assigns_only(db):
    supervisor, worker = make_user(db, Role.SUPERVISOR), make_user(db, Role.WORKER)
    applicant = make_family(db, status=FamilyStatus.APPLIED)
    pending = make_application(db, applicant, days_ago=2)
    with pytest.raises(NotAllowed):
        apps.accept_application(db, worker, pending.id, worker.id)
    with pytest.raises(ServiceError):
        apps.accept_application(db, supervisor, pending.id, supervisor.id)
    apps.set_in_review(db, supervisor, pending.id)
    apps.accept_application(db, supervisor, pending.id, worker.id)
    family = db.get(Family, pending.family_id)
    assert family.status == "active" and family.worker_id == worker.id
    with pytest.raises(ServiceError):
        apps.decline_application(db, supervisor, pending.id, "late")


def _meeting_world(db):
    """A family and its worker with meetings: two held (with a summary and an internal note),
    an agreed and a proposed one ahead, and one ahead that was cancelled; and another family
    of the same worker with a meeting of its own."""
    world = make_family(db)
    for days in (-20, -6):
        held = make_meeting(db, world, days=days, status=MeetingStatus.HELD)
        held.summary, held.internal_note = f"Yhteenveto {days}", f"SISÄINEN {days}"
    make_meeting(db, world, days=4, status=MeetingStatus.AGREED)
    make_meeting(db, world, days=2)
    make_meeting(db, world, days=3, status=MeetingStatus.CANCELLED)
    make_meeting(db, make_family(db, world.worker), days=1, status=MeetingStatus.AGREED)
    db.commit()
    rows = db.exec(select(Meeting).where(Meeting.family_id == world.id)).all()
    return world, rows


def test_guardian_agrees_a_proposal_but_not_their_own(db):
    world, rows = _meeting_world(db)
    guardian, worker = world.guardians[0], world.worker
    proposed = next(m for m in rows if m.status == "proposed")
    assert meetings.agree_meeting(db, guardian, proposed.id).status == MeetingStatus.AGREED
    with pytest.raises(ServiceError):
        meetings.agree_meeting(db, guardian, proposed.id)
    new = meetings.propose_meeting(
        db, worker, world.id, utcnow() + timedelta(days=5), 60, "home", "", "Uusi"
    )
    with pytest.raises(ServiceError, match="error.meeting_own_proposal"):
        meetings.agree_meeting(db, worker, new.id)
    assert meetings.agree_meeting(db, guardian, new.id).status == MeetingStatus.AGREED


def test_change_and_cancel_need_a_note(db):
    world, rows = _meeting_world(db)
    guardian = world.guardians[0]
    agreed = next(m for m in rows if m.status == "agreed" and m.starts_at > utcnow())
    for note in ("", "   ", None, 5, "x" * 1001):
        with pytest.raises(ServiceError):
            meetings.request_change(db, guardian, agreed.id, note)
    data = meetings.request_change(db, guardian, agreed.id, "Iltapäivä sopii")
    assert data.status == MeetingStatus.CHANGE_REQUESTED and data.internal_note is None
    assert data.change_note == "Iltapäivä sopii" and data.proposed_by_other_side  # the worker
    cancelled = meetings.cancel_meeting(db, guardian, agreed.id, "Sairaana")
    assert cancelled.status == MeetingStatus.CANCELLED and cancelled.cancel_reason == "Sairaana"


def test_a_new_time_from_the_worker_answers_the_change_request_and_clears_its_note(db):
    world, rows = _meeting_world(db)
    guardian, worker = world.guardians[0], world.worker
    agreed = next(m for m in rows if m.status == "agreed" and m.starts_at > utcnow())
    meetings.request_change(db, guardian, agreed.id, "Iltapäivä sopii")
    moved = meetings.move_meeting(db, worker, agreed.id, utcnow() + timedelta(days=6), 60)
    assert moved.status == MeetingStatus.PROPOSED and moved.change_note == ""
    db.refresh(agreed)
    assert agreed.change_note == ""
    shown = meetings.family_meetings(db, guardian, world.id).upcoming
    assert [m.change_note for m in shown if m.id == agreed.id] == [""]


def test_guardian_cannot_touch_another_familys_meeting(db):
    world, _rows = _meeting_world(db)
    guardian = world.guardians[0]
    _meeting_world(db)  # another worker's family
    others = db.exec(select(Meeting).where(Meeting.family_id != world.id)).all()
    assert len(others) == 7
    for meeting in others:
        for call in (
            lambda m=meeting: meetings.agree_meeting(db, guardian, m.id),
            lambda m=meeting: meetings.request_change(db, guardian, m.id, "x"),
            lambda m=meeting: meetings.cancel_meeting(db, guardian, m.id, "x"),
        ):
            with pytest.raises(NotAllowed):
                call()
    for bad in (None, "1", -1, 0, True, 10**12, {"$gt": 0}):
        with pytest.raises(NotAllowed):
            meetings.agree_meeting(db, guardian, bad)
        with pytest.raises(NotAllowed):
            meetings.family_meetings(db, guardian, bad)


def test_family_view_hides_internal_notes_and_logs_once(db):
    world, _rows = _meeting_world(db)
    guardian = world.guardians[0]
    before = db.exec(select(func.count()).select_from(AccessLog)).one()
    data = meetings.family_meetings(db, guardian, world.id)
    assert data.past and all(m.internal_note is None for m in data.past + data.upcoming)
    assert any(m.summary for m in data.past) and len(data.upcoming) == 2
    assert [m.starts_at for m in data.upcoming] == sorted(m.starts_at for m in data.upcoming)
    assert [m.starts_at for m in data.past] == sorted(
        (m.starts_at for m in data.past), reverse=True
    )
    assert all(m.status in meetings.OPEN_STATUSES for m in data.upcoming)
    assert db.exec(select(func.count()).select_from(AccessLog)).one() == before + 1
    staff = meetings.family_meetings(db, world.worker, world.id)
    assert all(isinstance(m.internal_note, str) for m in staff.past + staff.upcoming)
    assert {m.internal_note for m in staff.past} >= {"SISÄINEN -20", "SISÄINEN -6"}


def test_export_holds_only_the_own_family_and_no_internal_notes(db):
    from familywork_app.services.export import family_access_log, family_export

    world, rows = _meeting_world(db)
    _meeting_world(db)  # another worker's families
    data = family_export(db, world.guardians[0])
    text = repr(data.as_json())
    assert f"'name': '{world.family.name}'" in text and "Yhteenveto -6" in text
    others = db.exec(select(Family).where(Family.id != world.id)).all()
    assert len(others) == 3
    for other in others:
        assert f"'name': '{other.name}'" not in text
    for meeting in rows:
        if meeting.internal_note:
            assert meeting.internal_note not in text
    assert any(r.action == "export_data" for r in family_access_log(db, world.guardians[0]))
    with pytest.raises(NotAllowed):
        family_export(db, world.worker)
