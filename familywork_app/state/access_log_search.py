"""State of the supervisor's access-log search."""

from datetime import date
from typing import Annotated

import reflex as rx
from pydantic import BeforeValidator, Field

from familywork_app.domain import Role
from familywork_app.services.access_log import search_log
from familywork_app.state.app_state import AppState
from familywork_app.state.forms import FormModel, Text, text
from familywork_app.state.handler import Acting, data_handler
from familywork_app.state.log_presenters import LogRowView, present_log


def _day(value: object) -> date | None:
    """A date input's value ("YYYY-MM-DD"); anything else is no limit."""
    try:
        return date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


FormDate = Annotated[date | None, BeforeValidator(_day)]


class LogSearchForm(FormModel):
    family: Text = text(120)  # a family's name
    email: Text = text(254)
    day_from: FormDate = Field(default=None, alias="from")
    day_to: FormDate = Field(default=None, alias="to")


class AccessLogState(AppState):
    loaded: rx.Field[bool] = rx.field(False)
    rows: rx.Field[list[LogRowView]] = rx.field(default_factory=list)
    searched: rx.Field[bool] = rx.field(False)

    @rx.event
    @data_handler(Role.SUPERVISOR, page=True)
    def load(self, acting: Acting):
        self.rows, self.searched, self.loaded = [], False, True

    @rx.event
    @data_handler(Role.SUPERVISOR, form=LogSearchForm)
    def search(self, acting: Acting, form: LogSearchForm):
        rows = search_log(
            acting.db,
            acting.user,
            family_name=form.family,
            email=form.email,
            day_from=form.day_from,
            day_to=form.day_to,
            ip=acting.ip,
        )
        self.rows = present_log(rows, self.lang)
        self.searched = True
