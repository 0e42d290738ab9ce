"""The supervisor's deadline figures as shown: each share as a percentage with its counts and a
bar width, the medians in days, in the user's language. Pure functions: no database, no state."""

from collections.abc import Sequence
from dataclasses import dataclass

from familywork_app.i18n import fmt_number, t
from familywork_app.services.deadline_figures import DeadlineRow


@dataclass(frozen=True, slots=True)
class DeadlineFigureView:
    """One row: a month ("2026-11") or a worker, its cases, the two shares (text and bar
    width), the two medians and the plans overdue for review."""

    label: str = ""
    cases: str = ""
    started: str = ""
    started_width: str = "0%"
    completed: str = ""
    completed_width: str = "0%"
    median_start: str = ""
    median_complete: str = ""
    plans_overdue: str = ""


def _share(done: int, known: int, lang: str) -> tuple[str, str]:
    """("75 % (3/4)", "75%"), or ("not yet", "0%") when no case counts yet."""
    if not known:
        return t(lang, "deadlines.none"), "0%"
    percent = round(done * 100 / known)
    text = t(lang, "deadlines.share", share=percent, done=done, known=known)
    return text, f"{percent}%"


def _median(value: float | None, lang: str) -> str:
    return fmt_number(value, lang) if value is not None else t(lang, "deadlines.none")


def present_deadline_row(row: DeadlineRow, lang: str) -> DeadlineFigureView:
    started, started_width = _share(row.started_in_time, row.start_known, lang)
    completed, completed_width = _share(row.completed_in_time, row.complete_known, lang)
    if row.month:
        label = row.month
    else:
        label = row.worker_name if row.worker_id is not None else t(lang, "worklist.no_worker")
    return DeadlineFigureView(
        label=label,
        cases=fmt_number(row.cases, lang),
        started=started,
        started_width=started_width,
        completed=completed,
        completed_width=completed_width,
        median_start=_median(row.median_days_to_start, lang),
        median_complete=_median(row.median_days_to_complete, lang),
        plans_overdue=fmt_number(row.plans_overdue, lang),
    )


def present_deadline_rows(rows: Sequence[DeadlineRow], lang: str) -> list[DeadlineFigureView]:
    return [present_deadline_row(row, lang) for row in rows]
