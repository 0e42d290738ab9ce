"""Every family-side page in Finnish, Swedish and English: the right headings, zero axe
violations."""

import pytest
from playwright.sync_api import expect

from tests.e2e.a11y import axe_violations
from tests.e2e.conftest import open_page, sign_in, wait_ready

pytestmark = pytest.mark.e2e

FAMILY_PAGES = {  # path: heading per language
    "/family/meetings": {"fi": "Tapaamiset", "sv": "Möten", "en": "Meetings"},
    "/family/goals": {"fi": "Yhteiset tavoitteet", "sv": "Gemensamma mål", "en": "Shared goals"},
    "/family/messages": {"fi": "Viestit", "sv": "Meddelanden", "en": "Messages"},
    "/family/work": {"fi": "Yhteinen työ", "sv": "Vårt arbete", "en": "Our work"},
    "/family/data": {"fi": "Omat tiedot", "sv": "Mina uppgifter", "en": "My data"},
    "/family/members": {"fi": "Perheenjäsenet", "sv": "Familjemedlemmar", "en": "Family members"},
}
SWITCH = {"fi": "Suomi", "sv": "Svenska", "en": "English"}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_family_pages_in_each_language_pass_axe(phone, lang):
    sign_in(phone, "family2@example.org", home="/family")
    # a signed-in page loads again in the new language (its dates come from the server): wait
    # for that load, or axe would run on the page as it goes away
    with phone.expect_navigation():
        phone.get_by_role("button", name=SWITCH[lang]).click()
    wait_ready(phone)
    expect(phone.get_by_role("button", name=SWITCH[lang])).to_have_attribute("aria-pressed", "true")
    assert axe_violations(phone) == [], "/family"
    for path, headings in FAMILY_PAGES.items():
        open_page(phone, path)
        expect(phone.get_by_role("heading", level=1)).to_have_text(headings[lang])
        expect(phone.locator("[data-ready='true']")).to_have_attribute("lang", lang)
        assert axe_violations(phone) == [], path


@pytest.mark.parametrize(
    "locale,lang,heading",
    [
        ("fi-FI", "fi", "Hae perhetyöhön"),
        ("sv-FI", "sv", "Ansök om familjearbete"),
        ("en-GB", "en", "Apply for family work"),
    ],
)
def test_public_pages_follow_the_browser_language_and_pass_axe(new_context, locale, lang, heading):
    page = new_context(locale=locale)
    open_page(page, "/apply")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert axe_violations(page) == []
    page.get_by_role(
        "button",
        name={"fi": "Lähetä hakemus", "sv": "Skicka ansökan", "en": "Send application"}[lang],
    ).click()
    expect(page.locator("#name-error")).not_to_be_empty()
    assert axe_violations(page) == []
    for path in ("/signin", "/invite?token=not-valid"):
        open_page(page, path)
        assert axe_violations(page) == [], path
