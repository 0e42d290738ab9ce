"""The family's one conversation with its worker(s), and the staff's message inbox.

There are two sides: the guardians, and the staff. A message counts as read when someone of the
other side who takes part in the work (a guardian of the family, or its assigned worker) has
opened the conversation; a supervisor looking in does not mark anything read.
"""

from dataclasses import dataclass, replace
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy import bindparam, update
from sqlmodel import Session, col, func, select

from familywork_app.domain import FamilyStatus, LogAction, Role
from familywork_app.models import Family, Message, User, utcnow
from familywork_app.services import ServiceError, notifications
from familywork_app.services.access_log import log_access, log_families
from familywork_app.services.attachments import FileRow, files_of_messages, has_waiting
from familywork_app.services.family_home import unread_by_family
from familywork_app.services.policy import (
    acting_user,
    require_family,
    require_staff,
    side,
    side_of_role,
    valid_id,
)

BODY_MAX = 2000
PREVIEW_CHARS = 80
INBOX_STATUSES = (FamilyStatus.ACTIVE, FamilyStatus.CLOSED)
EARLIEST = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class MessageRow:
    """One message of the conversation as the viewer sees it (`mine`: the viewer sent it)."""

    id: int
    sender_name: str
    sender_role: Role
    mine: bool
    body: str
    sent_at: datetime
    read_at: datetime | None
    files: tuple[FileRow, ...] = ()  # photos and PDFs sent with it (services/attachments.py)


@dataclass(frozen=True, slots=True)
class InboxRow:
    """One family's conversation in the staff inbox."""

    family_id: int
    family_name: str
    unread: int
    last_at: datetime | None
    last_preview: str


def _body(value: object, with_files: bool = False) -> str:
    """The message's text; it may be empty only when files go with it (a photo of a note)."""
    if not isinstance(value, str):
        raise ServiceError("error.invalid", field="body")
    text = value.strip()
    if not text and not with_files:
        raise ServiceError("error.message_empty", field="body")
    if len(text) > BODY_MAX:
        raise ServiceError("error.message_long", field="body")
    return text


def _takes_part(user: User, family: Family) -> bool:
    """A guardian of the family (already authorised) or its assigned worker."""
    return user.role == Role.GUARDIAN or family.worker_id == user.id


# Plain rows, not ORM objects: a long conversation is read at every visit and every new message.
# (SQLAlchemy's own `select` types rows of any width; it runs on the session's connection.)
_CONVERSATION = (
    sa.select(
        col(Message.id),
        col(Message.sender_id),
        col(Message.body),
        col(Message.sent_at),
        col(Message.read_at),
        col(User.display_name),
        col(User.role),
    )
    .join(User, col(User.id) == Message.sender_id)
    .where(col(Message.family_id) == bindparam("family_id"))
    .order_by(col(Message.sent_at), col(Message.id))
)


def _mark_read(
    session: Session, unread: list[tuple[int, Role]], reader: User
) -> dict[int, datetime]:
    """Mark the other side's messages among `unread` (id, sender's role) read by `reader`, in
    one UPDATE; {id: read at}."""
    reader_side, now = side(reader), utcnow()
    ids = [message_id for message_id, role in unread if side_of_role(role) != reader_side]
    if ids:
        session.exec(
            update(Message)
            .where(col(Message.id).in_(ids))
            .values(read_at=now, read_by_id=reader.id)
        )
    return dict.fromkeys(ids, now)


def conversation(session: Session, user: User, family_id: object, ip: str = "") -> list[MessageRow]:
    """The family's messages, oldest first; opening it marks the other side's messages read."""
    family = require_family(session, acting_user(user, ip), family_id)
    files = files_of_messages(session, valid_id(family.id))
    messages = [
        MessageRow(
            id=valid_id(message_id),
            sender_name=name,
            sender_role=Role(role),
            mine=sender_id == user.id,
            body=body,
            sent_at=sent_at,
            read_at=read_at,
            files=tuple(files.get(valid_id(message_id), ())),
        )
        for message_id, sender_id, body, sent_at, read_at, name, role in session.connection()
        .execute(_CONVERSATION, {"family_id": family.id})
        .all()
    ]
    marked: dict[int, datetime] = {}
    if _takes_part(user, family):
        unread = [(m.id, m.sender_role) for m in messages if m.read_at is None]
        marked = _mark_read(session, unread, user)
        messages = [replace(m, read_at=marked[m.id]) if m.id in marked else m for m in messages]
    log_access(
        session,
        user,
        family.id,
        LogAction.READ_MESSAGES,
        detail=f"{len(marked)} marked read",
        ip=ip,
    )
    session.commit()
    return messages


def send_message(
    session: Session, user: User, family_id: object, body: object, ip: str = ""
) -> MessageRow:
    """A new message to the family's conversation, from either side."""
    family = require_family(session, acting_user(user, ip), family_id, change=True)
    family_id = valid_id(family.id)
    text = _body(body, with_files=has_waiting(session, user, family_id))
    message = Message(family_id=family_id, sender_id=valid_id(user.id), body=text)
    session.add(message)
    session.flush()
    sent = MessageRow(
        id=valid_id(message.id),
        sender_name=user.display_name,
        sender_role=Role(user.role),
        mine=True,
        body=message.body,
        sent_at=message.sent_at,
        read_at=None,
    )
    log_access(session, user, family_id, LogAction.SEND_MESSAGE, detail=f"message {sent.id}", ip=ip)
    session.commit()
    notifications.message_sent(session, user, family_id)
    return sent


def _inbox_families(session: Session, user: User) -> list[Family]:
    """A worker's own active and closed families; for a supervisor, all with any message."""
    if user.role == Role.SUPERVISOR:
        stmt = select(Family).where(col(Family.id).in_(select(Message.family_id)))
    else:
        stmt = select(Family).where(
            Family.worker_id == user.id, col(Family.status).in_(INBOX_STATUSES)
        )
    return list(session.exec(stmt.order_by(col(Family.id))))


def _last_messages(session: Session, family_ids: list[int]) -> dict[int, Message]:
    """The newest message of each family, in one query (a window function)."""
    newest = (
        select(
            Message.id,
            func.row_number()
            .over(
                partition_by=col(Message.family_id),
                order_by=(col(Message.sent_at).desc(), col(Message.id).desc()),
            )
            .label("n"),
        )
        .where(col(Message.family_id).in_(family_ids))
        .subquery()
    )
    rows = session.exec(
        select(Message).join(newest, newest.c.id == Message.id).where(newest.c.n == 1)
    ).all()
    return {m.family_id: m for m in rows}


def staff_inbox(session: Session, user: User, ip: str = "") -> list[InboxRow]:
    """One row per conversation: unread ones first, then the newest first."""
    require_staff(acting_user(user, ip))
    families = _inbox_families(session, user)  # only the user's own (or, supervisor, all)
    ids = [valid_id(f.id) for f in families]
    unread, last = unread_by_family(session, ids, user), _last_messages(session, ids)
    rows: list[InboxRow] = []
    for family_id, family in zip(ids, families, strict=True):
        newest = last.get(family_id)
        rows.append(
            InboxRow(
                family_id=family_id,
                family_name=family.name,
                unread=unread.get(family_id, 0),
                last_at=newest.sent_at if newest else None,
                last_preview=newest.body[:PREVIEW_CHARS] if newest else "",
            )
        )
    log_families(session, user, ids, LogAction.LIST_MESSAGES, ip)
    session.commit()
    rows.sort(key=lambda row: row.last_at or EARLIEST, reverse=True)
    rows.sort(key=lambda row: row.unread == 0)
    return rows


def latest_message_id(session: Session, user: User, family_id: object) -> int:
    """The id of the family's newest message (0 when none): the open conversation's cue to load
    again. It tells nothing of the content, so it is not logged; the reload is."""
    family = require_family(session, user, family_id)
    newest = session.exec(select(func.max(Message.id)).where(Message.family_id == family.id)).one()
    return newest or 0
