"""State of the work list (`/work`): what is due or overdue, soonest first. A worker sees their
own families; a supervisor sees every worker's and may pick one worker (checked on the server
against the active workers: any other id shows everyone's list again)."""

import reflex as rx

from familywork_app.domain import STAFF_ROLES, Role
from familywork_app.services.family_search import active_workers
from familywork_app.services.work_list import work_list
from familywork_app.state.app_state import AppState
from familywork_app.state.forms import form_id
from familywork_app.state.handler import Acting, data_handler
from familywork_app.state.record_presenters import WorkerChoice, present_workers
from familywork_app.state.work_list_presenters import WorkItemView, present_work_list


class WorkListState(AppState):
    loaded: rx.Field[bool] = rx.field(False)
    items: rx.Field[list[WorkItemView]] = rx.field(default_factory=list)
    overdue_count: rx.Field[int] = rx.field(0)
    # the supervisor's filter: the active workers, and the one chosen ("": everyone)
    workers: rx.Field[list[WorkerChoice]] = rx.field(default_factory=list)
    worker_filter: rx.Field[str] = rx.field("")

    def _show(self, acting: Acting, worker_id: int | None) -> None:
        items = work_list(acting.db, acting.user, worker_id=worker_id, ip=acting.ip)
        self.items = present_work_list(items, self.lang)
        self.overdue_count = sum(1 for item in self.items if item.overdue)
        self.worker_filter = str(worker_id) if worker_id else ""

    @rx.event
    @data_handler(*STAFF_ROLES, page=True)
    def load(self, acting: Acting):
        """on_load: staff only; a supervisor's list starts with every worker's items."""
        self.loaded = False
        supervisor = acting.user.role == Role.SUPERVISOR
        self.workers = present_workers(active_workers(acting.db, acting.user)) if supervisor else []
        self._show(acting, None)
        self.loaded = True

    @rx.event
    @data_handler(Role.SUPERVISOR)
    def choose_worker(self, acting: Acting, value: str):
        """The supervisor's filter: one active worker's items, or everyone's ("" or any id
        that is not an active worker's)."""
        chosen = form_id(value)
        known = {w.id for w in active_workers(acting.db, acting.user)}
        self._show(acting, chosen if chosen in known else None)
