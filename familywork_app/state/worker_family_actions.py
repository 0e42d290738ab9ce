"""What staff do on a family's page: propose, move and cancel meetings, record visits, write and
end goals, message, close the case (the transfer to another worker: state/handover.py).

Each handler goes through the one entry point (`data_handler`, workers and supervisors), which
validates its form with the model below. The body names its form (`_start`), calls one service
(which authorises again) and reloads the page data (`_done`). A refusal is an i18n key beside
that form (`errors`, keyed by form); typed text stays in the boxes.
"""

from datetime import datetime, timedelta

import reflex as rx

from familywork_app.domain import STAFF_ROLES, Method
from familywork_app.i18n import HELSINKI, fmt_datetime, t
from familywork_app.services import ServiceError, visits
from familywork_app.services import goals as goal_svc
from familywork_app.services import meetings as meeting_svc
from familywork_app.services import messages as message_svc
from familywork_app.services.attachments import CAPTION_MAX, attach_waiting
from familywork_app.services.interpreter import set_interpreter_booked
from familywork_app.state.family_basics import InterpreterState
from familywork_app.state.family_goals import cleared_entry_form
from familywork_app.state.forms import Checkbox, FormId, FormModel, Text, form_id
from familywork_app.state.forms import text as up_to
from familywork_app.state.handler import Acting, data_handler
from familywork_app.state.message_files import MessageFilesState
from familywork_app.state.worker_family import WorkerFamilyState


def local_datetime(day: object, clock: object) -> datetime | None:
    """'2026-12-01' + '09:30' in Helsinki time, aware; None when either is not valid."""
    try:
        naive = datetime.strptime(f"{day} {clock}", "%Y-%m-%d %H:%M")
    except (TypeError, ValueError):
        return None
    return naive.replace(tzinfo=HELSINKI)


class WhenForm(FormModel):
    """A day, a time of day and a duration in minutes (the service checks them)."""

    date: Text = up_to(32)
    time: Text = up_to(32)
    duration: FormId = 0

    @property
    def starts_at(self) -> datetime | None:
        return local_datetime(self.date, self.time)


class ProposeForm(WhenForm):
    place: Text = up_to(16)
    place_detail: Text = up_to(200)
    topic: Text = up_to(200)
    confirm_overlap: Checkbox = False  # "Propose anyway" after an overlap warning
    interpreter_booked: Checkbox = False  # issue 17: asked when the family needs one


class MoveForm(WhenForm):
    meeting_id: FormId = 0


class CancelForm(FormModel):
    meeting_id: FormId = 0
    reason: Text = up_to(1000)


class RecordForm(FormModel):
    """A visit record: one checkbox per `Method` (`method_<value>`)."""

    meeting_id: FormId = 0
    summary: Text = up_to(4000)
    internal_note: Text = up_to(4000)
    method_discussion: Checkbox = False
    method_together: Checkbox = False
    method_guidance: Checkbox = False
    method_modelling: Checkbox = False
    method_evaluation: Checkbox = False
    method_cards: Checkbox = False
    method_rolemap: Checkbox = False
    method_networking: Checkbox = False
    method_child: Checkbox = False

    @property
    def methods(self) -> list[str]:
        """The ticked methods, in the order of `Method`."""
        return [m.value for m in Method if getattr(self, f"method_{m.value}")]


class GoalForm(FormModel):
    title: Text = up_to(200)
    support_area: Text = up_to(16)
    what_we_do: Text = up_to(2000)
    target_date: Text = up_to(32)


class EntryForm(FormModel):
    goal_id: FormId = 0
    text: Text = up_to(2000)
    rating: Text = up_to(32)


class MessageForm(FormModel):
    body: Text = up_to(2000)
    caption: Text = up_to(CAPTION_MAX)  # the alt text of the photos sent with it (optional)


class CloseForm(FormModel):
    closing_summary: Text = up_to(4000)


class WorkerFamilyActions(WorkerFamilyState):
    errors: rx.Field[dict[str, str]] = rx.field(default_factory=dict)  # form key -> i18n key
    open_form: rx.Field[str] = rx.field("")
    saved: rx.Field[str] = rx.field("")  # the form key last saved
    overlap_warning: rx.Field[str] = rx.field("")
    draft_length: rx.Field[int] = rx.field(0)

    def _start(self, form_key: str) -> None:
        """The form this handler answers: a refusal is shown beside it."""
        self._form_key, self.saved = form_key, ""

    def _done(self, acting: Acting, toast: str) -> rx.event.EventSpec:
        """The service accepted: clear the form's message, close it, show the new data, and
        say what happened in the page's live region."""
        self.errors = {**self.errors, self._form_key: ""}
        self.open_form, self.saved = "", self._form_key
        self._reload(acting)
        return self._toast(toast)

    def _refused(self, problem: ServiceError) -> None:
        if self._form_key not in ("", "load"):
            self.errors = {**self.errors, self._form_key: problem.code}
        super()._refused(problem)

    @rx.event
    def show_form(self, which: str):
        if isinstance(which, str) and len(which) < 32:
            self.open_form = which

    @rx.event
    def close_form(self):
        self.open_form, self.overlap_warning = "", ""

    @rx.event
    def count(self, value: str):
        self.draft_length = len(value) if isinstance(value, str) else 0

    @rx.event
    @data_handler(*STAFF_ROLES, form=ProposeForm)
    def propose(self, acting: Acting, form: ProposeForm):
        self._start("propose")
        start = form.starts_at
        if start and not form.confirm_overlap and self._warn_overlap(acting, start, form.duration):
            self._form_key = ""
            return
        self.overlap_warning = ""
        proposed = meeting_svc.propose_meeting(
            acting.db,
            acting.user,
            self._fid,
            start,
            form.duration,
            form.place,
            form.place_detail,
            form.topic,
            acting.ip,
        )
        if form.interpreter_booked:  # issue 17: the proposal form's interpreter question
            set_interpreter_booked(acting.db, acting.user, proposed.id, True, acting.ip)
        return [self._done(acting, "toast.meeting_proposed"), InterpreterState.load]

    def _warn_overlap(self, acting: Acting, start: datetime, minutes: int) -> bool:
        """Whether the user's own open meetings overlap the time: then say which, and wait for
        "Propose anyway". Checked in the same call (and session) as the proposal."""
        if not meeting_svc.MINUTES_MIN <= minutes <= meeting_svc.MINUTES_MAX:
            return False
        try:
            clashes = visits.overlapping(
                acting.db, acting.user, start, start + timedelta(minutes=minutes), ip=acting.ip
            )
        except ServiceError:
            return False  # the proposal itself will then say what is wrong
        if not clashes:
            return False
        self.overlap_warning = t(
            self.lang,
            "worker.overlap",
            meetings="; ".join(
                f"{c.family_name} {fmt_datetime(c.starts_at, self.lang)}" for c in clashes
            ),
        )
        return True

    @rx.event
    @data_handler(*STAFF_ROLES, form=MoveForm)
    def move(self, acting: Acting, form: MoveForm):
        self._start(f"move-{form.meeting_id}")
        meeting_svc.move_meeting(
            acting.db, acting.user, form.meeting_id, form.starts_at, form.duration, acting.ip
        )
        return self._done(acting, "toast.meeting_moved")

    @rx.event
    @data_handler(*STAFF_ROLES, form=CancelForm)
    def cancel(self, acting: Acting, form: CancelForm):
        self._start(f"cancel-{form.meeting_id}")
        meeting_svc.cancel_meeting(acting.db, acting.user, form.meeting_id, form.reason, acting.ip)
        return self._done(acting, "toast.meeting_cancelled")

    @rx.event
    @data_handler(*STAFF_ROLES, form=RecordForm)
    def record(self, acting: Acting, form: RecordForm):
        self._start(f"record-{form.meeting_id}")
        visits.record_visit(
            acting.db,
            acting.user,
            form.meeting_id,
            form.summary,
            form.internal_note,
            form.methods,
            acting.ip,
        )
        return self._done(acting, "toast.visit_recorded")

    @rx.event
    @data_handler(*STAFF_ROLES, form=GoalForm)
    def create_goal(self, acting: Acting, form: GoalForm):
        self._start("goal")
        goal_svc.create_goal(
            acting.db,
            acting.user,
            self._fid,
            form.title,
            form.support_area,
            form.what_we_do,
            form.target_date,
            acting.ip,
        )
        return self._done(acting, "toast.goal_created")

    @rx.event
    @data_handler(*STAFF_ROLES, form=EntryForm)
    def add_entry(self, acting: Acting, form: EntryForm):
        key = str(form.goal_id)
        self._start(key)
        goal_svc.add_goal_entry(
            acting.db, acting.user, form.goal_id, form.text, form.rating, acting.ip
        )
        return [self._done(acting, "toast.entry_saved"), cleared_entry_form(form.goal_id)]

    @rx.event
    @data_handler(*STAFF_ROLES)
    def end_goal(self, acting: Acting, goal_id: str, status: str):
        gid = form_id(goal_id)
        self._start(f"end-{gid}")
        goal_svc.end_goal(acting.db, acting.user, gid, status, acting.ip)
        return self._done(acting, "toast.goal_ended")

    @rx.event
    @data_handler(*STAFF_ROLES, form=MessageForm)
    def send(self, acting: Acting, form: MessageForm):
        self._start("message")
        sent = message_svc.send_message(acting.db, acting.user, self._fid, form.body, acting.ip)
        attach_waiting(acting.db, acting.user, self._fid, sent.id, form.caption, acting.ip)
        toast = self._done(acting, "toast.message_sent")
        self.draft_length = 0
        return [rx.set_value("body", ""), MessageFilesState.sent, toast]

    @rx.event
    @data_handler(*STAFF_ROLES, form=CloseForm)
    def close_case(self, acting: Acting, form: CloseForm):
        self._start("close")
        visits.close_case(acting.db, acting.user, self._fid, form.closing_summary, acting.ip)
        return self._done(acting, "toast.case_closed")
