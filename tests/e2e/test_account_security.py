"""Account security in Chromium: the staff second factor (enrolment, codes, recovery codes),
password reset by e-mail, ending another session and changing the password."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.a11y import axe_violations
from tests.e2e.conftest import (
    PHONE,
    TABLET,
    enter_code,
    open_page,
    sign_in,
    totp_code,
    wait_ready,
)

pytestmark = pytest.mark.e2e

NEWCOMER = "eero.uusi@example.org"
NEWCOMER_PASSWORD = "revontulet loistavat talvella"


def _sign_out(page: Page) -> None:
    page.get_by_role("button", name="Kirjaudu ulos").click()
    expect(page).to_have_url(re.compile(r"/signin/?$"), timeout=20_000)
    wait_ready(page)


def _lands_on(page: Page, path: str) -> None:
    expect(page).to_have_url(re.compile(rf"{path}/?$"), timeout=20_000)
    wait_ready(page)


def _last_link(app_server, path: str) -> str:
    return re.findall(rf"http://\S+{path}\?token=\S+", app_server["log"].read_text())[-1]


def _invite_newcomer(tablet: Page, new_context, app_server) -> Page:
    """The supervisor invites a worker, who sets a password with the e-mailed link."""
    sign_in(tablet, "supervisor@example.org", home="/overview")
    tablet.get_by_role("navigation", name="Päävalikko").get_by_role(
        "link", name="Henkilöstö"
    ).click()
    wait_ready(tablet)
    tablet.get_by_label("Työntekijän nimi").fill("Eero Uusi")
    tablet.get_by_label("Sähköposti").fill(NEWCOMER)
    tablet.get_by_role("button", name="Lähetä kutsu").click()
    expect(tablet.get_by_role("cell", name=NEWCOMER)).to_be_visible()
    newcomer = new_context(viewport=TABLET)
    newcomer.goto(_last_link(app_server, "/set-password"))
    wait_ready(newcomer)
    newcomer.get_by_label("Salasana").fill(NEWCOMER_PASSWORD)
    newcomer.get_by_role("button", name="Tallenna salasana").click()
    _lands_on(newcomer, "/signin")
    return newcomer


def test_new_worker_enrols_a_second_factor_then_signs_in_with_codes(
    tablet, new_context, app_server
):
    page = _invite_newcomer(tablet, new_context, app_server)
    sign_in(page, NEWCOMER, NEWCOMER_PASSWORD)
    expect(
        page.get_by_role("heading", name="Ota käyttöön kaksivaiheinen tunnistautuminen")
    ).to_be_visible(timeout=20_000)
    expect(page.get_by_role("img", name="QR-koodi todennussovellukselle")).to_be_visible()
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    expect(page.get_by_role("link", name="Avaa todennussovelluksessa")).to_have_attribute(
        "href", re.compile(rf"^otpauth://totp/.*secret={secret}")
    )
    assert axe_violations(page) == []
    page.get_by_label("Vahvistuskoodi").fill("000000")
    page.get_by_role("button", name="Ota käyttöön").click()
    expect(page.locator("#enrol-code-error")).to_contain_text("Koodi ei täsmää.")
    expect(page.get_by_label("Vahvistuskoodi")).to_have_attribute("aria-invalid", "true")
    page.get_by_label("Vahvistuskoodi").fill(totp_code(NEWCOMER, secret))
    page.get_by_role("button", name="Ota käyttöön").click()
    expect(page.get_by_role("heading", name="Varakoodit")).to_be_visible()
    codes = page.get_by_role("list", name="Varakoodit").get_by_role("listitem").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-9]{5}-[a-z2-9]{5}", c) for c in codes)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Olen tallentanut koodit, jatka").click()
    _lands_on(page, "/caseload")

    # Next time: password, then a code; a wrong code is told beside the field.
    _sign_out(page)
    sign_in(page, NEWCOMER, NEWCOMER_PASSWORD)
    expect(page.get_by_role("heading", name="Vahvista kirjautuminen")).to_be_visible()
    assert axe_violations(page) == []
    enter_code(page, "000000")
    expect(page.locator("#code-error")).to_contain_text("Koodi on väärä tai jo käytetty.")
    expect(page.get_by_label("Vahvistuskoodi")).to_have_attribute("aria-invalid", "true")
    assert re.search(r"/signin/?$", page.url)
    enter_code(page, totp_code(NEWCOMER, secret))
    _lands_on(page, "/caseload")

    # A recovery code works once.
    _sign_out(page)
    sign_in(page, NEWCOMER, NEWCOMER_PASSWORD)
    enter_code(page, codes[0])
    _lands_on(page, "/caseload")
    _sign_out(page)
    sign_in(page, NEWCOMER, NEWCOMER_PASSWORD)
    enter_code(page, codes[0])
    expect(page.locator("#code-error")).to_contain_text("Koodi on väärä tai jo käytetty.")
    enter_code(page, codes[1])
    _lands_on(page, "/caseload")


def test_demo_worker_gives_a_wrong_code_then_cancels_and_signs_in(tablet):
    sign_in(tablet, "worker2@example.org", second_factor=False)
    enter_code(tablet, "000000")
    expect(tablet.locator("#code-error")).to_contain_text("Koodi on väärä tai jo käytetty.")
    tablet.get_by_role("button", name="Peruuta").click()
    expect(tablet.get_by_role("button", name="Kirjaudu", exact=True)).to_be_visible()
    sign_in(tablet, "worker2@example.org", home="/caseload")
    tablet.get_by_role("link", name="Kirjautumiset ja salasana").click()
    _lands_on(tablet, "/account")
    expect(tablet.get_by_role("heading", level=1)).to_have_text("Kirjautumiset ja salasana")
    expect(tablet.get_by_text("Tämä laite")).to_be_visible()
    assert axe_violations(tablet) == []


def test_password_reset_by_email(phone, app_server):
    open_page(phone, "/signin")
    phone.get_by_role("link", name="Unohditko salasanasi?").click()
    _lands_on(phone, "/forgot-password")
    assert axe_violations(phone) == []
    answer = "Jos osoitteella on tili, lähetimme siihen linkin. Tarkista sähköpostisi."
    phone.get_by_label("Sähköposti").fill("ei-ole@example.org")
    phone.get_by_role("button", name="Lähetä linkki").click()
    expect(phone.get_by_text(answer)).to_be_visible()
    assert "MAIL to=ei-ole@example.org" not in app_server["log"].read_text()
    open_page(phone, "/forgot-password")
    phone.get_by_label("Sähköposti").fill("applicant@example.org")
    phone.get_by_role("button", name="Lähetä linkki").click()
    expect(phone.get_by_text(answer)).to_be_visible()
    link = _last_link(app_server, "/reset-password")
    phone.goto(link)
    wait_ready(phone)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Aseta uusi salasana")
    assert axe_violations(phone) == []
    phone.get_by_label("Uusi salasana").fill("lyhyt")
    phone.get_by_role("button", name="Tallenna uusi salasana").click()
    expect(
        phone.get_by_text("Salasanassa pitää olla vähintään 12 merkkiä.", exact=False)
    ).to_be_visible()
    phone.get_by_label("Uusi salasana").fill("sotkamon vaarat sinertävät")
    phone.get_by_role("button", name="Tallenna uusi salasana").click()
    expect(phone.get_by_text("Salasana on vaihdettu", exact=False)).to_be_visible()
    sign_in(phone, "applicant@example.org", "sotkamon vaarat sinertävät", home="/family")
    phone.goto(link)  # used up
    wait_ready(phone)
    expect(phone.get_by_text("Linkki ei ole enää voimassa.", exact=False)).to_be_visible()


def test_ending_another_session_and_changing_the_password(new_context):
    first = new_context(viewport=PHONE)
    sign_in(first, "family2@example.org", home="/family")
    second = new_context(viewport=PHONE)
    sign_in(second, "family2@example.org", home="/family")
    mine = new_context(viewport=PHONE)
    sign_in(mine, "family2@example.org", home="/family")
    mine.get_by_role("link", name="Kirjautumiset ja salasana").click()
    _lands_on(mine, "/account")
    expect(mine.get_by_role("heading", level=1)).to_have_text("Kirjautumiset ja salasana")
    sessions = mine.get_by_role("list", name="Voimassa olevat kirjautumiset").get_by_role(
        "listitem"
    )
    expect(sessions).to_have_count(3)
    expect(mine.get_by_text("Tämä laite")).to_have_count(1)
    assert axe_violations(mine) == []
    ends = mine.get_by_role("button", name=re.compile("^Päätä kirjautuminen"))
    expect(ends).to_have_count(2)
    ends.last.click()  # the oldest one in use: the first browser
    expect(mine.get_by_text("Kirjautuminen päätetty.")).to_be_visible()
    expect(sessions).to_have_count(2)
    first.get_by_role("navigation", name="Päävalikko").get_by_role(
        "link", name="Tapaamiset"
    ).click()
    _lands_on(first, "/signin")

    # A password change needs the current password and ends the other (second) session.
    mine.get_by_label("Nykyinen salasana").fill("ei tämä salasana")
    mine.get_by_label("Uusi salasana").fill("kuhmon korpi kuiskailee")
    mine.get_by_role("button", name="Tallenna uusi salasana").click()
    expect(mine.get_by_text("Nykyinen salasana on väärin.")).to_be_visible()
    expect(mine.get_by_label("Nykyinen salasana")).to_have_attribute("aria-invalid", "true")
    mine.get_by_label("Nykyinen salasana").fill("perhetyo-demo-2026")
    mine.get_by_label("Uusi salasana").fill("kuhmon korpi kuiskailee")
    mine.get_by_role("button", name="Tallenna uusi salasana").click()
    expect(mine.get_by_text("Salasana vaihdettu. Muita kirjautumisia päättyi: 1.")).to_be_visible()
    expect(sessions).to_have_count(1)
    second.get_by_role("navigation", name="Päävalikko").get_by_role(
        "link", name="Tavoitteet"
    ).click()
    _lands_on(second, "/signin")
    mine.get_by_role("navigation", name="Päävalikko").get_by_role("link", name="Tavoitteet").click()
    _lands_on(mine, "/family/goals")
