"""The family's one conversation with its worker(s), and the staff's message inbox.

There are two sides: the guardians, and the staff. A message counts as read when someone of the
other side who takes part in the work (a guardian of the family, or its assigned worker) has
opened the conversation; a supervisor looking in does not mark anything read.
"""

from datetime import UTC, datetime

from sqlalchemy import bindparam, update
from sqlmodel import Session, col, func, select

from familywork_app.models import Family, Message, User, utcnow
from familywork_app.services import ServiceError, notifications
from familywork_app.services.access_log import log_access, log_families
from familywork_app.services.family_home import unread_by_family
from familywork_app.services.policy import (
    acting_user,
    require_family,
    require_staff,
    side,
    side_of_role,
)

BODY_MAX = 2000
PREVIEW_CHARS = 80
INBOX_STATUSES = ("active", "closed")
EARLIEST = datetime.min.replace(tzinfo=UTC)


def _body(value: object) -> str:
    if not isinstance(value, str):
        raise ServiceError("error.invalid", field="body")
    text = value.strip()
    if not text:
        raise ServiceError("error.message_empty", field="body")
    if len(text) > BODY_MAX:
        raise ServiceError("error.message_long", field="body")
    return text


def _message_data(message: Message, sender: User | None, viewer: User) -> dict:
    return {
        "id": message.id,
        "sender_name": sender.display_name if sender else "",
        "sender_role": sender.role if sender else "",
        "mine": message.sender_id == viewer.id,
        "body": message.body,
        "sent_at": message.sent_at,
        "read_at": message.read_at,
    }


def _takes_part(user: User, family: Family) -> bool:
    """A guardian of the family (already authorised) or its assigned worker."""
    return user.role == "guardian" or family.worker_id == user.id


# Plain rows, not ORM objects: a long conversation is read at every visit and every new message.
_CONVERSATION = (
    select(
        Message.id,
        Message.sender_id,
        Message.body,
        Message.sent_at,
        Message.read_at,
        User.display_name,
        User.role,
    )
    .join(User, col(User.id) == Message.sender_id)
    .where(Message.family_id == bindparam("family_id"))
    .order_by(col(Message.sent_at), col(Message.id))
)


def _mark_read(session: Session, rows: list, reader: User) -> dict[int, datetime]:
    """Mark the other side's unread messages read by `reader` (one UPDATE); {id: read at}."""
    reader_side, now = side(reader), utcnow()
    ids = [r.id for r in rows if r.read_at is None and side_of_role(r.role) != reader_side]
    if ids:
        session.execute(
            update(Message)
            .where(col(Message.id).in_(ids))
            .values(read_at=now, read_by_id=reader.id)
        )
    return dict.fromkeys(ids, now)


def conversation(session: Session, user: User, family_id: object, ip: str = "") -> list[dict]:
    """The family's messages, oldest first; opening it marks the other side's messages read."""
    family = require_family(session, acting_user(user, ip), family_id)
    rows = session.exec(_CONVERSATION, params={"family_id": family.id}).all()
    marked = _mark_read(session, rows, user) if _takes_part(user, family) else {}
    data = [
        {
            "id": r.id,
            "sender_name": r.display_name,
            "sender_role": r.role,
            "mine": r.sender_id == user.id,
            "body": r.body,
            "sent_at": r.sent_at,
            "read_at": marked.get(r.id, r.read_at),
        }
        for r in rows
    ]
    log_access(
        session, user, family.id, "read_messages", detail=f"{len(marked)} marked read", ip=ip
    )
    session.commit()
    return data


def send_message(
    session: Session, user: User, family_id: object, body: object, ip: str = ""
) -> dict:
    """A new message to the family's conversation, from either side."""
    family = require_family(session, acting_user(user, ip), family_id, change=True)
    message = Message(family_id=family.id, sender_id=user.id, body=_body(body))
    session.add(message)
    session.flush()
    data = _message_data(message, user, user)
    log_access(session, user, family.id, "send_message", detail=f"message {message.id}", ip=ip)
    session.commit()
    notifications.message_sent(session, user, family.id)
    return data


def _inbox_families(session: Session, user: User) -> list[Family]:
    """A worker's own active and closed families; for a supervisor, all with any message."""
    if user.role == "supervisor":
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
                partition_by=Message.family_id,
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


def staff_inbox(session: Session, user: User, ip: str = "") -> list[dict]:
    """One row per conversation: unread ones first, then the newest first."""
    require_staff(acting_user(user, ip))
    families = _inbox_families(session, user)  # only the user's own (or, supervisor, all)
    ids = [f.id for f in families]
    unread, last = unread_by_family(session, ids, user), _last_messages(session, ids)
    rows = [
        {
            "family_id": f.id,
            "family_name": f.name,
            "unread": unread.get(f.id, 0),
            "last_at": last[f.id].sent_at if f.id in last else None,
            "last_preview": last[f.id].body[:PREVIEW_CHARS] if f.id in last else "",
        }
        for f in families
    ]
    log_families(session, user, ids, "list_messages", ip)
    session.commit()
    rows.sort(key=lambda row: row["last_at"] or EARLIEST, reverse=True)
    rows.sort(key=lambda row: row["unread"] == 0)
    return rows


def latest_message_id(session: Session, user: User, family_id: object) -> int:
    """The id of the family's newest message (0 when none): the open conversation's cue to load
    again. It tells nothing of the content, so it is not logged; the reload is."""
    family = require_family(session, user, family_id)
    newest = session.exec(select(func.max(Message.id)).where(Message.family_id == family.id)).one()
    return newest or 0
