"""The test identity provider over real HTTP (tests/idp_server.py): discovery, keys, the
authorization page, the whole code flow with private_key_jwt + PKCE and a signed, encrypted ID
token, each refusal, every fault, logout, and the production start's refusal to run it."""

import time
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import replace

import httpx
import pytest
from joserfc.errors import BadSignatureError, JoseError
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from familywork_app.oidc_profile import (
    JWKS_PATH,
    TEST_PEOPLE,
    TEST_STAFF,
    Provider,
)
from familywork_app.test_idp import Fault, demo_clients
from tests.idp_client import (
    Flow,
    TestRelyingParty,
    issuer_of,
    read_form,
    redeem,
    sign_in,
    unverified_claims,
    verified_claims,
)
from tests.idp_server import idp_server, serve_asgi
from tests.pg_server import _free_port


@pytest.fixture
def rp() -> TestRelyingParty:
    return TestRelyingParty()


@pytest.fixture
def base_url(rp: TestRelyingParty) -> Iterator[str]:
    with idp_server([rp.registration()]) as url:
        yield url


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client(follow_redirects=False, timeout=10) as client:
        yield client


def test_discovery_and_keys(base_url: str, http: httpx.Client) -> None:
    for provider in Provider:
        issuer = issuer_of(base_url, provider)
        meta = http.get(f"{issuer}/.well-known/openid-configuration").json()
        assert meta["issuer"] == issuer
        assert meta["token_endpoint"] == f"{issuer}/token"
        assert meta["end_session_endpoint"] == f"{issuer}/logout"
        assert meta["token_endpoint_auth_methods_supported"] == ["private_key_jwt"]
        assert meta["code_challenge_methods_supported"] == ["S256"]
        keys = http.get(meta["jwks_uri"]).json()["keys"]
        assert [k["kty"] for k in keys] == ["RSA"] and "d" not in keys[0]
    suomifi = http.get(f"{issuer_of(base_url)}/.well-known/openid-configuration").json()
    assert "personal_identity_code" in suomifi["claims_supported"]


def test_authorization_page_lists_the_test_identities(
    base_url: str, http: httpx.Client, rp: TestRelyingParty
) -> None:
    page = http.get(f"{issuer_of(base_url)}/authorize", params=Flow().params(rp))
    assert page.status_code == 200
    assert "Test identification - not for real use" in page.text
    assert [label for _, label in read_form(page.text).buttons] == [p.label for p in TEST_PEOPLE]


def test_whole_flow_gives_an_encrypted_signed_id_token(
    base_url: str, http: httpx.Client, rp: TestRelyingParty
) -> None:
    issuer, flow = issuer_of(base_url), Flow()
    code = sign_in(http, issuer, rp, flow, who=0)
    answer = redeem(http, issuer, rp, code, flow.pkce[0])
    assert answer.status_code == 200, answer.text
    id_token = answer.json()["id_token"]
    assert id_token.count(".") == 4  # JWE compact
    claims = verified_claims(http, issuer, rp.open_id_token(id_token))
    laura = TEST_PEOPLE[0]
    assert claims["iss"] == issuer and claims["aud"] == rp.client_id
    assert claims["nonce"] == flow.nonce and claims["acr"] == laura.acr
    assert claims["personal_identity_code"] == laura.personal_identity_code
    assert (claims["given_name"], claims["family_name"]) == (laura.given_name, laura.family_name)
    assert claims["name"] == "Laura Kemppainen" and claims["sub"]
    assert claims["iat"] <= time.time() < claims["exp"]


def test_staff_provider_gives_groups_and_amr(base_url: str, http: httpx.Client) -> None:
    rp = TestRelyingParty(client_id="familywork-county")
    with idp_server([rp.registration()]) as url:
        issuer, flow = issuer_of(url, Provider.COUNTY), Flow()
        code = sign_in(http, issuer, rp, flow, who=0)
        id_token = redeem(http, issuer, rp, code, flow.pkce[0]).json()["id_token"]
        claims = verified_claims(http, issuer, rp.open_id_token(id_token))
    worker = TEST_STAFF[0]
    assert (claims["sub"], claims["name"], claims["email"]) == (
        worker.subject,
        worker.name,
        worker.email,
    )
    assert claims["groups"] == list(worker.groups) and claims["amr"] == list(worker.amr)


def test_keys_fetched_from_the_clients_jwks_uri(http: httpx.Client, rp: TestRelyingParty) -> None:
    port = _free_port()
    keys_app = Starlette(routes=[Route(JWKS_PATH, lambda _: JSONResponse(rp.public_jwks()))])
    with serve_asgi(keys_app, port, JWKS_PATH) as app_url:
        registration = rp.registration(inline_keys=False, jwks_uri=app_url + JWKS_PATH)
        with idp_server([registration]) as url:
            issuer, flow = issuer_of(url), Flow()
            code = sign_in(http, issuer, rp, flow, who=1)
            answer = redeem(http, issuer, rp, code, flow.pkce[0])
            assert answer.status_code == 200, answer.text
            claims = verified_claims(http, issuer, rp.open_id_token(answer.json()["id_token"]))
    assert claims["personal_identity_code"] == TEST_PEOPLE[1].personal_identity_code


def test_replayed_code_is_refused(base_url: str, http: httpx.Client, rp: TestRelyingParty):
    issuer, flow = issuer_of(base_url), Flow()
    code = sign_in(http, issuer, rp, flow, who=0)
    assert redeem(http, issuer, rp, code, flow.pkce[0]).status_code == 200
    replay = redeem(http, issuer, rp, code, flow.pkce[0])
    assert replay.status_code == 400 and replay.json()["error"] == "invalid_grant"


def test_wrong_code_verifier_is_refused(base_url: str, http: httpx.Client, rp: TestRelyingParty):
    issuer, flow = issuer_of(base_url), Flow()
    code = sign_in(http, issuer, rp, flow, who=0)
    answer = redeem(http, issuer, rp, code, Flow().pkce[0])
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_grant"
    assert "id_token" not in answer.json()


def _bad_assertions(rp: TestRelyingParty, token_url: str) -> dict[str, str]:
    stranger = TestRelyingParty().signing
    now = int(time.time())
    return {
        "signed with another key": rp.assertion(token_url, key=stranger),
        "for another audience": rp.assertion("https://elsewhere.example/token"),
        "expired": rp.assertion(token_url, iat=now - 600, exp=now - 300),
        "sub differs from iss": rp.assertion(token_url, sub="familywork-county"),
    }


def test_bad_client_assertions_are_refused(
    base_url: str, http: httpx.Client, rp: TestRelyingParty
) -> None:
    issuer = issuer_of(base_url)
    for reason, assertion in _bad_assertions(rp, f"{issuer}/token").items():
        flow = Flow()
        code = sign_in(http, issuer, rp, flow, who=0)
        answer = redeem(http, issuer, rp, code, flow.pkce[0], client_assertion=assertion)
        assert answer.json().get("error") == "invalid_client", reason
    flow, reused = Flow(), rp.assertion(f"{issuer}/token")
    code = sign_in(http, issuer, rp, flow, who=0)
    assert redeem(http, issuer, rp, code, flow.pkce[0], client_assertion=reused).status_code == 200
    code = sign_in(http, issuer, rp, flow, who=0)
    again = redeem(http, issuer, rp, code, flow.pkce[0], client_assertion=reused)
    assert again.json()["error"] == "invalid_client"  # a jti works once


def test_unregistered_redirect_and_unknown_client_get_an_error_page(
    base_url: str, http: httpx.Client, rp: TestRelyingParty
) -> None:
    authorize = f"{issuer_of(base_url)}/authorize"
    for params in (
        Flow().params(rp, redirect_uri="https://attacker.example/callback"),
        Flow().params(rp, client_id="not-registered"),
    ):
        page = http.get(authorize, params=params)
        assert page.status_code == 400 and "location" not in page.headers
        assert "The request was refused" in page.text


def test_pkce_s256_is_required(base_url: str, http: httpx.Client, rp: TestRelyingParty):
    params = Flow().params(rp, code_challenge_method="plain")
    refused = http.get(f"{issuer_of(base_url)}/authorize", params=params)
    assert refused.status_code == 302  # to the registered redirect URI, with the error
    assert refused.headers["location"].startswith(rp.redirect_uri + "?error=invalid_request")


def _faulty_token(fault: Fault, rp: TestRelyingParty, http: httpx.Client) -> tuple[str, Flow, str]:
    with idp_server([rp.registration()], fault=fault) as url:
        issuer, flow = issuer_of(url), Flow()
        code = sign_in(http, issuer, rp, flow, who=0)
        answer = redeem(http, issuer, rp, code, flow.pkce[0])
        assert answer.status_code == 200, answer.text
        id_token = answer.json()["id_token"]
        if fault in (Fault.BAD_SIGNATURE, Fault.NOT_ENCRYPTED):
            signed = id_token if fault == Fault.NOT_ENCRYPTED else rp.open_id_token(id_token)
            bad = fault == Fault.BAD_SIGNATURE
            with pytest.raises(BadSignatureError) if bad else nullcontext():
                verified_claims(http, issuer, signed)
    return issuer, flow, id_token


@pytest.mark.parametrize("fault", [f for f in Fault if f != Fault.DOWN])
def test_every_fault_makes_the_token_it_says(
    fault: Fault, http: httpx.Client, rp: TestRelyingParty
) -> None:
    issuer, flow, id_token = _faulty_token(fault, rp, http)
    if fault == Fault.NOT_ENCRYPTED:
        assert id_token.count(".") == 2
        return
    assert id_token.count(".") == 4
    if fault == Fault.WRONG_ENCRYPTION_KEY:
        with pytest.raises(JoseError):
            rp.open_id_token(id_token)
        return
    claims = unverified_claims(rp.open_id_token(id_token))
    expected = {
        Fault.BAD_SIGNATURE: claims["iss"] == issuer,  # only the signature is wrong
        Fault.WRONG_AUDIENCE: claims["aud"] != rp.client_id,
        Fault.WRONG_ISSUER: claims["iss"] != issuer,
        Fault.WRONG_NONCE: claims["nonce"] != flow.nonce,
        Fault.EXPIRED: claims["exp"] < time.time(),
    }
    assert expected[fault]


def test_down_provider_answers_503_everywhere(http: httpx.Client, rp: TestRelyingParty) -> None:
    with idp_server([rp.registration()], fault=Fault.DOWN) as url:
        issuer = issuer_of(url)
        for path in ("/.well-known/openid-configuration", "/jwks", "/authorize", "/logout"):
            assert http.get(issuer + path).status_code == 503, path
        assert http.post(f"{issuer}/token", data={}).status_code == 503


def test_logout_redirects_only_to_a_registered_uri(
    base_url: str, http: httpx.Client, rp: TestRelyingParty
) -> None:
    logout = f"{issuer_of(base_url)}/logout"
    registered = {"client_id": rp.client_id, "post_logout_redirect_uri": rp.post_logout_uri}
    answer = http.get(logout, params={**registered, "state": "s1"})
    assert answer.status_code == 302
    assert answer.headers["location"] == f"{rp.post_logout_uri}?state=s1"
    elsewhere = {**registered, "post_logout_redirect_uri": "https://attacker.example/"}
    answer = http.get(logout, params=elsewhere)
    assert answer.status_code == 200 and "location" not in answer.headers
    assert "Signed out of the test provider" in answer.text


def test_client_keys_that_cannot_be_read_refuse_the_client(http: httpx.Client) -> None:
    unreachable = TestRelyingParty()
    no_enc_key = TestRelyingParty(client_id="familywork-county")
    only_signing = {"keys": [no_enc_key.public_jwks()["keys"][0]]}
    registrations = [
        unreachable.registration(inline_keys=False, jwks_uri=f"http://127.0.0.1:{_free_port()}/"),
        replace(no_enc_key.registration(), jwks=only_signing),
    ]
    with idp_server(registrations) as url:
        for rp, provider in ((unreachable, Provider.SUOMIFI), (no_enc_key, Provider.COUNTY)):
            issuer, flow = issuer_of(url, provider), Flow()
            code = sign_in(http, issuer, rp, flow, who=0)
            answer = redeem(http, issuer, rp, code, flow.pkce[0])
            assert answer.json()["error"] == "invalid_client", rp.client_id


def test_demo_clients_register_the_app() -> None:
    clients = {c.client_id: c for c in demo_clients("http://localhost:3000/")}
    suomifi = clients["familywork-suomifi"]
    assert suomifi.redirect_uris == ("http://localhost:3000/auth/oidc/suomifi/callback",)
    assert suomifi.jwks_uri == "http://localhost:3000" + JWKS_PATH and suomifi.jwks is None
    assert "familywork-county" in clients
