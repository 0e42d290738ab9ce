"""One test OpenID Connect provider on Authlib's server parts: the authorization code grant with
PKCE (S256 only, required), `private_key_jwt` client authentication (RFC 7523), OpenID Connect's
ID token (signed by the provider, then encrypted to the client: `tokens.py`) and RP-initiated
logout. Authlib has no Starlette integration: `app.py` reads the HTTP request into a
`ProviderRequest` and turns the (status, body, headers) answers back into responses.
"""

import secrets
import time
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, cast

from authlib.oauth2.rfc6749 import (
    AuthorizationServer,
    InvalidClientError,
    InvalidRequestError,
    OAuth2Payload,
    OAuth2Request,
)
from authlib.oauth2.rfc6749.grants import AuthorizationCodeGrant
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oauth2.rfc7523 import JWTBearerClientAssertion
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import OpenIDCode
from authlib.oidc.rpinitiated import EndSessionEndpoint
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from familywork_app.oidc_profile import TEST_PEOPLE, TEST_STAFF, Provider
from familywork_app.test_idp.registry import (
    CodeStore,
    Fault,
    Identity,
    IssuedCode,
    OAuthClient,
    RegisteredClient,
    SeenAssertions,
    keys_for,
)
from familywork_app.test_idp.tokens import identity_claims, seal_id_token

PROVIDERS: dict[Provider, tuple[Identity, ...]] = {
    Provider.SUOMIFI: TEST_PEOPLE,
    Provider.COUNTY: TEST_STAFF,
}


class ProviderPayload(OAuth2Payload):
    """The request's parameters (query string and form body together)."""

    def __init__(self, pairs: Sequence[tuple[str, str]]) -> None:
        self._datalist: defaultdict[str, list[str]] = defaultdict(list)
        for key, value in pairs:
            self._datalist[key].append(value)
        self._data = {key: values[0] for key, values in self._datalist.items()}

    @property
    def data(self) -> dict[str, str]:
        return self._data

    @property
    def datalist(self) -> defaultdict[str, list[str]]:
        return self._datalist


class ProviderRequest(OAuth2Request):
    """An HTTP request as Authlib reads it, built from an already read Starlette request."""

    def __init__(
        self,
        method: str,
        uri: str,
        headers: dict[str, str],
        query: Sequence[tuple[str, str]],
        form: Sequence[tuple[str, str]],
    ) -> None:
        super().__init__(method=method, uri=uri, headers=headers)
        self.parameters = ProviderPayload([*query, *form])
        self.payload = self.parameters
        self._args = dict(query)
        self._form = dict(form)

    @property
    def args(self) -> dict[str, str]:
        return self._args

    @property
    def form(self) -> dict[str, str]:
        return self._form


class RequiredS256(CodeChallenge):
    """PKCE for every client, S256 only (the Finnish trust network's profile)."""

    DEFAULT_CODE_CHALLENGE_METHOD = "S256"
    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]

    def validate_code_challenge(self, grant: Any, redirect_uri: str) -> None:
        data = grant.request.payload.data
        if not data.get("code_challenge") or data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("PKCE is required: code_challenge_method=S256.")
        super().validate_code_challenge(grant, redirect_uri)


class PrivateKeyJWT(JWTBearerClientAssertion):
    """Client authentication by a JWT signed with a key from the client's JWKS: iss = sub =
    client_id, aud = the token endpoint or the issuer, exp, and a jti that works once."""

    CLIENT_AUTH_METHOD = "private_key_jwt"  # pyright: ignore[reportGeneralTypeIssues]  # the stub's Final; Authlib's subclasses set it

    def __init__(self, provider: "TestProvider") -> None:
        super().__init__(validate_jti=True, leeway=30)  # pyright: ignore[reportCallIssue]  # token_url is optional (deprecated) in Authlib 1.9
        self.provider = provider

    def get_audiences(self) -> list[str]:
        return [self.provider.endpoint("token"), self.provider.issuer]

    def resolve_client_public_key(self, client: OAuthClient) -> KeySet:
        if client.keys is None:
            raise InvalidClientError(description="The client's keys could not be read.")
        return keys_for(client.keys, "sig")

    def validate_jti(self, claims: jwt.Claims, jti: str) -> bool:
        return self.provider.assertions.first_use(claims["sub"], jti, float(claims["exp"]))

    def __call__(self, query_client: Any, request: OAuth2Request) -> Any:
        named = request.form.get("client_id")
        client = super().__call__(query_client, request)
        if client is not None and named and named != client.get_client_id():
            raise InvalidClientError(description="client_id differs from the assertion's sub.")
        return client


class CodeGrant(AuthorizationCodeGrant):
    """The authorization code grant over the provider's in-memory code store."""

    TOKEN_ENDPOINT_AUTH_METHODS = ["private_key_jwt"]
    provider: "TestProvider"

    def save_authorization_code(self, code: str, request: OAuth2Request) -> None:
        data = cast(ProviderRequest, request).parameters.data
        self.provider.codes.keep(
            code=code,
            client_id=cast(OAuthClient, request.client).get_client_id(),
            redirect_uri=data["redirect_uri"],
            scope=request.scope,
            nonce=data.get("nonce", ""),
            code_challenge=data["code_challenge"],
            code_challenge_method=data["code_challenge_method"],
            identity=request.user,
        )

    def query_authorization_code(self, code: str, client: OAuthClient) -> IssuedCode | None:
        return self.provider.codes.redeem(code, client.get_client_id())

    def delete_authorization_code(self, authorization_code: IssuedCode) -> None:
        return None  # already taken out of the store by query_authorization_code

    def authenticate_user(self, authorization_code: IssuedCode) -> Identity:
        return authorization_code.identity


class SealedIdToken(OpenIDCode):
    """OpenID Connect on the code grant: nonce required, the ID token signed with the
    provider's key (or, with a fault, wrongly) and then encrypted to the client."""

    def __init__(self, provider: "TestProvider") -> None:
        super().__init__(require_nonce=True)
        self.provider = provider

    def exists_nonce(self, nonce: str, request: OAuth2Request) -> bool:
        client_id = cast(ProviderRequest, request).parameters.client_id
        return self.provider.codes.nonce_pending(client_id, nonce)

    def get_client_algorithm(self, client: OAuthClient) -> str:
        return "RS256"

    def get_encode_header(self, client: OAuthClient) -> dict[str, str]:
        return {"alg": "RS256", "kid": self.provider.signing_key.kid or ""}

    def resolve_client_private_key(self, client: OAuthClient) -> RSAKey:
        if self.provider.fault == Fault.BAD_SIGNATURE:
            return self.provider.stray_key
        return self.provider.signing_key

    def get_client_claims(self, client: OAuthClient) -> dict[str, Any]:
        return self.provider.standard_claims(client.get_client_id())

    def get_authorization_code_claims(self, authorization_code: IssuedCode) -> dict[str, Any]:
        claims = super().get_authorization_code_claims(authorization_code)  # pyright: ignore[reportAttributeAccessIssue]  # Authlib 1.9; pyright's stub is older
        if self.provider.fault == Fault.WRONG_NONCE:
            claims["nonce"] = secrets.token_urlsafe(16)
        return claims

    def generate_user_info(self, user: Identity, scope: str) -> dict[str, Any]:
        return identity_claims(user, self.provider.issuer)

    def encode_id_token(self, token: dict[str, Any], request: OAuth2Request) -> str:
        signed = super().encode_id_token(token, request)  # pyright: ignore[reportAttributeAccessIssue]  # Authlib 1.9; pyright's stub is older
        return seal_id_token(signed, cast(OAuthClient, request.client).keys, self.provider.fault)


class SignOut(EndSessionEndpoint):
    """RP-initiated logout. The provider keeps no sign-in session of its own (its page asks
    every time), so ending one has nothing to clear; it redirects only to a registered
    post_logout_redirect_uri, with the state."""

    def get_server_jwks(self) -> KeySet:
        return KeySet([cast(TestProvider, self.server).signing_key])

    def is_post_logout_redirect_uri_legitimate(
        self, request: Any, post_logout_redirect_uri: str, client: Any, logout_hint: Any
    ) -> bool:
        return bool(request.payload.data.get("client_id"))  # the URI is registered to it

    def end_session(self, end_session_request: Any) -> None:
        return None


class TestProvider(AuthorizationServer):
    """One issuer (`{base_url}/test-idp/suomifi` or `/county`) with its keys and state."""

    def __init__(
        self, provider: Provider, issuer: str, clients: Sequence[RegisteredClient], fault: Any
    ) -> None:
        super().__init__()
        self.provider = provider
        self.issuer = issuer
        self.fault: Fault | None = fault
        self.identities = PROVIDERS[provider]
        self.registrations = {client.client_id: client for client in clients}
        self.client_keys: dict[str, KeySet] = {}
        self.signing_key = RSAKey.generate_key(2048, parameters={"use": "sig", "alg": "RS256"})
        self.signing_key.ensure_kid()
        self.stray_key = RSAKey.generate_key(2048)  # signs nothing valid: Fault.BAD_SIGNATURE
        self.codes = CodeStore()
        self.assertions = SeenAssertions()
        self.register_token_generator(
            "default", BearerTokenGenerator(_new_access_token, None, _ten_minutes)
        )
        self.register_client_auth_method(PrivateKeyJWT.CLIENT_AUTH_METHOD, PrivateKeyJWT(self))
        grant = type("Grant", (CodeGrant,), {"provider": self})
        self.register_grant(grant, [RequiredS256(required=True), SealedIdToken(self)])
        self.register_endpoint(SignOut)

    def endpoint(self, name: str) -> str:
        return f"{self.issuer}/{name}"

    def choices(self) -> list[tuple[int, str]]:
        """The authorization page's buttons: (index, label) of each test identity."""
        return [(i, identity.label) for i, identity in enumerate(self.identities)]

    def standard_claims(self, client_id: str) -> dict[str, Any]:
        now = int(time.time())
        claims: dict[str, Any] = {"iss": self.issuer, "aud": client_id, "iat": now}
        claims["exp"] = now + 600
        if self.fault == Fault.WRONG_AUDIENCE:
            claims["aud"] = "someone-else"
        if self.fault == Fault.WRONG_ISSUER:
            claims["iss"] = self.issuer.rsplit("/", 1)[0] + "/elsewhere"
        if self.fault == Fault.EXPIRED:
            claims["iat"], claims["exp"] = now - 7200, now - 3600
        return claims

    def query_client(self, client_id: str) -> OAuthClient | None:
        registration = self.registrations.get(client_id)
        if registration is None:
            return None
        return OAuthClient(registration, self.client_keys.get(client_id))

    def save_token(self, token: dict[str, Any], request: OAuth2Request) -> None:
        return None  # nothing reads access tokens: the provider has no userinfo endpoint

    def create_oauth2_request(self, request: Any) -> OAuth2Request:
        return request  # app.py builds the ProviderRequest (Starlette reads bodies async)

    def handle_response(self, status: int, body: Any, headers: Any) -> tuple[int, Any, Any]:
        return status, body, headers  # app.py makes the Starlette response

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        return None


def _new_access_token(*_: Any, **__: Any) -> str:
    return secrets.token_urlsafe(32)


def _ten_minutes(client: Any, grant_type: str) -> int:
    return 600
