"""The test providers' HTTP side: a Starlette app serving `{base_url}/test-idp/suomifi` (families)
and `{base_url}/test-idp/county` (staff), each with discovery, JWKS, the authorization page, the
token endpoint and the end-session endpoint. Requests are read here (Starlette reads bodies
asynchronously, Authlib is synchronous) and Authlib's answers turned into responses.
"""

import json
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from authlib.oauth2.rfc6749 import OAuth2Error
from authlib.oidc.discovery import OpenIDProviderMetadata
from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from familywork_app.oidc_profile import (
    CLAIM_AMR,
    CLAIM_EMAIL,
    CLAIM_FAMILY_NAME,
    CLAIM_GIVEN_NAME,
    CLAIM_NAME,
    CLAIM_PERSONAL_IDENTITY_CODE,
    DEFAULT_GROUP_CLAIM,
    TEST_IDP_MOUNT,
    Assurance,
    Provider,
)
from familywork_app.test_idp.pages import choice_page, error_page, signed_out_page
from familywork_app.test_idp.registry import (
    ClientKeysUnavailable,
    Fault,
    RegisteredClient,
    fetch_client_keys,
)
from familywork_app.test_idp.server import ProviderRequest, TestProvider
from familywork_app.test_idp.tokens import ENCRYPTION_ALG, ENCRYPTION_ENC

NO_STORE = {"cache-control": "no-store"}
Endpoint = Callable[[Request], Awaitable[Response]]


def _claims_supported(provider: Provider) -> list[str]:
    common = ["iss", "aud", "sub", "exp", "iat", "nonce", "auth_time", CLAIM_NAME]
    if provider == Provider.SUOMIFI:
        return [*common, "acr", CLAIM_PERSONAL_IDENTITY_CODE, CLAIM_GIVEN_NAME, CLAIM_FAMILY_NAME]
    return [*common, CLAIM_AMR, CLAIM_EMAIL, DEFAULT_GROUP_CLAIM]


def discovery_document(server: TestProvider) -> dict[str, Any]:
    """The provider's metadata (OpenID Connect Discovery), checked with Authlib's validator."""
    metadata = OpenIDProviderMetadata(
        issuer=server.issuer,
        authorization_endpoint=server.endpoint("authorize"),
        token_endpoint=server.endpoint("token"),
        jwks_uri=server.endpoint("jwks"),
        end_session_endpoint=server.endpoint("logout"),
        scopes_supported=["openid", "profile", "email"],
        response_types_supported=["code"],
        response_modes_supported=["query"],
        grant_types_supported=["authorization_code"],
        subject_types_supported=["public"],
        id_token_signing_alg_values_supported=["RS256"],
        id_token_encryption_alg_values_supported=[ENCRYPTION_ALG],
        id_token_encryption_enc_values_supported=[ENCRYPTION_ENC],
        token_endpoint_auth_methods_supported=["private_key_jwt"],
        token_endpoint_auth_signing_alg_values_supported=["RS256", "PS256", "ES256"],
        code_challenge_methods_supported=["S256"],
        claims_supported=_claims_supported(server.provider),
        request_parameter_supported=False,
    )
    if server.provider == Provider.SUOMIFI:
        metadata["acr_values_supported"] = [str(level) for level in Assurance]
    metadata.validate()
    return dict(metadata)


async def read_request(request: Request) -> ProviderRequest:
    """The HTTP request as Authlib reads it (query string and, for POST, the form body)."""
    form: list[tuple[str, str]] = []
    if request.method == "POST":
        body = await request.form()
        form = [(k, v) for k, v in body.multi_items() if isinstance(v, str)]
    return ProviderRequest(
        request.method,
        str(request.url),
        dict(request.headers),
        list(request.query_params.multi_items()),
        form,
    )


def to_response(answer: Any) -> Response:
    """Authlib's (status, body, headers) as a Starlette response."""
    status, body, headers = answer
    headers = {**dict(headers or []), **NO_STORE}
    if isinstance(body, dict):
        return JSONResponse(body, status_code=status, headers=headers)
    return Response(body or "", status_code=status, headers=headers)


def _refused_page(server: TestProvider, error: OAuth2Error) -> Response:
    """A refusal that must not go back to the client: an error page, never a redirect."""
    page = error_page(server.provider, error.error or "", error.get_error_description() or "")
    return HTMLResponse(page, status_code=error.status_code or 400, headers=NO_STORE)


def _assertion_subject(assertion: str) -> str:
    """The client id the (not yet verified) client assertion claims, to know whose keys to
    fetch; Authlib verifies the assertion afterwards."""
    try:
        claims = json.loads(jws.extract_compact(assertion.encode()).payload)
    except (JoseError, ValueError, TypeError):
        return ""
    subject = claims.get("sub") if isinstance(claims, dict) else None
    return subject if isinstance(subject, str) else ""


def provider_routes(server: TestProvider) -> list[BaseRoute]:
    """The five endpoints of one provider (relative to its issuer path)."""

    async def discovery(request: Request) -> Response:
        return JSONResponse(discovery_document(server))

    async def jwks(request: Request) -> Response:
        return JSONResponse(KeySet([server.signing_key]).as_dict(private=False))

    async def authorize(request: Request) -> Response:
        oauth_request = await read_request(request)
        try:
            grant = server.get_consent_grant(oauth_request)
        except OAuth2Error as error:
            if error.redirect_uri:
                return to_response(server.handle_error_response(oauth_request, error))
            return _refused_page(server, error)
        data = oauth_request.parameters.data
        if request.method == "GET":
            params = list(data.items())
            page = choice_page(server.provider, request.url.path, params, server.choices())
            return HTMLResponse(page, headers=NO_STORE)
        chosen = data.get("identity", "")
        user = None
        if not data.get("cancel"):
            if not chosen.isdigit() or int(chosen) >= len(server.identities):
                page = error_page(server.provider, "invalid_request", "Unknown test identity.")
                return HTMLResponse(page, status_code=400, headers=NO_STORE)
            user = server.identities[int(chosen)]
        return to_response(
            server.create_authorization_response(oauth_request, grant_user=user, grant=grant)
        )

    async def token(request: Request) -> Response:
        oauth_request = await read_request(request)
        form = oauth_request.form
        client_id = _assertion_subject(form.get("client_assertion", "")) or form.get("client_id")
        registration = server.registrations.get(client_id or "")
        if registration is not None:
            try:
                server.client_keys[registration.client_id] = await fetch_client_keys(registration)
            except ClientKeysUnavailable:
                server.client_keys.pop(registration.client_id, None)
        return to_response(server.create_token_response(oauth_request))

    async def logout(request: Request) -> Response:
        oauth_request = await read_request(request)
        try:
            validated = server.validate_endpoint_request(  # pyright: ignore[reportAttributeAccessIssue]  # in Authlib 1.9, not in pyright's older stub
                "end_session", oauth_request
            )
        except OAuth2Error as error:
            return _refused_page(server, error)
        answer = server.create_endpoint_response("end_session", validated)
        if answer is None:
            return HTMLResponse(signed_out_page(server.provider), headers=NO_STORE)
        return to_response(answer)

    endpoints: list[tuple[str, Endpoint, list[str]]] = [
        ("/.well-known/openid-configuration", discovery, ["GET"]),
        ("/jwks", jwks, ["GET"]),
        ("/authorize", authorize, ["GET", "POST"]),
        ("/token", token, ["POST"]),
        ("/logout", logout, ["GET", "POST"]),
    ]
    return [
        Route(path, _unless_down(server, endpoint), methods=methods)
        for path, endpoint, methods in endpoints
    ]


def _unless_down(server: TestProvider, endpoint: Endpoint) -> Endpoint:
    """With Fault.DOWN every endpoint answers 503, as a provider that is down."""

    async def guarded(request: Request) -> Response:
        if server.fault == Fault.DOWN:
            return Response("Service unavailable", status_code=503, headers=NO_STORE)
        return await endpoint(request)

    return guarded


def test_idp_app(
    base_url: str, clients: Sequence[RegisteredClient], fault: Fault | None = None
) -> Starlette:
    """Both test providers under `{base_url}/test-idp/<provider>`, each with a new signing key
    (made now, in memory) and the given client registrations and fault."""
    base = base_url.rstrip("/")
    mounts: list[BaseRoute] = []
    for provider in Provider:
        issuer = f"{base}{TEST_IDP_MOUNT}/{provider.value}"
        server = TestProvider(provider, issuer, clients, fault)
        mounts.append(Mount(f"/{provider.value}", routes=provider_routes(server)))
    return Starlette(routes=[Mount(TEST_IDP_MOUNT, routes=mounts)])


test_idp_app.__test__ = False  # type: ignore[attr-defined]  # not a pytest test despite its name
