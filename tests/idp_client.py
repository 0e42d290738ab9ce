"""A minimal relying party built in the tests with joserfc and httpx, to drive the test identity
provider over HTTP as the app would: PKCE S256, `private_key_jwt`, and the signed-then-encrypted
ID token opened with the client's own encryption key."""

import base64
import hashlib
import json
import secrets
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from joserfc import jwe, jwt
from joserfc.jwk import KeySet, RSAKey

from familywork_app.oidc_profile import TEST_IDP_MOUNT, Provider
from familywork_app.test_idp import RegisteredClient

JWE_ALGORITHMS = ["RSA-OAEP-256", "A256GCM"]
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


def rsa_key(use: str, kid: str) -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"use": use, "kid": kid, "alg": "RS256"})


@dataclass
class TestRelyingParty:
    """A client's keys and registration; `signing`/`encryption` are its private keys."""

    __test__ = False  # not a pytest test class

    client_id: str = "familywork-suomifi"
    redirect_uri: str = "http://127.0.0.1:1/auth/oidc/suomifi/callback"
    post_logout_uri: str = "http://127.0.0.1:1/signin"
    signing: RSAKey = field(default_factory=lambda: rsa_key("sig", "rp-sig"))
    encryption: RSAKey = field(default_factory=lambda: rsa_key("enc", "rp-enc"))

    def public_jwks(self) -> dict[str, Any]:
        return dict(KeySet([self.signing, self.encryption]).as_dict(private=False))

    def registration(self, inline_keys: bool = True, jwks_uri: str = "") -> RegisteredClient:
        return RegisteredClient(
            client_id=self.client_id,
            redirect_uris=(self.redirect_uri,),
            post_logout_redirect_uris=(self.post_logout_uri,),
            jwks=self.public_jwks() if inline_keys else None,
            jwks_uri=jwks_uri or None,
        )

    def assertion(self, audience: str, key: RSAKey | None = None, **overrides: Any) -> str:
        now = int(time.time())
        claims = {
            "iss": self.client_id,
            "sub": self.client_id,
            "aud": audience,
            "iat": now,
            "exp": now + 60,
            "jti": secrets.token_urlsafe(16),
            **overrides,
        }
        signer = key or self.signing
        return jwt.encode({"alg": "RS256", "kid": signer.kid or ""}, claims, signer)

    def open_id_token(self, id_token: str) -> str:
        """The signed ID token inside the JWE (raises if it is not for this client's key)."""
        opened = jwe.decrypt_compact(id_token, self.encryption, algorithms=JWE_ALGORITHMS)
        assert opened.plaintext is not None
        return opened.plaintext.decode()


def issuer_of(base_url: str, provider: Provider = Provider.SUOMIFI) -> str:
    return f"{base_url}{TEST_IDP_MOUNT}/{provider.value}"


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


class _FormReader(HTMLParser):
    """The authorization page's form: its action, hidden fields and identity buttons."""

    def __init__(self) -> None:
        super().__init__()
        self.action = ""
        self.hidden: list[tuple[str, str]] = []
        self.buttons: list[tuple[str, str]] = []  # (value, label)
        self._button: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.action = a.get("action", "")
        elif tag == "input" and a.get("type") == "hidden":
            self.hidden.append((a["name"], a["value"]))
        elif tag == "button" and a.get("name") == "identity":
            self._button = a["value"]

    def handle_data(self, data: str) -> None:
        if self._button is not None:
            self.buttons.append((self._button, data))
            self._button = None


def read_form(page: str) -> _FormReader:
    reader = _FormReader()
    reader.feed(page)
    return reader


@dataclass
class Flow:
    """One authorization request: its state, nonce and PKCE verifier."""

    state: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    nonce: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    pkce: tuple[str, str] = field(default_factory=pkce_pair)

    def params(self, rp: TestRelyingParty, **overrides: str) -> dict[str, str]:
        return {
            "response_type": "code",
            "client_id": rp.client_id,
            "redirect_uri": rp.redirect_uri,
            "scope": "openid profile",
            "state": self.state,
            "nonce": self.nonce,
            "code_challenge": self.pkce[1],
            "code_challenge_method": "S256",
            **overrides,
        }


def sign_in(http: httpx.Client, issuer: str, rp: TestRelyingParty, flow: Flow, who: int) -> str:
    """Open the authorization page, press the `who`th identity, return the code."""
    page = http.get(f"{issuer}/authorize", params=flow.params(rp))
    assert page.status_code == 200, page.text
    form = read_form(page.text)
    chosen = http.post(
        issuer.split(TEST_IDP_MOUNT)[0] + form.action,
        data={**dict(form.hidden), "identity": form.buttons[who][0]},
    )
    assert chosen.status_code == 302, chosen.text
    location = urlsplit(chosen.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == rp.redirect_uri
    query = parse_qs(location.query)
    assert query["state"] == [flow.state]
    return query["code"][0]


def redeem(
    http: httpx.Client, issuer: str, rp: TestRelyingParty, code: str, verifier: str, **extra: str
) -> httpx.Response:
    """The token request with private_key_jwt (a fresh assertion unless `extra` gives one)."""
    data = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": rp.redirect_uri,
        "code_verifier": verifier,
        "client_assertion_type": ASSERTION_TYPE,
        "client_assertion": rp.assertion(f"{issuer}/token"),
        **extra,
    }
    return http.post(f"{issuer}/token", data=data)


def provider_keys(http: httpx.Client, issuer: str) -> KeySet:
    return KeySet.import_key_set(http.get(f"{issuer}/jwks").json())


def verified_claims(http: httpx.Client, issuer: str, signed: str) -> dict[str, Any]:
    return dict(jwt.decode(signed, provider_keys(http, issuer), algorithms=["RS256"]).claims)


def unverified_claims(signed: str) -> dict[str, Any]:
    payload = signed.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
