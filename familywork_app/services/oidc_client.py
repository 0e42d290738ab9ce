"""The app as an OpenID Connect relying party (issue 15): Suomi.fi for families, the county's
provider for staff.

Authorization code flow with PKCE (S256), `state` and `nonce`. `start` returns the provider's
authorization address and the pending values; the routes keep those sealed (services.secret_box)
in an HttpOnly, SameSite=Lax cookie of this browser, so a callback whose `state` was begun in
another browser finds no matching cookie and is refused. `finish` trades the code for tokens with
`private_key_jwt` client authentication, and accepts only an ID token that passes
services.oidc_tokens (encrypted to the app, signed by the provider, right iss/aud/exp/nonce) and,
for Suomi.fi, a level of assurance in `ACCEPTED_ASSURANCE`. Every refusal is a `SignInRefused`
(i18n code) and a line in the security log.
"""

import base64
import hashlib
import json
import re
import secrets
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import httpx
from joserfc import jwt
from joserfc.jwk import KeySet

from familywork_app import routes
from familywork_app.oidc_profile import (
    ACCEPTED_ASSURANCE,
    CLAIM_FAMILY_NAME,
    CLAIM_GIVEN_NAME,
    CLAIM_PERSONAL_IDENTITY_CODE,
    Provider,
)
from familywork_app.services import secret_box
from familywork_app.services.oidc_identity import IdentityClaims, VerifiedIdentity, identity_of
from familywork_app.services.oidc_keys import SIGNING_ALG, relying_party_keys
from familywork_app.services.oidc_settings import ProviderSettings, base_url, provider_settings
from familywork_app.services.oidc_tokens import (
    ProviderUnavailable,
    SignInRefused,
    refuse,
    verified_claims,
)

__all__ = [
    "IdentityClaims",
    "ProviderUnavailable",
    "SignInRefused",
    "VerifiedIdentity",
    "finish",
    "start",
]

PENDING_SECONDS = 600  # how long a begun sign-in may take at the provider
DISCOVERY_SECONDS = 3600
HTTP_TIMEOUT = 10.0
PIC_RE = re.compile(r"^\d{6}[-+A-FU-Y]\d{3}[0-9A-FHJ-NPR-Y]$")
_cache: dict[str, tuple[float, dict[str, Any]]] = {}


@dataclass(frozen=True, slots=True)
class PendingLogin:
    """What the callback must match: kept sealed in this browser's cookie meanwhile."""

    provider: Provider
    state: str = field(repr=False)
    nonce: str = field(repr=False)
    code_verifier: str = field(repr=False)
    created_at: int

    def sealed(self) -> str:
        """The cookie value: encrypted and authenticated (secret_box)."""
        body = [self.provider.value, self.state, self.nonce, self.code_verifier, self.created_at]
        return secret_box.seal(json.dumps(body))


def _open_pending(sealed: object) -> PendingLogin | None:
    if not isinstance(sealed, str) or not sealed.startswith(secret_box.PREFIX):
        return None
    try:
        provider, state, nonce, verifier, created = json.loads(secret_box.unseal(sealed) or "")
        return PendingLogin(Provider(provider), state, nonce, verifier, int(created))
    except (RuntimeError, ValueError, TypeError):  # forged, from another key, or malformed
        return None


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _fetch_json(url: str) -> dict[str, Any]:
    try:
        response = httpx.get(url, timeout=HTTP_TIMEOUT, follow_redirects=False)
        response.raise_for_status()
        body = response.json()
    except (httpx.HTTPError, ValueError) as error:
        raise ProviderUnavailable(f"{url}: {type(error).__name__}") from error
    if not isinstance(body, dict):
        raise ProviderUnavailable(f"{url}: not a JSON object")
    return dict(body)  # pyright: ignore[reportUnknownArgumentType]  # JSON: checked as dict


def _cached(url: str, fresh: bool = False) -> dict[str, Any]:
    hit = _cache.get(url)
    if hit is not None and not fresh and time.monotonic() - hit[0] < DISCOVERY_SECONDS:
        return hit[1]
    body = _fetch_json(url)
    _cache[url] = (time.monotonic(), body)
    return body


def settings_of(provider: Provider, ip: str = "") -> ProviderSettings:
    """The provider's settings, or a refusal when it is not configured."""
    settings = provider_settings(provider)
    if settings is None:
        raise refuse(provider, "identity.error.unavailable", "provider not configured", ip)
    return settings


def discovery(settings: ProviderSettings, ip: str = "") -> dict[str, Any]:
    """The provider's metadata (cached an hour); its issuer must be the configured one."""
    try:
        doc = _cached(settings.issuer + "/.well-known/openid-configuration")
    except ProviderUnavailable as error:
        raise refuse(settings.provider, error.code, error.reason, ip) from error
    if doc.get("issuer") != settings.issuer:
        raise refuse(settings.provider, "identity.error.unavailable", "issuer mismatch", ip)
    for name in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not str(doc.get(name, "")).startswith("http"):
            raise refuse(settings.provider, "identity.error.unavailable", f"no {name}", ip)
    return doc


def _provider_keys(doc: dict[str, Any], fresh: bool) -> KeySet:
    body = _cached(str(doc.get("jwks_uri", "")), fresh=fresh)
    return KeySet.import_key_set(body)  # pyright: ignore[reportArgumentType]  # JWKS JSON


def start(provider: Provider, lang: str = "fi", ip: str = "") -> tuple[str, PendingLogin]:
    """Begin a sign-in: the provider's authorization address and the values to keep."""
    settings = settings_of(provider, ip)
    doc = discovery(settings, ip)
    verifier = secrets.token_urlsafe(48)
    pending = PendingLogin(
        provider, secrets.token_urlsafe(32), secrets.token_urlsafe(32), verifier, int(time.time())
    )
    params = {
        "response_type": "code",
        "client_id": settings.client_id,
        "redirect_uri": settings.redirect_uri,
        "scope": settings.scope,
        "state": pending.state,
        "nonce": pending.nonce,
        "code_challenge": _b64url(hashlib.sha256(verifier.encode()).digest()),
        "code_challenge_method": "S256",
        "ui_locales": lang,
    }
    if provider == Provider.SUOMIFI:
        params["acr_values"] = " ".join(sorted(ACCEPTED_ASSURANCE))
        wanted = {"essential": True}
        names = (CLAIM_PERSONAL_IDENTITY_CODE, CLAIM_GIVEN_NAME, CLAIM_FAMILY_NAME)
        params["claims"] = json.dumps({"id_token": {name: wanted for name in names}})
    return f"{doc['authorization_endpoint']}?{urlencode(params)}", pending


def _client_assertion(settings: ProviderSettings, token_endpoint: str) -> str:
    key = relying_party_keys().signing
    now = int(time.time())
    claims = {
        "iss": settings.client_id,
        "sub": settings.client_id,
        "aud": token_endpoint,
        "jti": str(uuid.uuid4()),
        "iat": now,
        "exp": now + 60,
    }
    return jwt.encode({"alg": SIGNING_ALG, "kid": key.kid}, claims, key)


def _exchange(settings: ProviderSettings, doc: dict[str, Any], code: str, verifier: str) -> str:
    """The raw ID token for the code; `SignInRefused` when the provider refuses the code."""
    endpoint = str(doc.get("token_endpoint", ""))
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": settings.redirect_uri,
        "code_verifier": verifier,
        "client_id": settings.client_id,
        "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        "client_assertion": _client_assertion(settings, endpoint),
    }
    try:
        response = httpx.post(endpoint, data=form, timeout=HTTP_TIMEOUT)
    except httpx.HTTPError as error:
        raise ProviderUnavailable(f"token endpoint: {type(error).__name__}") from error
    if response.status_code >= 500:
        raise ProviderUnavailable(f"token endpoint answered {response.status_code}")
    try:
        body = response.json()
    except ValueError:
        body = {}
    if response.status_code != 200 or not isinstance(body, dict):
        error_name = str(body.get("error", "")) if isinstance(body, dict) else ""  # pyright: ignore[reportUnknownMemberType, reportUnknownArgumentType]  # JSON
        raise SignInRefused("identity.error.code", f"token endpoint refused: {error_name[:40]}")
    return str(body.get("id_token", ""))  # pyright: ignore[reportUnknownMemberType, reportUnknownArgumentType]  # JSON body


def _matching_pending(provider: Provider, query: dict[str, str], binding: object, ip: str):
    pending = _open_pending(binding)
    state = query.get("state", "")
    if pending is None or pending.provider != provider:
        raise refuse(provider, "identity.error.state", "no sign-in begun in this browser", ip)
    if not secrets.compare_digest(pending.state.encode(), state.encode()):
        raise refuse(provider, "identity.error.state", "state from another browser", ip)
    if time.time() - pending.created_at > PENDING_SECONDS:
        raise refuse(provider, "identity.error.state", "sign-in begun too long ago", ip)
    return pending


def finish(
    provider: Provider, query: dict[str, str], browser_binding: object, ip: str = ""
) -> VerifiedIdentity:
    """Complete a sign-in from the callback's query and this browser's sealed pending values."""
    settings = settings_of(provider, ip)
    pending = _matching_pending(provider, query, browser_binding, ip)
    if query.get("error"):
        reason = f"provider answered error={query['error'][:40]}"
        raise refuse(provider, "identity.error.cancelled", reason, ip)
    code = query.get("code", "")
    if not code or len(code) > 2000:
        raise refuse(provider, "identity.error.code", "no code", ip)
    doc = discovery(settings, ip)
    try:
        raw = _exchange(settings, doc, code, pending.code_verifier)
    except SignInRefused as error:
        raise refuse(provider, error.code, error.reason, ip) from error

    def keys(fresh: bool) -> KeySet:
        try:
            return _provider_keys(doc, fresh)
        except ProviderUnavailable as error:
            raise refuse(provider, error.code, f"jwks: {error.reason}", ip) from error

    claims = verified_claims(settings, raw, keys, pending.nonce, ip)
    identity = identity_of(provider, claims)
    if provider == Provider.SUOMIFI:
        if identity.claims.acr not in ACCEPTED_ASSURANCE:
            raise refuse(provider, "identity.error.assurance", "acr too low", ip)
        if not PIC_RE.match(identity.claims.personal_identity_code):
            raise refuse(provider, "identity.error.token", "no valid personal identity code", ip)
    return identity


def end_session_url(provider: Provider) -> str | None:
    """Where to send the browser to end the provider's session too (RP-initiated logout), or
    None when the provider has no end-session endpoint (or cannot be reached now)."""
    settings = provider_settings(provider)
    if settings is None:
        return None
    try:
        endpoint = discovery(settings).get("end_session_endpoint")
    except SignInRefused:
        return None
    if not isinstance(endpoint, str) or not endpoint:
        return None
    query = {
        "client_id": settings.client_id,
        "post_logout_redirect_uri": base_url() + routes.SIGN_IN,
    }
    return f"{endpoint}?{urlencode(query)}"
