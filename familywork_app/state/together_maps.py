"""Together mode, the activities built by tapping: conversation cards, the role map and the
network map. What is tapped stays on the server until saved; every tap is checked against the
known cards, tasks and members."""

import reflex as rx

from familywork_app.services import ServiceError, methods
from familywork_app.services import method_content as mc
from familywork_app.state.app_state import form_id
from familywork_app.state.method_presenters import network_nodes, network_rows
from familywork_app.state.together import TogetherState


class TogetherMapsState(TogetherState):
    deck: str = "feelings"
    picked: list[str] = []
    roles: dict[str, list[str]] = {task: [] for task in mc.ROLE_TASKS}
    people: list[dict[str, str]] = []  # the network map being drawn: name, category, ...
    draft_nodes: list[dict[str, str]] = []
    draft_rows: list[dict[str, str]] = []

    # --- cards ---
    def show_deck(self, deck: str):
        if deck in mc.CARD_DECKS:
            self.deck = deck

    def toggle_card(self, card: str):
        if not isinstance(card, str) or card not in mc.ALL_CARDS:
            return
        if card in self.picked:
            self.picked = [c for c in self.picked if c != card]
        elif len(self.picked) < mc.MAX_PICKED_CARDS:
            self.picked = [*self.picked, card]

    def save_cards(self, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        result = self._save(methods.save_cards, list(self.picked), form.get("note", ""))
        if self.saved:
            self.picked = []
        return result

    # --- role map ---
    def toggle_role(self, task: str, member: str):
        if task not in mc.ROLE_TASKS or not isinstance(member, str):
            return
        if member not in {m["key"] for m in self.members}:
            return
        current = self.roles.get(task, [])
        chosen = [m for m in current if m != member] if member in current else [*current, member]
        self.roles = {**self.roles, task: chosen}

    def save_rolemap(self):
        result = self._save(methods.save_rolemap, dict(self.roles))
        if self.saved:
            self.roles = {task: [] for task in mc.ROLE_TASKS}
        return result

    # --- network map ---
    def _redraw(self) -> None:
        people = [{**p, "closeness": int(p["closeness"])} for p in self.people]
        self.draft_nodes = network_nodes(people)
        self.draft_rows = [
            {**row, "index": str(i)} for i, row in enumerate(network_rows(people, self.lang))
        ]

    def add_person(self, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        if len(self.people) >= mc.MAX_NETWORK_PEOPLE:
            self.errors = {"network": "error.network_empty"}
            return
        try:
            person = methods.check_person(
                {k: form.get(k) for k in ("name", "category", "closeness", "effect")}
            )
        except ServiceError as problem:
            self.errors = {problem.field or "form": problem.code}
            return
        self.errors = {}
        self.people = [*self.people, {**person, "closeness": str(person["closeness"])}]
        self._redraw()
        return rx.set_value("net-name", "")

    def remove_person(self, index: str):
        if not isinstance(index, str) or not index.isdigit():  # the row's index: "0", "1"...
            return
        if form_id(index) < len(self.people):
            index = form_id(index)
            self.people = [p for i, p in enumerate(self.people) if i != index]
            self._redraw()

    def save_network(self):
        people = [{**p, "closeness": int(p["closeness"])} for p in self.people]
        result = self._save(methods.save_network, people)
        if self.saved:
            self.people, self.draft_nodes, self.draft_rows = [], [], []
        return result
