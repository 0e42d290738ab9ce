"""Starting together mode from a family's page: the worker sets a PIN and hands over the tablet."""

from typing import ClassVar

import reflex as rx

from familywork_app import routes
from familywork_app.domain import STAFF_ROLES
from familywork_app.services import ServiceError, together
from familywork_app.state.forms import FormModel, Text, text
from familywork_app.state.handler import Acting, data_handler
from familywork_app.state.worker_family import WorkerFamilyState


class PinForm(FormModel):
    pin: Text = text(40)  # 4–8 digits (checked by the service)
    error_codes: ClassVar[dict[str, str]] = {"pin": "together.pin_invalid"}


class WorkerTogetherState(WorkerFamilyState):
    pin_error: rx.Field[str] = rx.field("")  # i18n key, shown beside the PIN

    def _refused(self, problem: ServiceError) -> None:
        self.pin_error = problem.code

    @rx.event
    @data_handler(*STAFF_ROLES, form=PinForm)
    def start_together(self, acting: Acting, form: PinForm):
        """Lock this session to the page's family (checked again by the service)."""
        together.start(
            acting.db, acting.user, self._fid, form.pin, self._session_token(), acting.ip
        )
        self.pin_error = ""
        return rx.redirect(routes.TOGETHER)
