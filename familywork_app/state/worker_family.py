"""State of a family's page for staff: members, application, meetings, goals, messages.

The family id comes from the URL; every service call checks again that this worker (or a
supervisor) may see that family. The id is kept server-side (`_fid`).
"""

import reflex as rx

from familywork_app.domain import STAFF_ROLES, Role
from familywork_app.services import ServiceError
from familywork_app.services import goals as goal_svc
from familywork_app.services import meetings as meeting_svc
from familywork_app.services import messages as message_svc
from familywork_app.services.family_search import active_workers
from familywork_app.services.visits import family_record
from familywork_app.state.app_state import AppState
from familywork_app.state.forms import form_id
from familywork_app.state.goal_presenters import (
    GoalView,
    MessageView,
    present_goals,
    present_message,
)
from familywork_app.state.handler import Acting, data_handler
from familywork_app.state.meeting_presenters import MeetingView, present_meeting
from familywork_app.state.record_presenters import (
    ApplicationView,
    FamilyView,
    GuardianView,
    WorkerChoice,
    present_record,
    present_workers,
)


class WorkerFamilyState(AppState):
    loaded: rx.Field[bool] = rx.field(False)
    not_found: rx.Field[bool] = rx.field(False)
    family: rx.Field[FamilyView] = rx.field(default_factory=FamilyView)
    guardians: rx.Field[list[GuardianView]] = rx.field(default_factory=list)
    children: rx.Field[list[str]] = rx.field(default_factory=list)
    application: rx.Field[ApplicationView] = rx.field(default_factory=ApplicationView)
    meetings: rx.Field[list[MeetingView]] = rx.field(default_factory=list)
    goals: rx.Field[list[GoalView]] = rx.field(default_factory=list)
    messages: rx.Field[list[MessageView]] = rx.field(default_factory=list)
    # for a supervisor's reassignment
    workers: rx.Field[list[WorkerChoice]] = rx.field(default_factory=list)
    _fid: int = 0
    _latest: int = 0  # id of the newest message shown
    # What a refusal in this event is about: "load" (the page), a form's key, or "" (say
    # nothing: a form refused before its handler ran is a forged one). Cleared after use.
    _form_key: str = ""

    def _reload(self, acting: Acting) -> None:
        """Everything on the page, each read authorised and logged by its service."""
        db, user, ip, lang = acting.db, acting.user, acting.ip, self.lang
        record = present_record(family_record(db, user, self._fid, ip), lang)
        self.family, self.guardians = record.family, record.guardians
        self.children, self.application = record.children, record.application
        data = meeting_svc.family_meetings(db, user, self._fid, ip)
        self.meetings = [present_meeting(m, lang) for m in (*data.upcoming, *data.past)]
        self.goals = present_goals(goal_svc.family_goals(db, user, self._fid, ip), lang)
        self._show_messages(acting)
        self.workers = (
            present_workers(active_workers(db, user)) if user.role == Role.SUPERVISOR else []
        )
        self.loaded, self._form_key = True, ""

    def _show_messages(self, acting: Acting) -> None:
        data = message_svc.conversation(acting.db, acting.user, self._fid, acting.ip)
        self.messages = [present_message(m, self.lang) for m in data]
        self._latest = max((m.id for m in data), default=0)

    def _refused(self, problem: ServiceError) -> None:
        """A refused load means another family (or none): the page says only that."""
        if self._form_key == "load":
            self.not_found, self.loaded = True, True
        self._form_key = ""

    @rx.event
    @data_handler(*STAFF_ROLES, page=True)
    def load(self, acting: Acting):
        """on_load: staff only; the family must be one this user may see."""
        self.loaded, self.not_found, self._form_key = False, False, "load"
        self._fid = form_id(self.router.page.params.get("fid", ""))
        self._reload(acting)

    @rx.event
    @data_handler(*STAFF_ROLES)
    def poll_messages(self, acting: Acting):
        """Clicked every few seconds by assets/offline.js: show a newly arrived message. Costs
        one indexed max() query unless something arrived; a refusal changes nothing."""
        if not self.loaded or self.not_found or not self._fid:
            return
        self._form_key = ""  # refused (say, reassigned meanwhile): nothing to show
        if message_svc.latest_message_id(acting.db, acting.user, self._fid) != self._latest:
            self._show_messages(acting)
