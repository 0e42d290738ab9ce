"""The caseload, the overview and the service figures run a fixed number of SQL statements:
adding families, meetings, goals, messages, applications and workers must not add queries
(no N+1). The figures shown for the added families are checked against the per-family
definitions (`unread_for` and plain per-family queries)."""

from contextlib import contextmanager
from datetime import date, timedelta

from sqlalchemy import event
from sqlmodel import col, func, select

from familywork_app.models import (
    AccessLog,
    Application,
    Family,
    FamilyGuardian,
    Goal,
    Meeting,
    Message,
    User,
    utcnow,
)
from familywork_app.services.caseload import caseload, overview
from familywork_app.services.family_home import unread_for
from familywork_app.services.supervision import service_figures
from tests.conftest import user_by_email

ADDED = 20


@contextmanager
def counting(session):
    """Collects (statement, executemany) of every statement sent to the session's engine."""
    seen: list[tuple[str, bool]] = []

    def listener(_conn, _cursor, statement, _params, _context, executemany):
        seen.append((" ".join(statement.split()), executemany))

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", listener)


def _split(seen):
    """(statements other than the access-log insert, access-log insert statements)."""
    log = [s for s, _many in seen if s.upper().startswith("INSERT INTO ACCESSLOG")]
    return [s for s, _many in seen if not s.upper().startswith("INSERT INTO ACCESSLOG")], log


def _run(session, call):
    session.expire_all()
    with counting(session) as seen:
        result = call()
    return result, _split(seen)


def _add_families(db, worker, supervisor, n=ADDED):
    """`n` active families for the worker with meetings, goals and messages, `n` applied
    families in the queue, `n` accepted applications and a few more workers."""
    now = utcnow()
    added = []
    for i in range(n):
        guardian = User(email=f"lisa{i}@example.org", role="guardian", display_name=f"Huoltaja {i}")
        family = Family(
            name=f"Lisäperhe {i:02d}",
            municipality="Kuhmo",
            status="active",
            worker_id=worker.id,
            opened_on=date.today() - timedelta(days=7 * i + 3),
        )
        db.add_all([guardian, family])
        db.flush()
        db.add(FamilyGuardian(family_id=family.id, user_id=guardian.id))
        db.add(
            Application(
                family_id=family.id,
                status="accepted",
                consent=True,
                submitted_at=now - timedelta(days=40 + i),
                support_areas=["growth"],
            )
        )
        for days, status in (
            (i % 5 + 1, "agreed"),
            (i % 3 + 2, "proposed"),
            (-3, "agreed"),
            (4, "change_requested"),
            (5, "cancelled"),
            (-10, "held"),
        ):
            start = now + timedelta(days=days, hours=i % 7)
            db.add(
                Meeting(
                    family_id=family.id,
                    worker_id=worker.id,
                    status=status,
                    starts_at=start,
                    ends_at=start + timedelta(hours=1),
                    agreed_at=start - timedelta(days=2) if status == "held" else None,
                )
            )
        for g in range(i % 4):
            db.add(
                Goal(
                    family_id=family.id,
                    title=f"Tavoite {g}",
                    support_area="growth",
                    status="active" if g % 3 != 2 else "achieved",
                )
            )
        for m in range(i % 6 + 1):
            sender = guardian if m % 2 == 0 else worker
            db.add(
                Message(
                    family_id=family.id,
                    sender_id=sender.id,
                    body=f"Viesti {m}",
                    sent_at=now - timedelta(hours=m),
                    read_at=now if m % 3 == 0 else None,
                )
            )
        applied = Family(name=f"Hakija {i:02d}", municipality="Kajaani", status="applied")
        db.add(applied)
        db.flush()
        db.add(
            Application(
                family_id=applied.id,
                status="submitted" if i % 2 else "in_review",
                support_areas=["parenting", "growth"],
                consent=True,
                submitted_at=now - timedelta(days=i, hours=1),
            )
        )
        added.append(family)
    for w in range(5):
        db.add(
            User(email=f"tyontekija{w}@example.org", role="worker", display_name=f"Työntekijä {w}")
        )
    db.commit()
    return added


def _count(db, model, *where):
    return db.exec(select(func.count()).select_from(model).where(*where)).one()


def test_caseload_statements_do_not_grow_with_families(demo_db):
    worker = user_by_email(demo_db, "worker@example.org")
    supervisor = user_by_email(demo_db, "supervisor@example.org")
    first, (before, before_log) = _run(demo_db, lambda: caseload(demo_db, worker, ip="10.0.0.9"))
    assert len(first) >= 6 and len(before_log) <= 1
    assert len(before) <= 6, before

    added = _add_families(demo_db, worker, supervisor)
    rows, (after, after_log) = _run(demo_db, lambda: caseload(demo_db, worker, ip="10.0.0.9"))
    assert len(rows) == len({r.id for r in rows}) >= 6 + ADDED
    assert len(after) == len(before), after  # an N+1 implementation adds ~4 per family
    assert len(after_log) <= 1
    logged = demo_db.exec(
        select(AccessLog.family_id).where(
            AccessLog.action == "list_caseload",
            AccessLog.user_id == worker.id,
            AccessLog.ip == "10.0.0.9",
        )
    ).all()
    assert sorted(logged) == sorted([r.id for r in rows] + [r.id for r in first])

    now = utcnow()
    by_id = {r.id: r for r in rows}
    for family in added:
        row = by_id[family.id]
        nxt = demo_db.exec(
            select(Meeting)
            .where(
                Meeting.family_id == family.id,
                col(Meeting.status).in_(("agreed", "proposed")),
                Meeting.starts_at >= now,
            )
            .order_by(col(Meeting.starts_at))
        ).first()
        assert (row.next_meeting_at, row.next_meeting_status) == (nxt.starts_at, nxt.status)
        assert (
            row.answers
            == _count(
                demo_db,
                Meeting,
                Meeting.family_id == family.id,
                Meeting.status == "change_requested",
            )
            == 1
        )
        assert row.unread == unread_for(demo_db, family.id, worker)
        assert row.goals_active == _count(
            demo_db, Goal, Goal.family_id == family.id, Goal.status == "active"
        )
    assert any(by_id[f.id].unread for f in added)
    assert any(by_id[f.id].goals_active == 0 for f in added)
    assert {by_id[f.id].weeks for f in added} == set(range(ADDED))
    statuses = [r.status for r in rows]
    assert statuses == sorted(statuses)


def test_overview_and_figures_statements_do_not_grow(demo_db):
    worker = user_by_email(demo_db, "worker@example.org")
    supervisor = user_by_email(demo_db, "supervisor@example.org")
    first, (before, _log) = _run(demo_db, lambda: overview(demo_db, supervisor))
    figures, (fig_before, _flog) = _run(demo_db, lambda: service_figures(demo_db, supervisor))
    assert len(before) <= 4 and len(fig_before) <= 7, (before, fig_before)

    _add_families(demo_db, worker, supervisor)
    data, (after, after_log) = _run(demo_db, lambda: overview(demo_db, supervisor, ip="1.2.3.4"))
    assert len(data.queue) == len(first.queue) + ADDED
    assert len(data.workers) == len(first.workers) + 5
    assert len(after) == len(before), after
    assert len(after_log) <= 1
    assert _count(
        demo_db, AccessLog, AccessLog.action == "view_queue", AccessLog.ip == "1.2.3.4"
    ) == len(data.queue)
    active = {w.name: w.active for w in data.workers}
    assert active["Anna Heikkinen"] == _count(
        demo_db, Family, Family.worker_id == worker.id, Family.status == "active"
    )
    assert active["Työntekijä 0"] == 0

    more, (fig_after, fig_log) = _run(demo_db, lambda: service_figures(demo_db, supervisor))
    assert len(fig_after) == len(fig_before), fig_after
    assert len(fig_log) <= 1
    assert len(more.queue) == len(figures.queue) + ADDED
    assert more.median_days_to_first_meeting is not None
    by_worker = {w.name: w.active for w in more.active_per_worker}
    assert by_worker == {name: active[name] for name in by_worker}


def _busy_families(db, worker, n):
    """`n` families of `worker`, each with something of every kind on the work list."""
    from familywork_app.domain import MeetingStatus
    from familywork_app.models import CaseStep, ClientPlan, PlanGoal
    from tests.factories import make_family, make_goal, make_meeting, make_message

    today = date.today()
    for i in range(n):
        world = make_family(db, worker)
        db.add(CaseStep(family_id=world.id, kind="received", on=today - timedelta(days=30 + i)))
        if i % 3:
            db.add(CaseStep(family_id=world.id, kind="assessment_started", on=today))
        if i % 3 == 2:
            plan = ClientPlan(family_id=world.id, version=1, next_review=today, made_at=utcnow())
            db.add(plan)
            db.flush()
            db.add(PlanGoal(plan_id=plan.id, goal_id=make_goal(db, world).id))
        make_meeting(db, world, days=-2, status=MeetingStatus.AGREED)
        make_meeting(db, world, days=3, status=MeetingStatus.CHANGE_REQUESTED)
        make_message(db, world, world.guardians[0], "Hei", at=utcnow() - timedelta(days=5))
    db.commit()


def test_work_list_statements_do_not_grow_with_families(db):
    from familywork_app.domain import Role
    from familywork_app.services.work_list import work_list
    from tests.factories import make_user

    worker, supervisor = make_user(db, Role.WORKER), make_user(db, Role.SUPERVISOR)
    _busy_families(db, worker, 3)
    few, (before, before_log) = _run(db, lambda: work_list(db, worker))
    all_few, (sup_before, _log) = _run(db, lambda: work_list(db, supervisor))
    assert len({i.family_id for i in few}) == 3 and len(few) == 3 * 4
    # seven reads, and the acting user's row refreshed after expire_all
    assert len(before) <= 8 and len(before_log) == 1, before
    _busy_families(db, worker, 27)
    many, (after, after_log) = _run(db, lambda: work_list(db, worker))
    assert len({i.family_id for i in many}) == 30 and len(many) == 30 * 4
    assert len(after) == len(before), after  # a per-family query would add ~5 per family
    assert len(after_log) == 1
    all_many, (sup_after, _log) = _run(db, lambda: work_list(db, supervisor))
    assert len(sup_after) == len(sup_before) and len(all_many) == len(many) > len(all_few)
