"""The public application form: server-side checks, errors beside each field, nothing lost."""

import json

import reflex as rx

from familywork_app import routes
from familywork_app.db import session_scope
from familywork_app.models import SUPPORT_AREAS
from familywork_app.services import auth
from familywork_app.services.applications import MAX_CHILDREN, FormErrors, submit_application
from familywork_app.state.app_state import AppState
from familywork_app.state.signin import TICKET_SCRIPT

FIELDS = (
    "name",
    "email",
    "phone",
    "municipality",
    "address",
    "children",
    "support_areas",
    "description",
    "reachable",
    "consent",
    "password",
    "form",
)


def _empty_errors(children: int) -> dict[str, str]:
    errors = {field: "" for field in FIELDS}
    for index in range(children):
        errors[f"child_{index}_name"] = ""
        errors[f"child_{index}_year"] = ""
    return errors


def form_to_application(form: dict, children: int) -> dict:
    """The browser's flat form fields as the service's application dict."""

    def text(key: str) -> str:
        value = form.get(key)
        return value if isinstance(value, str) else ""

    return {
        "name": text("name"),
        "email": text("email"),
        "phone": text("phone"),
        "municipality": text("municipality"),
        "address": text("address"),
        "description": text("description"),
        "reachable": text("reachable"),
        "password": text("password"),
        "consent": form.get("consent") in ("on", True, "true"),
        "support_areas": [
            a for a in SUPPORT_AREAS if form.get(f"area_{a}") in ("on", True, "true")
        ],
        "children": [
            {"first_name": text(f"child_{i}_name"), "birth_year": text(f"child_{i}_year")}
            for i in range(children)
        ],
    }


class ApplyState(AppState):
    children: list[int] = [0]
    description_length: int = 0
    errors: dict[str, str] = _empty_errors(1)
    has_errors: bool = False

    def load(self):
        with session_scope() as db:
            user = self._user(db)
            self._set_shell(user)
        if user is not None:
            return rx.redirect(routes.home_for(user.role), replace=True)

    def add_child(self):
        if len(self.children) < MAX_CHILDREN:
            self.children = self.children + [len(self.children)]
            self.errors = {**_empty_errors(len(self.children)), **self.errors}

    def remove_child(self):
        if len(self.children) > 1:
            self.children = self.children[:-1]

    def count_description(self, value: str):
        self.description_length = len(value) if isinstance(value, str) else 0

    def submit(self, form_data: dict):
        if not isinstance(form_data, dict):
            return
        application = form_to_application(form_data, len(self.children))
        self.errors = _empty_errors(len(self.children))
        self.has_errors = False
        with session_scope() as db:
            try:
                user = submit_application(db, application, self.lang, self._ip())
            except FormErrors as problem:
                self.errors = {**self.errors, **problem.errors}
                self.has_errors = True
                return
            ticket = auth.issue_signin_ticket(db, user)
        return rx.call_script(
            TICKET_SCRIPT % (routes.AUTH_SESSION, json.dumps(ticket), routes.SIGN_IN)
        )
