"""Moving families between workers: a transfer now, or a whole caseload for an absence.

- `transfer_family`: the supervisor gives one active family to another worker for good.
- `cover_caseload`: the supervisor gives every active family of an absent worker to a covering
  worker until an end date; `services.cover_lapse.end_expired_covers` moves them back then.
- `family_handovers`: the family's handover history for staff, newest first.

Every move writes a `Handover` row (the history, with the note only staff see), moves the
family's future open meetings along, ends a cover still open on the family (a later move wins)
and tells the family in its conversation. That message is sent in the name of the worker who
now has the family: the family can answer the person at once, and it counts as the staff's
message for the unread badge and the notification. It is written in the languages of the
family's guardians and gives the new worker's phone number when the worker has saved one.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select, update

from familywork_app.domain import FamilyStatus, Language, LogAction
from familywork_app.i18n import t
from familywork_app.models import Family, FamilyGuardian, Handover, Meeting, Message, User, utcnow
from familywork_app.services import ServiceError, notifications
from familywork_app.services.access_log import log_access
from familywork_app.services.case_process import helsinki_today
from familywork_app.services.meetings import OPEN_STATUSES
from familywork_app.services.policy import (
    acting_user,
    active_worker,
    require_family,
    require_staff,
    require_supervisor,
    saved_id,
    valid_id,
)

NOTE_MAX = 2000
COVER_DAYS_MAX = 366  # an absence cover runs at most a year; longer is a transfer


@dataclass(frozen=True, slots=True)
class HandoverRow:
    """One move of the family as staff see it in its history."""

    id: int
    at: datetime
    from_name: str  # "" when the family had no worker
    to_name: str
    by_name: str  # "" when the app made it (a cover that ended)
    note: str
    cover_until: date | None  # an absence cover's last day
    ended_at: datetime | None  # when that cover ended (or a later move replaced it)


def handover_note(value: object) -> str:
    """The handover note, stripped; it may be empty."""
    if not isinstance(value, str):
        raise ServiceError("error.invalid", field="note")
    text = value.strip()
    if len(text) > NOTE_MAX:
        raise ServiceError("error.note_long", field="note")
    return text


def receiving_worker(session: Session, worker_id: object, current_id: int | None) -> User:
    """An active worker other than the family's (or caseload's) current one."""
    worker = active_worker(session, worker_id)
    if worker.id == current_id:
        raise ServiceError("error.same_worker", field="worker")
    return worker


def family_languages(session: Session, family_id: int) -> list[Language]:
    """The languages of the family's guardians, the first guardian's first (Finnish if none)."""
    stmt = (
        select(User.language)
        .join(FamilyGuardian, col(FamilyGuardian.user_id) == User.id)
        .where(FamilyGuardian.family_id == family_id)
        .order_by(col(FamilyGuardian.id))
    )
    found = list(dict.fromkeys(Language(lang) for lang in session.exec(stmt)))
    return found or [Language.FI]


def worker_notice(languages: list[Language], worker: User) -> str:
    """ "Your family worker is now <name>, tel. <phone>", once per language."""
    key = "handover.message" if worker.phone else "handover.message_no_phone"
    return "\n\n".join(
        t(lang.value, key, name=worker.display_name, phone=worker.phone) for lang in languages
    )


def move_family(
    session: Session,
    family: Family,
    worker: User,
    *,
    note: str,
    by: User | None,
    cover_until: date | None = None,
) -> Handover:
    """Give `family` to `worker` with its future open meetings, end its open cover, record the
    handover and tell the family. Flushed, not committed: the caller logs and commits."""
    family_id, now = saved_id(family.id), utcnow()
    session.exec(
        update(Handover)
        .where(col(Handover.family_id) == family_id, col(Handover.cover_until).is_not(None))
        .where(col(Handover.ended_at).is_(None))
        .values(ended_at=now)
    )
    session.exec(
        update(Meeting)
        .where(col(Meeting.family_id) == family_id, col(Meeting.status).in_(OPEN_STATUSES))
        .where(col(Meeting.starts_at) > now)
        .values(worker_id=worker.id)
    )
    handover = Handover(
        family_id=family_id,
        from_worker_id=family.worker_id,
        to_worker_id=saved_id(worker.id),
        note=note,
        by_id=by.id if by else None,
        at=now,
        cover_until=cover_until,
    )
    family.worker_id = worker.id
    session.add_all([family, handover])
    session.add(
        Message(
            family_id=family_id,
            sender_id=saved_id(worker.id),
            body=worker_notice(family_languages(session, family_id), worker),
            sent_at=now,
            automatic=True,  # not a reply to what the family asked before the move
        )
    )
    session.flush()
    return handover


def transfer_family(
    session: Session,
    user: User,
    family_id: object,
    worker_id: object,
    note: object = "",
    ip: str = "",
) -> int:
    """Give an active family to another worker now, with a handover note only staff see. The
    former worker loses access at once (the policy reads `family.worker_id` on every call).
    Returns the handover's id."""
    require_supervisor(acting_user(user, ip))
    family = require_family(session, user, family_id, change=True)
    if family.status != FamilyStatus.ACTIVE:
        raise ServiceError("error.invalid", field="family")
    worker = receiving_worker(session, worker_id, family.worker_id)
    handover = move_family(session, family, worker, note=handover_note(note), by=user)
    log_access(
        session, user, family.id, LogAction.REASSIGN_FAMILY, detail=f"worker {worker.id}", ip=ip
    )
    session.commit()
    notifications.message_sent(session, worker, saved_id(family.id))
    return saved_id(handover.id)


def cover_end(value: object, today: date) -> date:
    """The last day of a cover: after today, within a year."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            value = None
    if not isinstance(value, date) or isinstance(value, datetime):
        raise ServiceError("error.cover_date", field="until")
    if value <= today:
        raise ServiceError("error.cover_past", field="until")
    if value > today + timedelta(days=COVER_DAYS_MAX):
        raise ServiceError("error.cover_long", field="until")
    return value


def absent_worker(session: Session, worker_id: object) -> User:
    """The worker whose caseload is covered: an active worker."""
    try:
        return active_worker(session, worker_id)
    except ServiceError:
        raise ServiceError("error.invalid", field="absent") from None


def cover_caseload(
    session: Session,
    user: User,
    absent_id: object,
    covering_id: object,
    until: object,
    note: object = "",
    ip: str = "",
    today: date | None = None,
) -> tuple[int, ...]:
    """Give every active family of the absent worker to the covering worker until `until` (a
    date or "YYYY-MM-DD", after today); the families go back on that day by themselves
    (`cover_lapse.end_expired_covers`). Returns the ids of the families moved."""
    require_supervisor(acting_user(user, ip))
    absent = absent_worker(session, absent_id)
    covering = receiving_worker(session, covering_id, absent.id)
    last_day = cover_end(until, today or helsinki_today())
    text = handover_note(note)
    families = session.exec(
        select(Family)
        .where(Family.worker_id == absent.id, Family.status == FamilyStatus.ACTIVE)
        .order_by(col(Family.id))
        .execution_options(populate_existing=True)
    ).all()
    if not families:
        raise ServiceError("error.no_active_families", field="absent")
    for family in families:
        move_family(session, family, covering, note=text, by=user, cover_until=last_day)
        log_access(
            session,
            user,
            family.id,
            LogAction.COVER_CASELOAD,
            detail=f"worker {covering.id} until {last_day.isoformat()}",
            ip=ip,
        )
    session.commit()
    moved = tuple(saved_id(family.id) for family in families)
    for family_id in moved:
        notifications.message_sent(session, covering, family_id)
    return moved


def family_handovers(
    session: Session, user: User, family_id: object, ip: str = ""
) -> tuple[HandoverRow, ...]:
    """The family's handovers for staff, newest first (the notes are staff's only)."""
    require_staff(acting_user(user, ip))
    family = require_family(session, user, family_id)
    giver, taker, mover = aliased(User), aliased(User), aliased(User)
    stmt = (
        select(Handover, giver.display_name, taker.display_name, mover.display_name)
        .join(taker, col(taker.id) == Handover.to_worker_id)
        .join(giver, col(giver.id) == Handover.from_worker_id, isouter=True)
        .join(mover, col(mover.id) == Handover.by_id, isouter=True)
        .where(Handover.family_id == family.id)
        .order_by(col(Handover.at).desc(), col(Handover.id).desc())
    )
    rows = tuple(
        HandoverRow(
            id=valid_id(h.id),
            at=h.at,
            from_name=from_name or "",
            to_name=to_name,
            by_name=by_name or "",
            note=h.note,
            cover_until=h.cover_until,
            ended_at=h.ended_at,
        )
        for h, from_name, to_name, by_name in session.exec(stmt)
    )
    log_access(session, user, family.id, LogAction.VIEW_HANDOVERS, detail=f"{len(rows)}", ip=ip)
    session.commit()
    return rows
