"""The family's side on a phone: apply, follow, agree and move meetings (issue 3)."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.a11y import axe_violations
from tests.e2e.conftest import open_page, sign_in, wait_ready

pytestmark = pytest.mark.e2e


def test_apply_from_scratch_correcting_wrong_input(phone):
    open_page(phone, "/apply")
    expect(phone.get_by_text("Asiakkuutta ei tarvita", exact=False)).to_be_visible()
    assert axe_violations(phone) == []
    phone.get_by_label("Nimesi").fill("Minna Mustonen")
    phone.get_by_label("Sähköposti").fill("minna.mustonen@")
    phone.get_by_label("Puhelinnumero").fill("040 765 4321")
    phone.get_by_label("Kotikunta").select_option("Kuhmo")
    phone.get_by_label("Käyntiosoite").fill("Koulukatu 3, 88900 Kuhmo")
    phone.get_by_label("Lapsen 1 etunimi").fill("Veeti")
    phone.get_by_label("Lapsen 1 syntymävuosi").fill("1990")
    phone.get_by_label("Kerro tilanteestanne").fill("Arki on raskasta, toivomme tukea iltoihin.")
    phone.get_by_label("Salasana tunnukseesi").fill("lyhyt")
    phone.get_by_role("button", name="Lähetä hakemus").click()
    # Every wrong field says what is wrong beside it (and in the summary at the top), and
    # everything typed is still there.
    beside = phone.locator(".field-error")
    expect(beside.filter(has_text="Tarkista sähköpostiosoite")).to_be_visible()
    expect(beside.filter(has_text="Kirjoita syntymävuosi")).to_be_visible()
    expect(beside.filter(has_text=re.compile(r"^Valitse vähintään yksi\.$"))).to_be_visible()
    expect(beside.filter(has_text="vähintään 12 merkkiä")).to_be_visible()
    expect(beside.filter(has_text="ilman lupaa ottaa yhteyttä")).to_be_visible()
    expect(phone.get_by_label("Nimesi")).to_have_value("Minna Mustonen")
    expect(phone.get_by_label("Kerro tilanteestanne")).to_have_value(
        "Arki on raskasta, toivomme tukea iltoihin."
    )
    expect(phone.get_by_label("Sähköposti")).to_have_attribute("aria-invalid", "true")
    assert axe_violations(phone) == []
    # Correct the input and send.
    phone.get_by_label("Sähköposti").fill("minna.mustonen@example.org")
    phone.get_by_label("Lapsen 1 syntymävuosi").fill("2019")
    phone.get_by_label("Vanhemmuus").check()
    phone.get_by_label("Salasana tunnukseesi").fill("kuhmon kesä on kaunis")
    phone.get_by_label("Perhetyön työntekijä saa ottaa minuun yhteyttä", exact=False).check()
    phone.get_by_role("button", name="Lähetä hakemus").click()
    expect(phone).to_have_url(re.compile(r"/family/?$"), timeout=20_000)
    wait_ready(phone)
    expect(phone.get_by_text("Lähetetty", exact=True)).to_be_visible()
    expect(phone.get_by_role("heading", name="Hakemuksen vaiheet")).to_be_visible()
    assert axe_violations(phone) == []


def test_email_in_use_is_refused_without_saying_whether_it_has_an_account(phone):
    open_page(phone, "/apply")
    phone.get_by_label("Sähköposti").fill("family@example.org")
    phone.get_by_role("button", name="Lähetä hakemus").click()
    expect(
        phone.locator("#email-error").get_by_text(
            "Kirjaudu sisään tai käytä toista osoitetta", exact=False
        )
    ).to_be_visible()


def test_applicant_follows_the_pending_application(phone):
    sign_in(phone, "applicant@example.org", home="/family")
    expect(phone.get_by_text("Lähetetty", exact=True)).to_be_visible()
    # what happens next, and by when (the 7-working-day start of the assessment)
    expect(
        phone.get_by_text(re.compile(r"arviointi alkaa viimeistään|Arvioinnin olisi pitänyt alkaa"))
    ).to_be_visible()


def test_guardian_agrees_one_meeting_and_asks_to_move_another(phone, new_context):
    sign_in(phone, "family@example.org", home="/family")
    phone.get_by_role("navigation", name="Päävalikko").get_by_role(
        "link", name="Tapaamiset"
    ).click()
    expect(phone).to_have_url(re.compile(r"/family/meetings/?$"))
    wait_ready(phone)
    assert axe_violations(phone) == []
    proposed = phone.locator("li.card", has=phone.get_by_role("button", name="Aika sopii"))
    expect(proposed).to_have_count(1)
    when = proposed.get_by_role("heading").inner_text()
    proposed.get_by_role("button", name="Aika sopii").click()
    agreed_card = phone.locator("li.card", has=phone.get_by_role("heading", name=when))
    expect(agreed_card.get_by_text("Sovittu")).to_be_visible()
    # Ask to move the meeting that was agreed before: a note is required.
    other_card = (
        phone.locator("li.card", has=phone.get_by_role("heading"))
        .filter(has_not=phone.get_by_role("heading", name=when))
        .first
    )
    moved = other_card.get_by_role("heading").inner_text()
    other_card.get_by_role("button", name="Pyydä toista aikaa").click()
    other_card.get_by_role("button", name="Lähetä pyyntö").click()
    expect(other_card.get_by_text("Kirjoita lyhyt perustelu.")).to_be_visible()
    other_card.get_by_label("Mikä aika sopisi paremmin?").fill("Iltapäivä kello 14 jälkeen.")
    other_card.get_by_role("button", name="Lähetä pyyntö").click()
    moved_card = phone.locator("li.card", has=phone.get_by_role("heading", name=moved))
    expect(moved_card.get_by_text("Muutosta pyydetty")).to_be_visible()
    expect(moved_card.get_by_text("Iltapäivä kello 14 jälkeen.", exact=False)).to_be_visible()
    # The other guardian sees the same, with their own login.
    other = new_context()
    sign_in(other, "family2@example.org", home="/family")
    open_page(other, "/family/meetings")
    expect(
        other.locator("li.card", has=other.get_by_role("heading", name=moved)).get_by_text(
            "Muutosta pyydetty"
        )
    ).to_be_visible()
    expect(
        other.locator("li.card", has=other.get_by_role("heading", name=when)).get_by_text("Sovittu")
    ).to_be_visible()


def _nav(page, name):
    page.get_by_role("navigation", name="Päävalikko").get_by_role("link", name=name).click()
    wait_ready(page)


def test_guardian_rates_a_goal_and_sees_it_in_the_chart(phone, new_context):
    sign_in(phone, "family@example.org", home="/family")
    _nav(phone, "Tavoitteet")
    expect(phone).to_have_url(re.compile(r"/family/goals/?$"))
    assert axe_violations(phone) == []
    goal = phone.locator("li.card").first
    title = goal.get_by_role("heading", level=2).inner_text()
    rows_before = goal.locator("table tbody tr").count()
    goal.get_by_role("button", name="Tallenna").click()  # nothing chosen: an error, not a save
    expect(goal.get_by_text("Kirjoita merkintä tai valitse arvio.")).to_be_visible()
    goal.get_by_label("Arvio nyt", exact=False).select_option("8")
    goal.get_by_label("Merkintä").fill("Aamut sujuivat koko viikon.")
    goal.get_by_role("button", name="Tallenna").click()
    expect(goal.get_by_text("Aamut sujuivat koko viikon.")).to_be_visible()
    expect(goal.locator("table tbody tr")).to_have_count(rows_before + 1)
    expect(goal.locator("table tbody tr").last.locator("td").last).to_have_text("8")
    expect(goal.locator(".chart .bar-value").last).to_have_text("8")
    expect(goal.get_by_label("Merkintä")).to_have_value("")
    other = new_context()
    sign_in(other, "family2@example.org", home="/family")
    open_page(other, "/family/goals")
    other_goal = other.locator("li.card", has=other.get_by_role("heading", name=title))
    expect(other_goal.get_by_text("Aamut sujuivat koko viikon.")).to_be_visible()


def test_guardian_sends_a_message_and_sees_it_delivered_then_read(phone, new_context):
    sign_in(phone, "family@example.org", home="/family")
    nav = phone.get_by_role("navigation", name="Päävalikko")
    expect(nav.get_by_text("1 lukematonta")).to_have_count(1)
    _nav(phone, "Viestit")
    expect(nav.get_by_text("1 lukematonta")).to_have_count(0)
    assert axe_violations(phone) == []
    box = phone.get_by_label("Uusi viesti")
    phone.get_by_role("button", name="Lähetä").click()
    expect(phone.get_by_text("Kirjoita viesti tai lisää kuva tai PDF.")).to_be_visible()
    box.fill("Kiitos, tiistai sopii hyvin.")
    expect(phone.get_by_text("28 / 2000")).to_be_visible()
    phone.get_by_role("button", name="Lähetä").click()
    mine = phone.locator("li.msg-mine").last
    expect(mine.get_by_text("Kiitos, tiistai sopii hyvin.")).to_be_visible()
    expect(mine.get_by_text("Lähetetty")).to_be_visible()
    expect(box).to_have_value("")
    # The toast says so in the polite live region that was there from the first paint.
    toast = phone.locator("#toast")
    expect(toast).to_have_attribute("aria-live", "polite")
    expect(toast).to_have_text("Viesti lähetetty.")
    # The second guardian sees it in the same family space.
    other = new_context()
    sign_in(other, "family2@example.org", home="/family")
    open_page(other, "/family/messages")
    expect(other.get_by_text("Kiitos, tiistai sopii hyvin.")).to_be_visible()


def test_too_long_message_is_kept_in_the_box(phone):
    sign_in(phone, "family@example.org", home="/family")
    open_page(phone, "/family/messages")
    box = phone.get_by_label("Uusi viesti")
    assert box.get_attribute("maxlength") == "2000"
    box.fill("   ")
    phone.get_by_role("button", name="Lähetä").click()
    expect(phone.get_by_text("Kirjoita viesti tai lisää kuva tai PDF.")).to_be_visible()
    expect(box).to_have_value("   ")


def test_guardian_downloads_the_familys_data_and_sees_who_handled_it(phone, app_server):
    sign_in(phone, "family@example.org", home="/family")
    phone.get_by_role("link", name="Omat tiedot ja tietojen käsittely").click()
    expect(phone).to_have_url(re.compile(r"/family/data/?$"))
    wait_ready(phone)
    # one row per person and day, naming what they did (the home also reads the case's steps)
    expect(
        phone.get_by_text(re.compile(r"Laura Kemppainen \(huoltaja\) .*avasi perheen etusivun"))
    ).to_be_visible()
    assert axe_violations(phone) == []
    with phone.expect_download() as download:
        phone.get_by_role("link", name="Lataa tiedot (JSON)").click()
    import json

    data = json.loads(Path(download.value.path()).read_text())
    assert data["family"]["name"] == "Kemppainen" and len(data["guardians"]) == 2
    assert all("internal_note" not in m for m in data["meetings"])
    response = phone.request.get("/export/family.html")
    assert response.ok and "Kemppainen" in response.text()
    # Without the session cookie there is nothing to download.
    anonymous = phone.context.browser.new_context(base_url=app_server["base"])
    assert anonymous.request.get("/export/family.json").status == 403
    anonymous.close()


def test_guardian_invites_the_other_guardian_who_joins_with_a_new_login(
    phone, new_context, app_server
):
    sign_in(phone, "family@example.org", home="/family")
    phone.get_by_role("link", name="Perheenjäsenet ja kutsu toiselle huoltajalle").click()
    expect(phone).to_have_url(re.compile(r"/family/members/?$"))
    wait_ready(phone)
    assert axe_violations(phone) == []
    phone.get_by_label("Sähköposti").fill("isovanhempi@example.org")
    phone.get_by_role("button", name="Lähetä kutsu").click()
    expect(
        phone.get_by_text("Kutsu lähetetty osoitteeseen isovanhempi@example.org.")
    ).to_be_visible()
    log = app_server["log"].read_text()
    link = re.findall(r"http://\S+/invite\?token=\S+", log)[-1]
    invitee = new_context()
    invitee.goto(link)
    wait_ready(invitee)
    expect(invitee.get_by_text("Kemppainen", exact=False)).to_be_visible()
    assert axe_violations(invitee) == []
    invitee.get_by_label("Nimesi").fill("Eila Kemppainen")
    invitee.get_by_label("Salasana tunnukseesi").fill("mummola järven rannalla")
    invitee.get_by_role("button", name="Luo tunnus").click()
    expect(invitee).to_have_url(re.compile(r"/family/?$"), timeout=20_000)
    wait_ready(invitee)
    expect(invitee.get_by_role("heading", level=1)).to_have_text("Hei, Eila Kemppainen!")
    # The link works once.
    again = new_context()
    again.goto(link)
    wait_ready(again)
    expect(again.get_by_text("Kutsulinkki ei ole voimassa.", exact=False)).to_be_visible()
