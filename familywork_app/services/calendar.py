"""An agreed meeting as an iCalendar (.ics) file for the phone's calendar (icalendar library).

The event names the service and the place type only: no client details beyond what the
guardian or worker already knows, in case the calendar is shared or synced elsewhere."""

from icalendar import Calendar, Component, Event
from sqlmodel import Session

from familywork_app.domain import LogAction, MeetingStatus
from familywork_app.i18n import t
from familywork_app.models import Meeting, User, utcnow
from familywork_app.services import ServiceError
from familywork_app.services.access_log import log_access
from familywork_app.services.policy import acting_user, require_record
from familywork_app.services.video_links import link_of


def _add(component: Component, name: str, value: object) -> None:
    """One property of `component` (the library's `add` leaves its value untyped)."""
    component.add(name, value)  # pyright: ignore[reportUnknownMemberType]  # icalendar: value unannotated


def meeting_ics(session: Session, user: User, meeting_id: object, ip: str = "") -> bytes:
    """The .ics of one agreed meeting the user may see."""
    meeting = require_record(session, acting_user(user, ip), Meeting, meeting_id)
    if meeting.status != MeetingStatus.AGREED:
        raise ServiceError("error.meeting_not_open")
    lang = user.language
    calendar = Calendar()
    _add(calendar, "prodid", "-//Kainuun hyvinvointialue//Perhetyo//FI")
    _add(calendar, "version", "2.0")
    event = Event()
    _add(event, "uid", f"meeting-{meeting.id}@perhetyo")
    _add(event, "dtstamp", utcnow())
    _add(event, "dtstart", meeting.starts_at)
    _add(event, "dtend", meeting.ends_at)
    _add(event, "summary", f"{t(lang, 'app.name')}: {t(lang, 'place.' + meeting.place)}")
    if meeting.place_detail:
        _add(event, "location", meeting.place_detail)
    video = link_of(session, meeting)  # a remote meeting's link: its read is in the log row
    if video is not None:
        _add(event, "url", video.url)
        _add(event, "description", t(lang, "video.ics_link", url=video.url))
    calendar.add_component(event)
    log_access(
        session,
        user,
        meeting.family_id,
        LogAction.DOWNLOAD_ICS,
        detail=f"meeting {meeting.id}" + (", video link" if video else ""),
        ip=ip,
    )
    session.commit()
    return calendar.to_ical()
