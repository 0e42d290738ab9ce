"""The shapes of the demo data table (`demo_families.py`), read by `demo_data.py`.

Author keys: "w" is the family's worker, "g0"/"g1" its guardians, "c0"/"c1" its children.
"""

from dataclasses import dataclass
from typing import Any, NamedTuple

from familywork_app.domain import (
    ApplicationChannel,
    ApplicationStatus,
    EvaluationPhase,
    MeetingPlace,
    MeetingStatus,
    Method,
    MethodKind,
    Municipality,
    SupportArea,
)


class AppSpec(NamedTuple):
    """The family's one application; an accepted one opens the family."""

    status: ApplicationStatus
    days_ago: int
    channel: ApplicationChannel
    areas: tuple[SupportArea, ...]
    description: str
    reachable: str


class MeetingSpec(NamedTuple):
    """`text` is the shared summary (held), the family's change note or the cancel reason."""

    status: MeetingStatus
    days: int  # from today; negative in the past
    hour: int  # Helsinki time
    minutes: int
    place: MeetingPlace
    topic: str
    text: str = ""
    internal: str = ""  # held visits: the worker's internal note
    methods: tuple[Method, ...] = ()  # held visits


class GoalEntrySpec(NamedTuple):
    days_ago: int
    author: str  # "w", "g0", "g1"
    text: str
    rating: int | None


class GoalSpec(NamedTuple):
    area: SupportArea
    title: str
    what_we_do: str
    entries: tuple[GoalEntrySpec, ...]


class MessageSpec(NamedTuple):
    days_ago: int
    author: str
    body: str
    read: bool  # read by the other side


class MethodSpec(NamedTuple):
    """A result as stored in `MethodRecord.data`; role-map members are written "g0"/"c0" and
    get their real ids when loaded."""

    days_ago: int
    kind: MethodKind
    respondent: str  # "w", "g0", "c0"
    phase: EvaluationPhase | None  # evaluations only
    data: dict[str, Any]  # JSON as the method stores it


@dataclass(frozen=True, slots=True)
class FamilySpec:
    name: str
    municipality: Municipality
    address: str
    worker: str | None  # the worker's e-mail
    guardians: tuple[tuple[str, str], ...]  # (e-mail, name)
    children: tuple[tuple[str, int], ...]  # (first name, birth year)
    app: AppSpec
    meetings: tuple[MeetingSpec, ...] = ()
    goals: tuple[GoalSpec, ...] = ()
    messages: tuple[MessageSpec, ...] = ()
    methods: tuple[MethodSpec, ...] = ()
    closed: tuple[int, str] | None = None  # (days ago, closing summary)
