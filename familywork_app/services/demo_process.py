"""Demo data of the client process (issue 16): each demo family's case steps, so that a newcomer
sees a full work list with an overdue item for worker@example.org, and the supervisor's deadline
figures have something to count.

Each family's matter is received on its application's day; then, by family:
- Kemppainen (the demo guardians' family): assessment completed, no special support, with a
  summary for the family (its client plan comes from `demo_plans`);
- Huttunen: assessment completed two weeks ago (no special support): the plan is to be made;
- Korhonen: assessment started, to be completed within weeks;
- Pikkarainen: assessment started late (after the 7th working day);
- Seppänen: assessment not started: OVERDUE on the work list;
- worker2's Ryynänen: completed (special support: yes); Moilanen: not started (overdue);
- the closed Komulainen family: completed long ago.
Families still applying count from their application (no step needed). All days are relative to
the application and to today, so the demo always looks current.
"""

from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, func, select

from familywork_app.domain import CaseStepKind
from familywork_app.models import Application, CaseStep, Family
from familywork_app.services.case_process import helsinki_day
from familywork_app.services.working_days import add_working_days

HELSINKI = ZoneInfo("Europe/Helsinki")


class Assessment(NamedTuple):
    """When the assessment started (working days after receipt) and ended (days before today;
    None: still going), the yes or no on special support and the summary for the family."""

    start_working_days: int | None
    completed_days_ago: int | None = None
    special_support: bool | None = None
    summary: str = ""


KEMPPAINEN_SUMMARY = (
    "Arvioimme yhdessä perheen arkea kotikäynneillä ja keskusteluissa. Perheellä on paljon "
    "voimavaroja: vanhemmat tekevät hyvää yhteistyötä ja lapset ovat läheisiä. Tukea "
    "tarvitaan arjen rytmiin ja rauhallisiin siirtymiin aamuisin ja iltaisin. Lapsilla ei ole "
    "erityisen tuen tarvetta. Jatkamme perhetyötä asiakassuunnitelman mukaan."
)
HUTTUNEN_SUMMARY = (
    "Veetin koulunkäynnin tueksi sovitaan yhteistyö koulun kanssa, ja kotona harjoitellaan "
    "riitojen sopimista. Erityisen tuen tarvetta ei ole. Laadimme asiakassuunnitelman "
    "seuraavalla tapaamisella."
)
RYYNANEN_SUMMARY = (
    "Perhe tarvitsee tiivistä tukea arkeen. Lapsella on erityisen tuen tarve; teemme "
    "yhteistyötä lastensuojelun kanssa."
)
KOMULAINEN_SUMMARY = "Perhe hyötyy lyhyestä perhetyön jaksosta arjen rutiinien tueksi."

PLAN: dict[str, Assessment] = {
    "Kemppainen": Assessment(3, 20, False, KEMPPAINEN_SUMMARY),
    "Huttunen": Assessment(4, 14, False, HUTTUNEN_SUMMARY),
    "Korhonen": Assessment(5),
    "Pikkarainen": Assessment(9),
    "Seppänen": Assessment(None),
    "Ryynänen": Assessment(2, 10, True, RYYNANEN_SUMMARY),
    "Moilanen": Assessment(None),
    "Komulainen": Assessment(4, 150, False, KOMULAINEN_SUMMARY),
}


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=HELSINKI).astimezone(UTC)


def _step(
    family: Family,
    kind: CaseStepKind,
    day: date,
    special_support: bool | None = None,
    summary: str = "",
) -> CaseStep:
    return CaseStep(
        family_id=family.id or 0,
        kind=kind,
        on=day,
        recorded_by_id=family.worker_id,
        recorded_at=_noon(day),
        special_support=special_support,
        summary=summary,
    )


def _steps(family: Family, received: date, plan: Assessment, today: date) -> list[CaseStep]:
    steps = [_step(family, CaseStepKind.RECEIVED, received)]
    if plan.start_working_days is None:
        return steps
    started = min(add_working_days(received, plan.start_working_days), today)
    steps.append(_step(family, CaseStepKind.ASSESSMENT_STARTED, started))
    if plan.completed_days_ago is not None:
        completed = max(today - timedelta(days=plan.completed_days_ago), started)
        steps.append(
            _step(
                family,
                CaseStepKind.ASSESSMENT_COMPLETED,
                completed,
                plan.special_support,
                plan.summary,
            )
        )
    return steps


def add_demo_process(session: Session, now: datetime) -> None:
    """Add the case steps of the demo families in `PLAN` (flushed with the caller's commit)."""
    today = helsinki_day(now)
    first = (
        select(Family, func.min(Application.submitted_at))
        .join(Application, col(Application.family_id) == Family.id)
        .where(col(Family.name).in_(list(PLAN)))
        .group_by(col(Family.id))
    )
    for family, submitted in session.exec(first):
        session.add_all(_steps(family, helsinki_day(submitted), PLAN[family.name], today))
    session.flush()
