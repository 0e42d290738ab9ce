"""States of the family members page (invite the other guardian) and the invitation page."""

from typing import Annotated

import reflex as rx
from pydantic import BeforeValidator, Field

from familywork_app.domain import Role
from familywork_app.services import ServiceError, auth
from familywork_app.services import invitations as svc
from familywork_app.state.app_state import AppState
from familywork_app.state.forms import FormModel, Text, form_text
from familywork_app.state.handler import Acting, Visiting, data_handler, public_handler
from familywork_app.state.signin import TypedEmail, ticket_script

NAME_MAX = 120  # the display name column's length
_NO_ERRORS = {"name": "", "password": "", "form": ""}


class InviteForm(FormModel):
    email: TypedEmail = ""


def _typed_name(value: object) -> str:
    return form_text(value).strip()


class AcceptForm(FormModel):
    # Trimmed first, then at most the column's length ("give your name" when longer, as ever).
    name: Annotated[str, BeforeValidator(_typed_name)] = Field(default="", max_length=NAME_MAX)
    # No length limit here: the service says "too long" beside the field.
    password: Text = ""

    error_codes = {"name": "error.name_required"}


class FamilyMembersState(AppState):
    loaded: rx.Field[bool] = rx.field(False)
    guardians: rx.Field[list[str]] = rx.field(default_factory=list)
    pending: rx.Field[list[str]] = rx.field(default_factory=list)
    email_error: rx.Field[str] = rx.field("")
    sent_to: rx.Field[str] = rx.field("")

    def _reload(self, acting: Acting) -> None:
        members = svc.family_members(acting.db, acting.user, acting.ip)
        self.guardians, self.pending = list(members.guardians), list(members.pending)
        self.loaded = True

    def _refused(self, problem: ServiceError) -> None:
        self.email_error = problem.code

    @rx.event
    @data_handler(Role.GUARDIAN, page=True, family=True)
    def load(self, acting: Acting):
        self.loaded, self.email_error, self.sent_to = False, "", ""
        self._reload(acting)

    @rx.event
    @data_handler(Role.GUARDIAN, form=InviteForm, family=True)
    def invite(self, acting: Acting, form: InviteForm):
        self.sent_to = ""
        svc.invite_guardian(acting.db, acting.user, form.email, acting.ip)
        self.email_error, self.sent_to = "", form.email
        self._reload(acting)
        return [rx.set_value("email", ""), self._toast("toast.invited")]


class InviteState(AppState):
    """The invitee's page; the token stays on the server (`_token`) once read from the link."""

    valid: rx.Field[bool] = rx.field(False)
    email: rx.Field[str] = rx.field("")
    family_name: rx.Field[str] = rx.field("")
    # per field of the form: an i18n key
    errors: rx.Field[dict[str, str]] = rx.field(default_factory=lambda: dict(_NO_ERRORS))
    _token: str = ""

    def _refused(self, problem: ServiceError) -> None:
        field = problem.field if problem.field in _NO_ERRORS else "form"
        self.errors = {**_NO_ERRORS, field: problem.code}

    @rx.event
    @public_handler()
    def load(self, visiting: Visiting):
        self._set_shell(None)
        token = self.router.page.params.get("token", "")
        self._token = token if isinstance(token, str) else ""
        info = svc.invitation_info(visiting.db, self._token)
        self.valid = info is not None
        self.email = info.email if info else ""
        self.family_name = info.family_name if info else ""

    @rx.event
    @public_handler(form=AcceptForm)
    def accept(self, visiting: Visiting, form: AcceptForm):
        self.errors = dict(_NO_ERRORS)
        user = svc.accept_invitation(
            visiting.db, self._token, form.name, form.password, self.lang, visiting.ip
        )
        return rx.call_script(ticket_script(auth.issue_signin_ticket(visiting.db, user)))
