"""State of the staff form for an application that came on paper or by phone."""

import reflex as rx

from familywork_app.domain import STAFF_ROLES
from familywork_app.services import ServiceError
from familywork_app.services.application_checks import FormErrors
from familywork_app.services.supervision import register_application
from familywork_app.state.apply import ApplicationFields, ApplyState, _empty_errors
from familywork_app.state.error_summary import ErrorLink, focus_error_summary
from familywork_app.state.forms import Text, text
from familywork_app.state.handler import Acting, data_handler

CLEAR_FORM = "fwResetForm('register-form')"  # assets/app.js
ERROR_SUMMARY = "register-errors"  # the id of the form's error summary
CHANNEL_FIELD = "channel-paper"  # the summary's link to the channel goes to its first choice


class RegisterForm(ApplicationFields):
    """The e-form's fields without a password, and how the application came."""

    channel: Text = text(8)


class RegisterState(ApplyState):
    """Shares the application form's fields and checks; staff only; no password."""

    channel_error: rx.Field[str] = rx.field("")
    # the family just registered (it now waits in the supervisor's queue)
    saved_name: rx.Field[str] = rx.field("")

    def _refused(self, problem: ServiceError) -> object:
        """Every error beside its field and in the summary at the top, which takes the focus."""
        if isinstance(problem, FormErrors):
            ApplyState._refused(self, problem)
            self.channel_error, self.saved_name = "", ""
        else:  # the channel, or a refusal of the whole form
            self.channel_error, self.has_errors = problem.code, True
            self.error_links = [ErrorLink(field=CHANNEL_FIELD, key=problem.code)]
        return focus_error_summary(ERROR_SUMMARY)

    @rx.event
    @data_handler(*STAFF_ROLES, page=True)
    def load(self, acting: Acting):
        self.errors, self.children, self.has_errors = _empty_errors(1), [0], False
        self.channel_error, self.description_length, self.saved_name = "", 0, ""

    @rx.event
    @data_handler(*STAFF_ROLES, form=RegisterForm)
    def submit(self, acting: Acting, form: RegisterForm):
        self.errors, self.has_errors = _empty_errors(len(self.children)), False
        self.channel_error, self.saved_name, self.error_links = "", "", []
        register_application(acting.db, acting.user, form.entry(), form.channel, acting.ip)
        self.saved_name, self.children, self.description_length = form.name.strip(), [0], 0
        return rx.call_script(CLEAR_FORM)
