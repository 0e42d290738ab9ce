"""WCAG 2.1 AA across the app (issue 5): axe on every page in Finnish, Swedish and English at
phone and tablet width, and no page wider than the screen; the keyboard alone; 200 % text
without content running off the side;
the accessibility statement linked from every page's foot."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from familywork_app.i18n import TEXTS
from tests.e2e.a11y import axe_violations
from tests.e2e.conftest import PHONE, TABLET, open_page, sign_in, wait_ready

pytestmark = pytest.mark.e2e

PUBLIC = ["/", "/apply", "/signin", "/forgot-password", "/accessibility"]
GUARDIAN = [
    "/family",
    "/family/meetings",
    "/family/goals",
    "/family/messages",
    "/family/work",
    "/family/plan",
    "/family/data",
    "/family/members",
    "/family/help",
    "/account",
    "/settings",
]
SUPERVISOR = [
    "/overview",
    "/work",
    "/queue",
    "/week",
    "/inbox",
    "/register",
    "/staff",
    "/access-log",
    "/account",
    "/settings",
]
WORKER = ["/caseload", "/work", "/week"]
SWITCH = {"fi": "Suomi", "sv": "Svenska", "en": "English"}
# Every page at 390 and 1024 px, in Finnish, after each run (a CI artifact; gitignored).
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"


def _in_language(page: Page, lang: str) -> None:
    page.get_by_role("button", name=SWITCH[lang]).first.click()
    expect(page.locator("[data-ready='true']")).to_have_attribute("lang", lang)
    wait_ready(page)


def _screenshot(page: Page, path: str, who: str) -> None:
    """Keep a picture of the page as the test run's artifact (README links a few)."""
    name = re.sub(r"/\d+", "", path).strip("/").replace("/", "-") or "front"
    width = page.viewport_size["width"] if page.viewport_size else 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{width}-{who}-{name}.png"), full_page=True)


def _axe_everywhere(page: Page, paths: list[str], lang: str, who: str) -> dict[str, list[str]]:
    found = {}
    for path in paths:
        open_page(page, path)
        expect(page.locator("[data-ready='true']")).to_have_attribute("lang", lang)
        # the page's own data is in (not "Loading…") before axe looks and the picture is taken
        expect(page.get_by_text(TEXTS[lang]["common.loading"], exact=True)).to_have_count(0)
        found[path] = axe_violations(page)
        if lang == "fi":
            _screenshot(page, path, who)
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if width[0] > width[1] + 1:  # reflow: nothing may run off the side of the screen
            found[path].append(f"page {width[0]} px wide on a {width[1]} px screen")
    return {path: v for path, v in found.items() if v}


def _record_path(page: Page) -> str:
    open_page(page, "/caseload")
    page.get_by_role("link", name="Kemppainen").first.click()
    expect(page).to_have_url(re.compile(r"/record/\d+$"))
    return re.search(r"/record/\d+", page.url).group(0)


@pytest.mark.parametrize("viewport", [PHONE, TABLET], ids=["phone", "tablet"])
def test_every_page_in_three_languages_passes_axe(new_context, viewport):
    visitor = new_context(viewport)
    guardian = new_context(viewport)
    sign_in(guardian, "family@example.org", home="/family")
    supervisor = new_context(viewport)
    sign_in(supervisor, "supervisor@example.org", home="/overview")
    worker = new_context(viewport)
    sign_in(worker, "worker@example.org", home="/caseload")
    record = _record_path(worker)
    open_page(visitor, "/")
    for lang in ("sv", "en", "fi"):  # Finnish last: the accounts keep their language
        problems = {}
        for page, paths, who in (
            (visitor, PUBLIC, "visitor"),
            (guardian, GUARDIAN, "guardian"),
            (supervisor, SUPERVISOR, "supervisor"),
            (worker, [*WORKER, record], "worker"),
        ):
            _in_language(page, lang)
            problems.update(_axe_everywhere(page, paths, lang, who))
        assert problems == {}, lang


def test_the_keyboard_alone_signs_in_and_sends_a_message(phone):
    open_page(phone, "/signin")
    phone.keyboard.press("Tab")  # the skip link comes first
    expect(phone.get_by_role("link", name="Siirry sisältöön")).to_be_focused()
    email = phone.get_by_label("Sähköposti")
    for _ in range(12):
        phone.keyboard.press("Tab")
        if email.evaluate("e => e === document.activeElement"):
            break
    expect(email).to_be_focused()
    outline = email.evaluate(
        "e => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth"
    )
    assert outline.split()[0] != "none" and float(outline.split()[1][:-2]) >= 2  # visible focus
    phone.keyboard.type("family2@example.org")
    phone.keyboard.press("Tab")
    expect(phone.get_by_label("Salasana")).to_be_focused()
    phone.keyboard.type("perhetyo-demo-2026")
    phone.keyboard.press("Enter")
    expect(phone).to_have_url(re.compile(r"/family/?$"), timeout=20_000)
    wait_ready(phone)
    messages = phone.get_by_role("link", name=re.compile("^Viestit"))
    for _ in range(40):
        phone.keyboard.press("Tab")
        if messages.evaluate("e => e === document.activeElement"):
            break
    expect(messages).to_be_focused()
    phone.keyboard.press("Enter")
    expect(phone).to_have_url(re.compile(r"/family/messages/?$"))
    wait_ready(phone)
    box = phone.get_by_label("Uusi viesti", exact=True)
    for _ in range(40):
        phone.keyboard.press("Tab")
        if box.evaluate("e => e === document.activeElement"):
            break
    phone.keyboard.type("Näppäimistöllä kirjoitettu viesti.")
    send = phone.get_by_role("button", name="Lähetä", exact=True)
    for _ in range(4):  # past the photo/PDF picker and its caption, if shown
        phone.keyboard.press("Tab")
        if send.evaluate("e => e === document.activeElement"):
            break
    expect(send).to_be_focused()
    phone.keyboard.press("Enter")
    expect(
        phone.locator(".msg-body").get_by_text("Näppäimistöllä kirjoitettu viesti.")
    ).to_be_visible()


def test_200_percent_text_keeps_every_family_page_within_the_screen(phone):
    sign_in(phone, "family@example.org", home="/family")
    for path in GUARDIAN:
        open_page(phone, path)
        phone.evaluate("document.documentElement.style.fontSize = '200%'")
        phone.wait_for_timeout(100)
        width = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1] + 1, f"{path} runs off the side at 200 % text: {width}"
        expect(phone.get_by_role("heading", level=1)).to_be_visible()


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_accessibility_statement_is_linked_from_the_foot_of_pages(new_context, lang):
    page = new_context(PHONE, locale={"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}[lang])
    open_page(page, "/apply")
    page.get_by_role("link", name=TEXTS[lang]["a11y.link"]).click()
    expect(page).to_have_url(re.compile(r"/accessibility/?$"))
    wait_ready(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(TEXTS[lang]["a11y.title"])
    expect(page.get_by_role("link", name="saavutettavuus@avi.fi")).to_be_visible()
