"""Settings of the app's OpenID Connect providers, read from the environment (issue 15).

Per provider (`SUOMIFI`, `COUNTY`): `FAMILYWORK_<P>_ISSUER`, `FAMILYWORK_<P>_CLIENT_ID`, and
optionally `FAMILYWORK_<P>_SCOPE`. With `FAMILYWORK_TEST_IDP=1` (demo and tests only) a provider
without an issuer defaults to the test provider mounted in the app at
`{FAMILYWORK_BASE_URL}/test-idp/<provider>` with client id `familywork-<provider>`.
`FAMILYWORK_BASE_URL` (default http://localhost:3000) is the app's public address: the redirect
URIs registered with the providers are built from it.
"""

import os
from dataclasses import dataclass

from familywork_app.config import base_url, test_idp_enabled
from familywork_app.oidc_profile import CALLBACK_PATH, TEST_IDP_MOUNT, Provider

_DEFAULT_SCOPES = {Provider.SUOMIFI: "openid profile", Provider.COUNTY: "openid profile email"}


@dataclass(frozen=True, slots=True)
class ProviderSettings:
    """One configured provider: where it is, who the app is there, where it answers."""

    provider: Provider
    issuer: str
    client_id: str
    redirect_uri: str
    scope: str
    encrypted_id_token: bool  # whether an ID token must come encrypted to the app's key


def _flag(name: str, default: str) -> bool:
    return os.environ.get(name, default).strip() == "1"


def guardian_passwords_enabled() -> bool:
    """Whether guardians may sign in with a password (`FAMILYWORK_GUARDIAN_PASSWORDS=0`: no)."""
    return _flag("FAMILYWORK_GUARDIAN_PASSWORDS", "1")


def redirect_uri(provider: Provider) -> str:
    """The redirect URI to register with the provider."""
    return base_url() + CALLBACK_PATH.format(provider=provider.value)


def provider_settings(provider: Provider) -> ProviderSettings | None:
    """The provider's settings, or None when it is not configured (its button is not shown)."""
    prefix = f"FAMILYWORK_{provider.name}_"
    issuer = os.environ.get(prefix + "ISSUER", "").strip().rstrip("/")
    client_id = os.environ.get(prefix + "CLIENT_ID", "").strip()
    if not issuer and test_idp_enabled():
        issuer = f"{base_url()}{TEST_IDP_MOUNT}/{provider.value}"
        client_id = client_id or f"familywork-{provider.value}"
    if not issuer or not client_id:
        return None
    encrypted = provider == Provider.SUOMIFI or _flag(prefix + "ENCRYPTED_ID_TOKEN", "1")
    return ProviderSettings(
        provider=provider,
        issuer=issuer,
        client_id=client_id,
        redirect_uri=redirect_uri(provider),
        scope=os.environ.get(prefix + "SCOPE", "").strip() or _DEFAULT_SCOPES[provider],
        encrypted_id_token=encrypted,
    )
