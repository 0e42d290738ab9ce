"""The end of an absence cover, by itself: on the cover's end date its families go back.

`end_expired_covers(session, today)` runs from the app process once an hour and at start
(`familywork_app/cover_task.py`) and from the maintenance command
`python -m familywork_app.admin end-covers`. Several backend workers (or the command at the same
time as the app) may run it at once: each cover is claimed with a conditional UPDATE
(`ended_at IS NULL`) and each family moved back with another (`worker_id` is still the covering
worker's, the family still active), each in a short transaction of its own that writes first.
Only one run wins each claim, so a family goes back, and is told, once. A family that was moved
elsewhere meanwhile stays where it is (that later move already ended the cover).

The app does this, not a person: the access-log row and the return handover name no user.
"""

from datetime import date

from sqlmodel import Session, col, select, update

from familywork_app.domain import FamilyStatus, LogAction
from familywork_app.models import Family, Handover, User, utcnow
from familywork_app.services import notifications
from familywork_app.services.access_log import log_access
from familywork_app.services.handover import move_family


def due_covers(session: Session, today: date) -> list[int]:
    """The ids of the open covers whose last day is `today` or earlier (the cover "until" a day
    ends on that day). Ends the read transaction, so each return can start with its write."""
    ids = list(
        session.exec(
            select(Handover.id)
            .where(col(Handover.cover_until).is_not(None), col(Handover.cover_until) <= today)
            .where(col(Handover.ended_at).is_(None))
            .order_by(col(Handover.id))
        )
    )
    session.commit()
    return [i for i in ids if i is not None]


def return_from_cover(session: Session, handover_id: int) -> int | None:
    """End one cover and move its family back to the worker it came from; the family's id, or
    None when another run ended it first or the family is no longer the covering worker's."""
    claimed = session.exec(
        update(Handover)
        .where(col(Handover.id) == handover_id, col(Handover.ended_at).is_(None))
        .values(ended_at=utcnow())
    )
    if claimed.rowcount != 1:
        session.rollback()
        return None
    cover = session.get(Handover, handover_id, populate_existing=True)
    absent = (
        session.get(User, cover.from_worker_id, populate_existing=True)
        if cover and cover.from_worker_id
        else None
    )
    taken = session.exec(
        update(Family)
        .where(col(Family.id) == (cover.family_id if cover else 0))
        .where(col(Family.worker_id) == (cover.to_worker_id if cover else 0))
        .where(col(Family.status) == FamilyStatus.ACTIVE)
        .values(worker_id=absent.id if absent else None)
    )
    if cover is None or absent is None or not absent.is_active or taken.rowcount != 1:
        session.rollback()  # nowhere to go back to: end the cover, leave the family
        _end_only(session, handover_id)
        return None
    family = session.get(Family, cover.family_id, populate_existing=True)
    if family is None:
        session.rollback()
        return None
    family.worker_id = cover.to_worker_id  # move_family records who it comes from
    move_family(session, family, absent, note="", by=None)
    log_access(session, None, family.id, LogAction.END_COVER, detail=f"worker {absent.id}")
    session.commit()
    notifications.message_sent(session, absent, cover.family_id)
    return cover.family_id


def _end_only(session: Session, handover_id: int) -> None:
    """End a cover whose family stays where it is (moved elsewhere, closed, or its worker
    gone); conditional like the claim, so two runs do not both write."""
    session.exec(
        update(Handover)
        .where(col(Handover.id) == handover_id, col(Handover.ended_at).is_(None))
        .values(ended_at=utcnow())
    )
    session.commit()


def end_expired_covers(session: Session, today: date) -> list[int]:
    """Move back every family whose cover ends on or before `today`; the families moved."""
    returned: list[int] = []
    for handover_id in due_covers(session, today):
        family_id = return_from_cover(session, handover_id)
        if family_id is not None:
            returned.append(family_id)
    return returned
