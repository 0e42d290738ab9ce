# pyright: strict
"""Reminders to staff: a worker is told the working day before a work-list item falls due, and
again once it is overdue, by web push and (if they chose it on /settings) e-mail.

When, in Helsinki time (`reminder_kind`):
- "due": from 8:00 on the working day before the due day (weekends and Finnish public holidays
  skipped, `working_days`), until the due day ends;
- "overdue": from 8:00 on the first working day after the due day, with no end.
A reminder that was not sent in its window (the app was down) goes out at the next run in it.

Sent once per item, kind and worker, also with several backend workers and after a restart:
before sending, each reminder is claimed by inserting its `StaffReminder` row, whose unique
(item_key, kind, worker_id) lets only one insert succeed; whoever gets an IntegrityError sends
nothing. The claim is committed before anything is sent, so a reminder goes out at most once
(a failed push is not tried again). An item's key holds its kind, family, due day and meeting:
a new due day (a new message, a moved review) is a new item; a family moved to another worker
reminds the new worker too.

The notice is content-free like the others (`notifications`): "you have something due soon" or
"something is overdue", in the worker's language, leading to the work list. A worker's items
claimed in the same run are told in one notice per kind (the text would be the same).
Only active families' items whose worker is an active staff account are reminded.

`remind_staff_every_quarter_hour` is the app's lifespan task (registered in
`familywork_app.py`): every 15 minutes, in a thread, with errors logged (without names).
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from familywork_app import routes
from familywork_app.domain import STAFF_ROLES, ReminderKind
from familywork_app.models import StaffReminder, User, utcnow
from familywork_app.periodic import run_every
from familywork_app.services.notifications import Wording, remind
from familywork_app.services.work_list import WorkItem, active_family_items
from familywork_app.services.working_days import add_working_days

log = logging.getLogger("familywork.reminders")

HELSINKI = ZoneInfo("Europe/Helsinki")
REMIND_FROM = time(8, 0)
INTERVAL_SECONDS = 15 * 60
CHUNK = 500  # keys per IN (...) when reading what was already sent
WORDING = {
    ReminderKind.DUE: Wording(
        "notify.remind_due_push", "notify.remind_due_subject", "notify.remind_due_mail"
    ),
    ReminderKind.OVERDUE: Wording(
        "notify.remind_overdue_push", "notify.remind_overdue_subject", "notify.remind_overdue_mail"
    ),
}


@dataclass(frozen=True, slots=True)
class Reminder:
    """One reminder to one worker about one work-list item."""

    item_key: str
    kind: ReminderKind
    worker_id: int


def item_key(item: WorkItem) -> str:
    """What identifies a work-list item: its kind, family, due day and meeting (if any)."""
    meeting = item.meeting_id or ""
    return f"{item.kind}:{item.family_id}:{item.due.isoformat()}:{meeting}"


def reminder_kind(due: date, now: datetime) -> ReminderKind | None:
    """The reminder an item due on `due` has at `now` (any aware time), if any."""
    local = now.astimezone(HELSINKI)
    today, morning = local.date(), local.time() >= REMIND_FROM

    def reached(day: date) -> bool:
        return today > day or (today == day and morning)

    if today > due:
        return ReminderKind.OVERDUE if reached(add_working_days(due, 1)) else None
    return ReminderKind.DUE if reached(add_working_days(due, -1)) else None


def _active_staff(session: Session, ids: Iterable[int]) -> dict[int, User]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    stmt = select(User).where(
        col(User.id).in_(wanted), col(User.is_active).is_(True), col(User.role).in_(STAFF_ROLES)
    )
    return {user.id: user for user in session.exec(stmt) if user.id is not None}


def _already_sent(session: Session, keys: list[str]) -> set[tuple[str, ReminderKind, int]]:
    sent: set[tuple[str, ReminderKind, int]] = set()
    for start in range(0, len(keys), CHUNK):
        stmt = select(StaffReminder.item_key, StaffReminder.kind, StaffReminder.worker_id).where(
            col(StaffReminder.item_key).in_(keys[start : start + CHUNK])
        )
        sent.update((key, ReminderKind(kind), worker) for key, kind, worker in session.exec(stmt))
    return sent


def due_reminders(session: Session, now: datetime) -> list[Reminder]:
    """The reminders that should go out at `now` and have not (reads only)."""
    found: dict[tuple[str, ReminderKind, int], Reminder] = {}
    items = active_family_items(session, now.astimezone(HELSINKI).date())
    staff = _active_staff(session, (i.worker_id for i in items if i.worker_id is not None))
    for item in items:
        kind = reminder_kind(item.due, now)
        if kind is None or item.worker_id not in staff:
            continue
        reminder = Reminder(item_key(item), kind, item.worker_id)
        found[(reminder.item_key, kind, reminder.worker_id)] = reminder
    sent = _already_sent(session, sorted({key for key, _kind, _worker in found}))
    return [r for key, r in found.items() if key not in sent]


def _claim(session: Session, reminder: Reminder, now: datetime) -> bool:
    """Insert the reminder's row in a transaction of its own: True if this caller won it."""
    session.add(
        StaffReminder(
            item_key=reminder.item_key,
            kind=reminder.kind,
            worker_id=reminder.worker_id,
            sent_at=now,
        )
    )
    try:
        session.commit()
    except IntegrityError:  # another backend worker (or an earlier run) has sent it
        session.rollback()
        return False
    return True


def send_reminders(session: Session, now: datetime | None = None) -> list[Reminder]:
    """Claim and send the reminders due at `now` (default: now); returns the ones this call
    sent. Safe to run at the same time in several processes (see the module docstring)."""
    moment = now or utcnow()
    candidates = due_reminders(session, moment)
    session.commit()  # end the read transaction: each claim is a short write of its own
    claimed = [r for r in candidates if _claim(session, r, moment)]
    staff = _active_staff(session, (r.worker_id for r in claimed))
    for kind, wording in WORDING.items():
        workers = sorted({r.worker_id for r in claimed if r.kind == kind})
        users = [staff[w] for w in workers if w in staff]
        if users:
            remind(session, users, routes.WORK_LIST, wording)
    if claimed:
        log.info("staff reminders sent: %d items, %d workers", len(claimed), len(staff))
    return claimed


def send_reminders_now() -> int:
    """One run on the app's configured database: how many reminders went out."""
    from familywork_app.db import session_scope  # the app's own database (not a caller's)

    with session_scope() as session:
        return len(send_reminders(session))


async def remind_staff_every_quarter_hour() -> None:
    """The lifespan task: a run at start and then every 15 minutes until the app stops."""
    await run_every(INTERVAL_SECONDS, lambda: send_reminders_now(), log, "staff reminders")
