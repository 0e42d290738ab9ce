"""States of transfer and absence cover (issue 16), and of the work phone the family sees.

- `HandoverState` (the family record, a substate of its actions): the supervisor's transfer with
  a handover note, and the family's handover history for staff.
- `CoverState` (the staff page): one worker's whole caseload to a covering worker until a day.
- `WorkPhoneState` (the account page): staff save the work phone the family is given.

Each handler goes through the one entry point (`data_handler`); the services authorise again.
A refusal is shown beside its field (`errors`, keyed by field); typed text stays in the boxes.
"""

from dataclasses import dataclass
from typing import ClassVar

import reflex as rx
from pydantic import Field

from familywork_app.domain import STAFF_ROLES, Role
from familywork_app.i18n import fmt_date, fmt_datetime, t
from familywork_app.services import ServiceError
from familywork_app.services.handover import (
    NOTE_MAX,
    HandoverRow,
    cover_caseload,
    family_handovers,
    transfer_family,
)
from familywork_app.services.work_phone import set_work_phone
from familywork_app.state.app_state import AppState
from familywork_app.state.forms import FormId, FormModel, Text, form_id, text
from familywork_app.state.handler import Acting, data_handler
from familywork_app.state.record_presenters import WorkerChoice
from familywork_app.state.staff_admin import StaffState
from familywork_app.state.worker_family_actions import WorkerFamilyActions


@dataclass(frozen=True)
class HandoverView:
    """One line of the handover history, in the reader's language."""

    id: str = ""
    when: str = ""
    moved: str = ""  # "Anna → Mikko"
    by: str = ""
    cover: str = ""  # "Cover until 1.3.2027" ("" for a transfer)
    note: str = ""


def present_handover(row: HandoverRow, lang: str) -> HandoverView:
    nobody = t(lang, "handover.no_worker")
    cover = ""
    if row.cover_until is not None:
        cover = t(lang, "handover.cover_until", date=fmt_date(row.cover_until, lang))
        if row.ended_at is not None:
            cover += " · " + t(lang, "handover.cover_ended", date=fmt_date(row.ended_at, lang))
    return HandoverView(
        id=str(row.id),
        when=fmt_datetime(row.at, lang),
        moved=t(lang, "handover.moved", from_name=row.from_name or nobody, to_name=row.to_name),
        by=t(lang, "handover.by", name=row.by_name) if row.by_name else t(lang, "handover.by_app"),
        cover=cover,
        note=row.note,
    )


class TransferForm(FormModel):
    worker_id: FormId = 0
    note: Text = text(NOTE_MAX)
    error_codes: ClassVar[dict[str, str]] = {"note": "error.note_long"}


class HandoverState(WorkerFamilyActions):
    handovers: rx.Field[list[HandoverView]] = rx.field(default_factory=list)

    def _refused(self, problem: ServiceError) -> None:
        """Beside its field: the note's own message, or the worker's (everything else). A
        refusal outside the transfer (the history of a family no longer this worker's, or a
        forged form) says nothing: the record itself then says the family is not found."""
        if self._form_key != "reassign":
            self._form_key = ""
            return
        key = "reassign-note" if problem.field == "note" else "reassign"
        self.errors = {**self.errors, "reassign": "", "reassign-note": "", key: problem.code}
        self._form_key = ""

    def _show_handovers(self, acting: Acting) -> None:
        rows = family_handovers(acting.db, acting.user, self._fid, acting.ip)
        self.handovers = [present_handover(row, self.lang) for row in rows]

    @rx.event
    @data_handler(*STAFF_ROLES)
    def load_handovers(self, acting: Acting):
        """on_load of the record (after its own load): the family's handover history."""
        self.handovers = []
        self._fid = self._fid or form_id(self.router.page.params.get("fid", ""))
        self._show_handovers(acting)

    @rx.event
    @data_handler(Role.SUPERVISOR, form=TransferForm)
    def transfer(self, acting: Acting, form: TransferForm):
        """Give the family to another worker now; the note is for staff only."""
        self._start("reassign")
        transfer_family(acting.db, acting.user, self._fid, form.worker_id, form.note, acting.ip)
        self.errors = {**self.errors, "reassign-note": ""}
        toast = self._done(acting, "toast.reassigned")
        self._show_handovers(acting)
        return [rx.set_value("reassign-note", ""), toast]


class CoverForm(FormModel):
    worker_id: FormId = 0
    until: Text = text(32)
    note: Text = text(NOTE_MAX)
    error_codes: ClassVar[dict[str, str]] = {"note": "error.note_long", "until": "error.cover_date"}


# After the form appears: the focus to its heading (keyboard and screen-reader users).
FOCUS_COVER = "setTimeout(() => document.getElementById('cover-title')?.focus(), 50)"
NO_COVER_ERRORS = {"worker": "", "until": "", "note": "", "absent": ""}


class CoverState(StaffState):
    cover_for: rx.Field[str] = rx.field("")  # the absent worker's id ("" : the form is closed)
    cover_name: rx.Field[str] = rx.field("")
    cover_choices: rx.Field[list[WorkerChoice]] = rx.field(default_factory=list)
    cover_errors: rx.Field[dict[str, str]] = rx.field(default_factory=lambda: dict(NO_COVER_ERRORS))

    def _refused(self, problem: ServiceError) -> None:
        field = problem.field if problem.field in NO_COVER_ERRORS else "absent"
        self.cover_errors = {**NO_COVER_ERRORS, field: problem.code}

    @rx.event
    def open_cover(self, staff_id: str):
        """Show the cover form for one worker of the list (the service checks the id)."""
        chosen = next((s for s in self.staff if s.id == staff_id and s.active), None)
        if chosen is None or chosen.role != Role.WORKER.value:
            return None
        self.cover_for, self.cover_name = chosen.id, chosen.name
        self.cover_errors = dict(NO_COVER_ERRORS)
        self.cover_choices = [
            WorkerChoice(id=s.id, name=s.name)
            for s in self.staff
            if s.active and s.role == Role.WORKER.value and s.id != chosen.id
        ]
        return rx.call_script(FOCUS_COVER)

    @rx.event
    def close_cover(self):
        self.cover_for, self.cover_name = "", ""

    @rx.event
    @data_handler(Role.SUPERVISOR, form=CoverForm)
    def cover(self, acting: Acting, form: CoverForm):
        """Every active family of the worker to the covering worker until the last day."""
        self.cover_errors = dict(NO_COVER_ERRORS)
        cover_caseload(
            acting.db,
            acting.user,
            form_id(self.cover_for),
            form.worker_id,
            form.until,
            form.note,
            acting.ip,
        )
        self.cover_for, self.cover_name = "", ""
        self._reload(acting)
        return self._toast("toast.cover_saved")


class PhoneForm(FormModel):
    """The browser names the field "work-phone"."""

    phone: Text = Field(default="", max_length=40, alias="work-phone")
    error_codes: ClassVar[dict[str, str]] = {"work-phone": "error.phone_invalid"}


class WorkPhoneState(AppState):
    phone: rx.Field[str] = rx.field("")
    phone_error: rx.Field[str] = rx.field("")  # an i18n key

    def _refused(self, problem: ServiceError) -> None:
        self.phone_error = problem.code

    @rx.event
    @data_handler(*STAFF_ROLES)
    def load(self, acting: Acting):
        """on_load of the account page: the staff member's saved work phone."""
        self.phone, self.phone_error = acting.user.phone, ""
        return rx.set_value("work-phone", self.phone)

    @rx.event
    @data_handler(*STAFF_ROLES, form=PhoneForm)
    def save_phone(self, acting: Acting, form: PhoneForm):
        self.phone_error = ""
        self.phone = set_work_phone(acting.db, acting.user, form.phone, acting.ip)
        return [rx.set_value("work-phone", self.phone), self._toast("toast.phone_saved")]
