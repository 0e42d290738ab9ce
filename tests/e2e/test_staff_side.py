"""Staff on a tablet (issue 4): the supervisor decides, the worker runs the case with the family."""

import re
import sqlite3
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.e2e.a11y import axe_violations
from tests.e2e.conftest import TABLET, open_page, sign_in, wait_ready

pytestmark = pytest.mark.e2e


def _accept_tolonen(tablet):
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


def _move_meeting_into_the_past(db_url: str, topic: str) -> None:
    """Time passes: the agreed meeting has now been held (the test edits only its times)."""
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as connection:
        connection.execute(
            "UPDATE meeting SET starts_at = datetime('now', '-2 hours'), "
            "ends_at = datetime('now', '-1 hours') WHERE topic = ?",
            (topic,),
        )


def test_from_acceptance_to_a_recorded_visit(tablet, new_context, app_server):
    _accept_tolonen(tablet)
    worker = new_context(viewport=TABLET)
    sign_in(worker, "worker@example.org", home="/caseload")
    assert axe_violations(worker) == []
    worker.get_by_label("Hae nimellä tai kunnalla").fill("tolo")
    expect(worker.locator("li.family-card")).to_have_count(1)
    worker.get_by_role("link", name="Tolonen").click()
    expect(worker).to_have_url(re.compile(r"/record/\d+/?$"))
    wait_ready(worker)
    expect(worker.get_by_role("heading", level=1)).to_have_text("Tolonen")
    assert axe_violations(worker) == []
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    proposal = worker.locator("form", has=worker.get_by_role("heading", name="Ehdota tapaamista"))
    proposal.get_by_role("button", name="Lähetä ehdotus perheelle").click()
    expect(proposal.get_by_text("Tarkista päivämäärä ja kellonaika.")).to_be_visible()
    proposal.get_by_label("Päivä").fill(tomorrow)
    proposal.get_by_label("Kellonaika").fill("10:00")
    proposal.get_by_label("Aihe").fill("Ensikäynti ja tutustuminen")
    proposal.get_by_role("button", name="Lähetä ehdotus perheelle").click()
    expect(worker.get_by_text("Ehdotettu").first).to_be_visible()
    # The guardian agrees on a phone.
    guardian = new_context()
    sign_in(guardian, "applicant@example.org", home="/family")
    open_page(guardian, "/family/meetings")
    guardian.get_by_role("button", name="Aika sopii").click()
    expect(guardian.get_by_text("Sovittu")).to_be_visible()
    # After the visit, the worker records it.
    _move_meeting_into_the_past(app_server["db_url"], "Ensikäynti ja tutustuminen")
    worker.reload()
    wait_ready(worker)
    worker.get_by_role("button", name="Kirjaa käynti").click()
    worker.get_by_label("Yhteenveto perheelle", exact=True).fill(
        "Tutustuimme ja sovimme iltarutiinin kokeilusta."
    )
    worker.get_by_label("Sisäinen muistiinpano", exact=False).fill(
        "Äiti väsynyt, seuraa jaksamista."
    )
    worker.get_by_label("Keskustelu").check()
    worker.get_by_role("button", name="Tallenna käyntikirjaus").click()

    expect(worker.get_by_text("Pidetty")).to_be_visible()
    expect(worker.get_by_text("Äiti väsynyt, seuraa jaksamista.")).to_be_visible()
    assert axe_violations(worker) == []
    # The family sees the summary, never the internal note.
    open_page(guardian, "/family/meetings")
    expect(guardian.get_by_text("Tutustuimme ja sovimme iltarutiinin kokeilusta.")).to_be_visible()
    expect(guardian.get_by_text("Äiti väsynyt", exact=False)).to_have_count(0)
    assert "Äiti väsynyt" not in guardian.content()
