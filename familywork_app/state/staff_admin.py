"""States of the supervisor's staff page and the public set-password page."""

import reflex as rx
from pydantic import Field

from familywork_app import routes
from familywork_app.domain import Role
from familywork_app.services import ServiceError, auth
from familywork_app.services import staff as svc
from familywork_app.services.security import MAX_PASSWORD_LENGTH
from familywork_app.state.app_state import AppState
from familywork_app.state.forms import FormModel, Text, form_id, text
from familywork_app.state.handler import Acting, Visiting, data_handler, public_handler
from familywork_app.state.presenters import StaffView, present_staff
from familywork_app.state.signin import ticket_script

NO_ERRORS = {"name": "", "email": "", "list": ""}


class InviteForm(FormModel):
    """The browser names the fields "staff-name" and "staff-email"."""

    name: Text = Field(default="", max_length=svc.NAME_MAX, alias="staff-name")
    email: Text = Field(default="", max_length=254, alias="staff-email")
    error_codes = {"staff-name": "error.name_required", "staff-email": "error.invalid_email"}


class SetPasswordForm(FormModel):
    password: Text = text(MAX_PASSWORD_LENGTH)
    error_codes = {"password": "error.password_long"}


class StaffState(AppState):
    loaded: rx.Field[bool] = rx.field(False)
    staff: rx.Field[list[StaffView]] = rx.field(default_factory=list)
    errors: rx.Field[dict[str, str]] = rx.field(default_factory=lambda: dict(NO_ERRORS))
    invited: rx.Field[str] = rx.field("")
    _form_key: str = ""  # "list" while deactivating (its errors show under the list)

    def _reload(self, acting: Acting) -> None:
        self.staff = present_staff(svc.staff_list(acting.db, acting.user, acting.ip), self.lang)
        self.loaded = True

    def _refused(self, problem: ServiceError) -> None:
        if self._form_key == "list":
            self.errors = {**self.errors, "list": problem.code}
        else:
            field = "name" if problem.field in ("name", "staff-name") else "email"
            self.errors, self.invited = {**NO_ERRORS, field: problem.code}, ""
        self._form_key = ""

    @rx.event
    @data_handler(Role.SUPERVISOR, page=True)
    def load(self, acting: Acting):
        self.loaded, self.invited, self.errors = False, "", NO_ERRORS
        self._reload(acting)

    @rx.event
    @data_handler(Role.SUPERVISOR, form=InviteForm)
    def invite(self, acting: Acting, form: InviteForm):
        self.errors, self.invited = NO_ERRORS, ""
        svc.invite_worker(acting.db, acting.user, form.email, form.name, acting.ip)
        self.invited = form.email
        self._reload(acting)
        return [
            rx.set_value("staff-name", ""),
            rx.set_value("staff-email", ""),
            self._toast("toast.invited"),
        ]

    @rx.event
    @data_handler(Role.SUPERVISOR)
    def deactivate(self, acting: Acting, staff_id: str):
        self._form_key = "list"
        svc.deactivate_staff(acting.db, acting.user, form_id(staff_id), acting.ip)
        self._form_key = ""
        self._reload(acting)
        return self._toast("toast.deactivated")


class SetPasswordState(AppState):
    """A link from an invitation or a registered application; the token stays on the server."""

    valid: rx.Field[bool] = rx.field(False)
    error: rx.Field[str] = rx.field("")
    _token: str = ""

    def _refused(self, problem: ServiceError) -> None:
        self.error = problem.code

    @rx.event
    @public_handler()
    def load(self, visiting: Visiting):
        self._set_shell(None)
        token = self.router.page.params.get("token", "")
        self._token = token if isinstance(token, str) else ""
        self.error = ""
        self.valid = svc.token_is_open(visiting.db, self._token)

    @rx.event
    @public_handler(form=SetPasswordForm)
    def submit(self, visiting: Visiting, form: SetPasswordForm):
        user = svc.set_password_with_token(visiting.db, self._token, form.password)
        if user.role != Role.GUARDIAN:
            return rx.redirect(routes.SIGN_IN)  # staff sign in (and later enrol a second factor)
        ticket = auth.issue_signin_ticket(visiting.db, user)
        return rx.call_script(ticket_script(ticket))
