"""States of the family members page (invite the other guardian) and the invitation page."""

import json

import reflex as rx

from familywork_app import routes
from familywork_app.db import session_scope
from familywork_app.services import ServiceError, auth
from familywork_app.services import invitations as svc
from familywork_app.state.app_state import AppState
from familywork_app.state.signin import TICKET_SCRIPT


class FamilyMembersState(AppState):
    loaded: bool = False
    guardians: list[str] = []
    pending: list[str] = []
    email_error: str = ""
    sent_to: str = ""

    def _reload(self, db) -> list:
        user, _family_id, redirect = self._guard_guardian(db)
        if redirect:
            return redirect
        data = svc.family_members(db, user, self._ip())
        self.guardians, self.pending = data["guardians"], data["pending"]
        self.loaded = True
        return []

    def load(self):
        self.loaded, self.email_error, self.sent_to = False, "", ""
        with session_scope() as db:
            return self._reload(db)

    def invite(self, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        self.sent_to = ""
        with session_scope() as db:
            try:
                svc.invite_guardian(db, self._user(db), form.get("email"), self._ip())
            except ServiceError as problem:
                self.email_error = problem.code
                return
            self.email_error = ""
            self.sent_to = str(form.get("email", "")).strip()[:254]
            return [*self._reload(db), rx.set_value("email", "")]


class InviteState(AppState):
    """The invitee's page; the token stays on the server (`_token`) once read from the link."""

    valid: bool = False
    email: str = ""
    family_name: str = ""
    errors: dict[str, str] = {"name": "", "password": "", "form": ""}
    _token: str = ""

    def load(self):
        self._set_shell(None)
        token = self.router.page.params.get("token", "")
        self._token = token if isinstance(token, str) else ""
        with session_scope() as db:
            info = svc.invitation_info(db, self._token)
        self.valid = info is not None
        self.email = info["email"] if info else ""
        self.family_name = info["family_name"] if info else ""

    def accept(self, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        self.errors = {"name": "", "password": "", "form": ""}
        with session_scope() as db:
            try:
                user = svc.accept_invitation(
                    db, self._token, form.get("name"), form.get("password"), self.lang, self._ip()
                )
            except ServiceError as problem:
                self.errors = {**self.errors, (problem.field or "form"): problem.code}
                return
            ticket = auth.issue_signin_ticket(db, user)
        return rx.call_script(
            TICKET_SCRIPT % (routes.AUTH_SESSION, json.dumps(ticket), routes.SIGN_IN)
        )
