"""Service data turned into display strings in the user's language (shared by family and staff
pages). Pure functions: no database, no state."""

from collections.abc import Sequence
from dataclasses import dataclass

from familywork_app.i18n import fmt_datetime, fmt_number, t
from familywork_app.services.caseload import CaseloadRow, QueueRow
from familywork_app.services.family_search import FamilyFound
from familywork_app.services.staff import StaffRow


@dataclass(frozen=True, slots=True)
class QueueView:
    """An application in the queue, as shown (`status_key` picks the decision buttons)."""

    id: str
    name: str
    municipality: str
    status: str
    status_key: str
    channel: str
    areas: str
    waiting: str
    identified: str = ""  # "Strongly identified" / "Not identified" (issue 15)
    strongly_identified: bool = False


def present_queue(rows: Sequence[QueueRow], lang: str) -> list[QueueView]:
    """Applications waiting for a decision, as shown in the queue."""
    return [
        QueueView(
            id=str(q.application_id),
            name=q.name,
            municipality=q.municipality,
            status=t(lang, f"status.application.{q.status}"),
            status_key=q.status,
            channel=t(lang, f"channel.{q.channel}"),
            areas=", ".join(t(lang, f"area.{a}") for a in q.areas),
            waiting=t(lang, "overview.waiting_days", days=q.days_waiting),
            identified=t(
                lang, "identity.strong" if q.strongly_identified else "identity.not_identified"
            ),
            strongly_identified=q.strongly_identified,
        )
        for q in rows
    ]


@dataclass(frozen=True, slots=True)
class BarRow:
    """One row of a bar table: its label (and month), the count, and the bar's CSS width."""

    label: str
    value: str
    width: str  # a share of the largest value, e.g. "50%"
    month: str = ""


def with_widths(rows: Sequence[tuple[str, str, int]], lang: str) -> list[BarRow]:
    """Bar rows from (month, label, count): each bar's width is its share of the largest."""
    top = max((count for _month, _label, count in rows), default=0) or 1
    return [
        BarRow(
            label=label,
            value=fmt_number(count, lang),
            width=f"{count * 100 // top}%",
            month=month,
        )
        for month, label, count in rows
    ]


@dataclass(frozen=True, slots=True)
class WeekCountView:
    """A worker's booked meetings this week and next week."""

    name: str
    this_week: str
    next_week: str


@dataclass(frozen=True, slots=True)
class FamilyFoundView:
    """A family found by the supervisor's search."""

    id: str
    name: str
    municipality: str
    status: str
    worker: str


def present_found(rows: Sequence[FamilyFound], lang: str) -> list[FamilyFoundView]:
    return [
        FamilyFoundView(
            id=str(r.id),
            name=r.name,
            municipality=r.municipality,
            status=t(lang, f"status.family.{r.status}"),
            worker=r.worker_name,
        )
        for r in rows
    ]


@dataclass(frozen=True, slots=True)
class CaseloadView:
    """A family card on the worker's caseload (`status_key` and the counts filter it)."""

    id: str
    name: str
    municipality: str
    status_key: str
    status: str
    next: str
    answers: str
    unread: str
    goals: str
    weeks: str


def present_caseload(row: CaseloadRow, lang: str) -> CaseloadView:
    next_meeting = (
        f"{fmt_datetime(row.next_meeting_at, lang)} · "
        f"{t(lang, f'status.meeting.{row.next_meeting_status}')}"
        if row.next_meeting_at
        else t(lang, "common.none")
    )
    return CaseloadView(
        id=str(row.id),
        name=row.name,
        municipality=row.municipality,
        status_key=row.status,
        status=t(lang, f"status.family.{row.status}"),
        next=next_meeting,
        answers=t(lang, "caseload.answers", count=row.answers) if row.answers else "",
        unread=t(lang, "caseload.unread", count=row.unread) if row.unread else "",
        goals=t(lang, "caseload.goals_active", count=row.goals_active),
        weeks=t(lang, "caseload.weeks", weeks=row.weeks),
    )


@dataclass(frozen=True, slots=True)
class StaffView:
    """A worker or supervisor on the staff page."""

    id: str
    name: str
    email: str
    role: str  # the role's key: "role." + role is its name
    active: bool
    families: str


def present_staff(rows: Sequence[StaffRow], lang: str) -> list[StaffView]:
    return [
        StaffView(
            id=str(s.id),
            name=s.name,
            email=s.email,
            role=s.role,
            active=s.is_active,
            families=fmt_number(s.active_families, lang),
        )
        for s in rows
    ]
