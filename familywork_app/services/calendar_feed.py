"""Each user's private calendar feed: a secret URL a phone calendar subscribes to, serving the
user's agreed meetings (a guardian: their family's; staff: their own meetings with the families
assigned to them) from 30 days back onward, in Europe/Helsinki time with its VTIMEZONE.

The URL carries a random 256-bit token; only its SHA-256 is stored (like the other tokens). A
user has at most one live feed: making a new one revokes the old, and a revoked or unknown
token, or a deactivated account, gets a 404 at once. Every read writes one access-log row per
family whose meetings it includes.

A feed is synced on and on into calendars elsewhere, so its events say even less than the
single-meeting .ics: the service's name and the kind of place, no address, topic or names. A
remote meeting also carries its video link (`video_links`; each read is in the access log):
the guardian and the worker join from their calendar.
"""

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from icalendar import Calendar, Event
from sqlmodel import Session, col, select

from familywork_app import routes
from familywork_app.domain import LogAction, MeetingStatus, Role
from familywork_app.i18n import HELSINKI, t
from familywork_app.models import CalendarFeedToken, Family, Meeting, User, utcnow
from familywork_app.services.access_log import log_families
from familywork_app.services.policy import acting_user, guardian_family_id, is_active, saved_id
from familywork_app.services.video_links import video_links_read

DAYS_BACK = 30
# Held meetings were agreed; they stay in the calendar.
FEED_STATUSES = (MeetingStatus.AGREED, MeetingStatus.HELD)
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{43}$")  # secrets.token_urlsafe(32)


@dataclass(frozen=True, slots=True)
class FeedStatus:
    """Whether the user has a live feed, and since when."""

    active: bool
    created_at: datetime | None


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
    session.add(
        CalendarFeedToken(user_id=saved_id(user.id), token_hash=_hash(token), created_at=now)
    )
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


def feed_status(session: Session, user: User) -> FeedStatus:
    """Whether the user has a live feed, and since when."""
    live = sorted(_live(session, user), key=lambda row: row.created_at)
    return FeedStatus(active=bool(live), created_at=live[-1].created_at if live else None)


def _meetings(session: Session, user: User) -> list[Meeting]:
    """The user's agreed (and held) meetings from 30 days back: the guardian's own family's, or
    the staff member's own meetings with families still assigned to them (the policy's rule)."""
    since = utcnow() - timedelta(days=DAYS_BACK)
    stmt = select(Meeting).where(col(Meeting.status).in_(FEED_STATUSES), Meeting.ends_at >= since)
    if user.role == Role.GUARDIAN:
        family_id = guardian_family_id(session, user)
        if family_id is None:
            return []
        stmt = stmt.where(Meeting.family_id == family_id)
    else:
        stmt = stmt.join(Family, col(Family.id) == Meeting.family_id).where(
            Meeting.worker_id == user.id, Family.worker_id == user.id
        )
    return list(session.exec(stmt.order_by(col(Meeting.starts_at), col(Meeting.id))))


def _add(component: Event | Calendar, name: str, value: Any, **parameters: str) -> None:
    """Set one property (icalendar leaves the value's type open: it converts by type)."""
    component.add(  # pyright: ignore[reportUnknownMemberType]  # the value is untyped there
        name, value, parameters=parameters
    )


def _event(meeting: Meeting, lang: str, video_url: str = "") -> Event:
    """One meeting as an event with the same UID as its single .ics download (a remote
    meeting's video link as its URL and description)."""
    event = Event()
    _add(event, "uid", f"meeting-{meeting.id}@perhetyo")
    _add(event, "dtstamp", utcnow())
    _add(event, "dtstart", meeting.starts_at.astimezone(HELSINKI))
    _add(event, "dtend", meeting.ends_at.astimezone(HELSINKI))
    _add(event, "summary", f"{t(lang, 'app.name')}: {t(lang, 'place.' + meeting.place)}")
    _add(event, "status", "CONFIRMED")
    if video_url:
        _add(event, "url", video_url)
        _add(event, "description", t(lang, "video.ics_link", url=video_url))
    return event


def _calendar(meetings: list[Meeting], lang: str, links: dict[int, str] | None = None) -> bytes:
    """The feed's iCalendar: the meetings, refreshed hourly, with Helsinki's VTIMEZONE."""
    calendar = Calendar()
    _add(calendar, "prodid", "-//Kainuun hyvinvointialue//Perhetyo//FI")
    _add(calendar, "version", "2.0")
    _add(calendar, "x-wr-calname", t(lang, "app.name"))
    _add(calendar, "x-wr-timezone", "Europe/Helsinki")
    _add(calendar, "refresh-interval", timedelta(hours=1), VALUE="DURATION")
    _add(calendar, "x-published-ttl", "PT1H")
    for meeting in meetings:
        video_url = (links or {}).get(saved_id(meeting.id), "")
        calendar.add_component(_event(meeting, lang, video_url))
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
    if row is None or owner is None or not is_active(owner):
        return None
    meetings = _meetings(session, owner)
    links = video_links_read(session, owner, meetings, ip)  # each read in the access log
    body = _calendar(meetings, owner.language, links)
    log_families(
        session,
        owner,
        list(dict.fromkeys(m.family_id for m in meetings)),
        LogAction.READ_CALENDAR_FEED,
        ip,
    )
    row.last_used_at = utcnow()
    session.add(row)
    session.commit()
    return body
