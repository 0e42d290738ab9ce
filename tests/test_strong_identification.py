"""Families' strong sign-in (issue 15) over real HTTP: the app's routes (Starlette TestClient)
against the test provider (tests/idp_server.py), a good sign-in and every refusal of the issue.
"""

import logging
import re
from contextlib import contextmanager
from html import escape
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlmodel import select
from starlette.testclient import TestClient

from familywork_app import oidc_routes, routes
from familywork_app.config import SESSION_COOKIE
from familywork_app.domain import LogAction, Role
from familywork_app.i18n import t
from familywork_app.models import AccessLog, StrongIdentity
from familywork_app.oidc_pages import LINK_PATH
from familywork_app.oidc_profile import CALLBACK_PATH, JWKS_PATH, START_PATH, TEST_PEOPLE, Provider
from familywork_app.services import auth
from familywork_app.services.oidc_keys import public_jwks
from familywork_app.services.strong_identity import masked_code, pic_hash
from familywork_app.test_idp import Fault, RegisteredClient
from familywork_app.web_routes import auth_api
from tests.factories import PASSWORD, make_family
from tests.idp_server import idp_base_url  # noqa: F401  # the provider fixture

APP = "http://testserver"
START = START_PATH.format(provider="suomifi")
LAURA = TEST_PEOPLE[0]
LOW = TEST_PEOPLE[3]  # loa1: too low for Suomi.fi


def _pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


_KEYS = (_pem(), _pem())  # the app's signing and encryption keys, once per test run


@pytest.fixture
def app_keys(monkeypatch):
    monkeypatch.setenv("FAMILYWORK_OIDC_SIGNING_KEY", _KEYS[0])
    monkeypatch.setenv("FAMILYWORK_OIDC_ENCRYPTION_KEY", _KEYS[1])
    monkeypatch.setenv("FAMILYWORK_BASE_URL", APP)
    monkeypatch.delenv("FAMILYWORK_TEST_IDP", raising=False)


def _registration() -> RegisteredClient:
    return RegisteredClient(
        client_id="familywork-suomifi",
        redirect_uris=(APP + CALLBACK_PATH.format(provider="suomifi"),),
        post_logout_redirect_uris=(APP + routes.SIGN_IN,),
        jwks=public_jwks(),
    )


@pytest.fixture
def provider(db, app_keys, monkeypatch, idp_base_url):  # noqa: F811  # the imported fixture
    """Start the test provider (with an optional fault) and point the app at it."""

    @contextmanager
    def scope():
        yield db

    monkeypatch.setattr(oidc_routes, "session_scope", scope)

    def start(fault: Fault | None = None) -> str:
        base = idp_base_url([_registration()], fault=fault)
        monkeypatch.setenv("FAMILYWORK_SUOMIFI_ISSUER", f"{base}/test-idp/suomifi")
        monkeypatch.setenv("FAMILYWORK_SUOMIFI_CLIENT_ID", "familywork-suomifi")
        return base

    return start


def _browser() -> TestClient:
    return TestClient(auth_api, base_url=APP, headers={"accept-language": "en"})


def _callback_url(browser: TestClient, person_label: str) -> str:
    """Begin at the app, choose `person_label` on the provider's page; the provider's redirect
    back to the app's callback (not yet followed)."""
    started = browser.get(START, follow_redirects=False)
    assert started.status_code == 303, started.text
    authorize = started.headers["location"]
    page = httpx.get(authorize)
    choice = re.search(rf'value="(\d+)">{re.escape(escape(person_label))}<', page.text)
    assert choice is not None, page.text
    parts = urlsplit(authorize)
    form = {**dict(parse_qsl(parts.query)), "identity": choice.group(1)}
    answer = httpx.post(f"{parts.scheme}://{parts.netloc}{parts.path}", data=form)
    assert answer.status_code in (302, 303), answer.text
    return answer.headers["location"]


def _arrive(browser: TestClient, person_label: str = LAURA.label) -> httpx.Response:
    callback = _callback_url(browser, person_label)
    assert callback.startswith(APP + CALLBACK_PATH.format(provider="suomifi"))
    return browser.get(callback, follow_redirects=False)


def _link(browser: TestClient, email: str, password: str) -> httpx.Response:
    return browser.post(
        LINK_PATH,
        data={"email": email, "password": password},
        headers={"origin": "http://localhost:3000"},
        follow_redirects=False,
    )


def test_jwks_publishes_a_signing_and_an_encryption_key_without_private_parts(app_keys):
    body = _browser().get(JWKS_PATH).json()
    assert sorted(key["use"] for key in body["keys"]) == ["enc", "sig"]
    assert all(key["kid"] and "d" not in key and "p" not in key for key in body["keys"])


def test_a_first_sign_in_links_with_the_password_once_then_suomifi_alone_signs_in(
    db, provider, caplog
):
    caplog.set_level(logging.DEBUG)
    provider()
    guardian = make_family(db).guardians[0]
    browser = _browser()
    arrived = _arrive(browser)
    assert arrived.status_code == 303 and arrived.headers["location"] == LINK_PATH
    assert SESSION_COOKIE not in arrived.cookies
    page = browser.get(LINK_PATH)
    assert "Laura Kemppainen" in page.text and LAURA.personal_identity_code not in page.text

    wrong = _link(browser, guardian.email, "not the password at all")
    assert wrong.status_code == 400 and t("en", "identity.link.wrong_password") in wrong.text
    linked = _link(browser, guardian.email, PASSWORD)
    assert linked.status_code == 303 and linked.headers["location"] == routes.FAMILY_HOME
    signed_in = auth.resolve_session(db, linked.cookies[SESSION_COOKIE])
    assert signed_in is not None and signed_in.id == guardian.id

    row = db.exec(select(StrongIdentity).where(StrongIdentity.user_id == guardian.id)).one()
    assert row.pic_hash == pic_hash(LAURA.personal_identity_code)
    assert row.pic_sealed and LAURA.personal_identity_code not in row.pic_sealed
    assert masked_code(db, guardian) == "010185-****"

    again = _arrive(_browser())  # another day, another browser: Suomi.fi alone
    assert again.status_code == 303 and again.headers["location"] == routes.FAMILY_HOME
    again_user = auth.resolve_session(db, again.cookies[SESSION_COOKIE])
    assert again_user is not None and again_user.id == guardian.id

    logged = db.exec(select(AccessLog).where(AccessLog.user_id == guardian.id)).all()
    assert [r.action for r in logged].count(LogAction.STRONG_SIGN_IN) == 2
    assert all("902F" not in f"{r.detail} {r.action}" for r in db.exec(select(AccessLog)).all())
    assert "902F" not in caplog.text


def test_a_person_without_an_account_is_not_signed_in_and_is_offered_the_application(provider):
    provider()
    browser = _browser()
    assert _arrive(browser).headers["location"] == LINK_PATH
    page = browser.get(LINK_PATH)
    assert routes.APPLY in page.text and 'name="password"' in page.text


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        (Fault.BAD_SIGNATURE, "signature not valid"),
        (Fault.NOT_ENCRYPTED, "not encrypted"),
        (Fault.WRONG_ENCRYPTION_KEY, "not decryptable"),
        (Fault.WRONG_AUDIENCE, "wrong aud"),
        (Fault.WRONG_ISSUER, "wrong iss"),
        (Fault.WRONG_NONCE, "wrong nonce"),
        (Fault.EXPIRED, "expired"),
    ],
)
def test_a_bad_id_token_is_refused_with_a_message_and_a_security_log_line(
    db, provider, caplog, fault, reason
):
    provider(fault)
    make_family(db)
    refused = _arrive(_browser())
    assert refused.status_code == 400
    assert escape(t("en", "identity.error.token")) in refused.text
    assert SESSION_COOKIE not in refused.cookies
    assert any(
        r.name == "familywork.security" and reason in r.getMessage() for r in caplog.records
    ), caplog.text


def test_a_replayed_code_is_refused(db, provider, caplog):
    provider()
    browser = _browser()
    callback = _callback_url(browser, LAURA.label)
    pending = browser.cookies[oidc_routes.PENDING_COOKIE]
    assert browser.get(callback, follow_redirects=False).status_code == 303
    browser.cookies.set(oidc_routes.PENDING_COOKIE, pending)
    replayed = browser.get(callback, follow_redirects=False)
    assert replayed.status_code == 400
    assert escape(t("en", "identity.error.code")) in replayed.text
    assert "token endpoint refused" in caplog.text


def test_a_state_begun_in_another_browser_is_refused(provider, caplog):
    provider()
    theirs = _callback_url(_browser(), LAURA.label)
    mine = _browser()
    mine.get(START, follow_redirects=False)  # this browser began a sign-in of its own
    refused = mine.get(theirs, follow_redirects=False)
    assert refused.status_code == 400
    assert escape(t("en", "identity.error.state")) in refused.text
    assert "state from another browser" in caplog.text
    fresh = _browser().get(theirs, follow_redirects=False)  # one that began nothing
    assert fresh.status_code == 400 and SESSION_COOKIE not in fresh.cookies


def test_too_low_a_level_of_assurance_is_refused(provider, caplog):
    provider()
    refused = _arrive(_browser(), LOW.label)
    assert refused.status_code == 400
    assert escape(t("en", "identity.error.assurance")) in refused.text
    assert "acr too low" in caplog.text


def test_a_redirect_uri_that_is_not_registered_gets_no_code(provider, monkeypatch):
    provider()
    monkeypatch.setenv("FAMILYWORK_BASE_URL", "http://elsewhere.example")
    started = _browser().get(START, follow_redirects=False)
    authorize = started.headers["location"]
    assert "elsewhere.example" in authorize
    answer = httpx.get(authorize)
    assert answer.status_code == 400 and "location" not in answer.headers
    assert "Laura" not in answer.text  # no identity to choose: no code is ever made


def test_a_provider_that_is_down_is_said_and_the_password_is_offered(provider, caplog):
    provider(Fault.DOWN)
    page = _browser().get(START, follow_redirects=False)
    assert page.status_code == 503
    assert escape(t("en", "identity.error.unavailable")) in page.text
    assert f'href="{routes.SIGN_IN}"' in page.text
    assert "provider=suomifi code=identity.error.unavailable" in caplog.text


def test_a_provider_that_is_down_offers_no_password_when_guardian_passwords_are_off(
    provider, monkeypatch
):
    provider(Fault.DOWN)
    monkeypatch.setenv("FAMILYWORK_GUARDIAN_PASSWORDS", "0")
    page = _browser().get(START, follow_redirects=False)
    assert page.status_code == 503 and f'href="{routes.SIGN_IN}"' not in page.text


def test_sign_out_also_ends_the_providers_session(provider):
    base = provider()
    browser = _browser()
    browser.cookies.set(oidc_routes.PROVIDER_COOKIE, Provider.SUOMIFI.value)
    out = browser.get(routes.AUTH_SIGNED_OUT, follow_redirects=False)
    target = out.headers["location"]
    assert target.startswith(f"{base}/test-idp/suomifi/")
    back = httpx.get(target)
    assert back.status_code in (302, 303) and back.headers["location"] == APP + routes.SIGN_IN
    plain = _browser().get(routes.AUTH_SIGNED_OUT, follow_redirects=False)
    assert plain.headers["location"] == routes.SIGN_IN


def test_a_linked_guardian_is_not_signed_in_once_deactivated(db, provider):
    provider()
    guardian = make_family(db).guardians[0]
    browser = _browser()
    _arrive(browser)
    assert _link(browser, guardian.email, PASSWORD).status_code == 303
    guardian.is_active = False
    db.commit()
    again = _arrive(_browser())
    assert again.headers["location"] == LINK_PATH and SESSION_COOKIE not in again.cookies
    assert guardian.role == Role.GUARDIAN
