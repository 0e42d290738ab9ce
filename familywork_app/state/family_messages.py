"""State of the family's conversation with its worker(s)."""

from typing import ClassVar

import reflex as rx

from familywork_app.domain import Role
from familywork_app.services import ServiceError
from familywork_app.services import messages as svc
from familywork_app.services.attachments import CAPTION_MAX, attach_waiting
from familywork_app.state.app_state import AppState
from familywork_app.state.forms import FormModel, Text, text
from familywork_app.state.goal_presenters import MessageView, present_message
from familywork_app.state.handler import Acting, data_handler
from familywork_app.state.message_files import MessageFilesState

BODY_MAX = 2000  # Message.body


class MessageForm(FormModel):
    body: Text = text(BODY_MAX)
    caption: Text = text(CAPTION_MAX)  # the alt text of the photos sent with it (optional)
    # Too long: the service's own message for the box, not the generic one.
    error_codes: ClassVar[dict[str, str]] = {
        "body": "error.message_long",
        "caption": "files.caption_long",
    }


def counted_length(value: object, just_sent: str) -> int:
    """The message box's length for its counter. The box counts with a delay (debounce), so a
    count of the text just sent may arrive after the send emptied the box: that one is 0."""
    if not isinstance(value, str) or (just_sent and value == just_sent):
        return 0
    return len(value)


class FamilyMessagesState(AppState):
    loaded: rx.Field[bool] = rx.field(False)
    messages: rx.Field[list[MessageView]] = rx.field(default_factory=list)
    draft_length: rx.Field[int] = rx.field(0)
    # i18n key shown under the message box; the text stays in the box
    error: rx.Field[str] = rx.field("")
    _latest: int = 0  # id of the newest message shown
    _just_sent: str = ""  # the text of the message just sent, until the box counts again

    def _reload(self, acting: Acting) -> None:
        data = svc.conversation(acting.db, acting.user, acting.family_id, acting.ip)
        self.messages = [present_message(m, self.lang) for m in data]
        self._latest = max((m.id for m in data), default=0)
        self.unread = 0  # reading the conversation marked the worker's messages read
        self.loaded = True

    def _refused(self, problem: ServiceError) -> None:
        self.error = problem.code  # the text and its count stay

    @rx.event
    @data_handler(Role.GUARDIAN, page=True, family=True, badge=False)
    def load(self, acting: Acting):
        self.loaded, self.error = False, ""
        self._reload(acting)

    @rx.event
    @data_handler(Role.GUARDIAN, family=True, badge=False)
    def poll(self, acting: Acting):
        """Clicked every few seconds by assets/offline.js while the page is open: load the
        conversation again when a new message has arrived (from any backend worker)."""
        if not self.loaded:
            return
        if svc.latest_message_id(acting.db, acting.user, acting.family_id) != self._latest:
            self._reload(acting)

    @rx.event
    def count(self, value: str):
        self.draft_length = counted_length(value, self._just_sent)
        self._just_sent = ""

    @rx.event
    @data_handler(Role.GUARDIAN, form=MessageForm, family=True, badge=False)
    def send(self, acting: Acting, form: MessageForm):
        sent = svc.send_message(acting.db, acting.user, acting.family_id, form.body, acting.ip)
        attach_waiting(acting.db, acting.user, acting.family_id, sent.id, form.caption, acting.ip)
        self.error, self.draft_length, self._just_sent = "", 0, form.body
        self._reload(acting)
        return [
            rx.set_value("body", ""),
            MessageFilesState.sent,
            self._toast("toast.message_sent"),
        ]
