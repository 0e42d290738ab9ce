"""A photo in a message, phone to tablet (issue 17): the guardian attaches a photo taken with GPS
in its EXIF (after a refused .exe renamed .jpg, which leaves the typed text alone), the worker's
tablet shows it as a thumbnail through the authorised route, and the stored bytes hold no GPS."""

import io
import re
import sqlite3

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.e2e.a11y import axe_violations
from tests.e2e.conftest import TABLET, open_page, sign_in

pytestmark = pytest.mark.e2e

GPS_IFD = 0x8825
TEXT = "Tässä koulun tiedote kuvana."


def _gps_photo() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2] = "N", (64.0, 13.0, 30.0)
    gps[3], gps[4] = "E", (27.0, 43.0, 10.0)
    out = io.BytesIO()
    Image.new("RGB", (2400, 1600), (30, 90, 160)).save(out, "JPEG", exif=exif)
    return out.getvalue()


def _db(app_server) -> sqlite3.Connection:
    return sqlite3.connect(app_server["db_url"].removeprefix("sqlite:///"))


def test_a_gps_photo_goes_from_the_phone_to_the_tablet_without_its_location(
    phone, new_context, app_server
):
    photo = _gps_photo()
    assert Image.open(io.BytesIO(photo)).getexif().get_ifd(GPS_IFD)  # the premise
    sign_in(phone, "family@example.org", home="/family")
    open_page(phone, "/family/messages")
    box = phone.get_by_label("Uusi viesti")
    box.fill(TEXT)
    picker = phone.get_by_label("Lisää kuva tai PDF")
    # An .exe renamed .jpg: refused next to the field, naming the file; the text stays.
    exe = {"name": "kuva.jpg", "mimeType": "image/jpeg", "buffer": b"MZ\x90\x00" + b"\0" * 512}
    picker.set_input_files(exe)
    error = phone.locator("#files-error")
    expect(error).to_contain_text("kuva.jpg: Vain kuvia (JPEG, PNG, WebP) ja PDF-asiakirjoja")
    expect(box).to_have_value(TEXT)
    # A 30 MB video: refused on the phone before any upload, with its reason.
    video = {"name": "video.mp4", "mimeType": "video/mp4", "buffer": b"\0" * (30 * 1024 * 1024)}
    picker.set_input_files(video)
    expect(error).to_contain_text("Tiedosto on yli 10 Mt.")
    expect(box).to_have_value(TEXT)
    # The real photo: checked, waiting under the box, with a caption for its alt text.
    picker.set_input_files({"name": "IMG_0001.jpg", "mimeType": "image/jpeg", "buffer": photo})
    expect(phone.get_by_text("IMG_0001.jpg", exact=False)).to_be_visible(timeout=20_000)
    expect(error).to_be_empty()
    expect(phone.get_by_role("button", name="Poista IMG_0001.jpg")).to_be_visible()
    phone.get_by_label("Kuvan kuvaus (vapaaehtoinen)").fill("Koulun tiedote")
    expect(box).to_have_value(TEXT)
    assert axe_violations(phone) == []
    phone.get_by_role("button", name="Lähetä", exact=True).click()
    mine = phone.locator("li.msg-mine").last
    expect(mine.get_by_text(TEXT)).to_be_visible()
    picture = mine.get_by_role("img", name="Koulun tiedote")
    expect(picture).to_be_visible()
    expect(picture).to_have_attribute("src", re.compile(r"^/files/\d+$"))
    phone.wait_for_function(
        "() => [...document.querySelectorAll('li.msg-mine img')].some(i => i.naturalWidth > 0)"
    )
    box_width = picture.bounding_box()
    assert box_width is not None and box_width["width"] > 250  # full width on the phone
    assert axe_violations(phone) == []

    # The stored bytes: re-encoded, no EXIF at all, so no GPS tag; at most 2,048 px.
    with _db(app_server) as connection:
        family_id, data = connection.execute(
            "SELECT family_id, data FROM messagefile WHERE caption = 'Koulun tiedote'"
        ).fetchone()
    stored = Image.open(io.BytesIO(data))
    assert not stored.getexif().get_ifd(GPS_IFD) and not stored.getexif()
    assert b"PhoneMaker" not in data and max(stored.size) == 2048

    # The worker's tablet shows it as a thumbnail, loaded through the authorised route.
    tablet = new_context(viewport=TABLET)
    sign_in(tablet, "worker@example.org", home="/caseload")
    open_page(tablet, f"/record/{family_id}")
    thumb = tablet.get_by_role("img", name="Koulun tiedote")
    expect(thumb).to_be_attached(timeout=20_000)
    thumb.evaluate("img => img.scrollIntoView()")  # thumbnails load lazily, near the viewport
    expect(thumb).to_be_visible(timeout=20_000)
    expect(thumb).to_have_attribute("src", re.compile(r"^/files/\d+/thumb$"))
    tablet.wait_for_function(
        "() => [...document.querySelectorAll('img[src$=\"/thumb\"]')]"
        ".some(i => i.complete && i.naturalWidth > 0)"
    )
    size = thumb.bounding_box()
    assert size is not None and size["width"] <= 160
    with _db(app_server) as connection:
        downloads = connection.execute(
            "SELECT count(*) FROM accesslog WHERE action = 'download_file'"
        ).fetchone()[0]
    assert downloads >= 2  # the phone's picture and the tablet's thumbnail


def test_a_photo_alone_is_a_message_and_the_inbox_says_so(phone, new_context):
    sign_in(phone, "family@example.org", home="/family")
    open_page(phone, "/family/messages")
    jpeg = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 120, 40)).save(jpeg, "JPEG")
    picker = phone.get_by_label("Lisää kuva tai PDF")
    picker.set_input_files(
        {"name": "IMG_0003.jpg", "mimeType": "image/jpeg", "buffer": jpeg.getvalue()}
    )
    expect(phone.get_by_role("button", name="Poista IMG_0003.jpg")).to_be_visible(timeout=20_000)
    expect(phone.get_by_label("Uusi viesti")).to_have_value("")
    phone.get_by_role("button", name="Lähetä", exact=True).click()
    mine = phone.locator("li.msg-mine").last
    expect(mine.get_by_role("img", name="Kuva: IMG_0003.jpg")).to_be_visible()
    expect(phone.locator("#body-error")).to_be_empty()
    tablet = new_context(viewport=TABLET)
    sign_in(tablet, "worker@example.org", home="/caseload")
    open_page(tablet, "/inbox")
    expect(tablet.get_by_text("Kuva tai asiakirja", exact=False).first).to_be_visible()
