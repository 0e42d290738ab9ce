"""The family's data export as typed rows (`export.family_export`).

`FamilyExport.as_json()` is the downloadable document: every field by its name, in this order,
dates and times as ISO 8601 text. The HTML export shows the same fields as table columns.
"""

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from familywork_app.domain import (
    ApplicationChannel,
    ApplicationStatus,
    EvaluationPhase,
    FamilyStatus,
    GoalStatus,
    MeetingPlace,
    MeetingStatus,
    MethodKind,
    Municipality,
    Respondent,
    Role,
    SupportArea,
)
from familywork_app.services.method_rows import MethodData


@dataclass(frozen=True, slots=True)
class ExportFamily:
    name: str
    municipality: Municipality
    address: str
    status: FamilyStatus
    worker: str
    opened_on: date | None
    closed_on: date | None
    closing_summary: str
    interpreter_needed: bool = False  # issue 17: recorded by the worker
    interpreter_language: str = ""


@dataclass(frozen=True, slots=True)
class ExportGuardian:
    name: str
    email: str
    phone: str


@dataclass(frozen=True, slots=True)
class ExportChild:
    first_name: str
    birth_year: int


@dataclass(frozen=True, slots=True)
class ExportApplication:
    channel: ApplicationChannel
    support_areas: tuple[str, ...]
    description: str
    reachable: str
    status: ApplicationStatus
    submitted_at: datetime
    decided_at: datetime | None
    decision_note: str


@dataclass(frozen=True, slots=True)
class ExportMeeting:
    """A meeting as the family sees it (the worker's internal note is never exported)."""

    status: MeetingStatus
    starts_at: datetime
    ends_at: datetime
    place: MeetingPlace
    place_detail: str
    topic: str
    change_note: str
    cancel_reason: str
    summary: str
    methods: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ExportGoalEntry:
    author: str
    text: str
    rating: int | None
    at: datetime


@dataclass(frozen=True, slots=True)
class ExportGoal:
    title: str
    support_area: SupportArea
    what_we_do: str
    target_date: date | None
    status: GoalStatus
    entries: tuple[ExportGoalEntry, ...]


@dataclass(frozen=True, slots=True)
class ExportFile:
    """A photo or PDF of a message: its bytes in base64 in the JSON (the HTML names it)."""

    name: str
    media_type: str
    caption: str
    size: int
    sha256: str
    data_base64: str

    def __str__(self) -> str:
        return f"{self.name} ({self.media_type}, {self.size} B)"


@dataclass(frozen=True, slots=True)
class ExportMessage:
    sender: str
    body: str
    sent_at: datetime
    read_at: datetime | None
    files: tuple[ExportFile, ...] = ()


@dataclass(frozen=True, slots=True)
class ExportMethod:
    """A result of a method done together, with its own answers as stored."""

    kind: MethodKind
    at: datetime
    phase: EvaluationPhase | None
    respondent: Respondent | None
    who: str
    note: str
    answers: MethodData


@dataclass(frozen=True, slots=True)
class ExportAcknowledgement:
    guardian: str
    at: datetime
    comment: str


@dataclass(frozen=True, slots=True)
class ExportPlan:
    """A version of the client plan (a draft has no `made_at`), its goals by title."""

    version: int
    made_at: datetime | None
    family_view: str
    family_strengths: str
    worker_view: str
    who_does_what: str
    meeting_rhythm: str
    next_review: date | None
    differences: str
    goals: tuple[str, ...]
    acknowledgements: tuple[ExportAcknowledgement, ...]


@dataclass(frozen=True, slots=True)
class ExportLogRow:
    at: datetime
    who: str
    role: Role | None
    action: str


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, object]:
    return {key: _json_value(value) for key, value in pairs}


@dataclass(frozen=True, slots=True)
class FamilyExport:
    """Everything the service holds about one family, minus staff-only internal notes."""

    family: ExportFamily
    guardians: tuple[ExportGuardian, ...]
    children: tuple[ExportChild, ...]
    applications: tuple[ExportApplication, ...]
    meetings: tuple[ExportMeeting, ...]
    goals: tuple[ExportGoal, ...]
    messages: tuple[ExportMessage, ...]
    methods: tuple[ExportMethod, ...]
    access_log: tuple[ExportLogRow, ...]
    plans: tuple[ExportPlan, ...] = ()  # the client plan's versions, oldest first

    def as_json(self) -> dict[str, object]:
        """The export as a JSON object (dates and times as ISO 8601 text)."""
        return asdict(self, dict_factory=_json_object)
