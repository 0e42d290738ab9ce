"""Together mode on the worker's tablet: one family's activities and nothing else.

The session is locked to the family on the server (services.together); the family id always
comes from that lock, never from the browser. Only this state acts for a locked session
(`_allows_together`). The evaluation, the child's check-in and leaving the mode are here; the
cards, the role map and the network map are in `together_maps.py`.
"""

from collections.abc import Callable
from typing import ClassVar

import reflex as rx
from pydantic import Field

from familywork_app import method_content as mc
from familywork_app import routes
from familywork_app.domain import STAFF_ROLES, MethodKind, SupportArea
from familywork_app.models import TogetherSession
from familywork_app.services import NotAllowed, ServiceError, methods, together
from familywork_app.state.app_state import AppState
from familywork_app.state.forms import Checkbox, FormModel, Text, text
from familywork_app.state.handler import Acting, data_handler
from familywork_app.state.method_presenters import Choice, present_people
from familywork_app.state.method_results import ChildCheckinForm

ACTIVITIES = tuple(MethodKind)  # the activities of the menu, one per method
_SCORE = 2  # an answer's value: "1".."5" (anything else is refused by the service)


def _score(area: SupportArea):
    return Field(default="", max_length=_SCORE, alias=f"area-{area}")


class EvaluationForm(FormModel):
    """Who answers, the stage, a guardian's consent for a child, an answer per support area."""

    respondent: Text = text(40)  # "worker", "guardian:<id>" or "child:<id>"
    phase: Text = text(8)
    consent: Checkbox = False
    area_parenting: Text = _score(SupportArea.PARENTING)
    area_growth: Text = _score(SupportArea.GROWTH)
    area_everyday: Text = _score(SupportArea.EVERYDAY)
    area_interaction: Text = _score(SupportArea.INTERACTION)
    area_resources: Text = _score(SupportArea.RESOURCES)
    error_codes: ClassVar[dict[str, str]] = {
        "respondent": "error.respondent_required",
        "phase": "error.phase_required",
        **{f"area-{area}": "error.answer_required" for area in mc.EVALUATION_AREAS},
    }

    def scores(self) -> dict[str, str]:
        """Each support area's answer, by area."""
        return {area.value: getattr(self, f"area_{area}") for area in mc.EVALUATION_AREAS}


class EndForm(FormModel):
    secret: Text = text(200)  # the worker's PIN or password
    error_codes: ClassVar[dict[str, str]] = {"secret": "together.unlock_required"}


class TogetherState(AppState):
    loaded: rx.Field[bool] = rx.field(False)
    activity: rx.Field[str] = rx.field("")  # "" shows the activity menu
    family_name: rx.Field[str] = rx.field("")
    # guardians, children, the worker
    respondents: rx.Field[list[Choice]] = rx.field(default_factory=list)
    children: rx.Field[list[Choice]] = rx.field(default_factory=list)
    members: rx.Field[list[Choice]] = rx.field(default_factory=list)  # the role map's members
    errors: rx.Field[dict[str, str]] = rx.field(default_factory=dict)  # field -> i18n key
    saved: rx.Field[bool] = rx.field(False)

    def _allows_together(self) -> bool:
        return True

    def _refused(self, problem: ServiceError):
        """The refusal beside its field; a wrong PIN or password is also cleared from the box."""
        self.errors = {problem.field or "form": problem.code}
        return rx.set_value("together-secret", "") if problem.field == "secret" else None

    def _lock(self, acting: Acting) -> TogetherSession | None:
        """This session's open together mode (None when the session is not locked)."""
        return together.current(acting.db, acting.user, self._session_token())

    @rx.event
    @data_handler(*STAFF_ROLES, page=True)
    def load(self, acting: Acting):
        """on_load: only a session locked in together mode sees this page."""
        self.loaded, self.activity, self.errors, self.saved = False, "", {}, False
        lock = self._lock(acting)
        if lock is None:
            return rx.redirect(routes.home_for(acting.user.role), replace=True)
        people = together.family_people(acting.db, acting.user, lock, acting.ip)
        self.family_name = people.family_name
        self.respondents, self.children, self.members = present_people(people, self.lang)
        self.loaded = True
        return None

    @rx.event
    def open_activity(self, name: str):
        if name in ACTIVITIES:
            self.activity, self.errors, self.saved = name, {}, False

    @rx.event
    def back(self):
        self.activity, self.errors = "", {}

    def _save(self, acting: Acting, save: Callable[[int], object]):
        """Run a save service for the locked family (`save(family_id)`); a refusal goes next
        to its field (`_refused`), a success back to the menu."""
        lock = self._lock(acting)
        if lock is None:
            return rx.redirect(routes.SIGN_IN, replace=True)
        save(lock.family_id)
        self.errors, self.saved, self.activity = {}, True, ""
        return rx.call_script("fwScrollTop()")

    @rx.event
    @data_handler(*STAFF_ROLES, form=EvaluationForm)
    def save_evaluation(self, acting: Acting, form: EvaluationForm):
        return self._save(
            acting,
            lambda family_id: methods.save_evaluation(
                acting.db,
                acting.user,
                family_id,
                form.respondent,
                form.phase,
                form.scores(),
                child_consent=form.consent,
                ip=acting.ip,
            ),
        )

    @rx.event
    @data_handler(*STAFF_ROLES, form=ChildCheckinForm)
    def save_child(self, acting: Acting, form: ChildCheckinForm):
        return self._save(
            acting,
            lambda family_id: methods.save_child_checkin(
                acting.db,
                acting.user,
                family_id,
                form.child,
                form.answers(),
                form.note,
                child_consent=form.consent,
                ip=acting.ip,
            ),
        )

    @rx.event
    @data_handler(*STAFF_ROLES, form=EndForm)
    def end_together(self, acting: Acting, form: EndForm):
        """The worker leaves together mode with their PIN or password."""
        if self._lock(acting) is None:
            return rx.redirect(routes.SIGN_IN, replace=True)
        try:
            family_id = together.end(
                acting.db, acting.user, self._session_token(), form.secret, acting.ip
            )
        except NotAllowed:
            return rx.redirect(routes.SIGN_IN, replace=True)
        self.reset()
        return rx.redirect(routes.FAMILY_RECORD_PREFIX + str(family_id), replace=True)
