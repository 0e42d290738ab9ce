"""The guardian's goals, messages and home pages above the services: the typed forms, the
presenters, the page states run through the entry point (`StateDouble`), and the typed family
home built on factory data."""

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from familywork_app.domain import (
    FamilyStatus,
    GoalStatus,
    MeetingPlace,
    MeetingStatus,
    Role,
    SupportArea,
)
from familywork_app.models import GoalEntry, Message
from familywork_app.services import NotAllowed, ServiceError
from familywork_app.services.family_home import FamilyHome, family_home
from familywork_app.services.goals import GoalEntryRow, GoalRow, add_goal_entry
from familywork_app.services.messages import MessageRow, send_message
from familywork_app.state.family_goals import EntryForm, FamilyGoalsState
from familywork_app.state.family_messages import FamilyMessagesState, MessageForm, counted_length
from familywork_app.state.goal_presenters import (
    present_goal,
    present_goal_glances,
    present_message,
)
from tests.factories import make_entry, make_family, make_goal, make_meeting, make_message
from tests.goal_message_helpers import StateDouble, _count, _log_count

# --- goals ------------------------------------------------------------------------------------


def test_entry_form_keeps_the_rating_as_text_for_the_service():
    form = EntryForm.parse({"goal_id": "12", "text": "Hyvä viikko", "rating": "7"})
    assert (form.goal_id, form.text, form.rating) == (12, "Hyvä viikko", "7")
    assert EntryForm.parse({"rating": 7}).rating == ""  # not text: no rating
    cases = [("rating", "100", "error.rating_range"), ("text", "x" * 2001, "error.text_long")]
    for field, value, code in cases:
        with pytest.raises(ServiceError) as caught:
            EntryForm.parse({"goal_id": "12", field: value})
        assert (caught.value.code, caught.value.field) == (code, field)


def test_present_goal_labels_entries_and_chart():
    at = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    entries = (
        GoalEntryRow(1, "Laura", Role.GUARDIAN, "Parempi", 0, at),
        GoalEntryRow(2, "Anna", Role.WORKER, "Hienoa", None, at),
        GoalEntryRow(3, "Laura", Role.GUARDIAN, "", 7, at),
    )
    goal = GoalRow(
        5, "Uni", SupportArea.EVERYDAY, "Iltasatu", date(2026, 5, 1), GoalStatus.ACTIVE, entries
    )
    view = present_goal(goal, "fi")
    assert (view.id, view.title, view.what, view.status) == ("5", "Uni", "Iltasatu", "active")
    assert (view.status_label, view.target, view.open) == (
        "Käynnissä",
        "Tavoitepäivä 1.5.2026",
        True,
    )
    assert [(e.who, e.when, e.rating) for e in view.progress] == [
        ("Laura", "2.3.2026", "Arvio 0/10"),
        ("Anna", "2.3.2026", ""),
        ("Laura", "2.3.2026", "Arvio 7/10"),
    ]
    assert [(b.rating, b.height) for b in view.chart] == [("0", "2.0%"), ("7", "70%")]
    ended = present_goal(replace(goal, status=GoalStatus.ACHIEVED, target_date=None), "fi")
    assert not ended.open and ended.target == "" and ended.status == "achieved"


def _goals_page(db, monkeypatch):
    """The goals page of a guardian (Laura) whose family has two active goals and an entry."""
    world = make_family(db, guardians=["Laura Virtanen"])
    first = make_goal(db, world, title="Aamut")
    make_goal(db, world, title="Illat")
    make_entry(db, first, world.worker, "Hyvä alku", 5)
    state = StateDouble(
        FamilyGoalsState, world.guardians[0], world.id, loaded=False, goals=[], errors={}, saved=""
    )
    state.call("load")
    return state


@pytest.mark.usefixtures("handler_db")
def test_goals_page_shows_a_refusal_beside_that_goals_form_and_keeps_the_text(db, monkeypatch):
    state = _goals_page(db, monkeypatch)
    first, second = (g.id for g in state.goals)
    assert state.loaded and state.errors == {first: "", second: ""}
    entries = _count(db, GoalEntry)
    assert state.call("add_entry", {"goal_id": second, "text": " ", "rating": ""}) is None
    assert state.errors == {first: "", second: "error.entry_empty"} and state.saved == ""
    assert state.call("add_entry", {"goal_id": first, "text": "Hei", "rating": "11"}) is None
    assert state.errors[first] == "error.rating_range"
    shown = dict(state.errors)
    for forged in ({"goal_id": second, "rating": "x" * 3}, {"goal_id": second, "text": "x" * 2001}):
        assert state.call("add_entry", forged) is None  # refused by the form (the page's
        assert state.errors == shown  # select and box cannot send it): no goal's message moves
    assert _count(db, GoalEntry) == entries and not state.crashed


@pytest.mark.usefixtures("handler_db")
def test_goals_page_saves_an_entry_and_empties_only_that_form(db, monkeypatch):
    state = _goals_page(db, monkeypatch)
    first = state.goals[0].id
    state.call("add_entry", {"goal_id": first, "text": "", "rating": "11"})
    cleared = state.call("add_entry", {"goal_id": first, "text": "Rauhallinen aamu", "rating": "8"})
    assert f"text-{first}" in str(cleared) and f"rating-{first}" in str(cleared)
    assert state.errors[first] == "" and state.saved == first
    newest = state.goals[0].progress[-1]
    assert (newest.who, newest.text, newest.rating) == (
        "Laura Virtanen",
        "Rauhallinen aamu",
        "Arvio 8/10",
    )
    assert [b.rating for b in state.goals[0].chart] == ["5", "8"]
    assert [e.text for e in state.goals[1].progress] == []


def test_family_home_is_typed_with_the_newest_rating_of_each_active_goal(db):
    world = make_family(db)
    guardian, worker = world.guardians[0], world.worker
    meeting = make_meeting(db, world, days=2, status=MeetingStatus.AGREED)
    rated, unrated = make_goal(db, world, title="Aamut"), make_goal(db, world, title="Illat")
    make_goal(db, world, title="Valmis", status=GoalStatus.ACHIEVED)
    add_goal_entry(db, guardian, rated.id, "", 4)
    add_goal_entry(db, worker, rated.id, "Hyvin menee", "6")
    add_goal_entry(db, guardian, rated.id, "Ilman arviota", None)
    make_message(db, world, worker, "Hei!")
    home = family_home(db, guardian)
    assert isinstance(home, FamilyHome) and home.status is FamilyStatus.ACTIVE
    assert [(g.title, g.area, g.rating) for g in home.goals] == [
        ("Aamut", SupportArea.EVERYDAY, 6),
        ("Illat", SupportArea.EVERYDAY, None),
    ]
    assert home.next_meeting is not None and home.next_meeting.id == meeting.id
    assert home.next_meeting.place is MeetingPlace.HOME
    assert home.next_meeting.worker_name == worker.display_name == home.worker_name
    assert (home.unread_count, home.proposed_count) == (1, 0)
    assert home.application_status is None and home.application_submitted_at is None
    glances = present_goal_glances(home.goals, "fi")
    assert [(g.id, g.rating) for g in glances] == [
        (str(rated.id), "Viimeisin arvio 6/10"),
        (str(unrated.id), "Ei arviota vielä"),
    ]
    with pytest.raises(NotAllowed):
        family_home(db, worker)
    with pytest.raises(NotAllowed):
        family_home(db, None)


# --- messages ---------------------------------------------------------------------------------


def test_message_form_bounds_the_body_with_the_services_own_message():
    assert MessageForm.parse({"body": "y" * 2000}).body == "y" * 2000
    with pytest.raises(ServiceError) as caught:
        MessageForm.parse({"body": "y" * 2001})
    assert (caught.value.code, caught.value.field) == ("error.message_long", "body")
    assert MessageForm.parse({"body": ["forged"]}).body == ""  # the service: "message_empty"


def test_counter_ignores_only_the_late_count_of_the_text_just_sent():
    assert counted_length("Hei", "") == 3
    assert counted_length("Hei", "Hei") == 0  # counted before sending, arrived after
    assert counted_length("Hei taas", "Hei") == 8
    assert counted_length(None, "") == 0 and counted_length(["x"], "") == 0


def test_present_message_shows_the_receipt_to_its_sender_only():
    when = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    row = MessageRow(1, "Anna Heikkinen", Role.WORKER, False, "Hei", when, None)
    theirs = present_message(row, "fi")
    assert (theirs.who, theirs.mine, theirs.receipt, theirs.id) == (
        "Anna Heikkinen",
        False,
        "",
        "1",
    )
    assert theirs.when == "ma 2.3.2026 10:00"
    sent = present_message(replace(row, mine=True), "fi")
    assert (sent.who, sent.receipt) == ("Sinä", "Lähetetty")
    read = present_message(replace(row, mine=True, read_at=when), "fi")
    assert read.receipt == "Luettu ma 2.3.2026 10:00"


def _message_box(db, monkeypatch):
    """The message box of a guardian whose family has a short conversation with its worker."""
    world = make_family(db)
    make_message(db, world, world.worker, "Tervetuloa!")
    make_message(db, world, world.guardians[0], "Kiitos")
    state = StateDouble(
        FamilyMessagesState,
        world.guardians[0],
        world.id,
        loaded=False,
        messages=[],
        draft_length=0,
        error="",
        _latest=0,
        _just_sent="",
    )
    state.call("load")
    assert len(state.messages) == 2
    return state, world


@pytest.mark.usefixtures("handler_db")
def test_after_sending_the_counter_is_empty_like_the_box(db, monkeypatch):
    state, _ = _message_box(db, monkeypatch)
    shown = len(state.messages)
    text = "Hei, nähdään torstaina klo 10. Kiitos viimeisestä kerrasta!"
    state.call("count", text)
    assert state.draft_length == len(text) == 59
    assert state.call("send", {"body": text}) is not None  # empties the box
    assert (state.draft_length, state.error) == (0, "")
    assert len(state.messages) == shown + 1 and state.messages[-1].body == text
    assert state.messages[-1].mine and state.messages[-1].receipt == "Lähetetty"
    state.call("count", text)  # the box's delayed count of what it held before the send
    assert state.draft_length == 0
    state.call("count", "Vielä")
    assert state.draft_length == 5
    assert not state.crashed


@pytest.mark.usefixtures("handler_db")
def test_a_refused_message_keeps_its_text_and_its_count(db, monkeypatch):
    state, _ = _message_box(db, monkeypatch)
    stored = _count(db, Message)
    for body, code in (("y" * 2001, "error.message_long"), ("  ", "error.message_empty")):
        state.call("count", body)
        assert state.call("send", {"body": body}) is None  # the box keeps its text
        assert (state.error, state.draft_length) == (code, len(body))
    assert _count(db, Message) == stored


@pytest.mark.usefixtures("handler_db")
def test_poll_loads_the_conversation_only_when_a_message_arrived(db, monkeypatch):
    state, world = _message_box(db, monkeypatch)
    before = _log_count(db, action="read_messages")
    state.messages = []
    state.call("poll")
    assert state.messages == []  # nothing new: not even read again
    assert _log_count(db, action="read_messages") == before
    send_message(db, world.worker, world.id, "Uusi viesti")
    state.unread = 1
    state.call("poll")
    assert state.messages[-1].body == "Uusi viesti" and state.unread == 0
    assert _log_count(db, action="read_messages") == before + 1
