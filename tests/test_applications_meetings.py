"""Applying, deciding, and agreeing meetings: the rules, on a real migrated database."""

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlmodel import func, select

from familywork_app.domain import MeetingStatus
from familywork_app.models import AccessLog, Application, Family, Meeting, utcnow
from familywork_app.services import NotAllowed, ServiceError, meetings
from familywork_app.services import applications as apps
from tests.conftest import user_by_email

GOOD = apps.ApplicationEntry(
    name="Minna Mustonen",
    email="minna@example.org",
    phone="040 765 4321",
    municipality="Kuhmo",
    address="Koulukatu 3, 88900 Kuhmo",
    children=(apps.ChildEntry("Veeti", "2019"),),
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
        children=(apps.ChildEntry("", "1900"),),
        support_areas=("nope",),
        consent=False,
        password="Password1234",
        description="x" * 2001,
    )
    with pytest.raises(apps.FormErrors) as raised:
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


def test_email_in_use_and_garbage_forms(demo_db):
    with pytest.raises(apps.FormErrors) as raised:
        apps.submit_application(demo_db, replace(GOOD, email="Family@Example.org"))
    assert raised.value.errors == {"email": "error.email_unavailable"}
    for garbage in (None, [], "form", {"children": "x", "support_areas": {"$ne": 1}}):
        with pytest.raises(apps.FormErrors):
            apps.submit_application(demo_db, garbage)


def test_supervisor_accepts_and_assigns_only(demo_db):
    supervisor = user_by_email(demo_db, "supervisor@example.org")
    worker = user_by_email(demo_db, "worker2@example.org")
    pending = demo_db.exec(select(Application).where(Application.status == "submitted")).first()
    with pytest.raises(NotAllowed):
        apps.accept_application(demo_db, worker, pending.id, worker.id)
    with pytest.raises(ServiceError):
        apps.accept_application(demo_db, supervisor, pending.id, supervisor.id)
    apps.set_in_review(demo_db, supervisor, pending.id)
    apps.accept_application(demo_db, supervisor, pending.id, worker.id)
    family = demo_db.get(Family, pending.family_id)
    assert family.status == "active" and family.worker_id == worker.id
    with pytest.raises(ServiceError):
        apps.decline_application(demo_db, supervisor, pending.id, "late")


def _kemppainen_meetings(db):
    family = db.exec(select(Family).where(Family.name == "Kemppainen")).one()
    return family, db.exec(select(Meeting).where(Meeting.family_id == family.id)).all()


def test_guardian_agrees_a_proposal_but_not_their_own(demo_db):
    guardian = user_by_email(demo_db, "family@example.org")
    family, rows = _kemppainen_meetings(demo_db)
    proposed = next(m for m in rows if m.status == "proposed")
    assert meetings.agree_meeting(demo_db, guardian, proposed.id).status == MeetingStatus.AGREED
    with pytest.raises(ServiceError):
        meetings.agree_meeting(demo_db, guardian, proposed.id)
    worker = user_by_email(demo_db, "worker@example.org")
    new = meetings.propose_meeting(
        demo_db, worker, family.id, utcnow() + timedelta(days=5), 60, "home", "", "Uusi"
    )
    with pytest.raises(ServiceError, match="error.meeting_own_proposal"):
        meetings.agree_meeting(demo_db, worker, new.id)
    assert meetings.agree_meeting(demo_db, guardian, new.id).status == MeetingStatus.AGREED


def test_change_and_cancel_need_a_note(demo_db):
    guardian = user_by_email(demo_db, "family@example.org")
    _family, rows = _kemppainen_meetings(demo_db)
    agreed = next(m for m in rows if m.status == "agreed" and m.starts_at > utcnow())
    for note in ("", "   ", None, 5, "x" * 1001):
        with pytest.raises(ServiceError):
            meetings.request_change(demo_db, guardian, agreed.id, note)
    data = meetings.request_change(demo_db, guardian, agreed.id, "Iltapäivä sopii")
    assert data.status == MeetingStatus.CHANGE_REQUESTED and data.internal_note is None
    assert data.change_note == "Iltapäivä sopii" and data.proposed_by_other_side  # the worker
    cancelled = meetings.cancel_meeting(demo_db, guardian, agreed.id, "Sairaana")
    assert cancelled.status == MeetingStatus.CANCELLED and cancelled.cancel_reason == "Sairaana"


def test_guardian_cannot_touch_another_familys_meeting(demo_db):
    guardian = user_by_email(demo_db, "family@example.org")
    family, _rows = _kemppainen_meetings(demo_db)
    others = demo_db.exec(select(Meeting).where(Meeting.family_id != family.id)).all()
    for meeting in others:
        for call in (
            lambda m=meeting: meetings.agree_meeting(demo_db, guardian, m.id),
            lambda m=meeting: meetings.request_change(demo_db, guardian, m.id, "x"),
            lambda m=meeting: meetings.cancel_meeting(demo_db, guardian, m.id, "x"),
        ):
            with pytest.raises(NotAllowed):
                call()
    for bad in (None, "1", -1, 0, True, 10**12, {"$gt": 0}):
        with pytest.raises(NotAllowed):
            meetings.agree_meeting(demo_db, guardian, bad)
        with pytest.raises(NotAllowed):
            meetings.family_meetings(demo_db, guardian, bad)


def test_family_view_hides_internal_notes_and_logs_once(demo_db):
    guardian = user_by_email(demo_db, "family@example.org")
    family, _rows = _kemppainen_meetings(demo_db)
    before = demo_db.exec(select(func.count()).select_from(AccessLog)).one()
    data = meetings.family_meetings(demo_db, guardian, family.id)
    assert data.past and all(m.internal_note is None for m in data.past + data.upcoming)
    assert any(m.summary for m in data.past)
    assert [m.starts_at for m in data.upcoming] == sorted(m.starts_at for m in data.upcoming)
    assert [m.starts_at for m in data.past] == sorted(
        (m.starts_at for m in data.past), reverse=True
    )
    assert all(m.status in meetings.OPEN_STATUSES for m in data.upcoming)
    assert demo_db.exec(select(func.count()).select_from(AccessLog)).one() == before + 1
    staff = meetings.family_meetings(
        demo_db, user_by_email(demo_db, "worker@example.org"), family.id
    )
    assert all(isinstance(m.internal_note, str) for m in staff.past + staff.upcoming)


def test_export_holds_only_the_own_family_and_no_internal_notes(demo_db):
    from familywork_app.services.export import family_access_log, family_export

    guardian = user_by_email(demo_db, "family@example.org")
    data = family_export(demo_db, guardian)
    text = repr(data.as_json())
    family, rows = _kemppainen_meetings(demo_db)
    for other in demo_db.exec(select(Family).where(Family.id != family.id)).all():
        assert f"'name': '{other.name}'" not in text
    for meeting in rows:
        if meeting.internal_note:
            assert meeting.internal_note not in text
    assert any(r.action == "export_data" for r in family_access_log(demo_db, guardian))
    with pytest.raises(NotAllowed):
        family_export(demo_db, user_by_email(demo_db, "worker@example.org"))
