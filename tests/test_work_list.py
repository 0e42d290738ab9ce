"""The work list: every kind of item with its due date and days left, soonest first; a worker
sees their own families only, a supervisor all of them or one worker's."""

from datetime import timedelta

import pytest

from familywork_app.domain import MeetingStatus, Role, WorkItemKind
from familywork_app.models import utcnow
from familywork_app.services import NotAllowed
from familywork_app.services.case_process import (
    helsinki_day,
    helsinki_today,
    record_step,
    start_due,
)
from familywork_app.services.client_plan import make_plan
from familywork_app.services.client_plan_rows import PlanEntry
from familywork_app.services.work_list import PLAN_DAYS, work_list
from familywork_app.services.working_days import add_working_days
from tests.factories import (
    make_application,
    make_family,
    make_goal,
    make_meeting,
    make_message,
    make_user,
)

K = WorkItemKind


def _kinds(items, family_id):
    return [i.kind for i in items if i.family_id == family_id]


def test_each_kind_of_item_is_listed_with_its_due_date(db):
    worker = make_user(db, Role.WORKER)
    today = helsinki_today()
    long_ago = today - timedelta(days=40)
    fresh = make_family(db, worker, name="A Fresh")  # received, no assessment yet
    record_step(db, worker, fresh.id, "received", long_ago)
    assessing = make_family(db, worker, name="B Assessing")
    record_step(db, worker, assessing.id, "received", long_ago)
    record_step(db, worker, assessing.id, "assessment_started", long_ago + timedelta(days=2))
    assessed = make_family(db, worker, name="C Assessed")
    record_step(db, worker, assessed.id, "received", long_ago)
    record_step(db, worker, assessed.id, "assessment_started", long_ago + timedelta(days=2))
    record_step(db, worker, assessed.id, "assessment_completed", today - timedelta(3), True, "Ok")
    planned = make_family(db, worker, name="D Planned")
    review = today + timedelta(days=60)
    entry = PlanEntry(next_review=review, goal_ids=[make_goal(db, planned).id])
    make_plan(db, worker, planned.id, entry)
    busy = make_family(db, worker, name="E Busy")
    visit = make_meeting(db, busy, days=-2, status=MeetingStatus.AGREED)
    request = make_meeting(db, busy, days=5, status=MeetingStatus.CHANGE_REQUESTED)
    make_message(db, busy, worker, "Hei", at=utcnow() - timedelta(days=9))
    first = make_message(db, busy, busy.guardians[0], "Apua?", at=utcnow() - timedelta(days=8))
    make_message(db, busy, busy.guardians[0], "Vieläkö?", at=utcnow() - timedelta(days=1))
    answered = make_family(db, worker, name="F Answered")
    make_message(db, answered, answered.guardians[0], "Kiitos", at=utcnow() - timedelta(days=5))
    make_message(db, answered, worker, "Ole hyvä", at=utcnow() - timedelta(days=4))
    make_meeting(db, answered, days=-3, status=MeetingStatus.CANCELLED)

    items = work_list(db, worker, today=today)
    assert _kinds(items, fresh.id) == [K.START_ASSESSMENT]
    assert _kinds(items, assessing.id) == [K.FINISH_ASSESSMENT]
    assert _kinds(items, assessed.id) == [K.MAKE_PLAN]
    assert _kinds(items, planned.id) == [K.REVIEW_PLAN]
    assert sorted(_kinds(items, busy.id)) == sorted(
        [K.RECORD_VISIT, K.ANSWER_MEETING_REQUEST, K.ANSWER_MESSAGE]
    )
    assert _kinds(items, answered.id) == []
    by = {(i.family_id, i.kind): i for i in items}
    start = by[(fresh.id, K.START_ASSESSMENT)]
    assert start.due == start_due(long_ago) and start.days_left == (start.due - today).days < 0
    assert by[(assessed.id, K.MAKE_PLAN)].due == today - timedelta(3) + timedelta(PLAN_DAYS)
    assert by[(planned.id, K.REVIEW_PLAN)].days_left == 60
    message = by[(busy.id, K.ANSWER_MESSAGE)]
    assert message.due == add_working_days(helsinki_day(first.sent_at), 2)
    assert message.days_left < 0  # unanswered for over 2 working days
    assert by[(busy.id, K.RECORD_VISIT)].meeting_id == visit.id
    assert by[(busy.id, K.ANSWER_MEETING_REQUEST)].meeting_id == request.id
    assert [i.due for i in items] == sorted(i.due for i in items)
    assert all(i.worker_id == worker.id and i.family_name for i in items)


def test_a_worker_sees_only_their_caseload_and_a_supervisor_filters_by_worker(db):
    anna, ben = make_user(db, Role.WORKER), make_user(db, Role.WORKER)
    supervisor = make_user(db, Role.SUPERVISOR)
    annas, bens = make_family(db, anna), make_family(db, ben)
    for world in (annas, bens):
        make_application(db, world, days_ago=3)
    waiting = make_family(db, status="applied")
    make_application(db, waiting, days_ago=20)
    assert {i.family_id for i in work_list(db, anna)} == {annas.id}
    assert {i.family_id for i in work_list(db, supervisor)} == {annas.id, bens.id, waiting.id}
    assert {i.family_id for i in work_list(db, supervisor, worker_id=ben.id)} == {bens.id}
    assert work_list(db, anna, worker_id=anna.id)
    with pytest.raises(NotAllowed):
        work_list(db, anna, worker_id=ben.id)  # a worker of another caseload
    with pytest.raises(NotAllowed):
        work_list(db, annas.guardians[0])
    with pytest.raises(NotAllowed):
        work_list(db, supervisor, worker_id="2")


def test_the_applied_familys_deadline_runs_from_the_application(db):
    supervisor = make_user(db, Role.SUPERVISOR)
    waiting = make_family(db, status="applied")
    application = make_application(db, waiting, days_ago=30)
    [item] = work_list(db, supervisor)
    assert item.kind is K.START_ASSESSMENT and item.worker_id is None and item.worker_name == ""
    assert item.due == add_working_days(helsinki_day(application.submitted_at), 7)
    assert item.days_left < 0


def test_a_handover_notice_is_no_reply_to_the_familys_waiting_message(db):
    """The app tells the family of its new worker in that worker's name; the family's question
    from before the move still waits for an answer on the new worker's list."""
    from familywork_app.services.handover import transfer_family

    anna, ben = make_user(db, Role.WORKER), make_user(db, Role.WORKER)
    supervisor = make_user(db, Role.SUPERVISOR)
    world = make_family(db, anna)
    make_application(db, world, days_ago=3)
    make_message(db, world, world.guardians[0], "Voisimmeko siirtää torstain käyntiä?")
    assert K.ANSWER_MESSAGE in _kinds(work_list(db, anna), world.id)
    transfer_family(db, supervisor, world.id, ben.id, "Anna on lomalla.")
    assert K.ANSWER_MESSAGE in _kinds(work_list(db, ben), world.id)
    make_message(db, world, ben, "Hei, olen Ben. Torstai sopii siirtää.")
    assert K.ANSWER_MESSAGE not in _kinds(work_list(db, ben), world.id)  # a real reply
