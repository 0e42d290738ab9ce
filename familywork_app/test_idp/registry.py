"""What the test provider knows: its registered clients (relying parties), the faults it can be
told to make, the authorization codes it has issued, and the client-assertion ids it has seen.

All of it lives in memory for the life of the provider; nothing is written anywhere.
"""

import time
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import httpx
from authlib.oauth2.rfc6749 import ClientMixin
from joserfc.jwk import KeySet

from familywork_app.oidc_profile import TestPerson, TestStaff

CODE_LIFETIME_SECONDS = 120
Identity = TestPerson | TestStaff


class Fault(StrEnum):
    """A deliberate mistake in the provider's answers, for the relying party's refusal tests."""

    BAD_SIGNATURE = "bad_signature"  # ID token signed with a key that is not in the JWKS
    NOT_ENCRYPTED = "not_encrypted"  # a signed ID token sent as such, without JWE
    WRONG_ENCRYPTION_KEY = "wrong_encryption_key"  # encrypted to a key the client does not hold
    WRONG_AUDIENCE = "wrong_audience"  # aud names another client
    WRONG_ISSUER = "wrong_issuer"  # iss names another provider
    WRONG_NONCE = "wrong_nonce"  # nonce differs from the authorization request's
    EXPIRED = "expired"  # exp an hour ago
    DOWN = "down"  # every endpoint answers 503


@dataclass(frozen=True, slots=True)
class RegisteredClient:
    """A relying party registered with both test providers. Its public keys (a signing key for
    the client assertion, an encryption key with "use": "enc" for the ID token) are given inline
    (`jwks`) or fetched from `jwks_uri` at every token request."""

    client_id: str
    redirect_uris: tuple[str, ...]
    post_logout_redirect_uris: tuple[str, ...]
    jwks: dict[str, Any] | None = None
    jwks_uri: str | None = None


class ClientKeysUnavailable(Exception):
    """The client's JWKS could not be fetched or read."""


async def fetch_client_keys(client: RegisteredClient) -> KeySet:
    """The client's public keys: inline, or fetched now from its jwks_uri."""
    try:
        if client.jwks is not None:
            return KeySet.import_key_set(client.jwks)  # pyright: ignore[reportArgumentType]  # JWKS dict
        if not client.jwks_uri:
            raise ClientKeysUnavailable("the client has neither jwks nor jwks_uri")
        async with httpx.AsyncClient(timeout=5.0) as http:
            answer = await http.get(client.jwks_uri)
            answer.raise_for_status()
            return KeySet.import_key_set(answer.json())
    except (httpx.HTTPError, ValueError, TypeError, KeyError) as error:
        raise ClientKeysUnavailable(str(error)) from error


def keys_for(keys: KeySet, use: str) -> KeySet:
    """The keys of `keys` meant for `use` ("sig" or "enc"); a key without "use" counts as
    either."""
    return KeySet([key for key in keys.keys if key.get("use") in (None, use)])


class OAuthClient(ClientMixin):
    """Authlib's view of a registration: exact redirect URIs, the code flow only, private_key_jwt
    only. `keys` are the client's public keys as last read (None: not read for this request)."""

    def __init__(self, registration: RegisteredClient, keys: KeySet | None) -> None:
        self.registration = registration
        self.keys = keys

    @property
    def client_metadata(self) -> dict[str, Any]:
        return {"post_logout_redirect_uris": list(self.registration.post_logout_redirect_uris)}

    def get_client_id(self) -> str:
        return self.registration.client_id

    def get_default_redirect_uri(self) -> str | None:
        return None  # the redirect_uri parameter is required

    def get_allowed_scope(self, scope: str | None) -> str | None:
        requested = (scope or "").split()
        if "openid" not in requested:
            return None  # an OpenID Connect provider only
        return " ".join(s for s in requested if s in ("openid", "profile", "email"))

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.registration.redirect_uris

    def check_client_secret(self, client_secret: str) -> bool:
        return False  # no shared secrets: private_key_jwt only

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method == "private_key_jwt"

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "authorization_code"


@dataclass(frozen=True, slots=True)
class IssuedCode:
    """An authorization code with what it was issued for (Authlib's AuthorizationCodeMixin and
    the OpenID Connect additions)."""

    code: str
    client_id: str
    redirect_uri: str
    scope: str
    nonce: str
    code_challenge: str
    code_challenge_method: str
    identity: Identity
    auth_time: int
    expires_at: int

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time

    def get_acr(self) -> str | None:
        return str(self.identity.acr) if isinstance(self.identity, TestPerson) else None

    def get_amr(self) -> list[str] | None:
        return list(self.identity.amr) if isinstance(self.identity, TestStaff) else None


@dataclass
class CodeStore:
    """Issued codes. A code is taken out at its first redemption, whatever the outcome, so a
    replay always finds nothing (invalid_grant)."""

    codes: dict[str, IssuedCode] = field(default_factory=dict)

    def keep(self, **fields: Any) -> IssuedCode:
        now = int(time.time())
        issued = IssuedCode(
            auth_time=now,
            expires_at=now + CODE_LIFETIME_SECONDS,
            **fields,
        )
        self.codes[issued.code] = issued
        return issued

    def redeem(self, code: str, client_id: str) -> IssuedCode | None:
        issued = self.codes.pop(code, None)
        if issued is None or issued.client_id != client_id or issued.expires_at < time.time():
            return None
        return issued

    def nonce_pending(self, client_id: str, nonce: str) -> bool:
        return any(c.client_id == client_id and c.nonce == nonce for c in self.codes.values())


@dataclass
class SeenAssertions:
    """The jti of every client assertion accepted while it could still be valid: each one works
    once."""

    seen: dict[str, float] = field(default_factory=dict)

    def first_use(self, client_id: str, jti: str, expires_at: float) -> bool:
        now = time.time()
        self.seen = {k: exp for k, exp in self.seen.items() if exp > now}
        key = f"{client_id} {jti}"
        if key in self.seen:
            return False
        self.seen[key] = max(expires_at, now) + 120  # beyond the verifier's leeway
        return True
