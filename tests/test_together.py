"""Together mode: who may start it, what a locked session reaches, and leaving it; and the
states of the tablet and of the family's "Our work" page, run as the browser runs them."""

import json
import types

import pytest

from familywork_app.domain import Role, SupportArea
from familywork_app.models import TogetherSession
from familywork_app.services import NotAllowed, ServiceError, auth, together
from familywork_app.services import method_results as results
from familywork_app.state.app_state import AppState
from familywork_app.state.method_presenters import Choice
from familywork_app.state.method_results import FamilyWorkState, MethodResultsState
from familywork_app.state.together import TogetherState
from familywork_app.state.together_maps import TogetherMapsState
from familywork_app.state.worker_together import WorkerTogetherState
from tests.factories import PASSWORD, make_family, make_user
from tests.goal_message_helpers import BAD_IDS, _log_count


def _token(db, user) -> str:
    token, _user = auth.redeem_signin_ticket(db, auth.issue_signin_ticket(db, user))
    return token


def _world(db):
    """A family of two guardians (Laura, then Jussi) and two children, with its worker."""
    return make_family(db, guardians=["Laura Virtanen", "Jussi Virtanen"], children=2)


def test_worker_locks_own_session_to_an_assigned_family(db):
    world = _world(db)
    worker, family = world.worker, world.family
    token, other_tab = _token(db, worker), _token(db, worker)
    before = _log_count(db, action="start_together", family_id=family.id)
    assert together.start(db, worker, family.id, "2468", token) == family.id
    assert _log_count(db, action="start_together", family_id=family.id) == before + 1
    # The locked session reaches nothing but the together page; the worker's other session does.
    assert auth.resolve_session(db, token) is None
    assert auth.resolve_session(db, token, together=True).id == worker.id
    assert auth.is_locked(db, token) and not auth.is_locked(db, other_tab)
    assert auth.resolve_session(db, other_tab).id == worker.id
    lock = together.current(db, worker, token)
    assert lock.family_id == family.id and lock.pin_hash.startswith("$argon2")
    people = together.family_people(db, worker, lock)
    assert [g.name for g in people.guardians] == ["Laura", "Jussi"]
    assert people.family_name == family.name and len(people.children) == 2
    assert people.family_id == family.id and all(c.id for c in people.children)
    with pytest.raises(NotAllowed):  # no lock, no people
        together.family_people(db, worker, None)


def test_worker_cannot_start_for_a_family_not_on_their_caseload(db):
    world = _world(db)
    worker, family = world.worker, world.family
    worker2 = make_family(db).worker
    token = _token(db, worker2)
    with pytest.raises(NotAllowed):
        together.start(db, worker2, family.id, "2468", token)
    for bad in BAD_IDS:
        with pytest.raises(NotAllowed):
            together.start(db, worker, bad, "2468", _token(db, worker))
    # Another user's session token cannot be locked either.
    with pytest.raises(NotAllowed):
        together.start(db, worker, family.id, "2468", token)
    guardian = world.guardians[0]
    with pytest.raises(NotAllowed):
        together.start(db, guardian, family.id, "2468", _token(db, guardian))
    assert db.exec(TogetherSession.__table__.select()).all() == []
    assert together.start(db, worker, family.id, "2468", _token(db, worker)) == family.id


def test_pin_rules_and_family_must_be_active(db):
    world = _world(db)
    worker, family = world.worker, world.family
    token = _token(db, worker)
    for pin in ("", "123", "123456789", "12a4", None, 1234):
        with pytest.raises(ServiceError) as caught:
            together.start(db, worker, family.id, pin, token)
        assert caught.value.code == "together.pin_invalid"
    family.status = "closed"
    db.add(family)
    db.commit()
    with pytest.raises(ServiceError) as caught:
        together.start(db, worker, family.id, "2468", token)
    assert caught.value.code == "together.family_not_active"


def test_leaving_needs_the_pin_or_the_password(db):
    world = _world(db)
    worker, family = world.worker, world.family
    token = _token(db, worker)
    together.start(db, worker, family.id, "2468", token)
    for wrong in ("1357", "not the password at all", ""):
        with pytest.raises(ServiceError) as caught:
            together.end(db, worker, token, wrong)
        assert caught.value.code in ("together.unlock_wrong", "together.unlock_required")
    assert auth.is_locked(db, token)
    assert together.end(db, worker, token, " 2468 ") == family.id
    assert not auth.is_locked(db, token)
    assert auth.resolve_session(db, token).id == worker.id
    assert _log_count(db, action="end_together", family_id=family.id) == 1
    with pytest.raises(NotAllowed):  # nothing left to end
        together.end(db, worker, token, "2468")
    together.start(db, worker, family.id, "1111", token)
    assert together.end(db, worker, token, PASSWORD) == family.id


def test_five_wrong_pins_leave_only_the_password(db):
    world = _world(db)
    worker = world.worker
    token = _token(db, worker)
    together.start(db, worker, world.id, "2468", token)
    for _ in range(together.MAX_PIN_FAILURES):
        with pytest.raises(ServiceError):
            together.end(db, worker, token, "0000")
    with pytest.raises(ServiceError) as caught:
        together.end(db, worker, token, "2468")  # the right PIN no longer opens it
    assert caught.value.code == "together.unlock_wrong"
    assert together.end(db, worker, token, PASSWORD)


def test_supervisor_may_use_together_mode_and_deactivated_worker_may_not(db):
    world = _world(db)
    supervisor, worker, family = make_user(db, Role.SUPERVISOR), world.worker, world.family
    token = _token(db, supervisor)
    assert together.start(db, supervisor, family.id, "2468", token) == family.id
    worker_token = _token(db, worker)
    worker.is_active = False
    db.add(worker)
    db.commit()
    with pytest.raises(NotAllowed):
        together.start(db, worker, family.id, "2468", worker_token)


# --- The together page's state (the entry point, the lock, the forms) -------------------------


def _path(spec) -> str:
    """The path of an `rx.redirect` event ("" for any other reply)."""
    found = dict((str(name), str(value)) for name, value in getattr(spec, "args", ()))
    return json.loads(found["path"]) if "path" in found else ""


@pytest.fixture
def tablet(handler_db, monkeypatch):
    """Root state of one browser tab whose session cookie is `tablet.token`, on the test's
    database; `tablet.call(StateClass, "handler", ...)` runs a handler as the browser would."""
    tab = types.SimpleNamespace(token="")
    monkeypatch.setattr(AppState, "_session_token", lambda self: tab.token)
    root = AppState.get_root_state()(_reflex_internal_init=True)

    def call(state_class, name, *args, **kwargs):
        state = root.get_substate(state_class.get_full_name().split(".")[1:])
        return state_class.event_handlers[name].fn(state, *args, **kwargs), state

    tab.call = call
    return tab


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_only_the_together_states_act_for_a_locked_session(backend):
    assert TogetherState._allows_together(None) and TogetherMapsState._allows_together(None)
    for other in (AppState, WorkerTogetherState, MethodResultsState, FamilyWorkState):
        assert not other._allows_together(None)


def test_the_tablet_from_start_to_end_through_the_states(db, tablet):
    world = make_family(db, guardians=2, children=1)
    tablet.token = _token(db, world.worker)
    _, record = tablet.call(WorkerTogetherState, "start_together", {"pin": "12"})
    assert record.pin_error == "error.not_allowed"  # the page's family is not set
    record._fid = world.id
    reply, record = tablet.call(WorkerTogetherState, "start_together", {"pin": "12"})
    assert reply is None and record.pin_error == "together.pin_invalid"
    reply, _ = tablet.call(WorkerTogetherState, "start_together", {"pin": "2468"})
    assert _path(reply) == "/together"
    # The locked session reaches no other state: the record's results stay empty.
    assert tablet.call(MethodResultsState, "load")[1].results_loaded is False

    _, page = tablet.call(TogetherState, "load")
    assert page.loaded and page.family_name == world.family.name
    guardian, child = world.guardians[0], world.children[0]
    first_name = guardian.display_name.split(" ")[0]
    assert page.respondents[0] == Choice(f"guardian:{guardian.id}", first_name)
    assert [c.value for c in page.children] == [str(child.id)]
    assert page.members[-1].value == "other" and len(page.members) == 4

    answers = {f"area-{area}": "4" for area in SupportArea}
    form = {"respondent": f"guardian:{guardian.id}", "phase": "start", **answers}
    tablet.call(TogetherState, "save_evaluation", {**form, "area-growth": "44"})
    assert page.errors == {"area-growth": "error.answer_required"} and not page.saved
    tablet.call(TogetherState, "save_evaluation", {**form, "area-growth": ""})
    assert page.errors == {"area-growth": "error.answer_required"}
    tablet.call(TogetherState, "save_evaluation", form)
    assert page.saved and page.errors == {}

    reply, _ = tablet.call(TogetherState, "end_together", {"secret": "1357"})
    assert page.errors == {"secret": "together.unlock_wrong"} and _path(reply) == ""
    tablet.call(TogetherState, "end_together", {"secret": "x" * 201})
    assert page.errors == {"secret": "together.unlock_required"}
    reply, _ = tablet.call(TogetherState, "end_together", {"secret": "2468"})
    assert _path(reply) == f"/record/{world.id}"
    assert results.family_results(db, world.worker, world.id).evaluations[0].scores == {
        area: 4 for area in SupportArea
    }


def test_the_maps_are_drawn_on_the_server_and_saved_for_the_locked_family(db, tablet):
    world = make_family(db)
    other = make_family(db, world.worker)
    tablet.token = _token(db, world.worker)
    together.start(db, world.worker, world.id, "2468", tablet.token)
    tablet.call(TogetherState, "load")
    _, maps = tablet.call(TogetherMapsState, "add_person", {"name": " ", "category": "school"})
    assert maps.errors == {"name": "error.net_name_required"}
    person = {"name": "Mummo", "category": "relatives", "closeness": "1", "effect": "helps"}
    tablet.call(TogetherMapsState, "add_person", {**person, "effect": "x" * 17})
    assert maps.errors == {"effect": "error.effect_required"}
    tablet.call(TogetherMapsState, "add_person", person)
    tablet.call(TogetherMapsState, "add_person", {**person, "name": "Koulu", "closeness": "3"})
    assert [r.name for r in maps.draft_rows] == ["Mummo", "Koulu"] and maps.errors == {}
    assert [r.index for r in maps.draft_rows] == ["0", "1"] and len(maps.draft_nodes) == 2
    tablet.call(TogetherMapsState, "remove_person", "0")
    assert [r.name for r in maps.draft_rows] == ["Koulu"]
    tablet.call(TogetherMapsState, "save_network")
    assert maps.saved and maps.draft_rows == []
    tablet.call(TogetherMapsState, "toggle_card", "feelings.happy")
    tablet.call(TogetherMapsState, "toggle_card", "feelings.nope")
    tablet.call(TogetherMapsState, "save_cards", {"note": "Iloinen"})
    assert maps.picked == []
    saved = results.family_results(db, world.worker, world.id)
    assert [p.name for p in saved.networks[0].people] == ["Koulu"]
    assert saved.cards[0].cards == ("feelings.happy",) and saved.cards[0].note == "Iloinen"
    assert results.family_results(db, world.worker, other.id).cards == ()


def test_a_guardians_phone_shows_the_results_and_saves_a_checkin(db, tablet):
    world = make_family(db, children=2)
    tablet.token = _token(db, world.guardians[0])
    _, work = tablet.call(FamilyWorkState, "load")
    assert work.results_loaded and work.eval_count == 0 and work.checkins == []
    assert [c.label for c in work.children] == [c.first_name for c in world.children]
    child = world.children[1]
    faces = {f"q-{q}": "5" for q in ("today", "home", "school", "friends", "sleep")}
    tablet.call(FamilyWorkState, "save_child", {"child": str(child.id), **faces, "q-sleep": ""})
    assert work.errors == {"q-sleep": "error.answer_required"} and not work.saved
    tablet.call(FamilyWorkState, "save_child", {"child": str(child.id), **faces})
    assert work.saved and work.errors == {}
    assert [(c.who, c.face) for c in work.checkins] == [(child.first_name, "/symbols/face-5.svg")]
