"""The results of the methods done together, for the family's "Our work" page and the worker's
record, and the child's check-in answered on a guardian's phone.

The family is never taken from the browser: a guardian's own family, or for staff the record
page's family id, which the service checks against the policy again.
"""

from dataclasses import fields
from typing import ClassVar

import reflex as rx
from pydantic import Field

from familywork_app import method_content as mc
from familywork_app.domain import STAFF_ROLES, Role
from familywork_app.services import NotAllowed, ServiceError
from familywork_app.services.method_results import family_results
from familywork_app.services.method_rows import FamilyResults
from familywork_app.services.methods import save_child_checkin
from familywork_app.state.app_state import AppState
from familywork_app.state.forms import Checkbox, FormId, FormModel, Text, form_id, text
from familywork_app.state.handler import Acting, data_handler
from familywork_app.state.method_presenters import (
    EMPTY_RESULTS,
    CardSetView,
    CheckinView,
    Choice,
    EvalPointView,
    NetworkChangesView,
    NetworkNodeView,
    NetworkRowView,
    RoleDatesView,
    RoleRowView,
    present_results,
)

_FACE = 2  # a face's value: "1".."5" (anything else is refused by the service)


def _face(question: str):
    return Field(default="", max_length=_FACE, alias=f"q-{question}")


class ChildCheckinForm(FormModel):
    """A child's check-in: which child, a face per question, a note (and, on the worker's
    tablet, a guardian's consent)."""

    child: FormId = 0
    q_today: Text = _face("today")
    q_home: Text = _face("home")
    q_school: Text = _face("school")
    q_friends: Text = _face("friends")
    q_sleep: Text = _face("sleep")
    note: Text = text(2000)
    consent: Checkbox = False
    error_codes: ClassVar[dict[str, str]] = {
        f"q-{q}": "error.answer_required" for q in ("today", *mc.CHILD_QUESTIONS)
    }

    def answers(self) -> dict[str, str]:
        """Each question's answer, by question ("today", "home"...)."""
        return {q: getattr(self, f"q_{q}") for q in ("today", *mc.CHILD_QUESTIONS)}


class MethodResultsState(AppState):
    results_loaded: rx.Field[bool] = rx.field(False)
    eval_points: rx.Field[dict[str, list[EvalPointView]]] = rx.field(
        default_factory=lambda: EMPTY_RESULTS.eval_points
    )
    eval_count: rx.Field[int] = rx.field(0)
    card_sets: rx.Field[list[CardSetView]] = rx.field(default_factory=list)
    role_rows: rx.Field[list[RoleRowView]] = rx.field(default_factory=list)
    role_dates: rx.Field[RoleDatesView] = rx.field(default_factory=RoleDatesView)
    net_nodes: rx.Field[list[NetworkNodeView]] = rx.field(default_factory=list)
    net_rows: rx.Field[list[NetworkRowView]] = rx.field(default_factory=list)
    net_changes: rx.Field[NetworkChangesView] = rx.field(
        default_factory=lambda: NetworkChangesView()
    )
    checkins: rx.Field[list[CheckinView]] = rx.field(default_factory=list)

    def _show(self, data: FamilyResults | None) -> None:
        shown = present_results(data, self.lang) if data is not None else EMPTY_RESULTS
        for var in fields(shown):
            setattr(self, var.name, getattr(shown, var.name))
        self.results_loaded = data is not None

    def _load_results(self, acting: Acting, family_id: int) -> FamilyResults | None:
        """The family's results shown (nothing, if this user may not see that family)."""
        try:
            data = family_results(acting.db, acting.user, family_id, acting.ip)
        except NotAllowed:
            data = None
        self._show(data)
        return data

    @rx.event
    @data_handler(*STAFF_ROLES)
    def load(self, acting: Acting):
        """on_load of the worker's record (after its own guard): this family's results."""
        self._load_results(acting, form_id(self.router.page.params.get("fid", "")))


class FamilyWorkState(MethodResultsState):
    """The guardian's "Our work" page and the child's check-in form."""

    children: rx.Field[list[Choice]] = rx.field(default_factory=list)
    errors: rx.Field[dict[str, str]] = rx.field(default_factory=dict)  # field -> i18n key
    saved: rx.Field[bool] = rx.field(False)

    def _refused(self, problem: ServiceError) -> None:
        self.errors, self.saved = {problem.field or "form": problem.code}, False

    @rx.event
    @data_handler(Role.GUARDIAN, page=True, family=True)
    def load(self, acting: Acting):
        self.saved, self.errors = False, {}
        data = self._load_results(acting, acting.family_id)
        children = data.children if data is not None else ()
        self.children = [Choice(str(c.id), c.name) for c in children]

    @rx.event
    @data_handler(Role.GUARDIAN, form=ChildCheckinForm, family=True, badge=False)
    def save_child(self, acting: Acting, form: ChildCheckinForm):
        """A child's check-in answered on this phone (own family only)."""
        self.saved = False
        save_child_checkin(
            acting.db,
            acting.user,
            acting.family_id,
            form.child,
            form.answers(),
            form.note,
            ip=acting.ip,
        )
        self.errors, self.saved = {}, True
        self._load_results(acting, acting.family_id)
