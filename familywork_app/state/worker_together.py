"""Starting together mode from a family's page: the worker sets a PIN and hands over the tablet."""

import reflex as rx

from familywork_app import routes
from familywork_app.db import session_scope
from familywork_app.services import NotAllowed, ServiceError, together
from familywork_app.state.worker_family import WorkerFamilyState


class WorkerTogetherState(WorkerFamilyState):
    pin_error: str = ""

    def start_together(self, form_data: dict):
        """Lock this session to the page's family (checked again by the service)."""
        form = form_data if isinstance(form_data, dict) else {}
        with session_scope() as db:
            try:
                together.start(
                    db,
                    self._acting(db),
                    self._fid,
                    form.get("pin", ""),
                    self._session_token(),
                    self._ip(),
                )
            except NotAllowed:
                self.pin_error = "error.not_allowed"
                return None
            except ServiceError as problem:
                self.pin_error = problem.code
                return None
        self.pin_error = ""
        return rx.redirect(routes.TOGETHER)
