"""The worker's calendar (issue 14, part 3) in the browser: on a tablet the week is seven columns
with today's marked, the day view steps a day at a time and leads to a family's meetings; on a
phone the days are stacked and nothing runs off the side.

The demo worker's open meetings are 2 to 6 days from today (Pikkarainen at 12.00 in 2 days)."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import FloatRect, Locator, Page, expect

from tests.e2e.a11y import axe_violations
from tests.e2e.conftest import open_page, sign_in

pytestmark = pytest.mark.e2e


def _today() -> date:
    return datetime.now(ZoneInfo("Europe/Helsinki")).date()


def _boxes(days: Locator) -> list[FloatRect]:
    found = [days.nth(n).bounding_box() for n in range(days.count())]
    return [box for box in found if box is not None]


def _no_overflow(page: Page) -> None:
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1] + 1, f"page {width[0]} px wide on a {width[1]} px screen"


def _open_calendar(page: Page) -> None:
    sign_in(page, "worker@example.org", home="/caseload")
    open_page(page, "/week")
    expect(page.get_by_role("heading", level=1)).to_have_text("Viikon tapaamiset")
    expect(page.get_by_role("button", name="Viikko", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )


def test_the_worker_reads_the_week_then_steps_through_days_to_a_family(tablet):
    _open_calendar(tablet)
    today = _today()
    marked = tablet.get_by_role("heading", level=3).filter(has_text="Tänään")
    expect(marked).to_have_count(1)
    expect(marked).to_have_attribute("aria-current", "date")
    expect(marked).to_contain_text(f"{today.day}.{today.month}.")
    days = tablet.locator(".cal-week > section")
    expect(days).to_have_count(7)
    boxes = _boxes(days)
    assert len(boxes) == 7 and len({round(b["y"]) for b in boxes}) == 1, "the days side by side"
    assert [b["x"] for b in boxes] == sorted(b["x"] for b in boxes)
    _no_overflow(tablet)
    assert axe_violations(tablet) == []

    tablet.get_by_role("button", name="Päivä", exact=True).click()
    expect(tablet.get_by_role("button", name="Päivä", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    day = tablet.get_by_role("status")
    expect(day).to_contain_text(f"{today.day}.{today.month}.{today.year}")
    expect(day).to_have_attribute("aria-current", "date")
    expect(tablet.get_by_role("button", name="Seuraava viikko")).to_have_count(0)
    assert axe_violations(tablet) == []
    for _ in range(2):  # into next week when today is Saturday or Sunday
        tablet.get_by_role("button", name="Seuraava päivä").click()
    later = today + timedelta(days=2)
    expect(day).to_contain_text(f"{later.day}.{later.month}.{later.year}")
    expect(day).to_have_attribute("aria-current", "false")
    tablet.get_by_role("button", name="Edellinen päivä").click()
    between = later - timedelta(days=1)
    expect(day).to_contain_text(f"{between.day}.{between.month}.{between.year}")
    tablet.get_by_role("button", name="Tänään").click()
    expect(day).to_contain_text(f"{today.day}.{today.month}.{today.year}")
    for _ in range(2):
        tablet.get_by_role("button", name="Seuraava päivä").click()
    expect(day).to_contain_text(f"{later.day}.{later.month}.{later.year}")
    meeting = tablet.get_by_role("listitem").filter(has_text="12:00–13:00")
    expect(meeting.get_by_text("Sovittu")).to_be_visible()
    meeting.get_by_role("link", name="Pikkarainen").click()
    expect(tablet).to_have_url(re.compile(r"/record/\d+/?#sec-meetings$"))


def test_the_week_on_a_phone_is_a_list_of_days_no_wider_than_the_screen(phone):
    _open_calendar(phone)
    days = phone.locator(".cal-week > section")
    expect(days).to_have_count(7)
    expect(phone.get_by_role("heading", level=3).filter(has_text="Tänään")).to_be_visible()
    boxes = _boxes(days)
    assert len(boxes) == 7 and len({round(b["x"]) for b in boxes}) == 1, (
        "the days one under another"
    )
    assert [b["y"] for b in boxes] == sorted(b["y"] for b in boxes)
    assert all(b["x"] + b["width"] <= 390 for b in boxes)
    _no_overflow(phone)
    assert axe_violations(phone) == []
    phone.get_by_role("button", name="Seuraava viikko").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(re.compile(r"Tapaamiset, viikko"))
    expect(phone.get_by_role("heading", level=3).filter(has_text="Tänään")).to_have_count(0)
    _no_overflow(phone)
    phone.get_by_role("button", name="Päivä", exact=True).click()
    expect(phone.get_by_role("button", name="Seuraava päivä")).to_be_visible()
    _no_overflow(phone)
    assert axe_violations(phone) == []
