"""A family's record header for staff turned into display rows in the user's language: the
family, its guardians and children, its application, and the workers a supervisor may assign.
Pure functions: no database, no state.

Every field has a default so that a state can hold an empty row before the page has loaded (the
page then renders blanks, as it did for an empty dict).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from familywork_app.i18n import fmt_date, t
from familywork_app.services.family_search import WorkerName
from familywork_app.services.visit_rows import ApplicationSummary, FamilyRecord


@dataclass(frozen=True, slots=True)
class FamilyView:
    id: str = ""
    name: str = ""
    municipality: str = ""
    address: str = ""
    status: str = ""  # a FamilyStatus value (the page compares it)
    status_label: str = ""
    worker: str = ""
    opened: str = ""
    closed: str = ""
    closing_summary: str = ""


@dataclass(frozen=True, slots=True)
class GuardianView:
    name: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True, slots=True)
class ApplicationView:
    """The family's newest application (all blank when there is none)."""

    channel: str = ""
    areas: str = ""
    description: str = ""
    reachable: str = ""
    status: str = ""
    submitted: str = ""
    decision: str = ""


@dataclass(frozen=True, slots=True)
class WorkerChoice:
    """A worker a supervisor may assign the family to."""

    id: str = ""
    name: str = ""


@dataclass(frozen=True, slots=True)
class RecordView:
    family: FamilyView
    guardians: list[GuardianView]
    children: list[str]  # "Eetu (2017)"
    application: ApplicationView


def _application(a: ApplicationSummary | None, lang: str) -> ApplicationView:
    if a is None:
        return ApplicationView()
    return ApplicationView(
        channel=t(lang, f"channel.{a.channel}"),
        areas=", ".join(t(lang, f"area.{x}") for x in a.support_areas),
        description=a.description,
        reachable=a.reachable,
        status=t(lang, f"status.application.{a.status}"),
        submitted=fmt_date(a.submitted_at, lang),
        decision=a.decision_note,
    )


def present_record(record: FamilyRecord, lang: str) -> RecordView:
    """The header of a family's page."""
    family = FamilyView(
        id=str(record.id),
        name=record.name,
        municipality=record.municipality.value,
        address=record.address,
        status=record.status.value,
        status_label=t(lang, f"status.family.{record.status}"),
        worker=record.worker_name,
        opened=fmt_date(record.opened_on, lang),
        closed=fmt_date(record.closed_on, lang),
        closing_summary=record.closing_summary,
    )
    return RecordView(
        family=family,
        guardians=[
            GuardianView(name=g.name, email=g.email, phone=g.phone) for g in record.guardians
        ],
        children=[f"{c.first_name} ({c.birth_year})" for c in record.children],
        application=_application(record.application, lang),
    )


def present_workers(workers: Iterable[WorkerName]) -> list[WorkerChoice]:
    return [WorkerChoice(id=str(w.id), name=w.name) for w in workers]
