"""Checks of an ID token from an OpenID Connect provider (issue 15), and the typed refusals.

The token must come encrypted to the app's own key (JWE, RSA-OAEP-256) where the provider's
settings say so, and signed by one of the provider's published keys (JWS). Then `iss`, `aud`
(and `azp`), `exp`, `iat`, `nonce` and `sub` are checked. Every refusal is a `SignInRefused` with
an i18n key for the page and a reason for the security log (never a claim value: no PIC).
"""

import logging
import time
from collections.abc import Callable
from typing import Any, cast

from joserfc import jwe, jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from familywork_app.oidc_profile import Provider
from familywork_app.services.oidc_keys import ENCRYPTION_ALG, decryption_keys
from familywork_app.services.oidc_settings import ProviderSettings

security_log = logging.getLogger("familywork.security")

SIGNATURE_ALGS = ("RS256", "PS256", "ES256")
CONTENT_ALGS = ("A128GCM", "A256GCM", "A128CBC-HS256", "A256CBC-HS512")
LEEWAY_SECONDS = 60
ProviderKeys = Callable[[bool], KeySet]  # fresh -> the provider's public keys


class SignInRefused(Exception):
    """A strong sign-in that was refused: `code` is the i18n key shown to the person, `reason`
    the short technical cause written to the security log."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(f"{code}: {reason}")
        self.code = code
        self.reason = reason


class ProviderUnavailable(SignInRefused):
    """The provider could not be reached or answered nonsense (the page offers the password)."""

    def __init__(self, reason: str) -> None:
        super().__init__("identity.error.unavailable", reason)


def refuse(provider: Provider, code: str, reason: str, ip: str = "") -> SignInRefused:
    """Log the refusal to the security log and return it for raising."""
    security_log.warning(
        "oidc sign-in refused: provider=%s code=%s reason=%s ip=%s",
        provider.value,
        code,
        reason,
        ip or "-",
    )
    if code == "identity.error.unavailable":
        return ProviderUnavailable(reason)
    return SignInRefused(code, reason)


def _decrypted(settings: ProviderSettings, raw: str, ip: str) -> str:
    """The signed token inside the JWE (or `raw` itself where encryption is not required)."""
    parts = raw.count(".") + 1
    if parts == 3:
        if settings.encrypted_id_token:
            raise refuse(settings.provider, "identity.error.token", "id token not encrypted", ip)
        return raw
    if parts != 5:
        raise refuse(settings.provider, "identity.error.token", "id token malformed", ip)
    try:
        opened = jwe.decrypt_compact(
            raw, decryption_keys(), algorithms=[ENCRYPTION_ALG, *CONTENT_ALGS]
        )
    except (JoseError, ValueError) as error:
        reason = f"id token not decryptable with the app's key ({type(error).__name__})"
        raise refuse(settings.provider, "identity.error.token", reason, ip) from error
    return (opened.plaintext or b"").decode("utf-8", "replace")


def _signed_claims(
    settings: ProviderSettings, signed: str, keys: ProviderKeys, ip: str
) -> dict[str, Any]:
    """The claims of a token signed by one of the provider's keys; the keys are fetched again
    once before refusing (the provider may have rotated them since they were cached)."""
    try:
        return dict(jwt.decode(signed, keys(False), algorithms=list(SIGNATURE_ALGS)).claims)
    except (JoseError, ValueError):
        pass
    try:
        return dict(jwt.decode(signed, keys(True), algorithms=list(SIGNATURE_ALGS)).claims)
    except (JoseError, ValueError) as error:
        reason = f"id token signature not valid ({type(error).__name__})"
        raise refuse(settings.provider, "identity.error.token", reason, ip) from error


def _audience_ok(claims: dict[str, Any], client_id: str) -> bool:
    aud = claims.get("aud")
    listed = cast(list[object], aud) if isinstance(aud, list) else []
    audiences = [aud] if isinstance(aud, str) else listed
    if client_id not in audiences:
        return False
    azp = claims.get("azp")
    return (len(audiences) == 1 and azp in (None, client_id)) or azp == client_id


def _claim_problem(settings: ProviderSettings, claims: dict[str, Any], nonce: str) -> str:
    """What is wrong with the claims ("" when nothing)."""
    now = int(time.time())
    exp, iat = claims.get("exp"), claims.get("iat")
    if claims.get("iss") != settings.issuer:
        return "wrong iss"
    if not _audience_ok(claims, settings.client_id):
        return "wrong aud"
    if not isinstance(exp, int | float) or exp + LEEWAY_SECONDS < now:
        return "expired"
    if not isinstance(iat, int | float) or iat - LEEWAY_SECONDS > now:
        return "iat missing or in the future"
    if not isinstance(claims.get("nonce"), str) or claims.get("nonce") != nonce:
        return "wrong nonce"
    sub = claims.get("sub")
    if not isinstance(sub, str) or not sub or len(sub) > 255:
        return "sub missing"
    return ""


def verified_claims(
    settings: ProviderSettings, raw: object, keys: ProviderKeys, nonce: str, ip: str = ""
) -> dict[str, Any]:
    """The claims of a good ID token; `SignInRefused` for anything else. `keys(fresh)` gives
    the provider's public keys (cached, or `fresh`ly fetched)."""
    if not isinstance(raw, str) or not raw:
        raise refuse(settings.provider, "identity.error.token", "no id token", ip)
    claims = _signed_claims(settings, _decrypted(settings, raw, ip), keys, ip)
    problem = _claim_problem(settings, claims, nonce)
    if problem:
        raise refuse(settings.provider, "identity.error.token", problem, ip)
    return claims
