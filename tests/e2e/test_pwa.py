"""Installable and useful offline (issue 5): Chromium's installability check, the service
worker, the offline banner with what was last seen, and the .ics download."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine, text

from tests.e2e.conftest import CHROMIUM_ARGS, open_page, sign_in, wait_ready

pytestmark = pytest.mark.e2e


def test_chromium_finds_the_app_installable(browser, app_server, tmp_path):
    # A normal (persistent) profile: Chromium never offers installation in incognito contexts.
    options = {"args": CHROMIUM_ARGS, "base_url": app_server["base"], "locale": "fi-FI"}
    if Path("/usr/bin/chromium").exists():
        options["executable_path"] = "/usr/bin/chromium"
    context = browser.browser_type.launch_persistent_context(str(tmp_path / "profile"), **options)
    try:
        page = context.new_page()
        open_page(page, "/")
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        errors = context.new_cdp_session(page).send("Page.getInstallabilityErrors")
        assert errors["installabilityErrors"] == []
        manifest = page.request.get("/manifest.webmanifest")
        assert manifest.ok and manifest.json()["display"] == "standalone"
    finally:
        context.close()


def test_offline_the_family_home_shows_the_banner_and_what_was_last_seen(phone):
    sign_in(phone, "family@example.org", home="/family")
    phone.evaluate("navigator.serviceWorker.ready")
    phone.reload()  # now controlled by the service worker, which caches the page
    wait_ready(phone)
    expect(phone.get_by_text("Aamut sujuvat ilman riitaa").first).to_be_visible()
    phone.context.set_offline(True)
    phone.reload()
    banner = phone.get_by_text("Ei verkkoyhteyttä.", exact=False)
    expect(banner).to_be_visible(timeout=10_000)
    snapshot = phone.locator("#offline-snapshot")
    expect(snapshot.get_by_text("Viimeksi nähty")).to_be_visible()
    expect(snapshot.get_by_text("Aamut sujuvat ilman riitaa", exact=False)).to_be_visible()
    expect(
        snapshot.get_by_text(re.compile(r"^Seuraava sovittu tapaaminen: .+\d{1,2}[:.]\d{2}"))
    ).to_be_visible()  # the last-seen next meeting, with its time
    phone.context.set_offline(False)
    expect(banner).to_be_hidden(timeout=10_000)


def test_agreed_meeting_downloads_as_ics(phone):
    sign_in(phone, "family@example.org", home="/family")
    open_page(phone, "/family/meetings")
    with phone.expect_download() as download:
        phone.get_by_role("link", name="Lisää kalenteriin").first.click()
    text = Path(download.value.path()).read_text()
    assert "BEGIN:VEVENT" in text and re.search(r"DTSTART", text)


def test_a_message_written_offline_is_delivered_after_reconnecting(phone, app_server):
    sign_in(phone, "family2@example.org", home="/family")
    open_page(phone, "/family/messages")
    phone.context.set_offline(True)
    expect(phone.get_by_text("Ei verkkoyhteyttä.", exact=False)).to_be_visible(timeout=10_000)
    body = "Kirjoitettu ilman verkkoa: huomenna sopii."
    phone.get_by_label("Uusi viesti", exact=True).fill(body)
    phone.get_by_role("button", name="Lähetä", exact=True).click()
    # Offline nothing is lost: the text waits in the box until the message is sent.
    expect(phone.get_by_label("Uusi viesti", exact=True)).to_have_value(body)
    phone.context.set_offline(False)
    expect(phone.locator(".msg-body").get_by_text(body, exact=True)).to_be_visible(timeout=30_000)
    expect(phone.get_by_label("Uusi viesti", exact=True)).to_have_value("")
    engine = create_engine(app_server["db_url"])
    with engine.connect() as connection:
        stored = connection.execute(
            text("SELECT count(*) FROM message WHERE body = :b"), {"b": body}
        ).scalar()
    engine.dispose()
    assert stored == 1  # delivered once, not twice
