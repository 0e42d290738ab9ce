"""UI texts in the built frontend (issue 18): the prerendered page already holds the Finnish
content, the state carries only the language code, a language switch swaps the texts in the
browser, and a visit with the network off is in the chosen language."""

import pytest
from playwright.sync_api import Page, expect

from familywork_app.i18n import TEXTS
from tests.e2e.conftest import open_page, sign_in, wait_ready

pytestmark = pytest.mark.e2e


def test_the_prerendered_front_page_holds_the_finnish_content(phone: Page):
    html = phone.request.get("/").text()
    assert TEXTS["fi"]["info.apply.heading"] in html
    assert TEXTS["fi"]["info.apply.online.p1"].split(".")[0] in html


def test_the_front_pages_state_messages_carry_no_texts(phone: Page):
    received: list[str] = []
    phone.on(
        "websocket",
        lambda ws: ws.on(
            "framereceived", lambda frame: received.append(str(frame if frame else ""))
        ),
    )
    open_page(phone, "/")
    state = [m for m in received if "delta" in m]
    assert state, received
    assert len(state[0].encode()) <= 3 * 1024, len(state[0].encode())
    assert TEXTS["fi"]["info.apply.online.p1"] not in "".join(received)


def test_a_language_switch_swaps_the_texts_in_the_browser(phone: Page):
    open_page(phone, "/")
    heading = phone.get_by_role("heading", name=TEXTS["fi"]["info.apply.heading"])
    expect(heading).to_be_visible()
    phone.get_by_role("button", name="Svenska").click()
    expect(phone.get_by_role("heading", name=TEXTS["sv"]["info.apply.heading"])).to_be_visible()
    expect(phone.locator("html")).to_have_attribute("lang", "sv")
    phone.reload()  # the choice is remembered (cookie) and the first paint after it is Swedish
    wait_ready(phone)
    expect(phone.get_by_role("heading", name=TEXTS["sv"]["info.apply.heading"])).to_be_visible()


def test_offline_the_family_home_is_in_the_chosen_language(phone: Page):
    sign_in(phone, "family@example.org", home="/family")
    with phone.expect_navigation():  # signed in, a language switch loads the page again
        phone.get_by_role("button", name="Svenska").click()
    wait_ready(phone)
    phone.evaluate("navigator.serviceWorker.ready")
    phone.reload()  # now controlled by the service worker, which caches the page
    wait_ready(phone)
    phone.context.set_offline(True)
    phone.reload()
    expect(phone.get_by_text(TEXTS["sv"]["offline.banner"])).to_be_visible(timeout=10_000)
    navigation = phone.get_by_role("navigation", name=TEXTS["sv"]["common.main_nav"])
    expect(navigation.get_by_role("link", name=TEXTS["sv"]["nav.home"])).to_be_visible()
    expect(phone.locator("html")).to_have_attribute("lang", "sv")
    finnish = navigation.get_by_role("link", name=TEXTS["fi"]["nav.home"], exact=True)
    expect(finnish).to_have_count(0)
    phone.context.set_offline(False)
