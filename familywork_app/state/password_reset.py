"""States of the forgotten-password page and the reset-link page (the token stays on the server)."""

import reflex as rx
from pydantic import Field

from familywork_app import routes
from familywork_app.services import ServiceError
from familywork_app.services import password_reset as svc
from familywork_app.state.app_state import AppState
from familywork_app.state.forms import FormModel, Text
from familywork_app.state.handler import Visiting, public_handler
from familywork_app.state.signin import TypedEmail


class ForgotForm(FormModel):
    email: TypedEmail = ""


class ResetForm(FormModel):
    # No length limit here: the service says "too long" beside the field.
    new_password: Text = Field(default="", alias="new-password")  # the input's name


class ForgotPasswordState(AppState):
    """The answer is the same whether or not the address has an account."""

    email_error: rx.Field[str] = rx.field("")
    sent: rx.Field[bool] = rx.field(False)

    def _refused(self, problem: ServiceError) -> None:
        self.email_error = problem.code

    @rx.event
    @public_handler()
    def load(self, visiting: Visiting):
        self._set_shell(visiting.user)
        self.email_error, self.sent = "", False
        if visiting.user is not None:
            return rx.redirect(routes.ACCOUNT, replace=True)

    @rx.event
    @public_handler(form=ForgotForm)
    def submit(self, visiting: Visiting, form: ForgotForm):
        self.email_error, self.sent = "", False
        svc.request_reset(visiting.db, form.email, visiting.ip)
        self.sent = True
        return rx.set_value("email", "")


class ResetPasswordState(AppState):
    valid: rx.Field[bool] = rx.field(False)
    done: rx.Field[bool] = rx.field(False)
    error: rx.Field[str] = rx.field("")
    _token: str = ""

    def _refused(self, problem: ServiceError) -> None:
        if problem.field != "password":
            self.valid = False  # the link itself is no longer good
        self.error = problem.code

    @rx.event
    @public_handler()
    def load(self, visiting: Visiting):
        self._set_shell(None)
        token = self.router.page.params.get("token", "")
        self._token = token if isinstance(token, str) else ""
        self.error, self.done = "", False
        self.valid = svc.reset_link_is_open(visiting.db, self._token)

    @rx.event
    @public_handler(form=ResetForm)
    def submit(self, visiting: Visiting, form: ResetForm):
        if not self.valid or self.done:
            return
        svc.reset_password(visiting.db, self._token, form.new_password)
        self._token, self.error, self.done = "", "", True
