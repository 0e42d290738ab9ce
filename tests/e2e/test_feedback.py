"""The closing feedback on a phone: the guardian of the closed demo family (Komulainen) is
refused an incomplete answer beside each question with the comment kept, answers, is thanked
(toast and the card), and is not offered the form again; axe finds nothing on either state."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.a11y import axe_violations
from tests.e2e.conftest import open_page, sign_in

pytestmark = pytest.mark.e2e

GUARDIAN = "heikki.komulainen@example.org"
COMMENT = "Arjen rytmi löytyi, kiitos."


def test_guardian_of_a_closed_family_gives_feedback_once(phone):
    sign_in(phone, GUARDIAN, home="/family")
    card = phone.get_by_role("region", name="Palaute perhetyöstä")
    expect(card).to_be_visible()
    assert axe_violations(phone) == []

    helped = card.get_by_role("group", name="Auttoiko perhetyö perhettänne?")
    listened = card.get_by_role("group", name="Tulitteko kuulluksi?")
    meetings = card.get_by_role("group", name="Toimivatko tapaamiset teidän kannaltanne?")
    comment = card.get_by_label("Mitä muuta haluaisitte sanoa? (vapaaehtoinen)")
    comment.fill(COMMENT)
    helped.get_by_label("4 – Enimmäkseen").check()
    card.get_by_role("button", name="Lähetä palaute").click()
    # The first unanswered question says so beside it; what was chosen and typed stays.
    expect(listened.get_by_text("Valitse yksi vaihtoehdoista 1–5.")).to_be_visible()
    expect(comment).to_have_value(COMMENT)
    expect(helped.get_by_label("4 – Enimmäkseen")).to_be_checked()
    assert axe_violations(phone) == []

    listened.get_by_label("5 – Täysin").check()
    meetings.get_by_label("3 – Jonkin verran").check()
    card.get_by_role("button", name="Lähetä palaute").click()
    expect(phone.locator("#toast-text")).to_contain_text("Palaute lähetetty. Kiitos!")
    expect(card.get_by_text(re.compile("^Kiitos palautteestanne!"))).to_be_visible()
    expect(card.get_by_role("button", name="Lähetä palaute")).to_have_count(0)
    assert axe_violations(phone) == []

    open_page(phone, "/family")  # once only: after a reload the thanks, not the form
    card = phone.get_by_role("region", name="Palaute perhetyöstä")
    expect(card.get_by_text(re.compile("^Kiitos palautteestanne!"))).to_be_visible()
    expect(card.get_by_role("radio")).to_have_count(0)
