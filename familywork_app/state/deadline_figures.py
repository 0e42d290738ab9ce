"""State of the supervisor's deadline figures on the overview page (loaded beside the other
figures; only a supervisor gets them)."""

import reflex as rx

from familywork_app.domain import Role
from familywork_app.i18n import t
from familywork_app.services.deadline_figures import deadline_figures
from familywork_app.state.app_state import AppState
from familywork_app.state.deadline_presenters import DeadlineFigureView, present_deadline_rows
from familywork_app.state.handler import Acting, data_handler


class DeadlineFiguresState(AppState):
    deadlines_loaded: rx.Field[bool] = rx.field(False)
    by_month: rx.Field[list[DeadlineFigureView]] = rx.field(default_factory=list)
    by_worker: rx.Field[list[DeadlineFigureView]] = rx.field(default_factory=list)
    plans_overdue: rx.Field[str] = rx.field("")

    @rx.event
    @data_handler(Role.SUPERVISOR)
    def load(self, acting: Acting):
        """on_load of the overview (after its own guard)."""
        self.deadlines_loaded = False
        figures = deadline_figures(acting.db, acting.user, ip=acting.ip)
        self.by_month = present_deadline_rows(figures.by_month, self.lang)
        self.by_worker = present_deadline_rows(figures.by_worker, self.lang)
        self.plans_overdue = t(self.lang, "deadlines.plans_total", count=figures.plans_overdue)
        self.deadlines_loaded = True
