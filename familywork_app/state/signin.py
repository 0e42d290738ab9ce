"""Sign-in page state: checks the password on the server; staff then give their second factor
(or enrol one at their first sign-in). Only then is a one-minute ticket issued, which the browser
trades for the HttpOnly session cookie through a plain HTTP route before reloading the page fully,
so the new websocket carries that cookie (`fwSignInWith` in assets/account.js).

Between the steps the server keeps, in backend vars only, whose password was right and until
when (`_pending_id`, `_pending_until`) and the secret being enrolled (`_secret`). The enrolment
secret and the recovery codes are in normal vars only while the person must read them."""

import asyncio
import json
import time
from typing import Annotated

import reflex as rx
from pydantic import BeforeValidator, Field
from sqlmodel import Session

from familywork_app import routes
from familywork_app.domain import Role
from familywork_app.i18n import t
from familywork_app.models import User
from familywork_app.services import ServiceError, auth, totp
from familywork_app.services.auth import email_problem
from familywork_app.services.oidc_settings import guardian_passwords_enabled
from familywork_app.services.staff_identity import link_identity
from familywork_app.state.app_state import AppState
from familywork_app.state.county_signin import county_arrival
from familywork_app.state.error_summary import ErrorLink, focus_error_summary
from familywork_app.state.forms import FormModel, Text, form_text
from familywork_app.state.handler import Visiting, public_handler

PENDING_SECONDS = 300  # time to give the second factor (or enrol) after a right password
STEPS = ("password", "code", "enrol", "recovery")
EMAIL_MAX = 254  # the e-mail column's length
ERROR_SUMMARY = "signin-errors"  # the id of the error summary of the step shown
CODE_FIELDS = {"code": "code", "enrol": "enrol-code"}  # the code's input in each step


def ticket_script(ticket: str) -> str:
    """The script that trades a sign-in ticket for the session cookie and opens the home page
    (for every page that signs someone in: sign-in, the invitation, apply, set password)."""
    arguments = ", ".join(json.dumps(a) for a in (ticket, routes.AUTH_SESSION, routes.SIGN_IN))
    return f"fwSignInWith({arguments})"


def typed_email(value: object) -> str:
    """The e-mail as typed, trimmed and cut to the column's length (the services check the
    address itself and say what is wrong with it beside the field)."""
    return form_text(value).strip()[:EMAIL_MAX]


TypedEmail = Annotated[str, BeforeValidator(typed_email)]


class PasswordForm(FormModel):
    email: TypedEmail = ""
    # No length limit here: the service treats a password over its limit as a wrong one.
    password: Text = ""


class CodeForm(FormModel):
    code: Text = ""  # a code that is not six digits or a recovery code is a wrong code


class EnrolForm(FormModel):
    enrol_code: Text = Field(default="", alias="enrol-code")  # the input's name


class SignInState(AppState):
    """Field errors are i18n keys, so they follow a language switch."""

    email: rx.Field[str] = rx.field("")
    email_error: rx.Field[str] = rx.field("")
    password_error: rx.Field[str] = rx.field("")
    form_error: rx.Field[str] = rx.field("")
    step: rx.Field[str] = rx.field("password")
    code_error: rx.Field[str] = rx.field("")
    # shown while enrolling: the person types it into their app
    enrol_secret: rx.Field[str] = rx.field("")
    enrol_uri: rx.Field[str] = rx.field("")
    enrol_qr: rx.Field[str] = rx.field("")
    # shown once, right after enrolment
    recovery_codes: rx.Field[list[str]] = rx.field(default_factory=list)
    # the error summary at the top of the step's form (a failed submit moves the focus there)
    error_links: rx.Field[list[ErrorLink]] = rx.field(default_factory=list)
    _pending_id: int = 0
    _pending_until: float = 0.0
    _secret: str = ""
    _enrolled: bool = False
    # a county sign-in linking its identity to this account once the code is right (issue 15)
    _county_link: str = ""
    county_linking: rx.Field[bool] = rx.field(False)

    def _reset_steps(self) -> None:
        self.step, self.code_error = "password", ""
        self.enrol_secret = self.enrol_uri = self.enrol_qr = ""
        self.recovery_codes, self.error_links = [], []
        self._pending_id, self._pending_until, self._secret, self._enrolled = 0, 0.0, "", False
        self._county_link, self.county_linking = "", False

    def _summary(self) -> object:
        """The errors now shown, linked to their fields in the summary, and the focus moved to
        it; nothing when there are none."""
        if self.step == "password":
            fields = [("email", self.email_error), ("password", self.password_error)]
        else:
            fields = [(CODE_FIELDS.get(self.step, ""), self.code_error)]
        links = [ErrorLink(field=field, key=key) for field, key in fields if key]
        if self.form_error:  # already translated (it may hold the seconds to wait)
            links.append(ErrorLink(field="", key="", text=self.form_error))
        self.error_links = links
        return focus_error_summary(ERROR_SUMMARY) if links else None

    def _expired(self) -> None:
        self._reset_steps()
        self.form_error = t(self.lang, "signin.expired")

    def _refused(self, problem: ServiceError) -> object:
        """The second-factor service refused the pending account: start again."""
        self._expired()
        return self._summary()

    def _wait(self, seconds: int) -> object:
        self.form_error = t(self.lang, "signin.wait", seconds=seconds)
        return self._summary()

    def _pending_user(self, db: Session) -> User | None:
        """The staff member whose password was right, while the step is still open."""
        user = auth.pending_user(db, self._pending_id)
        if user is None or time.time() > self._pending_until:
            self._expired()
            return None
        return user

    def _second_step(self, user: User) -> None:
        """A right password of a staff member: their code next, or enrolment at the first time."""
        self._pending_id, self._pending_until = user.id or 0, time.time() + PENDING_SECONDS
        if totp.is_enrolled(user):
            self.step = "code"
            return
        self._secret = totp.new_secret()
        self.enrol_secret = " ".join(self._secret[i : i + 4] for i in range(0, 32, 4))
        self.enrol_uri = totp.provisioning_uri(self._secret, user.email)
        self.enrol_qr = totp.qr_data_uri(self.enrol_uri)
        self.step = "enrol"

    @rx.event
    @public_handler()
    def load(self, visiting: Visiting):
        """Already signed in: go to your own home. Otherwise start from the password."""
        self._set_shell(visiting.user)
        self.form_error = ""
        self._reset_steps()
        if visiting.user is not None:
            return rx.redirect(routes.home_for(visiting.user.role), replace=True)
        # back from the county's sign-in with the code still due (services.staff_identity)
        came = county_arrival(visiting.db, self.router.headers.cookie)
        if came.pending is not None:
            self._second_step(came.pending)
            self._county_link, self.county_linking = came.link_subject, bool(came.link_subject)

    @rx.event
    @public_handler(form=PasswordForm)
    async def submit(self, visiting: Visiting, form: PasswordForm):
        """Check the e-mail and password; then the second factor, or the cookie hand-over.

        The password check (argon2, about 25 ms of CPU) runs on a worker thread, which argon2
        lets run beside the event loop: other people's events are not held up by a sign-in."""
        if self.step != "password":
            return
        self.email = form.email
        self.email_error = email_problem(form.email)
        self.password_error = "" if form.password else "error.required_password"
        self.form_error, self.error_links = "", []
        if self.email_error or self.password_error:
            return self._summary()
        result = await asyncio.to_thread(
            auth.authenticate, visiting.db, form.email, form.password, visiting.ip
        )
        if result.wait_seconds:
            return self._wait(result.wait_seconds)
        if result.user is None:
            self.form_error = t(self.lang, "signin.failed")
            return self._summary()
        if result.user.role == Role.GUARDIAN and not guardian_passwords_enabled():
            self.form_error = t(self.lang, "identity.password_off")  # FAMILYWORK_GUARDIAN_PASSWORDS
            return self._summary()
        if not totp.needs_second_factor(result.user):
            ticket = auth.issue_signin_ticket(visiting.db, result.user)
            return rx.call_script(ticket_script(ticket))
        self._second_step(result.user)

    @rx.event
    @public_handler(form=CodeForm)
    def submit_code(self, visiting: Visiting, form: CodeForm):
        """The code from the app (or a recovery code): right, and the cookie hand-over starts."""
        if self.step != "code":
            return
        self.code_error, self.form_error, self.error_links = "", "", []
        user = self._pending_user(visiting.db)
        if user is None:
            return self._summary()
        result = totp.verify_code(visiting.db, user, form.code, visiting.ip)
        if result.wait_seconds:
            return self._wait(result.wait_seconds)
        if not result.ok:
            self.code_error = "signin.code_failed"
            return [rx.set_value("code", ""), self._summary()]
        if self._county_link and not link_identity(
            visiting.db, user.id or 0, self._county_link, visiting.ip
        ):
            return self._refused(ServiceError("error.invalid"))
        ticket = auth.issue_signin_ticket(visiting.db, user)
        self._reset_steps()
        return rx.call_script(ticket_script(ticket))

    @rx.event
    @public_handler(form=EnrolForm)
    def confirm_enrolment(self, visiting: Visiting, form: EnrolForm):
        """Save the new second factor once a code from the app matches; show recovery codes."""
        if self.step != "enrol":
            return
        self.code_error, self.form_error, self.error_links = "", "", []
        user = self._pending_user(visiting.db)
        if user is None:
            return self._summary()
        result = totp.confirm_enrolment(
            visiting.db, user, self._secret, form.enrol_code, visiting.ip
        )
        if result.wait_seconds:
            return self._wait(result.wait_seconds)
        if not result.ok:
            self.code_error = "signin.enrol_failed"
            return [rx.set_value("enrol-code", ""), self._summary()]
        self.enrol_secret = self.enrol_uri = self.enrol_qr = self._secret = ""
        self.recovery_codes, self._enrolled = list(result.recovery_codes), True
        self.step = "recovery"

    @rx.event
    @public_handler()
    def finish(self, visiting: Visiting):
        """After the recovery codes: the cookie hand-over (the second factor was just proven)."""
        if self.step != "recovery" or not self._enrolled:
            return
        user = self._pending_user(visiting.db)
        if user is None:
            return
        ticket = auth.issue_signin_ticket(visiting.db, user)
        self._reset_steps()
        return rx.call_script(ticket_script(ticket))

    @rx.event
    def cancel(self):
        """Back to the password step."""
        self.form_error = ""
        self._reset_steps()
