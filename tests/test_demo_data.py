"""The demo data loads once, on the real migrated schema, with the promised accounts and cases."""

import pytest
from sqlalchemy import func
from sqlmodel import select

from familywork_app import models as m
from familywork_app.domain import (
    ApplicationStatus,
    EvaluationPhase,
    FamilyStatus,
    Language,
    MeetingPlace,
    MeetingStatus,
    Method,
    MethodKind,
    Municipality,
    Respondent,
    Role,
    SupportArea,
)
from familywork_app.services import security
from familywork_app.services.demo_data import DEMO_PASSWORD, load_demo_data

TABLES = (
    m.User,
    m.Family,
    m.FamilyGuardian,
    m.Child,
    m.Application,
    m.Meeting,
    m.Goal,
    m.GoalEntry,
    m.Message,
)


@pytest.fixture
def session(db):
    return db


@pytest.fixture
def loaded(session):
    assert load_demo_data(session) is True
    return session


def _counts(session):
    return {t.__name__: session.exec(select(func.count()).select_from(t)).one() for t in TABLES}


def _user(session, email):
    return session.exec(select(m.User).where(m.User.email == email)).one()


def test_loads_only_once(loaded):
    before = _counts(loaded)
    assert all(before.values())
    assert load_demo_data(loaded) is False
    assert _counts(loaded) == before


def test_named_accounts_and_roles(loaded):
    expected = {
        "supervisor@example.org": Role.SUPERVISOR,
        "worker@example.org": Role.WORKER,
        "worker2@example.org": Role.WORKER,
        "family@example.org": Role.GUARDIAN,
        "family2@example.org": Role.GUARDIAN,
        "applicant@example.org": Role.GUARDIAN,
    }
    loaded.expire_all()  # read back from the database: enum members, not the strings written
    for email, role in expected.items():
        user = _user(loaded, email)
        assert user.role is role and user.language is Language.FI and user.is_active


def test_password_verifies(loaded):
    for email in ("worker@example.org", "family@example.org"):
        assert security.verify_password(DEMO_PASSWORD, _user(loaded, email).password_hash)


def test_worker_caseload(loaded):
    worker = _user(loaded, "worker@example.org")
    families = loaded.exec(select(m.Family).where(m.Family.worker_id == worker.id)).all()
    assert len(families) >= 6
    assert {FamilyStatus.ACTIVE, FamilyStatus.CLOSED} <= {f.status for f in families}
    worker2 = _user(loaded, "worker2@example.org")
    assert len(loaded.exec(select(m.Family).where(m.Family.worker_id == worker2.id)).all()) == 2


def test_every_family_consistent(loaded):
    loaded.expire_all()
    for family in loaded.exec(select(m.Family)).all():
        assert isinstance(family.municipality, Municipality)
        apps = loaded.exec(select(m.Application).where(m.Application.family_id == family.id)).all()
        assert len(apps) == 1
        app = apps[0]
        if app.status is ApplicationStatus.ACCEPTED:
            assert family.status in (FamilyStatus.ACTIVE, FamilyStatus.CLOSED) and family.opened_on
            assert app.decided_by_id and app.decided_at and family.worker_id
        else:
            assert family.status is FamilyStatus.APPLIED and family.worker_id is None
        assert app.support_areas and set(app.support_areas) <= set(SupportArea)
        if family.status is FamilyStatus.CLOSED:
            assert family.closed_on and family.closing_summary


def test_meetings_valid(loaded):
    loaded.expire_all()
    for meeting in loaded.exec(select(m.Meeting)).all():
        assert isinstance(meeting.status, MeetingStatus)
        assert isinstance(meeting.place, MeetingPlace)
        length = meeting.ends_at - meeting.starts_at
        assert length.total_seconds() in (3600, 5400)
        assert meeting.proposed_by_id
        if meeting.status in (MeetingStatus.AGREED, MeetingStatus.HELD):
            assert meeting.agreed_at
        if meeting.status is MeetingStatus.HELD:
            assert meeting.summary and meeting.held_at
            assert meeting.methods and set(meeting.methods) <= set(Method)
        else:
            assert meeting.methods == []


def test_kemppainen(loaded):
    family = loaded.exec(select(m.Family).where(m.Family.name == "Kemppainen")).one()
    assert family.status == FamilyStatus.ACTIVE and family.municipality == Municipality.KAJAANI
    links = loaded.exec(select(m.FamilyGuardian).where(m.FamilyGuardian.family_id == family.id))
    assert len(links.all()) == 2
    children = loaded.exec(select(m.Child).where(m.Child.family_id == family.id)).all()
    assert len(children) == 2
    now = m.utcnow()
    meetings = loaded.exec(select(m.Meeting).where(m.Meeting.family_id == family.id)).all()
    agreed = [x for x in meetings if x.status == MeetingStatus.AGREED and x.starts_at > now]
    assert len(agreed) == 1 and agreed[0].place == MeetingPlace.HOME
    assert len([x for x in meetings if x.status == MeetingStatus.PROPOSED]) == 1
    held = sorted(
        (x for x in meetings if x.status == MeetingStatus.HELD), key=lambda x: x.starts_at
    )
    assert [x.methods for x in held] == [
        ["discussion", "evaluation"],
        ["together", "cards", "child"],
    ]
    goals = loaded.exec(select(m.Goal).where(m.Goal.family_id == family.id)).all()
    assert len(goals) == 2
    for goal in goals:
        entries = loaded.exec(select(m.GoalEntry).where(m.GoalEntry.goal_id == goal.id)).all()
        assert len([e for e in entries if e.rating is not None]) >= 3
    messages = loaded.exec(
        select(m.Message).where(m.Message.family_id == family.id).order_by(m.Message.sent_at)
    ).all()
    assert messages[-1].sender_id == family.worker_id and messages[-1].read_at is None
    assert all(x.read_at for x in messages[:-1])


def test_applicant_application_submitted(loaded):
    applicant = _user(loaded, "applicant@example.org")
    link = loaded.exec(
        select(m.FamilyGuardian).where(m.FamilyGuardian.user_id == applicant.id)
    ).one()
    app = loaded.exec(select(m.Application).where(m.Application.family_id == link.family_id)).one()
    assert app.status == ApplicationStatus.SUBMITTED and app.decided_at is None
    assert app.support_areas == ["growth", "resources"]


def test_method_results_have_a_phase_and_a_respondent_only_where_they_apply(loaded):
    loaded.expire_all()
    records = loaded.exec(select(m.MethodRecord)).all()
    assert {r.kind for r in records} == set(MethodKind) - {MethodKind.CARDS}
    for record in records:
        if record.kind is MethodKind.EVALUATION:
            assert isinstance(record.phase, EvaluationPhase)
        else:
            assert record.phase is None
        assert isinstance(record.respondent, Respondent)
        assert (record.child_id is not None) == (record.respondent is Respondent.CHILD)
