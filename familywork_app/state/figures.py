"""State of the supervisor's service figures and family search on the overview page."""

from familywork_app.components.charts import with_widths
from familywork_app.db import session_scope
from familywork_app.i18n import t
from familywork_app.services.family_search import find_families
from familywork_app.services.supervision import service_figures
from familywork_app.state.app_state import AppState


class FiguresState(AppState):
    loaded: bool = False
    median_days: str = ""
    active: list[dict[str, str]] = []
    meetings: list[dict[str, str]] = []
    by_area: list[dict[str, str]] = []
    by_municipality: list[dict[str, str]] = []

    def load(self):
        self.loaded = False
        with session_scope() as db:
            user, redirect = self._guard(db, "supervisor")
            if redirect:
                return redirect
            data = service_figures(db, user, ip=self._ip())
        lang = self.lang
        median = data["median_days_to_first_meeting"]
        self.median_days = (
            t(lang, "figures.days", days=f"{median:.1f}")
            if median is not None
            else t(lang, "figures.no_data")
        )
        self.active = with_widths(
            [{"name": w["name"], "value": w["active"]} for w in data["active_per_worker"]]
        )
        self.meetings = [
            {"name": m["name"], "this_week": str(m["this_week"]), "next_week": str(m["next_week"])}
            for m in data["meetings_per_worker"]
        ]
        per_month = data["applications_per_month"]
        self.by_area = with_widths(
            [
                {"month": r["month"], "label": t(lang, f"area.{r['area']}"), "value": r["count"]}
                for r in per_month["by_area"]
            ]
        )
        self.by_municipality = with_widths(
            [
                {"month": r["month"], "label": r["municipality"], "value": r["count"]}
                for r in per_month["by_municipality"]
            ]
        )
        self.loaded = True


class FamilySearchState(AppState):
    results: list[dict[str, str]] = []
    searched: bool = False

    def search(self, form_data: dict):
        query = form_data.get("query") if isinstance(form_data, dict) else ""
        with session_scope() as db:
            user, redirect = self._guard(db, "supervisor")
            if redirect:
                return redirect
            rows = find_families(db, user, query, self._ip())
        self.results = [
            {
                "id": str(r["id"]),
                "name": r["name"],
                "municipality": r["municipality"],
                "status": t(self.lang, f"status.family.{r['status']}"),
                "worker": r["worker_name"],
            }
            for r in rows
        ]
        self.searched = True
