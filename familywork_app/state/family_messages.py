"""State of the family's conversation with its worker(s)."""

import reflex as rx

from familywork_app.db import session_scope
from familywork_app.services import ServiceError
from familywork_app.services import messages as svc
from familywork_app.services.policy import guardian_family_id
from familywork_app.state.app_state import AppState
from familywork_app.state.presenters import present_message


class FamilyMessagesState(AppState):
    loaded: bool = False
    messages: list[dict[str, str]] = []
    draft_length: int = 0
    error: str = ""  # i18n key shown under the message box; the text stays in the box
    _latest: int = 0  # id of the newest message shown

    def poll(self):
        """Clicked every few seconds by assets/offline.js while the page is open: load the
        conversation again when a new message has arrived (from any backend worker)."""
        if not self.loaded:
            return None
        with session_scope() as db:
            user = self._user(db)
            if user is None or user.role != "guardian":
                return None
            if svc.latest_message_id(db, user, self._family_of(db, user)) != self._latest:
                return self._reload(db)
        return None

    def _reload(self, db) -> list:
        user, family_id, redirect = self._guard_guardian(db)
        if redirect:
            return redirect
        data = svc.conversation(db, user, family_id, self._ip())
        self.messages = [present_message(m, self.lang) for m in data]
        self._latest = max((m["id"] for m in data), default=0)
        self.unread = 0  # reading the conversation marked the worker's messages read
        self.loaded = True
        return []

    def load(self):
        self.loaded, self.error = False, ""
        with session_scope() as db:
            return self._reload(db)

    def count(self, value: str):
        self.draft_length = len(value) if isinstance(value, str) else 0

    def send(self, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        with session_scope() as db:
            user = self._user(db)
            try:
                family_id = self._family_of(db, user)
                svc.send_message(db, user, family_id, form.get("body"), self._ip())
            except ServiceError as problem:
                self.error = problem.code
                return
            self.error, self.draft_length = "", 0
            return [*self._reload(db), rx.set_value("body", "")]

    def _family_of(self, db, user) -> int:
        return (guardian_family_id(db, user) if user is not None else None) or 0
