# pyright: strict
"""Video links of remote meetings.

A meeting whose place is "remote" gets its link in one of two ways:
- made by the app from `FAMILYWORK_VIDEO_URL_TEMPLATE` (an https URL with `{room}`, e.g.
  "https://meet.example.fi/{room}" for the county's own Jitsi Meet), with a random room name of
  128 bits that no one can guess; made the first time the meeting's link is read;
- pasted by the worker (a Teams link, say): https only, no user name or password in it, at most
  500 characters. A pasted link replaces the made one.

The link is for the family's guardians and the staff the policy lets see the family
(`policy.require_family`), and every read is in the access log: the meetings list here writes one
`read_video_link` row for the family naming the meetings; the .ics download notes the link in
its own row; the calendar feed writes a `read_video_link` row per meeting with a link.
The "Join" button opens 10 minutes before the start (`JOIN_EARLY`).
"""

import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from familywork_app.domain import LogAction, MeetingPlace, MeetingStatus
from familywork_app.models import Meeting, MeetingVideoLink, User, utcnow
from familywork_app.services import ServiceError
from familywork_app.services.access_log import log_access
from familywork_app.services.policy import require_family, require_record, require_staff, saved_id

JOIN_EARLY = timedelta(minutes=10)
URL_MAX = 500
ROOM_BYTES = 16  # 128 random bits
OPEN_STATUSES = (MeetingStatus.PROPOSED, MeetingStatus.AGREED, MeetingStatus.CHANGE_REQUESTED)
DETAIL_MAX = 200


@dataclass(frozen=True, slots=True)
class VideoMeeting:
    """A remote meeting to come and its link ("" while it has none)."""

    meeting_id: int
    status: MeetingStatus
    starts_at: datetime
    ends_at: datetime
    url: str
    pasted: bool
    join_from: datetime  # JOIN_EARLY before the start


def url_template() -> str:
    """The configured template ("" when none, or when it is not an https URL with {room})."""
    raw = os.environ.get("FAMILYWORK_VIDEO_URL_TEMPLATE", "").strip()
    return raw if raw.startswith("https://") and "{room}" in raw else ""


def room_name() -> str:
    """A new unguessable room name (32 lowercase hex digits)."""
    return secrets.token_hex(ROOM_BYTES)


def made_link(template: str) -> str:
    """A link from `template` with a new room name."""
    return template.replace("{room}", room_name())


def valid_link(value: object) -> str:
    """A pasted link we may show and put in a calendar: https, a host, no credentials, no
    spaces or control characters, at most 500 characters; else ServiceError on "video_url"."""
    text = value.strip() if isinstance(value, str) else ""
    if not text or len(text) > URL_MAX or not text.isprintable() or any(c.isspace() for c in text):
        raise ServiceError("error.video_link_invalid", field="video_url")
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - a bad port raises ValueError here
    except ValueError:
        raise ServiceError("error.video_link_invalid", field="video_url") from None
    if parts.scheme != "https" or not parts.hostname or "@" in parts.netloc:
        raise ServiceError("error.video_link_invalid", field="video_url")
    return text


def _stored(session: Session, meeting_ids: list[int]) -> dict[int, MeetingVideoLink]:
    if not meeting_ids:
        return {}
    rows = session.exec(
        select(MeetingVideoLink).where(col(MeetingVideoLink.meeting_id).in_(meeting_ids))
    )
    return {row.meeting_id: row for row in rows}


def _made(session: Session, meeting: Meeting) -> MeetingVideoLink | None:
    """The template's link for a remote meeting that has none (None without a template). Two
    readers at once: the unique meeting_id keeps the first link, the other reads it."""
    template = url_template()
    if not template or meeting.place != MeetingPlace.REMOTE:
        return None
    row = MeetingVideoLink(meeting_id=saved_id(meeting.id), url=made_link(template))
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return _stored(session, [saved_id(meeting.id)]).get(saved_id(meeting.id))
    return row


def link_of(session: Session, meeting: Meeting) -> MeetingVideoLink | None:
    """The meeting's link (made now from the template if it has none); no authorisation and no
    log row here: the callers authorise and log the read."""
    if meeting.place != MeetingPlace.REMOTE:
        return None
    return _stored(session, [saved_id(meeting.id)]).get(saved_id(meeting.id)) or _made(
        session, meeting
    )


def _row(meeting: Meeting, link: MeetingVideoLink | None) -> VideoMeeting:
    return VideoMeeting(
        meeting_id=saved_id(meeting.id),
        status=MeetingStatus(meeting.status),
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        url=link.url if link else "",
        pasted=bool(link and link.pasted),
        join_from=meeting.starts_at - JOIN_EARLY,
    )


def join_open(row: VideoMeeting, now: datetime) -> bool:
    """Whether the Join button is shown at `now`: from 10 minutes before the start to the end."""
    return bool(row.url) and row.join_from <= now <= row.ends_at


def _log_read(
    session: Session, user: User, family_id: int, rows: list[VideoMeeting], ip: str
) -> None:
    read = [str(r.meeting_id) for r in rows if r.url]
    if read:
        detail = ("meetings " + ",".join(read))[:DETAIL_MAX]
        log_access(session, user, family_id, LogAction.READ_VIDEO_LINK, detail=detail, ip=ip)


def video_meetings(
    session: Session, user: User, family_id: object, ip: str = "", now: datetime | None = None
) -> tuple[VideoMeeting, ...]:
    """The family's remote meetings to come (open ones, soonest first) with their links, for
    the family's guardians and staff who may see the family; the read is logged."""
    family = require_family(session, user, family_id)
    moment = now or utcnow()
    meetings = session.exec(
        select(Meeting)
        .where(
            Meeting.family_id == family.id,
            Meeting.place == MeetingPlace.REMOTE,
            col(Meeting.status).in_(OPEN_STATUSES),
            Meeting.ends_at >= moment,
        )
        .order_by(col(Meeting.starts_at), col(Meeting.id))
    ).all()
    stored = _stored(session, [saved_id(m.id) for m in meetings])
    rows = [_row(m, stored.get(saved_id(m.id)) or _made(session, m)) for m in meetings]
    _log_read(session, user, saved_id(family.id), rows, ip)
    session.commit()
    return tuple(rows)


def set_video_link(
    session: Session, user: User, meeting_id: object, url: object, ip: str = ""
) -> VideoMeeting:
    """A worker pastes the link of an open remote meeting (it replaces any made one)."""
    require_staff(user)
    link = valid_link(url)
    meeting = require_record(session, user, Meeting, meeting_id, change=True)
    if meeting.place != MeetingPlace.REMOTE or meeting.status not in OPEN_STATUSES:
        raise ServiceError("error.video_link_not_remote", field="video_url")
    row = _stored(session, [saved_id(meeting.id)]).get(saved_id(meeting.id))
    row = row or MeetingVideoLink(meeting_id=saved_id(meeting.id), url=link)
    row.url, row.pasted, row.created_by_id, row.created_at = link, True, user.id, utcnow()
    session.add(row)
    log_access(
        session,
        user,
        meeting.family_id,
        LogAction.SET_VIDEO_LINK,
        detail=f"meeting {meeting.id}",
        ip=ip,
    )
    session.commit()
    return _row(meeting, row)


def video_links_read(
    session: Session, reader: User, meetings: list[Meeting], ip: str = ""
) -> dict[int, str]:
    """The links of `meetings` that the caller has already authorised `reader` for (the
    calendar feed's owner): meeting id -> link; one `read_video_link` row per family, naming
    the meetings. The caller commits."""
    links: dict[int, str] = {}
    read: dict[int, list[VideoMeeting]] = {}
    for meeting in meetings:
        link = link_of(session, meeting)
        if link is not None:
            links[saved_id(meeting.id)] = link.url
            read.setdefault(meeting.family_id, []).append(_row(meeting, link))
    for family_id, rows in read.items():
        _log_read(session, reader, family_id, rows, ip)
    return links
