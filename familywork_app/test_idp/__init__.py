"""A genuine OpenID Connect provider for the tests and the demo (issue 15), built on Authlib's
server parts: `test_idp_app(base_url, clients, fault)` serves a Suomi.fi-like provider for
families at `{base_url}/test-idp/suomifi` and a county-like one for staff at
`{base_url}/test-idp/county`.

It lets anyone sign in as anyone, so the app mounts it only with `FAMILYWORK_TEST_IDP=1`, and a
production start refuses to run with that on (`config.refuse_test_idp_in_production`).
"""

from familywork_app.test_idp.app import test_idp_app
from familywork_app.test_idp.demo import demo_clients, test_idp_routes
from familywork_app.test_idp.registry import Fault, RegisteredClient

__all__ = ["Fault", "RegisteredClient", "demo_clients", "test_idp_app", "test_idp_routes"]
