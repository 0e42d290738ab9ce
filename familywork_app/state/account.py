"""State of the account page: the signed-in person's live sessions and a password change."""

import reflex as rx

from familywork_app.db import session_scope
from familywork_app.i18n import fmt_datetime, t
from familywork_app.models import ROLES
from familywork_app.services import ServiceError
from familywork_app.services import account as svc
from familywork_app.services.auth import TooManyAttempts
from familywork_app.state.app_state import AppState, form_id

_NO_ERRORS = {"current": "", "new": "", "list": ""}


class AccountState(AppState):
    loaded: bool = False
    sessions: list[dict[str, str]] = []
    errors: dict[str, str] = dict(_NO_ERRORS)
    wait_error: str = ""  # the brute-force delay, as text (it carries the seconds)
    notice: str = ""  # what just happened, as text

    def _reload(self, db, user) -> None:
        self.sessions = [
            {
                "id": str(s["id"]),
                "device": s["device"],
                "ip": s["ip"],
                "started": fmt_datetime(s["created_at"], self.lang),
                "last_seen": fmt_datetime(s["last_seen_at"], self.lang),
                "current": "1" if s["current"] else "",
            }
            for s in svc.my_sessions(db, user, self._session_token(), self._ip())
        ]
        self.loaded = True

    def _signed_in(self, db):
        user = self._user(db)
        if user is None:
            self.loaded = False
        return user

    def load(self):
        self.loaded, self.notice, self.wait_error = False, "", ""
        self.errors = dict(_NO_ERRORS)
        with session_scope() as db:
            user, redirect = self._guard_with_badge(db, *ROLES)
            if redirect:
                return redirect
            self._reload(db, user)

    def end_session(self, session_id: str):
        """End one of the person's other sessions."""
        self.errors, self.notice = dict(_NO_ERRORS), ""
        with session_scope() as db:
            user = self._signed_in(db)
            try:
                svc.end_my_session(db, user, form_id(session_id), self._session_token(), self._ip())
            except ServiceError as problem:
                self.errors = {**self.errors, "list": problem.code}
                return
            self.notice = t(self.lang, "account.ended")
            self._reload(db, user)

    def change_password(self, form_data: dict):
        """Change the password with the current one; the other sessions end."""
        form = form_data if isinstance(form_data, dict) else {}
        self.errors, self.notice, self.wait_error = dict(_NO_ERRORS), "", ""
        with session_scope() as db:
            user = self._signed_in(db)
            try:
                ended = svc.change_password(
                    db,
                    user,
                    form.get("current-password"),
                    form.get("new-password"),
                    self._session_token(),
                    self._ip(),
                )
            except TooManyAttempts as waiting:
                self.wait_error = t(self.lang, "signin.wait", seconds=waiting.seconds)
                return
            except ServiceError as problem:
                field = problem.field if problem.field in ("current", "new") else "list"
                self.errors = {**self.errors, field: problem.code}
                return
            self.notice = t(self.lang, "account.changed", count=ended)
            self._reload(db, user)
        return [rx.set_value("current-password", ""), rx.set_value("new-password", "")]
