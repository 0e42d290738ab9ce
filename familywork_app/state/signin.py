"""Sign-in page state: checks the password on the server; staff then give their second factor
(or enrol one at their first sign-in). Only then is a one-minute ticket issued, which the browser
trades for the HttpOnly session cookie through a plain HTTP route before reloading the page fully,
so the new websocket carries that cookie.

Between the steps the server keeps, in backend vars only, whose password was right and until
when (`_pending_id`, `_pending_until`) and the secret being enrolled (`_secret`). The enrolment
secret and the recovery codes are in normal vars only while the person must read them."""

import asyncio
import json
import time

import reflex as rx

from familywork_app import routes
from familywork_app.db import session_scope
from familywork_app.i18n import t
from familywork_app.models import User
from familywork_app.services import ServiceError, auth, totp
from familywork_app.services.auth import email_problem
from familywork_app.state.app_state import AppState

TICKET_SCRIPT = (
    "fetch('%s',{method:'POST',credentials:'same-origin',"
    "headers:{'Content-Type':'application/json'},body:JSON.stringify({ticket:%s})})"
    ".then(r=>r.ok?r.json():Promise.reject(r.status))"
    ".then(d=>{sessionStorage.clear();window.location.replace(d.home)})"
    ".catch(()=>window.location.replace('%s'))"
)
PENDING_SECONDS = 300  # time to give the second factor (or enrol) after a right password
STEPS = ("password", "code", "enrol", "recovery")


def _ticket_script(ticket: str) -> str:
    return TICKET_SCRIPT % (routes.AUTH_SESSION, json.dumps(ticket), routes.SIGN_IN)


class SignInState(AppState):
    """Field errors are i18n keys, so they follow a language switch."""

    email: str = ""
    email_error: str = ""
    password_error: str = ""
    form_error: str = ""
    step: str = "password"
    code_error: str = ""
    enrol_secret: str = ""  # shown while enrolling: the person types it into their app
    enrol_uri: str = ""
    enrol_qr: str = ""
    recovery_codes: list[str] = []  # shown once, right after enrolment
    _pending_id: int = 0
    _pending_until: float = 0.0
    _secret: str = ""
    _enrolled: bool = False

    def _reset_steps(self) -> None:
        self.step, self.code_error = "password", ""
        self.enrol_secret = self.enrol_uri = self.enrol_qr = ""
        self.recovery_codes = []
        self._pending_id, self._pending_until, self._secret, self._enrolled = 0, 0.0, "", False

    def _pending_user(self, db) -> User | None:
        """The staff member whose password was right, while the step is still open."""
        user = db.get(User, self._pending_id) if self._pending_id else None
        if user is None or not user.is_active or time.time() > self._pending_until:
            self._reset_steps()
            self.form_error = t(self.lang, "signin.expired")
            return None
        return user

    def load(self):
        """Already signed in: go to your own home. Otherwise start from the password."""
        with session_scope() as db:
            user = self._user(db)
            self._set_shell(user)
        self.form_error = ""
        self._reset_steps()
        if user is not None:
            return rx.redirect(routes.home_for(user.role), replace=True)

    async def submit(self, form_data: dict):
        """Check the e-mail and password; then the second factor, or the cookie hand-over.

        The password check (argon2, about 25 ms of CPU) runs on a worker thread, which argon2
        lets run beside the event loop: other people's events are not held up by a sign-in."""
        if not isinstance(form_data, dict) or self.step != "password":
            return
        email = form_data.get("email")
        password = form_data.get("password")
        email = email.strip()[:254] if isinstance(email, str) else ""
        password = password if isinstance(password, str) else ""
        self.email = email
        self.email_error = email_problem(email)
        self.password_error = "" if password else "error.required_password"
        self.form_error = ""
        if self.email_error or self.password_error:
            return
        with session_scope() as db:
            result = await asyncio.to_thread(auth.authenticate, db, email, password, self._ip())
            if result.wait_seconds:
                self.form_error = t(self.lang, "signin.wait", seconds=result.wait_seconds)
                return
            if result.user is None:
                self.form_error = t(self.lang, "signin.failed")
                return
            user = result.user
            if not totp.needs_second_factor(user):
                return rx.call_script(_ticket_script(auth.issue_signin_ticket(db, user)))
            self._pending_id, self._pending_until = user.id, time.time() + PENDING_SECONDS
            if totp.is_enrolled(user):
                self.step = "code"
                return
            self._secret = totp.new_secret()
            self.enrol_secret = " ".join(self._secret[i : i + 4] for i in range(0, 32, 4))
            self.enrol_uri = totp.provisioning_uri(self._secret, user.email)
            self.enrol_qr = totp.qr_data_uri(self.enrol_uri)
            self.step = "enrol"

    def submit_code(self, form_data: dict):
        """The code from the app (or a recovery code): right, and the cookie hand-over starts."""
        if not isinstance(form_data, dict) or self.step != "code":
            return
        self.code_error, self.form_error = "", ""
        with session_scope() as db:
            user = self._pending_user(db)
            if user is None:
                return
            try:
                result = totp.verify_code(db, user, form_data.get("code"), self._ip())
            except ServiceError:
                self._reset_steps()
                self.form_error = t(self.lang, "signin.expired")
                return
            if result.wait_seconds:
                self.form_error = t(self.lang, "signin.wait", seconds=result.wait_seconds)
                return
            if not result.ok:
                self.code_error = "signin.code_failed"
                return rx.set_value("code", "")
            ticket = auth.issue_signin_ticket(db, user)
        self._reset_steps()
        return rx.call_script(_ticket_script(ticket))

    def confirm_enrolment(self, form_data: dict):
        """Save the new second factor once a code from the app matches; show recovery codes."""
        if not isinstance(form_data, dict) or self.step != "enrol":
            return
        self.code_error, self.form_error = "", ""
        with session_scope() as db:
            user = self._pending_user(db)
            if user is None:
                return
            try:
                result = totp.confirm_enrolment(
                    db, user, self._secret, form_data.get("enrol-code"), self._ip()
                )
            except ServiceError:
                self._reset_steps()
                self.form_error = t(self.lang, "signin.expired")
                return
        if result.wait_seconds:
            self.form_error = t(self.lang, "signin.wait", seconds=result.wait_seconds)
            return
        if not result.ok:
            self.code_error = "signin.enrol_failed"
            return rx.set_value("enrol-code", "")
        self.enrol_secret = self.enrol_uri = self.enrol_qr = self._secret = ""
        self.recovery_codes, self._enrolled, self.step = result.recovery_codes, True, "recovery"

    def finish(self):
        """After the recovery codes: the cookie hand-over (the second factor was just proven)."""
        if self.step != "recovery" or not self._enrolled:
            return
        with session_scope() as db:
            user = self._pending_user(db)
            if user is None:
                return
            ticket = auth.issue_signin_ticket(db, user)
        self._reset_steps()
        return rx.call_script(_ticket_script(ticket))

    def cancel(self):
        """Back to the password step."""
        self.form_error = ""
        self._reset_steps()
