"""The one entry point for data handlers (state/handler.py) and the typed form models
(state/forms.py): what a forger can and cannot get through them, and that every handler of the
app that touches data goes through them."""

import inspect
import types
from pathlib import Path
from typing import Any

import pytest

from familywork_app.domain import Role
from familywork_app.services import NotAllowed, ServiceError
from familywork_app.state.forms import Checkbox, FormId, FormModel, Text, form_id, text
from familywork_app.state.handler import Acting, Visiting, data_handler, public_handler

STATE_DIR = Path(__file__).resolve().parents[1] / "familywork_app" / "state"


class NoteForm(FormModel):
    item_id: FormId = 0
    note: Text = text(10)
    sure: Checkbox = False


class FakeState:
    """Just what the entry point asks of a state: the user, the guard, the hooks."""

    def __init__(self, user: Any) -> None:
        self.user = user
        self.refused: list[ServiceError] = []
        self.calls: list[tuple[Any, ...]] = []
        self.was_reset = False

    def _user(self, db: Any) -> Any:
        return self.user

    def _guard(self, db: Any, *roles: Role) -> tuple[Any, list[str]]:
        if self.user is None or self.user.role not in roles:
            return None, ["redirect"]
        return self.user, []

    def _ip(self) -> str:
        return "192.0.2.1"

    def _own_family(self, db: Any, user: Any, badge: bool = True) -> int:
        return 41

    def _refused(self, problem: ServiceError) -> str:
        self.refused.append(problem)
        return "refused"

    def reset(self) -> None:
        self.was_reset = True

    @data_handler(Role.WORKER, form=NoteForm)
    def save(self, acting: Acting, form: NoteForm, extra: str = "") -> str:
        self.calls.append((acting.user.email, acting.ip, form, extra))
        if form.note == "refuse":
            raise NotAllowed()
        if form.note == "crash":
            raise RuntimeError("a bug")
        return "saved"

    @data_handler(Role.GUARDIAN, page=True, family=True)
    def load(self, acting: Acting) -> str:
        self.calls.append((acting.family_id,))
        return "loaded"

    @public_handler()
    def hello(self, visiting: Visiting, name: str) -> str:
        self.calls.append((visiting.user, name))
        return "hello"


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_browser_sees_no_context_argument_and_a_form_as_a_dict(backend):
    signature = inspect.signature(FakeState.save)
    assert list(signature.parameters) == ["self", "form", "extra"]
    assert FakeState.save.__annotations__["form"] == dict[str, Any]
    assert not hasattr(FakeState.save, "__wrapped__")
    assert FakeState.save.__form_model__ is NoteForm
    assert list(inspect.signature(FakeState.hello).parameters) == ["self", "name"]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_stranger_or_a_wrong_role_changes_nothing(handler_db):
    for user in (None, types.SimpleNamespace(role=Role.GUARDIAN, email="g@example.org")):
        state = FakeState(user)
        assert state.save({"note": "hi"}) is None
        assert state.calls == [] and state.refused == []


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_page_redirects_whoever_may_not_open_it_and_gives_a_guardian_their_family(handler_db):
    assert FakeState(None).load() == ["redirect"]
    worker = types.SimpleNamespace(role=Role.WORKER, email="w@example.org")
    assert FakeState(worker).load() == ["redirect"]
    guardian = FakeState(types.SimpleNamespace(role=Role.GUARDIAN, email="g@example.org"))
    assert guardian.load() == "loaded" and guardian.calls == [(41,)]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_form_is_typed_and_a_bad_field_is_refused_before_the_body(handler_db):
    state = FakeState(types.SimpleNamespace(role=Role.WORKER, email="w@example.org"))
    assert state.save(form={"item_id": "12", "note": "hi", "sure": True, "junk": 1}) == "saved"
    assert state.calls[-1][2] == NoteForm(item_id=12, note="hi", sure=True)
    assert state.calls[-1][:2] == ("w@example.org", "192.0.2.1")
    assert state.save({"note": "x" * 11}) == "refused"
    assert (state.refused[-1].code, state.refused[-1].field) == ("error.text_long", "note")
    assert len(state.calls) == 1  # the body never ran with the bad form


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_arguments_come_by_name_missing_ones_are_none_and_extra_ones_are_dropped(handler_db):
    state = FakeState(types.SimpleNamespace(role=Role.WORKER, email="w@example.org"))
    assert state.save(extra="e", form="not a dict", forged="x") == "saved"
    assert state.calls[-1][2:] == (NoteForm(), "e")
    assert FakeState(None).hello() == "hello"  # name missing: the body must validate it
    assert FakeState(None).hello(name=5, more=1) == "hello"


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_refusal_becomes_the_message_and_a_crash_leaves_no_data(handler_db):
    state = FakeState(types.SimpleNamespace(role=Role.WORKER, email="w@example.org"))
    assert state.save({"note": "refuse"}) == "refused"
    assert state.refused[-1].code == "error.not_allowed" and not state.was_reset
    with pytest.raises(RuntimeError):
        state.save({"note": "crash"})
    assert state.was_reset


def test_a_data_handler_cannot_be_a_generator():
    def gen(self, acting):
        yield None

    with pytest.raises(TypeError):
        data_handler(Role.WORKER)(gen)


def test_form_values_as_browsers_and_forgers_send_them():
    assert [form_id(v) for v in ("12", 12, "012", "-1", "1.5", "١٢", "9" * 12, True, None)] == [
        12, 12, 12, 0, 0, 0, 0, 0, 0,
    ]  # fmt: skip
    assert [NoteForm.parse({"sure": v}).sure for v in (True, "on", "true", "off", 1, None)] == [
        True, True, True, False, False, False,
    ]  # fmt: skip
    assert NoteForm.parse({"note": ["a"]}).note == ""
    assert NoteForm.parse([1, 2]) == NoteForm()


def _uses_data(fn: Any) -> list[str]:
    """Names a handler body reaches that touch the database or the services."""
    found = []
    for name in fn.__code__.co_names:
        if name in ("session_scope", "_user", "_guard", "_guard_guardian", "_guard_with_badge"):
            found.append(name)
        value = fn.__globals__.get(name)
        module = getattr(value, "__module__", None) or getattr(value, "__name__", "")
        if isinstance(module, str) and module.startswith("familywork_app.services"):
            found.append(name)
    return found


def test_every_handler_that_touches_data_goes_through_the_entry_point():
    from reflex.state import State

    import familywork_app.familywork_app  # noqa: F401  (registers every state)

    def walk(cls):
        yield cls
        for sub in cls.get_substates():
            yield from walk(sub)

    bypassing = []
    for cls in walk(State):
        if not cls.__module__.startswith("familywork_app."):
            continue
        for name, event in cls.event_handlers.items():
            if name.startswith("_") or hasattr(event.fn, "__form_model__"):
                continue  # wrapped by data_handler / public_handler
            if _uses_data(event.fn):
                bypassing.append(f"{cls.__name__}.{name}: {_uses_data(event.fn)}")
    assert bypassing == []


# The one justified exception: the middleware that resets a tab's states when its session
# changed runs before Reflex's hydration, outside any event handler.
OPENS_ITS_OWN_SESSION = {"handler.py", "session_binding.py"}


def test_no_state_module_opens_a_database_session_but_the_entry_point():
    opening = [
        path.name
        for path in STATE_DIR.glob("*.py")
        if path.name not in OPENS_ITS_OWN_SESSION and "session_scope" in path.read_text()
    ]
    assert opening == []
