"""State of the client plan section on a family's record (staff): the version in force with the
guardians' acknowledgements, the earlier versions, and the form that saves the draft or makes
the plan (the first version, or a review's new one).

The family id comes from the URL and is kept server-side (`_fid`); every service call checks
again that this worker (or a supervisor) may see and change that family. A refusal is shown
beside its field and in the error summary at the top of the form; the inputs are uncontrolled,
so nothing typed is lost.
"""

from typing import ClassVar

import reflex as rx
from pydantic import ConfigDict

from familywork_app.domain import STAFF_ROLES
from familywork_app.services import ServiceError
from familywork_app.services import goals as goal_svc
from familywork_app.services.case_process import helsinki_today
from familywork_app.services.client_plan import family_plans, make_plan, save_plan_draft
from familywork_app.services.client_plan_checks import RHYTHM_MAX, TEXT_MAX
from familywork_app.services.client_plan_rows import PlanEntry
from familywork_app.state.app_state import AppState
from familywork_app.state.error_summary import (
    ErrorLink,
    error_links,
    focus_error_summary,
)
from familywork_app.state.forms import FormModel, Text, checked, form_id, text
from familywork_app.state.handler import Acting, data_handler
from familywork_app.state.plan_presenters import (
    GoalChoiceView,
    PlanFormDefaults,
    PlanVersionView,
    form_defaults,
    goal_choices,
    present_version,
)

PLAN_ERRORS = "plan-errors"  # the id of the form's error summary
GOAL_PREFIX = "goal-"  # a goal's checkbox is named "goal-<id>"
MAX_GOALS = 50  # checkboxes read from one form (more only a forged event sends)
# (the service's field, the id of the input its message and summary link go to), form order
PLAN_FIELDS = (
    ("family_view", "plan-family-view"),
    ("family_strengths", "plan-family-strengths"),
    ("worker_view", "plan-worker-view"),
    ("goals", "plan-goals"),
    ("who_does_what", "plan-who"),
    ("meeting_rhythm", "plan-rhythm"),
    ("next_review", "plan-review"),
    ("differences", "plan-differences"),
)
NO_ERRORS = {name: "" for name, _ in PLAN_FIELDS} | {"form": ""}


class PlanForm(FormModel):
    """The worker's plan form: the texts, the review date, what to do ("save" the draft or
    "make" the plan) and one checkbox per goal (`goal-<id>`, read by `goal_ids`)."""

    model_config = ConfigDict(frozen=True, extra="allow")
    intent: Text = text(8)
    family_view: Text = text(TEXT_MAX)
    family_strengths: Text = text(TEXT_MAX)
    worker_view: Text = text(TEXT_MAX)
    who_does_what: Text = text(TEXT_MAX)
    meeting_rhythm: Text = text(RHYTHM_MAX)
    next_review: Text = text(32)
    differences: Text = text(TEXT_MAX)
    error_codes: ClassVar[dict[str, str]] = {"next_review": "error.date_invalid"}

    def goal_ids(self) -> list[int]:
        """The ticked goals' ids (an id that is not a number becomes 0: refused later)."""
        ticked = [
            name[len(GOAL_PREFIX) :]
            for name, value in (self.model_extra or {}).items()
            if isinstance(name, str) and name.startswith(GOAL_PREFIX) and checked(value)
        ]
        return [form_id(raw) for raw in ticked[:MAX_GOALS]]


def _changed(sent: str, shown: str) -> str | None:
    """The family's text as the worker sent it, or None (keep what the family wrote, perhaps on
    the phone meanwhile) when the worker left it as the form showed it."""
    return None if sent.strip() == shown.strip() else sent


class ClientPlanState(AppState):
    loaded: rx.Field[bool] = rx.field(False)
    has_current: rx.Field[bool] = rx.field(False)
    current: rx.Field[PlanVersionView] = rx.field(default_factory=PlanVersionView)
    has_draft: rx.Field[bool] = rx.field(False)
    draft: rx.Field[PlanVersionView] = rx.field(default_factory=PlanVersionView)
    earlier: rx.Field[list[PlanVersionView]] = rx.field(default_factory=list)
    defaults: rx.Field[PlanFormDefaults] = rx.field(default_factory=PlanFormDefaults)
    goal_choices: rx.Field[list[GoalChoiceView]] = rx.field(default_factory=list)
    next_version: rx.Field[str] = rx.field("1")
    today: rx.Field[str] = rx.field("")  # ISO, the review date input's minimum
    # a new key remounts the form with new defaults (after a save; never after a refusal)
    form_key: rx.Field[str] = rx.field("")
    # field -> i18n key ("": none)
    errors: rx.Field[dict[str, str]] = rx.field(default_factory=lambda: dict(NO_ERRORS))
    error_links: rx.Field[list[ErrorLink]] = rx.field(default_factory=list)
    _fid: int = 0
    _answering: bool = False  # a refusal now belongs to the form (else: say nothing)
    _shown_view: str = ""  # the family's texts as the form showed them
    _shown_strengths: str = ""

    def _reload(self, acting: Acting) -> None:
        """The plan's versions and the family's goals, each read authorised and logged."""
        db, user, ip, lang = acting.db, acting.user, acting.ip, self.lang
        plans = family_plans(db, user, self._fid, ip)
        goals = goal_svc.family_goals(db, user, self._fid, ip)
        self.has_current, self.has_draft = plans.current is not None, plans.draft is not None
        self.current = present_version(plans.current, lang) if plans.current else PlanVersionView()
        self.draft = present_version(plans.draft, lang) if plans.draft else PlanVersionView()
        self.earlier = [present_version(p, lang) for p in plans.earlier]
        defaults = form_defaults(plans.draft, plans.current)
        self.defaults = defaults
        self._shown_view, self._shown_strengths = defaults.family_view, defaults.family_strengths
        self.goal_choices = goal_choices(goals, plans.draft, plans.current, lang)
        newest = plans.draft or plans.current
        self.next_version = str(newest.version + (0 if plans.draft else 1)) if newest else "1"
        self.today = helsinki_today().isoformat()
        self.form_key = f"{newest.id if newest else 0}-{self.next_version}"
        self.loaded = True

    def _refused(self, problem: ServiceError) -> object:
        """A refusal of the form: beside its field and in the summary, which takes the focus."""
        if not self._answering:
            return None  # a refused load (the record says so) or a forged form
        self._answering = False
        field = problem.field if problem.field in dict(PLAN_FIELDS) else ""
        self.errors = {**NO_ERRORS, field or "form": problem.code}
        links = error_links(self.errors, PLAN_FIELDS)
        self.error_links = links if field else [ErrorLink(field="", key=problem.code)]
        return focus_error_summary(PLAN_ERRORS)

    @rx.event
    @data_handler(*STAFF_ROLES)
    def load(self, acting: Acting):
        """on_load of the worker's record (after its own guard): this family's plan."""
        self.loaded, self.has_current, self.has_draft, self.earlier = False, False, False, []
        self.current, self.draft, self.defaults = (
            PlanVersionView(),
            PlanVersionView(),
            PlanFormDefaults(),
        )
        self.goal_choices, self.errors, self.error_links = [], dict(NO_ERRORS), []
        self._answering = False
        self._fid = form_id(self.router.page.params.get("fid", ""))
        self._reload(acting)

    @rx.event
    @data_handler(*STAFF_ROLES, form=PlanForm)
    def submit_plan(self, acting: Acting, form: PlanForm):
        """Save the draft, or make it the plan in force (`intent` "make")."""
        if not self._fid:
            return None
        first = not self.has_current
        entry = PlanEntry(
            worker_view=form.worker_view,
            who_does_what=form.who_does_what,
            meeting_rhythm=form.meeting_rhythm,
            next_review=form.next_review,
            differences=form.differences,
            goal_ids=form.goal_ids(),
            family_view=_changed(form.family_view, self._shown_view),
            family_strengths=_changed(form.family_strengths, self._shown_strengths),
        )
        self._answering = True
        save = make_plan if form.intent == "make" else save_plan_draft
        save(acting.db, acting.user, self._fid, entry, ip=acting.ip)
        self._answering = False
        self.errors, self.error_links = dict(NO_ERRORS), []
        self._reload(acting)
        if form.intent != "make":
            return self._toast("toast.plan_draft_saved")
        return self._toast("toast.plan_made" if first else "toast.plan_reviewed")
