"""The family basics of issue 17, at the service level: the worker's card (only for an accepted
family's own guardians), reachable hours, withdrawing a pending application, the interpreter,
and the configuration of the quick exit and the help numbers."""

from datetime import time

import pytest
from sqlmodel import col, select

from familywork_app.components.help_numbers import social_emergency_number
from familywork_app.components.quick_exit import DEFAULT_QUICK_EXIT_URL, quick_exit_url
from familywork_app.domain import ApplicationStatus, FamilyStatus, LogAction, MeetingStatus, Role
from familywork_app.models import AccessLog, Application, Family, Meeting, User
from familywork_app.services import NotAllowed
from familywork_app.services.application_withdrawal import (
    application_in_full,
    withdraw_application,
)
from familywork_app.services.case_process import helsinki_day, start_due
from familywork_app.services.caseload import application_queue
from familywork_app.services.export import family_export
from familywork_app.services.family_home import family_home, work_started
from familywork_app.services.family_worker import (
    ReachableHours,
    WorkerCard,
    reachable_hours_of,
    set_reachable_hours,
)
from familywork_app.services.feedback import FeedbackOffer, feedback_offer, give_feedback
from familywork_app.services.interpreter import (
    interpreter_need,
    set_interpreter,
    set_interpreter_booked,
)
from familywork_app.services.work_list import work_list
from familywork_app.services.work_phone import set_work_phone
from familywork_app.state.family_basics import present_hours, tel_href
from tests.factories import (
    FamilyWorld,
    make_application,
    make_family,
    make_meeting,
    make_user,
)
from tests.goal_message_helpers import _refused

WEEKDAYS = ["0", "1", "2", "3", "4"]


def _worker(world: FamilyWorld) -> User:
    assert world.worker is not None
    return world.worker


def _card(db, guardian: User) -> WorkerCard:
    card = family_home(db, guardian).worker_card
    assert card is not None
    return card


# --- the worker's card ---------------------------------------------------------------------


def test_an_accepted_familys_guardians_see_their_workers_name_phone_and_hours(db):
    world = make_family(db, guardians=2)
    worker = _worker(world)
    set_work_phone(db, worker, "044 123 4567")
    set_reachable_hours(db, worker, WEEKDAYS, "09:00", "11:30")
    for guardian in world.guardians:
        card = _card(db, guardian)
        assert card == WorkerCard(
            worker.display_name,
            "044 123 4567",
            ReachableHours((0, 1, 2, 3, 4), time(9), time(11, 30)),
        )
    assert present_hours(card.hours, "fi") == "ma–pe 9.00–11.30"
    assert present_hours(card.hours, "en") == "Mon–Fri 9:00–11:30"


def test_no_card_before_acceptance_or_after_closing_and_none_for_others(db):
    applied = make_family(db, status=FamilyStatus.APPLIED)
    make_application(db, applied)
    assert family_home(db, applied.guardians[0]).worker_card is None
    closed = make_family(db, status=FamilyStatus.CLOSED)
    assert family_home(db, closed.guardians[0]).worker_card is None
    active, other = make_family(db), make_family(db)
    # each guardian gets their own family's worker, never another's
    assert _card(db, other.guardians[0]).name == _worker(other).display_name
    assert _card(db, active.guardians[0]).name == _worker(active).display_name
    for staff in (_worker(active), make_user(db, Role.SUPERVISOR)):
        with pytest.raises(NotAllowed):
            family_home(db, staff)


def test_a_worker_without_a_phone_or_hours_gives_an_empty_card(db):
    world = make_family(db)
    card = _card(db, world.guardians[0])
    assert card == WorkerCard(_worker(world).display_name, "", ReachableHours())
    assert present_hours(card.hours, "sv") == ""


# --- reachable hours -----------------------------------------------------------------------


def test_reachable_hours_are_saved_tidied_and_removed_when_all_empty(db):
    worker = make_user(db)
    hours = set_reachable_hours(db, worker, ["4", "0", "2", "0"], " 08:15 ", "10:00")
    assert hours == ReachableHours((0, 2, 4), time(8, 15), time(10))
    assert reachable_hours_of(worker) == hours
    assert present_hours(hours, "fi") == "ma, ke, pe 8.15–10.00"
    assert set_reachable_hours(db, worker, [], "", "") == ReachableHours()
    assert (worker.reachable_days, worker.reachable_from, worker.reachable_until) == (
        [],
        None,
        None,
    )


@pytest.mark.parametrize(
    ("days", "start", "end", "code", "field"),
    [
        ([], "09:00", "11:00", "error.reachable_days", "reachable-days"),
        (WEEKDAYS, "", "11:00", "error.reachable_time", "reachable-from"),
        (WEEKDAYS, "09:00", "", "error.reachable_time", "reachable-until"),
        (WEEKDAYS, "9", "11:00", "error.reachable_time", "reachable-from"),
        (WEEKDAYS, "09:00", "24:00", "error.reachable_time", "reachable-until"),
        (WEEKDAYS, "11:00", "09:00", "error.reachable_order", "reachable-until"),
        (WEEKDAYS, "10:00", "10:00", "error.reachable_order", "reachable-until"),
        (WEEKDAYS, "05:30", "08:00", "error.reachable_order", "reachable-until"),
        (WEEKDAYS, "20:00", "22:30", "error.reachable_order", "reachable-until"),
        (["7"], "09:00", "11:00", "error.invalid", "reachable-days"),
        (["-1"], "09:00", "11:00", "error.invalid", "reachable-days"),
        ("01234", "09:00", "11:00", "error.invalid", "reachable-days"),
        (WEEKDAYS, 9, "11:00", "error.invalid", "reachable-from"),
    ],
)
def test_reachable_hours_refuse_bad_input_beside_its_field(db, days, start, end, code, field):
    worker = make_user(db)
    set_reachable_hours(db, worker, WEEKDAYS, "09:00", "11:00")
    _refused(code, set_reachable_hours, db, worker, days, start, end, field=field)
    assert reachable_hours_of(worker) == ReachableHours((0, 1, 2, 3, 4), time(9), time(11))


def test_only_staff_keep_reachable_hours(db):
    guardian = make_family(db).guardians[0]
    with pytest.raises(NotAllowed):
        set_reachable_hours(db, guardian, WEEKDAYS, "09:00", "11:00")


# --- the pending application, withdrawn -----------------------------------------------------


def _applied(db, status=ApplicationStatus.SUBMITTED):
    world = make_family(db, status=FamilyStatus.APPLIED, guardians=2)
    return world, make_application(db, world, days_ago=2, status=status)


def _actions(db, family_id):
    return db.exec(select(AccessLog.action).where(AccessLog.family_id == family_id)).all()


def test_the_pending_application_in_full_says_when_the_assessment_starts(db):
    world, application = _applied(db)
    full = application_in_full(db, world.guardians[1])
    assert full.application_id == application.id
    assert full.description == "We would like help with the mornings."
    assert [c.first_name for c in full.children] == ["Child0"]
    assert full.start_by == start_due(helsinki_day(application.submitted_at))
    assert full.withdrawable and full.progress.status == ApplicationStatus.SUBMITTED
    assert _actions(db, world.id) == [LogAction.VIEW_APPLICATION]
    with pytest.raises(NotAllowed):
        application_in_full(db, make_user(db))


@pytest.mark.parametrize("status", [ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW])
def test_a_guardian_withdraws_a_pending_application(db, status):
    world, application = _applied(db, status)
    supervisor = make_user(db, Role.SUPERVISOR)
    assert world.id in {row.family_id for row in application_queue(db, supervisor)}
    withdraw_application(db, world.guardians[0], application.id)
    db.refresh(application)
    family = db.get(Family, world.id)
    assert application.status == ApplicationStatus.WITHDRAWN
    assert application.decided_by_id == world.guardians[0].id and application.decided_at
    assert (family.status, family.closed_on, family.worker_id) == (FamilyStatus.CLOSED, None, None)
    assert LogAction.WITHDRAW_APPLICATION in _actions(db, world.id)
    # gone from the supervisor's queue and work list; nothing of the work has started
    assert world.id not in {row.family_id for row in application_queue(db, supervisor)}
    assert world.id not in {item.family_id for item in work_list(db, supervisor)}
    assert not work_started(db, world.id)
    # the family still reads its application, now withdrawn, and may not withdraw it again
    full = application_in_full(db, world.guardians[1])
    assert full.progress.status == ApplicationStatus.WITHDRAWN and not full.withdrawable
    _refused(
        "error.application_decided", withdraw_application, db, world.guardians[1], application.id
    )


@pytest.mark.parametrize("status", [ApplicationStatus.ACCEPTED, ApplicationStatus.DECLINED])
def test_a_decided_application_cannot_be_withdrawn(db, status):
    world, application = _applied(db, status)
    _refused(
        "error.application_decided", withdraw_application, db, world.guardians[0], application.id
    )
    db.refresh(application)
    assert application.status == status
    assert LogAction.WITHDRAW_APPLICATION not in _actions(db, world.id)


def test_another_familys_application_or_staff_cannot_be_withdrawn_and_nothing_is_logged(db):
    world, application = _applied(db)
    other, _ = _applied(db)
    refused = [
        (other.guardians[0], application.id),  # another family's id
        (world.guardians[0], 10**6),  # no such application
        (world.guardians[0], "1 OR 1=1"),
        (make_user(db), application.id),  # a worker
        (make_user(db, Role.SUPERVISOR), application.id),
    ]
    for user, application_id in refused:
        with pytest.raises(NotAllowed):
            withdraw_application(db, user, application_id)
        db.rollback()
    db.refresh(application)
    assert application.status == ApplicationStatus.SUBMITTED
    assert db.get(Family, world.id).status == FamilyStatus.APPLIED
    assert _actions(db, world.id) == []


# --- the interpreter ---------------------------------------------------------------------


def test_the_worker_records_the_interpreter_and_books_one_for_a_meeting(db):
    world = make_family(db)
    first = make_meeting(db, world, status=MeetingStatus.AGREED)
    second = make_meeting(db, world, days=5)
    need = set_interpreter(db, _worker(world), world.id, True, "  dari   (persia) ")
    assert (need.needed, need.language, need.booked_meetings) == (True, "dari (persia)", ())
    assert set_interpreter_booked(db, _worker(world), first.id, True) is True
    assert set_interpreter_booked(db, _worker(world), second.id, False) is False
    assert interpreter_need(db, _worker(world), world.id).booked_meetings == (first.id,)
    actions = _actions(db, world.id)
    assert actions.count(LogAction.SET_INTERPRETER) == 3
    # not needed any more: the language goes, and a booking is kept as "none needed"
    assert set_interpreter(db, _worker(world), world.id, False, "dari").language == ""
    assert set_interpreter_booked(db, _worker(world), second.id, True) is None
    assert db.get(Meeting, second.id).interpreter_booked is None


@pytest.mark.parametrize(
    ("needed", "language", "code"),
    [
        (True, "", "error.interpreter_language"),
        (True, "   ", "error.interpreter_language"),
        (True, "123", "error.interpreter_language"),
        (True, "<script>", "error.interpreter_language"),
        (True, "a" * 61, "error.text_long"),
        (True, ["arabia"], "error.invalid"),
        ("yes", "arabia", "error.invalid"),
    ],
)
def test_interpreter_input_is_checked(db, needed, language, code):
    world = make_family(db)
    _refused(code, set_interpreter, db, _worker(world), world.id, needed, language)
    assert db.get(Family, world.id).interpreter_needed is False


def test_the_interpreter_is_staffs_and_only_for_their_own_families(db):
    world, other = make_family(db), make_family(db)
    meeting = make_meeting(db, world)
    for user in (_worker(other), world.guardians[0]):
        with pytest.raises(NotAllowed):
            set_interpreter(db, user, world.id, True, "arabia")
        with pytest.raises(NotAllowed):
            interpreter_need(db, user, world.id)
        with pytest.raises(NotAllowed):
            set_interpreter_booked(db, user, meeting.id, True)
        db.rollback()
    assert set_interpreter(db, make_user(db, Role.SUPERVISOR), world.id, True, "somali").needed
    booked = db.exec(select(Meeting.id).where(col(Meeting.interpreter_booked).is_(True))).all()
    assert booked == []


# --- configuration -----------------------------------------------------------------------


def test_the_quick_exit_goes_only_to_a_web_address(monkeypatch):
    monkeypatch.delenv("FAMILYWORK_QUICK_EXIT_URL", raising=False)
    assert quick_exit_url() == DEFAULT_QUICK_EXIT_URL
    monkeypatch.setenv("FAMILYWORK_QUICK_EXIT_URL", "https://yle.fi/saa")
    assert quick_exit_url() == "https://yle.fi/saa"
    for bad in ("javascript:alert(1)", "yle.fi", "data:text/html,x", "https://"):
        monkeypatch.setenv("FAMILYWORK_QUICK_EXIT_URL", bad)
        assert quick_exit_url() == DEFAULT_QUICK_EXIT_URL


def test_the_social_emergency_number_is_left_out_unless_a_phone_number_is_set(monkeypatch):
    monkeypatch.delenv("FAMILYWORK_SOCIAL_EMERGENCY_NUMBER", raising=False)
    assert social_emergency_number() == ""
    monkeypatch.setenv("FAMILYWORK_SOCIAL_EMERGENCY_NUMBER", " 08  6155 6400 ")
    assert social_emergency_number() == "08 6155 6400"
    assert tel_href("08 6155 6400") == "tel:0861556400"
    assert tel_href("080 005 005") == "tel:080005005"
    monkeypatch.setenv("FAMILYWORK_SOCIAL_EMERGENCY_NUMBER", "call 112")
    assert social_emergency_number() == ""


def test_a_withdrawn_status_is_allowed_by_the_database(db):
    world, application = _applied(db)
    application.status = ApplicationStatus.WITHDRAWN
    db.add(application)
    db.commit()
    stored = db.exec(select(Application.status).where(Application.id == application.id)).one()
    assert stored == ApplicationStatus.WITHDRAWN


def test_a_withdrawn_family_gets_no_closing_feedback_and_its_export_names_the_interpreter(db):
    world, application = _applied(db)
    withdraw_application(db, world.guardians[0], application.id)
    assert feedback_offer(db, world.guardians[0]) == FeedbackOffer.NONE
    with pytest.raises(NotAllowed):
        give_feedback(db, world.guardians[0], 5, 5, 5)
    db.rollback()
    active = make_family(db)
    set_interpreter(db, _worker(active), active.id, True, "somali")
    family = family_export(db, active.guardians[0]).family
    assert (family.interpreter_needed, family.interpreter_language) == (True, "somali")
