"""State of the guardian's family home page."""

import json
from dataclasses import dataclass

import reflex as rx

from familywork_app.domain import ApplicationStatus, FamilyStatus, Role
from familywork_app.i18n import fmt_date, fmt_datetime, fmt_time, t
from familywork_app.services.application_withdrawal import (
    ApplicationInFull,
    application_in_full,
    withdraw_application,
)
from familywork_app.services.applications import ApplicationProgress
from familywork_app.services.case_process import case_timeline, helsinki_today
from familywork_app.services.family_home import FamilyHome, NextMeeting, family_home
from familywork_app.state.app_state import AppState
from familywork_app.state.case_process_presenters import present_summary
from familywork_app.state.family_basics import present_hours, tel_href
from familywork_app.state.goal_presenters import GoalGlanceView, present_goal_glances
from familywork_app.state.handler import Acting, data_handler


@dataclass(frozen=True, slots=True)
class LabelledText:
    """A line of the application in full: its label and what was sent."""

    label: str
    text: str


class FamilyHomeState(AppState):
    loaded: rx.Field[bool] = rx.field(False)
    family_name: rx.Field[str] = rx.field("")
    status: rx.Field[str] = rx.field("")  # a FamilyStatus value
    closed_date: rx.Field[str] = rx.field("")
    has_next: rx.Field[bool] = rx.field(False)
    next_when: rx.Field[str] = rx.field("")
    next_place: rx.Field[str] = rx.field("")
    next_topic: rx.Field[str] = rx.field("")
    next_worker: rx.Field[str] = rx.field("")
    worker_name: rx.Field[str] = rx.field("")  # the family's worker now (components/handover.py)
    worker_phone: rx.Field[str] = rx.field("")
    # the completed assessment of service need: its summary and day ("": none yet)
    assessment_summary: rx.Field[str] = rx.field("")
    assessment_done: rx.Field[str] = rx.field("")
    proposed_count: rx.Field[int] = rx.field(0)
    unread_count: rx.Field[int] = rx.field(0)
    goals: rx.Field[list[GoalGlanceView]] = rx.field(default_factory=list)
    # an ApplicationStatus value, "" when there is none
    application_status: rx.Field[str] = rx.field("")
    application_steps: rx.Field[list[str]] = rx.field(default_factory=list)
    application_reason: rx.Field[str] = rx.field("")
    # the worker's card once accepted (issue 17): reachable hours as text ("": none given)
    worker_card: rx.Field[bool] = rx.field(False)
    worker_hours: rx.Field[str] = rx.field("")
    worker_tel: rx.Field[str] = rx.field("")  # the work phone's call link ("tel:0445550101")
    # the pending (or withdrawn) application in full, what happens next, withdrawing
    application_next: rx.Field[str] = rx.field("")
    application_late: rx.Field[bool] = rx.field(False)
    application_lines: rx.Field[list[LabelledText]] = rx.field(default_factory=list)
    application_children: rx.Field[list[str]] = rx.field(default_factory=list)
    application_areas: rx.Field[list[str]] = rx.field(default_factory=list)
    withdrawable: rx.Field[bool] = rx.field(False)
    withdrawn_on: rx.Field[str] = rx.field("")
    _application_id: int = 0

    @rx.event
    @data_handler(Role.GUARDIAN, page=True, family=True, badge=False)
    def load(self, acting: Acting):
        """on_load: guardians only; everyone else goes to their own home."""
        self.loaded = False
        home = family_home(acting.db, acting.user, acting.ip)
        self.unread = home.unread_count
        self._show(home)
        if home.status != FamilyStatus.APPLIED:
            timeline = case_timeline(acting.db, acting.user, acting.family_id, ip=acting.ip)
            self.assessment_summary, self.assessment_done = present_summary(timeline, self.lang)
        if (
            home.status == FamilyStatus.APPLIED
            or home.application_status == ApplicationStatus.WITHDRAWN
        ):
            self._show_in_full(application_in_full(acting.db, acting.user, acting.ip))
        self.loaded = True
        return self._store_offline_copy()

    def _store_offline_copy(self) -> rx.event.EventSpec:
        """What the family last saw, for the offline view (removed again at sign-out)."""
        snapshot = {
            "next": f"{t(self.lang, 'home.next_meeting')}: {self.next_when} {self.next_place}"
            if self.has_next
            else "",
            "goals": [f"{g.title} – {g.rating}" for g in self.goals],
        }
        return rx.call_script(f"fwStoreOffline({json.dumps(snapshot)})")  # assets/app.js

    def _show(self, home: FamilyHome) -> None:
        lang = self.lang
        self.family_name = home.family_name
        self.worker_name, self.worker_phone = home.worker_name, home.worker_phone
        self.worker_card = home.worker_card is not None
        self.worker_tel = tel_href(home.worker_card.phone) if home.worker_card else ""
        self.worker_hours = present_hours(home.worker_card.hours, lang) if home.worker_card else ""
        self.status = home.status.value
        self.closed_date = fmt_date(home.closed_on, lang)
        self.has_next = home.next_meeting is not None
        if home.next_meeting is not None:
            self._show_next(home.next_meeting)
        self.proposed_count = home.proposed_count
        self.unread_count = home.unread_count
        self.goals = present_goal_glances(home.goals, lang)
        self.application_status = home.application_status.value if home.application_status else ""

    def _show_next(self, meeting: NextMeeting) -> None:
        lang = self.lang
        self.next_when = (
            f"{fmt_datetime(meeting.starts_at, lang)}–{fmt_time(meeting.ends_at, lang)}"
        )
        place = t(lang, f"place.{meeting.place}")
        self.next_place = f"{place}, {meeting.place_detail}" if meeting.place_detail else place
        self.next_topic = meeting.topic
        self.next_worker = meeting.worker_name

    def _show_application(self, a: ApplicationProgress) -> None:
        lang = self.lang
        steps = [t(lang, "app.step_submitted", date=fmt_date(a.submitted_at, lang))]
        if a.in_review_at:
            steps.append(t(lang, "app.step_in_review", date=fmt_date(a.in_review_at, lang)))
        if a.status == ApplicationStatus.ACCEPTED:
            steps.append(
                t(
                    lang,
                    "app.step_accepted",
                    date=fmt_date(a.decided_at, lang),
                    worker=a.worker_name,
                )
            )
        declined = a.status == ApplicationStatus.DECLINED
        if declined:
            steps.append(t(lang, "app.step_declined", date=fmt_date(a.decided_at, lang)))
        if a.status == ApplicationStatus.WITHDRAWN:
            steps.append(t(lang, "app.step_withdrawn", date=fmt_date(a.decided_at, lang)))
        self.application_steps = steps
        self.application_reason = t(lang, "app.reason", reason=a.decision_note) if declined else ""

    def _show_in_full(self, full: ApplicationInFull) -> None:
        """The application as it was sent, what happens next and by when."""
        lang, a = self.lang, full.progress
        self._show_application(a)
        self._application_id = full.application_id
        self.withdrawable = full.withdrawable
        self.withdrawn_on = (
            fmt_date(a.decided_at, lang) if a.status == ApplicationStatus.WITHDRAWN else ""
        )
        self.application_late = full.start_by < helsinki_today()
        by = fmt_date(full.start_by, lang)
        if self.application_late:
            self.application_next = t(lang, "fb.app.next_late", date=by)
        else:
            self.application_next = t(lang, "fb.app.next", date=by)
        empty = t(lang, "fb.app.empty")
        self.application_lines = [
            LabelledText(t(lang, "fb.app.channel"), t(lang, f"channel.{a.channel.value}")),
            LabelledText(t(lang, "fb.app.municipality"), full.municipality.value),
            LabelledText(t(lang, "fb.app.address"), full.address or empty),
            LabelledText(t(lang, "fb.app.description"), full.description or empty),
            LabelledText(t(lang, "fb.app.reachable"), full.reachable or empty),
        ]
        self.application_children = [
            t(lang, "fb.app.child", name=c.first_name, year=str(c.birth_year))
            for c in full.children
        ]
        self.application_areas = [t(lang, f"area.{area.value}") for area in a.areas]

    @rx.event
    @data_handler(Role.GUARDIAN, family=True)
    def withdraw(self, acting: Acting):
        """The confirm dialog's button: withdraw the family's own pending application."""
        withdraw_application(acting.db, acting.user, self._application_id, acting.ip)
        self._reload_after_withdrawal(acting)
        return self._toast("toast.application_withdrawn")

    def _reload_after_withdrawal(self, acting: Acting) -> None:
        home = family_home(acting.db, acting.user, acting.ip)
        self._show(home)
        self._show_in_full(application_in_full(acting.db, acting.user, acting.ip))
