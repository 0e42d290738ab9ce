"""States of the supervisor's staff page and the public set-password page."""

import json

import reflex as rx

from familywork_app import routes
from familywork_app.db import session_scope
from familywork_app.services import ServiceError, auth
from familywork_app.services import staff as svc
from familywork_app.state.app_state import AppState, form_id
from familywork_app.state.signin import TICKET_SCRIPT


class StaffState(AppState):
    loaded: bool = False
    staff: list[dict[str, str]] = []
    errors: dict[str, str] = {"name": "", "email": "", "list": ""}
    invited: str = ""

    def _reload(self, db, user) -> None:
        self.staff = [
            {
                "id": str(s["id"]),
                "name": s["name"],
                "email": s["email"],
                "role": s["role"],
                "active": "1" if s["is_active"] else "",
                "families": str(s["active_families"]),
            }
            for s in svc.staff_list(db, user, self._ip())
        ]
        self.loaded = True

    def load(self):
        self.loaded, self.invited = False, ""
        self.errors = {"name": "", "email": "", "list": ""}
        with session_scope() as db:
            user, redirect = self._guard(db, "supervisor")
            if redirect:
                return redirect
            self._reload(db, user)

    def invite(self, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        self.errors, self.invited = {"name": "", "email": "", "list": ""}, ""
        with session_scope() as db:
            user = self._user(db)
            try:
                svc.invite_worker(
                    db, user, form.get("staff-email"), form.get("staff-name"), self._ip()
                )
            except ServiceError as problem:
                self.errors = {
                    **self.errors,
                    (
                        problem.field if problem.field in ("name", "email") else "email"
                    ): problem.code,
                }
                return
            self.invited = str(form.get("staff-email", ""))[:254]
            self._reload(db, user)
        return [rx.set_value("staff-name", ""), rx.set_value("staff-email", "")]

    def deactivate(self, staff_id: str):
        with session_scope() as db:
            user = self._user(db)
            try:
                svc.deactivate_staff(db, user, form_id(staff_id), self._ip())
            except ServiceError as problem:
                self.errors = {**self.errors, "list": problem.code}
                return
            self._reload(db, user)


class SetPasswordState(AppState):
    """A link from an invitation or a registered application; the token stays on the server."""

    valid: bool = False
    error: str = ""
    _token: str = ""

    def load(self):
        self._set_shell(None)
        token = self.router.page.params.get("token", "")
        self._token = token if isinstance(token, str) else ""
        self.error = ""
        with session_scope() as db:
            self.valid = svc.token_is_open(db, self._token)

    def submit(self, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        with session_scope() as db:
            try:
                user = svc.set_password_with_token(db, self._token, form.get("password"))
            except ServiceError as problem:
                self.error = problem.code
                return
            if user.role != "guardian":
                return rx.redirect(
                    routes.SIGN_IN
                )  # staff sign in (and later enrol a second factor)
            ticket = auth.issue_signin_ticket(db, user)
        return rx.call_script(
            TICKET_SCRIPT % (routes.AUTH_SESSION, json.dumps(ticket), routes.SIGN_IN)
        )
