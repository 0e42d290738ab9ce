"""Supervisor and worker tools on a tablet (issue 4): figures, search and reassign, staff,
registering a phone application, the week view and the inbox; axe on every page."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.a11y import axe_violations
from tests.e2e.conftest import TABLET, open_page, sign_in, wait_ready

pytestmark = pytest.mark.e2e


def test_overview_figures_search_and_reassign(tablet):
    sign_in(tablet, "supervisor@example.org", home="/overview")
    figures = tablet.locator("section", has=tablet.get_by_role("heading", name="Palvelun luvut"))
    expect(figures.get_by_role("table", name="Aktiiviset perheet työntekijöittäin")).to_be_visible()
    expect(figures.get_by_role("cell", name="Anna Heikkinen").first).to_be_visible()
    expect(figures.get_by_text("päivää", exact=False)).to_be_visible()
    assert axe_violations(tablet) == []
    tablet.get_by_label("Hae nimellä tai kunnalla").fill("kemp")
    tablet.get_by_role("button", name="Hae", exact=True).click()
    tablet.get_by_role("link", name="Kemppainen").click()
    expect(tablet).to_have_url(re.compile(r"/record/\d+/?$"))
    wait_ready(tablet)
    assert axe_violations(tablet) == []
    tablet.get_by_label("Vaihda perheen työntekijä").select_option(label="Mikko Pulkkinen")
    tablet.get_by_role("button", name="Vaihda työntekijä").click()
    expect(tablet.get_by_text("Työntekijä: Mikko Pulkkinen")).to_be_visible()


def test_supervisor_invites_a_worker_who_sets_a_password_and_is_later_deactivated(
    tablet, new_context, app_server
):
    sign_in(tablet, "supervisor@example.org", home="/overview")
    tablet.get_by_role("navigation", name="Päävalikko").get_by_role(
        "link", name="Henkilöstö"
    ).click()
    wait_ready(tablet)
    assert axe_violations(tablet) == []
    tablet.get_by_label("Työntekijän nimi").fill("Tiina Tuore")
    tablet.get_by_label("Sähköposti").fill("tiina.tuore@example.org")
    tablet.get_by_role("button", name="Lähetä kutsu").click()
    expect(tablet.get_by_role("cell", name="tiina.tuore@example.org")).to_be_visible()
    link = re.findall(r"http://\S+/set-password\?token=\S+", app_server["log"].read_text())[-1]
    newcomer = new_context(viewport=TABLET)
    newcomer.goto(link)
    wait_ready(newcomer)
    assert axe_violations(newcomer) == []
    newcomer.get_by_label("Salasana").fill("lumi sataa hiljaa kajaanissa")
    newcomer.get_by_role("button", name="Tallenna salasana").click()
    expect(newcomer).to_have_url(re.compile(r"/signin/?$"))
    # A signed-in worker is deactivated: their open page stops working at the next event.
    worker = new_context(viewport=TABLET)
    sign_in(worker, "worker2@example.org", home="/caseload")
    tablet.get_by_role("button", name="Poista käytöstä: Mikko Pulkkinen").click()
    tablet.get_by_role("dialog").get_by_role(
        "button", name="Kyllä, poista käytöstä – istunnot päättyvät heti"
    ).click()
    expect(
        tablet.get_by_role("row", name=re.compile("Mikko Pulkkinen")).get_by_text(
            "Poistettu käytöstä"
        )
    ).to_be_visible()
    worker.get_by_role("navigation", name="Päävalikko").get_by_role("link", name="Viikko").click()
    expect(worker).to_have_url(re.compile(r"/signin/?$"), timeout=20_000)


def test_worker_registers_a_phone_application(tablet, new_context):
    sign_in(tablet, "worker@example.org", home="/caseload")
    open_page(tablet, "/register")
    assert axe_violations(tablet) == []
    tablet.get_by_label("puhelimitse").check()
    tablet.get_by_role("button", name="Tallenna hakemus").click()
    # the error beside its field, and in the summary at the top, which takes the focus
    summary = tablet.locator("#register-errors")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Kirjoita nimesi.")).to_be_visible()
    expect(tablet.locator("#name-error")).to_have_text("Kirjoita nimesi.")
    tablet.get_by_label("Nimesi").fill("Pekka Puhelin")
    tablet.get_by_label("Puhelinnumero").fill("044 123 4567")
    tablet.get_by_label("Kotikunta").select_option("Paltamo")
    tablet.get_by_label("Käyntiosoite").fill("Kirkkotie 1, 88300 Paltamo")
    tablet.get_by_label("Lapsen 1 etunimi").fill("Ville")
    tablet.get_by_label("Lapsen 1 syntymävuosi").fill("2016")
    tablet.get_by_label("Vanhemmuus").check()
    tablet.get_by_label("Hakija on antanut luvan yhteydenottoon.").check()
    tablet.get_by_role("button", name="Tallenna hakemus").click()
    expect(tablet.get_by_text("Hakemus tallennettu: Pekka Puhelin.", exact=False)).to_be_visible()
    expect(tablet.get_by_label("Nimesi")).to_have_value("")
    supervisor = new_context(viewport=TABLET)
    sign_in(supervisor, "supervisor@example.org", home="/overview")
    queued = supervisor.locator("li.card", has=supervisor.get_by_role("heading", name="Puhelin"))
    expect(queued.get_by_text("puhelimitse", exact=False)).to_be_visible()


def test_week_view_and_inbox(tablet):
    sign_in(tablet, "worker@example.org", home="/caseload")
    open_page(tablet, "/week")
    expect(tablet.get_by_role("heading", level=1)).to_have_text("Viikon tapaamiset")
    assert axe_violations(tablet) == []
    tablet.get_by_role("button", name="Seuraava viikko").click()
    expect(tablet.get_by_role("status")).to_be_visible()
    open_page(tablet, "/inbox")
    first = tablet.locator("li.card").first
    expect(first.get_by_text("Lukemattomia", exact=False)).to_be_visible()
    assert axe_violations(tablet) == []
    first.get_by_role("link").click()
    expect(tablet).to_have_url(re.compile(r"/record/\d+/?#sec-messages$"))


def test_supervisor_searches_the_access_log(tablet):
    sign_in(tablet, "supervisor@example.org", home="/overview")
    open_page(tablet, "/access-log")
    assert axe_violations(tablet) == []
    tablet.get_by_label("Perhe").fill("Tolonen")  # the overview just listed it in the queue
    tablet.get_by_role("button", name="Hae", exact=True).click()
    expect(tablet.get_by_text(re.compile(r"Rivejä: [1-9]"))).to_be_visible()
    expect(tablet.get_by_role("cell", name="näki hakemuksen jonossa").first).to_be_visible()
    assert axe_violations(tablet) == []


def test_worker_reads_the_queue_without_decisions(tablet):
    sign_in(tablet, "worker@example.org", home="/caseload")
    tablet.get_by_role("navigation", name="Päävalikko").get_by_role(
        "link", name="Hakemusjono"
    ).click()
    wait_ready(tablet)
    card = tablet.locator("li.card", has=tablet.get_by_role("heading", name="Tolonen"))
    expect(card.get_by_text("Odottanut", exact=False)).to_be_visible()
    expect(tablet.get_by_role("button", name="Hyväksy ja osoita työntekijälle")).to_have_count(0)
    assert axe_violations(tablet) == []
