"""Photos and PDFs in messages: the service calls of `services.attachments` for the access-log
coverage test (tests/test_access_log_coverage.py `CALLS`), and small makers of test images.

Each entry runs on the demo data: first as `stranger` (refused, no row), then as `user`, which
must write one row for the Kemppainen family.
"""

import io

from PIL import Image
from sqlmodel import select

from familywork_app.domain import FileKind
from familywork_app.models import Family, Message, MessageFile, User
from familywork_app.services.attachments import Incoming

K = "Kemppainen"


def png_bytes(size: tuple[int, int] = (40, 30), color: str = "teal") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return out.getvalue()


def _family_id(d) -> int:
    return d.db.exec(select(Family.id).where(Family.name == K)).one()


def _file(d, who: str, message: bool) -> int:
    """A file of Kemppainen's uploaded by `who`: waiting, or sent with a new message."""
    uploader: User = d.user(who)
    family_id = _family_id(d)
    message_id = None
    if message:
        sent = Message(family_id=family_id, sender_id=uploader.id or 0, body="Kuva liitteenä.")
        d.db.add(sent)
        d.db.flush()
        message_id = sent.id
    data = png_bytes()
    row = MessageFile(
        family_id=family_id,
        message_id=message_id,
        uploader_id=uploader.id or 0,
        kind=FileKind.IMAGE,
        media_type="image/png",
        name="kuva.png",
        size=len(data),
        sha256="0" * 64,
        data=data,
    )
    d.db.add(row)
    d.db.commit()
    assert row.id is not None
    return row.id


def _own_message(d) -> int:
    """A message the guardian just sent, with one of their files waiting for it."""
    _file(d, "family", message=False)
    sent = Message(family_id=_family_id(d), sender_id=d.user("family").id, body="Liite tulossa.")
    d.db.add(sent)
    d.db.commit()
    assert sent.id is not None
    return sent.id


def _call(user: str, args) -> dict:
    return {"user": user, "args": args, "families": (K,), "stranger": "worker2"}


MESSAGE_FILE_CALLS = {
    "attachments.add_files": _call(
        "family", lambda d: ((_family_id(d), [Incoming("kuva.png", png_bytes())]), {})
    ),
    "attachments.remove_file": _call(
        "family", lambda d: ((_family_id(d), _file(d, "family", message=False)), {})
    ),
    "attachments.attach_waiting": _call(
        "family", lambda d: ((_family_id(d), _own_message(d), "Koulun tiedote"), {})
    ),
    "attachments.file_content": _call("worker", lambda d: ((_file(d, "family", True),), {})),
}
