"""Deciding with the facts and the consequence in front of you (issue 14): the supervisor opens
and reads an application before deciding and is told what accepting did; what cannot be undone
(declining, deactivating, closing a case, ending a goal) asks first in a dialog that states the
consequence, usable with the keyboard alone; a failed form moves the focus to an error summary
at its top, whose links lead into the fields."""

import re

import pytest
from playwright.sync_api import Page, expect

from familywork_app.i18n import TEXTS
from tests.e2e.a11y import axe_violations
from tests.e2e.conftest import open_page, sign_in, wait_ready

pytestmark = pytest.mark.e2e
FI = TEXTS["fi"]


def _card(page: Page, family: str):
    return page.locator("li.card", has=page.get_by_role("heading", name=family, exact=True))


def _active_families(page: Page, worker: str):
    """The cell with the worker's number of active families in the figures."""
    figures = page.get_by_role("table", name="Aktiiviset perheet työntekijöittäin")
    return figures.get_by_role("row", name=re.compile(worker)).get_by_role("cell").last


def test_the_supervisor_reads_an_application_then_accepts_and_is_told(tablet):
    sign_in(tablet, "supervisor@example.org", home="/overview")
    card = _card(tablet, "Tolonen")
    read = card.get_by_role("button", name="Lue hakemus: Tolonen")
    expect(read).to_have_attribute("aria-expanded", "false")
    read.click()
    expect(read).to_have_attribute("aria-expanded", "true")
    expect(card.get_by_text("tukea Onnin uhmaikään", exact=False)).to_be_visible()
    expect(card.get_by_text("Onni, s. 2019")).to_be_visible()
    expect(card.get_by_text("Sanna Tolonen")).to_be_visible()
    expect(card.get_by_text("arkisin iltapäivisin")).to_be_visible()
    assert axe_violations(tablet) == []
    before = int(_active_families(tablet, "Anna Heikkinen").inner_text())
    card.get_by_label("Työntekijä").select_option(label="Anna Heikkinen")
    card.get_by_role("button", name="Hyväksy ja osoita työntekijälle").click()
    expect(tablet.get_by_role("status").filter(has_text="Hyväksytty")).to_have_text(
        "Hyväksytty: perhe Tolonen on osoitettu työntekijälle Anna Heikkinen."
    )
    expect(_card(tablet, "Tolonen")).to_have_count(0)
    # the figures on the same page count the new family
    expect(_active_families(tablet, "Anna Heikkinen")).to_have_text(str(before + 1))


def test_declining_asks_first_and_states_the_consequence(tablet):
    sign_in(tablet, "supervisor@example.org", home="/overview")
    card = _card(tablet, "Väisänen")
    card.get_by_label("Perustelu perheelle").fill("Tarve ohjataan perheneuvolaan.")
    opener = card.get_by_role("button", name="Hylkää hakemus")
    opener.click()
    dialog = tablet.get_by_role("dialog", name=FI["confirm.decline_title"].format(name="Väisänen"))
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(FI["confirm.decline_text"])
    expect(dialog.get_by_role("button", name="Peruuta")).to_be_focused()
    assert axe_violations(tablet) == []
    tablet.keyboard.press("Escape")  # nothing happens without the confirmation
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()
    expect(card).to_be_visible()
    tablet.keyboard.press("Enter")  # the keyboard alone: open again and confirm
    expect(dialog).to_be_visible()
    tablet.keyboard.press("Shift+Tab")
    expect(dialog.get_by_role("button", name=FI["confirm.decline"])).to_be_focused()
    tablet.keyboard.press("Enter")
    expect(tablet.get_by_role("status").filter(has_text="Hylätty")).to_contain_text("Väisänen")
    expect(_card(tablet, "Väisänen")).to_have_count(0)


def test_deactivating_a_worker_asks_first(tablet):
    sign_in(tablet, "supervisor@example.org", home="/overview")
    open_page(tablet, "/staff")
    row = tablet.get_by_role("row", name=re.compile("Mikko Pulkkinen"))
    row.get_by_role("button", name="Poista käytöstä: Mikko Pulkkinen").click()
    dialog = tablet.get_by_role("dialog", name="Poistetaanko Mikko Pulkkinen käytöstä?")
    expect(dialog).to_contain_text("avoimet istuntonsa päättyvät heti")
    dialog.get_by_role("button", name="Peruuta").click()
    expect(dialog).to_be_hidden()
    expect(row.get_by_role("button", name="Poista käytöstä: Mikko Pulkkinen")).to_be_visible()
    row.get_by_role("button", name="Poista käytöstä: Mikko Pulkkinen").click()
    dialog.get_by_role("button", name=FI["confirm.deactivate"]).click()
    expect(row.get_by_text("Poistettu käytöstä")).to_be_visible()


def test_ending_a_goal_and_closing_a_case_ask_first(tablet):
    sign_in(tablet, "worker@example.org", home="/caseload")
    tablet.get_by_role("link", name="Huttunen").click()
    expect(tablet).to_have_url(re.compile(r"/record/\d+/?$"))
    wait_ready(tablet)
    goal = tablet.locator("li.card", has=tablet.get_by_text("Läksyt tehdään päivittäin"))
    goal.get_by_role("button", name="Merkitse saavutetuksi").click()
    title = FI["confirm.goal_achieved_title"].format(title="Läksyt tehdään päivittäin")
    dialog = tablet.get_by_role("dialog", name=title)
    expect(dialog).to_contain_text(FI["confirm.goal_end_text"])
    assert axe_violations(tablet) == []
    dialog.get_by_role("button", name="Peruuta").click()
    expect(goal.get_by_text("Käynnissä")).to_be_visible()
    goal.get_by_role("button", name="Merkitse saavutetuksi").click()
    dialog.get_by_role("button", name=FI["confirm.goal_achieved"]).click()
    expect(goal.get_by_text("Saavutettu")).to_be_visible()
    # Closing the case: the summary is written, then confirmed.
    tablet.get_by_label("Loppuyhteenveto perheelle").fill("Läksyrutiini toimii, työ päättyy.")
    tablet.get_by_role("button", name="Päätä perhetyö").click()
    closing = tablet.get_by_role("dialog", name=FI["confirm.close_title"].format(name="Huttunen"))
    expect(closing).to_contain_text(FI["confirm.close_text"])
    tablet.keyboard.press("Escape")
    expect(tablet.get_by_label("Loppuyhteenveto perheelle")).to_have_value(
        "Läksyrutiini toimii, työ päättyy."
    )
    tablet.get_by_role("button", name="Päätä perhetyö").click()
    closing.get_by_role("button", name=FI["confirm.close"]).click()
    expect(tablet.get_by_text("Läksyrutiini toimii, työ päättyy.", exact=True)).to_be_visible()
    expect(tablet.get_by_role("button", name="Päätä perhetyö")).to_have_count(0)


def test_a_failed_application_moves_the_focus_to_the_error_summary(phone):
    open_page(phone, "/apply")
    phone.get_by_label("Sähköposti").fill("minna.mustonen@")
    phone.get_by_role("button", name="Lähetä hakemus").click()
    summary = phone.get_by_role("group", name=FI["form.error_summary"])
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    links = summary.get_by_role("link")
    expect(links.first).to_have_text(FI["error.name_required"])
    assert axe_violations(phone) == []
    summary.get_by_role("link", name=FI["error.invalid_email"]).click()
    expect(phone.get_by_label("Sähköposti")).to_be_focused()
    summary.get_by_role("link", name=FI["error.area_required"]).click()
    expect(phone.get_by_label(FI["area.parenting"])).to_be_focused()


def test_a_failed_sign_in_moves_the_focus_to_the_error_summary(phone):
    open_page(phone, "/signin")
    phone.get_by_role("button", name="Kirjaudu", exact=True).click()
    summary = phone.get_by_role("group", name=FI["form.error_summary"])
    expect(summary).to_be_focused()
    summary.get_by_role("link", name=FI["error.required_password"]).click()
    expect(phone.get_by_label("Salasana")).to_be_focused()
    phone.get_by_label("Sähköposti").fill("family@example.org")
    phone.get_by_label("Salasana").fill("väärä salasana tähän")
    phone.get_by_role("button", name="Kirjaudu", exact=True).click()
    expect(summary).to_contain_text(FI["signin.failed"])
    expect(summary).to_be_focused()
    assert axe_violations(phone) == []
