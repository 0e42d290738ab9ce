# pyright: strict
"""The family's feedback when its case has closed: three answers from 1 to 5 (did the work
help, were they listened to, how were the meetings) and a free text, once per family.

Keeping the answers apart from the family's identity:
- the answers go to `Feedback`, which has no family or user id, no time finer than the quarter
  and a random id (not a counter), so nothing in the row, nor the order of the rows, leads
  back to a family;
- the family gets only the mark `Family.feedback_given_at`, which allows one answer per family
  (a conditional UPDATE claims it: two guardians answering at once cannot both succeed);
- the access-log row of giving feedback names the family (the family sees it in its own log,
  and a supervisor can see that it answered) but says only "gave the closing feedback": no
  score, no comment, nothing in `detail`. Joining it with `Feedback` would need a time or an
  order the feedback row does not keep. (Whoever reads the raw database files could still
  guess the order of insertion from the storage itself; the separation is for the app's
  users, the supervisor included, not for the database administrator.)
The comment could still name someone: the supervisor sees comments only in a list per quarter,
without names or dates, and only for a quarter with enough answers (`closing_figures`).
"""

from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlmodel import Session, col

from familywork_app.domain import FamilyStatus, LogAction
from familywork_app.models import Family, Feedback, User, utcnow
from familywork_app.services import NotAllowed, ServiceError
from familywork_app.services.access_log import log_access
from familywork_app.services.family_home import own_family
from familywork_app.services.policy import acting_user, saved_id

HELSINKI = ZoneInfo("Europe/Helsinki")
SCORES = ("helped", "listened", "meetings")
COMMENT_MAX = 2000


class FeedbackOffer(StrEnum):
    """What the family home offers: nothing (the case is not closed), the form, or thanks."""

    NONE = "none"
    OPEN = "open"
    GIVEN = "given"


def quarter_of(moment: datetime) -> str:
    """The Helsinki quarter of a moment, e.g. "2026Q4"."""
    local = moment.astimezone(HELSINKI)
    return f"{local.year}Q{(local.month - 1) // 3 + 1}"


def _score(value: object, field: str) -> int:
    """A whole number from 1 to 5, or the field's message."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ServiceError("feedback.error_score", field=field)
    return value


def _comment(value: object) -> str:
    if not isinstance(value, str):
        raise ServiceError("error.invalid", field="comment")
    text = value.strip()
    if len(text) > COMMENT_MAX:
        raise ServiceError("error.text_long", field="comment")
    return text


def _closed_family(session: Session, user: object) -> Family:
    """The guardian's own family, if its case is closed; anyone else is refused."""
    family = own_family(session, user)
    # a withdrawn application closes the family without a worker: no work to give feedback on
    if family.status != FamilyStatus.CLOSED or family.worker_id is None:
        raise NotAllowed()
    return family


def feedback_offer(session: Session, user: User) -> FeedbackOffer:
    """Whether the guardian's family may still give its closing feedback."""
    family = own_family(session, acting_user(user, ""))
    if family.status != FamilyStatus.CLOSED or family.worker_id is None:  # see _closed_family
        return FeedbackOffer.NONE
    return FeedbackOffer.GIVEN if family.feedback_given_at else FeedbackOffer.OPEN


def give_feedback(
    session: Session,
    user: User,
    helped: object,
    listened: object,
    meetings: object,
    comment: object = "",
    ip: str = "",
) -> None:
    """A guardian of a closed family answers the closing feedback, once per family."""
    family = _closed_family(session, acting_user(user, ip))
    scores = [_score(v, f) for v, f in zip((helped, listened, meetings), SCORES, strict=True)]
    text = _comment(comment)
    now = utcnow()
    claimed = session.connection().execute(
        update(Family)
        .where(col(Family.id) == family.id, col(Family.feedback_given_at).is_(None))
        .values(feedback_given_at=now)
    )
    if claimed.rowcount != 1:
        session.rollback()
        raise ServiceError("feedback.already_given")
    session.add(
        Feedback(
            quarter=quarter_of(now),
            helped=scores[0],
            listened=scores[1],
            meetings=scores[2],
            comment=text,
        )
    )
    log_access(session, user, saved_id(family.id), LogAction.GIVE_FEEDBACK, ip=ip)
    session.commit()
    session.refresh(family)
