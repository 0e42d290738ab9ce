"""The family's pages on a 390 px phone (issue 14): the ratings chart's dates side by side, the
service name whole in the top bar, bulleted lists, tap targets of at least 44 × 44 px, and a
pending applicant who sees only what fits an application."""

import re

import pytest
from playwright.sync_api import Page, expect

from familywork_app.i18n import TEXTS
from tests.e2e.conftest import PHONE, open_page, sign_in

pytestmark = pytest.mark.e2e

FAMILY_PAGES = [
    "/family",
    "/family/meetings",
    "/family/goals",
    "/family/messages",
    "/family/work",
    "/family/data",
    "/family/members",
    "/account",
    "/settings",
]
MIN_TARGET = 44  # CSS px, WCAG 2.5.5 (Target Size, AAA); 0.5 px for rounding

# Every visible button, link and form control; a checkbox or radio counts with its label (a tap
# on the label ticks it). Exempt: a link inside running text (its paragraph has more text).
MEASURE = """(min) => {
  const controls = document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), select, textarea, summary");
  const small = [];
  for (const el of controls) {
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || el.closest("[hidden], dialog:not([open]), .sr-only"))
      continue;
    let box = el.getBoundingClientRect();
    if (box.width < 2 || box.height < 2 || box.right <= 0) continue;  // skip link, off screen
    if (el.tagName === "A" && style.display === "inline") {
      const block = el.parentElement;
      if (block && block.textContent.trim().length > el.textContent.trim().length) continue;
    }
    if (el.type === "checkbox" || el.type === "radio") {
      for (const label of el.labels || []) {
        const l = label.getBoundingClientRect();
        box = {left: Math.min(box.left, l.left), right: Math.max(box.right, l.right),
               top: Math.min(box.top, l.top), bottom: Math.max(box.bottom, l.bottom)};
      }
    }
    const width = box.right - box.left, height = box.bottom - box.top;
    if (width < min - 0.5 || height < min - 0.5) {
      const name = (el.getAttribute("aria-label") || el.textContent || el.name || el.id || "")
        .trim().slice(0, 40);
      const size = `${Math.round(width)}x${Math.round(height)}`;
      small.push(`${el.tagName.toLowerCase()} "${name}" ${size}`);
    }
  }
  return small;
}"""


def _overlaps(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"] - 0.5
        and b["x"] < a["x"] + a["width"] - 0.5
        and a["y"] < b["y"] + b["height"] - 0.5
        and b["y"] < a["y"] + a["height"] - 0.5
    )


def test_the_ratings_charts_dates_do_not_overlap_on_a_phone(phone):
    sign_in(phone, "family@example.org", home="/family")
    open_page(phone, "/family/goals")
    charts = phone.locator(".chart[aria-hidden='true']")
    expect(charts.first).to_be_visible()
    measured = 0
    for index in range(charts.count()):
        labels = charts.nth(index).locator(".bar-label")
        boxes = [labels.nth(i).bounding_box() for i in range(labels.count())]
        assert all(boxes), "every date under a bar has a box"
        for i, first in enumerate(boxes):
            for second in boxes[i + 1 :]:
                assert not _overlaps(first, second), (index, first, second)
        measured += len(boxes)
    assert measured >= 4  # the demo family's goals have several ratings each


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_service_name_is_whole_on_a_phone_and_the_lists_have_bullets(new_context, lang):
    page = new_context(viewport=PHONE, locale={"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}[lang])
    open_page(page, "/")
    expect(page.locator("[data-ready='true']")).to_have_attribute("lang", lang)
    brand = page.get_by_role("banner").get_by_role("link", name=TEXTS[lang]["app.name"])
    expect(brand).to_be_visible()
    cut = brand.evaluate(
        "el => [el.scrollWidth > el.clientWidth + 1, el.getBoundingClientRect().right]"
    )
    assert cut[0] is False and cut[1] <= PHONE["width"], cut
    areas = page.get_by_role("region", name=TEXTS[lang]["info.areas.heading"]).get_by_role(
        "listitem"
    )
    expect(areas.first).to_be_visible()
    marker = areas.first.evaluate(
        "li => [getComputedStyle(li).listStyleType, "
        "parseFloat(getComputedStyle(li.parentElement).paddingLeft)]"
    )
    assert marker[0] == "disc" and marker[1] > 0, marker


def _small_targets(page: Page, paths: list[str]) -> dict[str, list[str]]:
    found = {}
    for path in paths:
        open_page(page, path)
        found[path] = page.evaluate(MEASURE, MIN_TARGET)
    return {path: small for path, small in found.items() if small}


def test_every_tap_target_on_the_family_pages_is_at_least_44_px(phone):
    sign_in(phone, "family@example.org", home="/family")
    assert _small_targets(phone, FAMILY_PAGES) == {}


def test_a_pending_applicant_sees_only_what_fits_an_application(phone, new_context):
    sign_in(phone, "applicant@example.org", home="/family")
    nav = phone.get_by_role("navigation", name="Päävalikko")
    expect(nav.get_by_role("link", name=TEXTS["fi"]["nav.home"])).to_be_visible()
    expect(nav.get_by_role("link")).to_have_count(2)  # the home page and messages
    expect(nav.get_by_role("link", name=re.compile("^Viestit"))).to_be_visible()
    expect(phone.get_by_role("link", name=TEXTS["fi"]["work.link"])).to_have_count(0)
    assert _small_targets(phone, ["/family"]) == {}
    nav.get_by_role("link", name=re.compile("^Viestit")).click()
    expect(phone.get_by_text(TEXTS["fi"]["messages.reply_time_pending"])).to_be_visible()
    expect(phone.get_by_text(TEXTS["fi"]["messages.reply_time"])).to_have_count(0)
    # A family whose work has begun still has every tab.
    family = new_context()
    sign_in(family, "family@example.org", home="/family")
    links = family.get_by_role("navigation", name="Päävalikko").get_by_role("link")
    expect(links).to_have_count(4)


FONT_LOADED = """async () => {
  await document.fonts.ready;
  const ours = (face) => face.family.replaceAll('"', "") === "Source Sans 3 Variable";
  return [...document.fonts].some((face) => ours(face) && face.status === "loaded");
}"""


def test_pages_use_the_apps_own_font_and_ask_no_other_host(phone: Page):
    """The design system's font comes from the app (no third-party request), and the text is
    set in it once it has loaded."""
    hosts = set()
    phone.on("request", lambda request: hosts.add(re.sub(r"^\w+://([^/]+).*$", r"\1", request.url)))
    for path in ("/", "/signin"):
        open_page(phone, path)
        family = phone.evaluate("getComputedStyle(document.body).fontFamily")
        assert family.startswith('"Source Sans 3 Variable"'), family
        assert phone.evaluate(FONT_LOADED), path
    assert {host.split(":")[0] for host in hosts} == {"localhost"}, hosts
