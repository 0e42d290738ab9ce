"""A family's case timeline and deadlines as shown on the record (and the assessment's summary
on the family's home). Pure functions: no database, no state."""

from dataclasses import dataclass, field
from datetime import date

from familywork_app.domain import CaseStepKind
from familywork_app.i18n import fmt_date, t
from familywork_app.services.case_process import CaseStepRow, CaseTimeline
from familywork_app.state.work_list_presenters import TAGS, days_text, urgency


@dataclass(frozen=True, slots=True)
class ProcessStepView:
    """One dated step; `who` recorded it ("" for steps made from old data)."""

    id: str = ""
    label: str = ""
    day: str = ""
    who: str = ""


@dataclass(frozen=True, slots=True)
class DeadlineView:
    """A deadline: what is due by when, and how it stands (days left, or done in time/late)."""

    label: str = ""
    state: str = ""
    tag_class: str = "tag tag-neutral"


@dataclass(frozen=True, slots=True)
class ProcessView:
    """`phase`: the form the worker sees next: "start", "complete" or "done"."""

    received: str = ""
    steps: list[ProcessStepView] = field(default_factory=list)
    deadlines: list[DeadlineView] = field(default_factory=list)
    phase: str = "start"
    summary: str = ""
    special_support: str = ""


def _deadline(
    label: str, days_left: int | None, done_on: date | None, in_time: bool | None, lang: str
) -> DeadlineView:
    if in_time is not None:
        key = "process.in_time" if in_time else "process.late"
        tone = "tag tag-ok" if in_time else "tag tag-error"
        return DeadlineView(label, t(lang, key, date=fmt_date(done_on, lang)), tone)
    left = days_left if days_left is not None else 0
    return DeadlineView(label, days_text(left, lang), TAGS[urgency(left)])


def completed_step(timeline: CaseTimeline) -> CaseStepRow | None:
    """The newest completed assessment, if any."""
    done = [s for s in timeline.steps if s.kind == CaseStepKind.ASSESSMENT_COMPLETED]
    return done[-1] if done else None


def present_process(timeline: CaseTimeline, lang: str) -> ProcessView:
    d = timeline.deadlines
    deadlines: list[DeadlineView] = []
    if d.assessment_start_due and d.assessment_complete_due:
        deadlines = [
            _deadline(
                t(lang, "process.start_due", date=fmt_date(d.assessment_start_due, lang)),
                d.assessment_start_days_left,
                d.assessment_started_on,
                d.assessment_started_in_time,
                lang,
            ),
            _deadline(
                t(lang, "process.complete_due", date=fmt_date(d.assessment_complete_due, lang)),
                d.assessment_complete_days_left,
                d.assessment_completed_on,
                d.assessment_completed_in_time,
                lang,
            ),
        ]
    done = completed_step(timeline)
    phase = "done" if done else "complete" if d.assessment_started_on else "start"
    support = ""
    if done is not None and done.special_support is not None:
        support = t(lang, f"process.special_support_{'yes' if done.special_support else 'no'}")
    return ProcessView(
        received=(
            t(lang, "process.received_on", date=fmt_date(d.received_on, lang))
            if d.received_on
            else t(lang, "process.no_received")
        ),
        steps=[
            ProcessStepView(
                id=str(s.id),
                label=t(lang, f"process.step.{s.kind.value}"),
                day=fmt_date(s.on, lang),
                who=s.recorded_by,
            )
            for s in timeline.steps
        ],
        deadlines=deadlines,
        phase=phase,
        summary=done.summary if done else "",
        special_support=support,
    )


def present_summary(timeline: CaseTimeline, lang: str) -> tuple[str, str]:
    """For the family's home: the completed assessment's summary and "Completed on …" (both
    "" until the assessment is completed)."""
    done = completed_step(timeline)
    if done is None or not done.summary:
        return "", ""
    return done.summary, t(lang, "home.assessment_done", date=fmt_date(done.on, lang))
