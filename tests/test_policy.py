"""The policy: each role reaches exactly the families it may, whatever id is sent."""

import pytest
from sqlmodel import func, select

from familywork_app.models import AccessLog, Family
from familywork_app.services import NotAllowed
from familywork_app.services.caseload import caseload, overview
from familywork_app.services.family_home import family_home
from familywork_app.services.policy import require_family, saved_id, side_of_role
from tests.conftest import user_by_email


def _family(db, name):
    return db.exec(select(Family).where(Family.name == name)).one()


BAD_IDS = [None, "1", 1.0, True, -1, 0, 10**12, {"$gt": 0}, [1]]


def test_guardian_reaches_only_own_family(demo_db):
    guardian = user_by_email(demo_db, "family@example.org")
    own = _family(demo_db, "Kemppainen")
    assert require_family(demo_db, guardian, own.id).id == own.id
    others = demo_db.exec(select(Family).where(Family.id != own.id)).all()
    assert others
    for family in others:
        with pytest.raises(NotAllowed):
            require_family(demo_db, guardian, family.id)
    for bad in BAD_IDS:
        with pytest.raises(NotAllowed):
            require_family(demo_db, guardian, bad)


def test_worker_reaches_only_assigned_families(demo_db):
    worker = user_by_email(demo_db, "worker2@example.org")
    for family in demo_db.exec(select(Family)).all():
        if family.worker_id == worker.id:
            assert require_family(demo_db, worker, family.id)
        else:
            with pytest.raises(NotAllowed):
                require_family(demo_db, worker, family.id)


def test_supervisor_reaches_all_and_deactivated_user_nothing(demo_db):
    supervisor = user_by_email(demo_db, "supervisor@example.org")
    families = demo_db.exec(select(Family)).all()
    for family in families:
        assert require_family(demo_db, supervisor, family.id)
    supervisor.is_active = False
    demo_db.commit()
    with pytest.raises(NotAllowed):
        require_family(demo_db, supervisor, families[0].id)


def test_closed_family_is_read_only_for_guardians(demo_db):
    closed = demo_db.exec(select(Family).where(Family.status == "closed")).first()
    from familywork_app.models import FamilyGuardian, User

    guardian = demo_db.exec(
        select(User)
        .join(FamilyGuardian, FamilyGuardian.user_id == User.id)
        .where(FamilyGuardian.family_id == closed.id)
    ).first()
    assert require_family(demo_db, guardian, closed.id)
    with pytest.raises(NotAllowed):
        require_family(demo_db, guardian, closed.id, change=True)


def _log_count(db, **where):
    stmt = select(func.count()).select_from(AccessLog)
    for key, value in where.items():
        stmt = stmt.where(getattr(AccessLog, key) == value)
    return db.exec(stmt).one()


def test_family_home_shows_own_family_and_logs_one_read(demo_db):
    guardian = user_by_email(demo_db, "family@example.org")
    before = _log_count(demo_db)
    data = family_home(demo_db, guardian)
    assert data.family_name == "Kemppainen" and data.status == "active"
    assert data.next_meeting is not None and data.proposed_count == 1
    assert data.unread_count >= 1 and len(data.goals) == 2
    assert _log_count(demo_db) == before + 1
    assert _log_count(demo_db, action="view_family_home", user_id=guardian.id) == 1


def test_staff_cannot_open_family_home_and_guardian_no_staff_views(demo_db):
    worker = user_by_email(demo_db, "worker@example.org")
    guardian = user_by_email(demo_db, "family@example.org")
    with pytest.raises(NotAllowed):
        family_home(demo_db, worker)
    with pytest.raises(NotAllowed):
        caseload(demo_db, guardian)
    with pytest.raises(NotAllowed):
        overview(demo_db, worker)


def test_caseload_lists_only_own_families_with_one_log_row_each(demo_db):
    worker = user_by_email(demo_db, "worker@example.org")
    rows = caseload(demo_db, worker)
    assigned = demo_db.exec(select(Family).where(Family.worker_id == worker.id)).all()
    assert {r.id for r in rows} == {f.id for f in assigned} and len(rows) >= 6
    logged = demo_db.exec(
        select(AccessLog.family_id).where(AccessLog.action == "list_caseload")
    ).all()
    assert sorted(logged) == sorted(f.id for f in assigned)


def test_overview_queue_oldest_first(demo_db):
    supervisor = user_by_email(demo_db, "supervisor@example.org")
    data = overview(demo_db, supervisor)
    waits = [q.days_waiting for q in data.queue]
    assert waits == sorted(waits, reverse=True) and "Tolonen" in [q.name for q in data.queue]
    assert {w.name for w in data.workers} >= {"Anna Heikkinen", "Mikko Pulkkinen"}


def test_workers_read_the_queue_but_guardians_do_not(demo_db):
    from familywork_app.services.caseload import application_queue

    worker = user_by_email(demo_db, "worker2@example.org")
    queue = application_queue(demo_db, worker)
    assert "Tolonen" in [q.name for q in queue]
    logged = demo_db.exec(
        select(AccessLog.family_id).where(
            AccessLog.action == "view_queue", AccessLog.user_id == worker.id
        )
    ).all()
    assert sorted(logged) == sorted(q.family_id for q in queue)
    with pytest.raises(NotAllowed):
        application_queue(demo_db, user_by_email(demo_db, "family@example.org"))


def test_a_row_never_saved_has_no_id_to_act_on_and_roles_have_two_sides():
    assert saved_id(7) == 7
    with pytest.raises(NotAllowed):
        saved_id(None)
    assert side_of_role("guardian") == "guardian"
    assert side_of_role("worker") == side_of_role("supervisor") == "staff"
