"""What staff do on a family's page: propose, move and cancel meetings, record visits, write and
end goals, message, close the case. Each handler validates its form, calls one service (which
authorises again) and reloads the page data. Errors are i18n keys per form; typed text stays."""

from datetime import datetime, timedelta

import reflex as rx

from familywork_app.db import session_scope
from familywork_app.i18n import HELSINKI, fmt_datetime, t
from familywork_app.models import METHODS
from familywork_app.services import ServiceError, visits
from familywork_app.services import goals as goal_svc
from familywork_app.services import meetings as meeting_svc
from familywork_app.services import messages as message_svc
from familywork_app.services.supervision import reassign_family
from familywork_app.state.app_state import form_id
from familywork_app.state.worker_family import WorkerFamilyState


def local_datetime(day: object, clock: object) -> datetime | None:
    """'2026-12-01' + '09:30' in Helsinki time, aware; None when either is not valid."""
    try:
        naive = datetime.strptime(f"{day} {clock}", "%Y-%m-%d %H:%M")
    except (TypeError, ValueError):
        return None
    return naive.replace(tzinfo=HELSINKI)


def _text(form: dict, key: str) -> str:
    value = form.get(key)
    return value if isinstance(value, str) else ""


class WorkerFamilyActions(WorkerFamilyState):
    errors: dict[str, str] = {}  # form key -> i18n key
    open_form: str = ""
    saved: str = ""
    overlap_warning: str = ""
    draft_length: int = 0

    def _run(self, form_key: str, action) -> None:
        """Run one service call for `form_key`; on success reload and close the form."""
        self.saved = ""
        with session_scope() as db:
            try:
                user = self._acting(db)
                action(db, user)
                self.errors = {**self.errors, form_key: ""}
                self.open_form, self.saved = "", form_key
                self._reload(db, user)
            except ServiceError as problem:
                self.errors = {**self.errors, form_key: problem.code}

    def show_form(self, which: str):
        if isinstance(which, str) and len(which) < 32:
            self.open_form = which

    def close_form(self):
        self.open_form, self.overlap_warning = "", ""

    def propose(self, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        start = local_datetime(form.get("date"), form.get("time"))
        minutes = form_id(form.get("duration"))
        if (
            start is not None
            and form.get("confirm_overlap") != "on"
            and self._warn_overlap(start, minutes)
        ):
            return
        self.overlap_warning = ""
        self._run(
            "propose",
            lambda db, user: meeting_svc.propose_meeting(
                db,
                user,
                self._fid,
                start,
                minutes,
                form.get("place"),
                _text(form, "place_detail"),
                _text(form, "topic"),
                self._ip(),
            ),
        )

    def _warn_overlap(self, start: datetime, minutes: int) -> bool:
        if not 15 <= minutes <= 480:
            return False
        with session_scope() as db:
            try:
                clashes = visits.overlapping(
                    db, self._acting(db), start, start + timedelta(minutes=minutes)
                )
            except ServiceError:
                return False  # the proposal itself will then say what is wrong
        if not clashes:
            return False
        self.overlap_warning = t(
            self.lang,
            "worker.overlap",
            meetings="; ".join(
                f"{c['family_name']} {fmt_datetime(c['starts_at'], self.lang)}" for c in clashes
            ),
        )
        return True

    def move(self, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        meeting_id = form_id(form.get("meeting_id"))
        self._run(
            f"move-{meeting_id}",
            lambda db, user: meeting_svc.move_meeting(
                db,
                user,
                meeting_id,
                local_datetime(form.get("date"), form.get("time")),
                form_id(form.get("duration")),
                self._ip(),
            ),
        )

    def cancel(self, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        meeting_id = form_id(form.get("meeting_id"))
        self._run(
            f"cancel-{meeting_id}",
            lambda db, user: meeting_svc.cancel_meeting(
                db, user, meeting_id, form.get("reason"), self._ip()
            ),
        )

    def record(self, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        meeting_id = form_id(form.get("meeting_id"))
        methods = [m for m in METHODS if form.get(f"method_{m}") in ("on", True)]
        self._run(
            f"record-{meeting_id}",
            lambda db, user: visits.record_visit(
                db,
                user,
                meeting_id,
                form.get("summary"),
                _text(form, "internal_note"),
                methods,
                self._ip(),
            ),
        )

    def create_goal(self, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        self._run(
            "goal",
            lambda db, user: goal_svc.create_goal(
                db,
                user,
                self._fid,
                form.get("title"),
                form.get("support_area"),
                _text(form, "what_we_do"),
                _text(form, "target_date"),
                self._ip(),
            ),
        )

    def add_entry(self, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        goal_id = form_id(form.get("goal_id"))
        self._run(
            str(goal_id),
            lambda db, user: goal_svc.add_goal_entry(
                db, user, goal_id, form.get("text", ""), form.get("rating", ""), self._ip()
            ),
        )
        if self.saved == str(goal_id):
            return rx.call_script(
                "".join(
                    f"document.getElementById('{f}-{goal_id}').value='';"
                    for f in ("text", "rating")
                )
            )

    def end_goal(self, goal_id: str, status: str):
        gid = form_id(goal_id)
        self._run(
            f"end-{gid}", lambda db, user: goal_svc.end_goal(db, user, gid, status, self._ip())
        )

    def count(self, value: str):
        self.draft_length = len(value) if isinstance(value, str) else 0

    def send(self, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        self._run(
            "message",
            lambda db, user: message_svc.send_message(
                db, user, self._fid, form.get("body"), self._ip()
            ),
        )
        if self.saved == "message":
            self.draft_length = 0
            return rx.set_value("body", "")

    def reassign(self, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        self._run(
            "reassign",
            lambda db, user: reassign_family(
                db, user, self._fid, form_id(form.get("worker_id")), self._ip()
            ),
        )

    def close_case(self, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        self._run(
            "close",
            lambda db, user: visits.close_case(
                db, user, self._fid, form.get("closing_summary"), self._ip()
            ),
        )
