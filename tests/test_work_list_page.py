"""The work list page and the case process on the record, through their states' real entry
point (`StateDouble`): days left in words, the badge's tone, the link to the right section, the
supervisor's worker filter (forged ids ignored), the assessment forms with their refusals beside
the fields, the toast after a save, and a forged step for another worker's family."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from sqlmodel import select

from familywork_app.domain import CaseStepKind, Role, WorkItemKind
from familywork_app.models import CaseStep
from familywork_app.services.case_process import case_timeline, helsinki_today, record_step
from familywork_app.services.work_list import WorkItem
from familywork_app.state.case_process import CaseProcessState
from familywork_app.state.case_process_presenters import present_process, present_summary
from familywork_app.state.work_list import WorkListState
from familywork_app.state.work_list_presenters import days_text, present_work_item
from tests.factories import make_family, make_user
from tests.goal_message_helpers import StateDouble
from tests.test_design_system import _toasts

TODAY = helsinki_today()


def _item(kind=WorkItemKind.START_ASSESSMENT, days_left=-2, worker_name="Anna"):
    return WorkItem(
        kind=kind,
        family_id=7,
        family_name="Kemppainen",
        worker_id=3,
        worker_name=worker_name,
        due=date(2026, 12, 1),
        days_left=days_left,
    )


def test_days_left_are_said_in_words_in_each_language():
    assert [days_text(d, "fi") for d in (3, 1, 0, -1, -2)] == [
        "3 päivää jäljellä",
        "1 päivä jäljellä",
        "tänään",
        "myöhässä 1 päivä",
        "myöhässä 2 päivää",
    ]
    assert days_text(-2, "sv") == "försenad 2 dagar"
    assert days_text(5, "en") == "5 days left"


def test_an_item_shows_its_urgency_and_links_to_the_section_where_it_is_done():
    overdue = present_work_item(_item(), "fi")
    assert (overdue.status, overdue.tag_class, overdue.overdue) == (
        "Myöhässä",
        "tag tag-error",
        True,
    )
    assert overdue.kind == "Aloita palvelutarpeen arviointi"
    assert overdue.href == "/record/7#sec-process"
    assert (overdue.due, overdue.days, overdue.worker) == ("1.12.2026", "myöhässä 2 päivää", "Anna")
    soon = present_work_item(_item(WorkItemKind.ANSWER_MESSAGE, 2), "sv")
    assert (soon.status, soon.tag_class, soon.href) == (
        "Snart",
        "tag tag-attention",
        "/record/7#sec-messages",
    )
    later = present_work_item(_item(WorkItemKind.RECORD_VISIT, 3, worker_name=""), "en")
    assert (later.tag_class, later.href, later.worker) == (
        "tag tag-neutral",
        "/record/7#sec-meetings",
        "No worker yet",
    )


def _work_state(user):
    return StateDouble(
        WorkListState,
        user,
        loaded=False,
        items=[],
        overdue_count=0,
        workers=[],
        worker_filter="",
    )


@pytest.mark.usefixtures("handler_db")
def test_the_worker_sees_own_items_overdue_first(db):
    worker = make_user(db, Role.WORKER)
    late, fresh = make_family(db, worker, name="Late"), make_family(db, worker, name="Fresh")
    record_step(db, worker, late.id, "received", TODAY - timedelta(days=30))
    record_step(db, worker, fresh.id, "received", TODAY)
    make_family(db, name="Someone else's")  # another worker's family
    state = _work_state(worker)
    state.call("load")
    assert state.loaded and [i.family for i in state.items] == ["Late", "Fresh"]
    assert state.items[0].overdue and state.overdue_count == 1
    assert state.workers == []  # no filter for a worker
    assert state.call("choose_worker", str(worker.id)) is None  # a supervisor's event only
    assert [i.family for i in state.items] == ["Late", "Fresh"]


@pytest.mark.usefixtures("handler_db")
def test_the_supervisor_filters_by_worker_and_forged_ids_show_everyone(db):
    anna, ben = make_user(db, Role.WORKER, "Anna"), make_user(db, Role.WORKER, "Ben")
    supervisor = make_user(db, Role.SUPERVISOR)
    for worker, name in ((anna, "Annas"), (ben, "Bens")):
        world = make_family(db, worker, name=name)
        record_step(db, worker, world.id, "received", TODAY - timedelta(days=3))
    state = _work_state(supervisor)
    state.call("load")
    assert {i.family for i in state.items} == {"Annas", "Bens"}
    assert [w.name for w in state.workers] == ["Anna", "Ben"]
    state.call("choose_worker", str(ben.id))
    assert [(i.family, i.worker) for i in state.items] == [("Bens", "Ben")]
    assert state.worker_filter == str(ben.id)
    guardian = make_family(db, anna).guardians[0]
    for forged in (str(guardian.id), str(supervisor.id), "9" * 40, "abc", {"$gt": 0}, None):
        state.call("choose_worker", str(ben.id))
        state.call("choose_worker", forged)
        assert state.worker_filter == "" and {i.family for i in state.items} == {"Annas", "Bens"}


def _process_state(user, family_id):
    return StateDouble(
        CaseProcessState,
        user,
        router=SimpleNamespace(page=SimpleNamespace(params={"fid": str(family_id)})),
        process_loaded=False,
        errors={},
        error_links=[],
        _fid=0,
        _form="",
    )


def _steps(db, family_id):
    return db.exec(select(CaseStep.kind).where(CaseStep.family_id == family_id)).all()


@pytest.mark.usefixtures("handler_db")
def test_the_worker_records_the_assessment_and_each_refusal_sits_beside_its_field(db):
    worker, received = make_user(db, Role.WORKER), TODAY - timedelta(days=20)
    world = make_family(db, worker)
    record_step(db, worker, world.id, "received", received)
    state = _process_state(worker, world.id)
    state.call("load")
    assert state.process_loaded and state.phase == "start"
    assert [s.label for s in state.steps] == ["Asia tuli vireille"]
    early = (received - timedelta(days=1)).isoformat()
    assert state.call("start_assessment", {"on": early}) is None
    assert state.errors["start_on"] == "error.step_before_received"
    assert _steps(db, world.id) == [CaseStepKind.RECEIVED]
    started = state.call("start_assessment", {"on": (received + timedelta(days=2)).isoformat()})
    assert _toasts(started) == ["Palvelutarpeen arvioinnin alkaminen kirjattu."]
    assert state.phase == "complete" and state.errors["start_on"] == ""
    assert state.deadlines[0].tag_class == "tag tag-ok"  # started within 7 working days
    state.call("complete_assessment", {"on": TODAY.isoformat(), "summary": "Arki sujuu."})
    assert state.errors["special_support"] == "error.special_support_required"
    assert [link.field for link in state.error_links] == ["process-support-yes"]
    before = (received + timedelta(days=1)).isoformat()
    form = {"on": before, "special_support": "no", "summary": "Arki sujuu."}
    state.call("complete_assessment", form)
    assert state.errors["done_on"] == "error.assessment_end_before_start"
    done = state.call("complete_assessment", {**form, "on": TODAY.isoformat()})
    assert _toasts(done) == ["Arvio kirjattu valmiiksi. Perhe näkee yhteenvedon."]
    assert (state.phase, state.summary) == ("done", "Arki sujuu.")
    assert state.special_support == "Lapsen erityisen tuen tarve: ei"


@pytest.mark.usefixtures("handler_db")
def test_a_forged_step_for_another_workers_family_changes_nothing(db):
    worker, other = make_user(db, Role.WORKER), make_user(db, Role.WORKER)
    theirs = make_family(db, other)
    make_family(db, worker)
    record_step(db, other, theirs.id, "received", TODAY - timedelta(days=9))
    state = _process_state(worker, theirs.id)
    state.call("load")  # the record of a family not theirs: the section stays hidden
    assert not state.process_loaded and state._fid == 0
    state.__dict__["_fid"] = theirs.id  # as if the id had reached the server-side state anyway
    for handler, form in (
        ("start_assessment", {"on": TODAY.isoformat()}),
        ("complete_assessment", {"on": TODAY.isoformat(), "special_support": "yes"}),
    ):
        assert _toasts(state.call(handler, form)) == []  # refused: no "saved"
    assert _steps(db, theirs.id) == [CaseStepKind.RECEIVED]
    assert state.errors["form"] == "error.not_allowed"
    guardian = make_family(db, worker).guardians[0]
    state = _process_state(guardian, theirs.id)
    state.__dict__["_fid"] = theirs.id
    assert state.call("start_assessment", {"on": TODAY.isoformat()}) is None  # not staff
    assert _steps(db, theirs.id) == [CaseStepKind.RECEIVED]


def test_the_family_sees_the_summary_once_the_assessment_is_completed(db):
    worker = make_user(db, Role.WORKER)
    world = make_family(db, worker)
    guardian = world.guardians[0]
    record_step(db, worker, world.id, "received", TODAY - timedelta(days=10))
    record_step(db, worker, world.id, "assessment_started", TODAY - timedelta(days=8))
    assert present_summary(case_timeline(db, guardian, world.id), "fi") == ("", "")
    record_step(db, worker, world.id, "assessment_completed", TODAY, False, "Tukea aamuihin.")
    summary, done = present_summary(case_timeline(db, guardian, world.id), "fi")
    assert summary == "Tukea aamuihin." and done.startswith("Arvio valmistui ")
    view = present_process(case_timeline(db, worker, world.id), "en")
    assert view.phase == "done" and view.steps[-1].who == worker.display_name
