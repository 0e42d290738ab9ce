"""Photos and PDFs in the family's conversation, both ways (guardian and staff).

A file is checked and cleaned when it is chosen (`attachment_checks`) and waits, its bytes in the
database, for its uploader to send the message; sending links the waiting files to the new
message. Waiting files are seen and removed only by their uploader. A sent file is read by
whoever may read the family's messages, one access-log row per download. A request for a file
the user may not read gets the same NotAllowed as an unknown id, and a warning in the security
log (`familywork.security`).
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, delete, select

from familywork_app.domain import FileKind, LogAction
from familywork_app.models import Message, MessageFile, User, utcnow
from familywork_app.services import NotAllowed, ServiceError
from familywork_app.services.access_log import log_access
from familywork_app.services.attachment_checks import (
    MAX_FILES,
    CleanFile,
    checked_file,
    refuse,
)
from familywork_app.services.policy import acting_user, require_family, saved_id, valid_id

CAPTION_MAX = 200
WAITING_HOURS = 24  # an unsent file older than this is dropped at the uploader's next upload

security_log = logging.getLogger("familywork.security")


@dataclass(frozen=True, slots=True)
class Incoming:
    """A file as it arrived: the name the sender's device gave, and its first bytes (the caller
    reads at most one byte more than the limit, so an oversized file is known as such)."""

    name: str
    data: bytes


@dataclass(frozen=True, slots=True)
class FileRow:
    """A file of a message (or waiting for one), without its bytes."""

    id: int
    message_id: int | None
    kind: FileKind
    name: str
    caption: str
    size: int


@dataclass(frozen=True, slots=True)
class FileContent:
    """The bytes of one file, for the download route."""

    name: str
    media_type: str
    data: bytes


class FileRefused(ServiceError):
    """One of the chosen files was refused: `file_name` says which (the code says why)."""

    def __init__(self, code: str, file_name: str) -> None:
        super().__init__(code, field="files")
        self.file_name = file_name


def _row(f: MessageFile) -> FileRow:
    return FileRow(
        id=saved_id(f.id),
        message_id=f.message_id,
        kind=f.kind,
        name=f.name,
        caption=f.caption,
        size=f.size,
    )


def _is_waiting(user: User, family_id: int) -> tuple[Any, ...]:
    """The user's files in this family not yet attached to a sent message."""
    return (
        MessageFile.family_id == family_id,
        MessageFile.uploader_id == user.id,
        col(MessageFile.message_id).is_(None),
    )


def _waiting(session: Session, user: User, family_id: int) -> list[MessageFile]:
    stmt = select(MessageFile).where(*_is_waiting(user, family_id)).order_by(col(MessageFile.id))
    return list(session.exec(stmt))


def has_waiting(session: Session, user: User, family_id: int) -> bool:
    """Whether `user` has chosen files for a message not sent yet (an authorised caller's check:
    such a message may be sent without text). Asks for one id, not the files' bytes."""
    stmt = select(MessageFile.id).where(*_is_waiting(user, family_id)).limit(1)
    return session.exec(stmt).first() is not None


def _drop_stale(session: Session, user: User) -> None:
    """The uploader's files never sent within WAITING_HOURS are deleted."""
    session.exec(
        delete(MessageFile).where(
            col(MessageFile.uploader_id) == user.id,
            col(MessageFile.message_id).is_(None),
            col(MessageFile.added_at) < utcnow() - timedelta(hours=WAITING_HOURS),
        )
    )


def waiting_files(session: Session, user: User, family_id: object) -> list[FileRow]:
    """The user's own files chosen for the next message in this family, not yet sent."""
    family = require_family(session, acting_user(user, ""), family_id, change=True)
    return [_row(f) for f in _waiting(session, user, saved_id(family.id))]


def add_files(
    session: Session, user: User, family_id: object, incoming: Sequence[Incoming], ip: str = ""
) -> list[FileRow]:
    """Check and store the chosen files to wait for the message; all or none: the first refused
    file stops the lot. Returns every file now waiting."""
    family = require_family(session, acting_user(user, ip), family_id, change=True)
    fid = saved_id(family.id)
    if not incoming:
        raise refuse("files.none")
    if len(incoming) + len(_waiting(session, user, fid)) > MAX_FILES:
        raise refuse("files.too_many")
    cleaned: list[CleanFile] = []
    for item in incoming:
        try:
            cleaned.append(checked_file(item.data, item.name))
        except ServiceError as problem:
            raise FileRefused(problem.code, item.name[:100]) from None
    _drop_stale(session, user)
    for clean in cleaned:
        session.add(
            MessageFile(
                family_id=fid,
                uploader_id=saved_id(user.id),
                kind=clean.kind,
                media_type=clean.media_type,
                name=clean.name,
                size=len(clean.data),
                sha256=clean.sha256,
                data=clean.data,
                thumbnail=clean.thumbnail,
            )
        )
    session.flush()
    log_access(session, user, fid, LogAction.ADD_FILE, detail=f"{len(cleaned)} files", ip=ip)
    session.commit()
    return [_row(f) for f in _waiting(session, user, fid)]


def _own_waiting(session: Session, user: User, family_id: int, file_id: object) -> MessageFile:
    row = session.get(MessageFile, valid_id(file_id))
    if (
        row is None
        or row.family_id != family_id
        or row.uploader_id != user.id
        or row.message_id is not None
    ):
        security_log.warning("file %s refused to user %s: not their waiting file", file_id, user.id)
        raise NotAllowed()
    return row


def remove_file(
    session: Session, user: User, family_id: object, file_id: object, ip: str = ""
) -> list[FileRow]:
    """Take one of the user's waiting files off the next message; the files still waiting."""
    family = require_family(session, acting_user(user, ip), family_id, change=True)
    fid = saved_id(family.id)
    row = _own_waiting(session, user, fid, file_id)
    session.delete(row)
    log_access(session, user, fid, LogAction.REMOVE_FILE, detail=f"file {row.id}", ip=ip)
    session.commit()
    return [_row(f) for f in _waiting(session, user, fid)]


def attach_waiting(
    session: Session,
    user: User,
    family_id: object,
    message_id: int,
    caption: object = "",
    ip: str = "",
) -> list[FileRow]:
    """Link the user's waiting files to `message_id` (the message they just sent in this
    family), each with the optional `caption` (the pictures' alt text). Logged only when there
    were files."""
    family = require_family(session, acting_user(user, ip), family_id, change=True)
    fid = saved_id(family.id)
    text = caption.strip() if isinstance(caption, str) else ""
    if len(text) > CAPTION_MAX:
        raise ServiceError("files.caption_long", field="caption")
    waiting = _waiting(session, user, fid)
    if not waiting:
        return []
    message = session.get(Message, valid_id(message_id))
    if message is None or message.family_id != fid or message.sender_id != user.id:
        raise NotAllowed()
    for f in waiting:
        f.message_id, f.caption = message_id, text
        session.add(f)
    detail = f"{len(waiting)} files to message {message_id}"
    log_access(session, user, fid, LogAction.ADD_FILE, detail=detail, ip=ip)
    session.commit()
    return [_row(f) for f in waiting]


def files_of_messages(session: Session, family_id: int) -> dict[int, list[FileRow]]:
    """The sent files of a family's messages by message id, without their bytes (for a
    conversation the caller has already authorised and logged)."""
    listed = (
        sa.select(
            col(MessageFile.id),
            col(MessageFile.message_id),
            col(MessageFile.kind),
            col(MessageFile.name),
            col(MessageFile.caption),
            col(MessageFile.size),
        )
        .where(col(MessageFile.family_id) == family_id, col(MessageFile.message_id).is_not(None))
        .order_by(col(MessageFile.id))
    )
    found: dict[int, list[FileRow]] = {}
    for file_id, message_id, kind, name, caption, size in session.connection().execute(listed):
        found.setdefault(valid_id(message_id), []).append(
            FileRow(valid_id(file_id), message_id, FileKind(kind), name, caption, size)
        )
    return found


def file_content(
    session: Session, user: User, file_id: object, ip: str = "", *, thumbnail: bool = False
) -> FileContent:
    """One file's bytes (or its small picture) for someone who may read the family's messages;
    a waiting file only for its uploader. One access-log row per download."""
    acting = acting_user(user, ip)
    row = session.get(MessageFile, valid_id(file_id))
    try:
        if row is None or (row.message_id is None and row.uploader_id != acting.id):
            raise NotAllowed()
        require_family(session, acting, row.family_id)
    except NotAllowed:
        security_log.warning("file %s refused to user %s from %s", file_id, acting.id, ip)
        raise
    small = thumbnail and row.thumbnail is not None
    detail = f"file {row.id}{' thumbnail' if small else ''}"
    log_access(session, acting, row.family_id, LogAction.DOWNLOAD_FILE, detail=detail, ip=ip)
    session.commit()
    if small and row.thumbnail is not None:
        return FileContent(name=row.name, media_type="image/jpeg", data=row.thumbnail)
    return FileContent(name=row.name, media_type=row.media_type, data=row.data)
