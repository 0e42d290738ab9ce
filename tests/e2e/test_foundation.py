"""Sign-in, landing pages, role guards, sign-out, languages and accessibility in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.a11y import axe_violations
from tests.e2e.conftest import open_page, sign_in, wait_ready

pytestmark = pytest.mark.e2e


def test_guardian_signs_in_on_a_phone_and_lands_on_the_family_home(phone):
    sign_in(phone, "family@example.org", home="/family")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Hei, Laura Kemppainen!")
    expect(phone.get_by_role("heading", name="Seuraava sovittu tapaaminen")).to_be_visible()
    expect(phone.get_by_text("Tapaamisehdotuksia vastattavana: 1")).to_be_visible()
    expect(phone.get_by_role("navigation", name="Päävalikko")).to_be_visible()
    assert axe_violations(phone) == []


@pytest.mark.parametrize(
    "email,home,heading",
    [
        ("worker@example.org", "/caseload", "Asiakasperheet"),
        ("supervisor@example.org", "/overview", "Yleiskuva"),
    ],
)
def test_staff_sign_in_on_a_tablet_and_land_on_their_home(tablet, email, home, heading):
    sign_in(tablet, email, home=home)
    expect(tablet.get_by_role("heading", level=1)).to_have_text(heading)
    expect(tablet.get_by_role("button", name="Kirjaudu ulos")).to_be_visible()
    if home == "/caseload":
        expect(tablet.get_by_role("heading", name="Kemppainen")).to_be_visible()
    else:
        expect(tablet.get_by_role("heading", name="Tolonen")).to_be_visible()
    assert axe_violations(tablet) == []


def test_wrong_password_shows_the_error_and_keeps_the_email(phone):
    sign_in(phone, "family@example.org", password="not the right one")
    # beside the form (and in the error summary at its top)
    expect(phone.locator("#signin-form-error")).to_have_text("Sähköposti tai salasana on väärin.")
    expect(phone.get_by_label("Sähköposti")).to_have_value("family@example.org")
    assert re.search(r"/signin/?$", phone.url)
    assert axe_violations(phone) == []


def test_empty_form_marks_the_fields(phone):
    open_page(phone, "/signin")
    phone.get_by_role("button", name="Kirjaudu", exact=True).click()
    expect(phone.locator("#email-error")).to_have_text("Kirjoita sähköpostiosoite.")
    expect(phone.get_by_label("Sähköposti")).to_have_attribute("aria-invalid", "true")


def test_guardian_opening_a_staff_page_is_sent_home(phone):
    sign_in(phone, "family@example.org", home="/family")
    for path in ("/caseload", "/overview"):
        phone.goto(path)
        expect(phone).to_have_url(re.compile(r"/family/?$"), timeout=20_000)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Hei, Laura Kemppainen!")


def test_signed_out_visitor_is_sent_to_sign_in(phone):
    phone.goto("/family")
    expect(phone).to_have_url(re.compile(r"/signin/?$"), timeout=20_000)


def test_sign_out_then_back_shows_no_data(phone):
    sign_in(phone, "family@example.org", home="/family")
    expect(phone.get_by_text("Iltarutiinien läpikäynti")).to_be_visible()
    phone.get_by_role("button", name="Kirjaudu ulos").click()
    expect(phone).to_have_url(re.compile(r"/signin/?$"), timeout=20_000)
    wait_ready(phone)
    phone.go_back()  # back to the family home's address: it must not show the family
    expect(phone).to_have_url(re.compile(r"/signin/?$"), timeout=20_000)
    wait_ready(phone)
    expect(phone.get_by_text("Iltarutiinien läpikäynti")).to_have_count(0)
    expect(phone.get_by_text("Kemppainen")).to_have_count(0)


@pytest.mark.parametrize(
    "lang,heading,areas_heading",
    [
        ("fi", "Perhetyö", "Missä perhetyö voi auttaa?"),
        ("sv", "Familjearbete", "Vad kan familjearbetet hjälpa med?"),
        ("en", "Family work", "What can family work help with?"),
    ],
)
def test_information_page_in_three_languages(new_context, lang, heading, areas_heading):
    page = new_context(locale={"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}[lang])
    open_page(page, "/")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.get_by_text("Lönnrotinkatu 2 C, 87100 Kajaani")).to_be_visible()
    expect(page.get_by_role("link", name="044 797 4878")).to_have_attribute(
        "href", "tel:+358447974878"
    )
    expect(page.get_by_role("heading", name=areas_heading)).to_be_visible()
    expect(page.locator("[data-ready='true']")).to_have_attribute("lang", lang)
    assert axe_violations(page) == []


def test_language_switch_is_remembered(phone):
    open_page(phone, "/")
    phone.get_by_role("button", name="English").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Family work")
    expect(phone.get_by_role("button", name="English")).to_have_attribute("aria-pressed", "true")
    open_page(phone, "/signin")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Sign in")
