"""The methods of family work on the tablet (issue 8): together mode with the demo family, the
evaluation form, three cards, a role map, a network map; leaving needs the worker's PIN; the
guardian's phone then shows the chart and the maps. Every view passes axe in fi, sv and en."""

import re

import pytest
from playwright.sync_api import Page, expect

from familywork_app.i18n import TEXTS
from tests.e2e.a11y import axe_violations
from tests.e2e.conftest import PHONE, open_page, sign_in, wait_ready

pytestmark = pytest.mark.e2e
PIN = "2468"


def _open_record(tablet: Page, family: str = "Kemppainen") -> None:
    sign_in(tablet, "worker@example.org", home="/caseload")
    tablet.get_by_role("link", name=family).first.click()
    expect(tablet).to_have_url(re.compile(r"/record/\d+$"))
    wait_ready(tablet)
    expect(tablet.get_by_role("heading", name=family, level=1)).to_be_visible()


def _start_together(tablet: Page) -> str:
    """Start together mode from the family's record; returns the record's URL."""
    record_url = tablet.url
    section = tablet.get_by_role("region", name="Yhdessä perheen kanssa")
    section.get_by_label("PIN-koodi tilasta poistumiseen", exact=False).fill("12")
    section.get_by_role("button", name="Aloita yhdessä-tila").click()
    expect(section.get_by_text("Anna PIN-koodi, jossa on 4–8 numeroa.")).to_be_visible()
    section.get_by_label("PIN-koodi tilasta poistumiseen", exact=False).fill(PIN)
    section.get_by_role("button", name="Aloita yhdessä-tila").click()
    expect(tablet).to_have_url(re.compile(r"/together/?$"), timeout=20_000)
    wait_ready(tablet)
    return record_url


def _answer(tablet: Page, group: str, answer: str) -> None:
    tablet.get_by_role("group", name=re.compile(group)).get_by_text(answer, exact=True).click()


def _fill_evaluation(tablet: Page) -> None:
    tablet.get_by_role("button", name="Perheen tilanteen arviointi").click()
    assert axe_violations(tablet) == [], "evaluation"
    tablet.get_by_role("button", name="Tallenna arviointi").click()
    expect(tablet.get_by_text("Valitse, kuka vastaa.")).to_be_visible()
    tablet.get_by_label("Kuka vastaa?").select_option(label="Laura")
    _answer(tablet, "Arvioinnin vaihe", "Väliarviointi")
    for area in ("Vanhemmuus", "Lapsen ja nuoren kasvu", "Perheen arjessa", "vuorovaikutustaidot"):
        _answer(tablet, area, "Pitää melko hyvin paikkansa")
    tablet.get_by_role("button", name="Tallenna arviointi").click()
    # The missing answer is named next to its question; the answers given stay chosen.
    expect(tablet.get_by_text("Valitse vastaus.")).to_be_visible()
    expect(
        tablet.get_by_role("group", name=re.compile("Vanhemmuus")).get_by_label(
            "Pitää melko hyvin paikkansa"
        )
    ).to_be_checked()
    _answer(tablet, "voimavarojen", "Pitää täysin paikkansa")
    tablet.get_by_role("button", name="Tallenna arviointi").click()
    expect(tablet.get_by_text("Tallennettu perheen tietoihin.")).to_be_visible()


def _pick_cards(tablet: Page) -> None:
    tablet.get_by_role("button", name="Keskustelukortit").click()
    tablet.get_by_role("button", name=re.compile("^Iloinen")).click()
    tablet.get_by_role("button", name=re.compile("^Väsynyt")).click()
    tablet.get_by_role("button", name="Vahvuudet").click()
    tablet.get_by_role("button", name=re.compile("^Rohkea")).click()
    expect(tablet.get_by_role("button", name=re.compile("^Rohkea"))).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(tablet.get_by_role("heading", name="Valitut kortit (3)")).to_be_visible()
    assert axe_violations(tablet) == [], "cards"
    tablet.get_by_label("Muistiinpano käynnille").fill("Eetu valitsi rohkean.")
    tablet.get_by_role("button", name="Tallenna kortit").click()
    expect(tablet.get_by_text("Tallennettu perheen tietoihin.")).to_be_visible()


def _set_role_map(tablet: Page) -> None:
    tablet.get_by_role("button", name="Roolikartta").click()
    who = {
        "Aamut": "Jussi",
        "Ruokailut": "Laura",
        "Nukkumaanmeno": "Jussi",
        "Koulu ja päiväkoti": "Laura",
        "Kotityöt": "Eetu",
    }
    for task, person in who.items():
        tablet.get_by_role("group", name=task).get_by_role("button", name=person).click()
    tablet.get_by_role("button", name="Tallenna roolikartta").click()
    expect(tablet.get_by_text("Valitse jokaiseen asiaan ainakin yksi tekijä.")).to_be_visible()
    fun = tablet.get_by_role("group", name="Yhteinen hauskanpito")
    fun.get_by_role("button", name="Laura").click()
    fun.get_by_role("button", name="Aino").click()
    expect(fun.get_by_role("button", name="Aino")).to_have_attribute("aria-pressed", "true")
    assert axe_violations(tablet) == [], "role map"
    tablet.get_by_role("button", name="Tallenna roolikartta").click()
    expect(tablet.get_by_text("Tallennettu perheen tietoihin.")).to_be_visible()


def _draw_network(tablet: Page) -> None:
    tablet.get_by_role("button", name="Verkostokartta").click()
    for name, group, close, effect in (
        ("Mummo", "Sukulaiset", "Lähellä", "Auttaa"),
        ("Jalkapallo", "Harrastukset", "Siltä väliltä", "Auttaa"),
    ):
        tablet.get_by_label("Ihminen tai palvelu").fill(name)
        tablet.get_by_label("Ryhmä").select_option(label=group)
        _answer(tablet, "Kuinka lähellä", close)
        _answer(tablet, "Auttaako vai kuormittaako", effect)
        tablet.get_by_role("button", name="Lisää karttaan").click()
        expect(tablet.get_by_role("button", name=f"Poista {name}")).to_be_visible()
    assert axe_violations(tablet) == [], "network map"
    tablet.get_by_role("button", name="Tallenna verkostokartta").click()
    expect(tablet.get_by_text("Tallennettu perheen tietoihin.")).to_be_visible()


def test_together_mode_with_the_demo_family_then_the_guardians_phone(tablet, new_context):
    _open_record(tablet)
    record_url = _start_together(tablet)
    expect(tablet.get_by_role("heading", name="Perhe Kemppainen", level=1)).to_be_visible()
    # Nothing of the caseload or other families: no navigation, no sign-out, no other names.
    expect(tablet.get_by_role("navigation")).to_have_count(0)
    expect(tablet.get_by_text("Huttunen")).to_have_count(0)
    assert axe_violations(tablet) == [], "together menu"
    _fill_evaluation(tablet)
    _pick_cards(tablet)
    _set_role_map(tablet)
    _draw_network(tablet)
    # The family cannot leave by typing another address: every staff page leads back here.
    for path in ("/caseload", "/week", record_url):
        tablet.goto(path)
        expect(tablet).to_have_url(re.compile(r"/together/?$"), timeout=20_000)
    wait_ready(tablet)
    tablet.get_by_label("Työntekijän PIN-koodi tai salasana").fill("1357")
    tablet.get_by_role("button", name="Lopeta yhdessä-tila").click()
    expect(tablet.get_by_text("PIN-koodi tai salasana ei ollut oikein.")).to_be_visible()
    expect(tablet).to_have_url(re.compile(r"/together/?$"))
    tablet.get_by_label("Työntekijän PIN-koodi tai salasana").fill(PIN)
    tablet.get_by_role("button", name="Lopeta yhdessä-tila").click()
    expect(tablet).to_have_url(re.compile(r"/record/\d+$"), timeout=20_000)
    wait_ready(tablet)
    results = tablet.get_by_role("region", name="Yhdessä perheen kanssa")
    expect(results.get_by_text("Iloinen · Väsynyt · Rohkea")).to_be_visible()
    assert axe_violations(tablet) == [], "record with results"

    phone = new_context(PHONE)
    sign_in(phone, "family@example.org", home="/family")
    phone.get_by_role("link", name="Yhteinen työ: arvioinnit, kortit ja kartat").click()
    expect(phone).to_have_url(re.compile(r"/family/work/?$"))
    wait_ready(phone)
    expect(phone.get_by_role("heading", name="Perheen tilanteen arviointi")).to_be_visible()
    # The chart's figures as a table: the guardian's new review beside the start.
    parenting = phone.get_by_role("table", name="Vanhemmuus")
    expect(parenting.get_by_role("row")).to_have_count(4)  # header + 2 at the start + the review
    expect(parenting.get_by_role("row").last).to_contain_text("Väliarviointi")
    expect(parenting.get_by_role("row").last).to_contain_text("4")
    role_map = phone.get_by_role("table", name=re.compile("^Roolikartta"))
    expect(role_map.get_by_role("row", name=re.compile("^Aamut"))).to_contain_text("Jussi")
    expect(role_map.get_by_role("row", name=re.compile("^Aamut"))).to_contain_text("Muuttunut")
    expect(phone.locator("svg.net-map")).to_be_visible()
    network = phone.get_by_role("table", name="Verkostokartta")
    expect(network.get_by_role("row", name=re.compile("Jalkapallo"))).to_contain_text(
        "Harrastukset"
    )
    expect(phone.get_by_text("Uusia: Jalkapallo")).to_be_visible()
    assert axe_violations(phone) == [], "/family/work"


def test_child_checkin_on_a_guardians_phone(phone):
    sign_in(phone, "family2@example.org", home="/family")
    open_page(phone, "/family/work")
    phone.get_by_text("Lapsen vointikysely").click()
    phone.get_by_label("Kuka lapsista vastaa?").select_option(label="Aino")
    phone.get_by_role("button", name="Valmis!").click()
    expect(phone.get_by_text("Valitse vastaus.")).to_be_visible()
    expect(phone.get_by_label("Kuka lapsista vastaa?")).to_have_value(re.compile(r"\d+"))
    for question in (
        "Miltä sinusta tänään tuntuu?",
        "Kotona",
        "Koulussa",
        "Kavereiden",
        "Nukkuminen",
    ):
        _answer(phone, question, "Hyvä")
    assert axe_violations(phone) == []
    phone.get_by_role("button", name="Valmis!").click()
    expect(phone.get_by_text("Tallennettu perheen tietoihin.")).to_be_visible()
    expect(phone.get_by_text("Aino ·", exact=False).first).to_be_visible()


def test_no_together_mode_for_a_family_not_on_the_caseload(tablet):
    sign_in(tablet, "worker2@example.org", home="/caseload")
    open_page(tablet, "/together")
    expect(tablet).to_have_url(re.compile(r"/caseload/?$"), timeout=20_000)


SWITCH = {"sv": "Svenska", "en": "English", "fi": "Suomi"}
ACTIVITIES = ("evaluation", "cards", "rolemap", "network", "child")


@pytest.mark.parametrize("lang", ["sv", "en", "fi"])  # Finnish last: the account keeps it
def test_every_view_of_this_issue_passes_axe_in_each_language(tablet, lang):
    text = TEXTS[lang]
    _open_record(tablet)
    tablet.get_by_role("button", name=SWITCH[lang]).click()
    expect(tablet.locator("[data-ready='true']")).to_have_attribute("lang", lang)
    wait_ready(tablet)
    assert axe_violations(tablet) == [], "record"
    tablet.get_by_label(text["together.pin"]).fill(PIN)
    tablet.get_by_role("button", name=text["together.start"]).click()
    expect(tablet).to_have_url(re.compile(r"/together/?$"), timeout=20_000)
    wait_ready(tablet)
    expect(tablet.get_by_role("heading", level=1)).to_have_text(
        text["together.family"].format(name="Kemppainen")
    )
    assert axe_violations(tablet) == [], "together menu"
    for activity in ACTIVITIES:
        tablet.get_by_role("button", name=text[f"activity.{activity}"]).click()
        expect(tablet.get_by_role("heading", name=text[f"activity.{activity}"])).to_be_visible()
        assert axe_violations(tablet) == [], activity
        tablet.get_by_role("button", name=text["together.back"]).click()
    tablet.get_by_label(text["together.secret"]).fill(PIN)
    tablet.get_by_role("button", name=text["together.end"]).click()
    expect(tablet).to_have_url(re.compile(r"/record/\d+$"), timeout=20_000)
    wait_ready(tablet)
