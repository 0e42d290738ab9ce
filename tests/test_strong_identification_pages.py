"""The families' strong identification in the page states (issue 15): the application form after
a Suomi.fi sign-in carries the verified name, and `FAMILYWORK_GUARDIAN_PASSWORDS=0` stops the
guardians' password sign-in (staff still sign in with theirs)."""

import asyncio
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace
from typing import Any

import pytest
from sqlmodel import select

from familywork_app.domain import Role
from familywork_app.models import Application, ApplicationIdentity, StrongIdentity, User
from familywork_app.oidc_profile import TEST_PEOPLE, Provider
from familywork_app.services.oidc_client import IdentityClaims, VerifiedIdentity
from familywork_app.services.strong_identity import LINK_COOKIE, pic_hash, sealed_identity
from familywork_app.state.apply import ApplyState
from familywork_app.state.signin import SignInState
from familywork_app.state.strong_identity import applying_name, pending_identity
from tests.factories import PASSWORD, make_family, make_user
from tests.goal_message_helpers import StateDouble


def _run(coroutine):
    """Run an async handler on a thread of its own (Playwright's loop may hold this one when the
    browser tests ran first in the same process)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


AINO = TEST_PEOPLE[2]
IDENTITY = VerifiedIdentity(
    Provider.SUOMIFI,
    "aino-subject",
    IdentityClaims(
        given_name="Aino",
        family_name="Testinen",
        personal_identity_code=AINO.personal_identity_code,
        acr=str(AINO.acr),
    ),
)
FORM = {
    "name": "Typed Otherwise",
    "email": "aino@example.org",
    "phone": "040 111 2233",
    "municipality": "Kajaani",
    "address": "Koulukatu 5",
    "child_0_name": "Ilona",
    "child_0_year": "2018",
    "area_parenting": "on",
    "description": "Tukea arkeen.",
    "consent": "on",
    "password": "kajaanin talvi on pitkä",
}


class ApplyDouble:
    """What the apply handler asks of its state, with this browser's Cookie header."""

    def __init__(self, cookie: str) -> None:
        self.children, self.errors, self.has_errors, self.lang = [0], {}, False, "fi"
        self.error_links: list[object] = []
        self.router = SimpleNamespace(headers=SimpleNamespace(cookie=cookie))

    def _user(self, db: object) -> None:
        return None

    def _ip(self) -> str:
        return "192.0.2.7"

    def _refused(self, problem: object) -> object:
        return ApplyState._refused(self, problem)  # type: ignore[arg-type]  # a double


def test_the_link_cookie_gives_the_verified_name_and_nothing_forged_does(db):
    sealed = sealed_identity(IDENTITY)
    assert AINO.personal_identity_code not in sealed
    assert pending_identity(f"a=1; {LINK_COOKIE}={sealed}") == IDENTITY
    assert applying_name(db, f"a=1; {LINK_COOKIE}={sealed}") == "Aino Testinen"
    assert pending_identity(f"{LINK_COOKIE}=f1:forged") is None
    assert applying_name(db, "") == ""


def test_an_identity_already_linked_lends_its_name_to_no_new_application(db):
    guardian = make_family(db).guardians[0]
    db.add(
        StrongIdentity(
            user_id=guardian.id or 0,
            provider="suomifi",
            subject_hash="x",
            pic_hash=pic_hash(AINO.personal_identity_code),
        )
    )
    db.commit()
    assert applying_name(db, f"{LINK_COOKIE}={sealed_identity(IDENTITY)}") == ""


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_an_application_after_suomifi_carries_the_verified_name_and_links_the_account(
    handler_db,
):
    db = handler_db
    state = ApplyDouble(f"{LINK_COOKIE}={sealed_identity(IDENTITY)}")
    answer = ApplyState.submit.fn(state, FORM)
    assert not state.has_errors, state.errors
    assert "fwSignInWith" in repr(answer)
    user = db.exec(select(User).where(User.email == "aino@example.org")).one()
    assert user.display_name == "Aino Testinen"
    link = db.exec(select(StrongIdentity).where(StrongIdentity.user_id == user.id)).one()
    assert link.pic_hash == pic_hash(AINO.personal_identity_code)
    application = db.exec(select(Application).where(Application.submitted_by_id == user.id)).one()
    mark = db.exec(
        select(ApplicationIdentity).where(ApplicationIdentity.application_id == application.id)
    ).one()
    assert mark.strong and mark.verified_name == "Aino Testinen"


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_an_application_without_suomifi_is_not_identified(handler_db):
    db = handler_db
    ApplyState.submit.fn(ApplyDouble(""), FORM)
    user = db.exec(select(User).where(User.email == "aino@example.org")).one()
    assert user.display_name == "Typed Otherwise"
    assert db.exec(select(ApplicationIdentity)).first() is None
    assert db.exec(select(StrongIdentity)).first() is None


def _signin_page(user: User | None = None) -> StateDouble:
    state_vars: dict[str, Any] = {"step": "password", "code_error": "", "recovery_codes": []}
    state_vars |= {"error_links": [], "email": "", "email_error": "", "password_error": ""}
    return StateDouble(SignInState, user, 0, form_error="", **state_vars)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_guardian_passwords_off_refuses_a_guardians_password_but_not_staffs(
    handler_db, monkeypatch
):
    db = handler_db
    guardian = make_family(db).guardians[0]
    monkeypatch.setenv("FAMILYWORK_GUARDIAN_PASSWORDS", "0")
    page = _signin_page()
    answer = _run(page.call("submit", {"email": guardian.email, "password": PASSWORD}))
    assert page.form_error == "Huoltajat kirjautuvat Suomi.fi-tunnistuksella."
    assert "fwSignInWith" not in repr(answer)
    worker = make_user(db, Role.WORKER)
    staff_page = _signin_page()
    _run(staff_page.call("submit", {"email": worker.email, "password": PASSWORD}))
    assert staff_page.form_error == "" and staff_page.step in ("code", "enrol")
    monkeypatch.setenv("FAMILYWORK_GUARDIAN_PASSWORDS", "1")
    allowed = _signin_page()
    answer = _run(allowed.call("submit", {"email": guardian.email, "password": PASSWORD}))
    assert "fwSignInWith" in repr(answer)
