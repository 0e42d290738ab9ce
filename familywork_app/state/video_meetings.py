"""State of the video-meetings section: the family's remote meetings to come with their links,
on the guardian's meetings page and on the family's page for staff; a worker pastes a link.

The link reaches the browser only through `services.video_links` (authorised, logged). The
"Join" button's 10 minutes before the start is decided by the page's own clock
(assets/video_join.js reads `data-join-from` and `data-join-until`), so a page left open shows
it in time without a reload.
"""

from dataclasses import dataclass

import reflex as rx

from familywork_app.domain import STAFF_ROLES, Role
from familywork_app.i18n import fmt_datetime, fmt_time, t
from familywork_app.services import ServiceError
from familywork_app.services import video_links as svc
from familywork_app.services.video_links import VideoMeeting
from familywork_app.state.app_state import AppState
from familywork_app.state.forms import FormId, FormModel, Text, form_id, text
from familywork_app.state.handler import Acting, data_handler


@dataclass(frozen=True, slots=True)
class VideoMeetingView:
    """One remote meeting as shown: its time, its link ("" none yet) and the join window as
    epoch milliseconds for the page's clock."""

    id: str
    when: str
    status: str  # the status in words
    url: str
    made: bool  # made by the app from the template (not pasted)
    join_from_ms: str
    join_until_ms: str
    opens_at: str  # "The Join button opens at 9:50."


def present_video(row: VideoMeeting, lang: str) -> VideoMeetingView:
    """A service row in the viewer's language."""
    return VideoMeetingView(
        id=str(row.meeting_id),
        when=fmt_datetime(row.starts_at, lang),
        status=t(lang, f"status.meeting.{row.status}"),
        url=row.url,
        made=bool(row.url) and not row.pasted,
        join_from_ms=str(int(row.join_from.timestamp() * 1000)),
        join_until_ms=str(int(row.ends_at.timestamp() * 1000)),
        opens_at=t(lang, "video.opens_at", time=fmt_time(row.join_from, lang)),
    )


class VideoLinkForm(FormModel):
    meeting_id: FormId = 0
    video_url: Text = text(500)


class VideoMeetingsState(AppState):
    rows: rx.Field[list[VideoMeetingView]] = rx.field(default_factory=list)
    error_for: rx.Field[str] = rx.field("")  # the meeting id whose link form was refused
    error: rx.Field[str] = rx.field("")  # i18n key shown beside that form
    _fid: int = 0
    _tried: str = ""

    def _show(self, acting: Acting, family_id: int) -> None:
        self._fid = family_id
        rows = svc.video_meetings(acting.db, acting.user, family_id, acting.ip)
        self.rows = [present_video(r, self.lang) for r in rows]

    def _refused(self, problem: ServiceError) -> None:
        self.error_for, self.error = self._tried, problem.code

    @rx.event
    @data_handler(Role.GUARDIAN, family=True)
    def load_family(self, acting: Acting):
        """on_load of the guardian's meetings page: their own family's remote meetings."""
        self.rows, self.error_for, self.error = [], "", ""
        if acting.family_id:
            self._show(acting, acting.family_id)

    @rx.event
    @data_handler(*STAFF_ROLES)
    def load_record(self, acting: Acting):
        """on_load of the family's page for staff (the family from the page's address)."""
        self.rows, self.error_for, self.error, self._tried = [], "", "", ""
        self._show(acting, form_id(self.router.page.params.get("fid", "")))

    @rx.event
    @data_handler(*STAFF_ROLES, form=VideoLinkForm)
    def save_link(self, acting: Acting, form: VideoLinkForm):
        """The worker pastes a remote meeting's link (a Teams link, say)."""
        self._tried = str(form.meeting_id)
        svc.set_video_link(acting.db, acting.user, form.meeting_id, form.video_url, acting.ip)
        self.error_for, self.error = "", ""
        self._show(acting, self._fid)
        return self._toast("video.saved")
