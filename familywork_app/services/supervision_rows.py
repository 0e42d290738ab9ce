"""The supervisor's service figures as typed rows (returned by `supervision.service_figures`)."""

from dataclasses import dataclass

from familywork_app.domain import ApplicationStatus, Municipality, SupportArea


@dataclass(frozen=True, slots=True)
class QueueWait:
    """An application waiting for a decision, with its days in the queue."""

    application_id: int
    family_name: str
    municipality: Municipality
    days_waiting: int
    status: ApplicationStatus


@dataclass(frozen=True, slots=True)
class WorkerActive:
    """A worker's number of active families."""

    worker_id: int
    name: str
    active: int


@dataclass(frozen=True, slots=True)
class WorkerMeetings:
    """A worker's booked meetings (agreed or held) this week and next week."""

    worker_id: int
    name: str
    this_week: int
    next_week: int


@dataclass(frozen=True, slots=True)
class AreaMonth:
    """Applications of one month that named one support area."""

    month: str  # "YYYY-MM", Helsinki time
    area: SupportArea
    count: int


@dataclass(frozen=True, slots=True)
class MunicipalityMonth:
    """Applications of one month from one municipality."""

    month: str
    municipality: Municipality
    count: int


@dataclass(frozen=True, slots=True)
class MonthlyApplications:
    """Applications per month (last 12), non-zero counts only, by month then name."""

    by_area: tuple[AreaMonth, ...]
    by_municipality: tuple[MunicipalityMonth, ...]


@dataclass(frozen=True, slots=True)
class ServiceFigures:
    """Everything on the supervisor's figures section."""

    queue: tuple[QueueWait, ...]
    active_per_worker: tuple[WorkerActive, ...]
    meetings_per_worker: tuple[WorkerMeetings, ...]
    median_days_to_first_meeting: float | None
    applications_per_month: MonthlyApplications
