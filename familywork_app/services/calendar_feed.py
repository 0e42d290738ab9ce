"""Each user's private calendar feed: a secret URL a phone calendar subscribes to, serving the
user's agreed meetings (a guardian: their family's; staff: their own meetings with the families
assigned to them) from 30 days back onward, in Europe/Helsinki time with its VTIMEZONE.

The URL carries a random 256-bit token; only its SHA-256 is stored (like the other tokens). A
user has at most one live feed: making a new one revokes the old, and a revoked or unknown
token, or a deactivated account, gets a 404 at once. Every read writes one access-log row per
family whose meetings it includes.

A feed is synced on and on into calendars elsewhere, so its events say even less than the
single-meeting .ics: the service's name and the kind of place, no address, topic or names.
"""

import hashlib
import re
import secrets
from datetime import date, timedelta

from icalendar import Calendar, Event
from sqlmodel import Session, col, select

from familywork_app import routes
from familywork_app.i18n import HELSINKI, t
from familywork_app.models import CalendarFeedToken, Family, Meeting, User, utcnow
from familywork_app.services.access_log import log_families
from familywork_app.services.policy import acting_user, guardian_family_id, is_active

DAYS_BACK = 30
FEED_STATUSES = ("agreed", "held")  # held meetings were agreed; they stay in the calendar
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{43}$")  # secrets.token_urlsafe(32)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feed_path(token: str) -> str:
    """The feed's path on this site (the page adds the browser's origin)."""
    return routes.CALENDAR_FEED.replace("{token}", token)


def _live(session: Session, user: User) -> list[CalendarFeedToken]:
    return list(
        session.exec(
            select(CalendarFeedToken).where(
                CalendarFeedToken.user_id == user.id, col(CalendarFeedToken.revoked_at).is_(None)
            )
        )
    )


def create_feed(session: Session, user: User, ip: str = "") -> str:
    """A new feed token for the user (returned once, never stored); the old one stops working."""
    acting_user(user, ip)
    now = utcnow()
    for old in _live(session, user):
        old.revoked_at = now
        session.add(old)
    token = secrets.token_urlsafe(32)
    session.add(CalendarFeedToken(user_id=user.id, token_hash=_hash(token), created_at=now))
    session.commit()
    return token


def revoke_feed(session: Session, user: User, ip: str = "") -> int:
    """Stop the user's feed at once; how many live tokens there were."""
    acting_user(user, ip)
    live = _live(session, user)
    for old in live:
        old.revoked_at = utcnow()
        session.add(old)
    session.commit()
    return len(live)


def feed_status(session: Session, user: User) -> dict:
    """Whether the user has a live feed, and since when."""
    live = sorted(_live(session, user), key=lambda row: row.created_at)
    return {"active": bool(live), "created_at": live[-1].created_at if live else None}


def _meetings(session: Session, user: User) -> list[Meeting]:
    """The user's agreed (and held) meetings from 30 days back: the guardian's own family's, or
    the staff member's own meetings with families still assigned to them (the policy's rule)."""
    since = utcnow() - timedelta(days=DAYS_BACK)
    stmt = select(Meeting).where(col(Meeting.status).in_(FEED_STATUSES), Meeting.ends_at >= since)
    if user.role == "guardian":
        family_id = guardian_family_id(session, user)
        if family_id is None:
            return []
        stmt = stmt.where(Meeting.family_id == family_id)
    else:
        stmt = stmt.join(Family, Family.id == Meeting.family_id).where(
            Meeting.worker_id == user.id, Family.worker_id == user.id
        )
    return list(session.exec(stmt.order_by(col(Meeting.starts_at), col(Meeting.id))))


def _event(meeting: Meeting, lang: str) -> Event:
    """One meeting as an event with the same UID as its single .ics download."""
    event = Event()
    event.add("uid", f"meeting-{meeting.id}@perhetyo")
    event.add("dtstamp", utcnow())
    event.add("dtstart", meeting.starts_at.astimezone(HELSINKI))
    event.add("dtend", meeting.ends_at.astimezone(HELSINKI))
    event.add("summary", f"{t(lang, 'app.name')}: {t(lang, 'place.' + meeting.place)}")
    event.add("status", "CONFIRMED")
    return event


def _calendar(meetings: list[Meeting], lang: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Kainuun hyvinvointialue//Perhetyo//FI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", t(lang, "app.name"))
    calendar.add("x-wr-timezone", "Europe/Helsinki")
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    for meeting in meetings:
        calendar.add_component(_event(meeting, lang))
    last = max((m.ends_at.year for m in meetings), default=utcnow().year)
    calendar.add_missing_timezones(
        first_date=date(utcnow().year - 1, 1, 1), last_date=date(last + 2, 1, 1)
    )
    return calendar.to_ical()


def read_feed(session: Session, token: object, ip: str = "") -> bytes | None:
    """The feed's iCalendar for a live token, or None (the route answers 404)."""
    if not isinstance(token, str) or not TOKEN_RE.match(token):
        return None
    row = session.exec(
        select(CalendarFeedToken).where(
            CalendarFeedToken.token_hash == _hash(token),
            col(CalendarFeedToken.revoked_at).is_(None),
        )
    ).first()
    owner = session.get(User, row.user_id) if row is not None else None
    if row is None or not is_active(owner):
        return None
    meetings = _meetings(session, owner)
    body = _calendar(meetings, owner.language)
    log_families(
        session, owner, list(dict.fromkeys(m.family_id for m in meetings)), "read_calendar_feed", ip
    )
    row.last_used_at = utcnow()
    session.add(row)
    session.commit()
    return body
