"""Strong identification on a phone (issue 15): a family signs in through the test provider
(Suomi.fi-like, mounted in the app) and sees its home; a new family applies strongly identified,
and the supervisor sees the mark on the application."""

import re

import pytest
from playwright.sync_api import Page, expect

from familywork_app.oidc_profile import TEST_PEOPLE
from tests.e2e.a11y import axe_violations
from tests.e2e.conftest import (
    BASE,
    TABLET,
    open_page,
    serve_with_test_idp,
    sign_in,
    wait_ready,
)

pytestmark = pytest.mark.e2e

LAURA, AINO = TEST_PEOPLE[0], TEST_PEOPLE[2]
BUTTON = "Tunnistaudu Suomi.fi:llä (testi)"


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    """The production build with the test provider on (as `scripts/run.sh` runs the demo)."""
    yield from serve_with_test_idp(tmp_path_factory, "e2e-strong")


def _through_provider(page: Page, label: str) -> None:
    """From a page with the Suomi.fi button: to the test provider, pick `label`."""
    page.get_by_role("link", name=BUTTON).click()
    expect(page.get_by_text("not for real use", exact=False).first).to_be_visible(timeout=20_000)
    page.get_by_role("button", name=label).click()


def test_a_linked_guardian_signs_in_with_suomifi_and_sees_the_family_home(phone):
    open_page(phone, "/signin")
    assert axe_violations(phone) == []
    _through_provider(phone, LAURA.label)
    expect(phone).to_have_url(re.compile(r"/family/?$"), timeout=30_000)
    wait_ready(phone)
    expect(phone.get_by_text("Laura", exact=False).first).to_be_visible()
    open_page(phone, "/account")
    expect(phone.get_by_text("010185-****", exact=True)).to_be_visible()
    expect(phone.get_by_text(LAURA.personal_identity_code)).to_have_count(0)
    assert LAURA.personal_identity_code not in phone.content()


def test_a_family_applies_strongly_identified_and_the_supervisor_sees_the_mark(
    phone, browser, app_server
):
    open_page(phone, "/apply")
    _through_provider(phone, AINO.label)
    expect(phone.get_by_role("heading", name="Yhdistä Suomi.fi-tunnistus tiliisi")).to_be_visible(
        timeout=30_000
    )
    assert axe_violations(phone) == []
    phone.get_by_role("link", name="Hae perhetyöhön").click()
    wait_ready(phone)
    expect(phone.locator("#apply-identified")).to_contain_text("Aino Testinen")
    phone.get_by_label("Nimesi").fill("Aino Testinen")
    phone.get_by_label("Sähköposti").fill("aino.testinen@example.org")
    phone.get_by_label("Puhelinnumero").fill("040 111 2233")
    phone.get_by_label("Kotikunta").select_option("Kajaani")
    phone.get_by_label("Käyntiosoite").fill("Koulukatu 5, 87100 Kajaani")
    phone.get_by_label("Lapsen 1 etunimi").fill("Ilona")
    phone.get_by_label("Lapsen 1 syntymävuosi").fill("2018")
    phone.get_by_label("Vanhemmuus").check()
    phone.get_by_label("Kerro tilanteestanne").fill("Toivomme tukea arjen rytmiin.")
    phone.get_by_label("Salasana tunnukseesi").fill("kajaanin talvi on pitkä")
    phone.get_by_label("Perhetyön työntekijä saa ottaa minuun yhteyttä", exact=False).check()
    phone.get_by_role("button", name="Lähetä hakemus").click()
    expect(phone).to_have_url(re.compile(r"/family/?$"), timeout=20_000)
    wait_ready(phone)

    context = browser.new_context(viewport=TABLET, locale="fi-FI", base_url=BASE)
    try:
        tablet = context.new_page()
        sign_in(tablet, "supervisor@example.org", home="/overview")
        card = tablet.locator("li.card").filter(has_text="Testinen")
        expect(card.get_by_text("Vahvasti tunnistettu", exact=True)).to_be_visible()
        password_only = tablet.locator("li.card").filter(has_text="Tolonen")
        expect(password_only.get_by_text("Ei tunnistettu", exact=True)).to_be_visible()
    finally:
        context.close()
