"""Transfer on a tablet (issue 16): the new worker saves a work phone, the supervisor moves a
family with a handover note, the former worker's open record tab gets nothing on its next
action, and the family (a guardian on a phone) sees its new worker and the phone on its home."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.a11y import axe_violations
from tests.e2e.conftest import PHONE, TABLET, open_page, sign_in, wait_ready

pytestmark = pytest.mark.e2e

NOTE = "Isä toivoo käyntejä iltapäivisin; koira on kiltti."
OLD_TAB_MESSAGE = "Tämä viesti ei saa mennä perille."


def _open_kemppainen(page) -> None:
    page.get_by_role("link", name="Kemppainen").first.click()
    expect(page).to_have_url(re.compile(r"/record/\d+/?$"))
    wait_ready(page)


def test_a_transfer_moves_the_family_and_ends_the_old_workers_access(tablet, new_context):
    # The new worker saves the work phone the family will be given.
    newcomer = new_context(viewport=TABLET)
    sign_in(newcomer, "worker2@example.org", home="/caseload")
    open_page(newcomer, "/account")
    newcomer.get_by_label("Työpuhelimen numero").fill("040 555 9876")
    newcomer.get_by_role("button", name="Tallenna numero").click()
    expect(newcomer.get_by_text("Työpuhelin tallennettu.")).to_be_attached()

    # The former worker has the family's record open.
    old = new_context(viewport=TABLET)
    sign_in(old, "worker@example.org", home="/caseload")
    _open_kemppainen(old)
    expect(old.get_by_role("heading", name="Kemppainen", level=1)).to_be_visible()

    # The supervisor transfers the family with a handover note.
    sign_in(tablet, "supervisor@example.org", home="/overview")
    tablet.get_by_label("Hae nimellä tai kunnalla").fill("kemp")
    tablet.get_by_role("button", name="Hae", exact=True).click()
    _open_kemppainen(tablet)
    tablet.get_by_label("Vaihda perheen työntekijä").select_option(label="Mikko Pulkkinen")
    tablet.get_by_label("Siirtomuistio uudelle työntekijälle").fill(NOTE)
    tablet.get_by_role("button", name="Vaihda työntekijä").click()
    expect(tablet.get_by_text("Työntekijä: Mikko Pulkkinen")).to_be_visible()
    history = tablet.get_by_role("list", name="Työntekijän vaihdokset")
    expect(history.get_by_text(NOTE)).to_be_visible()
    expect(history.get_by_text("Anna Heikkinen → Mikko Pulkkinen")).to_be_visible()
    assert axe_violations(tablet) == []

    # The former worker's open tab: its next action is refused and shows nothing new.
    old.get_by_label("Uusi viesti").fill(OLD_TAB_MESSAGE)
    old.get_by_role("button", name="Lähetä", exact=True).click()
    expect(old.get_by_text("Sinulla ei ole oikeutta tähän.")).to_be_visible()
    expect(old.get_by_text("Perheenne työntekijä on nyt Mikko Pulkkinen")).to_have_count(0)
    expect(old.get_by_text(NOTE)).to_have_count(0)

    # The family, on a phone: its home names the new worker with the phone number, and the
    # conversation has the message; the old tab's message never arrived.
    family = new_context(viewport=PHONE)
    sign_in(family, "family@example.org", home="/family")
    worker = family.get_by_role("region", name="Perhetyöntekijäsi")
    expect(worker.get_by_text("Mikko Pulkkinen")).to_be_visible()
    expect(worker.get_by_role("link", name="Soita: 040 555 9876")).to_have_attribute(
        "href", "tel:0405559876"
    )
    assert axe_violations(family) == []
    open_page(family, "/family/messages")
    expect(
        family.get_by_text("Perheenne työntekijä on nyt Mikko Pulkkinen, puh. 040 555 9876.")
    ).to_be_visible()
    expect(family.get_by_text(OLD_TAB_MESSAGE)).to_have_count(0)
    expect(family.get_by_text(NOTE)).to_have_count(0)
