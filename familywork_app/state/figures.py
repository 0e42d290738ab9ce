"""State of the supervisor's service figures and family search on the overview page."""

import reflex as rx

from familywork_app.domain import Role
from familywork_app.i18n import fmt_number, t
from familywork_app.services.family_search import find_families
from familywork_app.services.supervision import service_figures
from familywork_app.services.supervision_rows import ServiceFigures
from familywork_app.state.app_state import AppState
from familywork_app.state.forms import FormModel, Text, text
from familywork_app.state.handler import Acting, data_handler
from familywork_app.state.presenters import (
    BarRow,
    FamilyFoundView,
    WeekCountView,
    present_found,
    with_widths,
)


class FamilySearchForm(FormModel):
    query: Text = text(120)  # a family's name is at most 120 characters


class FiguresState(AppState):
    loaded: rx.Field[bool] = rx.field(False)
    median_days: rx.Field[str] = rx.field("")
    active: rx.Field[list[BarRow]] = rx.field(default_factory=list)
    meetings: rx.Field[list[WeekCountView]] = rx.field(default_factory=list)
    by_area: rx.Field[list[BarRow]] = rx.field(default_factory=list)
    by_municipality: rx.Field[list[BarRow]] = rx.field(default_factory=list)

    @rx.event
    @data_handler(Role.SUPERVISOR, page=True)
    def load(self, acting: Acting):
        self.loaded = False
        self._show(service_figures(acting.db, acting.user, ip=acting.ip))
        self.loaded = True

    def _show(self, data: ServiceFigures) -> None:
        lang = self.lang
        median = data.median_days_to_first_meeting
        self.median_days = (
            t(lang, "figures.days", days=median)
            if median is not None
            else t(lang, "figures.no_data")
        )
        self.active = with_widths([("", w.name, w.active) for w in data.active_per_worker], lang)
        self.meetings = [
            WeekCountView(
                name=m.name,
                this_week=fmt_number(m.this_week, lang),
                next_week=fmt_number(m.next_week, lang),
            )
            for m in data.meetings_per_worker
        ]
        per_month = data.applications_per_month
        self.by_area = with_widths(
            [(r.month, t(lang, f"area.{r.area}"), r.count) for r in per_month.by_area], lang
        )
        self.by_municipality = with_widths(
            [(r.month, r.municipality, r.count) for r in per_month.by_municipality], lang
        )


class FamilySearchState(AppState):
    results: rx.Field[list[FamilyFoundView]] = rx.field(default_factory=list)
    searched: rx.Field[bool] = rx.field(False)

    @rx.event
    @data_handler(Role.SUPERVISOR, form=FamilySearchForm)
    def search(self, acting: Acting, form: FamilySearchForm):
        rows = find_families(acting.db, acting.user, form.query, acting.ip)
        self.results = present_found(rows, self.lang)
        self.searched = True
