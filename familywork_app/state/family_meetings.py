"""State of the guardian's meetings page: agree, ask for another time, cancel."""

from familywork_app.db import session_scope
from familywork_app.services import ServiceError
from familywork_app.services import meetings as svc
from familywork_app.state.app_state import AppState
from familywork_app.state.app_state import form_id as _form_id
from familywork_app.state.presenters import present_meeting


class FamilyMeetingsState(AppState):
    loaded: bool = False
    upcoming: list[dict[str, str]] = []
    past: list[dict[str, str]] = []
    open_form: str = ""  # "change-<id>" or "cancel-<id>": which answer form is open
    form_error: str = ""  # i18n key, shown beside the open form

    def _reload(self, db) -> list:
        user, family_id, redirect = self._guard_guardian(db)
        if redirect:
            return redirect
        data = svc.family_meetings(db, user, family_id, self._ip())
        self.upcoming = [present_meeting(m, self.lang) for m in data["upcoming"]]
        self.past = [present_meeting(m, self.lang) for m in data["past"]]
        self.loaded = True
        return []

    def load(self):
        self.loaded, self.open_form, self.form_error = False, "", ""
        with session_scope() as db:
            return self._reload(db)

    def show_form(self, which: str):
        if (
            isinstance(which, str)
            and len(which) < 24
            and which.split("-")[0] in ("change", "cancel")
        ):
            self.open_form, self.form_error = which, ""

    def close_form(self):
        self.open_form, self.form_error = "", ""

    def _act(self, action):
        with session_scope() as db:
            user = self._user(db)
            try:
                action(db, user)
            except ServiceError as problem:
                self.form_error = problem.code
                return
            self.open_form, self.form_error = "", ""
            return self._reload(db)

    def agree(self, meeting_id: str):
        return self._act(
            lambda db, user: svc.agree_meeting(db, user, _form_id(meeting_id), self._ip())
        )

    def request_change(self, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        return self._act(
            lambda db, user: svc.request_change(
                db, user, _form_id(form.get("meeting_id")), form.get("note"), self._ip()
            )
        )

    def cancel(self, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        return self._act(
            lambda db, user: svc.cancel_meeting(
                db, user, _form_id(form.get("meeting_id")), form.get("reason"), self._ip()
            )
        )
