"""State of the guardian's "my data" page: export links and the access log in plain words."""

import reflex as rx

from familywork_app.domain import Role
from familywork_app.services.export import family_access_log
from familywork_app.state.app_state import AppState
from familywork_app.state.handler import Acting, data_handler
from familywork_app.state.log_presenters import FamilyLogView, present_family_log


class FamilyDataState(AppState):
    loaded: rx.Field[bool] = rx.field(False)
    log: rx.Field[list[FamilyLogView]] = rx.field(default_factory=list)

    @rx.event
    @data_handler(Role.GUARDIAN, page=True, family=True)
    def load(self, acting: Acting):
        self.loaded = False
        self.log = present_family_log(
            family_access_log(acting.db, acting.user, acting.ip), self.lang
        )
        self.loaded = True
