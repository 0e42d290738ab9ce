"""States of the forgotten-password page and the reset-link page (the token stays on the server)."""

import reflex as rx

from familywork_app import routes
from familywork_app.db import session_scope
from familywork_app.services import ServiceError
from familywork_app.services import password_reset as svc
from familywork_app.state.app_state import AppState


class ForgotPasswordState(AppState):
    """The answer is the same whether or not the address has an account."""

    email_error: str = ""
    sent: bool = False

    def load(self):
        with session_scope() as db:
            user = self._user(db)
            self._set_shell(user)
        self.email_error, self.sent = "", False
        if user is not None:
            return rx.redirect(routes.ACCOUNT, replace=True)

    def submit(self, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        self.email_error, self.sent = "", False
        with session_scope() as db:
            try:
                svc.request_reset(db, form.get("email"), self._ip())
            except ServiceError as problem:
                self.email_error = problem.code
                return
        self.sent = True
        return rx.set_value("email", "")


class ResetPasswordState(AppState):
    valid: bool = False
    done: bool = False
    error: str = ""
    _token: str = ""

    def load(self):
        self._set_shell(None)
        token = self.router.page.params.get("token", "")
        self._token = token if isinstance(token, str) else ""
        self.error, self.done = "", False
        with session_scope() as db:
            self.valid = svc.reset_link_is_open(db, self._token)

    def submit(self, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        if not self.valid or self.done:
            return
        with session_scope() as db:
            try:
                svc.reset_password(db, self._token, form.get("new-password"))
            except ServiceError as problem:
                if problem.field != "password":
                    self.valid = False
                self.error = problem.code
                return
        self._token, self.error, self.done = "", "", True
