"""The form models of the staff's family page (state/worker_family_actions.py) and what its
handlers do with them through the one entry point: the "Propose anyway" checkbox as browsers
send it, the visit record's methods, length limits, and the overlap warning checked in the same
call as the proposal."""

from datetime import datetime, timedelta

import pytest
from reflex.state import State
from sqlmodel import col, select

import familywork_app.familywork_app  # noqa: F401  (registers every state)
from familywork_app.domain import MeetingStatus, Method
from familywork_app.i18n import HELSINKI
from familywork_app.models import Family, Meeting, utcnow
from familywork_app.services import ServiceError
from familywork_app.state.app_state import AppState
from familywork_app.state.handover import TransferForm
from familywork_app.state.worker_family_actions import (
    CancelForm,
    EntryForm,
    GoalForm,
    MessageForm,
    MoveForm,
    ProposeForm,
    RecordForm,
    WorkerFamilyActions,
)
from tests.factories import make_family, make_meeting, make_message
from tests.visit_helpers import agreed_visit, visit_world


def test_propose_anyway_is_ticked_however_the_browser_sends_it():
    # Reflex sends a ticked checkbox as `true`; the old check accepted only the native "on",
    # so "Propose anyway" after an overlap warning never sent the proposal.
    assert ProposeForm.parse({"confirm_overlap": True}).confirm_overlap is True
    assert ProposeForm.parse({"confirm_overlap": "on"}).confirm_overlap is True
    assert ProposeForm.parse({"confirm_overlap": "true"}).confirm_overlap is True
    for unticked in ({}, {"confirm_overlap": False}, {"confirm_overlap": "off"}, None):
        assert ProposeForm.parse(unticked).confirm_overlap is False


def test_a_proposal_form_gives_a_helsinki_time_and_whole_minutes():
    form = ProposeForm.parse(
        {"date": "2030-06-03", "time": "09:30", "duration": "60", "place": "home", "topic": "T"}
    )
    assert form.starts_at == datetime(2030, 6, 3, 9, 30, tzinfo=HELSINKI)
    assert (form.duration, form.place, form.topic, form.place_detail) == (60, "home", "T", "")
    for day, clock in (("2030-02-30", "09:30"), ("", ""), ("2030-06-03", "25:00")):
        assert ProposeForm.parse({"date": day, "time": clock}).starts_at is None
    assert ProposeForm.parse({"duration": "an hour"}).duration == 0
    assert MoveForm.parse({"meeting_id": "7", "date": [1], "time": None}).meeting_id == 7
    assert MoveForm.parse({"date": [1], "time": None}).starts_at is None


def test_a_visit_record_has_one_checkbox_per_method():
    fields = {name for name in RecordForm.model_fields if name.startswith("method_")}
    assert fields == {f"method_{m.value}" for m in Method}
    ticked = {"method_cards": True, "method_discussion": "on", "method_child": "off"}
    form = RecordForm.parse({"meeting_id": "3", "summary": "Kävimme.", **ticked})
    assert form.methods == [Method.DISCUSSION.value, Method.CARDS.value]
    assert RecordForm.parse({}).methods == []


@pytest.mark.parametrize(
    "model, field, limit",
    [
        (ProposeForm, "topic", 200),
        (ProposeForm, "place_detail", 200),
        (CancelForm, "reason", 1000),
        (RecordForm, "summary", 4000),
        (RecordForm, "internal_note", 4000),
        (GoalForm, "title", 200),
        (GoalForm, "what_we_do", 2000),
        (EntryForm, "text", 2000),
        (MessageForm, "body", 2000),
    ],
)
def test_text_fields_are_bounded_by_their_column(model, field, limit):
    assert getattr(model.parse({field: "x" * limit}), field) == "x" * limit
    with pytest.raises(ServiceError) as raised:
        model.parse({field: "x" * (limit + 1)})
    assert (raised.value.code, raised.value.field) == ("error.text_long", field)


def test_forged_values_become_harmless_defaults():
    for raw in (None, [], "form", {"worker_id": {"$gt": 0}, "goal_id": True, "text": 5}):
        assert TransferForm.parse(raw).worker_id == 0
        assert EntryForm.parse(raw) == EntryForm()


# --- the handlers, through the entry point, on factory data ---


@pytest.fixture
def page(handler_db, monkeypatch):
    """The staff family page's state, signed in as the worker on their family's page (the
    family has an agreed visit in three days)."""
    db = handler_db
    people, world = visit_world(db)
    agreed_visit(db, world.family)
    monkeypatch.setattr(AppState, "_user", lambda self, db: people["worker"])
    monkeypatch.setattr(AppState, "_ip", lambda self: "192.0.2.1")
    root = State(_reflex_internal_init=True)
    state = root.get_substate(WorkerFamilyActions.get_full_name().split("."))
    state._fid = world.id
    state.loaded = True
    return state


def _proposals(db, family_id: int) -> list[Meeting]:
    return list(
        db.exec(
            select(Meeting)
            .where(Meeting.family_id == family_id, Meeting.status == MeetingStatus.PROPOSED)
            .order_by(col(Meeting.id))
        )
    )


def _form_at(start: datetime, **extra) -> dict:
    local = start.astimezone(HELSINKI)
    return {
        "date": local.strftime("%Y-%m-%d"),
        "time": local.strftime("%H:%M"),
        "duration": "60",
        "place": "home",
        "topic": "Päällekkäin",
        **extra,
    }


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@pytest.mark.parametrize("ticked", [True, "on"])
def test_propose_anyway_sends_the_proposal_after_an_overlap_warning(db, page, ticked):
    family_id = page._fid
    agreed = db.exec(
        select(Meeting).where(Meeting.family_id == family_id, Meeting.status == "agreed")
    ).one()
    before = len(_proposals(db, family_id))
    WorkerFamilyActions.propose.fn(page, _form_at(agreed.starts_at))
    assert db.get(Family, family_id).name in page.overlap_warning and page.saved == ""
    assert len(_proposals(db, family_id)) == before
    WorkerFamilyActions.propose.fn(page, _form_at(agreed.starts_at, confirm_overlap=ticked))
    assert page.overlap_warning == "" and page.saved == "propose"
    assert page.errors["propose"] == ""
    assert len(_proposals(db, family_id)) == before + 1
    assert any(m.topic == "Päällekkäin" for m in page.meetings)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_refusal_is_shown_beside_its_own_form(db, page):
    soon = utcnow() + timedelta(days=30)
    WorkerFamilyActions.propose.fn(page, _form_at(soon, place="castle"))
    assert page.errors["propose"] == "error.place_required" and page.saved == ""
    WorkerFamilyActions.cancel.fn(page, {"meeting_id": "999999", "reason": "Sairaana"})
    assert page.errors["cancel-999999"] == "error.not_allowed"
    assert page.errors["propose"] == "error.place_required"
    # A form refused before its body ran (only a forger exceeds the page's max lengths) names
    # no form: nothing is shown beside another one.
    WorkerFamilyActions.cancel.fn(page, {"meeting_id": "5", "reason": "x" * 1001})
    assert "cancel-5" not in page.errors and page.errors["propose"] == "error.place_required"
    WorkerFamilyActions.propose.fn(page, _form_at(soon))
    assert page.errors["propose"] == "" and page.saved == "propose"
    assert not page.not_found


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_another_workers_family_is_not_found_and_polling_it_shows_nothing(db, page):
    worker2_family = make_family(db)
    make_message(db, worker2_family, worker2_family.guardians[0], "Ei sinulle")
    begun = make_meeting(db, worker2_family, days=-1, status=MeetingStatus.AGREED)
    page._fid, page.loaded = worker2_family.id, True
    latest = page._latest
    WorkerFamilyActions.poll_messages.fn(page)
    assert page.messages == [] and page._latest == latest and not page.not_found
    WorkerFamilyActions.record.fn(page, {"meeting_id": str(begun.id), "summary": "Kävimme."})
    assert page.errors[f"record-{begun.id}"] == "error.not_allowed" and not page.not_found
