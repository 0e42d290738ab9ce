"""State of the case-process section on a family's record: the timeline, the assessment's
deadlines, and the forms that record the assessment's start and completion.

The family is the record page's (from the URL at load, kept server-side in `_fid`); every call
goes through `case_process`, which checks again that this worker (or a supervisor) may change
that family. A refusal is shown beside its field; the inputs are uncontrolled, so what was typed
stays.
"""

from typing import ClassVar

import reflex as rx

from familywork_app.domain import STAFF_ROLES, CaseStepKind
from familywork_app.services import NotAllowed, ServiceError
from familywork_app.services.case_process import case_timeline, helsinki_today, record_step
from familywork_app.state.app_state import AppState
from familywork_app.state.case_process_presenters import (
    DeadlineView,
    ProcessStepView,
    present_process,
)
from familywork_app.state.error_summary import ErrorLink, error_links, focus_error_summary
from familywork_app.state.forms import FormModel, Text, form_id, text
from familywork_app.state.handler import Acting, data_handler

ERROR_SUMMARY = "process-errors"  # the id of the completion form's error summary
EMPTY_ERRORS = {"start_on": "", "done_on": "", "special_support": "", "summary": "", "form": ""}
# (error name, the id of the field its summary link goes to), in the completion form's order
COMPLETE_TARGETS = (
    ("done_on", "process-done-on"),
    ("special_support", "process-support-yes"),
    ("summary", "process-summary"),
    ("form", ""),
)
SUPPORT_ANSWERS = {"yes": True, "no": False}


class StartForm(FormModel):
    on: Text = text(32)


class CompleteForm(FormModel):
    on: Text = text(32)
    special_support: Text = text(8)  # "yes" or "no"; anything else is no answer
    summary: Text = text(4000)
    error_codes: ClassVar[dict[str, str]] = {"summary": "error.text_long"}

    @property
    def support(self) -> bool | None:
        return SUPPORT_ANSWERS.get(self.special_support)


class CaseProcessState(AppState):
    process_loaded: rx.Field[bool] = rx.field(False)
    received: rx.Field[str] = rx.field("")
    steps: rx.Field[list[ProcessStepView]] = rx.field(default_factory=list)
    deadlines: rx.Field[list[DeadlineView]] = rx.field(default_factory=list)
    phase: rx.Field[str] = rx.field("start")  # "start", "complete" or "done"
    summary: rx.Field[str] = rx.field("")
    special_support: rx.Field[str] = rx.field("")
    today_iso: rx.Field[str] = rx.field("")
    errors: rx.Field[dict[str, str]] = rx.field(default_factory=lambda: dict(EMPTY_ERRORS))
    error_links: rx.Field[list[ErrorLink]] = rx.field(default_factory=list)
    _fid: int = 0
    _form: str = ""  # the form this event answers: "start", "complete" or "" (say nothing)

    def _show(self, acting: Acting) -> None:
        view = present_process(
            case_timeline(acting.db, acting.user, self._fid, ip=acting.ip), self.lang
        )
        self.received, self.steps, self.deadlines = view.received, view.steps, view.deadlines
        self.phase, self.summary = view.phase, view.summary
        self.special_support = view.special_support
        self.today_iso = helsinki_today().isoformat()
        self.process_loaded = True

    def _clear(self) -> None:
        self.errors, self.error_links = dict(EMPTY_ERRORS), []

    def _refused(self, problem: ServiceError) -> object:
        """Beside the field of the form that was sent; a refused load shows nothing."""
        form, self._form = self._form, ""
        if not form:
            return None
        name = problem.field if problem.field in ("special_support", "summary") else "form"
        if problem.field == "on":
            name = f"{'start' if form == 'start' else 'done'}_on"
        self.errors = {**EMPTY_ERRORS, name: problem.code}
        if form != "complete":
            return None
        self.error_links = error_links(self.errors, COMPLETE_TARGETS)
        return focus_error_summary(ERROR_SUMMARY)

    @rx.event
    @data_handler(*STAFF_ROLES)
    def load(self, acting: Acting):
        """on_load of the record (after its own guard): this family's timeline, if this user
        may see the family; otherwise the section stays hidden."""
        self.process_loaded, self._form = False, ""
        self._clear()
        self._fid = form_id(self.router.page.params.get("fid", ""))
        try:
            self._show(acting)
        except NotAllowed:
            self._fid = 0

    def _record(self, acting: Acting, kind: CaseStepKind, form: StartForm | CompleteForm) -> None:
        support, summary = (
            (form.support, form.summary) if isinstance(form, CompleteForm) else (None, "")
        )
        record_step(
            acting.db, acting.user, self._fid, kind.value, form.on, support, summary, acting.ip
        )
        self._clear()
        self._show(acting)

    @rx.event
    @data_handler(*STAFF_ROLES, form=StartForm)
    def start_assessment(self, acting: Acting, form: StartForm):
        """The assessment of service need started on the day given."""
        self._form = "start"
        self._record(acting, CaseStepKind.ASSESSMENT_STARTED, form)
        return self._toast("toast.assessment_started")

    @rx.event
    @data_handler(*STAFF_ROLES, form=CompleteForm)
    def complete_assessment(self, acting: Acting, form: CompleteForm):
        """The assessment was completed: the day, special support yes/no, the summary."""
        self._form = "complete"
        self._record(acting, CaseStepKind.ASSESSMENT_COMPLETED, form)
        return self._toast("toast.assessment_completed")
