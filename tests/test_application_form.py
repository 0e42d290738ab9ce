"""The typed form models of the application forms (state.apply, state.register) and of the
supervisor's pages, and their presenters: what the browser sends becomes the service's entry,
every refused field is named at once with the key the page shows beside it, and rows become
display strings."""

from datetime import date
from types import SimpleNamespace

import pytest
from sqlmodel import select

from familywork_app.domain import Role, SupportArea
from familywork_app.models import Family, User
from familywork_app.services import ServiceError
from familywork_app.services.application_checks import ApplicationEntry, ChildEntry, FormErrors
from familywork_app.state.access_log_search import LogSearchForm
from familywork_app.state.apply import ApplyForm, ApplyState
from familywork_app.state.presenters import with_widths
from familywork_app.state.register import RegisterForm, RegisterState
from familywork_app.state.staff_admin import InviteForm
from familywork_app.state.staff_home import AcceptForm, DeclineForm

BROWSER = {
    "name": "Minna Mustonen",
    "email": "minna@example.org",
    "phone": "040 765 4321",
    "municipality": "Kuhmo",
    "address": "Koulukatu 3",
    "child_0_name": "Veeti",
    "child_0_year": "2019",
    "child_1_name": "Aino",
    "child_1_year": "2021",
    "area_resources": "on",
    "area_parenting": True,
    "area_growth": "off",
    "description": "Apua arkeen.",
    "reachable": "aamulla",
    "consent": "on",
    "password": "kuhmon kesä on kaunis",
    "children": "forged",
    "support_areas": ["forged"],
}


def test_the_browsers_flat_form_becomes_the_services_entry():
    entry = ApplyForm.parse(BROWSER).entry()
    assert entry == ApplicationEntry(
        name="Minna Mustonen",
        email="minna@example.org",
        phone="040 765 4321",
        municipality="Kuhmo",
        address="Koulukatu 3",
        children=(ChildEntry("Veeti", "2019"), ChildEntry("Aino", "2021")),
        support_areas=(SupportArea.PARENTING, SupportArea.RESOURCES),
        description="Apua arkeen.",
        reachable="aamulla",
        consent=True,
        password="kuhmon kesä on kaunis",
    )
    staff = RegisterForm.parse({**BROWSER, "channel": "phone", "consent": "true"})
    assert staff.channel == "phone" and staff.entry().password == "" and staff.entry().consent


def test_children_are_read_up_to_the_first_missing_row_and_at_most_ten():
    rows = {f"child_{i}_name": f"Lapsi {i}" for i in range(12)}
    assert len(ApplyForm.parse({**rows, "child_3_name": None}).children) == 12 - 2
    del rows["child_4_name"]
    assert [c.first_name for c in ApplyForm.parse(rows).children] == [
        "Lapsi 0",
        "Lapsi 1",
        "Lapsi 2",
        "Lapsi 3",
    ]
    assert ApplyForm.parse({"child_0_year": "2020"}).entry().children == (ChildEntry("", "2020"),)


def test_every_field_refused_by_the_model_is_named_with_the_pages_key():
    long = {
        **BROWSER,
        "name": "x" * 121,
        "email": "x" * 255,
        "phone": "1" * 41,
        "municipality": "x" * 41,
        "address": "x" * 201,
        "description": "x" * 2001,
        "reachable": "x" * 201,
        "password": "x" * 129,
        "child_0_year": "20190",
        "child_1_name": "x" * 61,
    }
    with pytest.raises(FormErrors) as raised:
        ApplyForm.parse(long)
    assert raised.value.errors == {
        "name": "error.name_required",
        "email": "error.invalid_email",
        "phone": "error.phone_invalid",
        "municipality": "error.municipality_required",
        "address": "error.address_required",
        "description": "error.text_long",
        "reachable": "error.text_long",
        "password": "error.password_long",
        "child_0_year": "error.birth_year",
        "child_1_name": "error.child_name",
    }


def test_anything_else_than_a_form_is_an_empty_form():
    for garbage in (None, [], "form", 5, {"name": 5, "consent": "yes", "child_0_name": ["x"]}):
        form = ApplyForm.parse(garbage)
        assert form.consent is False and form.support_areas == ()
        assert form.name == "" and all(c.first_name == "" for c in form.children)


def test_bars_are_shares_of_the_largest():
    rows = with_widths([("2025-01", "Kuhmo", 3), ("2025-02", "Kajaani", 12), ("", "x", 0)], "fi")
    assert [(r.month, r.label, r.value, r.width) for r in rows] == [
        ("2025-01", "Kuhmo", "3", "25%"),
        ("2025-02", "Kajaani", "12", "100%"),
        ("", "x", "0", "0%"),
    ]
    assert with_widths([("", "a", 0)], "en")[0].width == "0%" and with_widths([], "en") == []


class FakeFormState:
    """Just what the apply and register handlers ask of their state."""

    def __init__(self, state: type, user: object = None) -> None:
        self.user, self.state = user, state
        self.children, self.errors, self.has_errors, self.lang = [0, 1], {}, False, "sv"
        self.channel_error, self.saved_name, self.description_length = "", "", 9
        self.router = SimpleNamespace(headers=SimpleNamespace(cookie=""))  # no Suomi.fi cookie

    def _user(self, db: object) -> object:
        return self.user

    def _ip(self) -> str:
        return "192.0.2.9"

    def _refused(self, problem: ServiceError) -> object:
        return self.state._refused(self, problem)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_apply_handler_shows_every_error_beside_its_field_then_signs_in(handler_db):
    state = FakeFormState(ApplyState)
    ApplyState.submit.fn(state, {**BROWSER, "email": "x@", "name": "x" * 121, "consent": ""})
    assert state.has_errors and state.errors["name"] == "error.name_required"
    assert state.errors["child_1_year"] == "" and state.errors["email"] == ""  # model first
    ApplyState.submit.fn(state, {**BROWSER, "email": "x@", "consent": ""})
    assert (state.errors["email"], state.errors["consent"], state.errors["name"]) == (
        "error.invalid_email",
        "error.consent_required",
        "",
    )
    assert "fwSignInWith" in repr(ApplyState.submit.fn(state, BROWSER).args)
    assert not state.has_errors and set(state.errors.values()) == {""}
    user = handler_db.exec(select(User).where(User.email == "minna@example.org")).one()
    assert (user.role, user.language) == (Role.GUARDIAN, "sv")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_register_handler_is_for_staff_and_names_a_wrong_channel(handler_db):
    worker = User(email="w@example.org", role=Role.WORKER, display_name="W")
    handler_db.add(worker)
    handler_db.commit()
    guardian_state = FakeFormState(
        RegisterState, User(role=Role.GUARDIAN, email="g", display_name="")
    )
    assert RegisterState.submit.fn(guardian_state, {**BROWSER, "channel": "paper"}) is None
    state = FakeFormState(RegisterState, worker)
    refused = RegisterState.submit.fn(state, {**BROWSER, "channel": "eform"})
    assert state.channel_error == "error.invalid" and state.has_errors
    # the summary at the top links to the channel and takes the focus
    assert [(e.field, e.key) for e in state.error_links] == [("channel-paper", "error.invalid")]
    assert "fwFocusErrorSummary" in repr(refused) and "register-errors" in repr(refused)
    RegisterState.submit.fn(state, {**BROWSER, "channel": "phone", "phone": "abc"})
    assert state.errors["phone"] == "error.phone_invalid" and state.channel_error == ""
    RegisterState.submit.fn(state, {**BROWSER, "channel": "phone"})
    assert (state.saved_name, state.children, state.description_length) == (
        "Minna Mustonen",
        [0],
        0,
    )
    family = handler_db.exec(select(Family).where(Family.name == "Mustonen")).one()
    assert family.status == "applied"


def test_the_supervisors_forms_read_the_browsers_field_names():
    invite = InviteForm.parse({"staff-name": " Uusi ", "staff-email": "u@example.org", "x": 1})
    assert (invite.name, invite.email) == (" Uusi ", "u@example.org")
    with pytest.raises(ServiceError) as raised:
        InviteForm.parse({"staff-name": "x" * 121})
    assert (raised.value.code, raised.value.field) == ("error.name_required", "staff-name")
    search = LogSearchForm.parse({"family": "Kemppainen", "from": "2025-03-01", "to": "maanantai"})
    assert (search.family, search.day_from, search.day_to) == ("Kemppainen", date(2025, 3, 1), None)
    assert LogSearchForm.parse({"from": ["2025-03-01"], "to": 5}).day_from is None
    decline = DeclineForm.parse({"application_id": "12", "reason": 7})
    assert (decline.application_id, decline.reason) == (12, "")
    assert AcceptForm.parse({"application_id": "1e3", "worker_id": True}).worker_id == 0
