"""Staff sign-in with the county's account (issue 15): the rules of services.staff_identity, the
hand-off to the sign-in page's code step, and the whole way through the real test provider over
HTTP (tests/idp_server.py) to the app's own callback."""

import logging
from contextlib import contextmanager
from types import SimpleNamespace

import httpx
import pytest
from sqlmodel import select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from familywork_app import oidc_routes, routes
from familywork_app.config import SESSION_COOKIE
from familywork_app.domain import LogAction, Role
from familywork_app.models import AccessLog, AuthSession, StrongIdentity, User
from familywork_app.oidc_profile import (
    CALLBACK_PATH,
    GROUP_SUPERVISORS,
    GROUP_WORKERS,
    START_PATH,
    TEST_STAFF,
    Provider,
)
from familywork_app.services import auth, staff_identity, totp
from familywork_app.services.oidc_client import IdentityClaims, VerifiedIdentity
from familywork_app.services.oidc_keys import public_jwks
from familywork_app.services.secret_box import seal
from familywork_app.services.staff_identity import (
    HANDOFF_COOKIE,
    StaffRefusal,
    handoff_value,
    link_identity,
    open_handoff,
    sign_in_staff,
)
from familywork_app.services.strong_identity import subject_hash
from familywork_app.state.county_signin import county_arrival
from familywork_app.state.signin import SignInState
from familywork_app.test_idp import RegisteredClient
from tests.factories import make_user
from tests.goal_message_helpers import StateDouble
from tests.idp_client import issuer_of, read_form
from tests.idp_server import idp_base_url  # noqa: F401 - the fixture

ISSUER = "https://login.county.example/realms/staff"
IP = "192.0.2.7"


@pytest.fixture(autouse=True)
def county_settings(monkeypatch, tmp_path):
    monkeypatch.setenv("FAMILYWORK_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("FAMILYWORK_COUNTY_ISSUER", ISSUER)
    monkeypatch.setenv("FAMILYWORK_COUNTY_CLIENT_ID", "familywork")
    for name in ("FAMILYWORK_STAFF_GROUPS", "FAMILYWORK_STAFF_GROUP_CLAIM", "FAMILYWORK_TEST_IDP"):
        monkeypatch.delenv(name, raising=False)


def identity(
    subject: str = "sub-1",
    groups: tuple[str, ...] = (GROUP_WORKERS,),
    amr: tuple[str, ...] = ("pwd", "mfa"),
    email: str = "new.worker@county.example",
    name: str = "Uusi Työntekijä",
) -> VerifiedIdentity:
    claims = IdentityClaims(name=name, email=email, groups=groups, amr=amr)
    return VerifiedIdentity(provider=Provider.COUNTY, subject=subject, claims=claims)


def account(db, user_id: int | None) -> User:
    assert user_id is not None
    found = db.get(User, user_id)
    assert found is not None
    return found


def linked(db, subject: str) -> User | None:
    """The account linked to the county identity `subject` (of the configured issuer)."""
    key = subject_hash(Provider.COUNTY, f"{staff_identity.county_issuer()} {subject}")
    row = db.exec(select(StrongIdentity).where(StrongIdentity.subject_hash == key)).first()
    return db.get(User, row.user_id) if row is not None else None


def enrolled(db, user: User) -> User:
    user.totp_secret, user.totp_enabled_at = seal(totp.DEMO_SECRET), auth.utcnow()
    db.add(user)
    db.commit()
    return user


# --- the rules ---


def test_the_mapped_groups_give_the_role_and_supervisor_wins(db):
    worker = sign_in_staff(db, identity("w", (GROUP_WORKERS,)), IP)
    both = sign_in_staff(
        db, identity("s", ("finance", GROUP_WORKERS, GROUP_SUPERVISORS), email="s@c.example"), IP
    )
    assert account(db, worker.user_id).role == Role.WORKER
    assert account(db, both.user_id).role == Role.SUPERVISOR


def test_groups_can_be_mapped_by_setting_and_a_keycloak_path_counts(db, monkeypatch):
    monkeypatch.setenv("FAMILYWORK_STAFF_GROUPS", "perhetyo=worker, esihenkilot=supervisor")
    result = sign_in_staff(db, identity(groups=("/esihenkilot",)), IP)
    assert account(db, result.user_id).role == Role.SUPERVISOR
    refused = sign_in_staff(db, identity("x", (GROUP_WORKERS,), email="x@c.example"), IP)
    assert refused.refusal == StaffRefusal.UNKNOWN_GROUP


def test_a_malformed_group_setting_is_an_error_not_an_open_door(db, monkeypatch):
    monkeypatch.setenv("FAMILYWORK_STAFF_GROUPS", "perhetyo=admin")
    with pytest.raises(ValueError, match="perhetyo=admin"):
        sign_in_staff(db, identity(), IP)


@pytest.mark.parametrize(
    ("groups", "refusal"),
    [((), StaffRefusal.NO_GROUP), (("finance", "everyone"), StaffRefusal.UNKNOWN_GROUP)],
)
def test_a_missing_or_unknown_group_gets_no_access_and_a_security_log_line(
    db, caplog, groups, refusal
):
    with caplog.at_level(logging.WARNING, logger="familywork.security"):
        result = sign_in_staff(db, identity(groups=groups), IP)
    assert result.user_id is None and result.refusal == refusal
    assert result.message_key == f"staff_identity.refused.{refusal.value}"
    assert f"reason={refusal.value}" in caplog.text and "method=county" in caplog.text
    assert "sub-1" not in caplog.text  # the subject only as a digest
    assert db.exec(select(User).where(User.email == "new.worker@county.example")).first() is None


def test_an_account_is_made_just_in_time_once_and_found_again_by_issuer_and_subject(db):
    first = sign_in_staff(db, identity(), IP)
    user = account(db, first.user_id)
    assert linked(db, "sub-1") == user
    assert (user.email, user.display_name, user.password_hash) == (
        "new.worker@county.example",
        "Uusi Työntekijä",
        None,
    )
    again = sign_in_staff(db, identity(email="changed@county.example"), IP)
    assert again.user_id == first.user_id
    rows = db.exec(select(AccessLog).where(AccessLog.user_id == first.user_id)).all()
    assert [r.action for r in rows] == [LogAction.SIGN_IN_COUNTY] * 2
    assert rows[0].detail == "county (new account, mfa)" and rows[1].detail == "county (mfa)"


def test_the_county_groups_decide_the_role_of_a_linked_account(db):
    first = sign_in_staff(db, identity(groups=(GROUP_SUPERVISORS,)), IP)
    sign_in_staff(db, identity(groups=(GROUP_WORKERS,)), IP)
    assert account(db, first.user_id).role == Role.WORKER


def test_a_deactivated_account_never_signs_in(db):
    first = sign_in_staff(db, identity(), IP)
    user = account(db, first.user_id)
    user.is_active = False
    db.commit()
    assert sign_in_staff(db, identity(), IP).refusal == StaffRefusal.DEACTIVATED


def test_multi_factor_at_the_provider_asks_no_code_and_password_only_does(db):
    assert sign_in_staff(db, identity(amr=("pwd", "mfa")), IP).needs_code is False
    assert sign_in_staff(db, identity(amr=("pwd",)), IP).needs_code is True
    assert sign_in_staff(db, identity(amr=()), IP).needs_code is True


def test_no_usable_email_means_no_new_account(db):
    assert sign_in_staff(db, identity(email=""), IP).refusal == StaffRefusal.NO_EMAIL


def test_an_existing_staff_email_is_linked_only_after_that_accounts_own_code(db):
    worker = enrolled(db, make_user(db, Role.WORKER))
    result = sign_in_staff(db, identity(email=worker.email.upper()), IP)
    assert (result.user_id, result.needs_code, result.link) == (worker.id, True, True)
    assert linked(db, "sub-1") is None  # the e-mail claim alone linked nothing
    assert link_identity(db, worker.id or 0, "sub-1", IP)
    assert linked(db, "sub-1") == worker
    assert sign_in_staff(db, identity(), IP) == staff_identity.StaffSignIn(
        user_id=worker.id, needs_code=False
    )


def test_an_email_of_a_guardian_a_linked_or_an_unprotected_account_is_refused(db):
    guardian = make_user(db, Role.GUARDIAN)
    assert (
        sign_in_staff(db, identity(email=guardian.email), IP).refusal == StaffRefusal.ACCOUNT_EXISTS
    )
    no_factor = make_user(db, Role.WORKER)
    assert (
        sign_in_staff(db, identity("b", email=no_factor.email), IP).refusal
        == StaffRefusal.NO_SECOND_FACTOR
    )
    linked = enrolled(db, make_user(db, Role.WORKER))
    assert link_identity(db, linked.id or 0, "c", IP)
    assert not link_identity(db, linked.id or 0, "d", IP)  # one county identity per account
    assert (
        sign_in_staff(db, identity("d", email=linked.email), IP).refusal
        == StaffRefusal.ACCOUNT_EXISTS
    )
    gone = enrolled(db, make_user(db, Role.WORKER))
    gone.is_active = False
    db.commit()
    assert (
        sign_in_staff(db, identity("e", email=gone.email), IP).refusal == StaffRefusal.DEACTIVATED
    )


# --- the hand-off to the sign-in page's code step ---


def cookie_header(value: str) -> str:
    return f"other=1; {HANDOFF_COOKIE}={value}"


def test_the_hand_off_opens_the_code_step_once_and_only_while_fresh(db, monkeypatch):
    worker = enrolled(db, make_user(db, Role.WORKER))
    person = identity(email=worker.email, amr=("pwd",))
    value = staff_identity.handoff_value(sign_in_staff(db, person, IP), person)
    came = county_arrival(db, cookie_header(value))
    assert came.pending is not None and came.pending.id == worker.id
    assert came.link_subject == "sub-1"
    assert county_arrival(db, cookie_header(value[:-4] + "AAAA")).pending is None  # forged
    assert county_arrival(db, "").pending is None
    auth.redeem_signin_ticket(db, auth.issue_signin_ticket(db, worker))  # the sign-in finished
    assert open_handoff(db, value) is None
    fresh = staff_identity.handoff_value(sign_in_staff(db, person, IP), person)
    later = staff_identity.time.time() + staff_identity.HANDOFF_SECONDS + 1
    monkeypatch.setattr(staff_identity.time, "time", lambda: later)
    assert open_handoff(db, fresh) is None


def test_a_sign_in_without_a_code_due_has_no_hand_off(db):
    person = identity()
    with pytest.raises(ValueError, match="still needs"):
        staff_identity.handoff_value(sign_in_staff(db, person, IP), person)


# --- through the real test provider, over HTTP, to the app's callback ---

APP = "http://127.0.0.1:3999"


@pytest.fixture
def county_app(db, monkeypatch, idp_base_url):  # noqa: F811 - the imported fixture
    """The app's strong sign-in routes on the test database, and the county test provider with
    the app registered (its redirect URI and its JWKS), as a county would register it."""
    monkeypatch.setenv("FAMILYWORK_BASE_URL", APP)
    registration = RegisteredClient(
        client_id="familywork",
        redirect_uris=(APP + CALLBACK_PATH.format(provider="county"),),
        post_logout_redirect_uris=(APP + "/signin",),
        jwks=public_jwks(),
    )
    base = idp_base_url([registration])
    monkeypatch.setenv("FAMILYWORK_COUNTY_ISSUER", issuer_of(base, Provider.COUNTY))

    @contextmanager
    def scope():
        yield db

    monkeypatch.setattr(oidc_routes, "session_scope", scope)
    client = TestClient(
        Starlette(routes=oidc_routes.oidc_routes()), base_url=APP, follow_redirects=False
    )
    return client, base


def through_provider(county_app, label: str):
    """Press "Sign in with the county's account", pick `label` at the provider, and bring the
    provider's answer back to the app's callback; the callback's response."""
    client, base = county_app
    started = client.get(START_PATH.format(provider="county"))
    assert started.status_code == 303, started.text
    with httpx.Client() as http:
        form = read_form(http.get(started.headers["location"]).text)
        chosen = next(value for value, text in form.buttons if text.strip() == label)
        answer = http.post(base + form.action, data={**dict(form.hidden), "identity": chosen})
    assert answer.status_code == 302, answer.text
    return client.get(answer.headers["location"])


def staff(label: str):
    return next(person for person in TEST_STAFF if person.label == label)


def test_multi_factor_at_the_county_signs_a_new_worker_in_without_a_code(db, county_app):
    arrived = through_provider(county_app, "Worker, multi-factor (test)")
    assert arrived.status_code == 303 and arrived.headers["location"] == routes.home_for(
        Role.WORKER
    )
    user = linked(db, "county-worker-1")
    assert user is not None
    assert (user.role, user.email) == (Role.WORKER, staff("Worker, multi-factor (test)").email)
    token = arrived.cookies.get(SESSION_COOKIE)
    assert auth.resolve_session(db, token) == user
    assert HANDOFF_COOKIE not in arrived.cookies


def test_password_only_at_the_county_leads_to_the_code_step(db, county_app):
    arrived = through_provider(county_app, "Worker, password only (test)")
    assert arrived.status_code == 303 and arrived.headers["location"] == routes.SIGN_IN
    assert SESSION_COOKIE not in arrived.cookies
    came = county_arrival(db, cookie_header(arrived.cookies[HANDOFF_COOKIE]))
    assert came.pending is not None and came.pending == linked(db, "county-worker-1")
    assert db.exec(select(AuthSession)).first() is None  # no session before the code


def test_someone_outside_the_family_work_groups_is_refused_with_a_message(db, county_app):
    arrived = through_provider(county_app, "Outsider, no family-work group (test)")
    assert arrived.status_code == 403
    assert "perhetyön käyttäjäryhmään" in arrived.text or "family work" in arrived.text
    assert SESSION_COOKIE not in arrived.cookies
    assert linked(db, "county-outsider-1") is None


# --- the sign-in page's code step completes the county sign-in ---


def signin_page(cookie: str) -> StateDouble:
    steps = {"step": "password", "code_error": "", "recovery_codes": [], "error_links": []}
    enrolment = {"enrol_secret": "", "enrol_uri": "", "enrol_qr": "", "_secret": ""}
    pending = {"_pending_id": 0, "_pending_until": 0.0, "_enrolled": False}
    county = {"_county_link": "", "county_linking": False}
    browser = {
        "router": SimpleNamespace(headers=SimpleNamespace(cookie=cookie)),
        "_set_shell": lambda _user: None,  # the page's header and language: not tested here
    }
    return StateDouble(
        SignInState, None, form_error="", **steps, **enrolment, **pending, **county, **browser
    )


def test_the_code_step_links_the_county_account_only_with_the_right_code(handler_db):
    db = handler_db
    worker = enrolled(db, make_user(db, Role.WORKER))
    person = identity(email=worker.email)  # multi-factor at the county: linking asks anyway
    page = signin_page(cookie_header(handoff_value(sign_in_staff(db, person, IP), person)))
    page.call("load")
    assert (page.step, page.county_linking) == ("code", True)
    page.call("submit_code", {"code": "000000" if totp.current_code() != "000000" else "111111"})
    assert page.code_error == "signin.code_failed" and linked(db, "sub-1") is None
    signed_in = page.call("submit_code", {"code": totp.current_code()})
    assert "fwSignInWith" in str(signed_in) and linked(db, "sub-1") == worker
    assert (page.step, page.county_linking) == ("password", False)


def test_a_new_account_without_multi_factor_enrols_a_second_factor_first(handler_db):
    person = identity(amr=("pwd",))
    page = signin_page(cookie_header(handoff_value(sign_in_staff(handler_db, person, IP), person)))
    page.call("load")
    assert (page.step, page.county_linking) == ("enrol", False)
    assert page.enrol_secret


def test_without_a_hand_off_the_sign_in_page_starts_from_the_password(handler_db):
    page = signin_page("fw_county_step=not-sealed")
    page.call("load")
    assert page.step == "password"
