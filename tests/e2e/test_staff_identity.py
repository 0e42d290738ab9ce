"""Staff sign-in with the county's account on a tablet (issue 15), through the county-like test
provider mounted in the app: the demo worker links her county account once with her own
authenticator code (the provider said password only), and afterwards, when the provider says
multi-factor, she lands on her caseload without a code prompt."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.a11y import axe_violations
from tests.e2e.conftest import (
    TABLET,
    enter_code,
    open_page,
    serve_with_test_idp,
    totp_code,
    wait_ready,
)

pytestmark = pytest.mark.e2e

BUTTON = "Kirjaudu hyvinvointialueen tunnuksella (testi)"
WORKER = "worker@example.org"  # the demo worker, Anna Heikkinen, with the demo TOTP secret


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    """The production build with the test provider on (as `scripts/run.sh` runs the demo)."""
    yield from serve_with_test_idp(tmp_path_factory, "e2e-staff-identity")


def _through_county(page: Page, label: str) -> None:
    """From the sign-in page: "Sign in with the county's account", then pick `label`."""
    open_page(page, "/signin")
    page.get_by_role("link", name=BUTTON).click()
    expect(page.get_by_text("not for real use", exact=False).first).to_be_visible(timeout=20_000)
    page.get_by_role("button", name=label).click()


def _on_caseload(page: Page) -> None:
    expect(page).to_have_url(re.compile(r"/caseload/?$"), timeout=30_000)
    wait_ready(page)
    expect(page.get_by_role("heading", name="Asiakasperheet", level=1)).to_be_visible()


def test_a_worker_signs_in_with_the_county_account(tablet, new_context):
    open_page(tablet, "/signin")
    expect(tablet.get_by_role("heading", name="Työntekijät")).to_be_visible()
    assert axe_violations(tablet) == []
    # Password only at the county, and the first time: her own code, which also links.
    _through_county(tablet, "Worker, password only (test)")
    expect(tablet).to_have_url(re.compile(r"/signin/?$"), timeout=30_000)
    expect(tablet.get_by_text("Yhdistät hyvinvointialueen tunnuksesi")).to_be_visible()
    assert axe_violations(tablet) == []
    enter_code(tablet, totp_code(WORKER))
    _on_caseload(tablet)
    # Another day, another tablet: multi-factor at the county, and no code is asked.
    later = new_context(viewport=TABLET)
    _through_county(later, "Worker, multi-factor (test)")
    _on_caseload(later)
    expect(later.get_by_label("Vahvistuskoodi")).to_have_count(0)
    assert axe_violations(later) == []
