"""State of the guardian's meetings page: agree, ask for another time, cancel."""

import reflex as rx

from familywork_app.domain import Role
from familywork_app.services import ServiceError
from familywork_app.services import meetings as svc
from familywork_app.state.app_state import AppState
from familywork_app.state.forms import FormId, FormModel, Text, form_id, text
from familywork_app.state.handler import Acting, data_handler
from familywork_app.state.meeting_presenters import MeetingView, present_meeting


class ChangeRequestForm(FormModel):
    meeting_id: FormId = 0
    note: Text = text(1000)


class CancelForm(FormModel):
    meeting_id: FormId = 0
    reason: Text = text(1000)


class FamilyMeetingsState(AppState):
    loaded: rx.Field[bool] = rx.field(False)
    upcoming: rx.Field[list[MeetingView]] = rx.field(default_factory=list)
    past: rx.Field[list[MeetingView]] = rx.field(default_factory=list)
    # "change-<id>" or "cancel-<id>": which answer form is open
    open_form: rx.Field[str] = rx.field("")
    form_error: rx.Field[str] = rx.field("")  # i18n key, shown beside the open form

    def _reload(self, acting: Acting) -> None:
        data = svc.family_meetings(acting.db, acting.user, acting.family_id, acting.ip)
        self.upcoming = [present_meeting(m, self.lang) for m in data.upcoming]
        self.past = [present_meeting(m, self.lang) for m in data.past]
        self.loaded = True

    def _answered(self, acting: Acting) -> None:
        self.open_form, self.form_error = "", ""
        self._reload(acting)

    def _refused(self, problem: ServiceError) -> None:
        self.form_error = problem.code

    @rx.event
    @data_handler(Role.GUARDIAN, page=True, family=True)
    def load(self, acting: Acting):
        self.loaded, self.open_form, self.form_error = False, "", ""
        self._reload(acting)

    @rx.event
    def show_form(self, which: str):
        if (
            isinstance(which, str)
            and len(which) < 24
            and which.split("-")[0] in ("change", "cancel")
        ):
            self.open_form, self.form_error = which, ""

    @rx.event
    def close_form(self):
        self.open_form, self.form_error = "", ""

    @rx.event
    @data_handler(Role.GUARDIAN, family=True)
    def agree(self, acting: Acting, meeting_id: str):
        svc.agree_meeting(acting.db, acting.user, form_id(meeting_id), acting.ip)
        self._answered(acting)
        return self._toast("toast.meeting_agreed")

    @rx.event
    @data_handler(Role.GUARDIAN, form=ChangeRequestForm, family=True)
    def request_change(self, acting: Acting, form: ChangeRequestForm):
        svc.request_change(acting.db, acting.user, form.meeting_id, form.note, acting.ip)
        self._answered(acting)
        return self._toast("toast.change_requested")

    @rx.event
    @data_handler(Role.GUARDIAN, form=CancelForm, family=True)
    def cancel(self, acting: Acting, form: CancelForm):
        svc.cancel_meeting(acting.db, acting.user, form.meeting_id, form.reason, acting.ip)
        self._answered(acting)
        return self._toast("toast.meeting_cancelled")
