"""The typed data of the methods done together.

Two kinds of type live here:
- what a result keeps in `MethodRecord.data`: one `TypedDict` per method, the exact shape
  `services.methods` validates and `json.dumps` writes (and the family's data export shows);
- what the services return: frozen dataclasses, one per method, with the names of the people
  and, for the two maps, the changes since the map before.
"""

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar, TypedDict

from familywork_app.domain import EvaluationPhase, MethodKind, Respondent, SupportArea

# --- The JSON stored in MethodRecord.data, one shape per method ------------------------------


class PersonData(TypedDict):
    """One person or service on a network map."""

    category: str  # method_content.NETWORK_CATEGORIES
    closeness: int  # method_content.CLOSENESS: 1 close, 2 in between, 3 further away
    effect: str  # method_content.EFFECTS
    name: str


class EvaluationData(TypedDict):
    scores: dict[str, int]  # support area -> 1..5


class CardsData(TypedDict):
    cards: list[str]  # "deck.card", in the order picked


class RoleMapData(TypedDict):
    members: dict[str, str]  # member key ("g<id>", "c<id>", "other") -> first name
    tasks: dict[str, list[str]]  # task -> member keys, in the family's order


class NetworkData(TypedDict):
    people: list[PersonData]


class CheckinData(TypedDict):
    faces: dict[str, int]  # "today" and each picture question -> 1..5


MethodData = EvaluationData | CardsData | RoleMapData | NetworkData | CheckinData


# --- What the services return ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Person:
    """A family member by first name (a guardian's user id or a child's id)."""

    id: int
    name: str


@dataclass(frozen=True, slots=True)
class SavedResult:
    """A result just saved; `meeting_id` is the visit going on now that it joined, if any."""

    id: int
    kind: MethodKind
    meeting_id: int | None


@dataclass(frozen=True, slots=True)
class NetworkPerson:
    """One person or service on a network map, validated."""

    name: str
    category: str
    effect: str
    closeness: int

    def data(self) -> PersonData:
        return {
            "category": self.category,
            "closeness": self.closeness,
            "effect": self.effect,
            "name": self.name,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class MethodResult(ABC):
    """What every saved result has: when, who answered (or who saved it), a note, the visit."""

    kind: ClassVar[MethodKind]
    id: int
    at: datetime
    phase: EvaluationPhase | None  # evaluations only
    respondent: Respondent | None  # evaluations and check-ins
    who: str
    note: str
    meeting_id: int | None

    @abstractmethod
    def answers(self) -> MethodData:
        """The result's own answers, as stored (each kind of result says what they are)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class EvaluationResult(MethodResult):
    kind: ClassVar[MethodKind] = MethodKind.EVALUATION
    scores: Mapping[SupportArea, int]

    def answers(self) -> EvaluationData:
        return {"scores": {area.value: score for area, score in self.scores.items()}}


@dataclass(frozen=True, slots=True, kw_only=True)
class CardsResult(MethodResult):
    kind: ClassVar[MethodKind] = MethodKind.CARDS
    cards: tuple[str, ...]

    def answers(self) -> CardsData:
        return {"cards": list(self.cards)}


@dataclass(frozen=True, slots=True, kw_only=True)
class RoleMapResult(MethodResult):
    kind: ClassVar[MethodKind] = MethodKind.ROLEMAP
    members: Mapping[str, str]
    tasks: Mapping[str, tuple[str, ...]]
    changes: tuple[str, ...] = ()  # the tasks whose doers changed since the map before
    earlier_at: datetime | None = None  # when the map before was saved

    def answers(self) -> RoleMapData:
        tasks = {task: list(who) for task, who in self.tasks.items()}
        return {"members": dict(self.members), "tasks": tasks}


@dataclass(frozen=True, slots=True)
class NetworkChanges:
    """Names new on a network map, gone from it, and whose closeness or effect changed."""

    added: tuple[str, ...] = ()
    gone: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class NetworkResult(MethodResult):
    kind: ClassVar[MethodKind] = MethodKind.NETWORK
    people: tuple[NetworkPerson, ...]
    changes: NetworkChanges = field(default_factory=NetworkChanges)
    earlier_at: datetime | None = None

    def answers(self) -> NetworkData:
        return {"people": [person.data() for person in self.people]}


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckinResult(MethodResult):
    kind: ClassVar[MethodKind] = MethodKind.CHILD
    faces: Mapping[str, int]

    def answers(self) -> CheckinData:
        return {"faces": dict(self.faces)}


@dataclass(frozen=True, slots=True)
class FamilyResults:
    """Every result of one family, by method."""

    children: tuple[Person, ...]
    evaluations: tuple[EvaluationResult, ...]  # oldest first: they are drawn over time
    cards: tuple[CardsResult, ...]  # newest first, as are the rest
    rolemaps: tuple[RoleMapResult, ...]
    networks: tuple[NetworkResult, ...]
    checkins: tuple[CheckinResult, ...]

    def every(self) -> tuple[MethodResult, ...]:
        """All the results, method by method."""
        return (
            *self.evaluations,
            *self.cards,
            *self.rolemaps,
            *self.networks,
            *self.checkins,
        )
