"""The rows `services.visits` returns to staff: the week view, overlap warnings and a family's
record header. Plain frozen data; the states turn them into display strings."""

from dataclasses import dataclass
from datetime import date, datetime

from familywork_app.domain import (
    ApplicationChannel,
    ApplicationStatus,
    FamilyStatus,
    MeetingPlace,
    MeetingStatus,
    Municipality,
    SupportArea,
)


@dataclass(frozen=True, slots=True)
class WeekRow:
    """One of the worker's own open meetings in the week; `overlaps` names the other meetings
    of the same week that overlap it."""

    id: int
    family_id: int
    family_name: str
    status: MeetingStatus
    starts_at: datetime
    ends_at: datetime
    place: MeetingPlace
    topic: str
    overlaps: tuple[int, ...]
    interpreter: str = ""  # the language when the family needs an interpreter (issue 17)
    interpreter_booked: bool = False


@dataclass(frozen=True, slots=True)
class OverlapRow:
    """One of the worker's own open meetings that overlaps a time about to be proposed."""

    id: int
    family_name: str
    starts_at: datetime
    ends_at: datetime
    status: MeetingStatus


@dataclass(frozen=True, slots=True)
class GuardianContact:
    id: int
    name: str
    email: str
    phone: str


@dataclass(frozen=True, slots=True)
class ChildRow:
    first_name: str
    birth_year: int


@dataclass(frozen=True, slots=True)
class ApplicationSummary:
    """The family's newest application as staff see it on the record page."""

    channel: ApplicationChannel
    support_areas: tuple[SupportArea, ...]
    description: str
    reachable: str
    status: ApplicationStatus
    submitted_at: datetime
    decision_note: str


@dataclass(frozen=True, slots=True)
class FamilyRecord:
    """The header of a family's page for staff: the family, its people and its application."""

    id: int
    name: str
    municipality: Municipality
    address: str
    status: FamilyStatus
    opened_on: date | None
    closed_on: date | None
    closing_summary: str
    worker_id: int | None
    worker_name: str
    guardians: tuple[GuardianContact, ...]
    children: tuple[ChildRow, ...]
    application: ApplicationSummary | None
