"""State of the staff form for an application that came on paper or by phone."""

import reflex as rx

from familywork_app.db import session_scope
from familywork_app.services import ServiceError
from familywork_app.services.applications import FormErrors
from familywork_app.services.supervision import register_application
from familywork_app.state.apply import ApplyState, _empty_errors, form_to_application


class RegisterState(ApplyState):
    """Shares the application form's fields and checks; staff only; no password."""

    channel_error: str = ""
    saved_name: str = ""  # the family just registered (it now waits in the supervisor's queue)

    def load(self):
        with session_scope() as db:
            _user, redirect = self._guard(db, "worker", "supervisor")
        self.errors, self.children, self.has_errors = _empty_errors(1), [0], False
        self.channel_error, self.description_length, self.saved_name = "", 0, ""
        return redirect or None

    def submit(self, form_data: dict):
        if not isinstance(form_data, dict):
            return
        application = form_to_application(form_data, len(self.children))
        application.pop("password")
        self.errors, self.has_errors, self.channel_error = (
            _empty_errors(len(self.children)),
            False,
            "",
        )
        self.saved_name = ""
        with session_scope() as db:
            try:
                register_application(
                    db, self._user(db), application, form_data.get("channel"), self._ip()
                )
            except FormErrors as problem:
                self.errors, self.has_errors = {**self.errors, **problem.errors}, True
                return
            except ServiceError as problem:
                self.channel_error = problem.code
                return
        self.saved_name, self.children, self.description_length = (
            application["name"].strip(),
            [0],
            0,
        )
        return rx.call_script(
            "document.getElementById('register-form').reset();window.scrollTo(0,0)"
        )
