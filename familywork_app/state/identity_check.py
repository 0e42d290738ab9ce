"""State of the family record's identification card (issue 15): whether the applicant applied
strongly identified (Suomi.fi, with the verified name), and, when not, the worker's record that
they checked the applicant's identity in person at the first meeting."""

import reflex as rx

from familywork_app.domain import STAFF_ROLES
from familywork_app.i18n import fmt_date, t
from familywork_app.services import ServiceError
from familywork_app.services.application_identity import (
    FamilyIdentification,
    family_identification,
    record_identity_check,
)
from familywork_app.state.app_state import AppState
from familywork_app.state.forms import form_id
from familywork_app.state.handler import Acting, data_handler


def present_identification(found: FamilyIdentification, lang: str) -> str:
    """One line: strongly identified (name), checked in person (by, on), or not identified."""
    if found.strong:
        return t(lang, "identity.record.strong", name=found.verified_name)
    if found.checked_at is not None:
        when = fmt_date(found.checked_at, lang)
        return t(lang, "identity.record.checked", name=found.checked_by, date=when)
    return t(lang, "identity.record.not_identified")


class IdentityCheckState(AppState):
    identity_loaded: rx.Field[bool] = rx.field(False)
    identity_line: rx.Field[str] = rx.field("")
    identity_strong: rx.Field[bool] = rx.field(False)
    identity_open: rx.Field[bool] = rx.field(False)  # nobody has checked it yet
    identity_error: rx.Field[str] = rx.field("")  # an i18n key
    _fid: int = 0

    def _refused(self, problem: ServiceError) -> None:
        self.identity_error = problem.code

    def _show(self, found: FamilyIdentification) -> None:
        self.identity_line = present_identification(found, self.lang)
        self.identity_strong = found.strong
        self.identity_open = not found.strong and found.checked_at is None
        self.identity_loaded = True

    @rx.event
    @data_handler(*STAFF_ROLES)
    def load(self, acting: Acting):
        """on_load of the family record."""
        self.identity_loaded, self.identity_error = False, ""
        self._fid = form_id(self.router.page.params.get("fid", ""))
        self._show(family_identification(acting.db, acting.user, self._fid, acting.ip))

    @rx.event
    @data_handler(*STAFF_ROLES)
    def record_check(self, acting: Acting):
        """The worker checked the applicant's identity in person (an identity document)."""
        self.identity_error = ""
        self._show(record_identity_check(acting.db, acting.user, self._fid, acting.ip))
        return self._toast("identity.check.saved")
