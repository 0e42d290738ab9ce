"""Together mode, the activities built by tapping: conversation cards, the role map and the
network map. What is tapped stays on the server until saved; every tap is checked against the
known cards, tasks and members."""

from typing import ClassVar

import reflex as rx

from familywork_app import method_content as mc
from familywork_app.domain import STAFF_ROLES
from familywork_app.services import methods
from familywork_app.services.method_rows import NetworkPerson
from familywork_app.state.forms import FormModel, Text, form_id, text
from familywork_app.state.handler import Acting, data_handler
from familywork_app.state.method_presenters import (
    NetworkNodeView,
    NetworkRowView,
    network_nodes,
    network_rows,
)
from familywork_app.state.together import TogetherState


class CardsForm(FormModel):
    note: Text = text(2000)


class PersonForm(FormModel):
    """One person or service to add to the network map (checked by `methods.check_person`)."""

    name: Text = text(mc.NETWORK_NAME_MAX)
    category: Text = text(16)
    closeness: Text = text(2)
    effect: Text = text(16)
    error_codes: ClassVar[dict[str, str]] = {
        "category": "error.category_required",
        "closeness": "error.answer_required",
        "effect": "error.effect_required",
    }


class TogetherMapsState(TogetherState):
    deck: rx.Field[str] = rx.field("feelings")
    picked: rx.Field[list[str]] = rx.field(default_factory=list)
    # task -> member keys
    roles: rx.Field[dict[str, list[str]]] = rx.field(
        default_factory=lambda: {task: [] for task in mc.ROLE_TASKS}
    )
    _people: list[NetworkPerson] = []  # the network map being drawn (kept on the server)
    draft_nodes: rx.Field[list[NetworkNodeView]] = rx.field(default_factory=list)
    draft_rows: rx.Field[list[NetworkRowView]] = rx.field(default_factory=list)

    # --- cards ---
    @rx.event
    def show_deck(self, deck: str):
        if isinstance(deck, str) and deck in mc.CARD_DECKS:
            self.deck = deck

    @rx.event
    def toggle_card(self, card: str):
        if not isinstance(card, str) or card not in mc.ALL_CARDS:
            return
        if card in self.picked:
            self.picked = [c for c in self.picked if c != card]
        elif len(self.picked) < mc.MAX_PICKED_CARDS:
            self.picked = [*self.picked, card]

    @rx.event
    @data_handler(*STAFF_ROLES, form=CardsForm)
    def save_cards(self, acting: Acting, form: CardsForm):
        picked = list(self.picked)
        result = self._save(
            acting,
            lambda family_id: methods.save_cards(
                acting.db, acting.user, family_id, picked, form.note, acting.ip
            ),
        )
        if self.saved:
            self.picked = []
        return result

    # --- role map ---
    @rx.event
    def toggle_role(self, task: str, member: str):
        if task not in mc.ROLE_TASKS or not isinstance(member, str):
            return
        if member not in {m.value for m in self.members}:
            return
        current = self.roles.get(task, [])
        chosen = [m for m in current if m != member] if member in current else [*current, member]
        self.roles = {**self.roles, task: chosen}

    @rx.event
    @data_handler(*STAFF_ROLES)
    def save_rolemap(self, acting: Acting):
        roles = dict(self.roles)
        result = self._save(
            acting,
            lambda family_id: methods.save_rolemap(
                acting.db, acting.user, family_id, roles, acting.ip
            ),
        )
        if self.saved:
            self.roles = {task: [] for task in mc.ROLE_TASKS}
        return result

    # --- network map ---
    def _redraw(self) -> None:
        self.draft_nodes = network_nodes(self._people)
        self.draft_rows = network_rows(self._people, self.lang)

    @rx.event
    @data_handler(*STAFF_ROLES, form=PersonForm)
    def add_person(self, acting: Acting, form: PersonForm):
        """Add one person to the map being drawn (nothing is saved yet)."""
        if len(self._people) >= mc.MAX_NETWORK_PEOPLE:
            self.errors = {"network": "error.network_empty"}
            return None
        person = methods.check_person(form.model_dump())
        self.errors = {}
        self._people = [*self._people, person]
        self._redraw()
        return rx.set_value("net-name", "")

    @rx.event
    def remove_person(self, index: str):
        if not isinstance(index, str) or not index.isdigit():  # the row's index: "0", "1"...
            return
        if form_id(index) < len(self._people):
            place = form_id(index)
            self._people = [p for i, p in enumerate(self._people) if i != place]
            self._redraw()

    @rx.event
    @data_handler(*STAFF_ROLES)
    def save_network(self, acting: Acting):
        people = [person.data() for person in self._people]
        result = self._save(
            acting,
            lambda family_id: methods.save_network(
                acting.db, acting.user, family_id, people, acting.ip
            ),
        )
        if self.saved:
            self._people, self.draft_nodes, self.draft_rows = [], [], []
        return result
