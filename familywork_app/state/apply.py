"""The public application form: server-side checks, errors beside each field, nothing lost.

The browser sends the form flat: a child's fields as `child_<i>_name` and `child_<i>_year`, each
support area as the checkbox `area_<area>`. `ApplicationFields` (shared with the staff form in
`state.register`) gathers them, bounds every length, and reports every field it refuses at once
as `FormErrors`, as the service does for its own rules. The inputs are uncontrolled: what the
person typed stays in them when errors are shown.
"""

from dataclasses import replace
from typing import Any, Self

import reflex as rx
from pydantic import ValidationError, model_validator
from pydantic_core import ErrorDetails

from familywork_app import routes
from familywork_app.domain import SupportArea
from familywork_app.services import ServiceError, auth
from familywork_app.services.application_checks import (
    ADDRESS_MAX,
    CHILD_NAME_MAX,
    DESCRIPTION_MAX,
    MAX_CHILDREN,
    NAME_MAX,
    ApplicationEntry,
    ChildEntry,
    FormErrors,
)
from familywork_app.services.application_identity import identify_application
from familywork_app.services.applications import submit_application
from familywork_app.services.security import MAX_PASSWORD_LENGTH
from familywork_app.services.strong_identity import verified_name
from familywork_app.state.app_state import AppState
from familywork_app.state.error_summary import ErrorLink, error_links, focus_error_summary
from familywork_app.state.forms import Checkbox, FormModel, Text, checked, text
from familywork_app.state.handler import Visiting, public_handler
from familywork_app.state.signin import ticket_script
from familywork_app.state.strong_identity import applying_identity, applying_name

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
# A child's field in the model -> (its input's suffix, the error shown beside it).
CHILD_FIELDS = {
    "first_name": ("name", "error.child_name"),
    "birth_year": ("year", "error.birth_year"),
}


ERROR_SUMMARY = "apply-errors"  # the id of the form's error summary


def error_targets(children: int) -> list[tuple[str, str]]:
    """(error name, the id of the field its summary link goes to), in the form's order."""
    rows = [(name, name) for name in ("name", "email", "phone", "municipality", "address")]
    rows.append(("children", "child_0_name"))
    for index in range(children):
        rows += [(f"child_{index}_{part}", f"child_{index}_{part}") for part in ("name", "year")]
    rows.append(("support_areas", f"area_{next(iter(SupportArea))}"))  # its first checkbox
    rows += [(name, name) for name in ("description", "reachable", "password", "consent")]
    rows.append(("form", ""))
    return rows


def _empty_errors(children: int) -> dict[str, str]:
    errors = {field: "" for field in FIELDS}
    for index in range(children):
        errors[f"child_{index}_name"] = ""
        errors[f"child_{index}_year"] = ""
    return errors


class ChildForm(FormModel):
    first_name: Text = text(CHILD_NAME_MAX)
    birth_year: Text = text(4)


class ApplicationFields(FormModel):
    """The fields of the e-form and of the staff form for a paper or phone application."""

    name: Text = text(NAME_MAX)
    email: Text = text(254)
    phone: Text = text(40)
    municipality: Text = text(40)
    address: Text = text(ADDRESS_MAX)
    description: Text = text(DESCRIPTION_MAX)
    reachable: Text = text(ADDRESS_MAX)
    consent: Checkbox = False
    support_areas: tuple[SupportArea, ...] = ()
    children: tuple[ChildForm, ...] = ()
    # The same keys the service gives for these fields.
    error_codes = {
        "name": "error.name_required",
        "email": "error.invalid_email",
        "phone": "error.phone_invalid",
        "municipality": "error.municipality_required",
        "address": "error.address_required",
        "password": "error.password_long",
    }

    @model_validator(mode="before")
    @classmethod
    def _gather(cls, raw: Any) -> Any:
        """The flat checkbox and child fields as `support_areas` and `children` (the rows up to
        the first missing one, at most MAX_CHILDREN)."""
        data = dict(raw) if isinstance(raw, dict) else {}
        data["support_areas"] = tuple(a for a in SupportArea if checked(data.get(f"area_{a}")))
        children: list[dict[str, Any]] = []
        for index in range(MAX_CHILDREN):
            name, year = f"child_{index}_name", f"child_{index}_year"
            if name not in data and year not in data:
                break
            children.append({"first_name": data.get(name), "birth_year": data.get(year)})
        data["children"] = tuple(children)
        return data

    @classmethod
    def _error(cls, error: ErrorDetails) -> tuple[str, str]:
        """(field key, i18n key) of one refused value, the key as the page shows it."""
        loc = error["loc"]
        if len(loc) == 3 and loc[0] == "children" and str(loc[2]) in CHILD_FIELDS:
            suffix, code = CHILD_FIELDS[str(loc[2])]
            return f"child_{loc[1]}_{suffix}", code
        field = str(loc[0]) if loc else "form"
        return field, cls.error_codes.get(field, "error.text_long")

    @classmethod
    def parse(cls, raw: object) -> Self:
        """The form, or FormErrors naming every field it refuses."""
        try:
            return cls.model_validate(raw if isinstance(raw, dict) else {})
        except ValidationError as invalid:
            raise FormErrors(dict(cls._error(e) for e in invalid.errors())) from None

    def entry(self) -> ApplicationEntry:
        """The application as the service checks it."""
        return ApplicationEntry(
            name=self.name,
            email=self.email,
            phone=self.phone,
            municipality=self.municipality,
            address=self.address,
            children=tuple(ChildEntry(c.first_name, c.birth_year) for c in self.children),
            support_areas=tuple(self.support_areas),
            description=self.description,
            reachable=self.reachable,
            consent=self.consent,
        )


class ApplyForm(ApplicationFields):
    password: Text = text(MAX_PASSWORD_LENGTH)

    def entry(self) -> ApplicationEntry:
        return replace(super().entry(), password=self.password)


class ApplyState(AppState):
    children: rx.Field[list[int]] = rx.field(default_factory=lambda: [0])
    description_length: rx.Field[int] = rx.field(0)
    errors: rx.Field[dict[str, str]] = rx.field(default_factory=lambda: _empty_errors(1))
    has_errors: rx.Field[bool] = rx.field(False)
    # the error summary at the top of the form: every error, linked to its field
    error_links: rx.Field[list[ErrorLink]] = rx.field(default_factory=list)
    # the name Suomi.fi verified, when this browser comes from a strong sign-in (issue 15)
    identified_name: rx.Field[str] = rx.field("")

    def _refused(self, problem: ServiceError) -> object:
        errors = problem.errors if isinstance(problem, FormErrors) else {"form": problem.code}
        self.errors = {**_empty_errors(len(self.children)), **errors}
        self.has_errors = True
        self.error_links = error_links(self.errors, error_targets(len(self.children)))
        return focus_error_summary(ERROR_SUMMARY)

    @rx.event
    @public_handler()
    def load(self, visiting: Visiting):
        self._set_shell(visiting.user)
        if visiting.user is not None:
            return rx.redirect(routes.home_for(visiting.user.role), replace=True)
        self.identified_name = applying_name(visiting.db, self.router.headers.cookie)
        return None

    @rx.event
    def add_child(self):
        if len(self.children) < MAX_CHILDREN:
            self.children = self.children + [len(self.children)]
            self.errors = {**_empty_errors(len(self.children)), **self.errors}

    @rx.event
    def remove_child(self):
        if len(self.children) > 1:
            self.children = self.children[:-1]

    @rx.event
    def count_description(self, value: str):
        self.description_length = len(value) if isinstance(value, str) else 0

    @rx.event
    @public_handler(form=ApplyForm)
    def submit(self, visiting: Visiting, form: ApplyForm):
        self.errors, self.has_errors = _empty_errors(len(self.children)), False
        self.error_links = []
        identity = applying_identity(visiting.db, self.router.headers.cookie)
        entry = form.entry()
        if identity is not None:  # the application carries the verified name
            entry = replace(entry, name=verified_name(identity))
        user = submit_application(visiting.db, entry, self.lang, visiting.ip)
        if identity is not None:
            identify_application(visiting.db, user, identity, visiting.ip)
        ticket = auth.issue_signin_ticket(visiting.db, user)
        return rx.call_script(ticket_script(ticket))
