"""State of the account page: the signed-in person's live sessions and a password change."""

import reflex as rx
from pydantic import Field

from familywork_app.domain import Role
from familywork_app.i18n import t
from familywork_app.services import ServiceError
from familywork_app.services import account as svc
from familywork_app.services.sign_in_limits import TooManyAttempts
from familywork_app.services.strong_identity import masked_code
from familywork_app.state.account_presenters import SessionView, present_session
from familywork_app.state.app_state import AppState
from familywork_app.state.forms import FormModel, Text, form_id
from familywork_app.state.handler import Acting, data_handler

EVERYONE = tuple(Role)  # every signed-in person has an account page
_NO_ERRORS = {"current": "", "new": "", "list": ""}


class PasswordChangeForm(FormModel):
    # No length limits here: a wrong current password and a too long new one are said by the
    # service beside their fields.
    current: Text = Field(default="", alias="current-password")
    new: Text = Field(default="", alias="new-password")


class AccountState(AppState):
    loaded: rx.Field[bool] = rx.field(False)
    sessions: rx.Field[list[SessionView]] = rx.field(default_factory=list)
    # per part of the page: an i18n key
    errors: rx.Field[dict[str, str]] = rx.field(default_factory=lambda: dict(_NO_ERRORS))
    # the brute-force delay, as text (it carries the seconds)
    wait_error: rx.Field[str] = rx.field("")
    notice: rx.Field[str] = rx.field("")  # what just happened, as text
    identity_code: rx.Field[str] = rx.field("")  # masked (010185-****): issue 15

    def _reload(self, acting: Acting) -> None:
        rows = svc.my_sessions(acting.db, acting.user, self._session_token(), acting.ip)
        self.sessions = [present_session(row, self.lang) for row in rows]
        self.identity_code = masked_code(acting.db, acting.user)
        self.loaded = True

    def _refused(self, problem: ServiceError) -> None:
        if isinstance(problem, TooManyAttempts):
            self.wait_error = t(self.lang, "signin.wait", seconds=problem.seconds)
            return
        field = problem.field if problem.field in ("current", "new") else "list"
        self.errors = {**self.errors, field: problem.code}

    @rx.event
    @data_handler(*EVERYONE, page=True, badge=True)
    def load(self, acting: Acting):
        self.loaded, self.notice, self.wait_error = False, "", ""
        self.errors = dict(_NO_ERRORS)
        self._reload(acting)

    @rx.event
    @data_handler(*EVERYONE)
    def end_session(self, acting: Acting, session_id: str):
        """End one of the person's other sessions."""
        self.errors, self.notice = dict(_NO_ERRORS), ""
        svc.end_my_session(
            acting.db, acting.user, form_id(session_id), self._session_token(), acting.ip
        )
        self.notice = t(self.lang, "account.ended")
        self._reload(acting)

    @rx.event
    @data_handler(*EVERYONE, form=PasswordChangeForm)
    def change_password(self, acting: Acting, form: PasswordChangeForm):
        """Change the password with the current one; the other sessions end."""
        self.errors, self.notice, self.wait_error = dict(_NO_ERRORS), "", ""
        ended = svc.change_password(
            acting.db, acting.user, form.current, form.new, self._session_token(), acting.ip
        )
        self.notice = t(self.lang, "account.changed", count=ended)
        self._reload(acting)
        return [rx.set_value("current-password", ""), rx.set_value("new-password", "")]
