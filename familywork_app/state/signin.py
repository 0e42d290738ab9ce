"""Sign-in page state: checks the password on the server, then trades a one-minute ticket for
the HttpOnly session cookie through a plain HTTP route, and reloads the page fully so the new
websocket carries that cookie."""

import json

import reflex as rx

from familywork_app import routes
from familywork_app.db import session_scope
from familywork_app.i18n import t
from familywork_app.services import auth
from familywork_app.services.auth import email_problem
from familywork_app.state.app_state import AppState


TICKET_SCRIPT = (
    "fetch('%s',{method:'POST',credentials:'same-origin',"
    "headers:{'Content-Type':'application/json'},body:JSON.stringify({ticket:%s})})"
    ".then(r=>r.ok?r.json():Promise.reject(r.status))"
    ".then(d=>{sessionStorage.clear();window.location.replace(d.home)})"
    ".catch(()=>window.location.replace('%s'))"
)


class SignInState(AppState):
    """Field errors are i18n keys, so they follow a language switch."""

    email: str = ""
    email_error: str = ""
    password_error: str = ""
    form_error: str = ""

    def load(self):
        """Already signed in: go to your own home."""
        with session_scope() as db:
            user = self._user(db)
            self._set_shell(user)
        self.form_error = ""
        if user is not None:
            return rx.redirect(routes.home_for(user.role), replace=True)

    def submit(self, form_data: dict):
        """Check the e-mail and password; on success start the cookie hand-over."""
        if not isinstance(form_data, dict):
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
            result = auth.authenticate(db, email, password, self._ip())
            if result.wait_seconds:
                self.form_error = t(self.lang, "signin.wait", seconds=result.wait_seconds)
                return
            if result.user is None:
                self.form_error = t(self.lang, "signin.failed")
                return
            ticket = auth.issue_signin_ticket(db, result.user)
        return rx.call_script(TICKET_SCRIPT % (routes.AUTH_SESSION, json.dumps(ticket),
                                                routes.SIGN_IN))
