"""An agreed meeting as an iCalendar (.ics) file for the phone's calendar (icalendar library).

The event names the service and the place type only: no client details beyond what the
guardian or worker already knows, in case the calendar is shared or synced elsewhere."""

from icalendar import Calendar, Event

from familywork_app.i18n import t
from familywork_app.models import Meeting, User, utcnow
from familywork_app.services import ServiceError
from familywork_app.services.access_log import log_access
from familywork_app.services.policy import acting_user, require_record


def meeting_ics(session, user: User, meeting_id: object, ip: str = "") -> bytes:
    """The .ics of one agreed meeting the user may see."""
    meeting = require_record(session, acting_user(user, ip), Meeting, meeting_id)
    if meeting.status != "agreed":
        raise ServiceError("error.meeting_not_open")
    lang = user.language
    calendar = Calendar()
    calendar.add("prodid", "-//Kainuun hyvinvointialue//Perhetyo//FI")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"meeting-{meeting.id}@perhetyo")
    event.add("dtstamp", utcnow())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", f"{t(lang, 'app.name')}: {t(lang, 'place.' + meeting.place)}")
    if meeting.place_detail:
        event.add("location", meeting.place_detail)
    calendar.add_component(event)
    log_access(
        session, user, meeting.family_id, "download_ics", detail=f"meeting {meeting.id}", ip=ip
    )
    session.commit()
    return calendar.to_ical()
