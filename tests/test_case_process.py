"""The case timeline: dated, attributed steps in order, and the assessment's deadlines over real
Finnish holidays (received on Tue 2026-12-22: start by Tue 2027-01-05, complete by 2027-03-22)."""

from datetime import date, timedelta

import pytest

from familywork_app.domain import CaseStepKind, Role
from familywork_app.services import NotAllowed, ServiceError
from familywork_app.services.case_process import case_deadlines, case_timeline, record_step
from familywork_app.services.case_process import helsinki_today as today_here
from tests.factories import make_application, make_family, make_user

RECEIVED = date(2026, 12, 22)


def _refused(call, code: str, field: str) -> None:
    with pytest.raises(ServiceError) as refused:
        call()
    assert (refused.value.code, refused.value.field) == (code, field)


def test_deadlines_count_working_days_to_start_and_months_to_complete():
    open_case = case_deadlines(RECEIVED, None, None, today=date(2026, 12, 30))
    assert open_case.assessment_start_due == date(2027, 1, 5)
    assert open_case.assessment_complete_due == date(2027, 3, 22)
    assert open_case.assessment_start_days_left == 6
    assert not open_case.assessment_start_overdue
    late = case_deadlines(RECEIVED, None, None, today=date(2027, 1, 7))
    assert late.assessment_start_days_left == -2 and late.assessment_start_overdue
    started = case_deadlines(RECEIVED, date(2027, 1, 5), None, today=date(2027, 3, 23))
    assert started.assessment_started_in_time is True
    assert started.assessment_start_days_left is None and not started.assessment_start_overdue
    assert started.assessment_complete_overdue and started.assessment_complete_days_left == -1
    done = case_deadlines(RECEIVED, date(2027, 1, 7), date(2027, 3, 1), today=date(2027, 4, 1))
    assert done.assessment_started_in_time is False
    assert done.assessment_completed_in_time is True and not done.assessment_complete_overdue
    assert case_deadlines(None, None, None, today=RECEIVED).assessment_start_due is None


def test_the_worker_records_the_steps_and_the_family_reads_the_timeline(db):
    world = make_family(db)
    worker, guardian = world.worker, world.guardians[0]
    day = today_here() - timedelta(days=20)
    record_step(db, worker, world.id, "received", day)
    record_step(db, worker, world.id, "assessment_started", (day + timedelta(days=3)).isoformat())
    step = record_step(
        db,
        worker,
        world.id,
        "assessment_completed",
        day + timedelta(days=10),
        special_support=False,
        summary="  Arki sujuu, tukea aamuihin.  ",
    )
    assert (
        step.kind is CaseStepKind.ASSESSMENT_COMPLETED and step.recorded_by == worker.display_name
    )
    assert (step.special_support, step.summary) == (False, "Arki sujuu, tukea aamuihin.")
    timeline = case_timeline(db, guardian, world.id, today=day + timedelta(days=11))
    assert [s.kind for s in timeline.steps] == [
        CaseStepKind.RECEIVED,
        CaseStepKind.ASSESSMENT_STARTED,
        CaseStepKind.ASSESSMENT_COMPLETED,
    ]
    deadlines = timeline.deadlines
    assert deadlines.received_on == day and deadlines.assessment_completed_on == day + timedelta(10)
    assert deadlines.assessment_started_in_time and deadlines.assessment_completed_in_time


def test_without_a_received_step_the_first_application_counts(db):
    world = make_family(db)
    application = make_application(db, world, days_ago=4)
    timeline = case_timeline(db, world.worker, world.id)
    received = timeline.deadlines.received_on
    assert timeline.steps == () and received is not None
    assert abs((application.submitted_at.date() - received).days) <= 1  # Helsinki day


def test_steps_out_of_order_are_refused_with_their_field(db):
    world = make_family(db)
    worker, fid = world.worker, world.id
    day = today_here() - timedelta(days=10)
    record_step(db, worker, fid, "received", day)
    _refused(
        lambda: record_step(db, worker, fid, "assessment_started", today_here() + timedelta(1)),
        "error.step_in_future",
        "on",
    )
    _refused(
        lambda: record_step(db, worker, fid, "assessment_started", day - timedelta(1)),
        "error.step_before_received",
        "on",
    )
    _refused(
        lambda: record_step(db, worker, fid, "assessment_completed", day, True, "Ok"),
        "error.assessment_not_started",
        "kind",
    )
    record_step(db, worker, fid, "assessment_started", day + timedelta(days=5))
    _refused(
        lambda: record_step(db, worker, fid, "assessment_started", day + timedelta(days=6)),
        "error.step_recorded",
        "kind",
    )
    _refused(
        lambda: record_step(
            db, worker, fid, "assessment_completed", day + timedelta(4), True, "Yhteenveto"
        ),
        "error.assessment_end_before_start",
        "on",
    )
    _refused(
        lambda: record_step(db, worker, fid, "assessment_completed", day + timedelta(6)),
        "error.special_support_required",
        "special_support",
    )
    _refused(
        lambda: record_step(
            db, worker, fid, "assessment_completed", day + timedelta(6), True, "  "
        ),
        "error.summary_required",
        "summary",
    )
    _refused(
        lambda: record_step(db, worker, fid, "received", day + timedelta(days=6)),
        "error.received_after_start",
        "on",
    )
    _refused(lambda: record_step(db, worker, fid, "plan_made", day), "error.invalid", "kind")
    _refused(
        lambda: record_step(db, worker, fid, "assessment_started", "31.12.2026"),
        "error.date_invalid",
        "on",
    )
    assert len(case_timeline(db, worker, fid).steps) == 2


def test_only_the_familys_own_worker_or_a_supervisor_records_a_step(db):
    world = make_family(db)
    other_worker = make_user(db, Role.WORKER)
    supervisor = make_user(db, Role.SUPERVISOR)
    other = make_family(db, other_worker)
    day = today_here() - timedelta(days=2)
    for stranger in (other_worker, world.guardians[0], other.guardians[0]):
        with pytest.raises(NotAllowed):
            record_step(db, stranger, world.id, "received", day)
    with pytest.raises(NotAllowed):
        case_timeline(db, other_worker, world.id)
    with pytest.raises(NotAllowed):
        case_timeline(db, other.guardians[0], world.id)
    assert record_step(db, supervisor, world.id, "received", day).recorded_by == (
        supervisor.display_name
    )
