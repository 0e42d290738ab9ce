"""The results of the methods done together, for the family's "Our work" page and the worker's
record, and the child's check-in answered on a guardian's phone.

The family is never taken from the browser: a guardian's own family, or for staff the record
page's family id, which the service checks against the policy again.
"""

from familywork_app.db import session_scope
from familywork_app.services import NotAllowed, ServiceError
from familywork_app.services import method_content as mc
from familywork_app.services.method_results import family_results
from familywork_app.services.methods import save_child_checkin
from familywork_app.services.policy import guardian_family_id
from familywork_app.state.app_state import AppState, form_id
from familywork_app.state.method_presenters import EMPTY_RESULTS, present_results


class MethodResultsState(AppState):
    results_loaded: bool = False
    eval_points: dict[str, list[dict[str, str]]] = EMPTY_RESULTS["eval_points"]
    eval_count: int = 0
    card_sets: list[dict[str, str]] = []
    role_rows: list[dict[str, str]] = []
    role_dates: dict[str, str] = {}
    net_nodes: list[dict[str, str]] = []
    net_rows: list[dict[str, str]] = []
    net_changes: dict[str, str] = {}
    checkins: list[dict[str, str]] = []

    def _show(self, data: dict | None) -> None:
        shown = present_results(data, self.lang) if data is not None else EMPTY_RESULTS
        for name, value in shown.items():
            setattr(self, name, value)
        self.results_loaded = data is not None

    def _family_id(self, db, user) -> int:
        if user.role == "guardian":
            return guardian_family_id(db, user) or 0
        return form_id(self.router.page.params.get("fid", ""))

    def _load_results(self, db, user) -> dict | None:
        try:
            data = family_results(db, user, self._family_id(db, user), self._ip())
        except NotAllowed:
            data = None
        self._show(data)
        return data

    def load(self):
        """on_load of the worker's record (after its own guard): this family's results."""
        with session_scope() as db:
            user = self._user(db)
            if user is not None and user.role != "guardian":
                self._load_results(db, user)
            else:
                self._show(None)


class FamilyWorkState(MethodResultsState):
    """The guardian's "Our work" page and the child's check-in form."""

    children: list[dict[str, str]] = []
    errors: dict[str, str] = {}
    saved: bool = False

    def load(self):
        self.saved, self.errors = False, {}
        with session_scope() as db:
            user, _family_id, redirect = self._guard_guardian(db)
            if redirect:
                return redirect
            data = self._load_results(db, user) or {"children": []}
            self.children = [{"id": str(c["id"]), "name": c["name"]} for c in data["children"]]

    def save_child(self, form_data: dict):
        """A child's check-in answered on this phone (own family only)."""
        form = form_data if isinstance(form_data, dict) else {}
        answers = {q: form.get(f"q-{q}", "") for q in ("today", *mc.CHILD_QUESTIONS)}
        self.saved = False
        with session_scope() as db:
            user = self._user(db)
            if user is None or user.role != "guardian":
                return
            try:
                save_child_checkin(
                    db,
                    user,
                    guardian_family_id(db, user) or 0,
                    form_id(form.get("child", "")),
                    answers,
                    form.get("note", ""),
                    ip=self._ip(),
                )
            except ServiceError as problem:
                self.errors = {problem.field or "form": problem.code}
                return
            self.errors, self.saved = {}, True
            self._load_results(db, user)
