"""The supervisor's deadline figures over real Finnish holidays: received on Mon 2025-12-22, the
assessment must start by Wed 2026-01-07 (Christmas Eve, Christmas, St Stephen's Day, New Year's
Day and Epiphany skipped) and be completed by 2026-03-22; shares, medians and plans overdue for
review per month and per worker, with a fixed number of SQL statements."""

from datetime import date, timedelta

import pytest
from sqlmodel import select

from familywork_app.domain import CaseStepKind, FamilyStatus, LogAction, Role
from familywork_app.models import AccessLog, CaseStep, ClientPlan, utcnow
from familywork_app.services import NotAllowed
from familywork_app.services.case_process import start_due
from familywork_app.services.deadline_figures import deadline_figures
from familywork_app.state.deadline_presenters import present_deadline_row
from tests.factories import make_family, make_user
from tests.test_caseload_queries import _run

RECEIVED = date(2025, 12, 22)
TODAY = date(2026, 4, 30)


def _steps(db, world, received, started=None, completed=None):
    db.add(CaseStep(family_id=world.id, kind=CaseStepKind.RECEIVED, on=received))
    if started:
        db.add(CaseStep(family_id=world.id, kind=CaseStepKind.ASSESSMENT_STARTED, on=started))
    if completed:
        db.add(
            CaseStep(
                family_id=world.id,
                kind=CaseStepKind.ASSESSMENT_COMPLETED,
                on=completed,
                special_support=False,
                summary="Yhteenveto.",
            )
        )
    db.commit()


def _plan(db, world, version, review):
    db.add(ClientPlan(family_id=world.id, version=version, next_review=review, made_at=utcnow()))
    db.commit()


@pytest.fixture
def offices(db):
    """Two workers' cases around Christmas 2025 and in spring 2026."""
    anna, ben = make_user(db, Role.WORKER, "Anna"), make_user(db, Role.WORKER, "Ben")
    supervisor = make_user(db, Role.SUPERVISOR)
    on_time = make_family(db, anna)  # started on the last day, completed two days early
    _steps(db, on_time, RECEIVED, date(2026, 1, 7), date(2026, 3, 20))
    _plan(db, on_time, 1, date(2026, 6, 1))
    _plan(db, on_time, 2, date(2026, 4, 1))  # the newest made version: its review is overdue
    late = make_family(db, anna)  # one day late to start, one day late to complete
    _steps(db, late, RECEIVED, date(2026, 1, 8), date(2026, 3, 23))
    _plan(db, late, 1, date(2026, 3, 1))
    _plan(db, late, 2, date(2026, 5, 15))  # reviewed: the newest version is not overdue
    waiting = make_family(db, ben)  # received two days ago: its start is not due yet
    _steps(db, waiting, TODAY - timedelta(days=2))
    forgotten = make_family(db, ben)  # never started, the deadline long gone
    _steps(db, forgotten, date(2026, 3, 2))
    old = make_family(db, ben)  # received before the 12 months shown; its plan is overdue
    _steps(db, old, date(2024, 1, 8), date(2024, 1, 10), date(2024, 2, 1))
    _plan(db, old, 1, date(2026, 2, 1))
    closed = make_family(db, ben, status=FamilyStatus.CLOSED)  # a closed case needs no review
    _plan(db, closed, 1, date(2026, 1, 1))
    return anna, ben, supervisor


def test_the_start_deadline_skips_the_christmas_holidays():
    assert start_due(RECEIVED) == date(2026, 1, 7)


def test_shares_medians_and_overdue_plans_per_month_and_worker(db, offices):
    anna, ben, supervisor = offices
    figures = deadline_figures(db, supervisor, today=TODAY)
    months = {r.month: r for r in figures.by_month}
    assert list(months) == ["2025-12", "2026-03", "2026-04"]
    december = months["2025-12"]
    assert (december.cases, december.start_known, december.started_in_time) == (2, 2, 1)
    assert (december.complete_known, december.completed_in_time) == (2, 1)
    assert december.started_in_time_share == 0.5 and december.completed_in_time_share == 0.5
    assert december.median_days_to_start == 16.5  # 16 and 17 days
    assert december.median_days_to_complete == 89.5  # 88 and 91 days
    assert december.plans_overdue == 1
    march = months["2026-03"]
    assert (march.cases, march.start_known, march.started_in_time) == (1, 1, 0)
    assert march.complete_known == 0 and march.completed_in_time_share is None
    assert march.median_days_to_start is None
    april = months["2026-04"]
    assert april.start_known == 0 and april.started_in_time_share is None
    workers = {r.worker_id: r for r in figures.by_worker}
    assert set(workers) == {anna.id, ben.id}
    assert (workers[anna.id].cases, workers[anna.id].plans_overdue) == (2, 1)
    assert workers[anna.id].worker_name == "Anna"
    # Ben: two cases in the window; the old family's overdue plan counts, the closed one's not
    assert (workers[ben.id].cases, workers[ben.id].plans_overdue) == (2, 1)
    assert figures.plans_overdue == 2
    logged = db.exec(select(AccessLog).where(AccessLog.user_id == supervisor.id)).all()
    assert [(r.action, r.family_id) for r in logged] == [(LogAction.VIEW_FIGURES, None)]


def test_only_a_supervisor_reads_them(db, offices):
    anna, _ben, _supervisor = offices
    with pytest.raises(NotAllowed):
        deadline_figures(db, anna)
    with pytest.raises(NotAllowed):
        deadline_figures(db, "supervisor")


def test_the_presenter_writes_shares_as_percentages_with_their_counts(db, offices):
    *_, supervisor = offices
    figures = deadline_figures(db, supervisor, today=TODAY)
    december = present_deadline_row(figures.by_month[0], "fi")
    assert (december.label, december.cases) == ("2025-12", "2")
    assert (december.started, december.started_width) == ("50 % (1/2)", "50%")
    assert (december.median_start, december.median_complete) == ("16,5", "89,5")
    april = present_deadline_row(figures.by_month[-1], "en")
    assert (april.started, april.started_width, april.median_start) == ("not yet", "0%", "not yet")
    assert present_deadline_row(figures.by_worker[0], "sv").label == "Anna"


def test_the_statements_do_not_grow_with_the_families(db, offices):
    *_, supervisor = offices
    _result, (before, before_log) = _run(db, lambda: deadline_figures(db, supervisor, TODAY))
    worker = make_user(db, Role.WORKER)
    for i in range(15):
        world = make_family(db, worker)
        _steps(db, world, date(2026, 2, 2) + timedelta(days=i), date(2026, 2, 20))
        _plan(db, world, 1, date(2026, 4, 1))
    figures, (after, after_log) = _run(db, lambda: deadline_figures(db, supervisor, TODAY))
    assert len(after) == len(before) <= 7, after
    assert len(before_log) == len(after_log) == 1
    assert sum(r.cases for r in figures.by_month) == 4 + 15
