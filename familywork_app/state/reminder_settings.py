"""State of the meeting-reminder card on /settings (guardians): push, e-mail, SMS, and a second
reminder two hours before. The rules live in `services.reminder_settings`."""

import reflex as rx

from familywork_app.domain import Role
from familywork_app.services import ServiceError
from familywork_app.services import reminder_settings as svc
from familywork_app.services.reminder_settings import ReminderChoices
from familywork_app.state.app_state import AppState
from familywork_app.state.forms import Checkbox, FormModel
from familywork_app.state.handler import Acting, data_handler


class ReminderForm(FormModel):
    push: Checkbox = False
    email: Checkbox = False
    sms: Checkbox = False
    two_hours: Checkbox = False


class ReminderSettingsState(AppState):
    loaded: rx.Field[bool] = rx.field(False)
    push: rx.Field[bool] = rx.field(True)
    email: rx.Field[bool] = rx.field(False)
    sms: rx.Field[bool] = rx.field(False)
    two_hours: rx.Field[bool] = rx.field(False)
    sms_available: rx.Field[bool] = rx.field(False)
    phone: rx.Field[str] = rx.field("")
    error: rx.Field[str] = rx.field("")  # i18n key shown under the card's form

    def _show(self, choices: ReminderChoices) -> None:
        self.push, self.email, self.sms = choices.push, choices.email, choices.sms
        self.two_hours, self.sms_available = choices.two_hours, choices.sms_available
        self.phone, self.loaded = choices.phone, True

    def _refused(self, problem: ServiceError) -> None:
        self.error = problem.code

    @rx.event
    @data_handler(Role.GUARDIAN)
    def load(self, acting: Acting):
        """on_load of /settings: a guardian's choices (nothing for staff)."""
        self.loaded, self.error = False, ""
        self._show(svc.reminder_choices(acting.db, acting.user, acting.ip))

    @rx.event
    @data_handler(Role.GUARDIAN, form=ReminderForm)
    def save(self, acting: Acting, form: ReminderForm):
        """Save the ticked channels and whether to remind two hours before too."""
        self.error = ""
        choices = svc.set_reminder_choices(
            acting.db,
            acting.user,
            push=form.push,
            email=form.email,
            sms=form.sms,
            two_hours=form.two_hours,
            ip=acting.ip,
        )
        self._show(choices)
        return self._toast("settings.reminders_saved")
