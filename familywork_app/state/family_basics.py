"""States of the family basics (issue 17).

- `ReachableHoursState` (the account page): staff save when families can usually reach them.
- `InterpreterState` (the family record): the family's interpreter need and, per meeting,
  whether an interpreter is booked.
- `FamilyHelpState` (/family/help): the guardian's help page (no family data on it).
- `present_hours`: the hours as the family home shows them, e.g. "ma–pe 9.00–11.00".
"""

from datetime import time
from typing import ClassVar

import reflex as rx
from pydantic import Field

from familywork_app.domain import STAFF_ROLES, Role
from familywork_app.i18n import t
from familywork_app.services import ServiceError
from familywork_app.services.family_worker import (
    ReachableHours,
    reachable_hours_of,
    set_reachable_hours,
)
from familywork_app.services.interpreter import (
    InterpreterNeed,
    interpreter_need,
    set_interpreter,
    set_interpreter_booked,
)
from familywork_app.state.app_state import AppState
from familywork_app.state.forms import Checkbox, FormModel, Text, form_id
from familywork_app.state.handler import Acting, data_handler


def _clock(moment: time, lang: str) -> str:
    separator = ":" if lang == "en" else "."
    return f"{moment.hour}{separator}{moment.minute:02d}"


def _day_runs(days: tuple[int, ...], lang: str) -> str:
    """Consecutive weekdays as a span ("ma–pe"), others listed ("ma, ke")."""
    runs: list[list[int]] = []
    for day in days:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    names: list[str] = []
    for run in runs:
        if len(run) >= 3:
            names.append(f"{t(lang, f'fb.day.{run[0]}')}–{t(lang, f'fb.day.{run[-1]}')}")
        else:
            names += [t(lang, f"fb.day.{day}") for day in run]
    return ", ".join(names)


def tel_href(number: str) -> str:
    """A phone number's call link: `tel:` and the digits (and a leading +)."""
    return "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")


def present_hours(hours: ReachableHours, lang: str) -> str:
    """ "ma–pe 9.00–11.00"; "" when the worker gave none."""
    if not hours.given or hours.start is None or hours.end is None:
        return ""
    span = f"{_clock(hours.start, lang)}–{_clock(hours.end, lang)}"
    return f"{_day_runs(hours.days, lang)} {span}"


class HoursForm(FormModel):
    """The browser names the fields "reachable-day-0" ... "reachable-from", "reachable-until"."""

    day_0: Checkbox = Field(default=False, alias="reachable-day-0")
    day_1: Checkbox = Field(default=False, alias="reachable-day-1")
    day_2: Checkbox = Field(default=False, alias="reachable-day-2")
    day_3: Checkbox = Field(default=False, alias="reachable-day-3")
    day_4: Checkbox = Field(default=False, alias="reachable-day-4")
    day_5: Checkbox = Field(default=False, alias="reachable-day-5")
    day_6: Checkbox = Field(default=False, alias="reachable-day-6")
    start: Text = Field(default="", max_length=5, alias="reachable-from")
    end: Text = Field(default="", max_length=5, alias="reachable-until")
    error_codes: ClassVar[dict[str, str]] = {
        "reachable-from": "error.reachable_time",
        "reachable-until": "error.reachable_time",
    }

    @property
    def days(self) -> list[int]:
        ticked = (self.day_0, self.day_1, self.day_2, self.day_3, self.day_4, self.day_5)
        return [i for i, on in enumerate((*ticked, self.day_6)) if on]


class ReachableHoursState(AppState):
    hours_loaded: rx.Field[bool] = rx.field(False)
    days: rx.Field[list[str]] = rx.field(default_factory=list)  # "0" ... "6"
    start: rx.Field[str] = rx.field("")  # "09:00"
    end: rx.Field[str] = rx.field("")
    hours_error: rx.Field[str] = rx.field("")  # an i18n key
    hours_error_field: rx.Field[str] = rx.field("")

    def _refused(self, problem: ServiceError) -> None:
        self.hours_error, self.hours_error_field = problem.code, problem.field

    def _show(self, hours: ReachableHours) -> None:
        self.days = [str(day) for day in hours.days]
        self.start = hours.start.strftime("%H:%M") if hours.start else ""
        self.end = hours.end.strftime("%H:%M") if hours.end else ""

    @rx.event
    @data_handler(*STAFF_ROLES)
    def load(self, acting: Acting):
        """on_load of the account page: the staff member's own saved hours."""
        self.hours_error = self.hours_error_field = ""
        self._show(reachable_hours_of(acting.user))
        self.hours_loaded = True

    @rx.event
    @data_handler(*STAFF_ROLES, form=HoursForm)
    def save_hours(self, acting: Acting, form: HoursForm):
        self.hours_error = self.hours_error_field = ""
        hours = set_reachable_hours(
            acting.db, acting.user, form.days, form.start, form.end, acting.ip
        )
        self._show(hours)
        return self._toast("toast.hours_saved")


class InterpreterForm(FormModel):
    needed: Checkbox = Field(default=False, alias="interpreter-needed")
    language: Text = Field(default="", max_length=60, alias="interpreter-language")
    error_codes: ClassVar[dict[str, str]] = {"interpreter-language": "error.text_long"}


class InterpreterState(AppState):
    interpreter_loaded: rx.Field[bool] = rx.field(False)
    needed: rx.Field[bool] = rx.field(False)
    language: rx.Field[str] = rx.field("")
    booked: rx.Field[list[str]] = rx.field(default_factory=list)  # meeting ids, as text
    interpreter_error: rx.Field[str] = rx.field("")  # an i18n key
    _fid: int = 0

    def _refused(self, problem: ServiceError) -> None:
        self.interpreter_error = problem.code

    def _show(self, need: InterpreterNeed) -> None:
        self.needed, self.language = need.needed, need.language
        self.booked = [str(i) for i in need.booked_meetings]
        self.interpreter_loaded = True

    @rx.event
    @data_handler(*STAFF_ROLES)
    def load(self, acting: Acting):
        """on_load of the record: this family's need, if this user may see the family."""
        self.interpreter_loaded, self.interpreter_error = False, ""
        self._fid = form_id(self.router.page.params.get("fid", ""))
        self._show(interpreter_need(acting.db, acting.user, self._fid, acting.ip))

    @rx.event
    @data_handler(*STAFF_ROLES, form=InterpreterForm)
    def save(self, acting: Acting, form: InterpreterForm):
        self.interpreter_error = ""
        self._show(
            set_interpreter(
                acting.db, acting.user, self._fid, form.needed, form.language, acting.ip
            )
        )
        return self._toast("toast.interpreter_saved")

    @rx.event
    @data_handler(*STAFF_ROLES)
    def mark_booked(self, acting: Acting, meeting_id: str, booked: bool):
        """A meeting card's button: the interpreter is (or is not) booked for it."""
        meeting = form_id(meeting_id)
        set_interpreter_booked(acting.db, acting.user, meeting, booked is True, acting.ip)
        self._show(interpreter_need(acting.db, acting.user, self._fid, acting.ip))


class FamilyHelpState(AppState):
    help_loaded: rx.Field[bool] = rx.field(False)

    @rx.event
    @data_handler(Role.GUARDIAN, page=True, family=True)
    def load(self, acting: Acting):
        """on_load of /family/help: guardians only (the shell needs the signed-in guardian);
        the page shows no family data."""
        self.help_loaded = True
