"""The work list on a tablet (issue 16): the worker sees the overdue assessment at the top, opens
the family's record at its case process, records the start (a day before the matter was received
is refused beside the field first), and back on the work list the item has become "complete the
assessment"; the supervisor filters the list by worker. axe on both pages."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from familywork_app.services.case_process import helsinki_today
from tests.e2e.a11y import axe_violations
from tests.e2e.conftest import open_page, sign_in, wait_ready

pytestmark = pytest.mark.e2e

START = "Aloita palvelutarpeen arviointi"
FINISH = "Saata palvelutarpeen arviointi valmiiksi"


def test_the_worker_starts_the_overdue_assessment_from_the_work_list(tablet):
    sign_in(tablet, "worker@example.org", home="/caseload")
    tablet.get_by_role("navigation", name="Päävalikko").get_by_role("link", name="Työlista").click()
    expect(tablet).to_have_url(re.compile(r"/work/?$"))
    wait_ready(tablet)
    first = tablet.locator("li.work-item").first
    expect(first.get_by_role("heading", name=START)).to_be_visible()
    expect(first.get_by_text("Myöhässä", exact=True)).to_be_visible()
    expect(first.get_by_text(re.compile(r"myöhässä \d+ päivää"))).to_be_visible()
    assert axe_violations(tablet) == []
    family = first.get_by_role("link").inner_text()
    first.get_by_role("link", name=family).click()
    expect(tablet).to_have_url(re.compile(r"/record/\d+/?#sec-process$"))
    wait_ready(tablet)
    process = tablet.get_by_role("region", name="Asiakasprosessi")
    expect(process.get_by_text("Myöhässä", exact=False).first).to_be_visible()
    assert axe_violations(tablet) == []
    day = process.get_by_label("Arvioinnin aloituspäivä")
    day.fill((helsinki_today() - timedelta(days=400)).isoformat())
    process.get_by_role("button", name="Tallenna aloitus").click()
    expect(process.get_by_text("Päivä ei voi olla ennen asian vireilletuloa.")).to_be_visible()
    expect(day).to_have_attribute("aria-invalid", "true")
    day.fill(helsinki_today().isoformat())
    process.get_by_role("button", name="Tallenna aloitus").click()
    expect(tablet.locator("#toast-text")).to_have_text(
        "Palvelutarpeen arvioinnin alkaminen kirjattu."
    )
    expect(process.get_by_role("heading", name="Kirjaa arviointi valmiiksi")).to_be_visible()
    expect(process.get_by_text("Palvelutarpeen arviointi alkoi")).to_be_visible()
    assert axe_violations(tablet) == []  # the completion form: radios, textarea, hint
    tablet.get_by_role("navigation", name="Perheen sivun osat").get_by_role(
        "link", name="Työlista"
    ).click()
    expect(tablet).to_have_url(re.compile(r"/work/?$"))
    wait_ready(tablet)
    mine = tablet.locator("li.work-item", has=tablet.get_by_role("link", name=family))
    expect(mine.get_by_role("heading", name=FINISH)).to_be_visible()
    expect(mine.get_by_role("heading", name=START)).to_have_count(0)


def test_the_supervisor_filters_the_work_list_by_worker(tablet):
    sign_in(tablet, "supervisor@example.org", home="/overview")
    deadlines = tablet.get_by_role("region", name=re.compile("^Määräajat: palvelutarpeen"))
    expect(deadlines.get_by_role("table", name="Määräajat työntekijöittäin")).to_be_visible()
    expect(deadlines.get_by_role("rowheader", name="Anna Heikkinen")).to_be_visible()
    open_page(tablet, "/work")
    items = tablet.locator("li.work-item")
    expect(items.filter(has_text="Anna Heikkinen").first).to_be_visible()
    assert axe_violations(tablet) == []
    tablet.get_by_label("Näytä työntekijän tehtävät").select_option(label="Mikko Pulkkinen")
    expect(items.filter(has_text="Anna Heikkinen")).to_have_count(0)
    expect(items.first.get_by_text("Mikko Pulkkinen")).to_be_visible()
    expect(items).to_have_count(items.filter(has_text="Mikko Pulkkinen").count())
    tablet.get_by_label("Näytä työntekijän tehtävät").select_option(label="Kaikki työntekijät")
    expect(items.filter(has_text="Anna Heikkinen").first).to_be_visible()
