"""The policy: each role reaches exactly the families it may, whatever id is sent."""

import pytest
from sqlmodel import func, select

from familywork_app.domain import FamilyStatus, GoalStatus, MeetingStatus, Role
from familywork_app.models import AccessLog, Family
from familywork_app.services import NotAllowed
from familywork_app.services.caseload import application_queue, caseload, overview
from familywork_app.services.family_home import family_home
from familywork_app.services.policy import require_family, saved_id, side_of_role
from tests.factories import (
    make_application,
    make_family,
    make_goal,
    make_meeting,
    make_message,
    make_user,
)

BAD_IDS = [None, "1", 1.0, True, -1, 0, 10**12, {"$gt": 0}, [1]]


def _every_kind_of_family(db, worker=None):
    """An active family of `worker` (or a new worker), another worker's active family, an
    applicant family (no worker) and a closed family."""
    return [
        make_family(db, worker),
        make_family(db),
        make_family(db, status=FamilyStatus.APPLIED),
        make_family(db, status=FamilyStatus.CLOSED),
    ]


def test_guardian_reaches_only_own_family(db):
    own, *others = _every_kind_of_family(db)
    guardian = own.guardians[0]
    assert require_family(db, guardian, own.id).id == own.id
    for family in others:
        with pytest.raises(NotAllowed):
            require_family(db, guardian, family.id)
    for bad in BAD_IDS:
        with pytest.raises(NotAllowed):
            require_family(db, guardian, bad)


def test_worker_reaches_only_assigned_families(db):
    worker = make_user(db, Role.WORKER)
    _every_kind_of_family(db, worker)
    make_family(db, worker, status=FamilyStatus.CLOSED)
    reached = 0
    for family in db.exec(select(Family)).all():
        if family.worker_id == worker.id:
            assert require_family(db, worker, family.id)
            reached += 1
        else:
            with pytest.raises(NotAllowed):
                require_family(db, worker, family.id)
    assert reached == 2


def test_supervisor_reaches_all_and_deactivated_user_nothing(db):
    supervisor = make_user(db, Role.SUPERVISOR)
    families = _every_kind_of_family(db)
    for world in families:
        assert require_family(db, supervisor, world.id)
    supervisor.is_active = False
    db.commit()
    with pytest.raises(NotAllowed):
        require_family(db, supervisor, families[0].id)


def test_closed_family_is_read_only_for_guardians(db):
    closed = make_family(db, status=FamilyStatus.CLOSED)
    guardian = closed.guardians[0]
    assert require_family(db, guardian, closed.id)
    with pytest.raises(NotAllowed):
        require_family(db, guardian, closed.id, change=True)


def _log_count(db, **where):
    stmt = select(func.count()).select_from(AccessLog)
    for key, value in where.items():
        stmt = stmt.where(getattr(AccessLog, key) == value)
    return db.exec(stmt).one()


def test_family_home_shows_own_family_and_logs_one_read(db):
    world = make_family(db)
    guardian = world.guardians[0]
    make_meeting(db, world, days=2, status=MeetingStatus.AGREED)
    make_meeting(db, world, days=9)  # proposed by the worker, waiting for the family
    make_meeting(db, world, days=-9)  # proposed long ago: no longer waiting
    for title in ("Mornings", "Evenings"):
        make_goal(db, world, title=title)
    make_goal(db, world, title="Done", status=GoalStatus.ACHIEVED)
    make_message(db, world, world.worker, "Hello from the worker")
    make_message(db, world, guardian, "Hello back")  # the family's own: not unread for them
    before = _log_count(db)
    data = family_home(db, guardian)
    assert data.family_name == world.family.name and data.status == "active"
    assert data.next_meeting is not None and data.proposed_count == 1
    assert data.worker_name == world.worker.display_name
    assert data.unread_count == 1 and [g.title for g in data.goals] == ["Mornings", "Evenings"]
    assert _log_count(db) == before + 1
    assert _log_count(db, action="view_family_home", user_id=guardian.id) == 1


def test_staff_cannot_open_family_home_and_guardian_no_staff_views(db):
    world = make_family(db)
    worker, guardian = world.worker, world.guardians[0]
    with pytest.raises(NotAllowed):
        family_home(db, worker)
    with pytest.raises(NotAllowed):
        caseload(db, guardian)
    with pytest.raises(NotAllowed):
        overview(db, worker)


def test_caseload_lists_only_own_families_with_one_log_row_each(db):
    worker = make_user(db, Role.WORKER)
    own = [make_family(db, worker) for _ in range(3)]
    own.append(make_family(db, worker, status=FamilyStatus.CLOSED))
    make_family(db)  # another worker's
    rows = caseload(db, worker)
    assert {r.id for r in rows} == {w.id for w in own} and len(rows) == 4
    assert rows[-1].id == own[-1].id  # active families first, the closed one last
    logged = db.exec(select(AccessLog.family_id).where(AccessLog.action == "list_caseload")).all()
    assert sorted(logged) == sorted(w.id for w in own)


def test_overview_queue_oldest_first(db):
    supervisor = make_user(db, Role.SUPERVISOR)
    workers = [make_user(db, Role.WORKER, name) for name in ("Anna Worker", "Mikko Worker")]
    make_family(db, workers[0])
    applicants = [make_family(db, status=FamilyStatus.APPLIED) for _ in range(3)]
    for world, days in zip(applicants, (2, 9, 5), strict=True):
        make_application(db, world, days_ago=days)
    data = overview(db, supervisor)
    waits = [q.days_waiting for q in data.queue]
    assert waits == [9, 5, 2]
    order = [applicants[1], applicants[2], applicants[0]]
    assert [q.name for q in data.queue] == [w.family.name for w in order]
    assert {(w.name, w.active) for w in data.workers} == {("Anna Worker", 1), ("Mikko Worker", 0)}


def test_workers_read_the_queue_but_guardians_do_not(db):
    worker = make_user(db, Role.WORKER)
    applicant = make_family(db, status=FamilyStatus.APPLIED)
    make_application(db, applicant, days_ago=3)
    queue = application_queue(db, worker)
    assert [q.name for q in queue] == [applicant.family.name]
    logged = db.exec(
        select(AccessLog.family_id).where(
            AccessLog.action == "view_queue", AccessLog.user_id == worker.id
        )
    ).all()
    assert sorted(logged) == sorted(q.family_id for q in queue)
    with pytest.raises(NotAllowed):
        application_queue(db, applicant.guardians[0])


def test_a_row_never_saved_has_no_id_to_act_on_and_roles_have_two_sides():
    assert saved_id(7) == 7
    with pytest.raises(NotAllowed):
        saved_id(None)
    assert side_of_role("guardian") == "guardian"
    assert side_of_role("worker") == side_of_role("supervisor") == "staff"
