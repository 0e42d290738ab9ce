"""The supervisor's side on a tablet: decide on the pending application (part of issue 4)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.a11y import axe_violations
from tests.e2e.conftest import TABLET, open_page, sign_in

pytestmark = pytest.mark.e2e


def test_supervisor_accepts_the_pending_application_and_the_worker_sees_the_family(tablet, new_context):
    sign_in(tablet, "supervisor@example.org", home="/overview")
    card = tablet.locator("li.card", has=tablet.get_by_role("heading", name="Tolonen"))
    card.get_by_role("button", name="Hyväksy ja osoita työntekijälle").click()
    expect(card.get_by_text("Valitse työntekijä.")).to_be_visible()
    card.get_by_role("button", name="Ota käsittelyyn").click()
    expect(card.get_by_text("Käsittelyssä")).to_be_visible()
    assert axe_violations(tablet) == []
    card.get_by_label("Työntekijä").select_option(label="Anna Heikkinen")
    card.get_by_role("button", name="Hyväksy ja osoita työntekijälle").click()
    expect(tablet.get_by_role("heading", name="Tolonen")).to_have_count(0)
    worker = new_context(viewport=TABLET)
    sign_in(worker, "worker@example.org", home="/caseload")
    expect(worker.get_by_role("heading", name="Tolonen")).to_be_visible()
    applicant = new_context()
    sign_in(applicant, "applicant@example.org", home="/family")
    expect(applicant.get_by_text("Perhetyö käynnissä")).to_be_visible()
    open_page(applicant, "/family/meetings")
    expect(applicant.get_by_text("Ei tulevia tapaamisia.")).to_be_visible()
