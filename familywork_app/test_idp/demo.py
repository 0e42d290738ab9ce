"""The test providers inside the app (demo, browser tests): mounted at `/test-idp` only with
`FAMILYWORK_TEST_IDP=1`, with the app itself registered as the client of both."""

from starlette.routing import BaseRoute

from familywork_app import config, routes
from familywork_app.oidc_profile import CALLBACK_PATH, JWKS_PATH, Provider
from familywork_app.test_idp.app import test_idp_app
from familywork_app.test_idp.registry import RegisteredClient

# Where the providers may send the browser back after RP-initiated logout (exact match).
SIGNED_OUT_PATHS = (routes.INFO, routes.SIGN_IN)


def demo_clients(base_url: str) -> list[RegisteredClient]:
    """The app as a client of each test provider: client id `familywork-<provider>`, redirect
    URI the app's callback, keys fetched from the app's own JWKS at every token request."""
    base = base_url.rstrip("/")
    return [
        RegisteredClient(
            client_id=f"familywork-{provider.value}",
            redirect_uris=(base + CALLBACK_PATH.format(provider=provider.value),),
            post_logout_redirect_uris=tuple(base + path for path in SIGNED_OUT_PATHS),
            jwks_uri=base + JWKS_PATH,
        )
        for provider in Provider
    ]


def test_idp_routes() -> list[BaseRoute]:
    """The `/test-idp` mount for the app's HTTP routes, or nothing when the setting is off."""
    if not config.test_idp_enabled():
        return []
    config.refuse_test_idp_in_production()
    base = config.base_url()
    return list(test_idp_app(base, demo_clients(base)).routes)


test_idp_routes.__test__ = False  # type: ignore[attr-defined]  # not a pytest test
