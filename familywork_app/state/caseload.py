"""State of the worker's caseload: their families, with search and filters (no extra reads)."""

import reflex as rx

from familywork_app.domain import FamilyStatus, Municipality, Role, values
from familywork_app.services.caseload import caseload
from familywork_app.state.app_state import AppState
from familywork_app.state.handler import Acting, data_handler
from familywork_app.state.presenters import CaseloadView, present_caseload

QUERY_MAX = 100


class CaseloadState(AppState):
    loaded: rx.Field[bool] = rx.field(False)
    # the rows that pass the filters
    families: rx.Field[list[CaseloadView]] = rx.field(default_factory=list)
    total: rx.Field[int] = rx.field(0)
    query: rx.Field[str] = rx.field("")
    municipality: rx.Field[str] = rx.field("")
    status: rx.Field[str] = rx.field("")
    attention_only: rx.Field[bool] = rx.field(False)
    _rows: list[CaseloadView] = []

    @rx.event
    @data_handler(Role.WORKER, page=True)
    def load(self, acting: Acting):
        self.loaded = False
        rows = caseload(acting.db, acting.user, acting.ip)
        self._rows = [present_caseload(r, self.lang) for r in rows]
        self.total = len(self._rows)
        self._filter()
        self.loaded = True

    def _filter(self) -> None:
        query = self.query.strip().lower()
        self.families = [
            r
            for r in self._rows
            if (not query or query in r.name.lower() or query in r.municipality.lower())
            and (not self.municipality or r.municipality == self.municipality)
            and (not self.status or r.status_key == self.status)
            and (not self.attention_only or r.answers or r.unread)
        ]

    @rx.event
    def search(self, value: str):
        self.query = value[:QUERY_MAX] if isinstance(value, str) else ""
        self._filter()

    @rx.event
    def filter_municipality(self, value: str):
        self.municipality = value if value in values(Municipality) else ""
        self._filter()

    @rx.event
    def filter_status(self, value: str):
        self.status = value if value in values(FamilyStatus) else ""
        self._filter()

    @rx.event
    def toggle_attention(self, value: bool):
        self.attention_only = value is True
        self._filter()
