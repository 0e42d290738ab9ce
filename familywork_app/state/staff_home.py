"""State of the supervisor's overview (the application queue, an application opened and read,
decisions on it) and of the queue as workers read it."""

import reflex as rx

from familywork_app.domain import STAFF_ROLES, Role
from familywork_app.i18n import t
from familywork_app.services import ServiceError, applications
from familywork_app.services.application_details import application_details
from familywork_app.services.caseload import application_queue, overview
from familywork_app.state.app_state import AppState
from familywork_app.state.figures import FiguresState
from familywork_app.state.forms import FormId, FormModel, Text, form_id, text
from familywork_app.state.handler import Acting, data_handler
from familywork_app.state.presenters import QueueView, present_queue
from familywork_app.state.queue_presenters import ApplicationDetailView, present_application
from familywork_app.state.record_presenters import WorkerChoice


class AcceptForm(FormModel):
    application_id: FormId = 0
    worker_id: FormId = 0


class DeclineForm(FormModel):
    application_id: FormId = 0
    reason: Text = text(2000)  # the decision note's length (the textarea's too)


class OverviewState(AppState):
    loaded: rx.Field[bool] = rx.field(False)
    queue: rx.Field[list[QueueView]] = rx.field(default_factory=list)
    workers: rx.Field[list[WorkerChoice]] = rx.field(default_factory=list)
    errors: rx.Field[dict[str, str]] = rx.field(default_factory=dict)  # application id -> i18n key
    # the application opened to be read (an empty view: none)
    opened: rx.Field[ApplicationDetailView] = rx.field(default_factory=ApplicationDetailView)
    notice: rx.Field[str] = rx.field("")  # the last decision, said in a polite live region
    _form_key: str = ""  # the application whose decision is being made

    def _reload(self, acting: Acting) -> None:
        data = overview(acting.db, acting.user, acting.ip)
        self.queue = present_queue(data.queue, self.lang)
        self.workers = [WorkerChoice(id=str(w.id), name=w.name) for w in data.workers]
        self.errors = {q.id: self.errors.get(q.id, "") for q in self.queue}
        self.loaded = True

    def _deciding(self, application_id: int) -> None:
        self._form_key = str(application_id)

    def _decided(self, acting: Acting, notice: str = "") -> None:
        self.errors = {**self.errors, self._form_key: ""}
        self._form_key, self.notice = "", notice
        self._reload(acting)
        if self.opened.id and all(q.id != self.opened.id for q in self.queue):
            self.opened = ApplicationDetailView()  # decided: it left the queue

    def _family_name(self, application_id: int) -> str:
        """The family's name as the queue shows it (before the decision removes it)."""
        return next((q.name for q in self.queue if q.id == str(application_id)), "")

    def _refused(self, problem: ServiceError) -> None:
        if self._form_key:  # (a form refused before naming its application shows nothing)
            self.errors = {**self.errors, self._form_key: problem.code}
        self._form_key, self.notice = "", ""

    @rx.event
    @data_handler(Role.SUPERVISOR, page=True)
    def load(self, acting: Acting):
        self.loaded, self.errors, self.notice = False, {}, ""
        self.opened = ApplicationDetailView()
        self._reload(acting)

    @rx.event
    @data_handler(Role.SUPERVISOR)
    def open_application(self, acting: Acting, application_id: str):
        """Open an application to read it (again: close it)."""
        wanted = form_id(application_id)
        if self.opened.id and self.opened.id == str(wanted):
            self.opened = ApplicationDetailView()
            return
        details = application_details(acting.db, acting.user, wanted, acting.ip)
        self.opened = present_application(details, self.lang)

    @rx.event
    @data_handler(Role.SUPERVISOR)
    def review(self, acting: Acting, application_id: str):
        self._deciding(form_id(application_id))
        applications.set_in_review(acting.db, acting.user, form_id(application_id), acting.ip)
        self._decided(acting)

    @rx.event
    @data_handler(Role.SUPERVISOR, form=AcceptForm)
    def accept(self, acting: Acting, form: AcceptForm):
        self._deciding(form.application_id)
        family = self._family_name(form.application_id)
        applications.accept_application(
            acting.db, acting.user, form.application_id, form.worker_id, "", acting.ip
        )
        worker = next((w.name for w in self.workers if w.id == str(form.worker_id)), "")
        self._decided(acting, t(self.lang, "queue.accepted", family=family, worker=worker))
        return FiguresState.load  # the figures on the same page count the new family

    @rx.event
    @data_handler(Role.SUPERVISOR, form=DeclineForm)
    def decline(self, acting: Acting, form: DeclineForm):
        self._deciding(form.application_id)
        family = self._family_name(form.application_id)
        applications.decline_application(
            acting.db, acting.user, form.application_id, form.reason, acting.ip
        )
        self._decided(acting, t(self.lang, "queue.declined", family=family))
        return FiguresState.load


class QueueState(AppState):
    """The application queue as workers read it (no decisions)."""

    loaded: rx.Field[bool] = rx.field(False)
    queue: rx.Field[list[QueueView]] = rx.field(default_factory=list)

    @rx.event
    @data_handler(*STAFF_ROLES, page=True)
    def load(self, acting: Acting):
        self.loaded = False
        self.queue = present_queue(application_queue(acting.db, acting.user, acting.ip), self.lang)
        self.loaded = True
