"""Issue 17 in the browser: the quick exit by keyboard leaves nothing to go back to, the family
home names its worker on a phone, the pending application can be read and withdrawn, the
worker records the interpreter, and axe finds nothing on the new and changed pages in Finnish,
Swedish and English."""

import re
from datetime import time

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from familywork_app.components.quick_exit import DEFAULT_QUICK_EXIT_URL
from familywork_app.db import make_engine
from familywork_app.i18n import TEXTS
from familywork_app.models import User
from tests.e2e.a11y import axe_violations
from tests.e2e.conftest import PHONE, TABLET, open_page, sign_in, wait_ready

pytestmark = pytest.mark.e2e

NEUTRAL = "<!doctype html><html lang='en'><title>Weather</title><h1>Neutral page</h1></html>"
SWITCH = {"fi": "Suomi", "sv": "Svenska", "en": "English"}


def _neutral_site(page: Page) -> None:
    """The neutral site answers locally (the test machine does not go out to the web)."""
    page.context.route(
        f"{DEFAULT_QUICK_EXIT_URL}**",
        lambda route: route.fulfill(status=200, content_type="text/html", body=NEUTRAL),
    )


def _in_language(page: Page, lang: str) -> None:
    page.get_by_role("button", name=SWITCH[lang]).first.click()
    expect(page.locator("[data-ready='true']")).to_have_attribute("lang", lang)
    wait_ready(page)


def _axe(page: Page, lang: str) -> list[str]:
    expect(page.locator("[data-ready='true']")).to_have_attribute("lang", lang)
    expect(page.get_by_text(TEXTS[lang]["common.loading"], exact=True)).to_have_count(0)
    return axe_violations(page)


def _give_the_worker_a_phone_and_hours(db_url: str) -> str:
    engine = make_engine(db_url)
    with Session(engine) as db:
        worker = db.exec(select(User).where(User.email == "worker@example.org")).one()
        worker.phone, worker.reachable_days = "044 555 0101", [0, 1, 2, 3, 4]
        worker.reachable_from, worker.reachable_until = time(9), time(11)
        db.add(worker)
        db.commit()
        name = worker.display_name
    engine.dispose()
    return name


def test_quick_exit_by_keyboard_leaves_no_history_entry_to_go_back_to(phone):
    _neutral_site(phone)
    sign_in(phone, "family@example.org", home="/family")
    open_page(phone, "/family/help")  # a second page of the app in this tab's history
    button = phone.get_by_role("button", name="Poistu nopeasti")
    button.focus()
    phone.keyboard.press("Enter")
    expect(phone).to_have_url(DEFAULT_QUICK_EXIT_URL)
    expect(phone.get_by_role("heading", name="Neutral page")).to_be_visible()
    # Back: the app's earlier page replaces itself with the neutral site before it shows
    phone.go_back()
    expect(phone).to_have_url(DEFAULT_QUICK_EXIT_URL)
    expect(phone.get_by_role("heading", name="Neutral page")).to_be_visible()
    # the session ended: opening the app on purpose asks for sign-in again
    phone.goto("/family")
    expect(phone).to_have_url(re.compile(r"/signin"), timeout=20_000)


def test_escape_three_times_leaves_too(phone):
    _neutral_site(phone)
    sign_in(phone, "family2@example.org", home="/family")
    phone.keyboard.press("Escape")
    phone.keyboard.press("Escape")
    expect(phone).to_have_url(re.compile(r"/family/?$"))  # twice is not enough
    phone.keyboard.press("Escape")
    expect(phone).to_have_url(DEFAULT_QUICK_EXIT_URL)


def test_the_family_home_names_the_worker_on_a_phone(phone, app_server, new_context):
    name = _give_the_worker_a_phone_and_hours(app_server["db_url"])
    sign_in(phone, "family@example.org", home="/family")
    card = phone.get_by_role("region", name="Perhetyöntekijäsi")
    expect(card.get_by_text(name, exact=True)).to_be_visible()
    call = card.get_by_role("link", name="Soita: 044 555 0101")
    expect(call).to_have_attribute("href", "tel:0445550101")
    expect(card.get_by_text("Tavoitat yleensä: ma–pe 9.00–11.00")).to_be_visible()
    box = call.bounding_box()
    assert box is not None and box["height"] >= 44
    # the help page: the numbers as call links, the front page too
    open_page(phone, "/family/help")
    expect(phone.get_by_role("link", name="112")).to_have_attribute("href", "tel:112")
    nollalinja = phone.get_by_role("link", name="080 005 005")
    expect(nollalinja).to_have_attribute("href", "tel:080005005")
    visitor = new_context(PHONE)
    open_page(visitor, "/")
    expect(visitor.get_by_role("link", name="080 005 005")).to_be_visible()
    expect(visitor.get_by_role("button", name="Poistu nopeasti")).to_be_visible()


def test_new_pages_pass_axe_in_three_languages_and_a_pending_application_is_withdrawn(
    new_context,
):
    visitor = new_context(PHONE)
    open_page(visitor, "/")
    guardian = new_context(PHONE)
    sign_in(guardian, "family@example.org", home="/family")
    applicant = new_context(PHONE)
    sign_in(applicant, "applicant@example.org", home="/family")
    worker = new_context(TABLET)
    sign_in(worker, "worker@example.org", home="/caseload")
    open_page(worker, "/caseload")
    worker.get_by_role("link", name="Kemppainen").first.click()
    expect(worker).to_have_url(re.compile(r"/record/\d+$"))
    found = re.search(r"/record/\d+", worker.url)
    assert found is not None
    record = found.group(0)
    wait_ready(worker)
    # the worker records the interpreter; every meeting card then says it
    worker.get_by_role("checkbox", name="Perhe tarvitsee tulkin").check()
    worker.get_by_role("textbox", name="Kieli").fill("arabia")
    worker.get_by_role("button", name="Tallenna tulkkitieto").click()
    expect(worker.get_by_text("Tulkki tarvitaan: arabia").first).to_be_visible()
    expect(worker.get_by_role("checkbox", name=re.compile("Tulkki on tilattu"))).to_be_visible()

    problems: dict[str, list[str]] = {}
    for lang in ("sv", "en", "fi"):  # Finnish last: the accounts keep their language
        for page, paths in (
            (visitor, ["/"]),
            (guardian, ["/family", "/family/help"]),
            (applicant, ["/family"]),
            (worker, ["/account", record]),
        ):
            _in_language(page, lang)
            for path in paths:
                open_page(page, path)
                if page is applicant:
                    page.get_by_text(TEXTS[lang]["fb.app.show"]).click()
                    expect(page.get_by_text(TEXTS[lang]["fb.app.next_title"])).to_be_visible()
                found = _axe(page, lang)
                if found:
                    problems[f"{lang} {path} {id(page)}"] = found
    assert problems == {}

    # the applicant withdraws, after confirming
    applicant.get_by_role("button", name="Peru hakemus").click()
    dialog = applicant.get_by_role("dialog", name="Perutaanko hakemus?")
    expect(dialog).to_be_visible()
    assert _axe(applicant, "fi") == []
    dialog.get_by_role("button", name="Kyllä, peru hakemus").click()
    expect(applicant.get_by_role("heading", name="Hakemus peruttu")).to_be_visible()
    expect(applicant.get_by_role("button", name="Peru hakemus")).to_have_count(0)
    assert _axe(applicant, "fi") == []
