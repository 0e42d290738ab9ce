"""Photos and PDFs in messages (issue 17): cleaning with real Pillow images, every bad input,
who may add, remove and open which file (the services and the HTTP route), the data export,
and a backup and restore that carries a file byte for byte."""

import base64
import hashlib
import io
import logging

import pytest
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject
from sqlmodel import Session, func, select

from familywork_app import admin
from familywork_app.db import make_engine
from familywork_app.domain import FamilyStatus, FileKind, LogAction
from familywork_app.models import AccessLog, MessageFile
from familywork_app.services import NotAllowed, ServiceError
from familywork_app.services import attachments as svc
from familywork_app.services.attachment_checks import LONGEST_SIDE, MAX_BYTES, checked_file
from familywork_app.services.export import family_export
from familywork_app.services.export_html import render_export
from familywork_app.services.messages import conversation, send_message
from familywork_app.state.file_presenters import present_file
from familywork_app.state.message_files import device_refusal
from tests.factories import FamilyWorld, make_family
from tests.message_file_calls import png_bytes
from tests.test_plan_download import _get, _signed_in, app_on_test_db  # noqa: F401  (fixture)

GPS_IFD = 0x8825
SCRIPT = b"<script>alert(document.cookie)</script>"


def gps_jpeg(size: tuple[int, int] = (3000, 1800)) -> bytes:
    """A camera-like JPEG: make and GPS position in its EXIF, a script in its comment."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2] = "N", (64.0, 13.0, 30.0)  # Kajaani
    gps[3], gps[4] = "E", (27.0, 43.0, 10.0)
    out = io.BytesIO()
    Image.new("RGB", size, (180, 40, 40)).save(out, "JPEG", exif=exif, comment=SCRIPT)
    return out.getvalue()


def pdf_bytes(active: str = "") -> bytes:
    """A one-page PDF; `active`: "js" (document JavaScript), "open" (an OpenAction running
    JavaScript), "launch" (a Launch action), "embedded" (an attached file)."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    if active == "js":
        writer.add_js("app.alert('hei');")
    elif active == "open":
        action = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.alert(1)"),
            }
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    elif active == "launch":
        action = DictionaryObject(
            {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("a.exe")}
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    elif active == "embedded":
        writer.add_attachment("payload.exe", b"MZ" + b"\0" * 64)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _guardian(world: FamilyWorld):
    return world.guardians[0]


def _refusal(db, world, name: str, data: bytes) -> svc.FileRefused:
    with pytest.raises(svc.FileRefused) as refused:
        svc.add_files(db, _guardian(world), world.id, [svc.Incoming(name, data)])
    return refused.value


def _sent_with_file(db, world, data: bytes, caption: str = "") -> tuple[int, int]:
    """(message id, file id): the guardian sends a message with `data` attached."""
    guardian = _guardian(world)
    [waiting] = svc.add_files(db, guardian, world.id, [svc.Incoming("IMG_0001.jpg", data)])
    sent = send_message(db, guardian, world.id, "Koulun tiedote kuvana.")
    svc.attach_waiting(db, guardian, world.id, sent.id, caption)
    return sent.id, waiting.id


# --- cleaning -------------------------------------------------------------------------------


def test_a_photo_loses_its_exif_gps_and_comment_and_shrinks_to_2048_px():
    original = gps_jpeg()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)  # the test's own premise
    assert SCRIPT in original
    clean = checked_file(original, "../../IMG_0001.JPG")
    image = Image.open(io.BytesIO(clean.data))
    assert image.format == "JPEG" and max(image.size) == LONGEST_SIDE
    assert image.size == (2048, 1229)
    assert not image.getexif() and not image.getexif().get_ifd(GPS_IFD)
    assert "comment" not in image.info and "exif" not in image.info
    assert SCRIPT not in clean.data and b"PhoneMaker" not in clean.data
    assert clean.name == "IMG_0001.jpg" and clean.kind == FileKind.IMAGE
    assert clean.sha256 == hashlib.sha256(clean.data).hexdigest()
    thumb = Image.open(io.BytesIO(clean.thumbnail or b""))
    assert max(thumb.size) <= 320 and not thumb.getexif()


def test_the_exif_orientation_is_applied_before_it_is_dropped():
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to show
    out = io.BytesIO()
    Image.new("RGB", (400, 100), "navy").save(out, "JPEG", exif=exif)
    image = Image.open(io.BytesIO(checked_file(out.getvalue(), "a.jpg").data))
    assert image.size == (100, 400) and not image.getexif()


def test_a_transparent_png_stays_a_png_and_a_small_photo_keeps_its_size():
    out = io.BytesIO()
    Image.new("RGBA", (50, 40), (0, 0, 0, 0)).save(out, "PNG")
    clean = checked_file(out.getvalue(), "logo.png")
    assert clean.media_type == "image/png" and Image.open(io.BytesIO(clean.data)).size == (50, 40)


def test_the_type_comes_from_the_content_not_the_name():
    clean = checked_file(png_bytes(), "todistus.exe")
    assert clean.name == "todistus.jpg" and clean.media_type == "image/jpeg"
    assert checked_file(pdf_bytes(), "kuva.jpg").name == "kuva.pdf"


def test_a_clean_pdf_is_kept_byte_for_byte():
    data = pdf_bytes()
    clean = checked_file(data, "lausunto.pdf")
    assert clean.data == data and clean.media_type == "application/pdf" and clean.thumbnail is None


# --- bad input ------------------------------------------------------------------------------


@pytest.fixture
def world(db) -> FamilyWorld:
    return make_family(db, name="Kemppainen")


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("video.mp4", b"\0\0\0\x18ftypmp42" + b"\0" * (30 * 1024 * 1024), "files.too_big"),
        ("kuva.jpg", b"MZ\x90\0\x03\0\0\0" + b"\0" * 4096, "files.wrong_type"),
        ("kuva.jpg", gps_jpeg()[:20_000], "files.damaged"),
        ("kuva.png", png_bytes((400, 300))[:200], "files.damaged"),
        ("tiedote.pdf", pdf_bytes("js"), "files.pdf_active"),
        ("tiedote.pdf", pdf_bytes("open"), "files.pdf_active"),
        ("tiedote.pdf", pdf_bytes("launch"), "files.pdf_active"),
        ("tiedote.pdf", pdf_bytes("embedded"), "files.pdf_active"),
        ("tiedote.pdf", b"%PDF-1.7\n" + b"garbage " * 100, "files.damaged"),
    ],
    ids=["30mb", "exe", "truncated-jpeg", "truncated-png", "js", "open", "launch", "embed", "bad"],
)
def test_each_bad_file_is_refused_with_its_reason_and_nothing_is_stored(
    db, world, name, data, code
):
    refusal = _refusal(db, world, name, data)
    assert (refusal.code, refusal.field, refusal.file_name) == (code, "files", name)
    db.rollback()
    assert db.exec(select(func.count()).select_from(MessageFile)).one() == 0


def test_a_pdf_name_hidden_with_hex_escapes_is_still_found():
    data = pdf_bytes("js").replace(b"/JavaScript", b"/J#61vaScript").replace(b"/JS ", b"/J#53 ")
    with pytest.raises(ServiceError) as refused:
        checked_file(data, "x.pdf")
    assert refused.value.code == "files.pdf_active"


def test_a_jpeg_with_a_script_in_its_comment_is_re_encoded_not_refused(db, world):
    [row] = svc.add_files(db, _guardian(world), world.id, [svc.Incoming("a.jpg", gps_jpeg())])
    stored = db.get(MessageFile, row.id)
    assert stored is not None and SCRIPT not in stored.data


def test_more_than_five_files_a_message_are_refused_all_together(db, world):
    guardian = _guardian(world)
    svc.add_files(db, guardian, world.id, [svc.Incoming(f"{i}.png", png_bytes()) for i in range(3)])
    with pytest.raises(ServiceError) as refused:
        svc.add_files(db, guardian, world.id, [svc.Incoming("x.png", png_bytes())] * 3)
    assert refused.value.code == "files.too_many"
    assert len(svc.waiting_files(db, guardian, world.id)) == 3
    with pytest.raises(ServiceError):
        svc.add_files(db, guardian, world.id, [svc.Incoming("x.png", png_bytes())] * 6)


def test_the_device_refusals_map_to_our_texts():
    rejected = [{"name": "video.mp4", "codes": ["file-invalid-type", "file-too-large"]}]
    assert device_refusal(rejected) == ("files.too_big", "video.mp4")
    assert device_refusal([{"name": "a.gif", "codes": ["file-invalid-type"]}])[0] == (
        "files.wrong_type"
    )
    assert device_refusal([{"codes": ["too-many-files", "file-too-large"]}])[0] == (
        "files.too_many"
    )
    assert device_refusal("forged")[0] == "files.wrong_type"
    assert device_refusal([{"name": 5, "codes": "x"}]) == ("files.wrong_type", "")


def test_the_state_reads_one_byte_past_the_limit_only():
    from familywork_app.state.message_files import read_upload

    class Big:
        name = "big.mp4"

        class file:  # noqa: N801  (the shape of rx.UploadFile.file)
            @staticmethod
            def read(n: int) -> bytes:
                return b"x" * n

    assert len(read_upload(Big()).data) == MAX_BYTES + 1  # type: ignore[arg-type]  # duck type


# --- who may do what ------------------------------------------------------------------------


def test_a_sent_photo_shows_in_both_sides_conversation_with_its_caption(db, world):
    message_id, file_id = _sent_with_file(db, world, gps_jpeg(), caption="Koulun tiedote")
    assert world.worker is not None
    [message] = conversation(db, world.worker, world.id)
    [shown] = message.files
    assert (message.id, shown.id, shown.caption) == (message_id, file_id, "Koulun tiedote")
    view = present_file(shown, "en")
    assert view.alt == "Koulun tiedote" and view.href == f"/files/{file_id}" and view.picture
    assert svc.waiting_files(db, _guardian(world), world.id) == []


def test_without_a_caption_the_alt_text_names_the_photo(db, world):
    _message_id, _file_id = _sent_with_file(db, world, png_bytes())
    [message] = conversation(db, _guardian(world), world.id)
    assert present_file(message.files[0], "fi").alt == "Kuva: IMG_0001.jpg"


def test_another_family_and_a_waiting_file_are_refused_and_logged(db, world, caplog):
    other = make_family(db, name="Komulainen")
    _message_id, file_id = _sent_with_file(db, world, png_bytes())
    [waiting] = svc.add_files(db, _guardian(world), world.id, [svc.Incoming("b.png", png_bytes())])
    assert world.worker is not None and other.worker is not None
    with caplog.at_level(logging.WARNING, logger="familywork.security"):
        for user, fid in [
            (_guardian(other), file_id),
            (other.worker, file_id),
            (world.worker, waiting.id),  # not sent yet: only its uploader sees it
            (_guardian(world), 999_999),
        ]:
            with pytest.raises(NotAllowed):
                svc.file_content(db, user, fid)
        with pytest.raises(NotAllowed):
            svc.remove_file(db, world.worker, world.id, waiting.id)
        with pytest.raises(NotAllowed):
            svc.remove_file(db, _guardian(other), other.id, waiting.id)
    assert caplog.text.count("refused") == 6
    assert svc.file_content(db, world.worker, file_id).media_type == "image/jpeg"


def test_a_closed_familys_guardian_can_no_longer_add_files(db):
    closed = make_family(db, status=FamilyStatus.CLOSED)
    with pytest.raises(NotAllowed):
        svc.add_files(db, _guardian(closed), closed.id, [svc.Incoming("a.png", png_bytes())])


def test_a_file_is_attached_only_to_the_senders_own_message_in_that_family(db, world):
    other = make_family(db)
    svc.add_files(db, _guardian(world), world.id, [svc.Incoming("a.png", png_bytes())])
    foreign = send_message(db, _guardian(other), other.id, "Hei")
    with pytest.raises(NotAllowed):
        svc.attach_waiting(db, _guardian(world), world.id, foreign.id)


# --- the HTTP route -------------------------------------------------------------------------


def _downloads(db) -> int:
    return db.exec(
        select(func.count())
        .select_from(AccessLog)
        .where(AccessLog.action == LogAction.DOWNLOAD_FILE)
    ).one()


def test_the_route_serves_the_family_and_its_worker_not_cached_and_logged(app_on_test_db):  # noqa: F811
    db = app_on_test_db
    world = make_family(db, name="Kemppainen")
    _message_id, file_id = _sent_with_file(db, world, gps_jpeg(), caption="Tiedote")
    stored = db.get(MessageFile, file_id)
    assert stored is not None and world.worker is not None
    for user in (_guardian(world), world.worker):
        answer = _get(f"/files/{file_id}", _signed_in(db, user))
        assert answer.status_code == 200 and answer.content == stored.data
        assert answer.headers["content-type"] == "image/jpeg"
        assert "no-store" in answer.headers["cache-control"]
        assert answer.headers["content-disposition"].startswith('inline; filename="IMG_0001.jpg"')
    thumb = _get(f"/files/{file_id}/thumb", _signed_in(db, world.worker))
    assert thumb.status_code == 200 and thumb.content == stored.thumbnail
    assert _downloads(db) == 3


def test_the_route_gives_strangers_nothing_and_writes_no_access_row(app_on_test_db, caplog):  # noqa: F811
    db = app_on_test_db
    world, other = make_family(db, name="Kemppainen"), make_family(db, name="Komulainen")
    _message_id, file_id = _sent_with_file(db, world, pdf_bytes())
    with caplog.at_level(logging.WARNING, logger="familywork.security"):
        assert _get(f"/files/{file_id}", {}).status_code == 403
        for user in (_guardian(other), other.worker):
            answer = _get(f"/files/{file_id}", _signed_in(db, user))
            assert answer.status_code == 404 and answer.content == b""
            assert "no-store" in answer.headers["cache-control"]
        for path in ("/files/abc", "/files/99999999999999", f"/files/{file_id + 1}"):
            assert _get(path, _signed_in(db, _guardian(world))).status_code in (404, 405)
    assert "refused" in caplog.text
    assert _downloads(db) == 0
    pdf = _get(f"/files/{file_id}", _signed_in(db, _guardian(world)))
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"].startswith("attachment;")


# --- export, backup and restore -------------------------------------------------------------


def test_the_family_export_carries_the_files(db, world):
    _message_id, file_id = _sent_with_file(db, world, gps_jpeg(), caption="Tiedote")
    stored = db.get(MessageFile, file_id)
    assert stored is not None
    data = family_export(db, _guardian(world))
    [exported] = data.messages[0].files
    assert base64.b64decode(exported.data_base64) == stored.data
    assert exported.sha256 == hashlib.sha256(stored.data).hexdigest()
    as_json = data.as_json()
    assert as_json["messages"][0]["files"][0]["caption"] == "Tiedote"  # type: ignore[index]
    html = render_export(data, "fi")
    assert "IMG_0001.jpg (image/jpeg" in html and exported.data_base64[:40] not in html


def _fresh_url(backend, request, tmp_path) -> str:
    if backend == "postgresql":
        from tests.conftest import pg_empty_database

        return pg_empty_database(request.getfixturevalue("pg_templates"))
    return f"sqlite:///{tmp_path / 'fresh.db'}"


def test_a_backup_and_restore_carries_a_file_byte_for_byte(db_url, backend, request, tmp_path):
    engine = make_engine(db_url)
    with Session(engine, expire_on_commit=False) as db:
        world = make_family(db, name="Kemppainen")
        _message_id, file_id = _sent_with_file(db, world, gps_jpeg())
        _m2, pdf_id = _sent_with_file(db, world, pdf_bytes())
        originals = {
            f.id: (f.data, f.thumbnail, f.sha256) for f in db.exec(select(MessageFile)).all()
        }
    admin.backup(db_url, tmp_path / "backup.db")
    fresh_url = _fresh_url(backend, request, tmp_path)
    admin.restore(fresh_url, tmp_path / "backup.db")
    restored = make_engine(fresh_url)
    with Session(restored) as db:
        for row_id in (file_id, pdf_id):
            row = db.get(MessageFile, row_id)
            assert row is not None
            assert (row.data, row.thumbnail, row.sha256) == originals[row_id]
            assert hashlib.sha256(row.data).hexdigest() == row.sha256
    restored.dispose()
    engine.dispose()
