"""State of the guardian's client plan page: the plan in force and the earlier versions, the
family's own view written into an open draft, and "I have read the plan" with a comment.

The family is the guardian's own (never one named by the browser). The plan acknowledged is
named by the form, as the page shows it; the service checks that it is this family's.
"""

import reflex as rx

from familywork_app import routes
from familywork_app.domain import Role
from familywork_app.services import ServiceError
from familywork_app.services.client_plan import acknowledge_plan, family_plans, write_family_view
from familywork_app.services.client_plan_checks import COMMENT_MAX, TEXT_MAX
from familywork_app.services.client_plan_rows import FamilyPlans
from familywork_app.state.app_state import AppState
from familywork_app.state.error_summary import ErrorLink, error_links, focus_error_summary
from familywork_app.state.forms import FormId, FormModel, Text, text
from familywork_app.state.handler import Acting, data_handler
from familywork_app.state.plan_presenters import AckView, PlanVersionView, present_ack
from familywork_app.state.plan_presenters import present_version as version_view

VIEW_ERRORS = "view-errors"  # the id of the family's view form's error summary
VIEW_FIELDS = (("family_view", "family-view"), ("family_strengths", "family-strengths"))
# each form's messages by field ("view", "ack": the whole form's); "" is none
NO_ERRORS = {"family_view": "", "family_strengths": "", "view": "", "comment": "", "ack": ""}


class FamilyViewForm(FormModel):
    family_view: Text = text(TEXT_MAX)
    family_strengths: Text = text(TEXT_MAX)


class AcknowledgeForm(FormModel):
    plan_id: FormId = 0
    comment: Text = text(COMMENT_MAX)


def plan_download(plan_id: int) -> str:
    """The address of a made version's printable document."""
    return routes.PLAN_HTML.replace("{plan_id}", str(plan_id))


class FamilyPlanState(AppState):
    loaded: rx.Field[bool] = rx.field(False)
    has_current: rx.Field[bool] = rx.field(False)
    current: rx.Field[PlanVersionView] = rx.field(default_factory=PlanVersionView)
    download: rx.Field[str] = rx.field("")  # the current version's document
    earlier: rx.Field[list[PlanVersionView]] = rx.field(default_factory=list)
    has_draft: rx.Field[bool] = rx.field(False)
    draft_version: rx.Field[str] = rx.field("")
    draft_view: rx.Field[str] = rx.field("")  # the family's texts in the draft
    draft_strengths: rx.Field[str] = rx.field("")
    acked: rx.Field[bool] = rx.field(False)  # this guardian acknowledged the version in force
    my_ack: rx.Field[AckView] = rx.field(default_factory=lambda: AckView("", "", ""))
    errors: rx.Field[dict[str, str]] = rx.field(default_factory=lambda: dict(NO_ERRORS))
    error_links: rx.Field[list[ErrorLink]] = rx.field(default_factory=list)
    _answering: str = ""  # the form a refusal belongs to: "view", "ack" or "" (say nothing)

    def _show(self, plans: FamilyPlans, guardian_id: int) -> None:
        lang, current = self.lang, plans.current
        self.has_current = current is not None
        self.current = version_view(current, lang) if current else PlanVersionView()
        self.download = plan_download(current.id) if current else ""
        self.earlier = [version_view(p, lang) for p in plans.earlier]
        mine = [
            a for a in (current.acknowledgements if current else ()) if a.guardian_id == guardian_id
        ]
        self.acked = bool(mine)
        self.my_ack = present_ack(mine[0], lang) if mine else AckView("", "", "")
        draft = plans.draft
        self.has_draft = draft is not None
        self.draft_version = str(draft.version) if draft else ""
        self.draft_view = draft.family_view if draft else ""
        self.draft_strengths = draft.family_strengths if draft else ""

    def _reload(self, acting: Acting) -> None:
        if acting.family_id:
            plans = family_plans(acting.db, acting.user, acting.family_id, acting.ip)
        else:  # not in a family (yet): no plan
            plans = FamilyPlans(draft=None, current=None, earlier=())
        self._show(plans, acting.user.id or 0)
        self.loaded = True

    def _refused(self, problem: ServiceError) -> object:
        """Beside the field of the form being sent (a forged form, or a refused load, shows
        nothing; the load then shows the empty page)."""
        form, self._answering = self._answering, ""
        if form == "view":
            field = problem.field if problem.field in dict(VIEW_FIELDS) else "view"
            self.errors = {**NO_ERRORS, field: problem.code}
            links = error_links(self.errors, VIEW_FIELDS)
            self.error_links = links or [ErrorLink(field="", key=problem.code)]
            return focus_error_summary(VIEW_ERRORS)
        if form == "ack":
            field = "comment" if problem.field == "comment" else "ack"
            self.errors = {**NO_ERRORS, field: problem.code}
        if not self.loaded:
            self.loaded = True  # the page says there is no plan, nothing more
        return None

    @rx.event
    @data_handler(Role.GUARDIAN, page=True, family=True)
    def load(self, acting: Acting):
        self.loaded, self.errors, self.error_links, self._answering = False, dict(NO_ERRORS), [], ""
        self._reload(acting)

    @rx.event
    @data_handler(Role.GUARDIAN, form=FamilyViewForm, family=True)
    def write_view(self, acting: Acting, form: FamilyViewForm):
        """The family's own view and strengths, into the open draft."""
        self._answering = "view"
        write_family_view(
            acting.db,
            acting.user,
            acting.family_id,
            form.family_view,
            form.family_strengths,
            acting.ip,
        )
        self._answering, self.errors, self.error_links = "", dict(NO_ERRORS), []
        self._reload(acting)
        return self._toast("toast.family_view_saved")

    @rx.event
    @data_handler(Role.GUARDIAN, form=AcknowledgeForm, family=True)
    def acknowledge(self, acting: Acting, form: AcknowledgeForm):
        """ "I have read the plan", with an optional comment, for the version shown."""
        self._answering = "ack"
        acknowledge_plan(acting.db, acting.user, form.plan_id, form.comment, acting.ip)
        self._answering, self.errors = "", dict(NO_ERRORS)
        self._reload(acting)
        return self._toast("toast.plan_acknowledged")
