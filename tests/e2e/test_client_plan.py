"""The client plan in the browser (issue 16). On a phone, Laura (family@example.org) writes the
family's view into the open review draft, reads the plan in force, acknowledges it with a
comment and downloads it; on a tablet, the worker sees the family's view and both guardians'
acknowledgements, is refused a review without a goal (nothing typed is lost), and records the
review with a goal and a future review date; version 1 stays readable behind a disclosure.

The demo data (services/demo_plans.py): version 1 made, acknowledged by Jussi; version 2 a draft.
The tests run in this order on one server: the tablet reads what the phone wrote."""

import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.a11y import _AXE, WCAG21_AA, axe_violations
from tests.e2e.conftest import open_page, sign_in, wait_ready

pytestmark = pytest.mark.e2e

FAMILY_VIEW = "Aamut ovat nyt rauhallisempia, illat vielä vaikeita."
STRENGTHS = "Huumori ja mummon apu."
LAURA_COMMENT = "Luin, sopii meille."
JUSSI_COMMENT = "Luin suunnitelman. Hyvä, että iltasatu on mukana."


def _section_violations(page: Page) -> list[str]:
    """axe's WCAG 2.1 AA violations in the plan section of the record (the whole record page,
    shared by every section, is checked in test_accessibility.py)."""
    found = _AXE.run(page, context="section[aria-labelledby='sec-plan']", options=WCAG21_AA)
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in found.response["violations"]
    ]


def _toast(page: Page, text: str) -> None:
    expect(page.locator("#toast-text")).to_contain_text(text)


def test_a_guardian_writes_the_view_reads_acknowledges_and_downloads_the_plan(phone):
    sign_in(phone, "family@example.org", home="/family")
    phone.get_by_role("link", name="Asiakassuunnitelma", exact=True).click()
    expect(phone).to_have_url(re.compile(r"/family/plan$"))
    wait_ready(phone)
    current = phone.get_by_role("region", name="Voimassa oleva suunnitelma: Versio 1")
    expect(current).to_be_visible()
    assert axe_violations(phone) == []

    # The family's own view, into the draft of the review.
    phone.get_by_label("Perheen näkemys tilanteesta", exact=True).fill(FAMILY_VIEW)
    phone.get_by_label("Perheen vahvuudet", exact=True).fill(STRENGTHS)
    phone.get_by_role("button", name="Tallenna perheen näkemys").click()
    _toast(phone, "Perheen näkemys tallennettu.")
    open_page(phone, "/family/plan")
    expect(phone.get_by_label("Perheen näkemys tilanteesta", exact=True)).to_have_value(FAMILY_VIEW)

    # The plan in force, in plain words, with its goals and Jussi's acknowledgement.
    expect(current.get_by_text("Rauhallinen iltarutiini")).to_be_visible()
    expect(current.get_by_text("Aamut sujuvat ilman riitaa")).to_be_visible()
    expect(current.get_by_text("Kuka tekee mitä")).to_be_visible()
    expect(current.get_by_text(JUSSI_COMMENT)).to_be_visible()

    # "I have read the plan", with a comment.
    current.get_by_label("Kommentti (vapaaehtoinen)").fill(LAURA_COMMENT)
    current.get_by_role("button", name="Kuittaa luetuksi").click()
    _toast(phone, "Kuittaus tallennettu.")
    expect(current.get_by_text("Kuittasit suunnitelman luetuksi", exact=False)).to_be_visible()
    expect(current.get_by_role("button", name="Kuittaa luetuksi")).to_have_count(0)
    expect(current.get_by_text(LAURA_COMMENT).first).to_be_visible()
    assert axe_violations(phone) == []

    # The printable document.
    with phone.expect_download() as info:
        current.get_by_role("link", name="Lataa suunnitelma (tulostettava)").click()
    document = Path(info.value.path()).read_text(encoding="utf-8")
    assert document.startswith("<!doctype html><html lang='fi'>")
    assert "<h1>Asiakassuunnitelma: Kemppainen</h1>" in document
    assert "Versio 1" in document and "Rauhallinen iltarutiini" in document
    assert "Laura Kemppainen" in document and LAURA_COMMENT in document
    assert "Jussi Kemppainen" in document


def _record(tablet: Page):
    sign_in(tablet, "worker@example.org", home="/caseload")
    tablet.get_by_role("link", name="Kemppainen").first.click()
    expect(tablet).to_have_url(re.compile(r"/record/\d+$"))
    wait_ready(tablet)
    section = tablet.get_by_role("region", name="Asiakassuunnitelma", exact=True)
    expect(
        section.get_by_role("heading", name="Voimassa oleva suunnitelma: Versio 1")
    ).to_be_visible()
    return section


def test_the_worker_sees_the_acknowledgements_and_records_the_review(tablet):
    section = _record(tablet)
    expect(section.get_by_text("Jussi Kemppainen", exact=False).first).to_be_visible()
    expect(section.get_by_text(JUSSI_COMMENT)).to_be_visible()
    expect(section.get_by_text("Laura Kemppainen", exact=False).first).to_be_visible()
    expect(section.get_by_text(LAURA_COMMENT)).to_be_visible()
    expect(section.get_by_label("Perheen näkemys tilanteesta", exact=True)).to_have_value(
        FAMILY_VIEW
    )
    nav = tablet.get_by_role("navigation", name="Perheen sivun osat")
    expect(nav.get_by_role("link", name="Asiakassuunnitelma", exact=True)).to_be_visible()
    assert _section_violations(tablet) == []

    # No goal: refused beside the goals and in the summary; the typed text stays. (The draft
    # has no review date yet: without one, that is what would be refused first.)
    worker_view = section.get_by_label("Työntekijän näkemys", exact=True)
    worker_view.fill("Aamut sujuvat, iltoihin tarvitaan vielä tukea.")
    review = datetime.now(ZoneInfo("Europe/Helsinki")).date() + timedelta(days=90)
    review_date = section.get_by_label("Seuraava tarkistus", exact=True)
    review_date.fill(review.isoformat())
    for goal in ("Aamut sujuvat ilman riitaa", "Rauhallinen iltarutiini"):
        section.get_by_label(goal, exact=False).uncheck()
    save = section.get_by_role("button", name="Tallenna tarkistettu suunnitelma")
    save.click()
    summary = section.locator("#plan-errors")
    expect(summary).to_be_focused()
    expect(
        summary.get_by_role("link", name="Lisää suunnitelmaan vähintään yksi tavoite.")
    ).to_be_visible()
    expect(section.locator("#plan-goals-error")).to_have_text(
        "Lisää suunnitelmaan vähintään yksi tavoite."
    )
    expect(worker_view).to_have_value("Aamut sujuvat, iltoihin tarvitaan vielä tukea.")

    # The review with a goal and a review date ahead.
    expect(review_date).to_have_value(review.isoformat())
    section.get_by_label("Rauhallinen iltarutiini", exact=False).check()
    save.click()
    _toast(tablet, "Tarkistettu suunnitelma tallennettu.")
    expect(
        section.get_by_role("heading", name="Voimassa oleva suunnitelma: Versio 2")
    ).to_be_visible()
    expect(section.get_by_text(f"{review.day}.{review.month}.{review.year}").first).to_be_visible()
    expect(
        section.get_by_text("Kukaan ei ole vielä kuitannut suunnitelmaa luetuksi.")
    ).to_be_visible()

    # Version 1 stays readable, with its acknowledgements.
    earlier = section.locator("details").filter(has_text="Versio 1")
    earlier.locator("summary").click()
    expect(earlier.get_by_text(JUSSI_COMMENT)).to_be_visible()
    expect(earlier.get_by_text(LAURA_COMMENT)).to_be_visible()
    assert _section_violations(tablet) == []
